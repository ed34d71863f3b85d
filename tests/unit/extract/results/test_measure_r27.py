"""English measures read wrong outside the results gold (R27): a method clause before the measure, a verb taken for
the measure, two measures named together for two values, a list of names cut at its comma, a median printed in a
mean's bracket, a responder target, a subgroup opening the sentence. Each text is invented."""
from helpers.results import outcomes


def rows(text: str) -> dict[float, tuple[str, str, str]]:
    """value -> (measure, arm, statistic)."""
    return {f.value: (f.detail("measure") or "", f.arm, f.detail("statistic"))
            for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_a_method_clause_opening_the_sentence_is_no_part_of_the_measure():
    got = rows("Applying a mixed model an improvement in sleep quality was seen in both arms "
               "[K: 0.310 (95% CI: 0.21 to 0.41); L: 0.270 (95% CI: 0.18 to 0.36)].")
    assert got[0.31][0] == got[0.27][0] == "improvement in sleep quality"


def test_using_inside_a_predicate_stays_in_the_measure():
    got = rows("Of the 90 positive subjects, 63 (70.0 %) had been using inhaled steroids before the first visit.")
    assert got[70.0][0].startswith("using inhaled steroids")


def test_a_bare_plural_head_takes_the_object_said_before_a_preposition():
    got = rows("A further analysis of the incidence of benign skin tumours across all organ classes gave a like "
               "pattern, with incidences of 2.41 and 1.85 per 100 patient-years in the drug and control groups, "
               "respectively.")
    assert got[2.41][0] == "incidence of benign skin tumours" and got[1.85][0] == "incidence of benign skin tumours"


def test_what_was_injected_is_no_measure_but_what_it_changed_is():
    got = rows("The injection of marrow cells increased the vessel count in the border area (41%, P=0.002 versus "
               "vehicle).")
    assert got[41.0][0] == "vessel count"


def test_a_past_tense_alone_names_no_measure():
    got = rows("Older patients benefited slightly more than younger patients (2.1 vs 1.1 days).")
    assert got[2.1][0] == "" and got[1.1][0] == ""


def test_a_past_tense_alone_takes_the_measure_said_before():
    got = rows("The mean gain in days to wound closure was 1.3 days for women and 0.9 days for men. Older patients "
               "benefited slightly more than younger patients (2.1 vs 1.1 days).")
    assert got[2.1][0] == "mean gain in days to wound closure"


def test_who_did_it_and_their_verb_are_no_measure():
    got = rows("Students in the Quiz group entered in 120 / 400 cases (30.0%) a free-text answer.")
    assert "entered" not in got[30.0][0]


def test_an_adjective_after_a_comparative_still_names_the_measure():
    got = rows("Diary group members felt more satisfied about the visit they had (81% vs. 62%, p=0.03).")
    assert "satisfied" in got[81.0][0]


def test_two_measures_named_together_take_one_value_each_in_order():
    got = rows("Sensitivity and specificity were 91.4% and 86.2%, respectively.")
    assert got[91.4][0] == "Sensitivity" and got[86.2][0] == "specificity"


def test_two_measures_share_the_words_after_them():
    got = rows("The sensitivity and specificity of the bedside score were 84.0% and 77.5%.")
    assert got[84.0][0] == "sensitivity of the bedside score" and got[77.5][0] == "specificity of the bedside score"


def test_a_mean_named_once_holds_for_both_measures():
    got = rows("By week 8 the mean systolic and diastolic pressure reached 128.4 and 78.6 mmHg.")
    assert got[78.6][0] == "mean diastolic pressure" and got[78.6][2] == "mean"


def test_one_measure_over_two_arms_is_not_split():
    got = rows("Nausea and vomiting occurred in 12% and 15% of patients in the K and L groups, respectively.")
    assert got[12.0][0] == got[15.0][0] == "Nausea and vomiting"


def test_a_list_of_names_is_not_cut_at_its_first_comma():
    got = rows("PPV, NPV and accuracy were 71%, 93% and 85%.")
    assert (got[71.0][0], got[93.0][0], got[85.0][0]) == ("PPV", "NPV", "accuracy")


def test_a_class_name_with_commas_stays_whole():
    got = rows("The rate of events in the Eye, ear, and labyrinth class overall was 3.12 per 100 patient-years in the "
               "drug group and 2.44 per 100 patient-years in the control group.")
    assert got[3.12][0].startswith("rate of events in the Eye, ear, and labyrinth class")


def test_a_lead_before_a_comma_is_no_list():
    got = rows("During follow-up, cardiac deaths or admissions occurred in 22.1% of the drug group.")
    assert got[22.1][0] == "cardiac deaths or admissions"


def test_a_median_in_a_means_bracket_is_a_median():
    got = rows("The mean time to first bowel sound was 5.8 h (median 4.2 h) in the early-feeding group.")
    assert got[4.2][0] == "time to first bowel sound" and got[4.2][2] == "median"
    assert got[5.8][2] == "mean"


def test_a_responder_target_after_a_generic_subject_is_the_measure():
    got = rows("Mean changes from baseline were -0.40% with drug Q and -0.10% with placebo. A larger proportion of "
               "subjects on drug Q reached LDL < 2.6 mmol/L at week 12 than on placebo (41.2 vs 12.3%).")
    assert got[41.2][0] == "reached LDL < 2.6 mmol/L" and got[12.3][0] == "reached LDL < 2.6 mmol/L"


def test_a_subgroup_opening_the_sentence_goes_into_the_measure():
    got = rows("In the laparoscopic subgroup, time to first bowel movement was 48.2 h with chewing gum and 60.5 h "
               "with control.")
    assert got[48.2][0] == "time to first bowel movement in the laparoscopic subgroup"
    assert got[60.5][0] == "time to first bowel movement in the laparoscopic subgroup"


def test_a_full_stop_printed_without_a_space_ends_the_sentence_before():
    got = rows("In all, 98 adults were treated with HDF (total sessions n = 701) and 101 adults with HD (total "
               "sessions n = 744).The main outcome measure, 30-day mortality, was alike in both arms (HDF: 21.3% vs. "
               "HD: 24.8%).")
    assert got[21.3][0] == got[24.8][0] == "30-day mortality"


def test_who_the_value_before_counted_is_no_measure_of_the_next():
    got = rows("The glucose nadir was reached at 0 min for 12 (16%) participants receiving nasal drug and 40 (53%) "
               "participants receiving injected drug, and at 10 min for 4 (5%) participants receiving nasal drug "
               "and 2 (3%) participant receiving injected drug.")
    assert got[3.0][0] == "glucose nadir"


def test_a_count_with_its_own_verb_before_a_value_is_no_who():
    got = rows("61/115 patients treated with drug X had abnormal karyotypes and 31% of these achieved a karyotype "
               "response.")
    assert got[31.0][0] == "achieved a karyotype response"


def test_an_absolute_clause_after_a_comma_names_its_own_measure():
    got = rows("Rescue oxygen was needed by 30 (6.1%) subjects after test A and 25 (5.0%) after test B, with "
               "additional salbutamol given in 5 (1.0%) subjects following test A and 2 (0.4%) following test B.")
    assert got[6.1][0] == "Rescue oxygen"
    assert got[1.0][0] == got[0.4][0] == "additional salbutamol given"


def test_a_verb_whose_object_is_an_arm_still_names_the_measure():
    got = rows("A greater share of patients preferred drug K to drug L (67% versus 30%).")
    assert "preferred" in got[67.0][0] and "preferred" in got[30.0][0]
