"""Arms the text names away from the value's own digits: after a bracketed spread and its unit, in an
earlier clause or the sentence before, in a label or a lead phrase. Invented sentences."""

from helpers.results import outcomes


def arms(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.arm, f.detail("comparator")) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_a_group_after_a_bracketed_spread_and_its_unit_is_the_values():
    got = arms("Mean (SE) walking time rose by 152 (80) minutes with drug K and 61 (90) minutes with placebo. "
               "The mean daily intake rose to 1310 (640) kcal in the usual care group and 1850 (520) kcal in the "
               "intervention group.")
    assert got[152.0] == ("drug K", "placebo")
    assert got[61.0] == ("placebo", "drug K")
    assert got[1310.0][0] == "usual care group"
    assert got[1850.0][0] == "intervention group"


def test_arms_of_one_drug_differ_by_the_dose_printed_after_it_in_a_respectively_list():
    got = arms("HbA1c fell by 0.6%, 0.8% and 0.2% with pregabalin 50 mg, pregabalin 150 mg and placebo, respectively.")
    assert [got[v][0] for v in (0.6, 0.8, 0.2)] == ["pregabalin 50 mg", "pregabalin 150 mg", "placebo"]


def test_a_bracket_of_values_after_the_arms_it_lists_is_theirs_in_order():
    got = arms("More subjects reached the target with pregabalin 50 and 150 mg versus placebo (24.1, 31.7 and 15.9%).")
    assert got[24.1][0].startswith("pregabalin 50")
    assert got[31.7][0] == "150 mg"
    assert got[15.9][0] == "placebo"  # not the arm printed right before the bracket for the first value


def test_a_respectively_list_takes_the_arms_the_sentence_before_names():
    got = arms("Patients received pregabalin 50 mg, pregabalin 150 mg or placebo. Mean changes in pain score were "
               "-1.4, -2.6 and -0.5, respectively.")
    assert [got[v][0] for v in (-1.4, -2.6, -0.5)] == ["pregabalin 50 mg", "pregabalin 150 mg", "placebo"]


def test_a_respectively_list_takes_no_arms_from_a_sentence_naming_another_number_of_them():
    got = arms("Patients received pregabalin 50 mg or placebo. Mean changes in pain score were -1.4, -2.6 and -0.5, "
               "respectively.")
    assert [got[v][0] for v in (-1.4, -2.6, -0.5)] == ["", "", ""]


def test_a_respectively_list_of_measures_takes_no_arms_from_the_sentence_before():
    got = arms("Median PFS was 3.1 months in pregabalin-treated patients and 2.4 months without pregabalin. Hazard "
               "ratios of death and progression were 0.91 (95% CI 0.71-1.19) and 0.97 (95% CI 0.74-1.26), "
               "respectively.")
    assert got[0.91][0] == "" and got[0.97][0] == ""


def test_a_respectively_bracket_after_one_arm_holds_that_arms_measures():
    got = arms("Gains were noted with drug K 20 mg (9.6 and 4.8%, respectively) and placebo (5.1 and 2.7%, "
               "respectively), while losses were noted with drug K 40 mg (-2.2 and -4.1%, respectively).")
    assert got[9.6][0] == got[4.8][0] == "drug K 20 mg"
    assert got[5.1][0] == got[2.7][0] == "placebo"
    assert got[-2.2][0] == got[-4.1][0] == "drug K 40 mg"


def test_a_respectively_list_of_two_arms_compared_with_a_third_arm():
    got = arms("Hypoglycaemia was more frequent with pregabalin 75 and 150 mg (41.9 and 40.2%, respectively) "
               "compared with placebo (26.4%).")
    assert got[41.9] == ("pregabalin 75", "placebo")
    assert got[40.2] == ("150 mg", "placebo")
    assert got[26.4][0] == "placebo"


def test_a_respectively_bracket_after_the_other_side_of_a_comparison_is_not_that_sides_alone():
    got = arms("Rescue analgesia was needed less often with both doses of drug K than with placebo (51.0%, 48.6%, "
               "and 72.8%, respectively).")
    assert [got[v][0] for v in (51.0, 48.6, 72.8)] == ["", "", ""]  # `both doses` names no arm of its own


def test_a_list_of_values_in_one_bracket_after_two_groups_each_said_with_in_the():
    got = arms("At least one adverse event occurred in both the ABX group and in the CDE group (212 [54.7%] and "
               "63 [48.2%]).")
    assert got[54.7][0] == "ABX group" and got[48.2][0] == "CDE group"


