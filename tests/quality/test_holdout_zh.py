"""Unseen-but-ordinary Chinese documents (invented fixtures): a guideline, a randomised paper, a review.

Each test lists what a careful annotator would put in the evidence table
(shared/spec/annotation.md) and asserts the extractor finds it.
"""

import pytest

from evkg.core.model import Document
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document
from evkg.extract.readers.sections import find_sections
from evkg.extract.text.context import Context
from helpers.corpus import FIXTURES

HOLDOUT_ZH_FIXTURES = FIXTURES / "holdout_zh"



@pytest.fixture(scope="module")
def facts():
    run = Context()
    return {name: extract_facts(read_document(HOLDOUT_ZH_FIXTURES / f"{name}.txt"), run)
            for name in ("guideline_zh", "rct_zh", "review_zh")}


def keys(facts, kind, *fields):
    return {tuple(getattr(f, x) for x in fields) for f in facts if f.kind == kind}


def test_guideline_statements_restart_numbering_per_section(facts):
    doc = facts["guideline_zh"]
    assert keys(doc, "design", "name") == {("guideline",)}
    assert keys(doc, "recommendation", "name", "level", "strength") == {
        ("2.1 1", "1a", "A"), ("2.1 2", "2b", "B"), ("2.2 1", "2", "强"),
        ("3.1 1", "1b", "B"), ("3.1 2", "3", "弱")}
    assert keys(doc, "citation", "name", "ref") == {
        ("2.1 1", "3"), ("2.1 1", "5"), ("2.1 1", "6"), ("2.1 1", "7"),
        ("2.1 2", "8"), ("2.2 1", "9"), ("3.1 1", "10"), ("3.1 1", "11"),
        ("3.1 2", "12")}
    refs = {(r, n, v) for r, n, v in keys(doc, "reference", "ref", "name", "value")}
    assert refs == {("1", "王明", 2021.0), ("2", "陈刚", 2020.0), ("3", "Llovet", 2002.0), ("4", "Lo", 2002.0),
                    ("5", "赵伟", 2019.0), ("6", "Kudo", 2020.0), ("7", "周俊", 2018.0), ("8", "Peng", 2023.0),
                    ("9", "Yoon", 2018.0), ("10", "Lammer", 2010.0), ("11", "郭志", 2022.0),
                    ("12", "中国抗癌协会肝癌专业委员会", 2021.0)}
    assert {("condition", "HCC"), ("condition", "PVTT"), ("procedure", "TACE"), ("procedure", "DEB-TACE"),
            ("drug", "epirubicin"), ("drug", "doxorubicin")} <= {(f.kind, f.name) for f in doc}
    assert not keys(doc, "outcome", "name") and not keys(doc, "sample_size", "value")


def test_randomised_paper_is_a_paper_although_it_cites_a_review(facts):
    doc = facts["rct_zh"]
    assert keys(doc, "design", "name") == {("rct",)}
    assert keys(doc, "sample_size", "value") == {(120.0,)}
    assert {("PFS", "primary"), ("ORR", "secondary"), ("OS", "secondary")} <= keys(doc, "endpoint", "name", "role")
    assert keys(doc, "arm", "name", "value") == {("DEB-TACE组", 60.0), ("cTACE组", 60.0)}


def test_randomised_paper_outcomes(facts):
    got = keys(facts["rct_zh"], "outcome", "name", "value", "unit", "n", "total", "arm", "timeframe")
    a, b = "DEB-TACE组", "cTACE组"
    expected = {
        ("ORR", 71.7, "%", 43, 60, a, ""), ("ORR", 48.3, "%", 29, 60, b, ""),
        # `中位PFS：9.5个月 vs 6.2个月（HR=0.61，...）`
        ("PFS", 9.5, "months", None, None, a, ""), ("PFS", 6.2, "months", None, None, b, ""),
        ("PFS", 0.61, "HR", None, None, "", ""),
        # `1、2年生存率分别为 85.0%、63.3%，cTACE组分别为 76.7%、50.0%`
        ("OS_RATE", 85.0, "%", None, None, a, "1年"), ("OS_RATE", 63.3, "%", None, None, a, "2年"),
        ("OS_RATE", 76.7, "%", None, None, b, "1年"), ("OS_RATE", 50.0, "%", None, None, b, "2年"),
        ("AE_G3", 15.0, "%", 9, 60, a, ""), ("AE_G3", 23.3, "%", 14, 60, b, ""),
    }
    assert expected <= got
    # the table row `完全缓解（CR） 8（13.3） 3（5.0）` under `疗效 A组（n=60） B组（n=60）`: n as printed, the
    # group's N from its header as the arm's size (a denominator is `total` only when printed with the number)
    cells = {(f.name, f.value, f.n, f.arm, f.detail("arm_size")) for f in facts["rct_zh"] if f.kind == "outcome"}
    assert {("CR", 13.3, 8, a, 60), ("CR", 5.0, 3, b, 60), ("PR", 58.3, 35, a, 60), ("PR", 43.3, 26, b, 60)} <= cells
    hr = next(f for f in facts["rct_zh"] if f.kind == "outcome" and f.unit == "HR")
    assert {k: v for k, v in hr.details if k in ("ci_low", "ci_high", "p_value", "source", "effect", "statistic")} == {
        "ci_low": "0.42", "ci_high": "0.89", "p_value": "0.008", "source": "own", "effect": "HR", "statistic": "hr"}


