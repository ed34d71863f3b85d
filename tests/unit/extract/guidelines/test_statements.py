"""Statements in house styles read by structure (invented text only). From holdout g1's styles: a grade in
`Key: value` fields on a line under the statement, a statement opened by a clinical question, a label in
lenticular brackets, a PDF layout table whose cells wrap, the same statement printed in a summary table and in
the body. From g-styles-4: ungraded statements, traditional Chinese labels and grades, grade symbols read
through a printed legend, boxes flattened one cell per line, paragraph numbers that are no labels."""
from pathlib import Path

import pytest

from evkg.extract.guidelines.statements import find_statements, same_statement
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from helpers.guidelines import PLUGINS, RUN, cites, facts


def rows(text: str) -> list[tuple[str, str, str]]:
    return [(f.name, f.level, f.strength) for f in facts(text)
            if f.kind == "recommendation" and (f.level or f.strength)]


REFS = "\n\nREFERENCES\n" + "".join(f"{n} Quill AB, Rowe C. An invented trial number {n}. Invent J 2019;{n}:1-9.\n"
                                     for n in range(1, 9))

FIELDS = ("Invented society guideline on nail fungus\n\n"
          "1. We recommend that adults with thick nails are tested before treatment.\n"
          "Grade of evidence: moderate. Strength of recommendation: strong. Level of agreement: 94%.\n\n"
          "A cohort found fungus in most thick nails [1, 2].\n\n"
          "2. We suggest topical lacquer for a single nail.\n"
          "Level of agreement: 81%. Strength of recommendation: weak. Quality of evidence: low.\n\n"
          "Lacquer cleared one nail in three [3].\n" + REFS)


def test_grade_fields_on_the_line_under_the_statement_in_either_order_agreement_never_the_strength():
    assert rows(FIELDS) == [("1", "moderate", "strong"), ("2", "low", "weak")]
    assert cites(FIELDS) == [("1", 1), ("1", 2), ("2", 3)]


def test_fields_joined_by_full_stops_grade_only_from_a_line_of_their_own():
    text = ("Invented society guideline on nail fungus\n\nMethods. The panel recorded the grade of evidence: "
            "moderate. Strength of recommendation: strong was given to few statements.\n" + REFS)
    assert rows(text) == []


QUESTIONS = ("Invented practice guideline for itch 2026\n\nTREATMENT\n\n"
             "CQ 1. Should emollients be used for chronic itch in older\nadults?\n"
             "Recommendation: We suggest emollients twice daily. (Strength of recommendation: 2 [weak];\n"
             "Certainty of evidence: C [low])\n"
             "Explanation: Two small trials showed less itch.1,2\n\n"
             "CQ 2. Should antihistamines be given?\n"
             "Recommendation: We recommend against sedating antihistamines. (Strength of recommendation: 1 "
             "[strong]; Certainty of evidence: B [moderate])\n"
             "Explanation: Falls were more frequent with them.3\n\n"
             "FRQ 1. Is phototherapy effective?\n"
             "Statement: A pilot trial was promising,4 but more research is needed.\n" + REFS)


def test_a_clinical_question_opens_the_statement_and_gives_its_label():
    assert rows(QUESTIONS) == [("CQ 1", "C", "2"), ("CQ 2", "B", "1")]


def test_an_ungraded_future_research_question_ends_the_statement_before_it():
    assert cites(QUESTIONS) == [("CQ 1", 1), ("CQ 1", 2), ("CQ 2", 3)]


LAYOUT = ("中国示例瘙痒诊疗指南（虚构）\n\n二、推荐意见汇总\n\n"
          "推荐意见                                          证据质量    推荐强度\n"
          "1. 老年慢性瘙痒患者推荐每日两次外用润肤剂，        中          强\n"
          "   并避免热水洗浴\n"
          "2. 不建议使用镇静类抗组胺药                        低          弱\n\n"
          "三、推荐意见及说明\n\n"
          "【推荐 1】老年慢性瘙痒患者推荐每日两次外用润肤剂，并避免热水洗浴（证据质量：中；推荐强度：强）。\n\n"
          "两项小型研究显示瘙痒减轻[1,2]。\n\n"
          "【推荐 2】不建议使用镇静类抗组胺药（证据质量：低；推荐强度：弱）。\n\n"
          "镇静类药物增加跌倒风险[3]。\n\n"
          "参考文献\n" + "".join(f"[{n}] 王明{n}, 李华. 示例研究{n}[J]. 示例杂志, 2020, {n}(1): 1-5.\n"
                              for n in range(1, 5)))