def test_a_group_alone_in_the_bracket_after_a_value_is_its_arm():
    got = arms("The response rate was 55.3% (group A) and 43.2% (group B).")
    assert got[55.3][0] == "group A" and got[43.2][0] == "group B"


def test_a_value_said_of_x_versus_y_is_xs_against_y_not_the_reverse():
    got = arms("The effect size for pregabalin versus placebo was 1.19.")
    assert got[1.19] == ("pregabalin", "placebo")


def test_an_effect_between_two_arms_takes_the_second_as_its_reference():
    got = arms("The mean difference between pregabalin and placebo was 2.7 points (95% CI 0.4-5.0).")
    assert got[2.7] == ("", "placebo")


def test_a_group_named_with_a_decimal_dose_is_not_cut_at_the_point():
    got = arms("Fever was more frequent in the Flu-0.25 group (13.5%) than in the Flu-0.5 group (7.1%).")
    assert got[13.5][0] == "Flu-0.25 group" and got[7.1][0] == "Flu-0.5 group"


def test_a_sentence_naming_no_arm_takes_the_group_the_sentence_before_leads_with():
    got = arms("In the vehicle group, tissue was sampled at day 40. Fibrosis covered 26.5% of the border zone.")
    assert got[26.5][0] == "vehicle group"


def test_a_sentence_naming_no_arm_takes_the_group_the_sentence_before_is_about():
    got = arms("Patients in the lozenge group used a median of 5 lozenges per day. Their mean pain score fell by 2.6 "
               "points.")
    assert got[2.6][0] == "lozenge group"


def test_a_sentence_after_one_naming_two_groups_takes_neither():
    got = arms("Patients in the lozenge group and the placebo group were seen daily. Their mean pain score fell by "
               "2.6 points.")
    assert got[2.6][0] == ""


def test_values_compared_within_one_group_that_changed_are_both_that_groups():
    got = arms("Dyspnoea improved in group A at T1 (VAS: 3.61 ± 2.01 vs 2.74 ± 2.21, p < 0.05; BDI1: 1.45 ± 1.02 "
               "vs 2.17 ± 0.71, p < 0.05).")
    assert [got[v][0] for v in (3.61, 2.74, 1.45, 2.17)] == ["group A"] * 4


def test_a_comparison_said_higher_in_one_group_keeps_the_other_side_unnamed():
    got = arms("Dyspnoea was higher in group A (3.61 vs 2.74, p < 0.05).")
    assert got[2.74][0] == ""


def test_a_sentence_with_a_lead_phrase_of_its_own_takes_no_group_from_the_sentence_before():
    got = arms("In the combined therapy group, weight fell by 3.11 ± 3.07 kg. In the conventional therapy, weight fell "
               "by 1.85 ± 2.26 kg.")
    assert got[1.85][0] == ""


def test_a_value_reduced_in_one_group_with_no_time_said_is_no_within_group_change():
    got = arms("The number of compressions was reduced in group I (1.57, SD 1.02 vs. 2.27, SD 1.01).")
    assert got[2.27][0] != "group I"


def test_names_joined_by_and_or_are_no_arms_set_against_each_other():
    got = arms("Enteral nutrition (EN) and parenteral nutrition (PN) were given. EN and PN were recorded daily. EN and "
               "PN were adjusted weekly. More of the protein goal (81 (24) % vs. 55 (28) %, p < 0.001) reached the "
               "intervention group through EN and/or PN than usual care did, by the end of week one.")
    assert got[81.0] == ("intervention group", "usual care")
    assert got[55.0] == ("usual care", "intervention group")


def test_a_respectively_list_of_arms_the_reader_does_not_know_gives_no_arm_rather_than_the_one_it_knows():
    got = arms("HbA1c fell by 0.6%, 0.8% and 0.2% with drug P 5 mg, Yrinol and placebo, respectively.")
    assert got[0.6][0] != "placebo" and got[0.8][0] != "placebo" and got[0.2][0] != "drug P 5 mg"
    got = arms("In the placebo group, HbA1c and FPG fell by 0.3% and 0.4 mmol/l, respectively.")
    assert got[0.3][0] == got[0.4][0] == "placebo group"


def test_a_respectively_said_of_a_later_list_leaves_the_groups_of_the_first_list():
    got = arms("In the ABX group, 71 patients (73.0%) and 68 patients (69.0%) in the CDE group reported no pain "
               "(mean, 0.516 versus 0.582 respectively).")
    assert got[73.0][0] == "ABX group" and got[69.0][0] == "CDE group"
