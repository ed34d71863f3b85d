"""Chinese forms first met on a sealed blind Chinese RCT and cohort (R15), on invented sentences in fields of their
own: lists said of `两组` in allocation order, comparatives with their `例` counts, `A比B` pairs in brackets, lists
after arms named earlier, prose Cox factors, counts with shares over a follow-up, deaths by cause. The whole
reports are tests/fixtures/study/zh_elderly_crt.txt, zh_hf_efficacy.txt, zh_tcm_dpn.txt (test_zh_reports.py)."""

from helpers.results import outcomes

HEAD = ("某方案治疗的临床观察\n\n1　资料与方法\n1.1　一般资料\n共纳入患者120例，按随机数字表法分为乙组和甲组，"
        "各60例。\n\n2　结果\n2.1　疗效与安全性\n")
TAIL = "\n\n3　讨论\n方案可行。\n"


def read(body: str, head: str = HEAD) -> list:
    return outcomes(head + body + TAIL, "论文.txt")


def test_two_groups_listed_go_in_allocation_order():
    """`两组…分别为a、b` names no arm: the groups in the order the study allocated them, not the order the sentence
    before named them in."""
    out = read("甲组出现皮疹3例，乙组出现皮疹1例。两组不良反应发生率分别为1.7%、5.0%（P=0.309）。")
    rates = [(f.arm, f.value) for f in out if f.value in (1.7, 5.0)]
    assert rates == [("乙组", 1.7), ("甲组", 5.0)]


def test_two_groups_need_as_many_allocated_groups_as_values():
    head = HEAD.replace("分为乙组和甲组，各60例", "分为乙组、甲组和丙组，各40例")
    out = read("两组不良反应发生率分别为1.7%、5.0%。", head)
    assert {f.arm for f in out} == {""}


def test_a_comparative_keeps_each_shares_count():
    """`…为71.3%（43例），高于乙组的55.0%（33例）`: the count in the bracket after a share is its n, and the two
    shares stay one comparison with the sentence's p."""
    out = read("甲组痊愈率为71.7%（43例），高于乙组的55.0%（33例），差异有统计学意义（χ²=3.596，P=0.058）。")
    assert [(f.arm, f.value, f.n, f.detail("p_value")) for f in out] == [("甲组", 71.7, 43, "0.058"),
                                                                         ("乙组", 55.0, 33, "0.058")]
