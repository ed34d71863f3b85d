"""Numbers in results prose that are no result of the study (R22): time points read as values, thresholds and
definitions, strengths of what was given, baseline traits, single subjects' values; and the results of those
kinds that stay. Words are ontology/cues/result_words.tsv (`time_origin`, `time_word`, `threshold`,
`dosage_form`, `people`) and units.tsv. Each text is invented."""
from helpers.results import outcomes


def values(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.detail("measure"), f.arm) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_moments_listed_after_at_are_time_points():
    assert values("Plasma zinc at baseline, 4 weeks, 8 weeks and 1 year is plotted in Figure 3.") == {}
    assert values("Fracture rates at 1, 2 and 5 years were 3%, 6% and 11%.").keys() == {3.0, 6.0, 11.0}


def test_the_end_of_a_window_opened_by_a_moment_is_a_time_point():
    assert 9.0 not in values("Hand strength fell from peak to 9 months in both cohorts.")
    got = values("Between randomisation and 9 months, weight fell by 1.8 kg with drug K and 0.2 kg with placebo.")
    assert set(got) == {1.8, 0.2}


def test_a_number_after_year_or_month_is_a_time_point():
    got = values("By the end of year 3, 52% of the drug K group were free of flares.")
    assert set(got) == {52.0}
    assert set(values("At month 5, 40% of the drug K group had healed.")) == {40.0}


def test_thresholds_and_definitions_are_no_results():
    assert values("The secondary outcome was the time to recover to 90% of the baseline walking speed.") == {}
    assert values("A sodium level of 130 mmol/L (130 mEq/L) or lower was defined as hyponatraemia.") == {}
    assert values("Most subjects showed a drop between 12% and 18% in peak flow.") == {}


def test_a_strength_before_a_dosage_form_is_no_result():
    assert values("The block was followed by 20% lipid emulsion in the drug K group.") == {}
    assert values("An infusion of 12 mg/kg/day compared to 18 mg/kg/day as used here may be enough.") == {}
    # a share of patients using a form stays a result
    assert 35.0 in values("In the drug K group, 35% used cream on most days.")


def test_baseline_traits_with_their_spread_named_are_no_results():
    got = values("Among the 64 analysed, mean ± SD age was 41 ± 9 years and BMI 27 ± 3 kg/m2.")
    assert got == {}


def test_values_of_a_few_single_subjects_are_no_results():
    assert values("The other three patients had peak troponin levels of 0.8, 1.1 and 2.4 ng/mL.") == {}
    # a count with its share among a group stays a result
    assert 4.0 in values("Two patients in the drug K group had grade 4 neutropenia (4%).")


def test_results_of_those_kinds_are_kept():
    got = values("The median recovery time was 11 days in the drug K group and 15 days in the placebo group.")
    assert got[11.0][0] == "median recovery time" and got[11.0][1].startswith("drug K") and 15.0 in got
    got = values("The response rate was 41% in the 10 mg/kg/day group and 58% in the 20 mg/kg/day group (p=0.02).")
    assert {41.0, 58.0} <= set(got)
    got = values("Mean weight at 12 months was 70.1 ± 8.2 kg in the drug K group and 73.4 ± 9.0 kg in the placebo "
                 "group.")
    assert got[70.1][0] == "Mean weight" and 73.4 in got
    assert {-2.9, -0.4} <= set(values("From baseline to 6 months, weight changed by -2.9 kg in the drug K group "
                                      "and -0.4 kg in the placebo group."))


def test_a_comparison_in_brackets_before_and_less_stays_a_result():
    got = values("Patients on drug K had fewer days in hospital (11.2 ± 9.0 vs. 14.8 ± 9.6, P = 0.03) and less pain "
                 "(2.1, SD 1.0 vs 2.9, SD 1.1).")
    assert {11.2, 14.8, 2.1, 2.9} <= set(got)


def test_single_subjects_after_a_group_result_and_responders_by_a_threshold():
    got = values("Most tests were negative. Nine subjects in the drug K group repeated the test, 77.8% (n = 7) of "
                 "whom responded, the remaining two subjects having peak falls in FEV1 of 12.25% and 13.75%.")
    assert 77.8 in got and 12.25 not in got and 13.75 not in got
    assert 60.0 not in values("The share of patients achieving 60% improvement was higher with drug K (p=0.01).")