def test_a_summary_table_and_the_body_are_one_numbering_not_a_restart():
    names = {(f.name, f.level, f.strength) for f in facts(LAYOUT) if f.kind == "recommendation"}
    assert names == {("1", "中", "强"), ("2", "低", "弱")}  # the body's print takes the table's name, unqualified
    assert cites(LAYOUT) == [("1", 1), ("1", 2), ("2", 3)]


def test_a_wrapped_cell_of_a_layout_table_stays_in_its_row():
    doc = read_plain(Path("fixture.txt"), LAYOUT)
    rows_ = [s for s in find_statements(RUN.for_document(doc)) if s.form == "cor_loe"]
    assert [s.label for s in rows_] == ["1", "2"]
    assert doc.text[rows_[0].start:rows_[0].end].endswith("并避免热水洗浴")


def _words(s: str) -> tuple[str, ...]:
    return tuple(s.split()) if " " in s else tuple(s)


@pytest.mark.parametrize(("a", "b", "same"), [
    # the body's print carries its grade in brackets; the summary's is the words alone
    ("we recommend emollients twice daily for older adults",
     "we recommend emollients twice daily for older adults strength of recommendation strong", True),
    ("we suggest testing anti hbs in patients who are anti hbc positive",
     "we suggest monitoring rather than prophylaxis for anti hbc positive patients", False),
    ("老年慢性瘙痒患者推荐每日两次外用润肤剂并避免热水洗浴",
     "老年慢性瘙痒患者推荐每日两次外用润肤剂并避免热水洗浴" "证据质量中推荐强度强", True),
    ("不建议使用镇静类抗组胺药", "推荐使用非镇静类抗组胺药联合润肤剂", False),
    # two statements of restarting sections that differ by one word are two statements
    ("we recommend adjuvant chemotherapy with capecitabine for six months after resection of stage i disease",
     "we recommend adjuvant chemotherapy with capecitabine for six months after resection of stage ii disease",
     False),
])
def test_two_prints_of_one_statement_share_most_word_pairs(a, b, same):
    assert same_statement(_words(a), _words(b)) is same


TAIWAN = ("台灣示例皮膚科醫學會 慢性癢診療共識（虛構）\n\n二、治療\n\n"
          "共識 1：第一線治療建議使用第二代抗組織胺。\n建議等級：強；證據等級：高；專家同意度：96%\n\n"
          "多項試驗證實其療效[1]。\n\n"
          "共識 2：不建議長期使用全身性類固醇。（建議等級：強，專家意見）\n\n"
          "參考文獻\n1. 陳怡君、林志明：第二代抗組織胺的示例試驗。台灣皮膚科醫學會雜誌 2019；37：12-8。\n")


def test_a_consensus_in_traditional_characters():
    assert rows(TAIWAN) == [("共識 1", "高", "強"), ("共識 2", "專家意見", "強")]
    refs = [(f.name, f.value) for f in facts(TAIWAN) if f.kind == "reference"]
    assert refs == [("陳怡君", 2019)]
    assert cites(TAIWAN) == [("共識 1", 1)]


def test_chinese_and_pico_questions_open_statements_one_blank_line_between_at_most():
    text = ("示例诊疗指南（虚构）\n\n二、治疗\n\n临床问题 2：老年患者是否应使用润肤剂？\n"
            "推荐意见：推荐老年患者每日外用润肤剂[1]（证据等级：B，推荐强度：强）。\n\n"
            "临床问题 3：是否应使用抗组胺药？\n\n"
            "推荐意见：不建议使用镇静类抗组胺药[2]（证据等级：C，推荐强度：弱）。\n\n"
            "PICO 4: In adults with itch, should gabapentin be used?\n\n\n"
            "推荐意见：难治性瘙痒可考虑加巴喷丁[3]（1类）。\n\n参考文献\n"
            + "".join(f"[{n}] 王明, 李华. 示例研究{n}[J]. 示例杂志, 2020, 1(1): 1-5.\n" for n in range(1, 4)))
    assert rows(text) == [("临床问题 2", "B", "强"), ("临床问题 3", "C", "弱"), ("二 1", "", "1")]
    assert cites(text) == [("临床问题 2", 1), ("临床问题 3", 2), ("二 1", 3)]



# g-styles-4
def _facts(text: str):
    return extract_facts(read_plain(Path("invented_guideline.txt"), text), RUN, PLUGINS)


def _rows(fs):
    """(name, level, strength) of the graded statements: the evidence-table rows."""
    return [(f.name, f.level, f.strength) for f in fs if f.kind == "recommendation" and (f.level or f.strength)]


