"""Registration facts from forms beyond oncology's vocabulary and ClinicalTrials.gov's layout: invented texts."""
from __future__ import annotations

import pytest

from evkg.extract.text.context import Context
from helpers.reading import of_kind, registration_rows

# A flat record outside oncology: its summary names a time (`over 52 weeks`) but is no outcome line.
FLAT_OTHER = (
    "Dapagliflozin in Adults With Chronic Heart Failure and Gout\n"
    "This randomised, placebo-controlled, double-blind trial assesses whether dapagliflozin 10 mg, added to "
    "usual care, lowers serum urate over 52 weeks in adults with heart failure and gout.\n"
    "Gout, Tophaceous|Heart Failure\n"
    "DRUG: Dapagliflozin|DRUG: Placebo\n"
    "Change from baseline in serum urate, Serum urate in mg/dL, Baseline and week 52\n"
    "Number of gout flares, Flares reported by participants, Up to week 52|Adverse events, Number of "
    "participants with adverse events, Up to week 54|Quality of life, KCCQ score, measured in participants with "
    "progressive disease, Week 52\n"
    "Prior retrospective series suggested lower urate on SGLT2 inhibitors. This trial tests it prospectively.\n"
    "\nParticipants stay on metformin at least 1000 mg per day. The planned enrolment is 300 participants "
    "(150 per arm). Key exclusion criteria are cirrhosis and current use of allopurinol.\n"
)

REGISTRY_PAGE = (
    "Registration number:\tChiCTR2999000003\n"
    "Public title:\tYoga for chronic low back pain in nurses\n"
    "Target disease:\tChronic low back pain\n"
    "Objectives of Study:\tTo test yoga in nurses with back pain who receive a PD-1 inhibitor for melanoma.\n"
    "Study type:\tInterventional study\n"
    "Study design:\tNon randomized control\n"
    "Exclusion criteria:\t1. Hepatitis B carriers.\n"
    "Group:\tYoga group\tSample size:\t25\n"
    "Intervention:\tYoga twice weekly\tIntervention code:\t\n"
    "Group:\tWaiting list\tSample size:\t25\n"
    "Intervention:\tNo intervention\tIntervention code:\t\n"
    "Total sample size:\t50\n"
    "Outcome:\tPain intensity on a visual analogue scale\tType:\tPrimary indicator\n"
    "Measure time point of outcome:\t8 weeks\n"
    "Outcome:\tAdverse events\tType:\tSecondary indicator\n"
    "Measure time point of outcome:\t8 weeks\n"
)


@pytest.fixture(scope="module")
def run() -> Context:
    return Context()


_rows, _kind = registration_rows, of_kind


def test_flat_record_outside_the_vocabulary(tmp_path, run):
    rows = _rows(tmp_path, FLAT_OTHER, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {
        ("change from baseline in serum urate", "primary"), ("number of gout flares", "secondary"),
        ("AE", "secondary"), ("quality of life", "secondary")}  # not PD, named later in its description
    assert {n for n, _, _ in _kind(rows, "condition")} == {"tophaceous gout", "heart failure"}
    # The design of the summary, not of the retrospective series the background cites.
    assert {n for n, _, _ in _kind(rows, "design")} == {"rct"}
    assert {v for _, _, v in _kind(rows, "sample_size")} == {"300"}
    assert "CIRRHOSIS" not in {n for n, _, _ in _kind(rows, "condition")}  # named only as an exclusion
    assert {(n, v) for n, _, v in _kind(rows, "dose")} >= {("metformin", "1000"), ("dapagliflozin", "10")}


ZH_PAGE = (
    "注册号：\tChiCTR2999000004\n"
    "注册题目：\t索拉非尼联合射频消融治疗早期肝细胞癌的随机对照研究\n"
    "研究疾病：\t肝细胞癌\n"
    "研究设计：\t随机平行对照\n"
    "药物成份或治疗方案详述：\t两组均行射频消融。试验组术后口服索拉非尼：体重≥70 kg者400 mg，每日2次；"
    "体重<70 kg者200 mg，每日2次。\n"
    "样本总量：\t120\n"
    "指标中文名：\t无复发生存期\t指标英文名：\tRecurrence-free survival\n"
    "指标类型：\t主要指标\n"
    "指标中文名：\t生活质量\t指标英文名：\tQuality of life\n"
    "指标类型：\t次要指标\n"
)


def test_chinese_registry_page_weight_banded_doses_and_open_endpoint(tmp_path, run):
    rows = _rows(tmp_path, ZH_PAGE, run)
    assert {(n, v) for n, _, v in _kind(rows, "dose")} == {("sorafenib", "400"), ("sorafenib", "200")}
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {("RFS", "primary"), ("quality of life", "secondary")}
    assert {n for n, _, _ in _kind(rows, "design")} == {"rct"}
    assert {v for _, _, v in _kind(rows, "sample_size")} == {"120"}


def test_registry_page_facts(tmp_path, run):
    rows = _rows(tmp_path, REGISTRY_PAGE, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {
        ("pain intensity on a visual analogue scale", "primary"), ("AE", "secondary")}
    assert {n for n, _, _ in _kind(rows, "condition")} == {"chronic low back pain"}  # not HBV: an exclusion
    # A drug class of the dictionary around a vocabulary term is the vocabulary's (`PD-1`: IMMUNOTHERAPY).
    assert "IMMUNOTHERAPY" in {n for n, _, _ in _kind(rows, "procedure")}
    assert not _kind(rows, "drug")
    assert {n for n, _, _ in _kind(rows, "design")} == {"nonrandomized_trial"}
    assert {v for _, _, v in _kind(rows, "sample_size")} == {"50"}
    assert {(n, v) for n, _, v in _kind(rows, "arm")} == {("Yoga group", "25"), ("Waiting list", "25")}


FLAT_PHASE_ONLY = (
    "Cryoablation Plus Tislelizumab for Recurrent Renal Cell Carcinoma\n"
    "This open-label phase 2 study evaluates cryoablation followed by tislelizumab 200 mg in recurrent renal "
    "cell carcinoma.\n"
    "Renal Cell Carcinoma\n"
    "PROCEDURE: Cryoablation|DRUG: Tislelizumab\n"
    "Objective response rate, Complete or partial response by RECIST 1.1, 6 months\n"
    "Overall survival, Time to death, up to 24 months\n"
    "Exclusion Criteria:\n"
    "- Prior sorafenib.\n"
    "- Hepatitis B infection.\n"
    "\n"
    "A total of 40 patients will be enrolled.\n"
)


def test_phase_without_randomising_and_an_exclusion_list(tmp_path, run):
    rows = _rows(tmp_path, FLAT_PHASE_ONLY, run)
    assert {n for n, _, _ in _kind(rows, "design")} == {"nonrandomized_trial"}
    assert {n for n, _, _ in _kind(rows, "drug")} == {"tislelizumab"}  # not sorafenib: an exclusion list
    assert "HBV" not in {n for n, _, _ in _kind(rows, "condition")}
    assert {v for _, _, v in _kind(rows, "sample_size")} == {"40"}
