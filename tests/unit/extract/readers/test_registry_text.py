"""Registry pages exported to text (`label: TAB value`, ChiCTR style), Chinese and English: invented pages."""
from __future__ import annotations

from evkg.extract.readers.registry_page import looks_like_registry_page as looks_like_registry_text
from evkg.extract.readers.registry_text import coded
from helpers.reading import read_text as _read

EN_PAGE = (
    "Registration number:\tChiCTR2999000001\n"
    "Public title:\tCryoablation with or without toripalimab for small renal masses\n"
    "Target disease:\tRenal cell carcinoma\n"
    "Study type:\tInterventional study\n"
    "Study phase:\tPhase II\n"
    "Study design:\tRandomized parallel controlled trial\n"
    "Objectives of Study:\tTo compare local control after cryoablation with or without toripalimab.\n"
    "Inclusion criteria:\t1. Aged 18-80 years;\n"
    "2. Single renal mass of 4 cm or less.\n"
    "Exclusion criteria:\t1. Prior nephrectomy.\n"
    "Interventions:\t\n"
    "Group:\tArm A\tSample size:\t30\n"
    "Intervention:\tCryoablation plus toripalimab\tIntervention code:\t\n"
    "Group:\tArm B\tSample size:\t30\n"
    "Intervention:\tCryoablation alone\tIntervention code:\t\n"
    "Total sample size:\t60\n"
    "Outcomes:\t\n"
    "Outcome:\tLocal tumour control\tType:\tPrimary indicator\n"
    "Measure time point of outcome:\t12 months\n"
    "Measure method of outcome:\tMRI\n"
    "Outcome:\tEstimated glomerular filtration rate\tType:\tSecondary indicator\n"
    "Measure time point of outcome:\tBaseline and 3 months\n"
    "Blinding:\tDouble blind\n"
)

ZH_PAGE = (
    "注册号：\tChiCTR2999000002\n"
    "注册题目：\t冷冻消融治疗小肾癌的单臂研究\n"
    "研究疾病：\t肾细胞癌\n"
    "研究设计：\t单臂\n"
    "研究所处阶段：\tⅡ期\n"
    "干预措施：\t\n"
    "组别：\t冷冻组\t样本量：\t40\n"
    "干预措施：\t冷冻消融\t干预措施代码：\t\n"
    "样本总量：\t40\n"
    "测量指标：\t\n"
    "指标中文名：\t局部控制率\t指标英文名：\tLocal control rate\n"
    "指标类型：\t主要指标\n"
    "测量时间点：\t术后12个月\n"
)


def test_a_registry_page_is_recognised_and_a_paper_is_not():
    assert looks_like_registry_text(EN_PAGE) and looks_like_registry_text(ZH_PAGE)
    assert not looks_like_registry_text("Title: A trial\nMethods: patients were randomised.\nResults: none.\n")


def test_english_page_parses_groups_outcomes_design_and_size(tmp_path):
    doc = _read(tmp_path, EN_PAGE)
    rec = doc.record
    assert (doc.doctype, doc.layout) == ("registration", "registration-registry-text")
    assert [c.value for c in rec.conditions] == ["Renal cell carcinoma"]
    assert [(a.label.value, a.size.value, a.interventions) for a in rec.arms] == [
        ("Arm A", "30", ("Cryoablation plus toripalimab",)), ("Arm B", "30", ("Cryoablation alone",))]
    assert [(o.role, o.measure.value, o.timeframe.value) for o in rec.outcomes] == [
        ("primary", "Local tumour control", "12 months"),
        ("secondary", "Estimated glomerular filtration rate", "Baseline and 3 months")]
    assert rec.outcomes[0].description.value == "MRI"
    d = rec.design
    assert (d.allocation.value, d.model.value, d.masking.value, d.study_type.value) == (
        "RANDOMIZED", "PARALLEL", "DOUBLE", "INTERVENTIONAL")
    assert [p.value for p in d.phases] == ["PHASE2"]
    assert rec.enrollment.value == "60"
    for f in (rec.enrollment, d.allocation, rec.outcomes[1].measure):
        assert doc.text[f.start:f.end] in EN_PAGE
    # Continued criteria lines belong to their field; the criteria are no part of the narrative.
    criteria = doc.section("eligibility")
    assert doc.text[criteria.start:criteria.end].endswith("4 cm or less.")
    assert all("nephrectomy" not in doc.text[f.start:f.end] for f in rec.narrative())


def test_chinese_page_with_names_in_two_languages(tmp_path):
    rec = _read(tmp_path, ZH_PAGE).record
    (o,) = rec.outcomes
    assert (o.role, o.measure.value, o.other_measure.value, o.timeframe.value) == (
        "primary", "局部控制率", "Local control rate", "术后12个月")
    assert (rec.design.allocation, rec.design.model.value) == (None, "SINGLE_GROUP")
    assert [p.value for p in rec.design.phases] == ["PHASE2"]
    assert rec.title.value == "冷冻消融治疗小肾癌的单臂研究"


def test_registry_words_are_found_longest_first():
    assert coded("allocation", "非随机对照") == "NON_RANDOMIZED"
    assert coded("allocation", "随机平行对照") == "RANDOMIZED"
    assert coded("allocation", "Non randomized control") == "NON_RANDOMIZED"
    assert coded("role", "Tertiary indicator") == ""


def test_a_page_exported_without_tabs_reads_the_same(tmp_path):
    spaced = EN_PAGE.replace(":\t", ": ").replace("\t", "  ")
    rec = _read(tmp_path, spaced).record
    assert [(a.label.value, a.size.value, a.interventions) for a in rec.arms] == [
        ("Arm A", "30", ("Cryoablation plus toripalimab",)), ("Arm B", "30", ("Cryoablation alone",))]
    assert [(o.role, o.measure.value) for o in rec.outcomes] == [
        ("primary", "Local tumour control"), ("secondary", "Estimated glomerular filtration rate")]
    assert rec.enrollment.value == "60" and rec.design.allocation.value == "RANDOMIZED"
