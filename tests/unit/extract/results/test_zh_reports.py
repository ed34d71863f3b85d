"""Four invented Chinese reports in house styles first met on reports we do not have (issue 18): a CNKI export
whose tables lost their layout (cells one space apart, a table a cell a line under a two-level header, `χ²值`
and `P值` rows), a retrospective cohort with survival rates per year, median DFS with its CI and a
uni-/multivariate Cox table, adverse events by grade with response counts under `一、` / `（一）` headings, and a
nursing RCT with SAS/SDS before and after, FACT-B dimensions, satisfaction and complications. Every result is
written out in tests/fixtures/study/results_expected.tsv (helpers/expected_results.py reads and judges it;
bench/zh_reports.py prints the figures). Each row must read as expected, or exactly as wrong as KNOWN says: a
row that reads better than KNOWN fails too, so KNOWN only shrinks."""
import pytest

from helpers.expected_results import expected_rows, extras, judge

ROWS = expected_rows()

# What is left, by row: `missed` (no fact over the number) or the attributes read wrong.
KNOWN = {
    # a table a cell a line under a two-level header (`ALT（U/L）` over `治疗前` `治疗后`) makes no grid
    "zh_cnki_liver:[68.35]±15.42": ["missed"], "zh_cnki_liver:[56.47]±12.36": ["missed"],
    "zh_cnki_liver:[22.15]±5.63": ["missed"], "zh_cnki_liver:[45.27]±11.08": ["missed"],
    "zh_cnki_liver:[38.62]±9.84": ["missed"], "zh_cnki_liver:[16.34]±4.27": ["missed"],
    # a list of factors each with its HR: the second takes the first factor's name
    "zh_cox_survival:微血管侵犯（HR=[1.87]": ["measure"], "zh_cox_survival:微血管侵犯（HR=[1.87]@1": ["measure"],
    # `两组3～4级不良反应发生率分别为…，差异无统计学意义（χ²=0.921，P=0.337）`: the p after a second clause
    "zh_ae_grades:发生率分别为[17.5]%": ["p"], "zh_ae_grades:和[10.0]%（4/40）": ["p"],
    # counts of answers (`非常满意22例，满意16例`) are no han_counted measure
    "zh_nursing_qol:观察组非常满意[22]例": ["missed"], "zh_nursing_qol:满意[16]例": ["missed"],
    "zh_nursing_qol:不满意[2]例": ["missed"], "zh_nursing_qol:对照组非常满意[15]例": ["missed"],
    "zh_nursing_qol:满意[17]例": ["missed"], "zh_nursing_qol:不满意[8]例": ["missed"],
    # R15's reports. Deaths by cause in brackets (`治疗相关死亡3例（放射性肺炎2例，大咯血1例），B组1例（放射性肺炎）`):
    # the causes' counts and the second group's count are not read
    "zh_elderly_crt:放射性肺炎[2]例": ["missed"],
    "zh_elderly_crt:单纯放疗组[1]例（放射性肺炎）": ["missed"],
    # two measures named in the clause before (`正中神经MCV、SCV均较治疗前提高，且观察组分别为a、b，均高于对照组的c、d`)
    "zh_tcm_dpn:分别为（[49.26]±4.31）": ["missed"], "zh_tcm_dpn:（[45.82]±3.97）": ["measure"],
    "zh_tcm_dpn:对照组的（[46.13]±4.22）": ["measure"], "zh_tcm_dpn:（[42.65]±4.08）": ["measure", "arm"],
}

# Own-study facts over numbers the list does not name: the discussion restating the study's median PFS (OS).
EXTRA = {"zh_ae_grades": ["PFS为5.6个月"], "zh_cnki_liver": [], "zh_cox_survival": [], "zh_nursing_qol": [],
         "zh_elderly_crt": ["OS为27.4个月"], "zh_hf_efficacy": [], "zh_tcm_dpn": []}


def test_known_names_rows_that_exist():
    assert set(KNOWN) <= {r.id for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.fixture}-{i}" for i, r in enumerate(ROWS)])
def test_each_result_reads_as_expected(row):
    assert judge(row) == KNOWN.get(row.id, []), row.anchor


@pytest.mark.parametrize("fixture", sorted(EXTRA))
def test_no_other_own_result(fixture):
    """Baseline counts, ages, doses, the instrument's α, a cited study's numbers: none is an own result."""
    assert extras(fixture, ROWS) == EXTRA[fixture]
