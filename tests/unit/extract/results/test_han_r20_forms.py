"""Chinese forms of reports we do not have (R20), on invented sentences in fields of their own: efficacy grades and
events counted one after another with commas, lists of symptoms or lab values `分别为` over as many values and the
other group's list compared value by value, Cox factors listed one bracket each, a qualified endpoint name, the
two groups compared after `；`, ｜ tables and tables whose cells stand two fullwidth spaces apart. The whole reports
are tests/fixtures/study/zh_tcm_pipe.txt, zh_lipid_marks.txt, zh_hipec_cohort.txt (test_zh_reports.py)."""

from helpers.results import outcomes

HEAD = ("某方案治疗的临床观察\n\n1　资料与方法\n1.1　一般资料\n共纳入患者80例，按随机数字表法分为甲组和乙组，"
        "各40例。甲组男21例，女19例。\n\n2　结果\n2.1　疗效与安全性\n")
TAIL = "\n\n3　讨论\n方案可行。\n"


def read(body: str, head: str = HEAD) -> list:
    return outcomes(head + body + TAIL, "论文.txt")


def rows(out, unit: str | None = None):
    return [(f.detail("measure"), f.arm, f.value) for f in out if unit is None or f.unit == unit]


def test_grades_and_events_counted_one_after_another_with_commas():
    """`甲组临床控制6例，显效11例，有效15例，无效8例`, `出现头痛2例，便秘1例，乏力1例`: each count is a result of its
    group; the sample's `男21例，女19例` is not."""
    out = read("甲组临床控制6例，显效11例，有效15例，无效8例，总有效率为80.00%（32/40）。"
               "乙组出现头痛2例，便秘1例，乏力1例。")
    assert rows(out) == [("临床控制", "甲组", 6), ("显效", "甲组", 11), ("有效", "甲组", 15), ("无效", "甲组", 8),
                         ("总有效率", "甲组", 80.0), ("头痛", "乙组", 2), ("便秘", "乙组", 1), ("乏力", "乙组", 1)]


def test_a_list_of_names_said_respectively_and_the_other_groups_list():
    """`甲组头晕、耳鸣、失眠积分分别为a、b、c，均低于乙组的d、e、f（P<0.05）`: a measure each, in order, for both
    groups, all with the sentence's p."""
    out = read("治疗后，甲组头晕、耳鸣、失眠积分分别为（1.10±0.42）分、（0.95±0.37）分、（1.32±0.50）分，"
               "均低于乙组的（1.86±0.55）分、（1.72±0.48）分、（2.04±0.61）分（P<0.05）。")
    assert rows(out) == [("头晕积分", "甲组", 1.1), ("耳鸣积分", "甲组", 0.95), ("失眠积分", "甲组", 1.32),
                         ("头晕积分", "乙组", 1.86), ("耳鸣积分", "乙组", 1.72), ("失眠积分", "乙组", 2.04)]
    assert {f.detail("p_value") for f in out} == {"<0.05"}


def test_a_list_said_respectively_takes_the_names_listed_earlier_in_its_sentence():
    out = read("治疗后，两组血清IL-6、TNF-α均较治疗前下降，且甲组分别为（12.4±3.1）pg/mL、（18.6±4.2）pg/mL。")
    assert [(f.detail("measure"), f.value) for f in out] == [("IL-6", 12.4), ("TNF-α", 18.6)]


def test_each_value_named_before_it_after_the_unit_of_the_value_before():
    """`UA为（a）μmol/L、Cr为（b）μmol/L`: the unit of a value is no part of the next value's name."""
    out = read("治疗后，甲组UA为（356.2±41.5）μmol/L、Cr为（78.4±12.6）μmol/L。")
    assert [(f.detail("measure"), f.value) for f in out] == [("UA", 356.2), ("Cr", 78.4)]


def test_cox_factors_each_in_their_own_bracket():
    """`A（HR …）、B（HR …）及C（HR …），而D（HR …）`: each ratio measures its own factor."""
    out = read("多因素Cox回归分析显示，糖尿病（HR 1.84，95%CI 1.12～3.02，P=0.016）、吸烟（HR 1.62，95%CI 1.05～2.50，"
               "P=0.029）及BMI≥28（HR 1.45，95%CI 1.01～2.08，P=0.044）是复发的独立危险因素，而性别（HR 1.10，95%CI "
               "0.72～1.68，P=0.660）不是。")
    assert [(f.detail("measure").split(" (")[0], f.value, f.detail("p_value")) for f in out] == [
        ("糖尿病", 1.84, "0.016"), ("吸烟", 1.62, "0.029"), ("BMI≥28", 1.45, "0.044"), ("性别", 1.1, "0.660")]


