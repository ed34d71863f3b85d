"""Invented reports with every result written out (tests/fixtures/study/results_expected.tsv): each row
names its number by an anchor (the text around it, the number in [brackets], `@k` for the k-th occurrence,
`\\t` a tab, `\\n` a line break), and the measure, arm, n/N, CI, p and time point a reviewer expects. `judge` matches
a row to the fact whose span holds the number (as ../shared/tools/results_score.py matches) and names what is wrong.
A measure is right when every `+`-joined part of the expected measure is in the fact's measure or time
point, or the expected measure is empty and the codes agree: stricter than the scorer's code match, so a
factor's HR must name its factor."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from helpers.corpus import FIXTURES
from helpers.results import outcomes
from helpers.scorer import results_score

STUDY = FIXTURES / "study"
EXPECTED = STUDY / "results_expected.tsv"
# English multi-arm reports (R30): the same columns, judged as results_score.py judges (`scorer_wrong`)
MULTIARM = FIXTURES / "results" / "multiarm_expected.tsv"
ATTRIBUTES = ("measure", "arm", "n", "total", "ci", "p", "timepoint", "source")


@dataclass(frozen=True)
class Row:
    fixture: str
    anchor: str
    start: int
    end: int
    value: float
    measure: str
    endpoint: str
    arm: str
    n: str
    total: str
    ci: tuple[str, str]
    p: str
    timepoint: str

    @property
    def id(self) -> str:
        return f"{self.fixture}:{self.anchor}"


@cache
def text_of(fixture: str) -> str:
    path = STUDY / f"{fixture}.txt"
    return (path if path.exists() else MULTIARM.parent / f"{fixture}.txt").read_text(encoding="utf-8")


@cache
def facts_of(fixture: str) -> tuple:
    return tuple(outcomes(text_of(fixture), f"{fixture}.txt"))


def _locate(text: str, anchor: str) -> tuple[int, int]:
    anchor, _, k = anchor.replace("\\t", "\t").replace("\\n", "\n").partition("@")
    plain = anchor.replace("[", "").replace("]", "")
    starts = [m.start() for m in re.finditer(re.escape(plain), text)]
    at = starts[int(k or 0)] + anchor.index("[")
    return at, at + anchor.index("]") - anchor.index("[") - 1


def expected_rows(path=EXPECTED) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for r in raw:
        start, end = _locate(text_of(r["fixture"]), r["anchor"])
        text = text_of(r["fixture"])
        sign = -1 if text[start - 1:start] in ("-", "\u2212") else 1  # a value's span is its digits, as the gold's
        value = sign * float(text[start:end].replace(",", ""))  # `€31,420`
        out.append(Row(r["fixture"], r["anchor"], start, end, value,
                       r["measure"], r["endpoint"], r["arm"], r["n"], r["total"], (r["ci_low"], r["ci_high"]),
                       r["p"], r["timepoint"]))
    return out


def _num(x) -> str:
    return "" if x in (None, "") else f"{float(x):g}"


def _same_p(want: str, got: str) -> bool:
    return want.replace(" ", "") == (got or "").replace(" ", "").replace("＜", "<")


def wrong(row: Row, f) -> list[str]:
    """The attributes of `f` that are not what `row` expects (the p and time point only when expected)."""
    out = [] if f.detail("source") in ("", "own") else ["source"]
    said = f"{f.detail('measure')} {f.timeframe}".casefold()
    if not (all(part.casefold() in said for part in row.measure.split("+")) if row.measure else f.name == row.endpoint):
        out.append("measure")
    if re.sub(r"\s", "", f.arm or "") != re.sub(r"\s", "", row.arm):
        out.append("arm")
    if row.n and _num(f.n) != _num(row.n):
        out.append("n")
    # a table cell's N is its arm's size from the header (`A组（n=94）`), kept as the arm's size when the cell
    # prints none of its own
    if row.total and _num(f.total if f.total is not None else f.detail("arm_size", None)) != _num(row.total):
        out.append("total")
    if row.ci[0] and (_num(f.detail("ci_low", "")), _num(f.detail("ci_high", ""))) != tuple(map(_num, row.ci)):
        out.append("ci")
    if row.p and not _same_p(row.p, f.detail("p_value", "")):
        out.append("p")
    if row.timepoint and row.timepoint not in f"{f.timeframe} {f.detail('measure')}":
        out.append("timepoint")
    return out


def match(row: Row, facts) -> object | None:
    """The fact whose span holds the row's number and whose value is that number."""
    for f in facts:
        p = f.provenance
        if p.start <= row.start and row.end <= p.end and f.value is not None and abs(f.value - row.value) < 1e-9:
            return f
    return None


def judge(row: Row) -> list[str]:
    """What is wrong with the reading of `row`: ['missed'] when no fact holds it, else the wrong attributes."""
    f = match(row, facts_of(row.fixture))
    return ["missed"] if f is None else wrong(row, f)


def extras(fixture: str, rows: list[Row]) -> list[str]:
    """The quotes of the own-study facts of `fixture` that match no expected row (false results, or results left
    out of the list); another study's numbers, tagged with their citation, are not the study's results."""
    mine = [r for r in rows if r.fixture == fixture]
    text = text_of(fixture)
    return [text[f.provenance.start:f.provenance.end] for f in facts_of(fixture)
            if f.detail("source") in ("", "own") and not any(match(r, [f]) for r in mine)]


def scorer_wrong(row: Row, f) -> list[str]:
    """What results_score.py finds wrong in `f` for `row` (arm folded, half of the measure's words, n/N, CI),
    and the p where the row has one."""
    out = [] if f.detail("source") in ("", "own") else ["source"]
    sc = results_score()
    if not sc.arm_right(f.arm, row.arm):
        out.append("arm")
    if not sc.measure_right({"measure": f.detail("measure"), "name": f.name},
                            {"measure": row.measure, "endpoint": row.endpoint}):
        out.append("measure")
    if row.n and _num(f.n) != _num(row.n) or row.total and _num(f.total) != _num(row.total):
        out.append("n")
    if row.ci[0] and (_num(f.detail("ci_low", "")), _num(f.detail("ci_high", ""))) != tuple(map(_num, row.ci)):
        out.append("ci")
    if row.p and not _same_p(row.p, f.detail("p_value", "")):
        out.append("p")
    return out


def scorer_judge(row: Row) -> list[str]:
    f = match(row, facts_of(row.fixture))
    return ["missed"] if f is None else scorer_wrong(row, f)