def _cited(fs):
    return sorted((f.name, int(f.ref)) for f in fs if f.kind == "citation")


TRADITIONAL = """慢性咳嗽診療共識（虛構）

一、方法
證據等級分為高、中、低、極低；建議強度分為強與弱。共識聲明未分級。

二、治療

建議 2.1：慢性咳嗽之成人，可先評估上呼吸道咳嗽症候群。（證據等級：極低；建議強度：弱）
同意程度 91%
說明：兩項觀察性研究支持此作法[1]。

共識聲明 1：初診時應記錄吸菸史。
同意程度 95%
說明：吸菸與咳嗽相關[2]。

建議 2.2：不建議常規使用可待因。（證據品質：中；推薦強度：強）
說明：一項隨機試驗[3]。

參考文獻
1. Lin AB. Cough in adults (invented). Chest 2020;1:1-2.
2. Wu CD. Smoking and cough (invented). Thorax 2019;2:3-4.
3. Ho EF. Codeine for cough (invented). Lancet 2018;3:5-6.
"""


def test_traditional_chinese_labels_and_grades_are_read_as_the_simplified_ones():
    fs = _facts(TRADITIONAL)
    # Labels and grades as printed, in traditional characters.
    assert _rows(fs) == [("建議 2.1", "極低", "弱"), ("建議 2.2", "中", "強")]
    classes = {f.name: (f.detail("certainty"), f.detail("strength_class")) for f in fs if f.kind == "recommendation"}
    assert classes["建議 2.1"] == ("very low", "weak") and classes["建議 2.2"] == ("moderate", "strong")
    # The ungraded 共識聲明 is kept, ungraded, and ends 2.1's supporting text: [2] is nobody's.
    assert "共識聲明 1" in {f.name for f in fs if f.kind == "recommendation"}
    assert _cited(fs) == [("建議 2.1", 1), ("建議 2.2", 3)]


SYMBOLS = """Management of chronic gout: a clinical practice guideline (invented)

Methods
Strength: 1 (strong, "we recommend") or 2 (weak, "we suggest"). Certainty on a three-step scale:
⊕⊕⊕ high; ⊕⊕○ moderate; ⊕○○ low. Ungraded good practice statements need no evidence review.

1.1 In adults with gout, we recommend a urate-lowering drug after a second flare. (1|⊕⊕○)

Evidence
Two trials.1,2

1.2 In adults with gout, clinicians should ask about alcohol intake. (Ungraded Good Practice Statement)

Alcohol raises urate.3

1.3 In adults with tophi, we suggest a treat-to-target approach. (2|⊕○○)

References
1. Abel A. Urate lowering (invented). Gout J. 2019;1:1-2.
2. Berg B. Flares (invented). Gout J. 2020;2:3-4.
3. Carr C. Alcohol and urate (invented). Gout J. 2018;3:5-6.
"""


def test_symbols_are_read_through_the_printed_legend_and_practice_statements_are_ungraded():
    fs = _facts(SYMBOLS)
    # This legend's scale has three steps: two filled symbols are moderate here (GRADE's default would say low).
    assert _rows(fs) == [("1.1", "moderate", "1"), ("1.3", "low", "2")]
    # The good practice statement is no row and takes the citation after it away from 1.1 (it keeps it for the
    # trace; the evidence table leaves out citations of ungraded statements).
    assert _cited(fs) == [("1.1", 1), ("1.1", 2), ("1.2", 3)]
    practice = next(f for f in fs if f.kind == "recommendation" and f.name == "1.2")
    assert (practice.level, practice.strength, practice.detail("strength_printed")) == (
        "", "", "Ungraded Good Practice Statement")


def test_symbols_without_a_legend_read_as_grade_certainty():
    fs = _facts(SYMBOLS.replace("⊕⊕⊕ high; ⊕⊕○ moderate; ⊕○○ low.", "").replace("(1|⊕⊕○)", "(1|⨁⨁◯◯)"))
    assert _rows(fs)[0] == ("1.1", "low", "1")


REGULATION = """成人慢性便秘诊疗规范（虚构）

一、诊断

1. 病程超过6个月。

2. 结肠镜检查适用于有报警症状者（推荐级别：B，证据等级：2b）[1]。

3. 排便日记可记录两周。

二、治疗

1. 增加膳食纤维摄入【Ⅰ级推荐】。渗透性泻剂可作为二线选择【Ⅱ级推荐】[2]。

2. 避免长期使用刺激性泻剂。

参考文献
[1] 王明. 便秘的结肠镜检查（虚构）[J]. 中华消化杂志, 2020, 40(1): 1-5.
[2] 李华. 渗透性泻剂的疗效（虚构）[J]. 中华内科杂志, 2021, 60(2): 6-9.
"""


