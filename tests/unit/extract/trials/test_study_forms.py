"""A paper's design and N in forms named the Chinese way and in English reports outside oncology: invented texts."""
import pytest

from evkg.core.model import Document
from evkg.extract.pipeline import extract_facts
from evkg.extract.text.context import Context

RUN = Context()


def study(text, language):
    fs = extract_facts(Document(id="t", text=text, language=language, doctype="paper"), RUN, ["study"])
    design = next((f.name for f in fs if f.kind == "design"), None)
    sizes = {(f.value, f.detail("size_type")) for f in fs if f.kind == "sample_size"}
    return design, sizes


@pytest.mark.parametrize("text, design", [
    ("两种吸入装置治疗哮喘的随机交叉试验\n\n摘要：目的　比较两种吸入装置。"
     "方法　共纳入 40 例哮喘患者，按随机顺序先后使用两种装置。", "rct"),
    ("某药治疗慢性心力衰竭的队列研究\n\n摘要：目的　观察某药的疗效。"
     "方法　纳入本院慢性心力衰竭患者 200 例，分为暴露组和非暴露组。", "prospective_cohort"),
    ("某药与慢性心力衰竭预后：一项回顾性队列研究\n\n摘要：方法　回顾性分析本院慢性心力衰竭患者 200 例的资料。",
     "retrospective_cohort"),
    ("血清维生素 D 与膝骨关节炎的病例对照研究\n\n摘要：方法　选取膝骨关节炎患者 80 例为病例组，"
     "健康体检者 80 例为对照组。", "retrospective_cohort"),
])
def test_chinese_design_words(text, design):
    assert study(text, "zh")[0] == design


def test_an_analysed_count_with_its_arms_share_in_brackets():
    text = ("Walking for heart failure: a randomised controlled trial\n\n"
            "Results: Of 150 randomised patients, 138 (69 in each group) completed follow-up and were analysed.")
    design, sizes = study(text, "en")
    assert design == "rct"
    assert sizes == {(150.0, "randomised"), (138.0, "analysed")}


def test_an_analysed_count_with_its_share_per_arm_in_a_chinese_style_english_abstract():
    text = ("Exercise in gestational diabetes: a randomised trial\n\n"
            "Methods: 96 women were randomised. Results: 90 (45 per group) were included in the analysis.")
    assert study(text, "en")[1] == {(96.0, "randomised"), (90.0, "analysed")}


def arms(text, language):
    fs = extract_facts(Document(id="t", text=text, language=language, doctype="paper"), RUN, ["study"])
    return {(f.name, f.value) for f in fs if f.kind == "arm"}


def test_chinese_arms_named_in_brackets_after_their_counts():
    text = ("两种术式治疗膝骨关节炎的回顾性分析\n\n摘要：方法　回顾性分析本院收治的 86 例膝骨关节炎患者，"
            "其中行 A 术式 40 例（A 组），行 B 术式 46 例（B 组）。")
    assert arms(text, "zh") == {("A 组", 40.0), ("B 组", 46.0)}
    assert study(text, "zh")[1] == {(86.0, "enrolled")}


def test_per_arm_counts_after_a_total_in_both_languages():
    assert arms("康复训练治疗膝骨关节炎的随机对照研究\n\n摘要：方法　共纳入 60 例，A 组 30 例，B 组 30 例。", "zh") == {
        ("A 组", 30.0), ("B 组", 30.0)}
    text = ("Yoga for COPD: a randomised trial\n\n"
            "Methods: Of 120 patients randomised, 58 were assigned to yoga and 62 to usual care. 110 were analysed.")
    assert arms(text, "en") == {("yoga", 58.0), ("usual care", 62.0)}
    assert study(text, "en")[1] == {(120.0, "randomised"), (110.0, "analysed")}


def test_each_named_analysis_set_is_a_sample_size_and_a_per_visit_count_is_not():
    text = ("Drug A for asthma: a randomised trial\n\n"
            "Results: 300 patients were randomised; "
            "296 patients received treatment and were included in the safety analysis. "
            "The per-protocol set comprised 270 patients. At week 12, 250 were analysed.")
    assert study(text, "en")[1] == {(300.0, "randomised"), (296.0, "analysed"), (270.0, "analysed")}


def test_microgram_doses_of_inhaled_and_weight_based_drugs():
    text = ("All participants continued tiotropium 18 μg once daily and salbutamol 100 mcg as needed; "
            "sufentanil 0.1 μg/kg.")
    fs = extract_facts(Document(id="t", text=text, language="en", doctype="paper"), RUN, ["entities", "doses"])
    assert {(f.name, f.value, f.unit) for f in fs if f.kind == "dose"} == {
        ("tiotropium", 18.0, "µg"), ("salbutamol", 100.0, "µg"), ("sufentanil", 0.1, "µg/kg")}
