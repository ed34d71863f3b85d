"""The label-free route (invented text only): a recommending sentence with a grade-like code near it is a graded
statement in any house style; a grade beside a finding, a grading legend, or a recommending sentence with no grade
near it is none. And grade-like codes read without knowing the style (codes.py)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evkg.extract.guidelines.codes import read_code
from evkg.extract.guidelines.graded_sentences import recommends
from helpers.guidelines import cites, facts

REFS = "\n\nReferences\n" + "".join(f"{n}. Quill AB, Rowe C. An invented trial number {n}. Invent J. 2019;{n}:1-9.\n"
                                      for n in range(1, 7))
HEAD = "Invented society guideline on nail fungus (invented)\n\nInvented Society of Nails\n\n"


def rows(text: str) -> list[tuple[str, str, str]]:
    return [(f.name, f.level, f.strength) for f in facts(text)
            if f.kind == "recommendation" and (f.level or f.strength)]


@pytest.mark.parametrize("printed, level, strength", [
    ("1B", "B", "1"), ("A1", "A", "1"), ("IIa, B", "B", "IIa"), ("I, A", "I", "A"),
    ("Level 2, Grade C", "2", "C"), ("Level II-2, Grade B", "II-2", "B"),
    ("Grade of recommendation: 1, Strength of evidence: B", "B", "1"),
    ("强推荐，中等质量证据", "中等", "强"), ("证据等级：B，推荐强度：强", "B", "强"),
    ("weak recommendation, low-quality evidence", "low", "weak"), ("1|⊕⊕○○", "⊕⊕○○", "1"),
    ("B", "", "B"), ("2b", "", "2b"), ("Grade 1B", "B", "1"), ("A1; agreement 95%", "A", "1"),
    # an unknown code after its key is kept as printed
    ("Evidence level: IV-c; Recommendation: GPP", "IV-c", "GPP"), ("证据等级：专家共识", "专家共识", ""),
])
def test_codes_read_without_the_style(printed, level, strength):
    code = read_code(printed)
    assert (code.level, code.strength) == (level, strength)


@pytest.mark.parametrize("printed", ["2", "1, 2", "[2, 3]", "Grade", "see above", "Recommendation 1", "推荐意见 3",
                                     "n = 24", "p < 0.05", "Recommendation: Offer statins.", "推荐意见：建议手术"])
def test_what_is_no_code(printed):
    assert read_code(printed) is None


@given(st.text(alphabet="ABCDabcIV12345 ,;:()级推荐证据强弱⊕○-", max_size=30))
def test_a_code_reads_only_what_is_printed(s):
    """Level and strength are parts of the printed code (roman numerals in ASCII), never invented."""
    code = read_code(s)
    if code is not None:
        assert code.level or code.strength
        assert code.level in s and code.strength in s


def test_recommending_words_not_inside_other_words():
    assert recommends("We suggest testing") and recommends("应在术前评估") and recommends("可考虑经鼻胃管")
    assert not recommends("应用广泛，反应良好") and not recommends("推荐强度分为强、弱两级")
    assert not recommends("Treatment reduced mortality")


def test_grade_line_under_an_answer():
    text = (HEAD + "CQ 3-1  Are statins recommended for older adults?\n"
            "Answer: Statins are recommended for adults aged 75 years or older with a prior stroke.\n"
            "Grade of recommendation: 1, Strength of evidence: B\n"
            "Commentary: A trial showed fewer strokes [1, 2].\n\n"
            "CQ 3-2  Is aspirin recommended?\n"
            "Answer: Aspirin is suggested for secondary prevention only.\n"
            "Grade of recommendation: 2, Strength of evidence: C\n" + REFS)
    assert rows(text) == [("CQ 3-1", "B", "1"), ("CQ 3-2", "C", "2")]


def test_grade_in_a_margin_column():
    text = (HEAD + "2. Surgery\n\n"
            "Evidence summary                                          Level   References\n"
            "Surgery reduced recurrence in two randomised trials.       II      [1, 2]\n\n"
            "Evidence-based recommendation                                     Grade\n"
            "Surgical removal should be offered to adults with a thick nail     B\n"
            "that does not respond to lacquer.\n\n"
            "Practice point\nThe nail should be kept dry.\n" + REFS)
    assert rows(text) == [("2 1", "", "B")]


def test_grade_cells_one_per_line():
    text = ("甲癣诊疗示例指南（虚构）\n\n表1　推荐意见\n序号\n推荐意见\n证据质量\n推荐强度\n"
            "1\n对于多个趾甲受累的患者，推荐口服特比萘芬[1]\nA\n1\n"
            "2\n儿童患者可考虑外用治疗[2]\nB\n2\n注：示例。\n\n"
            "参考文献\n[1] 王明. 示例研究（虚构）[J]. 示例杂志, 2020, 1(1): 1-5.\n"
            "[2] 李华. 示例研究（虚构）[J]. 示例杂志, 2021, 2(1): 1-5.\n")
    assert rows(text) == [("1", "A", "1"), ("2", "B", "2")]


def test_codes_in_brackets_closing_recommending_sentences_in_a_paragraph():
    text = ("成人甲癣治疗专家共识（虚构）\n\n一、治疗\n\n甲癣常见[1]。"
            "推荐意见：多个趾甲受累者推荐口服治疗（证据等级：B，推荐强度：强）。口服治疗的治愈率较高[2]。\n\n"
            "参考文献\n[1] 王明. 示例研究（虚构）[J]. 示例杂志, 2020, 1(1): 1-5.\n"
            "[2] 李华. 示例研究（虚构）[J]. 示例杂志, 2021, 2(1): 1-5.\n")
    assert rows(text) == [("一 1", "B", "强")]


def test_no_statement_without_a_grade_or_a_recommending_word():
    text = (HEAD + "Methods\nEvidence was graded as A (high), B (moderate) or C (low), and recommendations as"
            " 1 (strong) or 2 (weak); a recommendation should be read with its grade.\n\n"
            "Treatment\nLacquer cleared one nail in three (B).\n"
            "Clinicians should ask about diabetes before treatment.\n"
            "Surgery should be considered for painful nails (1, 2).\n" + REFS)
    assert rows(text) == []


def test_nearest_grade_first_in_one_paragraph():
    """A grade opening a line, a grade closing a sentence with a vote beside it, a grade line over the next sentence,
    and two grade cells in a margin: each grades its own sentence, none takes the text around it."""
    text = (HEAD + "1. Flares\n"
            "(Grade A) Patients with a flare should start colchicine within 12 hours.\n"
            "Early treatment shortened flares [1].\n"
            "Oral steroids are recommended when colchicine is contraindicated (A1; agreement 95%).\n"
            "**Grade 1B**\nWe recommend ice packs as an adjunct to drug treatment.\nIce reduced pain [2].\n\n"
            "2. Prophylaxis\n"
            "Low-dose colchicine should be offered for six months          1          B\n"
            "after starting urate-lowering therapy.\nProphylaxis halved flares in a trial [3].\n" + REFS)
    assert rows(text) == [("1 1", "", "A"), ("1 2", "A", "1"), ("1 3", "B", "1"), ("2 1", "1", "B")]
    assert ("1 1", 1) in cites(text) and ("1 3", 2) in cites(text) and ("2 1", 3) in cites(text)


def test_grade_cells_of_a_markdown_row_and_bracketed_keys_after_the_full_stop():
    text = ("糖尿病足示例共识（虚构文本）\n\n一、预防\n\n| 编号 | 内容 | 证据 | 推荐 |\n|---|---|---|---|\n"
            "| 1 | 所有糖尿病患者每年应进行足部检查[1] | B | 强 |\n| 2 | 高危患者可考虑穿戴治疗性鞋袜 | C | 弱 |\n\n"
            "二、治疗\n\n【推荐意见】感染性溃疡应在清创后使用抗菌药物。【证据等级】B【推荐强度】强\n抗菌药物可提高愈合率[2]。\n\n"
            "【证据级别】Ⅱ\n【解读】清创应由有经验的医生完成。\n\n"
            "参考文献\n[1] 王明. 示例研究（虚构）[J]. 示例杂志, 2020, 1(1): 1-5.\n"
            "[2] 李华. 示例研究（虚构）[J]. 示例杂志, 2021, 2(1): 1-5.\n")
    assert rows(text) == [("1", "B", "强"), ("2", "C", "弱"), ("二 1", "B", "强")]
