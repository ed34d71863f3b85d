"""Arms bound in prose: an empty arm beats a wrong one. Invented sentences."""

from helpers.results import outcomes


def arms(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.arm, f.detail("comparator")) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_values_printed_apart_pair_in_order_with_a_respectively_list():
    got = arms("After 6 weeks, serum copper fell from 62 ± 9 to 40 ± 8 µg/dl and from 66 ± 10 to 29 ± 7 "
               "µg/dl in the low and high dose arms, respectively.")
    assert got[40.0][0] == "low"
    assert got[29.0][0] == "high dose"


def test_a_comparison_whose_subject_is_the_one_arm_named_gives_it_the_first_value():
    got = arms("Diary group patients were happier with their recovery (79% vs. 59%, p=0.04).")
    assert got[79.0][0] == "Diary group"
    assert got[59.0][0] == ""  # the other side is not named here: no arm rather than a wrong one


def test_a_comparison_naming_both_arms_is_unchanged():
    got = arms("Diary group patients were happier than control group patients (79% vs. 59%, p=0.04).")
    assert got[79.0] == ("Diary group", "control group")
    assert got[59.0] == ("control group", "Diary group")


def test_names_listed_before_respectively_pair_with_the_values_even_when_said_once():
    got = arms("The glucose AUC rose by 24.6 and 21.3% for EX-A and EX-B, respectively.")
    assert got[24.6] == ("EX-A", "EX-B")
    assert got[21.3] == ("EX-B", "EX-A")


def test_a_drug_a_measure_names_is_no_arm():
    # (`3 × 0.5 mg` is a product, no value: test_not_results_r26.py)
    got = arms("The test time (12.8 min) and the mean dose of atropine (1.5) were higher in group B than "
               "in group A.")
    assert got[1.5][0] != "atropine"


def test_a_group_printed_after_a_value_is_that_values_not_the_next():
    got = arms("Serum zinc before and after dosing was 70.1 ± 9.0 and 71.5 ± 8.2 in Group A, 69.9 ± 9.4 and "
               "95.2 ± 10.3 in Group B, and 70.4 ± 8.8 and 120.6 ± 12.5 in Group C.")
    want = ["Group A", "Group A", "Group B", "Group B", "Group C", "Group C"]
    assert [got[v][0] for v in (70.1, 71.5, 69.9, 95.2, 70.4, 120.6)] == want


def test_a_p_value_before_a_group_leaves_the_group_to_the_value_after_it():
    got = arms("Deaths occurred more often (p<0.001) in women 21/90 (23.3%) than in men 47/273 (17.2%).")
    assert got[23.3][0] == "women" and got[17.2][0] == "men"


def test_an_aside_after_one_arms_value_does_not_part_the_two_arms():
    # `4.0 days with A (average 4.41 days), and 5.0 days with B`: the aside's value stands between neither
    got = arms("The median time to discharge was 3.0 days with honey gel (average 3.62 [1.20] days), and 6.0 days with "
               "saline (average 6.35 [2.04]).")
    assert got[3.0] == ("honey gel", "saline") and got[6.0] == ("saline", "honey gel")
