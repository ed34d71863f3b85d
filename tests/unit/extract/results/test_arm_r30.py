"""Arms of multi-arm reports (R30): doses the allocation lists, arms it names with their sizes, tables with one row
per arm and an effect column set against one group, lists said of `the three arms`, a series of effects each with
its CI, the group printed before its own value. Each text is invented (other drugs and fields than the fixtures)."""
from helpers.results import outcomes

DOSED = ("Methods\nChildren were randomly allocated to placebo or dorquinil 2, 4 or 8 mg/kg daily for 6 weeks.\n\n"
         "Results\n")
SIZED = ("Methods\nWards were allocated to hand-rub audit (n = 14), coaching visits (n = 13) or usual rounds "
         "(n = 15).\n\nResults\n")


def facts(text: str, head: str = "Results\n") -> dict[float, object]:
    return {f.value: f for f in outcomes(f"{head}{text}\n", "fixture.txt")}


def test_a_dose_the_allocation_lists_is_an_arm_by_itself():
    got = facts("Seizure days per month fell by 3.1 with placebo, 4.6 with 4 mg/kg and 5.2 with 8 mg/kg.", DOSED)
    assert {v: f.arm for v, f in got.items()} == {3.1: "placebo", 4.6: "4 mg/kg", 5.2: "8 mg/kg"}


def test_a_dose_no_allocation_lists_names_no_arm():
    got = facts("Seizure days per month fell by 4.6 with 4 mg/kg and 5.2 with 8 mg/kg.")
    assert all(f.arm in ("", None) for f in got.values())


def test_each_value_of_a_series_after_an_effect_is_that_effect_with_no_arm():
    got = facts("Against placebo, the odds ratio for seizure freedom was 1.9 (95% CI 1.1 to 3.3) with 4 mg/kg and "
                "2.6 (95% CI 1.5 to 4.5) with 8 mg/kg.", DOSED)
    assert got[2.6].arm in ("", None) and got[2.6].detail("ci_low") in (1.5, "1.5")
    assert "odds ratio" in got[2.6].detail("measure")


def test_an_arm_the_allocation_names_with_its_size_is_an_arm_wherever_written():
    got = facts("Line infections were recorded in 5/14 (35.7%) patients given coaching visits and 9/15 (60.0%) "
                "patients with usual rounds.", SIZED)
    assert got[35.7].arm == "coaching visits" and got[60.0].arm == "usual rounds"


def test_the_group_printed_before_its_value_is_never_the_value_before():
    got = facts("Adherence for coaching visits was 81.2%, for hand-rub audit 74.5% and for usual rounds 52.0%.",
                SIZED)
    assert {v: f.arm for v, f in got.items()} == {81.2: "coaching visits", 74.5: "hand-rub audit",
                                                  52.0: "usual rounds"}


def test_a_group_qualifying_a_noun_after_of_is_no_arm():
    got = facts("Staff time saved for coaching visits was 18.5% of the hand-rub audit workload.", SIZED)
    assert got[18.5].arm == "coaching visits"


def test_a_group_before_the_people_it_names_keeps_the_value():
    got = facts("Relief was reported by 61.0% of paracetamol therapy children and 38.0% of placebo children.")
    assert got[61.0].arm.startswith("paracetamol")


def test_a_list_said_respectively_of_the_three_arms_goes_over_the_allocation():
    got = facts("Mean audit scores were 8.1, 7.4 and 5.9 in the three arms, respectively.", SIZED)
    assert {v: f.arm for v, f in got.items()} == {8.1: "hand-rub audit", 7.4: "coaching visits",
                                                  5.9: "usual rounds"}


def test_the_number_in_a_name_of_all_groups_is_no_value():
    assert 2.0 not in facts("Scores did not differ between the 2 groups at week 6.", SIZED)


ROWS = ("Table 2. Outcomes by arm\n"
        "Arm\tInfections, n/N (%)\tRate ratio vs usual rounds (95% CI)\n"
        "Hand-rub audit\t4/14 (28.6)\t0.48 (0.21-1.09)\n"
        "Coaching visits\t5/13 (38.5)\t0.64 (0.30-1.37)\n"
        "Usual rounds\t9/15 (60.0)\t1.00 (reference)\n\n")


def test_a_table_of_arm_rows_reads_each_row_as_an_arm_and_the_header_as_the_measure():
    got = facts(ROWS + "Audits were well received.", SIZED)
    assert got[28.6].arm == "Hand-rub audit" and got[60.0].arm == "Usual rounds"
    assert got[38.5].detail("measure").startswith("Infections")


def test_an_effect_column_set_against_a_group_has_that_comparator_and_names_the_row():
    got = facts(ROWS + "Audits were well received.", SIZED)
    rr = got[0.64]
    assert rr.arm in ("", None) and rr.detail("comparator") == "usual rounds"
    assert "Coaching visits" in rr.detail("measure") and "Rate ratio" in rr.detail("measure")
    assert 1.0 not in got  # the reference row's `1.00 (reference)` is no result


def test_the_sentence_after_a_table_opens_on_its_own_lead_group():
    got = facts(ROWS + "Among wards with coaching visits, hand hygiene rose to 71.5% and glove use to 88.0%.", SIZED)
    assert got[71.5].arm == "coaching visits" and got[88.0].arm == "coaching visits"


def test_a_list_said_respectively_in_the_bracket_after_a_group_is_that_groups():
    got = facts("Creatinine and urea rose with dorquinil 4 mg/kg (median changes of 6.2 and 3.8%, respectively) and "
                "with placebo (1.1 and 0.9%, respectively), but fell with dorquinil 8 mg/kg (-2.0 and -1.4%, "
                "respectively).", DOSED)
    assert got[6.2].arm.endswith("4 mg/kg") and got[3.8].arm.endswith("4 mg/kg")
    assert got[1.1].arm == "placebo"


def test_a_p_value_named_for_a_group_is_no_value_of_that_group():
    got = facts("Within groups, scores did not change (p hand-rub audit = 0.412, p coaching visits = 0.268, "
                "p usual rounds = 0.733).", SIZED)
    assert not {0.412, 0.268, 0.733} & set(got)


def test_an_effects_short_name_is_found_after_a_lowercase_or():
    got = facts("Absence was not reduced by either hand-rub audit (OR = 0.8, 95% CI = 0.4-1.6) or the coaching "
                "visits (OR = 0.9, 95% CI = 0.5-1.7).", SIZED)
    assert got[0.9].detail("statistic") in ("or", "ratio") and got[0.9].arm in ("", None)


def test_a_crossover_conditions_short_name_before_a_comma_is_its_values_arm():
    got = facts("Sodium excretion rose more during the active visits than during sham visits (ACT, 62 ± 18 mmol; SH, "
                "41 ± 15 mmol; P = 0.03).")
    assert got[62.0].arm == "ACT" and got[41.0].arm == "SH"
