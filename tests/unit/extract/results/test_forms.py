"""The written forms of results (tests/fixtures/results/forms.json: invented sentences in English and
Chinese, with the rows a careful reviewer exports), read stage by stage and as a whole.

A row is right as shared/spec/results-annotation.md says: same value, its digits inside the row's
quote, the arm the same after folding (or one containing the other), half of the measure's words
(or the endpoint code), n/N and CI as printed. Forms the reader does not read right yet are
expected failures (strict: reading one right makes the test say so).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evkg.core.fold import fold
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.results.tokens import masks, numbers
from evkg.extract.text.context import Context
from helpers.corpus import FIXTURES
from helpers.scorer import results_score

FORMS = json.loads((FIXTURES / "results" / "forms.json").read_text(encoding="utf-8"))
PROSE = [f for f in FORMS if f["kind"] in ("prose", "negative")]
RUN = Context()
# Forms read with a wrong attribute today, and why (the measure's words the gold needs are not printed
# next to the number, or the arm is a word no list names).
NOT_YET = {
    "E02": "measure `headache resolution`: the text says `resolved`",
    "E11": "comparator and measure `men vs women` come from the sentence before in real text",
    "E19": "measure `change in heart rate from basal value` is implied by `rose by`",
    "E22": "a result printed as a bound (`stayed above 96%`) is read as a threshold",
    "E24": "the measure is the verb's object (`reduced the exacerbation rate by 27%`)",
    "E30": "`yoga 3.4 vs usual care 2.9`: an arm named only by its word before the number",
    "Z10": "`总体发生率` takes no code from the clause before",
    "Z11": "measure `随访截止时存活例数` is spread over the clause",
}
def outcomes(text: str) -> list:
    doc = read_plain(Path("form.txt"), text)
    return [f for f in extract_facts(doc, RUN, ["outcomes"])
            if f.kind == "outcome" and f.detail("source") in ("", "own")]


def measure_right(f, row: dict) -> bool:
    return results_score().measure_right({"measure": f.detail("measure"), "name": f.name}, row)


def _same(got, want: str) -> bool:
    return not want or (got not in (None, "") and abs(float(got) - float(want)) < 1e-9)


def problems(f, row: dict) -> list[str]:
    out = []
    if not results_score().arm_right(f.arm, row["arm"]):
        out.append(f"arm {f.arm!r} (want {row['arm']!r})")
    if not measure_right(f, row):
        out.append(f"measure {f.detail('measure') or f.name!r} (want {row['measure']!r})")
    if not (_same(f.n, row["n"]) and _same(f.total, row["total"])):
        out.append(f"n/N {f.n}/{f.total} (want {row['n']}/{row['total']})")
    if not (_same(f.detail("ci_low"), row["ci_low"]) and _same(f.detail("ci_high"), row["ci_high"])):
        out.append(f"CI {f.detail('ci_low')}-{f.detail('ci_high')} (want {row['ci_low']}-{row['ci_high']})")
    return out


def _form_id(f: dict) -> str:
    return f["id"]


@pytest.mark.parametrize("form", PROSE, ids=_form_id)
def test_tokens_give_each_result_its_value_span_and_count(form, request):
    """Stage 1: every result's digits are one value token, valued (signed) and counted as the row says."""
    if form["id"] == "E22":
        request.applymarker(pytest.mark.xfail(reason=NOT_YET["E22"], strict=True))
    key = fold(form["text"])  # one character folds to one here: key offsets are text offsets
    assert len(key) == len(form["text"])
    toks = {(n.start, n.end): n for n in numbers(key, 0, len(key), masks(key, [])) if n.is_value}
    for row in form["rows"]:
        n = toks.get((row["start"], row["end"]))
        assert n is not None, f"{row['printed']} at {row['start']} is no value token: {sorted(toks)}"
        assert n.value == pytest.approx(float(row["value"]))
        if row["n"] and row["statistic"] != "count":
            assert n.n == int(row["n"])


@pytest.mark.parametrize("form", PROSE, ids=_form_id)
def test_the_reader_gives_the_rows_of_each_form(form, request):
    if form["id"] in NOT_YET:
        request.applymarker(pytest.mark.xfail(reason=NOT_YET[form["id"]], strict=True))
    facts = outcomes(form["text"])
    unmatched = list(facts)
    wrong = []
    for row in form["rows"]:
        found = [f for f in unmatched if f.provenance.start <= row["start"] and row["end"] <= f.provenance.end
                 and f.value == pytest.approx(float(row["value"]))]
        assert found, f"no row for {row['printed']}: {[(f.value, f.provenance.quote) for f in facts]}"
        best = min(found, key=lambda f: len(problems(f, row)))
        unmatched.remove(best)
        wrong += problems(best, row)
    assert not unmatched, f"rows that are no results: {[(f.value, f.provenance.quote) for f in unmatched]}"
    assert not wrong, wrong


def test_every_form_quotes_its_span_and_reads_a_printed_number():
    for form in PROSE:
        for f in outcomes(form["text"]):
            assert f.provenance.quote == form["text"][f.provenance.start:f.provenance.end]
            printed = {float(x.replace(",", "")) for x in re.findall(r"\d+(?:\.\d+)?", f.provenance.quote)}
            assert abs(f.value) in printed, (form["id"], f.value, f.provenance.quote)
