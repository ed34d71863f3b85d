"""English arm forms read wrong outside the results gold (R28): arm names are whole tokens of the study's arms
(a decimal, a hyphen with digits or a `+` inside never cuts them). Each text is invented."""
from helpers.results import outcomes

DOSES = ("METHODS:\nInfants were randomised to the Vac-0.25 group (n = 120), the Vac-0.50 group (n = 118) or the "
         "Ref-0.25 group (n = 40).\n\nRESULTS:\n")


def arms(text: str, head: str = "RESULTS:\n") -> dict[float, tuple[str, str]]:
    return {f.value: (f.arm, f.detail("comparator") or "") for f in outcomes(f"{head}{text}\n", "fixture.txt")}


def test_an_arm_named_with_a_decimal_is_read_whole_after_each_value():
    got = arms("Redness at the site was 40.8% (49 of 120) in Vac-0.25, 44.1% (52 of 118) in Vac-0.50, and "
               "35.0% (14 of 40) in Ref-0.25.", DOSES)
    assert {v: a for v, (a, _) in got.items()} == {40.8: "Vac-0.25", 44.1: "Vac-0.50", 35.0: "Ref-0.25"}


def test_the_decimal_of_an_arm_name_is_never_a_value_nor_its_measure():
    facts = outcomes(f"{DOSES}Swelling occurred in 21.7% of the Vac-0.25, 19.5% of the Vac-0.50 and 10.0% of the "
                     "Ref-0.25 group.\n", "fixture.txt")
    assert sorted(f.value for f in facts) == [10.0, 19.5, 21.7]
    assert all("-0" not in (f.detail("measure") or "") for f in facts)
    assert {f.value: f.arm for f in facts}[21.7] == "Vac-0.25"


JOINED = ("METHODS:\nAdults were randomised to the KX group (n = 40), the LY group (n = 41) or the KX+LY group "
          "(n = 80).\n\nRESULTS:\nFever cleared sooner with KX and LY than with KX+LY. Cure was similar with KX and "
          "LY.\n")


def test_an_arm_of_two_treatments_joined_by_plus_is_one_arm_never_its_second_part():
    got = arms("Relapse was more frequent with KX (12.5%; 5/40) than with KX+LY (2.5%; 2/80).", JOINED)
    assert got[2.5][0] == "KX+LY" and got[12.5][0] == "KX"


def test_a_plus_joined_name_the_study_does_not_know_as_one_gives_no_part_as_arm():
    got = arms("Haemoglobin rose alike in all groups (KX, 0.7 g/dl; KX+MZ, 0.4 g/dl).", JOINED)
    assert got[0.4][0] not in ("KX", "MZ")


def facts(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.arm, f.timeframe) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


COMPARED = "Closure was 41% with gel X versus 33% with gel Y. "


def test_a_list_said_respectively_over_time_points_before_it_takes_no_arms_of_the_paragraph():
    got = facts(COMPARED + "At 2 and 4 weeks, the closure rates were 47% and 58%, respectively.")
    assert got[47.0] == ("", "2 weeks") and got[58.0] == ("", "4 weeks")


def test_a_list_said_respectively_over_time_points_after_it_takes_no_arms_of_the_paragraph():
    got = facts(COMPARED + "The closure rates were 47% and 58% at 2 and 4 weeks, respectively.")
    assert got[47.0] == ("", "2 weeks") and got[58.0] == ("", "4 weeks")


def test_the_first_number_after_a_time_list_word_is_a_time_point_not_a_value():
    got = facts(COMPARED + "Itch scores at visits 3 and 5 were 2.6 and 1.9, respectively.")
    assert set(got) == {41.0, 33.0, 2.6, 1.9}
    assert got[2.6] == ("", "visit 3") and got[1.9] == ("", "visit 5")


def test_a_group_leading_a_list_over_time_points_keeps_it_for_every_value():
    got = facts("In the gel X group, itch scores at weeks 2 and 6 were 2.6 and 1.9, respectively.")
    assert got[2.6] == ("gel X group", "week 2") and got[1.9] == ("gel X group", "week 6")


def test_a_list_with_no_time_points_still_takes_the_arms_the_paragraph_compared():
    got = facts(COMPARED + "The itch scores were 2.6 and 1.9, respectively.")
    assert got[2.6][0] == "gel X" and got[1.9][0] == "gel Y"


