"""A quality-of-life report in the Lancet's house style (invented, tests/fixtures/results/qol_lancet.txt): mid-dot
decimals, a difference repeated as `(−1·8, −2·9 to −0·7; p=0·002)` with its measure said the sentence before, a
change beyond the other group's (`fell by 2·2 points more in the CBT group than in the usual care group`), and the
numbers of such a report that are no result (questionnaires returned, sessions attended, minutes to fill them in,
the methods' reliability and exercise length, the discussion's other trial)."""
from helpers.corpus import FIXTURES
from helpers.results import outcomes

LANCET = (FIXTURES / "results" / "qol_lancet.txt").read_text(encoding="utf-8")


def _facts() -> dict:
    out: dict = {}
    for f in outcomes(LANCET):
        out.setdefault(f.provenance.quote, f)
    return out


def _by_value(value: float):
    found = [f for f in outcomes(LANCET) if f.value == value]
    assert found, value
    return found[-1]


def test_mid_dot_means_of_each_arm_and_their_difference():
    mean = _by_value(7.1)
    assert (mean.arm, mean.timeframe) == ("CBT group", "At 12 weeks")
    assert "HADS-D" in mean.detail("measure")
    diff = _by_value(-2.6)
    assert (diff.arm, diff.detail("statistic"), diff.detail("ci_low"), diff.detail("ci_high")) == \
        ("", "difference", "-3·7", "-1·5")


def test_compact_repeat_is_the_difference_of_the_measure_said_before_with_its_ci_and_p():
    diff = _by_value(-1.8)
    assert diff.provenance.quote.endswith("−1·8")
    assert (diff.arm, diff.detail("statistic"), diff.timeframe) == ("", "difference", "at 24 weeks")
    assert (diff.detail("ci_low"), diff.detail("ci_high"), diff.detail("p_value")) == ("-2·9", "-0·7", "0·002")
    assert "HADS-D" in diff.detail("measure")
    pcs = _by_value(0.8)
    assert (pcs.arm, pcs.detail("statistic"), pcs.detail("ci_low"), pcs.detail("ci_high")) == \
        ("", "difference", "-1·2", "2·8")
    assert "physical component summary" in pcs.detail("measure")


def test_a_change_beyond_the_other_groups_is_their_difference():
    anxiety = _by_value(2.2)
    assert (anxiety.arm, anxiety.detail("statistic"), anxiety.detail("comparator")) == \
        ("", "difference", "usual care group")
    mcs = _by_value(4.3)
    assert (mcs.arm, mcs.detail("statistic"), mcs.detail("comparator")) == ("", "difference", "usual care")
    assert (mcs.detail("ci_low"), mcs.detail("ci_high"), mcs.detail("p_value")) == ("1·9", "6·7", "0·0005")


def test_numbers_about_the_questionnaires_sessions_methods_and_other_trials_are_no_results():
    values = {f.value for f in outcomes(LANCET)}
    assert not values & {93.0, 78.0, 80.0, 86.0, 9.0, 0.84, 10.0, 1.5}
    assert 7.0 not in values  # sessions attended


def test_scores_changed_from_baseline_name_the_scale_and_its_change():
    for value in (-2.9, -0.6):
        f = _by_value(value)
        assert f.detail("measure").startswith("HADS-D scores")
        assert f.detail("measure").endswith("(change from baseline)")
    assert (_by_value(-2.9).arm, _by_value(-0.6).arm) == ("CBT group", "usual care")


def test_a_scale_named_in_words_takes_the_abbreviation_the_methods_define():
    assert _by_value(2.2).detail("measure") == "Anxiety scores (HADS-A)"
