"""Table layouts the reader met on reports outside the gold (R18), each on an invented paper: Chinese tables whose
cells are separated by `｜` or by one fullwidth space (groups as rows over 治疗前/治疗后, or each group a block of
time rows; `t值` / `P值` rows), and an English table whose second column names the group (each measure a block of
rows, `mean (SD)` per week, a `Difference (95% CI)` and a `P` printed once per block)."""
import pytest

from helpers.corpus import FIXTURES
from helpers.results import fact_at, outcomes, read_fixture

RESULTS = FIXTURES / "results"


def read(name: str) -> tuple[str, list]:
    return read_fixture(RESULTS / name)


at = fact_at


def row(f) -> tuple:
    return f.value, f.arm, f.detail("measure"), f.timeframe, f.detail("p_value"), f.detail("arm_size")


@pytest.mark.parametrize("name", ["zh_bar_tables.txt", "zh_wide_tables.txt"])
def test_chinese_groups_as_rows_give_the_after_values_with_the_p_row_and_the_size_column(name):
    text, fs = read(name)
    assert row(at(text, fs, "2.84±0.96")) == (2.84, "治疗组", "恶心评分", "治疗后", "<0.001", 40)
    assert row(at(text, fs, "4.05±1.12")) == (4.05, "对照组", "恶心评分", "治疗后", "<0.001", 38)
    for baseline in ("6.32±1.25", "6.28±1.31", "13.971", "0.140", "5.188"):
        assert at(text, fs, baseline) is None, baseline


@pytest.mark.parametrize("name", ["zh_bar_tables.txt", "zh_wide_tables.txt"])
def test_chinese_group_blocks_of_time_rows(name):
    text, fs = read(name)
    assert row(at(text, fs, "41.2±5.3")) == (41.2, "治疗组", "焦虑评分", "治疗后", "<0.001", 40)
    assert row(at(text, fs, "9.6±2.0")) == (9.6, "对照组", "睡眠评分", "治疗后", "0.003", 38)
    for baseline in ("52.4±6.1", "11.4±2.3", "5.092"):
        assert at(text, fs, baseline) is None, baseline
    assert "讨论" not in " ".join(f.provenance.quote for f in fs)


def test_a_group_column_makes_each_measure_a_block_of_group_rows():
    text, fs = read("weeks_group_column.txt")
    assert row(at(text, fs, "4.1 (1.6)"))[:4] == (4.1, "Ginger", "Symptoms, Nausea score", "Week 4")
    placebo = at(text, fs, "4.2 (1.8)")
    assert row(placebo)[:5] == (4.2, "Placebo", "Symptoms, Nausea score", "Week 8", "0.001")
    assert placebo.detail("sd") in (1.8, "1.8")
    assert row(at(text, fs, "5.2 (2.0)"))[:5] == (5.2, "Placebo", "Symptoms, Appetite score", "Week 8", "0.03")
    for baseline in ("6.2 (1.8)", "6.0 (1.9)", "4.5 (2.1)"):
        assert at(text, fs, baseline) is None, baseline


def test_a_difference_between_the_two_groups_is_one_comparison_with_its_ci_and_p():
    text, fs = read("weeks_group_column.txt")
    diff = at(text, fs, "1.2 (-1.9 to -0.5)")
    assert (diff.value, diff.arm, diff.detail("comparator"), diff.detail("statistic")) == \
        (-1.2, "", "Placebo", "difference")
    assert (diff.detail("ci_low"), diff.detail("ci_high"), diff.detail("p_value")) == ("-1.9", "-0.5", "0.001")


def test_blocks_naming_other_groups_are_not_read_as_one_grid():
    text = (RESULTS / "weeks_group_column.txt").read_text(encoding="utf-8").replace(
        "                   Placebo    4.5", "                   Sham       4.5")
    fs = outcomes(text)
    assert not any(f.arm in ("Ginger", "Placebo", "Sham") and "score" in f.detail("measure") and
                   f.provenance.start > text.index("Table 2.") for f in fs)


def test_glued_capitals_split_into_names_the_document_prints_and_a_footnoted_baseline_gives_nothing():
    text, fs = read("glued_headers.txt")
    assert row(at(text, fs, "8.1 ± 1.1"))[:3] == (8.1, "CF", "Timed walk")
    assert row(at(text, fs, "3.9 ± 1.2"))[:3] == (3.9, "Vest", "Fatigue score")
    assert at(text, fs, "8.4 ± 1.2") is None and at(text, fs, "5.1 ± 1.4") is None, "BS is the baseline"


def test_capitals_glued_past_splitting_are_no_arm():
    text, fs = read("glued_headers.txt")
    glued = at(text, fs, "96.2 ± 8.1")
    assert glued is not None and glued.arm == "" and glued.detail("measure") == "Heart rate"
    assert at(text, fs, "92.4 ± 7.7").arm == "Vest"


