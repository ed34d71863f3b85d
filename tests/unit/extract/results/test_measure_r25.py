"""Measures read wrong outside the results gold (R25): a second measure named right before its number in a
coordinated clause, the measure as the subject before a colon pair, a bare plural head that takes its object from
the sentence, and a CI in square brackets after a value. Each text is invented."""
from helpers.results import outcomes


def facts(text: str) -> list:
    return outcomes(f"RESULTS:\n{text}\n", "fixture.txt")


def rows(text: str) -> dict[float, tuple[str, str, str]]:
    return {f.value: (f.detail("measure"), f.arm, f.timeframe) for f in facts(text)}


def test_a_second_measure_named_before_its_number_is_that_measure():
    got = rows("The assay's sensitivity was 61.2% and its specificity 94.8%.")
    assert "sensitivity" in got[61.2][0]
    assert "specificity" in got[94.8][0] and "sensitivity" not in got[94.8][0]


def test_the_subject_before_a_colon_pair_is_the_measure_of_both():
    got = rows("The main endpoint, 30-day mortality, was alike in both arms (drug K: 47.1% vs. drug L: 53.9%, "
               "P = 0.41).")
    assert got[47.1][0] == got[53.9][0] == "30-day mortality"


def test_a_bare_plural_head_keeps_what_it_counts():
    got = rows("The incidence of benign cysts was alike, with incidences of 1.61 and 1.09 per 100 patient-years in "
               "the K and L groups, respectively.")
    assert got[1.61][0] != "incidences" and "benign cysts" in got[1.61][0]
    assert "benign cysts" in got[1.09][0]


def test_a_bracketed_ci_after_a_value_is_its_ci():
    got = {f.value: f for f in facts("Drug K gave a mean gain of 0.012 QALYs [-0.016, 0.041] over drug L.")}
    assert set(got) == {0.012}
    assert (got[0.012].detail("ci_low"), got[0.012].detail("ci_high")) == ("-0.016", "0.041")


def test_a_bracketed_ci_with_currency_is_its_ci():
    got = {f.value: f for f in facts("Drug K led to a cost increase of $420 [$240, $730] per patient.")}
    assert set(got) == {420.0}
    assert (got[420.0].detail("ci_low"), got[420.0].detail("ci_high")) == ("240", "730")


def test_a_bracket_pair_right_after_its_number_stays_its_range_not_a_ci():
    got = {f.value: f for f in facts("Fasting insulin was 104 [51, 123] mIU/L with drug K and 113 [54, 171] mIU/L "
                                     "with drug L.")}
    assert set(got) == {104.0, 113.0} and got[104.0].detail("ci_low") == ""


def test_a_determiner_free_second_clause_keeps_the_first_measure():
    got = rows("The response rate was 41% with drug K and 29% with drug L.")
    assert got[29.0][0] == got[41.0][0] == "response rate"
