"""R33: Chinese forms of rehabilitation, nursing and three-arm reports: an event counted with its share right after a
group's name (no verb between), a list of durations opening a sentence, a unit after a bracketed value before the
next name, time points as table headers (`干预后2个月`, `术后12 h` printed one space apart).
Invented sentences and tables, read in a numbered results section."""

from helpers.results import outcomes

HEAD = ("某康复方案的效果观察\n\n1　资料与方法\n1.1　一般资料\n将120例患者随机分为甲组、乙组和丙组，每组40例。\n\n"
        "2　结果\n2.1　各组比较\n")
TAIL = "\n\n3　讨论\n方案有效。\n"


def read(body: str) -> list:
    return outcomes(HEAD + body + TAIL, "论文.txt")


def by_value(body: str) -> dict:
    return {f.value: f for f in read(body)}


def test_an_event_counted_right_after_the_group_with_no_verb():
    fs = by_value("甲组头晕3例（7.50%），乙组5例（12.50%），丙组9例（22.50%），三组比较差异有统计学意义（P=0.032）。")
    assert {v: (f.arm, f.detail("measure"), f.n) for v, f in fs.items()} == {
        7.5: ("甲组", "头晕", 3), 12.5: ("乙组", "头晕", 5), 22.5: ("丙组", "头晕", 9)}


def test_a_time_point_between_the_group_and_what_it_counted():
    fs = by_value("乙组术后48 h内追加镇静4例（10.00%）。")
    assert fs[10.0].detail("measure") == "追加镇静" and fs[10.0].arm == "乙组" and "48" in fs[10.0].timeframe


def test_a_stage_counted_after_no_group_stays_unread():
    # the rule needs the group's name right before the words: a bare `Ⅱ期8例（20.0%）` names who was studied
    assert not read("其中Ⅱ期8例（20.0%）。")


def test_a_list_of_durations_gives_each_value_of_one_group_its_time_point():
    fs = by_value("干预后2周、6周，甲组步行速度分别为（0.62±0.11）m/s、（0.81±0.13）m/s，"
                  "均高于丙组的（0.55±0.10）m/s、（0.66±0.12）m/s（P均<0.05）。")
    got = {v: (f.arm, f.timeframe) for v, f in fs.items()}
    assert got == {0.62: ("甲组", "干预后2周"), 0.81: ("甲组", "干预后6周"),
                   0.55: ("丙组", "干预后2周"), 0.66: ("丙组", "干预后6周")}


def test_durations_over_two_groups_values_are_not_spread():
    # `三组…分别为` lists the groups: the durations must not be dealt out over them
    fs = by_value("干预后2周、6周，两组步行速度分别为（0.62±0.11）m/s、（0.55±0.10）m/s。")
    assert fs and not any(f.timeframe == "干预后6周" for f in fs.values())


def test_the_abstract_label_before_a_time_lead():
    text = ("某康复方案的效果观察\n\n摘要：目的　观察效果。方法　将80例患者随机分为甲组和乙组，每组40例。"
            "结果　干预后8周，甲组平衡功能评分（24.6±3.1）分，高于乙组的（21.2±3.4）分（P<0.001）。结论　有效。\n\n"
            "1　资料与方法\n选取患者。\n\n2　结果\n见表。\n")
    fs = {f.value: f for f in outcomes(text, "论文.txt")}
    assert fs[24.6].timeframe == "干预后8周" and fs[21.2].timeframe == "干预后8周"


def test_a_unit_after_a_bracketed_value_is_no_part_of_the_next_name():
    fs = by_value("干预后，甲组疼痛评分（2.8±0.7）分、睡眠质量评分（6.1±1.2）分，均优于丙组（P均<0.05）。")
    assert fs[6.1].detail("measure") == "睡眠质量评分"


def test_time_point_rows_under_a_title_naming_the_measure():
    body = ("表1　两组不同时间点握力比较（kg，x±s）\n"
            "时间\t甲组（n=40）\t乙组（n=40）\tt值\tP值\n"
            "干预前\t18.3±2.9\t18.6±3.0\t0.455\t0.650\n"
            "干预后2个月\t22.4±3.2\t20.1±3.1\t3.264\t0.002\n")
    fs = by_value(body)
    assert 18.3 not in fs, "before the intervention is baseline"
    assert (fs[22.4].arm, fs[22.4].detail("measure"), fs[22.4].timeframe) == ("甲组", "握力", "干预后2个月")
    assert (fs[20.1].arm, fs[20.1].timeframe) == ("乙组", "干预后2个月")


def test_single_spaced_time_headers_with_a_unit_apart():
    body = ("表2　三组术后不同时间躁动评分比较（分，x±s）\n"
            "组别 例数 术后2 h 术后12 h\n"
            "甲组 40 1.42±0.51 1.10±0.36\n"
            "乙组 40 1.95±0.62 1.48±0.47\n"
            "丙组 40 2.31±0.70 1.86±0.55\n")
    fs = by_value(body)
    assert (fs[1.10].arm, fs[1.10].detail("measure"), fs[1.10].timeframe) == ("甲组", "躁动评分", "术后12 h")
    assert (fs[2.31].arm, fs[2.31].timeframe) == ("丙组", "术后2 h")


# -- three groups compared the Chinese way ------------------------------------------------------------------------


def arms(body: str) -> dict:
    return {f.value: (f.arm, f.detail("measure")) for f in read(body)}