def test_paragraph_numbers_that_number_plain_instructions_are_no_labels():
    fs = _facts(REGULATION)
    # Each numbered list mixes instructions and graded statements: the numbers number paragraphs, and the
    # statements are named by their place in their section; `【Ⅰ级推荐】` is a strength.
    assert _rows(fs) == [("一 1", "2b", "B"), ("二 1", "", "I"), ("二 2", "", "II")]
    assert _cited(fs) == [("一 1", 1), ("二 2", 2)]


def test_numbers_of_a_list_of_statements_stay_their_labels():
    # Every numbered paragraph is a statement: the numbers label them.
    fs = _facts(REGULATION.replace("1. 病程超过6个月。\n\n", "").replace("3. 排便日记可记录两周。\n\n", "")
                .replace("2. 避免长期使用刺激性泻剂。\n\n", ""))
    assert [r[0] for r in _rows(fs)][:1] == ["2"]


def test_symbols_beside_a_strength_word():
    fs = _facts(SYMBOLS.replace("(1|⊕⊕○)", "(strong recommendation; ⊕⊕○)").replace("(2|⊕○○)", "(⊕⊕⊕, conditional)"))
    assert _rows(fs) == [("1.1", "moderate", "strong"), ("1.3", "high", "conditional")]


def test_open_circles_a_converter_left_as_letters():
    fs = _facts(SYMBOLS.replace("(1|⊕⊕○)", "(1|⊕⊕OO)").replace("⊕⊕⊕ high; ⊕⊕○ moderate; ⊕○○ low.", ""))
    assert _rows(fs)[0] == ("1.1", "low", "1")


NUMBERED_WITH_UNGRADED = """Invented pleural guideline

Recommendations

1. In adults with a small effusion, we suggest observation over drainage (Weak Recommendation,
Low-Quality Evidence) [1].

2. In adults with any effusion, the size alone should not decide on drainage (Ungraded
Consensus-Based Statement) [2].

3. In adults with a large effusion, we recommend drainage (Strong Recommendation, Moderate-Quality
Evidence) [3].

References
1. Quill AB. An invented trial one. Invent J 2019;1:1-9.
2. Quill AB. An invented trial two. Invent J 2019;2:1-9.
3. Quill AB. An invented trial three. Invent J 2019;3:1-9.
"""


def test_an_ungraded_consensus_statement_in_a_numbered_list_keeps_the_labels():
    # CHEST: the panel's ungraded statement is a statement (no row), not a plain paragraph that would make the
    # numbers paragraph numbers.
    fs = _facts(NUMBERED_WITH_UNGRADED)
    assert [r[0] for r in _rows(fs)] == ["1", "3"]


# holdout g3: compact codes closing a statement that a blank line and its discussion follow (the matching key
# joins the two paragraphs, so whether the code closes its line is read in the text).
CODES_OVER_BLANK_LINES = ("Invented society guideline on gout\n\nINTRODUCTION\n\nGout is common in older men and is "
                          "treated badly in many places.\n\nTREATMENT\n\n[Recommendations]\n"
                          "1. Adults with gout flares, including those with chronic kidney disease of any stage, "
                          "should be offered colchicine at a low dose within 12 hours of the first symptoms. (B1)\n\n"
                          "Low-dose colchicine was as effective as a high dose in a trial [1].\n\n"
                          "[Recommendations]\n"
                          "2. Allopurinol may be started during a flare in selected patients who understand the "
                          "need for lifelong treatment and who are followed up in clinic. (C2)\n\n"
                          "Starting during a flare did not lengthen it [2]." + REFS)


def test_a_compact_code_before_a_blank_line_closes_its_statement():
    assert rows(CODES_OVER_BLANK_LINES) == [("1", "B", "1"), ("2", "C", "2")]
    assert cites(CODES_OVER_BLANK_LINES) == [("1", 1), ("2", 2)]


def test_a_compact_code_inside_a_sentence_is_no_grade():
    text = ("Invented society guideline on gout\n\n"
            "1. Adults with gout flares should be offered colchicine (B1) unless they take a statin, in whom "
            "the dose is halved.\n\nColchicine works [1]." + REFS)
    assert rows(text) == []


