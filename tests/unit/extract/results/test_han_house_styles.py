"""Chinese forms of reports in house styles first met on reports we do not have (issue 18), on invented sentences
in several fields: a time point opening the sentence, `量` measures, `χ²` as a statistic, one p after values of
one measure, one measure compared in a clause of its own, groups named only by the allocation, tables with
cells one space apart. The whole reports are tests/fixtures/study/zh_*.txt (test_zh_reports.py)."""

from helpers.results import outcomes

HEAD = "某方案治疗的临床观察\n\n1　资料与方法\n1.1　一般资料\n选取患者。\n\n2　结果\n2.1　疗效与安全性\n"
TAIL = "\n\n3　讨论\n方案可行。\n"


def read(body: str, head: str = HEAD) -> list:
    return outcomes(head + body + TAIL, "论文.txt")


def test_a_time_point_opening_the_sentence_is_its_values():
    out = read("术后6周，甲组VAS评分为（2.4±0.7）分，低于乙组的（3.6±0.8）分（t=7.120，P<0.001）。")
    assert [(f.arm, f.value, f.timeframe) for f in out] == [("甲组", 2.4, "术后6周"), ("乙组", 3.6, "术后6周")]
    out = read("护理后，研究组焦虑评分为（38.2±4.1）分，低于常规组的（45.9±5.0）分（P<0.05）。")
    assert {f.timeframe for f in out} == {"护理后"}


def test_a_volume_is_a_measure_a_dose_is_not():
    out = read("甲组术后引流量为（156.3±40.2）mL，少于乙组的（231.8±52.6）mL（t=5.213，P<0.001）。")
    assert [(f.detail("measure"), f.arm, f.value) for f in out] == [("术后引流量", "甲组", 156.3),
                                                                    ("术后引流量", "乙组", 231.8)]
    assert read("甲组给药量为40 mL。") == []


def test_chi_square_is_neither_a_value_nor_a_citation():
    out = read("甲组1、2年生存率分别为88.0%、70.5%，乙组分别为80.2%、61.0%（Log-rank χ²=1.204，P=0.273）。")
    assert sorted(f.value for f in out) == [61.0, 70.5, 80.2, 88.0]
    assert {f.detail("source") for f in out} <= {"", "own"}
    assert {f.detail("p_value") for f in out} == {"0.273"}, "one p after values of one measure: all of them"
    assert [(f.arm, f.timeframe) for f in out] == [("甲组", "1年"), ("甲组", "2年"), ("乙组", "1年"), ("乙组", "2年")]


def test_one_p_is_not_spread_over_two_measures():
    out = read("甲组ORR为40.0%，DCR为80.0%；乙组ORR为20.0%，DCR为65.0%（P=0.041）。")
    assert len(out) == 4 and [f.detail("p_value") for f in out].count("0.041") < 4


def test_one_measure_compared_in_its_own_clause_gives_its_rows_the_p():
    out = read("甲组ORR为42.5%（17/40），DCR为77.5%（31/40）；乙组ORR为20.0%（8/40），DCR为60.0%（24/40）。"
               "两组ORR比较，差异有统计学意义（χ²=4.713，P=0.030）；两组DCR比较，差异无统计学意义（χ²=2.837，P=0.092）。")
    assert {(f.name, f.arm): f.detail("p_value") for f in out} == {
        ("ORR", "甲组"): "0.030", ("DCR", "甲组"): "0.092", ("ORR", "乙组"): "0.030", ("DCR", "乙组"): "0.092"}


def test_groups_the_allocation_names_are_arms_whatever_words_name_them():
    head = HEAD.replace("选取患者。", "根据术式分为微创组（45例）和传统组（52例）。")
    out = read("微创组和传统组术后1年复发率分别为6.7%和15.4%（P=0.174）。", head)
    assert [(f.arm, f.value) for f in out] == [("微创组", 6.7), ("传统组", 15.4)]


def test_a_table_with_cells_one_space_apart():
    out = read("表2　两组疗效比较［n（%）］\n组别 例数 治愈 好转 总有效率\n"
               "甲组 50 21（42.00） 24（48.00） 45（90.00）\n"
               "乙组 50 14（28.00） 23（46.00） 37（74.00）\nχ²值 4.336\nP值 0.037\n")
    got = {(f.detail("measure"), f.arm): (f.value, f.n, f.detail("p_value")) for f in out}
    assert got[("总有效率", "甲组")] == (90.0, 45, "0.037") and got[("总有效率", "乙组")] == (74.0, 37, "0.037")
    assert got[("治愈", "乙组")] == (28.0, 14, "")
    assert len(out) == 6


def test_two_groups_compared_with_no_measure_named_take_the_measure_reported_before():
    out = read("甲组依从率为92.5%（37/40），乙组为75.0%（30/40）。两组比较，差异有统计学意义（χ²=4.501，P=0.034）。")
    assert [(f.arm, f.detail("p_value")) for f in out] == [("甲组", "0.034"), ("乙组", "0.034")]
    out = read("甲组ORR为40.0%，DCR为80.0%；乙组ORR为20.0%，DCR为65.0%。两组比较，差异有统计学意义（P=0.041）。")
    assert {f.detail("p_value") for f in out} == {""}, "two measures before: whose p it is is not said"


def test_stable_disease_counted_is_no_standard_deviation():
    out = read("试验组CR 2例，PR 11例，SD 14例，PD 8例；对照组CR 1例，PR 6例，SD 15例，PD 13例。")
    assert [(f.name, f.arm, f.value, f.detail("sd")) for f in out if f.name in ("PR", "SD")] == [
        ("PR", "试验组", 11.0, ""), ("SD", "试验组", 14.0, ""), ("PR", "对照组", 6.0, ""), ("SD", "对照组", 15.0, "")]