def test_a_third_group_joined_after_the_compared_one():
    got = arms("甲组愈合率（82.50%）高于乙组（60.00%）及丙组（57.50%），差异均有统计学意义（P<0.05）。")
    assert got == {82.5: ("甲组", "愈合率"), 60.0: ("乙组", "愈合率"), 57.5: ("丙组", "愈合率")}


def test_a_second_pair_after_the_first_keeps_the_first_groups_side():
    fs = by_value("丙组治愈率明显高于乙组（72.50% vs 55.00%，P=0.041）和甲组（72.50% vs 47.50%，P=0.006）。")
    got = sorted((f.value, f.arm, f.detail("p_value")) for f in fs.values())
    assert (47.5, "甲组", "0.006") in got and (55.0, "乙组", "0.041") in got
    pairs = [f for f in read("丙组治愈率明显高于乙组（72.50% vs 55.00%，P=0.041）和甲组（72.50% vs 47.50%，P=0.006）。")
             if f.value == 72.5]
    assert [f.arm for f in pairs] == ["丙组", "丙组"] and all(f.detail("measure") == "治愈率" for f in pairs)


def test_two_listed_groups_against_one_named_after_the_comparative():
    got = arms("甲组、乙组满意度均高于丙组（90.00%、87.50% vs 70.00%，P<0.05）。")
    assert got == {90.0: ("甲组", "满意度"), 87.5: ("乙组", "满意度"), 70.0: ("丙组", "满意度")}


def test_a_lead_names_the_measure_of_clauses_that_name_only_their_group():
    fs = by_value("三组患者痊愈率比较，甲组为45.00%，乙组为32.50%，丙组为30.00%，差异有统计学意义（P=0.026）。")
    assert {v: (f.arm, f.detail("measure"), f.detail("p_value")) for v, f in fs.items()} == {
        45.0: ("甲组", "痊愈率", "0.026"), 32.5: ("乙组", "痊愈率", "0.026"), 30.0: ("丙组", "痊愈率", "0.026")}


def test_a_lead_with_a_colon_and_a_time_point():
    fs = by_value("三组术后第3天疼痛评分：甲组（2.4±0.6）分，乙组（3.0±0.7）分，丙组（3.6±0.8）分。")
    assert {v: (f.arm, f.detail("measure"), f.timeframe) for v, f in fs.items()} == {
        2.4: ("甲组", "疼痛评分", "术后第3天"), 3.0: ("乙组", "疼痛评分", "术后第3天"),
        3.6: ("丙组", "疼痛评分", "术后第3天")}


def test_a_clause_with_its_own_measure_keeps_it_after_a_lead():
    fs = by_value("三组患者疗效比较，甲组治愈率为45.00%，乙组有效率为80.00%。")
    assert fs[45.0].detail("measure") == "治愈率" and fs[80.0].detail("measure") == "有效率"


def test_counts_of_a_list_said_before_the_event():
    fs = by_value("甲组、乙组、丙组分别有1例、4例、7例出现皮疹。")
    assert {v: f.arm for v, f in fs.items()} == {1.0: "甲组", 4.0: "乙组", 7.0: "丙组"}


def test_a_comparative_before_a_group_is_cut_from_the_measure():
    fs = by_value("甲组睡眠评分显著低于乙组（5.2±1.1 vs 7.4±1.3，P<0.001）。")
    assert (fs[5.2].arm, fs[5.2].detail("measure")) == ("甲组", "睡眠评分")
    assert (fs[7.4].arm, fs[7.4].detail("measure")) == ("乙组", "睡眠评分")


def test_a_p_printed_once_on_the_first_group_row_is_the_next_rows_too():
    body = ("表4　两组家属满意度比较［例（%）］\n"
            "组别\t例数\t满意\t不满意\t总满意度\tχ²值\tP值\n"
            "甲组\t40\t36（90.00）\t4（10.00）\t36（90.00）\t4.501\t0.034\n"
            "乙组\t40\t28（70.00）\t12（30.00）\t28（70.00）\t\t\n")
    fs = [f for f in read(body) if f.value == 70.0]
    assert fs and all(f.arm == "乙组" and f.detail("p_value") == "0.034" for f in fs)


def test_a_p_column_of_measure_rows_stays_per_row():
    body = ("表5　两组干预后指标比较（x±s）\n"
            "指标\t甲组（n=40）\t乙组（n=40）\tt值\tP值\n"
            "握力（kg）\t24.1±3.2\t21.5±3.4\t3.521\t0.001\n"
            "步速（m/s）\t0.82±0.12\t0.79±0.13\t\t\n")
    fs = by_value(body)
    assert fs[24.1].detail("p_value") == "0.001" and not fs[0.82].detail("p_value")


def test_a_pair_after_a_verb_of_change_in_a_sentence_set_against_one_group():
    fs = by_value("与丙组比较，甲组焦虑评分降低（41.3±5.2 vs 47.9±5.8，P<0.001）。")
    assert (fs[41.3].arm, fs[41.3].detail("measure")) == ("甲组", "焦虑评分")
    assert (fs[47.9].arm, fs[47.9].detail("measure")) == ("丙组", "焦虑评分")


def test_a_pair_after_a_verb_of_change_with_no_group_set_against_stays_armless():
    fs = by_value("甲组焦虑评分（41.3±5.2 vs 47.9±5.8，P<0.001）。")
    assert not any(f.arm for f in fs.values())