# holdout g3: GRADE boxes, `RECOMMENDATION n` on its own line, the statement, then both grade fields on one line with
# the certainty symbols; a good practice statement box between two recommendations is ungraded (its heading says so).
BOXES = ("Invented society guideline on falls\n\nRECOMMENDATIONS\n\n" + "-" * 60 + "\nRECOMMENDATION 1\n"
         "The panel recommends a home hazard review for adults who have fallen in the past year.\n"
         "Quality of evidence: Moderate ⊕⊕⊕◯  Strength: Strong\n" + "-" * 60 + "\n\nRationale\n"
         "Home reviews cut falls by a quarter in a trial (1).\n\n" + "-" * 60 + "\nGOOD PRACTICE STATEMENT\n"
         "Patients should be asked about falls at every visit.\n" + "-" * 60 + "\n\nRationale\n"
         "Patients rarely mention falls unasked [2].\n\n" + "-" * 60 + "\nRECOMMENDATION 2\n"
         "The panel suggests vitamin D for adults in care homes who rarely go outdoors.\n"
         "Quality of evidence: Very low ⊕◯◯◯  Strength: Conditional\n" + "-" * 60 + "\n\nRationale\n"
         "One small trial found fewer falls (3, 4)." + REFS)


def test_grade_fields_on_one_line_after_a_boxed_statement():
    assert rows(BOXES) == [("RECOMMENDATION 1", "moderate", "strong"), ("RECOMMENDATION 2", "very low", "conditional")]


def test_a_good_practice_box_ends_the_supporting_text_of_the_recommendation_before():
    assert cites(BOXES) == [("RECOMMENDATION 1", 1), ("RECOMMENDATION 2", 3), ("RECOMMENDATION 2", 4)]


# holdout g3: the methods say items resting on expert opinion are not graded; such an item is no row, whatever the
# project reads `（专家意见）` as elsewhere (AUA prints it as a kind of statement, a grade of its own).
def _nursing(methods: str) -> str:
    return ("护理专家共识（虚构文本）\n\n1 方法\n\n本共识证据等级分为 1～5 级，推荐级别分为 A 级和 B 级。" + methods
            + "\n\n2 共识内容\n\n条目 2.1 护士应每日评估敷料的完整性并记录在护理单上（Ⅱ级证据，B级推荐）。\n\n"
            "敷料松动与感染相关[1]。\n\n条目 2.2 护士应向患者说明导管维护的时间安排及注意事项（专家意见）。\n\n"
            "患者常不了解维护时间[2]。" + REFS)


def test_a_kind_the_methods_say_is_not_graded_makes_no_row():
    assert rows(_nursing("仅基于专家经验形成的条目标注为“专家意见”，不予分级。")) == [("条目 2.1", "II", "B")]
    assert cites(_nursing("仅基于专家经验形成的条目标注为“专家意见”，不予分级。")) == [("条目 2.1", 1)]


def test_a_kind_the_methods_do_not_call_ungraded_stays_a_row():
    assert rows(_nursing("专家组共 21 人。")) == [("条目 2.1", "II", "B"), ("条目 2.2", "", "专家意见")]


# A combined code after any grade label: in brackets closing the statement, or on a line of its own under it.
def _one(statement: str) -> str:
    return (f"Invented society guideline on gout\n\nRECOMMENDATIONS\n\nRecommendation 1\n{statement}\n\n"
            "Colchicine works in gout [1].\n" + REFS)


@pytest.mark.parametrize("statement", [
    "We recommend low-dose colchicine for adults with a gout flare within a day of onset.\nGrade: 1B",
    "建议急性发作的痛风患者尽早使用小剂量秋水仙碱。（推荐等级：1B）",
    "We recommend low-dose colchicine for adults with a gout flare within a day (Grade of recommendation: B1).",
])
def test_a_labelled_combined_code_grades_its_statement(statement):
    assert rows(_one(statement)) == [("Recommendation 1", "B", "1")]


def test_a_labelled_code_inside_a_sentence_is_no_grade():
    assert rows(_one("We recommend flecainide (class 1C) for adults with recurrent atrial fibrillation and a normal "
                     "heart.")) == []


def test_grade_fields_after_the_statement_on_its_line():
    text = _one("We recommend low-dose colchicine for adults with a gout flare within a day of onset. Level of "
                "evidence: B. Strength of recommendation: 1.")
    assert rows(text) == [("Recommendation 1", "B", "1")]
    quote = next(f.provenance.quote for f in facts(text) if f.kind == "recommendation")
    assert "colchicine" in quote


def test_grade_fields_inside_running_text_are_no_grade():
    assert rows(_one("We recommend low-dose colchicine for adults with a gout flare. Level of evidence: B. "
                     "Strength of recommendation: 1 was used in the earlier edition.")) == []
