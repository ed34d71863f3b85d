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


def test_an_event_said_shorter_for_the_second_group_is_one_comparison():
    """`随访6个月，甲组因病情加重再住院4例（6.7%），乙组再住院12例（20.0%）`: one measure in both groups, each its
    count as n, the follow-up as time point, the sentence's p on both."""
    out = read("随访6个月，甲组因病情加重再住院4例（6.7%），乙组再住院12例（20.0%），"
               "差异有统计学意义（χ²=5.031，P=0.025）。")
    assert [(f.arm, f.value, f.n, f.timeframe, f.detail("p_value")) for f in out] == [
        ("甲组", 6.7, 4, "随访6个月", "0.025"), ("乙组", 20.0, 12, "随访6个月", "0.025")]
    assert len({f.detail("measure") for f in out}) == 1 and "再住院" in out[0].detail("measure")


def test_a_measure_named_by_its_abbreviation_in_a_chinese_clause():
    out = read("干预12周后，甲组HbA1c为（6.8±0.9）%，低于乙组的（7.4±1.1）%（t=3.272，P=0.001）。")
    assert [(f.detail("measure"), f.arm, f.value) for f in out] == [("HbA1c", "甲组", 6.8), ("HbA1c", "乙组", 7.4)]


def test_a_comparison_naming_one_of_two_groups_has_the_other_as_its_other_side():
    out = read("甲组TSH为（2.1±0.6）mU/L；FT4为（15.2±2.3）pmol/L，高于乙组的（13.8±2.1）pmol/L（P=0.002）。")
    assert [(f.arm, f.value) for f in out if f.detail("measure") == "FT4"] == [("甲组", 15.2), ("乙组", 13.8)]


def test_pairs_in_brackets_report_the_name_before_the_bracket():
    """`A比B` in brackets after each event: the event before the bracket is the measure, the sentence's group the
    first side and the study's other group the second."""
    out = read("甲组≥3级不良反应较多，主要为≥3级皮疹（18.0%比4.2%）和≥3级腹泻（12.5%比5.0%）。")
    assert [(f.detail("measure"), f.arm, f.value) for f in out] == [
        ("≥3级皮疹", "甲组", 18.0), ("≥3级皮疹", "乙组", 4.2), ("≥3级腹泻", "甲组", 12.5), ("≥3级腹泻", "乙组", 5.0)]
    out = read("两组ORR（40.0%比20.0%）差异有统计学意义（P=0.04）。")
    assert [(f.arm, f.value) for f in out] == [("乙组", 40.0), ("甲组", 20.0)], "两组: in allocation order"


def test_a_clause_after_a_semicolon_keeps_the_sentences_time_point_and_its_shared_p():
    """`治疗后，甲组X为a，高于乙组的b；Y为c，低于乙组的d（P均<0.001）`: both clauses are after treatment, and `P均` is
    the p of all four values."""
    out = read("干预8周后，甲组TC为（4.1±0.6）mmol/L，低于乙组的（4.6±0.7）mmol/L；LDL-C为（2.3±0.5）mmol/L，"
               "低于乙组的（2.8±0.6）mmol/L（P均<0.05）。")
    assert [(f.detail("measure"), f.arm, f.timeframe, f.detail("p_value")) for f in out] == [
        ("TC", "甲组", "干预8周后", "<0.05"), ("TC", "乙组", "干预8周后", "<0.05"),
        ("LDL-C", "甲组", "干预8周后", "<0.05"), ("LDL-C", "乙组", "干预8周后", "<0.05")]


def test_a_group_then_its_time_points_as_rows():
    """`甲组  60  治疗前  …` with `治疗后  …` under it (the group printed once): each cell after treatment is its
    column's measure in the group above, at its row's time point; the rows before treatment are baseline."""
    table = ("表3　两组治疗前后肺功能比较（x±s）\n"
             "组别    例数  时间      FEV1（L）     FVC（L）\n"
             "乙组    60    治疗前    1.52±0.31     2.41±0.42\n"
             "              治疗后    1.78±0.35     2.66±0.45\n"
             "甲组    60    治疗前    1.49±0.33     2.38±0.40\n"
             "              治疗后    2.05±0.37     2.93±0.47\n")
    out = read("两组治疗前后肺功能见表3。\n" + table)
    assert [(f.arm, f.detail("measure"), f.timeframe, f.value) for f in out] == [
        ("乙组", "FEV1", "治疗后", 1.78), ("乙组", "FVC", "治疗后", 2.66),
        ("甲组", "FEV1", "治疗后", 2.05), ("甲组", "FVC", "治疗后", 2.93)]
