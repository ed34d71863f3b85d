"""Numbers a trial report prints that are no result of its study (extract/results/tokens.py, clause_scope.py,
ontology/cues/result_words.tsv): a schedule of visits, the end of a time window, a percentage's spread in
brackets, the sample's education or marital status, a product's composition, an instrument's reliability.
Each text is invented."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.results.tokens import numbers
from evkg.extract.text.context import Context
from helpers.results import outcomes

RUN = Context()


def roles(text: str) -> list[tuple[float, str]]:
    key = text.lower()
    return [(n.value, n.role) for n in numbers(key, 0, len(key), bytearray(len(key)))]


def test_a_schedule_of_visits_in_two_units_or_more_holds_time_points():
    got = roles("Grip strength was tested at each visit of the trial (1 day, 1 week, 1 month, 3, 6, and 12 months).")
    assert all(role == "timepoint" for _, role in got) and len(got) == 6
    # durations in one unit are results listed side by side
    assert roles("Median survival was 12 months, 10 months and 8 months in arms A, B and C.") == \
        [(12.0, "value"), (10.0, "value"), (8.0, "value")]


def test_the_end_of_a_time_window_is_no_result_unless_the_durations_changed():
    assert (12.0, "timepoint") in roles("The decline in vitamin D from 6 months to 12 months was small.")
    assert (12.0, "value") in roles("Median survival increased from 6 months to 12 months with drug A.")


def test_a_percentage_with_its_spread_in_brackets_is_one_result():
    key = "energy intake reached 105% (5%) of the requirement."
    got = numbers(key, 0, len(key), bytearray(len(key)))
    assert [(n.value, n.details.get("sd")) for n in got] == [(105.0, "5")]
    # a count before its percentage stays one result valued at the percentage
    key = "nausea occurred in 12 (30.0%) patients."
    assert [(n.value, n.n) for n in numbers(key, 0, len(key), bytearray(len(key)))] == [(30.0, 12)]


TEXT = ("TITLE: \nAn invented trial of drug E\n\n\n\nABSTRACT.RESULTS:\nPain fell by 40% with drug E.\n\n"
        "BODY.METHODS:\nWe randomised 90 adults.\n"
        "BODY.RESULTS:\nAll participants had finished school: 61% had 14 years of education; 50% were married "
        "and 42% were retired. The fibre supplement contained mainly inulin (65%) and pectin (35%). "
        "The questionnaire had an internal consistency of 0.87. Energy intake reached 105% (5%) of the "
        "requirement in the drug E group and 88% (6%) in the placebo group. Pain was scored at 1 day, 1 week, "
        "1 month, 3, 6 and 12 months; pain fell by 40% with drug E and 20% with placebo.\n"
        "BODY.DISCUSSION:\nDrug E helped.\n")


def test_what_describes_the_sample_or_the_product_given_is_no_result():
    doc = read_plain(Path("t.txt"), TEXT)
    got = [f.value for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]
    assert {105.0, 88.0, 40.0, 20.0} <= set(got)
    assert not {61.0, 14.0, 50.0, 42.0, 65.0, 35.0, 0.87, 5.0, 6.0, 3.0, 12.0} & set(got)


def test_a_percentage_before_what_was_given_is_its_concentration():
    got = roles("Mothers received 5% glucose or 0.9% saline; wounds were cleaned with 2% chlorhexidine.")
    assert got and all(role == "name" for _, role in got)
    assert roles("Nausea fell by 45% with drug A; 30% reduction with placebo.") == [(45.0, "value"), (30.0, "value")]


def test_a_time_point_named_so_is_no_result():
    assert roles("Blood pressure was higher with drug A from timepoint 15 minutes onwards.") == [(15.0, "timepoint")]


def test_whole_numbers_in_square_brackets_after_a_word_are_citations():
    from evkg.extract.results.tokens import masks
    key = "leptin raised fibroblast growth in culture [2210,41,42]; ghrelin was 388 [301, 455] with drug a."
    got = [(n.value, n.role) for n in numbers(key, 0, len(key), masks(key, []))]
    assert got == [(388.0, "value")]  # the interval after a number is no citation


def test_a_trait_of_who_was_studied_named_as_the_measure_is_no_result():
    text = TEXT.replace("All participants had finished school", "The mean (SD) for the education variable was 13.9 "
                        "years (2.8) and 13.1 years (3.0) in the drug E and placebo arms, respectively. All had "
                        "finished school")
    doc = read_plain(Path("t.txt"), text)
    got = {f.value for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"}
    assert not {13.9, 13.1} & got and 40.0 in got


def test_a_strength_before_a_dosage_form_and_a_setting_after_fio2_are_no_results():
    assert [r for _, r in roles("Drug G 0.03% ophthalmic solution was applied; patients breathed FiO2 100%.")] \
        == ["name", "name"]


def _values(sentences: str) -> list[float]:
    text = ("TITLE: Nebulised saline for wheeze: a randomised trial\n\nBODY.METHODS: Children were randomised to "
            f"saline or placebo.\n\nBODY.RESULTS: {sentences}\n")
    return [f.value for f in outcomes(text)]


def test_the_treatment_as_given_and_the_allocation_are_no_results():
    assert _values("Children were randomized (saline, 212; placebo, 209). The mean dose of saline administered was "
                   "388 ± 191 ml. The delivered dose was below the prescribed dose at 27 ml/kg per h. Mean follow-up "
                   "was 11 ± 4 months.") == []


def test_a_dose_compared_between_groups_or_an_outcome_after_them_stays_a_result():
    got = _values("Children were randomized (saline, 212; placebo, 209). The total dose of rescue salbutamol given "
                  "was 2.1 ± 0.8 mg in the saline group and 3.4 ± 1.1 mg in the placebo group (P = 0.02). "
                  "Readmission occurred in 7% of the saline group.")
    assert 2.1 in got and 3.4 in got and 7.0 in got and 212.0 not in got


def test_a_ci_whose_label_is_spelled_out_then_abbreviated_in_brackets_is_no_value():
    # `95% confidence interval (CI) = 0.438, 0.894`: both bounds belong to the hazard ratio before them
    fs = outcomes("TITLE: T\n\nABSTRACT.RESULTS:\nThe risk of relapse was lower with drug A (hazard ratio (HR) = "
                  "0.63, 95% confidence interval (CI) = 0.438, 0.894; p = 0.010) than with placebo.\n")
    assert [(f.value, f.detail("ci_low"), f.detail("ci_high"), f.detail("p_value")) for f in fs] == \
        [(0.63, "0.438", "0.894", "0.010")]


def test_citation_numbers_glued_to_a_full_stop_are_no_results_without_a_reference_list():
    # `as reported previously.9, 16, 28 Therefore`: a PDF's superscripts, though the text prints no references
    fs = outcomes("TITLE: T\n\nBODY.METHODS:\nPatients were randomised to drug A or placebo.\n\nBODY.RESULTS:\n"
                  "Pain scores fell in both groups, as reported previously.9, 16, 28 Therefore the difference was "
                  "small: 3.1 with drug A and 3.4 with placebo.\n")
    assert sorted(f.value for f in fs) == [3.1, 3.4]


def test_bracketed_effects_of_a_list_keep_each_its_own_measure():
    # the first item's CI is no value, so the second item's effect follows a value: still its own name measures it
    fs = outcomes("TITLE: T\n\nABSTRACT.RESULTS:\nAnalyses showed a difference favoring drug A for pain (mean "
                  "difference = 2.68, 95% confidence interval (CI) = 0.28–5.09, P = .03), sleep (mean difference = "
                  "3.79, 95% CI = 1.02–6.56, P = .01) and mood (mean difference = -1.45, 95% CI = -2.76 to -0.13).\n")
    got = {f.value: f.detail("measure").split(" (")[0] for f in fs}
    assert (got[3.79], got[-1.45]) == ("sleep", "mood")


def test_p_values_said_in_words_are_no_values():
    # `Wilcoxon P values were 0.75 and 0.80`: a list of p-values, not two results
    fs = outcomes("TITLE: T\n\nABSTRACT.RESULTS:\nPain was 3.1 with drug A and 3.4 with placebo; Wilcoxon P values "
                  "were 0.75 and 0.80 for the two comparisons. The p-values of the three secondary outcomes were "
                  "0.04, 0.10 and 0.31, respectively.\n")
    assert sorted(f.value for f in fs) == [3.1, 3.4]


def test_counts_of_occasions_completeness_exposure_and_eligibility_are_no_results():
    fs = outcomes("TITLE: T\n\nABSTRACT.RESULTS:\nPain was 3.1 with drug A and 3.4 with placebo. No difference was "
                  "found at any of the 3 time points. Based on 3-monthly measurements, relapse was rare. Primary "
                  "outcome data were available for 78 (93%) participants. The median treatment duration was 4.9 "
                  "months. All had an ECOG performance status score of 0 or 1.\n")
    assert sorted(f.value for f in fs) == [3.1, 3.4]


def test_a_threshold_of_the_protocol_is_no_result():
    # `to provoke a 12% fall`, `did record a 12% fall`: the criterion a test stops at, not what was measured
    got = _values("The dose of saline needed to provoke a 12% fall in PEF was recorded. Two children stopped with "
                  "cough, although 3 and 5 respectively did record a 12% fall in PEF at the time they were stopped.")
    assert 12.0 not in got
    assert _values("Response was defined as a 40% reduction in wheeze; wheeze fell by 35% with saline and 22% with "
                   "placebo.") == [35.0, 22.0]
    # a fall reported as what happened stays a result
    assert 18.0 in _values("Saline caused an 18% fall in PEF, against 4% with placebo (p = 0.01).")


def test_time_points_listed_before_after_are_no_results():
    assert _values("Serum glucose levels 0, 45, and 90 min after the meal were similar between arms (Table 2).") == []
    assert _values("Glucose was 5.1 and 6.3 mmol/l 90 min after the meal with saline and placebo.") == [5.1, 6.3]


def test_two_time_spans_joined_by_a_suspended_hyphen_are_no_difference():
    assert _values("We found no significant difference if the booster was given with a 6- versus 3-month "
                   "interval.") == []


def test_the_sample_before_the_intervention_is_no_result():
    assert _values("The mean duration of diabetes was 12 ± 5 years and the mean BMI was 27.4 ± 3.1.") == []
    assert _values("In the saline and placebo groups the total mean wheeze score was 31 and 33, respectively, "
                   "showing severe wheeze before the procedure.") == []
    # a sentence that goes on to a later time reports a change: results
    assert 25.0 in _values("The total mean wheeze score fell from 31 before the procedure to 14 at week 4 with "
                           "saline and from 30 to 25 with placebo (p = 0.01).")
