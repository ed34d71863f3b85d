"""Four invented Chinese reports in house styles first met on reports we do not have (issue 18): a CNKI export
whose tables lost their layout (cells one space apart, a table a cell a line under a two-level header, `χ²值`
and `P值` rows), a retrospective cohort with survival rates per year, median DFS with its CI and a
uni-/multivariate Cox table, adverse events by grade with response counts under `一、` / `（一）` headings, and a
nursing RCT with SAS/SDS before and after, FACT-B dimensions, satisfaction and complications. Every result is
written out in tests/fixtures/study/results_expected.tsv (helpers/expected_results.py reads and judges it;
bench/zh_reports.py prints the figures). R20 added three in house styles not met before: a 中西医结合 report
(`1　临床资料` … `3.4　治疗结果`, a ｜ table of symptom scores with */# marks, efficacy grades counted in prose, adverse
events and relapses at follow-up), a lipid report (tables whose cells stand two fullwidth spaces apart, lab values
after treatment) and a cohort under unnumbered `结　　果` headings (survival rates per year, subgroup rates inside
arms, Cox factors listed in brackets, complications), and a fourth written after the fixes as a fresh check (a 中医
report on gastritis). R29 added three more, each written with its expected rows before the reader first ran on it: a
diagnostic-accuracy study (methods compared under `诊断方法`, a flattened 2x2 table, AUC with its CI, Kappa), a PCI
cohort (MACE at 30 days and 1 year, subgroup rates, a Logistic table with β and OR (95%CI)) and a children's RCT whose
tables are exported a cell a line with blank lines between (a two-level header, M(P25，P75), `Z值`/`P值` rows).
R34 added two whose tables come as a PDF-to-text export gives them (columns aligned by runs of spaces, labels,
header cells and CIs wrapped onto a second line, group rows over indented rows, a table continued on the next page
after the running head): an English surgical RCT and a Chinese 观察组/对照组 study.
Each row must read as expected, or exactly as wrong as KNOWN
says: a row that reads better than KNOWN fails too, so KNOWN only shrinks."""
import pytest

from helpers.expected_results import expected_rows, extras, judge

# R32's two reports of numbers that are no result are judged in test_scope_reports.py
SCOPE_REPORTS = {"en_scope_oxygen", "zh_scope_pancreatitis"}
ROWS = [r for r in expected_rows() if r.fixture not in SCOPE_REPORTS]

# What is left, by row: `missed` (no fact over the number) or the attributes read wrong.
KNOWN = {
    # counts of answers (`非常满意22例，满意16例`) are no han_counted measure
    "zh_nursing_qol:观察组非常满意[22]例": ["missed"], "zh_nursing_qol:满意[16]例": ["missed"],
    "zh_nursing_qol:不满意[2]例": ["missed"], "zh_nursing_qol:对照组非常满意[15]例": ["missed"],
    "zh_nursing_qol:满意[17]例": ["missed"], "zh_nursing_qol:不满意[8]例": ["missed"],
    # R15's reports. Deaths by cause in brackets (`治疗相关死亡3例（放射性肺炎2例，大咯血1例），B组1例（放射性肺炎）`):
    # the causes' counts and the second group's count are not read
    "zh_elderly_crt:放射性肺炎[2]例": ["missed"],
    "zh_elderly_crt:单纯放疗组[1]例（放射性肺炎）": ["missed"],
    # R20's reports. `TC为a、TG为b、LDL-C为c，均低于参照组；研究组HDL-C为d，高于参照组的e（P<0.05）`: the p after
    # `；` goes to d and e only
    "zh_lipid_marks:TC为（[4.21]±0.62）": ["p"], "zh_lipid_marks:TG为（[1.58]±0.41）": ["p"],
    "zh_lipid_marks:LDL-C为（[2.35]±0.54）": ["p"],
    # zh_tcm_gastric, written after the fixes above as a fresh check (R20).
    # `对痊愈及显效患者随访6个月，治疗组复发2例`: a follow-up said after whom it followed is no time point
    "zh_tcm_gastric:治疗组复发[2]例": ["timepoint"], "zh_tcm_gastric:复发率为[10.0]%（2/20）": ["timepoint"],
    "zh_tcm_gastric:对照组复发[5]例": ["timepoint"], "zh_tcm_gastric:复发率为[38.5]%（5/13）": ["timepoint"],
    # R29's reports, written and listed before the reader ran on them (bench/results-log.md, R29).
    # `恶性肿块的…为a，高于良性肿块的b`: groups by pathology that no allocation names are no arms
    "zh_diag_elasto:（Emax）为（[128.6]±31.4）": ["arm"], "zh_diag_elasto:良性肿块的（[46.2]±17.9）": ["arm"],
    # `较常规超声提高了9.4个百分点` in the discussion: a difference in percentage points is not read
    "zh_diag_elasto:提高了[9.4]个百分点": ["missed"],
    # `术后1年无MACE生存率`: the time point before a qualified endpoint name is not its time point
    "zh_pci_cohort:分别为[90.4]%和83.2%": ["timepoint"], "zh_pci_cohort:和[83.2]%": ["timepoint"],
    # `风险…降低43%（HR=0.57…）`: a relative reduction said before its HR is not read
    "zh_pci_cohort:降低[43]%": ["missed"],
    # a table note's p (`注：两组总有效率比较，χ²＝4.360，P＝0.037`) does not reach its column
    "zh_peds_html:38（[79.2]）": ["p"], "zh_peds_html:45（[93.8]）": ["p"],
    # `FEV1%pred、PEF分别为…`: the `%` inside the first name cuts it (`pred`)
    "zh_peds_html:分别为（[86.72]±7.95）%": ["measure"], "zh_peds_html:对照组的（[80.14]±8.23）%": ["measure"],
    # R34's reports. An abstract's `Results` label opening its line with no colon (`Results Of 302 women …`), wrapped
    # a line a sentence part: the count with its share in the abstract is not read
    "en_pdf_wound:14 women ([9.2]%)": ["missed"],
}

# Own-study facts over numbers the list does not name: the discussion restating the study's median PFS (OS).
EXTRA = {"zh_ae_grades": ["PFS为5.6个月"], "zh_cnki_liver": [], "zh_cox_survival": [], "zh_nursing_qol": [],
         "zh_elderly_crt": ["OS为27.4个月"], "zh_hf_efficacy": [], "zh_tcm_dpn": [], "zh_tcm_pipe": [],
         "zh_lipid_marks": [], "zh_hipec_cohort": [], "zh_tcm_gastric": [], "zh_diag_elasto": [], "zh_peds_html": [],
         # the β column beside OR（95%CI）: the seed results gold counts regression coefficients as results
         "zh_pci_cohort": ["0.652", "0.761", "1.054", "0.577", "-0.673"],
         "en_pdf_wound": [], "zh_pdf_surgery": []}


def test_known_names_rows_that_exist():
    assert set(KNOWN) <= {r.id for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.fixture}-{i}" for i, r in enumerate(ROWS)])
def test_each_result_reads_as_expected(row):
    assert judge(row) == KNOWN.get(row.id, []), row.anchor


@pytest.mark.parametrize("fixture", sorted(EXTRA))
def test_no_other_own_result(fixture):
    """Baseline counts, ages, doses, the instrument's α, a cited study's numbers: none is an own result."""
    assert extras(fixture, ROWS) == EXTRA[fixture]