def test_randomised_paper_doses_not_device_sizes(facts):
    doses = keys(facts["rct_zh"], "dose", "name", "unit")
    assert doses == {("epirubicin", "mg")}  # `载药微球 1 瓶（规格 100~300 μm）` is no dose


def test_review_reports_cited_trials_numbers_with_their_reference(facts):
    doc = facts["review_zh"]
    assert keys(doc, "design", "name") == {("review",)}
    assert not keys(doc, "sample_size", "value")
    got = keys(doc, "outcome", "name", "value", "unit", "ref")
    assert got == {
        ("PFS", 25.2, "months", "4"), ("PFS", 13.5, "months", "4"), ("PFS", 0.59, "HR", "4"),
        ("OS", 17.8, "months", "5"), ("OS", 11.5, "months", "5"), ("OS", 0.45, "HR", "5"),
        ("ORR", 54.1, "%", "5"), ("ORR", 25.0, "%", "5"), ("OS_RATE", 88.4, "%", "6"),
        ("PFS", 15.0, "months", "7"), ("PFS", 8.2, "months", "7"), ("PFS", 0.77, "HR", "7"),
        ("ORR", 60.0, "%", "8"), ("AE_G3", 18.5, "%", "8")}
    arms = keys(doc, "outcome", "value", "arm")
    # A combination arm is named by all its treatments.
    assert {(25.2, "TACE联合索拉非尼组"), (13.5, "单纯TACE组"), (17.8, "仑伐替尼联合TACE组"),
            (11.5, "仑伐替尼组"), (8.2, "对照组")} <= arms
    assert {("drug", "durvalumab"), ("drug", "bevacizumab"), ("drug", "camrelizumab"),
            ("drug", "lenvatinib"), ("drug", "sorafenib")} <= {(f.kind, f.name) for f in doc}


def _facts(text, doctype, plugins):
    doc = Document(id="t", text=text, language="zh", doctype=doctype, sections=find_sections(text))
    return extract_facts(doc, Context(), plugins)


def test_time_point_lists_per_group():
    text = "甲组与乙组的1、3年总生存率分别为 90.2%、70.1%和 80.0%、50.1%。"
    assert keys(_facts(text, "paper", ["outcomes"]), "outcome", "value", "arm", "timeframe") == {
        (90.2, "甲组", "1年"), (70.1, "甲组", "3年"), (80.0, "乙组", "1年"), (50.1, "乙组", "3年")}


def test_alias_in_brackets_then_reach_verb():
    text = "治疗组疾病控制率（DCR）达 90.0%（54/60），高于对照组的 75.0%（45/60）。"
    assert keys(_facts(text, "paper", ["outcomes"]), "outcome", "name", "value", "arm") == {
        ("DCR", 90.0, "治疗组"), ("DCR", 75.0, "对照组")}


def test_grades_printed_before_their_words():
    text = ("推荐意见 1：对于肝功能良好者推荐 TACE（Ⅱ级证据，A级推荐）。\n"
            "推荐意见 2：肝功能较差者慎用 TACE（B级推荐，3b级证据）[2]。\n")
    facts = _facts(text, "guideline", ["recommendations", "citations"])
    assert keys(facts, "recommendation", "name", "level", "strength") == {
        ("推荐意见 1", "II", "A"), ("推荐意见 2", "3b", "B")}
    assert keys(facts, "citation", "name", "ref") == {("推荐意见 2", "2")}


