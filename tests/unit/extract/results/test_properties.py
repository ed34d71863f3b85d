"""Invariants of the results reader on generated text: every row quotes its span and reads a number
printed in it; a comparison written with random numbers, arms and measures gives its two rows."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MEASURES = ["pain score", "response rate", "length of stay", "serum ferritin", "complete healing"]
ARMS = ["ketamine", "placebo", "control", "drug A", "usual care", "intervention"]
_PRINTED = re.compile(r"\d*[.·]\d+|\d+")  # `.62` is 0.62 (journals that drop the leading zero)


def outcomes(text: str) -> list:
    doc = read_plain(Path("generated.txt"), text)
    return [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]


def _decimal(lo: int, hi: int):
    return st.tuples(st.integers(lo, hi), st.integers(0, 9)).map(lambda t: f"{t[0]}.{t[1]}")


@SETTINGS
@given(measure=st.sampled_from(MEASURES), a=_decimal(1, 99), b=_decimal(1, 99),
       arms=st.lists(st.sampled_from(ARMS), min_size=2, max_size=2, unique=True), p=_decimal(0, 0),
       unit=st.sampled_from(["%", " mg/dL", " days", ""]))
def test_a_comparison_of_two_groups_gives_two_rows_with_their_arms(measure, a, b, arms, p, unit):
    text = f"The {measure} was {a}{unit} in the {arms[0]} group and {b}{unit} in the {arms[1]} group (p = {p})."
    facts = outcomes(text)
    assert sorted(round(f.value, 1) for f in facts) == sorted([float(a), float(b)])
    for f in facts:  # each row the arm printed after its number (`drug A` or `drug A group`)
        want = arms[0] if f.provenance.end <= text.index(" and ") else arms[1]
        other = arms[0 if want == arms[1] else 1]
        assert want.lower() in f.arm.lower() and other.lower() in f.detail("comparator").lower()
    assert all(measure in f.detail("measure").lower() for f in facts)
    assert all(f.detail("p_value") == p for f in facts)


PIECES = list("0123456789.,;:()%±~-− vsandinthegroup比组为，。（）％\n") + [
    "95% CI ", "p = ", "HR ", "例", "个月", " months", "respectively", " was ", "ORR ", "median OS ", " vs "]


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@example("HR .1")  # found by hypothesis: a number printed without its leading zero
def test_every_row_quotes_its_span_and_reads_a_number_printed_there(text):
    for f in outcomes(text):
        assert f.provenance.quote == text[f.provenance.start:f.provenance.end]
        printed = {float(x.replace("·", ".")) for x in _PRINTED.findall(f.provenance.quote)}
        assert abs(f.value) in printed