def test_an_endpoint_name_keeps_its_qualifier_and_the_comparison_after_the_semicolon_its_p():
    """`甲组局部复发率为5.0%；乙组…为17.5%，两组比较差异有统计学意义（P=0.038）`: 局部复发率 (not 复发率), and the p of
    the two groups compared after `；` on both."""
    out = read("甲组发生局部复发2例，局部复发率为5.0%；乙组发生局部复发7例，局部复发率为17.5%，"
               "两组比较差异有统计学意义（χ²=4.300，P=0.038）。")
    rates = [(f.detail("measure"), f.arm, f.value, f.detail("p_value")) for f in out if f.unit == "%"]
    assert rates == [("局部复发率", "甲组", 5.0, "0.038"), ("局部复发率", "乙组", 17.5, "0.038")]


def test_a_fullwidth_bar_table_with_rows_under_their_group():
    """`组别｜例数｜时间｜…` and `｜｜治疗后｜…`: the ｜ of Chinese text separates cells, and a line opening on it
    opens on blank cells (no Markdown border)."""
    out = read("两组评分见表1。\n表1　两组治疗前后评分比较（x̄±s，分）\n组别｜例数｜时间｜疼痛｜僵硬\n"
               "甲组｜40｜治疗前｜6.21±1.02｜5.84±0.96\n｜｜治疗后｜2.35±0.71*#｜2.12±0.66*#\n"
               "乙组｜40｜治疗前｜6.15±1.08｜5.90±1.01\n｜｜治疗后｜3.48±0.85*｜3.27±0.80*\n注：与本组治疗前比较，*P<0.05")
    assert sorted((f.detail("measure"), f.arm, f.value, f.timeframe) for f in out) == [
        ("僵硬", "乙组", 3.27, "治疗后"), ("僵硬", "甲组", 2.12, "治疗后"),
        ("疼痛", "乙组", 3.48, "治疗后"), ("疼痛", "甲组", 2.35, "治疗后")]


def test_a_mark_comparing_groups_gives_its_cell_the_p_of_the_note():
    """`2.35±0.71*#` under `注：与本组治疗前比较，*P<0.05；与乙组治疗后比较，#P<0.05`: `#` compares the groups, so its
    cells take P<0.05; `*` compares a group with its own baseline and gives no p."""
    out = read("两组评分见表1。\n表1　两组治疗前后评分比较（x̄±s，分）\n组别｜例数｜时间｜疼痛｜僵硬\n"
               "甲组｜40｜治疗前｜6.21±1.02｜5.84±0.96\n｜｜治疗后｜2.35±0.71*#｜2.12±0.66*\n"
               "乙组｜40｜治疗前｜6.15±1.08｜5.90±1.01\n｜｜治疗后｜3.48±0.85*｜3.27±0.80*\n"
               "注：与本组治疗前比较，*P<0.05；与乙组治疗后比较，#P<0.05")
    assert {f.value: f.detail("p_value") for f in out} == {2.35: "<0.05", 2.12: "", 3.48: "", 3.27: ""}


def test_a_table_whose_cells_stand_two_fullwidth_spaces_apart():
    """Cells set apart by two fullwidth spaces stand under no printed column: read in order."""
    out = read("两组指标见表2。\n表2　两组治疗后指标比较（x̄±s）\n指标　　甲组（n=40）　　乙组（n=40）　　t值　　P值\n"
               "ALT（U/L）　　28.4±8.7　　30.1±9.0　　0.860　　0.392\n"
               "NT-proBNP（pg/mL）　　612.5±158.4　　798.7±186.2　　4.823　　<0.001")
    assert sorted((f.detail("measure"), f.arm, f.value, f.detail("p_value")) for f in out) == [
        ("ALT", "乙组", 30.1, "0.392"), ("ALT", "甲组", 28.4, "0.392"),
        ("NT-proBNP", "乙组", 798.7, "<0.001"), ("NT-proBNP", "甲组", 612.5, "<0.001")]


def test_the_value_a_score_went_to_is_the_result_and_the_value_it_came_from_the_baseline():
    """`甲组疼痛评分由治疗前的（6.21±1.02）分降至（2.35±0.71）分，乙组由（6.15±1.08）分降至（3.48±0.85）分`."""
    out = read("甲组疼痛评分由治疗前的（6.21±1.02）分降至（2.35±0.71）分，乙组由（6.15±1.08）分降至（3.48±0.85）分"
               "（P<0.05）。")
    assert rows(out) == [("疼痛评分", "甲组", 2.35), ("疼痛评分", "乙组", 3.48)]


def test_differences_all_significant_give_every_comparison_the_p():
    """`…（80.0%）高于乙组（60.0%），X（75.0%）高于乙组（55.0%），差异均有统计学意义（P<0.05）`: both
    pairs."""
    out = read("甲组总有效率（80.0%）高于乙组（60.0%），转阴率（75.0%）高于乙组（55.0%），"
               "差异均有统计学意义（P<0.05）。")
    assert {f.value: f.detail("p_value") for f in out} == {80.0: "<0.05", 60.0: "<0.05", 75.0: "<0.05", 55.0: "<0.05"}
