"""Quality-of-life and supportive-care score tables (extract/results/tables/): mean ± SD per group at
baseline and later time points, change from baseline, the between-group difference (95% CI) and P. Each
cell: the row label its measure, the group column its arm, the time column its time point; the baseline
column and a table of traits at entry give nothing, the P column is never a value. Invented reports, one
per printed form: PubMed Central cells a line with glued headers, tab-separated and space-aligned rows."""
from helpers.corpus import FIXTURES
from helpers.results import outcomes


def _text(name: str) -> str:
    return (FIXTURES / "results" / name).read_text(encoding="utf-8")


# Arms over time points, both header rows glued (PubMed Central prints a header row as one line).
FLATTENED = _text("qol_flattened.txt")
# A table of traits at entry whose title does not say `baseline`; time points over arms; change columns.
OVER_ARMS = _text("qol_over_arms.txt")
TABBED = _text("qol_tabbed.txt")
SPACED = _text("qol_spaced.txt")

def _by_quote(text: str) -> dict:
    out = {}
    for f in outcomes(text):
        assert f.provenance.quote not in out, f"two results for {f.provenance.quote!r}"
        out[f.provenance.quote] = f
    return out


def _row(f) -> tuple:
    return f.value, f.arm, f.detail("measure"), f.timeframe, f.detail("p_value")


def test_flattened_scores_by_arm_and_week_without_the_baseline_column():
    fs = _by_quote(FLATTENED)
    assert "78.4 ± 12.1" not in fs and "77.9 ± 13.0" not in fs  # baseline
    assert "0.012" not in fs and "0.41" not in fs  # the P column
    assert _row(fs["82.6 ± 11.4"]) == (82.6, "Walking", "FACT-G total", "Week 6", "0.012")
    assert _row(fs["79.1 ± 12.2"]) == (79.1, "Usual care", "FACT-G total", "Week 12", "0.012")
    assert _row(fs["18.4 ± 3.5"]) == (18.4, "Walking", "Emotional well-being", "Week 12", "0.41")
    diff = fs["1.7 (0.1 to 3.3)"]
    assert (diff.value, diff.arm, diff.detail("statistic")) == (1.7, "", "difference")
    assert (diff.detail("ci_low"), diff.detail("ci_high"), diff.detail("p_value")) == ("0.1", "3.3", "0.04")


def test_a_table_of_age_and_sex_is_no_result_whatever_its_title():
    quotes = set(_by_quote(OVER_ARMS))
    assert not quotes & {"58.2 ± 9.1", "30 (66.7)", "26.1 ± 4.2", "11.0 ± 3.3"}


def test_time_points_over_arms_week_0_is_baseline_and_changes_keep_their_arm():
    fs = _by_quote(OVER_ARMS)
    assert "55.3 ± 18.2" not in fs  # week 0
    assert _row(fs["7.4 ± 2.8"]) == (7.4, "Music", "HADS anxiety", "Week 6", "<0.001")
    assert _row(fs["58.2 ± 18.8"])[:4] == (58.2, "Standard care", "EORTC QLQ-C30 global health", "Week 6")
    change = fs["−3.8 ± 2.5"]
    assert (change.value, change.arm) == (-3.8, "Music")
    assert change.detail("measure") == "HADS anxiety, Change from week 0 to week 6"
    assert fs["2.1 ± 15.0"].arm == "Standard care"


def test_tab_and_space_laid_rows_read_alike():
    for text in (TABBED, SPACED):
        fs = {f.value: f for f in outcomes(text)}
        assert 6.1 not in fs and 6.0 not in fs and 5.5 not in fs  # baseline columns
        assert _row(fs[4.2]) == (4.2, "Acupressure", "Nausea score", "Week 3", "<0.001")
        assert _row(fs[5.0])[:4] == (5.0, "Sham", "Fatigue", "Week 6")
        diff = fs[-0.9]
        assert (diff.arm, diff.detail("ci_low"), diff.detail("ci_high"), diff.detail("p_value")) == \
            ("", "-1.7", "-0.1", "0.03")
        assert not [f for f in fs.values() if f.value in (0.03, 0.001)]  # P never a value