def test_meta_analysis_title_names_type_and_design(tmp_path):
    path = tmp_path / "meta.txt"
    path.write_text("甲药联合TACE治疗肝细胞癌疗效的Meta分析\n\n摘要：目的 评价联合治疗的疗效。"
                    "结果 联合组ORR优于单纯TACE组（OR=2.15，95%CI：1.62~2.85）。\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.doctype == "review"
    facts = extract_facts(doc, Context())
    assert keys(facts, "design", "name") == {("meta_analysis",)}
    assert keys(facts, "outcome", "name", "value", "unit") == {("ORR", 2.15, "OR")}


def test_confidence_intervals_inside_lists_and_before_units():
    text = ("A组与B组中位OS分别为18.5个月（95%CI：15.2~21.8）和12.3个月（95%CI：10.1~14.5）。"
            "A组中位无进展生存期为8.6（95%CI：6.9~10.3）个月。")
    facts = [f for f in _facts(text, "paper", ["outcomes"]) if f.kind == "outcome"]
    assert {(f.name, f.value, f.unit, f.arm) for f in facts} == {
        ("OS", 18.5, "months", "A组"), ("OS", 12.3, "months", "B组"), ("PFS", 8.6, "months", "A组")}
    assert {f.value: dict(f.details).get("ci_low") for f in facts} == {18.5: "15.2", 12.3: "10.1", 8.6: "6.9"}


def test_cumulative_survival_at_listed_time_points():
    text = "A组1年、2年、3年累积生存率分别为 90%、75%、60%。"
    assert keys(_facts(text, "paper", ["outcomes"]), "outcome", "name", "value", "timeframe") == {
        ("OS_RATE", 90.0, "1年"), ("OS_RATE", 75.0, "2年"), ("OS_RATE", 60.0, "3年")}


def test_single_arm_trial_design():
    text = "摘要：目的 评价疗效。方法 本研究为单臂、多中心Ⅱ期临床试验，共入组符合标准的患者 45 例。\n"
    facts = _facts(text, "paper", ["study"])
    assert keys(facts, "design", "name") == {("nonrandomized_trial",)}
    assert keys(facts, "sample_size", "value") == {(45.0,)}


def test_grade_on_its_own_line_and_strength_with_ji():
    text = ("推荐意见 1：推荐 TACE 作为中期肝癌的一线治疗。\n证据等级：1a；推荐强度：A\n"
            "推荐意见 2：TACE 联合消融可用于较大肿瘤。\n（证据等级：2b；推荐强度：B）[4,5]\n"
            "推荐意见 3：肝功能失代偿者不推荐 TACE（推荐强度：A级；证据等级：Ⅰ级）。\n"
            "推荐意见 4：术后定期影像随访（专家意见，推荐强度：B）。\n")
    facts = _facts(text, "guideline", ["recommendations", "citations"])
    assert keys(facts, "recommendation", "name", "level", "strength") == {
        ("推荐意见 1", "1a", "A"), ("推荐意见 2", "2b", "B"), ("推荐意见 3", "I", "A"), ("推荐意见 4", "专家意见", "B")}
    assert keys(facts, "citation", "name", "ref") == {("推荐意见 2", "4"), ("推荐意见 2", "5")}


def test_roles_stated_as_observation_indicators():
    text = "本研究的主要观察指标为客观缓解率，次要观察指标为无进展生存期、总生存期及安全性。"
    assert keys(_facts(text, "paper", ["paper_endpoints"]), "endpoint", "name", "role") == {
        ("ORR", "primary"), ("PFS", "secondary"), ("OS", "secondary")}


def test_time_point_does_not_start_inside_a_decimal():
    text = "Lencioni等[3]报道，cTACE治疗后的中位OS为19.4个月，5年生存率为32.4%。"
    assert keys(_facts(text, "review", ["outcomes"]), "outcome", "name", "value", "timeframe", "ref") == {
        ("OS", 19.4, "", "3"), ("OS_RATE", 32.4, "5年", "3")}


@pytest.mark.parametrize("text", ["摘要：方法 将120例中期肝癌患者随机分为观察组和对照组，每组60例。",
                                  "摘要：方法 前瞻性纳入2020年至2022年就诊的肝细胞癌患者，共计120例。"])
def test_sample_size_said_with_allocation_or_a_total(text):
    assert keys(_facts(text, "paper", ["study"]), "sample_size", "value") == {(120.0,)}
