"""Statements in house styles read by structure: ungraded statements, traditional Chinese labels and grades,
grade symbols read through a printed legend, boxes flattened one cell per line, paragraph numbers that are
no labels. Invented text only."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()
PLUGINS = ["recommendations", "citations", "references"]


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
