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


def test_a_list_after_its_arm_takes_the_measure_named_before_it():
    """`1、3、5年无进展生存率比较，甲组分别为…，乙组分别为…`: the measure and its time points are the sentence's,
    not the measure of the sentence before."""
    out = read("甲组中位OS为20.1个月，乙组为15.2个月（P=0.030）。两组1、3年无进展生存率比较，甲组分别为58.5%、27.7%，"
               "乙组分别为47.5%、18.6%（P=0.013）。")
    rates = [(f.arm, f.name, f.timeframe, f.value) for f in out if f.unit == "%"]
    assert rates == [("甲组", "PFS_RATE", "1年", 58.5), ("甲组", "PFS_RATE", "3年", 27.7),
                     ("乙组", "PFS_RATE", "1年", 47.5), ("乙组", "PFS_RATE", "3年", 18.6)]


def test_groups_each_over_their_grades_a_cell_a_line():
    """A table a cell a line whose header prints each group before its own grades (`甲组（n=50）`, `Ⅰ～Ⅱ级`,
    `Ⅲ级及以上`, `乙组（n=48）`, …): each cell is its row's event at its column's grade in the group above it."""
    table = ("表2　两组术后并发症［例（%）］\n并发症\n甲组（n=50）\n轻度\n重度\n乙组（n=48）\n轻度\n重度\n"
             "切口感染\n6（12.0）\n1（2.0）\n3（6.3）\n0\n肺部感染\n4（8.0）\n2（4.0）\n5（10.4）\n1（2.1）\n")
    out = read("两组术后并发症见表2。\n" + table)
    cells = [(f.arm, f.detail("measure"), f.value, f.n, f.detail("arm_size")) for f in out if f.n]
    assert cells[:3] == [("甲组", "切口感染, 轻度", 12.0, 6, 50), ("甲组", "切口感染, 重度", 2.0, 1, 50),
                         ("乙组", "切口感染, 轻度", 6.3, 3, 48)]
    assert len(cells) == 7
