"""The Data-and-analyses sheet: one row per outcome x comparison x time point, both arms' numbers
side by side with the effect, CI and p, as a reviewer pastes it into RevMan.

Inputs: tests/fixtures/trials/, two invented two-arm trial reports (English: a dichotomous outcome
with an odds ratio and a mean ± SD outcome with a mean difference; Chinese: a dichotomous outcome
with an odds ratio and a median with a hazard ratio), and result rows made up here for the rules."""
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from evkg.kg.cli import main
from evkg.kg.report.analyses import DA_COLUMNS, data_and_analyses
from helpers.corpus import FIXTURES, read_table

TRIALS = FIXTURES / "trials"


@pytest.fixture(scope="module")
def trials_store(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("trials") / "store")
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", store, str(TRIALS)])
    assert res.exit_code == 0, res.output
    return store


@pytest.fixture(scope="module")
def da_sheet(trials_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("da") / "trials.xlsx"
    res = CliRunner().invoke(main, ["export", "--store", trials_store, "-o", str(out)])
    assert res.exit_code == 0 and "Data and analyses 5 rows" in res.output, res.output
    ws = load_workbook(out)["Data and analyses"]
    header = [c.value for c in ws[1]]
    assert tuple(header) == DA_COLUMNS
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]


def _row(rows, doc, outcome):
    found = [r for r in rows if r["Doc"] == doc and r["Outcome"] == outcome]
    assert len(found) == 1, found
    return found[0]


def _text(name):
    return (TRIALS / f"{name}.txt").read_text(encoding="utf-8")


def test_dichotomous_outcome_is_one_row_with_both_arms_and_the_effect(da_sheet):
    r = _row(da_sheet, "trial_two_arms_en", "clear or almost clear skin")
    assert (r["Experimental"], r["Experimental events"], r["Experimental total"]) == ("brivanib group", 27, 60)
    assert (r["Control"], r["Control events"], r["Control total"]) == ("placebo group", 12, 60)
    assert (r["Effect measure"], r["Effect estimate"], r["CI lower"], r["CI upper"], r["CI level"], r["P"]) \
        == ("OR", 3.27, 1.45, 7.38, 95, 0.004)
    assert r["Data type"] == "Dichotomous"
    # Where each number was read: offsets into the document, each a span holding it.
    text = _text("trial_two_arms_en")
    spans = [text[int(a):int(b)] for a, b in (loc.split("-") for loc in r["Quotes"].split(", "))]
    assert any("27 of 60" in s for s in spans) and any("12 of 60" in s for s in spans)
    assert any("3.27" in s for s in spans)


def test_mean_sd_outcome_is_one_row_with_both_arms_and_the_mean_difference(da_sheet):
    r = _row(da_sheet, "trial_two_arms_en", "itch score")
    assert (r["Experimental mean"], r["Experimental SD"], r["Experimental total"]) == (2.1, 1.4, 60)
    assert (r["Control mean"], r["Control SD"], r["Control total"]) == (3.6, 1.9, 60)
    assert (r["Effect measure"], r["Effect estimate"], r["CI lower"], r["CI upper"]) == ("MD", -1.5, -2.1, -0.9)
    assert r["P"].replace(" ", "") == "<0.001" and r["Data type"] == "Continuous"
    assert r["Experimental events"] is None and r["Control events"] is None


def test_chinese_trial_rows(da_sheet):
    orr = _row(da_sheet, "trial_two_arms_zh", "objective response rate")
    assert (orr["Code"], orr["Experimental"], orr["Experimental events"], orr["Experimental total"]) \
        == ("ORR", "联合组", 22, 40)
    assert (orr["Control"], orr["Control events"], orr["Control total"]) == ("对照组", 10, 40)
    assert (orr["Effect estimate"], orr["CI lower"], orr["CI upper"], orr["P"]) == (3.67, 1.42, 9.48, 0.006)
    pfs = _row(da_sheet, "trial_two_arms_zh", "progression-free survival")
    assert (pfs["Experimental"], pfs["Control"], pfs["Effect measure"], pfs["Effect estimate"]) \
        == ("联合组", "对照组", "HR", 0.52)
    assert (pfs["CI lower"], pfs["CI upper"], pfs["P"], pfs["Unit"]) == (0.31, 0.87, 0.01, "months")
    assert {pfs["Experimental value"], pfs["Experimental median"]} - {None} == {9.2}
    assert pfs["Study"] == "王小明"


def test_da_csv_is_the_sheet_as_csv(trials_store, da_sheet, tmp_path):
    by_name, by_format = tmp_path / "trials.da.csv", tmp_path / "trials.txt"
    for args in (["-o", str(by_name)], ["--format", "da-csv", "-o", str(by_format)]):
        res = CliRunner().invoke(main, ["export", "--store", trials_store, *args])
        assert res.exit_code == 0 and "5 rows written" in res.output, res.output
    rows = read_table(by_name)
    assert tuple(rows[0]) == DA_COLUMNS and rows == read_table(by_format)
    r = next(r for r in rows if r["Outcome"] == "itch score")
    # Numbers as numbers: a negative bound is no formula, so it keeps no apostrophe.
    assert (r["Experimental mean"], r["Control SD"], r["CI lower"], r["CI upper"]) == ("2.1", "1.9", "-2.1", "-0.9")
    assert len(rows) == len(da_sheet)