def test_a_ci_name_over_two_cells_gives_the_difference_its_bounds():
    text = _text("ci_two_cells.txt")
    fs = {f.value: f for f in outcomes(text)}
    assert not {-1.5, -0.3, 0.004, 0.09, 1.4} & set(fs)  # bounds and P are no values
    diff = fs[-0.9]
    assert (diff.arm, diff.detail("statistic"), diff.detail("ci_low"), diff.detail("ci_high"), diff.detail("p_value")) \
        == ("", "difference", "-1.5", "-0.3", "0.004")
    assert (fs[4.0].arm, fs[4.0].detail("measure"), fs[4.0].detail("p_value")) == ("Saline", "Pain at 6 h", "0.004")
    assert (fs[0.7].detail("ci_low"), fs[0.7].detail("ci_high")) == ("0.0", "1.4")


def test_cells_under_a_p_name_are_never_values():
    # `p-valuea` / `p-valueb` over two columns beside a two-level header of arms under `Mean Change (SD)`
    fs = outcomes(_text("p_columns_two_level.txt"))
    assert not {0.004, 0.811, 0.002, 0.702, 0.001} & {f.value for f in fs}
    assert all(f.value < 0 for f in fs)  # whatever is read is a mean change


def test_time_points_as_indented_rows_under_each_scale():
    # `Global health status` / `\u2003Baseline` / `\u20036 months` / `\u200312 months`: sections of time rows
    fs = _by_quote(_text("qol_time_rows.txt"))
    assert "61.0 (20.3)" not in fs and "62.2 (19.8)" not in fs  # the baseline row
    assert _row(fs["67.9 (18.3)"]) == (67.9, "Usual care", "Global health status", "12 months", "0.015")
    assert _row(fs["84.1 (14.0)"]) == (84.1, "Nurse-led", "Physical functioning", "6 months", "0.35")
    diff = fs["6.6 (1.3 to 11.9)"]
    assert (diff.arm, diff.timeframe, diff.detail("ci_low"), diff.detail("ci_high")) == ("", "12 months", "1.3", "11.9")


def test_a_p_name_with_a_footnote_mark_glued_to_it_is_a_p_column():
    # `P‐Value$` (a Unicode hyphen and a `$` footnote mark): its cells are the row's p, never a value or an arm
    fs = {f.value: f for f in outcomes(_text("p_column_marks.txt"))}
    assert not {0.01, 0.47} & set(fs) and not [f for f in fs.values() if "value" in f.arm.lower()]
    assert (fs[2.1].arm, fs[2.1].detail("p_value")) == ("Drug A", ".01")
    assert (fs[5.9].arm, fs[5.9].detail("p_value")) == ("Placebo", ".47")


def test_a_p_column_beside_each_groups_change_is_that_cells_p():
    # `Placebo` / `p value` / `Drug A` / `p value` …: each group's within-group p; the last `…, p value` column
    # (between groups) is a P column too, never a value
    fs = {f.value: f for f in outcomes(_text("within_group_p.txt"))}
    assert set(fs) == {-0.5, 1.2, -1.9}
    assert [(fs[v].arm, fs[v].detail("p_value")) for v in (-0.5, 1.2, -1.9)] == \
        [("Placebo", "0.412"), ("Drug A", "0.021"), ("Drug B", "0.003")]


# A Markdown pipe table whose header cells each print a group, a time point and the number analysed
# (`Exercise week 12 (n=78)`), and a title naming the baseline beside a later time point.
MARKDOWN = _text("qol_markdown.txt")


def test_markdown_header_cells_give_arm_and_time_point_and_the_baseline_columns_nothing():
    fs = _by_quote(MARKDOWN)
    assert not set(fs) & {"58.1 (20.3)", "57.6 (21.0)", "45.2 (24.1)", "0.014"}  # baseline columns, the p column
    assert _row(fs["66.4 (19.2)"]) == (66.4, "Exercise", "Global health status", "week 12", "0.014")
    assert _row(fs["41.7 (24.9)"]) == (41.7, "Usual care", "Fatigue", "week 12", "0.005")


def test_markdown_difference_column_is_a_comparison_at_its_time_point_with_ci_and_p():
    diff = _by_quote(MARKDOWN)["4.2 (0.1 to 8.3)"]
    assert (diff.value, diff.arm, diff.detail("statistic"), diff.timeframe) == (4.2, "", "difference", "week 12")
    assert (diff.detail("ci_low"), diff.detail("ci_high"), diff.detail("p_value")) == ("0.1", "8.3", "0.045")
