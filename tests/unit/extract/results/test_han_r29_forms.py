"""Chinese forms of R29's reports (a PCI cohort, a diagnostic-accuracy study, a children's RCT with HTML-exported
tables; tests/fixtures/study/zh_pci_cohort.txt, zh_diag_elasto.txt, zh_peds_html.txt), on invented sentences of
other fields: a time point before a measure's name, a level with its unit, an abbreviation counted after 发生, a
graded event, a qualifier with an abbreviation, a subgroup said before its values."""

from helpers.results import outcomes

HEAD = ("某方案的临床研究\n\n1　资料与方法\n1.1　一般资料\n将80例患者分为甲组（40例）和乙组（40例）。\n\n"
        "2　结果\n2.1　疗效\n")
TAIL = "\n\n3　讨论\n方案可行。\n"


def read(body: str) -> list:
    return outcomes(HEAD + body + TAIL, "论文.txt")


def rows(body: str) -> list:
    return [(f.detail("measure"), f.arm, f.value, f.timeframe) for f in read(body)]


def test_a_time_point_before_the_measure_name_is_its_time_point():
    assert rows("甲组3个月HAMD缓解率为40.0%，高于乙组的25.0%（P=0.021）。") == [
        ("HAMD缓解率", "甲组", 40.0, "3个月"), ("HAMD缓解率", "乙组", 25.0, "3个月")]


def test_a_level_with_its_unit_names_what_was_measured():
    out = rows("甲组血乳酸为（2.1±0.6）mmol/L，乙组为（2.9±0.8）mmol/L（t=4.12，P<0.001）。")
    assert [(m, a, v) for m, a, v, _ in out] == [("血乳酸", "甲组", 2.1), ("血乳酸", "乙组", 2.9)]
    assert read("甲组给药剂量为40 mg。") == [], "a dose is no level measured"


def test_an_abbreviation_counted_after_fasheng_is_the_event():
    out = read("甲组发生AKI 6例（15.0%），乙组14例（35.0%）（χ²=4.27，P=0.039）。")
    assert [(f.detail("measure"), f.arm, f.value, f.n) for f in out] == [("AKI", "甲组", 15.0, 6),
                                                                        ("AKI", "乙组", 35.0, 14)]


def test_a_graded_event_keeps_its_grade_and_is_read():
    out = read("甲组1～2级出血5例（12.5%），乙组2例（5.0%）（P=0.235）。")
    assert [(f.detail("measure"), f.arm, f.value) for f in out] == [("1～2级出血", "甲组", 12.5),
                                                                   ("1～2级出血", "乙组", 5.0)]


def test_a_qualifier_with_an_abbreviation_stays_in_the_rate():
    out = read("甲组和乙组2年无BCR生存率分别为61.5%和48.0%（P=0.045）。")
    assert [(f.detail("measure"), f.arm, f.value) for f in out] == [("无BCR生存率", "甲组", 61.5),
                                                                   ("无BCR生存率", "乙组", 48.0)]


def test_a_subgroup_said_before_its_values_is_in_their_measure():
    out = rows("在老年患者中，甲组有效率为80.0%，乙组为62.5%（P=0.048）。")
    assert [(m, a, v) for m, a, v, _ in out] == [("老年患者有效率", "甲组", 80.0), ("老年患者有效率", "乙组", 62.5)]
    whole = rows("所有患者中，甲组有效率为80.0%，乙组为62.5%（P=0.048）。")
    assert {m for m, *_ in whole} == {"有效率"}, "the whole sample is no subgroup"
    both = rows("两组患者中，甲组有效率为80.0%，乙组为62.5%（P=0.048）。")
    assert {m for m, *_ in both} == {"有效率"}, "the study's groups are no subgroup"


def test_a_second_subgroup_in_the_same_sentence_keeps_the_groups_in_order():
    out = rows("男性患者中，甲组与乙组2年复发率分别为10.5%和21.0%，女性患者中分别为8.0%和17.5%。")
    assert [(m, a, v) for m, a, v, _ in out] == [
        ("男性患者复发率", "甲组", 10.5), ("男性患者复发率", "乙组", 21.0),
        ("女性患者复发率", "甲组", 8.0), ("女性患者复发率", "乙组", 17.5)]