def test_a_p_name_glued_to_the_next_words_is_the_p_column_and_never_an_arm():
    text, fs = read("glued_headers.txt")
    assert row(at(text, fs, "14.2 ± 3.1"))[:5] == (14.2, "Cooled", "Recovery time on day 1", "", "0.012")
    assert row(at(text, fs, "13.4 (2.0)"))[:5] == (13.4, "Fan", "10-minute walk, Perceived effort", "", "0.01")
    assert at(text, fs, "0.012") is None or at(text, fs, "0.012").value != 0.012


def test_a_baseline_and_a_time_point_in_one_header_name_are_two_columns():
    text, fs = read("glued_headers.txt")
    assert row(at(text, fs, "26.8 (4.0)"))[:5] == (26.8, "Cooled", "Grip strength", "6 Months", "0.04")
    assert row(at(text, fs, "25.0 (4.3)"))[:4] == (25.0, "Fan", "Grip strength", "6 Months")
    assert at(text, fs, "24.1 (4.2)") is None and at(text, fs, "24.5 (4.4)") is None


def test_a_second_header_half_way_down_names_the_groups_of_the_rows_under_it():
    text, fs = read("two_sections.txt")
    assert row(at(text, fs, "3.1 ± 1.0"))[:3] == (3.1, "Femoral block", "Pain at rest")
    assert row(at(text, fs, "2.9 ± 0.9")) == (2.9, "Adductor block", "Pain at rest", "", "0.03", 28)
    assert row(at(text, fs, "5.0 ± 1.2"))[:3] == (5.0, "Infiltration", "Pain on walking")
    assert at(text, fs, "5.0 ± 1.2").detail("arm_size") == 29


def test_a_spaced_table_in_two_sections_and_time_points_as_rows():
    text, fs = read("two_sections.txt")
    assert row(at(text, fs, "22.4 ± 6.1"))[:4] == (22.4, "Femoral block", "Opioid use in the two hospitals", "Day 1")
    assert row(at(text, fs, "21.8 ± 5.9"))[:5] == (21.8, "Adductor block", "Opioid use in the two hospitals", "Day 1",
                                                    "0.004")


N_COLUMNS = """TITLE: Ginger tea for chemotherapy nausea: a randomised controlled trial

BODY.METHODS: Adults were randomised to ginger tea or to placebo tea. Placebo tea looked the same.

BODY.RESULTS: Nausea fell more with ginger (Table 2).

Table 2. Scores at week 8

                   Ginger                    Placebo
Measure            n     Mean (SD)           n     Mean (SD)         P
Nausea score       38    3.0 (1.5)           39    4.2 (1.8)         0.001

Table 3. Vomiting episodes at week 8
OutcomeGingernPlacebonP
Any vomiting
9 (23.7)
38
17 (43.6)
39
0.04

BODY.DISCUSSION: Ginger helped.
"""


def test_an_n_column_beside_a_group_is_its_size_and_never_a_value():
    fs = outcomes(N_COLUMNS)
    t = N_COLUMNS
    ginger = at(t, fs, "3.0 (1.5)")
    assert (ginger.value, ginger.arm, ginger.detail("arm_size"), ginger.detail("p_value")) == \
        (3.0, "Ginger", 38, "0.001")
    assert at(t, fs, "4.2 (1.8)").detail("arm_size") == 39
    assert at(t, fs, "38    3.0") is None or at(t, fs, "38    3.0").value != 38
    vomit = at(t, fs, "17 (43.6)")
    assert (vomit.value, vomit.n, vomit.total, vomit.arm) == (43.6, 17, 39, "Placebo")
    assert not any(f.value in (38.0, 39.0) for f in fs)


def test_the_first_of_numbered_visits_is_the_baseline_and_a_change_column_is_each_groups_result():
    text, fs = read("visits.txt")
    assert at(text, fs, "6.1 (2.0)") is None and at(text, fs, "6.3 (2.1)") is None
    assert row(at(text, fs, "8.4 (2.1)"))[:4] == (8.4, "Booklet group", "Knowledge score", "Visit 2")
    change = at(text, fs, "0.7 (1.8)")
    assert (change.value, change.arm, change.detail("measure")) == (0.7, "Control group", "Knowledge score, Change")
    assert at(text, fs, "3.2 (1.1)") is None and row(at(text, fs, "2.6 (1.0)"))[:4] == (2.6, "Control group", "Errors",
                                                                                          "Post")


def test_each_group_a_section_of_week_rows_with_measures_as_columns():
    text, fs = read("weeks_group_sections.txt")
    assert row(at(text, fs, "4.1 (1.6)"))[:4] == (4.1, "Ginger", "Nausea score", "Week 4")
    assert at(text, fs, "4.1 (1.6)").detail("arm_size") == 40
    assert row(at(text, fs, "5.2 (2.0)"))[:4] == (5.2, "Placebo", "Appetite score", "Week 8")
    assert at(text, fs, "6.2 (1.8)") is None and at(text, fs, "4.5 (2.1)") is None


