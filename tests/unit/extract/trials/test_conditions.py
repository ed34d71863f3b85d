"""Conditions outside the oncology vocabulary in papers: the open table, the title / objective / inclusion
reader, exclusion criteria, harms and operations. Invented texts."""
from evkg.core.model import Document
from evkg.extract.pipeline import extract_facts
from evkg.extract.text.context import Context

RUN = Context()


def conditions(text, language="en", doctype="paper"):
    doc = Document(id="t", text=text, language=language, doctype=doctype)
    return {f.name: f.provenance.quote for f in extract_facts(doc, RUN, ["entities", "paper_conditions"])
            if f.kind == "condition"}


def test_an_unknown_condition_is_read_from_the_title_without_its_severity_words():
    text = ("Nintedanib in adults with mild-to-moderate idiopathic pulmonary fibrosis: a randomised trial\n\n"
            "Methods: Patients were randomly assigned to nintedanib or placebo.")
    assert conditions(text) == {"idiopathic pulmonary fibrosis": "idiopathic pulmonary fibrosis"}


def test_objective_and_inclusion_criteria_name_the_condition_and_exclusion_criteria_do_not():
    text = ("Yoga for office workers\n\n"
            "Objective: To assess whether yoga reduces chronic neck pain in office workers.\n"
            "Inclusion criteria were age 18 to 65 years and cervical radiculopathy for 3 months. "
            "Exclusion criteria were rheumatoid arthritis, ankylosing spondylitis or pregnancy.\n"
            "Results: Pain fell by 2 points.")
    got = conditions(text)
    assert set(got) == {"chronic neck pain", "cervical radiculopathy"}


def test_a_known_condition_keeps_its_table_name_and_exclusion_only_mentions_go():
    text = ("Home pulmonary rehabilitation for adults with chronic obstructive pulmonary disease\n\n"
            "Patients with active hepatitis B or uncontrolled diabetes were excluded.")
    assert set(conditions(text)) == {"chronic obstructive pulmonary disease"}


def test_chinese_inclusion_and_exclusion_lists_go_on_after_semicolons():
    text = ("针刺治疗特发性面神经麻痹的临床观察\n\n摘要：目的　观察针刺治疗中重度特发性面神经麻痹患者的疗效。\n"
            "纳入标准：①符合诊断标准；②年龄 18～70 岁。排除标准：①合并糖尿病；②合并重症肌无力；③妊娠期妇女。\n")
    got = conditions(text, "zh")
    assert "特发性面神经麻痹" in got and "diabetes" not in got
    assert not any("肌无力" in n for n in got)


def test_a_disease_noun_modifying_another_word_is_no_condition():
    text = ("Outcomes at a cancer centre: a retrospective cohort of disease-free survival\n\n"
            "Objective: To describe disease control and disease progression after surgery.")
    assert conditions(text) == {}


def test_a_condition_in_a_harm_list_or_an_operation_name_is_not_studied():
    text = ("某药治疗晚期胃癌的临床研究\n\n目的　评价某药治疗晚期胃癌的疗效。"
            "主要不良反应为贫血、高血压和腹泻。所有患者既往均行食管癌根治术。\n")
    got = conditions(text, "zh")
    assert set(got) == {"gastric cancer"}


def test_chinese_names_end_before_the_next_word_and_lose_their_setting_words():
    text = ("术前肌少症对结肠癌根治术后并发症的影响\n\n摘要：目的　探讨术前肌少症与术后并发症的关系。\n")
    got = conditions(text, "zh")
    assert "肌少症" in got and "colon cancer" not in got
