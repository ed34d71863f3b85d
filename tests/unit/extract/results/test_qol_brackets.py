"""Differences in a Lancet-style report printed with square brackets inside round ones (invented,
tests/fixtures/results/qol_brackets.txt): the difference after two groups' scores in one bracket measures what
they measure; a difference after `X improved more with …` / `X did not differ` measures X; an unlabelled
interval in brackets after a difference is its CI, mid-dot decimals included."""
from helpers.corpus import FIXTURES
from helpers.results import outcomes

TEXT = (FIXTURES / "results" / "qol_brackets.txt").read_text(encoding="utf-8")


def _by_value(value: float):
    found = [f for f in outcomes(TEXT) if f.value == value]
    assert found, value
    return found[0]


def test_difference_after_a_comparison_in_its_bracket_measures_what_they_measure():
    diff = _by_value(4.1)
    assert (diff.detail("measure"), diff.detail("statistic"), diff.arm) == ("Fatigue", "difference", "")
    assert (diff.detail("ci_low"), diff.detail("ci_high"), diff.detail("p_value")) == ("1·6", "6·6", "0·0015")


def test_difference_after_a_clause_measures_its_subject_and_takes_the_bracketed_interval_as_ci():
    insomnia = _by_value(-1.9)
    assert insomnia.detail("measure").startswith("Insomnia")
    assert (insomnia.detail("ci_low"), insomnia.detail("ci_high")) == ("-3·1", "-0·7")
    assert _by_value(-0.9).detail("measure").startswith("Depressive symptoms")


def test_adverse_events_spelt_out_with_share_and_denominator_per_group():
    yoga, waiting = _by_value(15.0), _by_value(7.0)
    assert (yoga.n, yoga.total, waiting.n, waiting.total) == (9, 60, 4, 60)
    assert "yoga group" in yoga.arm and waiting.arm == "waiting list group"
    assert 60.0 not in {f.value for f in outcomes(TEXT)}


def test_difference_in_brackets_after_a_long_clause_measures_the_clause_subject():
    anxiety = _by_value(-1.4)
    assert anxiety.detail("measure").startswith("Anxiety scores at 12 weeks")
    assert (anxiety.arm, anxiety.detail("comparator"), anxiety.detail("ci_low")) == ("", "waiting list group", "-2·3")
