"""A level of evidence printed once for a block of bulleted statements (invented text)."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()

REFS = "\n参考文献\n" + "".join(f"[{n}] 王明{n}, 李华. 示例研究{n}[J]. 示例杂志, 2020, {n}(1): 1-5.\n"
                               for n in range(1, 6))


def rows(text: str) -> list[tuple[str, str, str]]:
    fs = extract_facts(read_plain(Path("fixture.txt"), text), RUN, ["recommendations"])
    return [(f.name, f.level, f.strength) for f in fs if f.kind == "recommendation"]


def test_the_level_after_a_block_goes_to_each_of_its_bullets_and_not_to_the_next_block():
    text = ("示例瘙痒整合指南（虚构）\n\n一、外用治疗\n\n【推荐意见】\n"
            "● 老年慢性瘙痒患者推荐外用润肤剂^[1]（1类推荐）。\n"
            "● 局限性瘙痒可考虑外用薄荷醇〔2〕（2A类推荐）。\n"
            "【证据级别】Ⅱ\n"
            "【解读】润肤剂价格低廉。\n\n"
            "二、系统治疗\n\n【推荐意见】\n"
            "● 顽固性瘙痒可考虑加巴喷丁^[3]（2B类推荐）。\n" + REFS)
    assert rows(text) == [("一 1", "II", "1"), ("一 2", "II", "2A"), ("二 1", "", "2B")]


def test_the_level_before_a_block_under_its_heading():
    text = ("示例瘙痒整合指南（虚构）\n\n一、外用治疗\n\n【证据级别】Ⅰ\n【推荐意见】\n"
            "● 老年慢性瘙痒患者推荐外用润肤剂^[1]（1类推荐）。\n"
            "● 局限性瘙痒可考虑外用薄荷醇〔2〕（2A类推荐）。\n\n"
            "正文讨论了其他问题，并非推荐。\n\n"
            "● 顽固性瘙痒可考虑加巴喷丁^[3]（2B类推荐）。\n" + REFS)
    assert rows(text) == [("一 1", "I", "1"), ("一 2", "I", "2A"), ("一 3", "", "2B")]


def test_a_level_in_a_methods_sentence_is_no_block_level():
    text = ("示例瘙痒整合指南（虚构）\n\n证据级别分为Ⅰ、Ⅱ和Ⅲ。\n\n【推荐意见】\n"
            "● 老年慢性瘙痒患者推荐外用润肤剂^[1]（1类推荐）。\n" + REFS)
    assert rows(text) == [("1", "", "1")]


ACTIONS = ("Clinical Practice Guideline: Invented Ear Care\n\nKEY ACTION STATEMENTS\n\n"
           "STATEMENT 1. WAX: Clinicians should remove impacted wax in patients with symptoms. Strong recommendation\n"
           "based on randomized trials with a preponderance of benefit over harm.\n\n"
           "Action Statement Profile\nAggregate evidence quality: Grade B, based on randomized trials\n\n"
           "Supporting Text\nIrrigation cleared most ears.1\n\n"
           "STATEMENT 2. DROPS: Clinicians may offer softening drops. Option based on observational studies.\n\n"
           "Supporting Text\nDrops helped in one series.2 Methods graded evidence as:\n"
           "Aggregate evidence quality: Grade A, for trials\n\n"
           "STATEMENT 3. COTTON: Clinicians should advise against cotton swabs. Recommendation based on expert\n"
           "opinion.\n\nAction Statement Profile\nAggregate evidence quality: Grade C, based on case series\n\n"
           "References\n1. Quill AB. An invented trial. Ear J. 2010;1:1-5.\n"
           "2. Rowe C. An invented series. Ear J. 2012;3:5-9.\n")


def test_a_strength_sentence_takes_the_level_of_the_profile_under_it_not_one_past_its_supporting_text():
    assert rows(ACTIONS) == [("STATEMENT 1", "B", "strong"), ("STATEMENT 2", "", "option"),
                             ("STATEMENT 3", "C", "recommendation")]
