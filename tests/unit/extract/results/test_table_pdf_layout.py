"""Results tables as a PDF-to-text export gives them (R34), each on an invented report: columns aligned by runs of
spaces, row labels, header cells and CIs wrapped onto a second line, group rows over indented rows, a table
continued on the next page (`Table 2 (continued)`, `表 2（续）`) after the page's running head, the header printed
again. tables/layout.py joins the printed lines of one row; tables/zones.py joins the two parts of a table."""
from helpers.corpus import FIXTURES
from helpers.results import fact_at, read_fixture

RESULTS = FIXTURES / "results"


def read(name: str) -> tuple[str, list]:
    return read_fixture(RESULTS / name)


at = fact_at


def test_a_label_and_a_ci_printed_over_two_lines_are_one_row():
    text, fs = read("pdf_continued.txt")
    splint, cast, odds = at(text, fs, "61 (76.3)"), at(text, fs, "47 (58.0)"), at(text, fs, "2.32 (1.17")
    assert (splint.value, splint.n, splint.arm) == (76.3, 12 * 5 + 1, "Splint")
    assert (cast.value, cast.arm, cast.detail("p_value")) == (58.0, "Above-elbow cast", "0.02")
    assert "Return to full activity by day 21" in splint.detail("measure")
    assert (odds.value, odds.arm, odds.detail("ci_low"), odds.detail("ci_high")) == (2.32, "", "1.17", "4.61")


def test_a_wrapped_header_gives_the_group_its_size_and_the_effect_its_column():
    text, fs = read("pdf_continued.txt")
    sore = at(text, fs, "1 (1.3)")
    assert (sore.arm, sore.detail("arm_size")) == ("Splint", 80)
    odds = at(text, fs, "0.13 (0.02")
    assert (odds.arm, odds.detail("ci_low"), odds.detail("ci_high")) == ("", "0.02", "1.10")
    assert odds.detail("p_value") == "0.06"
    assert at(text, fs, "0.06") is None  # the p of its row, no result


def test_a_group_row_qualifies_its_indented_rows_until_a_row_stands_as_far_out():
    text, fs = read("pdf_continued.txt")
    assert at(text, fs, "1 (1.3)").detail("measure").startswith("Skin problems")
    itch = at(text, fs, "4 (5.0)").detail("measure")
    assert "Skin problems" in itch and "Itch needing a change of device" in itch
    assert "Skin problems" not in at(text, fs, "3 (3.8)").detail("measure")


def test_a_table_continued_after_a_running_head_keeps_its_columns():
    text, fs = read("pdf_continued.txt")
    again = at(text, fs, "72 (90.0)")
    assert (again.value, again.arm, again.detail("p_value")) == (90.0, "Splint", "0.001")
    assert "Parent would choose the same device again" in again.detail("measure")
    assert at(text, fs, "4.25 (1.79").detail("ci_high") == "10.10"
    page = text.index("2026;4:10-18                    5")
    assert not [f for f in fs if page <= f.provenance.start < page + 40]  # the running head's page number


def test_chinese_header_parts_and_label_parts_printed_apart_are_one():
    text, fs = read("zh_pdf_continued.txt")
    obs, ctl = at(text, fs, "5.2±1.4"), at(text, fs, "7.9±1.8")
    assert (obs.arm, obs.detail("arm_size"), ctl.arm, ctl.detail("p_value")) == ("观察组", 40, "对照组", "<0.001")
    assert "疼痛缓解时间" in obs.detail("measure")
    stiff = at(text, fs, "3（7.5）")
    assert (stiff.value, stiff.n, stiff.arm) == (7.5, 3, "观察组")
    assert "晨僵持续时间延长" in stiff.detail("measure") and "关节症状" in stiff.detail("measure")
    assert at(text, fs, "7.487") is None and at(text, fs, "5.541") is None  # the χ²/t 值 column


def test_chinese_table_continued_after_the_page_head():
    text, fs = read("zh_pdf_continued.txt")
    fluid, total = at(text, fs, "8（20.0）"), at(text, fs, "29（72.5）")
    assert (fluid.arm, fluid.detail("p_value"), total.arm) == ("对照组", "0.043", "对照组")
    assert "关节积液" in fluid.detail("measure") and "关节症状" in fluid.detail("measure")
    assert "关节症状" not in total.detail("measure") and "总有效率" in total.detail("measure")


def test_a_scale_row_over_arms_whose_names_open_in_lower_case_is_no_wrapped_label():
    # `mCoach`: a name with capitals inside is a name, not a label's lower-case second line
    text, fs = read("measure_rows_named_arms.txt")
    coach = at(text, fs, "10.4 (4.0)")
    assert coach is not None and coach.value == 10.4
    assert "mCoach" in coach.arm and "ISI" not in coach.arm
    school = at(text, fs, "8.9 (3.1)")
    assert school is not None and school.arm == "Sleep school" and school.value == 8.9


def test_a_time_point_and_statistic_header_gives_the_time_and_the_scale_row_the_measure():
    # `Post M (SD)` over groups under a scale row `ISI`: measure ISI, time point Post, the group the arm
    text, fs = read("measure_rows_named_arms.txt")
    coach = at(text, fs, "10.4 (4.0)")
    assert (coach.detail("measure"), coach.arm, coach.timeframe) == ("ISI", "mCoach", "Post")
    assert (coach.detail("statistic"), coach.detail("sd")) == ("mean", "4.0")
    later = at(text, fs, "8.5 (3.3)")
    assert (later.detail("measure"), later.arm, later.timeframe) == ("PSQI", "Sleep school", "Follow-up")
    assert at(text, fs, "18.2 (3.1)") is None  # the `Pre` column is the baseline, no result


def test_arms_named_with_a_lower_case_e_before_a_capital_are_rows_not_footnotes():
    # `eCoach (n = 40)` opens like a footnote `aAdjusted …` but is a row of cells
    text, fs = read("time_statistic_headers.txt")
    coach, health = at(text, fs, "3.4 (1.5)"), at(text, fs, "10.2 (3.6)")
    assert (coach.arm, coach.detail("measure"), coach.timeframe) == ("eCoach", "Pain intensity", "Week 8")
    assert (health.arm, health.detail("measure"), health.timeframe) == ("eHealth", "Disability index", "T2")
    assert at(text, fs, "6.1 (1.2)") is None  # `Baseline M (SD)`


def test_pretest_posttest_and_counted_headers_split_into_time_and_statistic():
    text, fs = read("time_statistic_headers.txt")
    post = at(text, fs, "38.7 (5.9)")
    assert (post.arm, post.detail("measure"), post.timeframe, post.detail("sd")) == \
        ("eCoach", "Self-efficacy", "Posttest", "5.9")
    late = at(text, fs, "8 (20.5)")
    assert (late.arm, late.detail("measure"), late.timeframe, late.value, late.n) == \
        ("Leaflet", "Pain reduced by half", "Week 12", 20.5, 8)