def test_a_list_after_its_one_group_said_respectively_over_categories_is_all_that_groups():
    got = facts("Fewer forms came back blank by post, whereas the matching forms of the clinic group were 4 (1.1%), "
                "98 (27.5%) and 210 (59.0%), respectively.")
    assert {got[v][0] for v in (1.1, 27.5, 59.0)} == {"clinic group"}


def test_a_list_before_its_one_group_said_respectively_over_categories_is_all_that_groups():
    got = facts("In total 11 (7.2%), 90 (58.8%) and 40 (26.1%) respondents in the mail group left 0, 1 to 4 and 5 "
                "to 9 items blank, respectively.")
    assert {got[v][0] for v in (7.2, 58.8, 26.1)} == {"mail group"}


def test_a_list_said_respectively_over_a_group_and_another_name_is_not_all_that_groups():
    got = facts("Nausea was 12% and 15% with drug A and Zorbex, respectively.")
    assert got[15.0][0] != "drug A"


def test_a_list_after_the_last_of_several_names_is_not_all_the_last_ones():
    got = facts("Scores for Alpha, Beta and the gamma group were 5.1, 6.2 and 7.3, respectively.")
    assert got[5.1][0] != "gamma group" and got[6.2][0] != "gamma group"


def rows(text: str) -> dict[float, object]:
    return {f.value: f for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_a_subgroup_with_its_qualifier_is_one_group_never_a_word_left_to_the_measure():
    got = rows("Falls were fewer in younger men (8%) than in younger women (14%).")
    assert got[8.0].arm == "younger men" and got[14.0].arm == "younger women"
    assert "younger" not in got[8.0].detail("measure")


def test_a_treatment_effect_in_a_subgroup_has_no_arm_the_subgroup_in_its_measure_and_keeps_its_ci():
    f = rows("The treatment effect in elderly men was -11.2 (ANOVA; 95% CI: [-20.4, -2.0]; p = 0.02).")[-11.2]
    assert f.arm == "" and "elderly men" in f.detail("measure")
    assert (f.detail("ci_low"), f.detail("ci_high")) == ("-20.4", "-2.0")


def test_an_effect_under_a_lead_subgroup_names_it_in_its_measure():
    f = rows("Among obese women, the odds ratio for falls was 0.72 (95% CI 0.55 to 0.94).")[0.72]
    assert f.arm == "" and "obese women" in f.detail("measure") and "falls" in f.detail("measure")


def test_an_effect_carried_from_one_before_keeps_one_effect_name():
    got = rows("The mean difference in sway was -3.1 (95% CI -5.0 to -1.2) in older men. For older women the "
               "corresponding treatment effect came to -1.9 (95% CI -3.6 to -0.2).")
    assert got[-1.9].detail("measure").count("(") <= 1


TWO = ("METHODS:\nSixty adults were randomised to group A (n = 30), given the new splint, or group B (n = 30), given "
       "the usual one.\n\nRESULTS:\n")


def test_a_pair_in_the_bracket_after_a_compared_group_is_that_groups_then_the_others():
    got = arms("Swelling was lower in group B (2.2, SD 0.8 vs. 3.1, SD 1.0).", TWO)
    assert got[2.2] == ("group B", "group A") and got[3.1] == ("group B", "group A")[::-1]


def test_a_pair_in_the_bracket_after_a_group_with_no_comparative_keeps_no_arms():
    got = arms("Swelling decreased in group B (3.1 vs. 2.2).", TWO)
    assert got[3.1][0] == "" and got[2.2][0] == ""


def test_the_paragraphs_order_stops_at_a_sentence_about_one_group():
    got = facts(COMPARED + "The itch score was 2.1 in the gel X group at the end. Redness scores were 1.4 and 1.9.")
    assert got[2.1][0] == "gel X group"
    assert got[1.4][0] == "" and got[1.9][0] == ""


def test_the_paragraphs_order_goes_on_over_a_sentence_comparing_no_group():
    got = facts(COMPARED + "Redness scores were 1.4 and 1.9.")
    assert got[1.4][0] == "gel X" and got[1.9][0] == "gel Y"


def test_the_paragraphs_order_is_not_given_to_another_studys_pair():
    got = facts(COMPARED + "These are close to the rates reported by Okafor et al, which were 44% and 36%.")
    assert got.get(44.0, ("",))[0] == "" and got.get(36.0, ("",))[0] == ""


def test_an_sd_alone_in_the_bracket_after_a_value_is_its_spread_not_a_value():
    facts_ = outcomes("RESULTS:\nWound closure took 8.1 days (\u00b12.2 days) in the drug K group and 9.4 days (SD "
                      "\u00b13.0 days) in the drug L group.\n", "fixture.txt")
    got = {f.value: f for f in facts_}
    assert set(got) == {8.1, 9.4}
    assert got[9.4].arm == "drug L group" and got[9.4].detail("sd") == "3.0"


NAMED = ("METHODS:\nEyes were randomised to the NOVA T-20 group (n = 30) or the STD group (n = 30).\n\nRESULTS:\n"
         "Pressure fell with NOVA T-20 and STD alike. Success was similar with NOVA T-20 and STD.\n")


def test_a_study_arms_name_of_several_words_names_it_without_its_group_word():
    got = arms("At six months, 77% of subjects with NOVA T-20 were controlled and 81.5% with STD were controlled.",
               NAMED)
    assert got[77.0][0] == "NOVA T-20" and got[81.5][0] == "STD"


THREE = ("METHODS:\nCyclists were randomised to a control group (n = 8), a decaf group (n = 9) or an espresso group "
         "(n = 9).\n\n"
         "RESULTS:\n")


def test_the_second_side_printed_with_its_arm_keeps_it_and_the_first_is_the_other_named():
    got = arms("At rest the levels were alike (control = 1.1, espresso = 1.3), but after the ride the espresso group "
               "reached a higher level (14.2 \u00b1 3.1) than the control (0.9 \u00b1 0.4) and decaf (1.6 \u00b1 0.7) "
               "group.", THREE)
    assert got[14.2][0] == "espresso group" and got[0.9][0] == "control"


def test_a_lowercase_study_arm_before_its_bracket_after_and_is_that_values_arm():
    got = arms("The espresso group reached a higher level (14.2 \u00b1 3.1) than the control (0.9 \u00b1 0.4) and "
               "decaf (1.6 \u00b1 0.7) group.", THREE)
    assert got[1.6][0] == "decaf"


def test_a_lowercase_name_before_its_bracket_after_and_that_is_no_arm_gives_none():
    got = arms("The espresso group reached a higher level (14.2 \u00b1 3.1) than the control (0.9 \u00b1 0.4) and "
               "resting (1.6 \u00b1 0.7) values.", THREE)
    assert got[1.6][0] == ""


def test_a_capitalised_word_after_of_people_with_is_no_arm_unless_the_study_names_it():
    got = arms("Relapse occurred in 31.5% of adults with HLA-B27 positivity (p = 0.02).")
    assert got[31.5][0] == ""


def test_a_name_printed_after_a_number_in_a_list_is_that_numbers_not_the_next():
    got = arms("Ratings were done in a subset of patients (160 drug K, 151 drug L) with no difference.", NAMED)
    assert got.get(151.0, ("",))[0] != "drug K"


def test_a_dose_with_a_decimal_before_a_colon_is_part_of_the_arms_name_not_a_value():
    got = arms("Weight change did not differ between the arms (metformin 0.5 mg/kg: -1.2 kg, n = 40; metformin "
               "1.5 mg/kg: -1.6 kg, n = 41; placebo: -0.4 kg, n = 39).")
    assert set(got) == {-1.2, -1.6, -0.4}
    assert got[-1.2][0] == "metformin 0.5 mg/kg" and got[-1.6][0] == "metformin 1.5 mg/kg"


def test_two_arms_named_apart_and_not_set_against_each_other_give_a_pair_no_arms():
    got = arms("Titres were higher after the third vs. second boost with KX in the long-pause arm (median = 41.5% vs. "
               "9.5%, p = 0.03).", JOINED)
    assert got[41.5][0] == "" and got[9.5][0] == ""


def test_two_arms_set_against_each_other_before_a_pair_are_its_arms():
    got = arms("Titres were higher in the KX group than in the LY group (median 41.5% vs. 9.5%, p = 0.03).", JOINED)
    assert got[41.5][0] == "KX group" and got[9.5][0] == "LY group"
