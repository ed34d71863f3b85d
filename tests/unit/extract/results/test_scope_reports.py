"""Two invented reports (R32) whose results stand beside numbers that are no result of the study, each written
with its expected rows (tests/fixtures/study/results_expected.tsv, results only) before the reader first ran on
it: an English trial in the PubMed Central layout (a table of the patients' state at the start of ventilation,
a power calculation, a scale's range and cut-off, cost inputs in the methods and in a table of the model's
inputs, a participant flow, a CI's bounds restated as `as many as`, cited trials with their reference numbers)
and a Chinese one (a table `入组时`, a sample-size calculation, a scale `0～10分`, unit costs, rows `治疗前` under
each group beside rows `治疗7 d后`, a discussion citing other studies' rates with `［8］`). First run: precision
0.91 (English) and 0.52 (Chinese); bench/results-log.md (r32). No own-study fact may stand outside the list, and
each row reads as expected or exactly as wrong as KNOWN says (a row that reads better fails too)."""
import pytest

from helpers.expected_results import expected_rows, extras, judge

REPORTS = ("en_scope_oxygen", "zh_scope_pancreatitis")
ROWS = [r for r in expected_rows() if r.fixture in REPORTS]

KNOWN = {
    # measure.py: a unit word ending the measure is taken as its unit (`ventilator-free days`, `life years`)
    "en_scope_oxygen:days was [19] with": ["measure"], "en_scope_oxygen:and [17] with the liberal": ["measure"],
    "en_scope_oxygen:a median of [19] (IQR": ["measure", "p"], "en_scope_oxygen:and [17] (IQR 4-23)": ["measure"],
    "en_scope_oxygen:were [0.41] in": ["measure"], "en_scope_oxygen:and [0.37] in the liberal": ["measure"],
    "en_scope_oxygen:Our median of [19] ventilator-free": ["measure"],
    # the relative risk's p in the bracket after the pair does not reach the two arms' shares in the abstract
    "en_scope_oxygen:in 64 of 194 patients ([33.0]%)": ["p"], "en_scope_oxygen:in 79 of 198 ([39.9]%)": ["p"],
    # a CI with a minus sign and a thousands comma after a saving in euros is not attached
    "en_scope_oxygen:saved €[2,560]": ["ci"],
    # a cost in 万元 is not read
    "zh_scope_pancreatitis:费用为（[5.82]±1.36）": ["missed"],
    "zh_scope_pancreatitis:对照组的（[7.15]±1.72）": ["missed"],
}


def test_known_names_rows_that_exist():
    assert set(KNOWN) <= {r.id for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.fixture}-{i}" for i, r in enumerate(ROWS)])
def test_each_result_reads_as_expected(row):
    assert judge(row) == KNOWN.get(row.id, []), row.anchor


@pytest.mark.parametrize("fixture", REPORTS)
def test_no_number_outside_the_results_is_an_own_result(fixture):
    """Baseline tables under other names, protocol and power figures, cost inputs, scale ranges, the participant
    flow, other trials' numbers and reference numbers: none is an own result."""
    assert extras(fixture, ROWS) == []