def test_a_letter_glued_before_a_capital_goes_with_the_name_the_document_prints():
    from collections import Counter

    from evkg.extract.results.tables import header
    words = Counter({"Statistics": 0, "statistics": 3, "pH": 5, "Before": 2})
    line = "BeforeAfterStatisticspH"
    assert [line[p.start:p.end] for p in header.split(line, 0, words)] == ["Before", "After", "Statistics", "pH"]


NAMES = """TITLE: Walking groups and blood pressure: a randomised trial

BODY.METHODS: Adults were randomised to a walking group or to usual care.

BODY.RESULTS: Blood pressure fell (Table 2, Table 3, Table 4).

Table 2. Predictors of systolic pressure at 12 months
FactorUnadjusted beta (95% CI)P valueAdjusted betab (95% CI)P value
Walking group
-4.1 (-7.0 to -1.2)
0.006
-3.8 (-6.6 to -1.0)
0.008

Table 3. Costs at 12 months
ItemWalking (n = 60)Usual care (n = 58)Cost difference ($)
Visits
410 (120)
455 (130)
-45 (-90 to 0)

Table 4. Pressure by visit
VisitTime pointWalking (n = 60)Usual care (n = 58)
Week 4
8:00
131.2±9.0
133.0±9.4
10:00
130.1±8.8
132.5±9.1
"""


def test_statistic_names_a_footnote_or_a_noun_before_them_are_no_arms():
    fs = outcomes(NAMES)
    t = NAMES
    beta = at(t, fs, "4.1 (-7.0 to -1.2)")
    assert (beta.arm, beta.detail("statistic"), beta.detail("p_value")) == ("", "coefficient", "0.006")
    assert at(t, fs, "3.8 (-6.6 to -1.0)").arm == ""
    cost = at(t, fs, "45 (-90 to 0)")
    assert (cost.arm, cost.detail("statistic"), cost.detail("comparator")) == ("", "difference", "Usual care")


def test_a_table_whose_cells_land_in_its_header_gives_no_arm_from_them():
    fs = outcomes(NAMES)
    assert not any(f.arm in ("8:00", "10:00") or "131.2" in f.arm for f in fs)


def test_chinese_measure_blocks_with_a_group_column_give_each_group_its_n_and_its_own_p():
    text, fs = read("zh_measure_group.txt")
    assert row(at(text, fs, "2.84±0.96")) == (2.84, "治疗组", "恶心评分", "治疗后", "<0.001", 40)
    assert row(at(text, fs, "4.05±1.12")) == (4.05, "对照组", "恶心评分", "治疗后", "0.002", 38)
    assert row(at(text, fs, "47.8±5.9")) == (47.8, "对照组", "焦虑评分", "治疗后", "0.005", 38)
    for other in ("6.32±1.25", "13.971", "2.905", "40｜52.4"):
        assert at(text, fs, other) is None or at(text, fs, other).value not in (6.32, 13.971, 2.905, 40.0), other


def test_a_name_printed_twice_without_a_break_is_two_columns():
    from collections import Counter

    from evkg.extract.results.tables import header
    line = "Mean cost (SD) $Mean cost (SD) $"
    assert [line[p.start:p.end] for p in header.split(line, 0, Counter())] == ["Mean cost (SD) $", "Mean cost (SD) $"]


def test_chinese_bar_rows_continued_under_a_blank_group_and_size_with_marked_values():
    """`｜` rows whose group and size cells are fullwidth spaces under the group's first row, values with `△*` marks,
    t and P rows naming their time point: each after value one result of its group, with the group's N."""
    text, fs = read("zh_bar_continued.txt")
    assert row(at(text, fs, "101.3±19.2")) == (101.3, "观察组", "血肌酐", "干预后", "0.010", 42)
    assert row(at(text, fs, "409.6±49.3")) == (409.6, "对照组", "尿酸", "干预后", "0.047", 42)
    assert row(at(text, fs, "8.11±1.55")) == (8.11, "对照组", "尿素氮", "干预后", "0.010", 42)
    assert len(fs) == 6
    for other in ("128.6±22.4", "431.7±53.4", "2.643", "0.047"):  # before treatment, t and P cells
        assert at(text, fs, other) is None, other
    assert not any("比较" in (f.detail("measure") or "") or "组别" in (f.detail("measure") or "") for f in fs)


def test_a_single_arm_event_table_in_runs_of_fullwidth_spaces_reads_grades_into_the_measure():
    text, fs = read("zh_wide_runs_single_arm.txt")
    f = at(text, fs, "3（7.5）")
    assert (f.value, f.n, f.total, f.arm, f.detail("measure")) == (7.5, 3, 40, "", "高血压 (≥3级)")
    f = at(text, fs, "11（27.5）")
    assert (f.value, f.n, f.total, f.arm, f.detail("measure")) == (27.5, 11, 40, "", "手足综合征 (任意级别)")
    assert len(fs) == 6
    assert not any("级别" in f.arm or "不良反应" in f.arm for f in fs)
