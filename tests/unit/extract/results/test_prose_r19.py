"""English prose forms read by eye on reports outside the results gold (R19): arms whose names share a word stay
two arms, a measure is never a clause fragment (an aside after `, which`, a lead `According to …`, `including`,
`that effect`), and the ends of a time window are no results. Each text is invented."""
from helpers.results import outcomes


def rows(text: str) -> dict[float, tuple[str, str, str]]:
    return {f.value: (f.detail("measure"), f.arm, f.detail("comparator") or "")
            for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


ALLOCATION = "Patients were randomised to the timolol PF group or the timolol group. "


def test_arm_names_sharing_a_word_stay_two_arms():
    got = rows(ALLOCATION + "Events were reported for 38.5% (117/304) of timolol PF and 42.1% (126/299) of "
                            "timolol patients (p=0.41), with serious events reported for 3.6% and 5.1%, "
                            "respectively (p=0.52).")
    assert got[38.5][1] == "timolol PF" and got[42.1][1] == "timolol"
    # the list said `respectively` in a later clause takes the arms the clause before compared, in order
    assert (got[3.6][1], got[5.1][1]) == ("timolol PF", "timolol")


def test_a_value_set_against_one_printed_with_its_arm_invents_no_arm_for_the_other():
    got = rows(ALLOCATION + "Once the old drops were stopped, redness was seen in 16% (31/194) of timolol PF and "
                            "22.5% (38/169) of timolol patients, against 31.8% (34/107) and 29.4% (37/126), "
                            "respectively, of those who kept them.")
    assert got[16.0][1] == "timolol PF" and got[22.5][1] == "timolol"
    assert got[31.8][1] != "timolol"  # not the arm of the value it is set against


def test_an_aside_after_which_is_no_part_of_the_measure():
    got = rows("Symptoms improved in most patients; the proportion who reported improvement, which was assessed "
               "at week 4, was 61% in the drug A group and 48% in the placebo group.")
    assert got[61.0][0] == got[48.0][0] == "proportion who reported improvement"


def test_including_names_no_measure_the_measure_said_before_does():
    got = rows("Of the 80 children, 52 were free of wheeze after treatment, including 30 in the inhaler group and "
               "22 in the spacer group.")
    assert "free of wheeze" in got[30.0][0] and got[30.0][1] == "inhaler group"


def test_a_lead_according_to_is_no_measure_and_times_more_likely_names_one():
    got = rows("According to this model, patients in the drug K group were 1.8 times more likely to stop "
               "treatment than the placebo group (HR = 1.82; 95% CI: 1.10-3.01).")
    assert got[1.8][0] == "stop treatment" and got[1.82][0] == "stop treatment"
    assert not any("according" in m.lower() for m, _, _ in got.values())


def test_that_effect_is_the_effect_said_before():
    got = rows("The effect of the reminder on the return rate showed 20% higher odds of return, but that effect "
               "was estimated imprecisely (OR 1.20; 95% CI 0.80 - 1.90).")
    assert got[1.2][0].startswith("effect of the reminder on the return rate")


def test_a_lead_clause_is_cut_from_the_subject():
    got = rows("Within 2 to 4 days after the first dose, repeat swabs were collected from 66% of group A, "
               "84% of group B and 73% of group C.")
    assert got[84.0][0] == "repeat swabs"


def test_the_ends_of_a_time_window_are_no_results():
    got = rows("Grip strength rose in the exercise group between 0 and 8 weeks (p = 0.01), but not after 16 "
               "weeks (p = 0.40).")
    assert not {0.0, 8.0, 16.0} & set(got)
    assert set(rows("Median survival was 12 months in group A and 8 months in group B.")) == {12.0, 8.0}


def test_a_lead_naming_the_measure_stays_the_measure():
    got = rows("For the grade of gastric residue, there were 9 cases (24%) in the tea group and 3 cases (8%) in "
               "the fasting group.")
    assert got[24.0][0] == "grade of gastric residue" and got[24.0][1] == "tea group"


def test_the_object_of_an_effect_verb_before_to_n_is_the_measure():
    got = rows("Adding snacks over the whole stay increased the mean energy intake to 1310 kcal and 1720 kcal in the "
               "control and diet groups, respectively.")
    assert got[1310.0][0] == "mean energy intake" and got[1310.0][1] == "control"
    assert rows("Pain increased to 4.5 in the placebo group.")[4.5][0] == "Pain"


def test_a_list_of_arms_ending_in_and_is_no_clause_break():
    got = rows("Pain scores were similar (3.1 vs 3.3). The mean trough level of ketorolac, diclofenac, and nepafenac "
               "was 31.4 ± 4.6, 11.2 ± 1.9, and 20.7 ± 5.2, respectively.")
    assert got[20.7] == ("mean trough level", "nepafenac", got[20.7][2])
    assert got[31.4][0] == "mean trough level"


def test_to_n_ends_the_object_of_a_verb_of_change_only():
    got = rows("Drug U transiently increased urine potassium output from 31 ± 12 μmol/min to 64 ± 29 μmol/min in the "
               "drug U group.")
    assert got[64.0][0] == "urine potassium output"
    assert rows("The prevalence of back pain is reported to range from 43% to 66.7% in adults.")[66.7][0] == \
        "prevalence of back pain"


def test_a_difference_naming_no_arm_compares_the_two_arms_of_a_two_arm_study():
    two = rows("Patients were randomised to the drug A group (n = 40) or the placebo group (n = 41). At week 12, the "
               "difference in pain was 2.1 points (95% CI 0.4 to 3.8).")
    assert two[2.1][1:] == ("", "placebo group")
    three = rows("Patients were randomised to the drug A group (n = 40), the drug B group (n = 40) or the placebo "
                 "group (n = 41). At week 12, the difference in pain was 2.1 points (95% CI 0.4 to 3.8).")
    assert three[2.1][1:] == ("", "")
    within = rows("Patients were randomised to the drug A group (n = 40) or the placebo group (n = 41). At week 12, "
                  "the difference from baseline in pain was 2.1 points (95% CI 0.4 to 3.8).")
    assert within[2.1][2] == ""
