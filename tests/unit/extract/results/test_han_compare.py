"""Chinese comparisons said the Chinese way (`观察组X为a，低于对照组的b，差异有统计学意义（χ²=…，P=…）`): both values
are results with their arms and each other's as comparator, and the p said after them goes on both. Invented
sentences in several fields, read in a numbered results section (`2　结果`)."""

import pytest

from helpers.results import outcomes

HEAD = "某护理干预的效果观察\n\n1　资料与方法\n1.1　一般资料\n选取患者。\n\n2　结果\n2.1　两组比较\n"
TAIL = "\n\n3　讨论\n干预有效。\n"


def read(sentence: str) -> dict:
    text = HEAD + sentence + TAIL
    return {f.value: f for f in outcomes(text, "论文.txt")}


def row(f) -> tuple:
    return f.arm, f.detail("comparator"), f.detail("measure"), f.n, f.detail("p_value")


@pytest.mark.parametrize("sentence, a, b, measure, p", [
    ("治疗组肺部感染发生率为3.3%（2/60），低于对照组的15.0%（9/60），差异有统计学意义（χ²=4.90，P=0.027）。",
     ("治疗组", 3.3, 2), ("对照组", 15.0, 9), "肺部感染发生率", "0.027"),
    ("干预组患者治疗依从率为93.8%（45/48），高于常规组的77.1%（37/48）（P=0.021）。",
     ("干预组", 93.8, 45), ("常规组", 77.1, 37), "治疗依从率", "0.021"),
    ("实验组家属满意度为96.0%（48/50），高于对照组的82.0%（41/50），差异具有统计学意义（P=0.025）。",
     ("实验组", 96.0, 48), ("对照组", 82.0, 41), "家属满意度", "0.025"),
])
def test_a_rate_then_the_other_group_said_lower_or_higher(sentence, a, b, measure, p):
    fs = read(sentence)
    assert set(fs) == {a[1], b[1]}, "the test statistic is no result"
    assert row(fs[a[1]]) == (a[0], b[0], measure, a[2], p)
    assert row(fs[b[1]]) == (b[0], a[0], measure, b[2], p)


def test_a_mean_in_brackets_with_its_unit_after_then_the_other_group():
    fs = read("术后72 h，研究组VAS评分为（1.9±0.6）分，明显低于常规组的（3.1±0.8）分，"
              "差异有统计学意义（t=8.52，P<0.001）。")
    assert set(fs) == {1.9, 3.1}
    assert row(fs[1.9]) == ("研究组", "常规组", "VAS评分", None, "<0.001")
    assert row(fs[3.1]) == ("常规组", "研究组", "VAS评分", None, "<0.001")


def test_the_first_groups_value_takes_the_group_the_sentence_opens_with():
    fs = read("观察组下床时间、排气时间均短于对照组，压疮发生率为2.5%，低于对照组的12.5%（P<0.05）。")
    assert row(fs[2.5])[:3] == ("观察组", "对照组", "压疮发生率")
    assert row(fs[12.5])[:3] == ("对照组", "观察组", "压疮发生率")
    assert fs[2.5].detail("p_value") == fs[12.5].detail("p_value") == "<0.05"


def test_a_score_said_with_fen_wei_is_no_allocation():
    """`评分为` holds `分为` (`随机分为两组`, the allocation): a score is still a result."""
    fs = read("干预后，观察组PSQI评分为（6.2±1.5）分，低于对照组的（9.8±2.1）分（t=9.37，P<0.001）。")
    assert set(fs) == {6.2, 9.8}
    assert fs[6.2].arm == "观察组"


def test_two_lists_compared_at_once_pair_their_values_in_order():
    fs = read("研究组住院天数（7.4±1.8）d、首次进食时间（30.2±6.1）h均短于常规组（9.6±2.3）d、（41.5±7.4）h，"
              "差异有统计学意义（t=5.31、7.98，P均<0.001）。")
    assert row(fs[7.4])[:3] == ("研究组", "常规组", "住院天数")
    assert row(fs[30.2])[:3] == ("研究组", "常规组", "首次进食时间")
    assert row(fs[9.6])[:3] == ("常规组", "研究组", "住院天数")
    assert row(fs[41.5])[:3] == ("常规组", "研究组", "首次进食时间")
    assert {f.detail("p_value") for f in fs.values()} == {"<0.001"}
    assert not {5.31, 7.98} & set(fs)