def test_two_groups_listed_after_a_subgroup_clause():
    out = rows("在肥胖患者中，甲组有效率为75.0%（15/20），乙组为55.0%（11/20）（P=0.185）；在非肥胖患者中，两组分别为"
               "85.0%（17/20）和60.0%（12/20）（P=0.077）。")
    assert [(m, a, v) for m, a, v, _ in out][2:] == [("非肥胖患者有效率", "甲组", 85.0),
                                                      ("非肥胖患者有效率", "乙组", 60.0)]


def test_a_sign_after_a_name_makes_a_threshold_not_a_value():
    out = read("多因素分析显示，HbA1c>8%（OR=2.31，95%CI：1.20～4.45，P=0.012）是复发的独立危险因素。")
    assert [(f.value, f.detail("statistic")) for f in out] == [(2.31, "or")]


def test_a_duration_before_a_chinese_measure_is_no_value():
    out = read("甲组6个月ABC复发率为9.5%，低于乙组的20.5%（P=0.030）。")
    assert sorted(f.value for f in out) == [9.5, 20.5]


TABLE = ("表1　两组疗效比较［n（%）］\n组别\t例数\t痊愈\t好转\t未愈\n甲组\t40\t12（30.0）\t20（50.0）\t8（20.0）\n"
         "乙组\t40\t7（17.5）\t18（45.0）\t15（37.5）\n\n")


def test_columns_that_name_no_group_beside_group_rows_are_measures():
    out = read(TABLE + "两组疗效比较见表1。")
    got = [(f.detail("measure"), f.arm, f.value, f.n) for f in out]
    assert ("痊愈", "甲组", 30.0, 12) in got and ("未愈", "乙组", 37.5, 15) in got
    assert not {a for _, a, _, _ in got} - {"甲组", "乙组"}


ACCURACY = ("表2　两种方法诊断效能比较\n诊断方法\t灵敏度\t特异度\tNPV\n"
            "CT\t80.0（32/40）\t75.0（30/40）\t78.9（30/38）\n"
            "MRI\t90.0（36/40）\t85.0（34/40）\t89.5（34/38）\n\n")


def test_rows_under_a_methods_corner_are_the_arms_of_accuracy_columns():
    out = read(ACCURACY + "MRI的诊断效能较高，见表2。")
    got = [(f.detail("measure"), f.arm, f.value, f.n, f.total) for f in out]
    assert ("灵敏度", "CT", 80.0, 32, 40) in got and ("NPV", "MRI", 89.5, 34, 38) in got and len(got) == 6


def test_methods_a_table_compares_are_the_arms_of_their_prose():
    out = read(ACCURACY + "CT诊断的灵敏度为80.0%（32/40），MRI诊断的灵敏度为90.0%（36/40）。")
    prose = [(f.detail("measure"), f.arm, f.value) for f in out if f.n in (32, 36) and f.detail("section") != "table"]
    assert ("灵敏度", "CT", 80.0) in prose and ("灵敏度", "MRI", 90.0) in prose


def test_a_one_cell_a_line_table_gives_no_method_names():
    cells = ("表3　两组疗效［n（%）］\n\n组别\n\n例数\n\n治愈\n\n甲组\n\n40\n\n30（75.0）\n\n"
             "乙组\n\n40\n\n22（55.0）\n\n")
    out = read(cells + "甲组治愈率为75.0%，乙组为55.0%（P=0.060）。")
    assert {f.arm for f in out} <= {"甲组", "乙组"}, "a column name read a line at a time is no arm"


REFS = "\n\n参考文献\n" + "".join(f"［{i}］作者{i}. 某文{i}. 某刊, 2020.\n" for i in range(1, 8))


def test_a_cited_number_compared_with_the_own_study_after_it_stays_cited():
    text = (HEAD + "甲组有效率为80.0%，乙组为60.0%（P=0.04）。\n\n3　讨论\n"
            "既往一项研究［6］报道，CT诊断的灵敏度为84.5%，与本研究结果相近。" + REFS)
    cited = [f for f in outcomes(text, "论文.txt") if f.value == 84.5]
    assert cited and all(f.detail("source") == "cited" for f in cited)