# Result rows as report/rows.py gives them, made up: the rules on inputs no extractor has to produce.
def _result(start, name="ORR", arm="", comparator="", value=10.0, unit="%", ref="", **extra):
    row = {"doc": "d", "kind": "outcome", "name": name, "value": str(value), "unit": unit, "n": "", "total": "",
           "arm": arm, "timeframe": "", "criteria": "", "ref": ref, "quote": f"q{start}", "start": str(start),
           "end": str(start + 5), "result": f"r{start}", "study": "S", "section": "", "measure": "",
           "statistic": "", "effect": "", "ci_low": "", "ci_high": "", "ci_level": "", "p_value": "",
           "comparator": comparator, "arm_size": "", "comparator_size": "", "sd": "", "source": "own",
           "source_name": "", "fact": f"f{start}", "mentions": "1",
           "arm_node": f"arm/{arm}" if arm else "", "arm_label": arm,
           "comparator_node": f"arm/{comparator}" if comparator else "", "comparator_label": comparator}
    return row | {k: str(v) for k, v in extra.items()}


def _arm(start, name, size):
    return _result(start, name=name, arm="", value=size, unit="patients") | {
        "kind": "arm", "total": str(size), "arm_node": f"arm/{name}", "arm_label": name}


def test_a_control_arm_is_the_control_whichever_comes_first():
    rows = data_and_analyses([_arm(0, "placebo group", 30), _arm(10, "drug group", 31),
                              _result(20, arm="placebo group", value=20), _result(30, arm="drug group", value=40)])
    assert len(rows) == 1
    r = rows[0]
    assert (r["Experimental"], r["Experimental value"], r["Experimental total"]) == ("drug group", 40, 31)
    assert (r["Control"], r["Control value"], r["Control total"]) == ("placebo group", 20, 30)


def test_an_effect_names_which_arm_is_compared_with_which():
    rows = data_and_analyses([_result(0, arm="B组", value=20), _result(10, arm="A组", value=40),
                              _result(20, arm="A组", comparator="B组", value=2.1, unit="HR",
                                      ci_low=1.2, ci_high=3.4, p_value="0.01")])
    assert len(rows) == 1
    r = rows[0]
    assert (r["Experimental"], r["Experimental value"], r["Control"], r["Control value"]) == ("A组", 40, "B组", 20)
    assert (r["Effect measure"], r["Effect estimate"], r["CI lower"], r["CI upper"], r["P"]) \
        == ("HR", 2.1, 1.2, 3.4, 0.01)
    assert r["Data type"] == "Dichotomous"   # percentages of each arm: a proportion


def test_an_effect_without_arms_joins_the_outcomes_one_comparison():
    rows = data_and_analyses([_result(0, name="OS", arm="A组", value=12, unit="months"),
                              _result(10, name="OS", arm="B组", value=8, unit="months"),
                              _result(20, name="OS", value=0.6, unit="HR", ci_low=0.4, ci_high=0.9)])
    assert len(rows) == 1 and rows[0]["Effect estimate"] == 0.6 and rows[0]["Control value"] == 8


def test_three_arms_each_against_the_control():
    rows = data_and_analyses([_result(0, arm="A group", value=30), _result(10, arm="control group", value=10),
                              _result(20, arm="B group", value=25)])
    assert sorted((r["Experimental"], r["Control"]) for r in rows) \
        == [("A group", "control group"), ("B group", "control group")]


def test_a_second_number_for_a_filled_cell_opens_a_row():
    rows = data_and_analyses([_result(0, arm="A组", value=30), _result(10, arm="B组", value=10),
                              _result(20, arm="A组", value=33)])
    assert sorted(r["Experimental value"] for r in rows) == [30, 33]


def test_cited_studies_are_apart():
    rows = data_and_analyses([_result(0, arm="A组", value=30, ref="1", study="Wang 2020"),
                              _result(10, arm="A组", value=40, ref="2", study="Li 2021")])
    assert sorted((r["Study"], r["Experimental value"]) for r in rows) == [("Li 2021", 40), ("Wang 2020", 30)]


_ARMS = st.sampled_from(["", "A组", "B组", "placebo", "C arm"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_ARMS, _ARMS, st.sampled_from(["ORR", "OS"]), st.booleans(),
                          st.integers(0, 99)), min_size=1, max_size=12))
def test_every_result_is_in_a_row_and_no_arm_is_compared_with_itself(specs):
    results = []
    for i, (arm, comparator, name, effect, value) in enumerate(specs):
        comparator = comparator if arm and comparator != arm else ""
        results.append(_result(i * 10, name=name, arm=arm, comparator=comparator, value=value,
                               unit="HR" if effect else "%"))
    rows = data_and_analyses(results)
    located = {loc for r in rows for loc in r["Quotes"].split(", ")}
    assert {f"{r['start']}-{r['end']}" for r in results} <= located
    assert not any(r["Experimental"] and r["Experimental"] == r["Control"] for r in rows)
    assert all(set(r) == set(DA_COLUMNS) for r in rows)
