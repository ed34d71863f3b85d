"""Two-level table headers (extract/results/tables/axes.py): which level holds the arms. Invented tables in the
flattened PubMed Central layout (header cells glued on one line, one cell a line)."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.results.tables import roles
from evkg.extract.text.context import Context

RUN = Context()

# Time windows over the groups, repeated; a row of each column's N printed `n` / `412 (%)`.
WINDOWS = ("Table 3Adverse events starting on the day of dosing and between 2 & 14 days after dosing\n"
           "Adverse event\nEvents starting on the dosing day\nEvents starting between 2 & 14 days after\n\n\n"
           "Nebulised rinse\nOral rinse\nNebulised rinse\nOral rinse\n\nn\n\n412 (%)\n405 (%)\n412 (%)\n405 (%)\n"
           "Headache\n\n21 (5.1)\n17 (4.2)\n33 (8.0)\n30 (7.4)\nCough\n\n9 (2.2)\n14 (3.5)\n12 (2.9)\n11 (2.7)\n")

# The same conditions and a P under two names: the conditions are compared, the names are subgroups.
SETS = ("Table 2Reading accuracy\nPaper chartsScreen chartsPrintedDigitalPPrintedDigitalPRead time (s)\n"
        "3.4 ± 1.1\n3.9 ± 1.6\n0.31\n4.2 ± 1.3\n5.6 ± 2.0\n0.012\nErrors (n)\n2.1 ± 0.9\n2.4 ± 1.0\n0.45\n"
        "2.8 ± 1.2\n3.3 ± 1.4\n0.20\n")


def facts(text: str) -> dict[str, object]:
    doc = read_plain(Path("fixture.txt"), text)
    out = [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]
    assert all(f.provenance.quote == text[f.provenance.start:f.provenance.end] for f in out)
    return {f"{f.provenance.quote}@{f.provenance.start}": f for f in out}


def at(text: str, quote: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    got = facts(text).get(f"{quote}@{start}")
    assert got is not None, f"no fact for {quote!r} #{nth}"
    return got


def test_a_time_window_over_groups_is_the_time_point_and_the_group_the_arm():
    f = at(WINDOWS, "33 (8.0)")
    assert (f.arm, f.value, f.n, f.detail("measure")) == ("Nebulised rinse", 8.0, 33, "Headache")
    assert f.timeframe == "between 2 & 14 days after"
    assert f.detail("arm_size") == 412
    g = at(WINDOWS, "14 (3.5)")
    assert (g.arm, g.timeframe, g.detail("arm_size")) == ("Oral rinse", "on the dosing day", 405)


def test_no_window_phrase_is_ever_an_arm():
    arms = {f.arm for f in facts(WINDOWS).values()}
    assert arms == {"Nebulised rinse", "Oral rinse"}


def test_conditions_under_two_sets_are_the_arms_with_their_own_p():
    f = at(SETS, "5.6 ± 2.0")
    assert (f.arm, f.detail("measure"), f.detail("p_value")) == ("Digital", "Read time, Screen charts", "0.012")
    g = at(SETS, "2.1 ± 0.9")
    assert (g.arm, g.detail("measure"), g.detail("p_value")) == ("Printed", "Errors, Paper charts", "0.45")
    assert {f.arm for f in facts(SETS).values()} == {"Printed", "Digital"}


def test_groups_over_their_own_statistics_keep_the_group_as_the_arm():
    # `Baseline | Week 8 | P` under each group: the group above is the arm (no condition compared by the P)
    text = ("Table 2Scores by group\nScore\nControl (n = 40)\nExercise (n = 41)\nWeek 4\nWeek 8\nP\nWeek 4\nWeek 8\nP\n"
            "Pain\n5.1 ± 1.2\n4.2 ± 1.1\n0.03\n5.0 ± 1.3\n3.1 ± 1.0\n<0.001\n"
            "Fatigue\n4.1 ± 1.2\n4.0 ± 1.1\n0.63\n4.4 ± 1.3\n3.6 ± 1.0\n0.02\n")
    f = at(text, "3.1 ± 1.0")
    assert f.arm == "Exercise" and f.timeframe == "Week 8"


def test_window_and_cut_phrases():
    assert roles.window_span("Events starting between 2 & 6 days after") == (16, 40)
    assert roles.window_span("Events within 30 days") == (7, 21)
    assert roles.window_span("Drug A after surgery") is None  # no unit a window counts in
    assert roles.window_span("Placebo") is None
    assert roles.dangling("Events starting on the same day as") and not roles.dangling("Saline spray")
    assert not roles.dangling("as")


def test_an_overall_column_is_the_whole_sample_with_no_group_of_its_own():
    text = ("Table 2Safety data\nAll pts (120 pts)Low dose (61 pts)High dose (59 pts)p valueFalls (pts)\n"
            "9 (7.5%)\n3 (4.9%)\n6 (10.2%)\n0.31\nFractures (pts)\n2 (1.7%)\n1 (1.6%)\n1 (1.7%)\n0.98\n")
    assert at(text, "9 (7.5%)").arm == ""  # the spec: a whole-study figure has no arm
    assert at(text, "6 (10.2%)").arm == "High dose"


def test_a_statistic_under_a_group_at_its_time_point():
    text = ("Table 3Scores over the study\nScore\nCoaching baseline (n = 50)\nControl baseline (n = 48)\n"
            "Coaching week 12 (n = 47)\nControl week 12 (n = 45)\nM (SD)\nM (SD)\nM (SD)\nM (SD)\n"
            "Confidence\n5.1 (1.2)\n5.0 (1.3)\n7.9 (1.1)\n5.6 (1.4)\n"
            "Importance\n6.1 (1.2)\n6.0 (1.3)\n8.2 (1.0)\n6.3 (1.5)\n")
    f = at(text, "7.9 (1.1)")
    assert (f.arm, f.timeframe, f.detail("measure")) == ("Coaching", "week 12", "Confidence")
    assert all(g.arm != "M (SD)" for g in facts(text).values())
    assert "5.1 (1.2)@" + str(text.index("5.1 (1.2)")) not in facts(text)  # the baseline column is no result


def test_a_total_group_over_its_own_statistics_keeps_the_groups_in_their_columns():
    text = ("Table 4Sleep outcomes after the programme\n\nTotal group\nCoached\nUsual care\n\n"
            "Measure\nMean ± SD\nRange\nMean ± SD\nRange\nMean ± SD\nRange\nP value\n"
            "Sleep hours\n6.1 ± 1.2\n3-9\n6.6 ± 1.0\n4-9\n5.6 ± 1.3\n3-8\n0.02\n"
            "Wake episodes\n2.4 ± 1.1\n0-5\n2.0 ± 0.9\n0-4\n2.8 ± 1.2\n0-5\n0.04\n")
    assert at(text, "6.1 ± 1.2").arm == ""
    assert at(text, "6.6 ± 1.0").arm == "Coached"
    assert at(text, "5.6 ± 1.3").arm == "Usual care"
