"""English prose forms whose arm was read wrong outside the results gold (R24): a share with its n/N after a
semicolon in one bracket (`(12.4%; 5/40)`). Each text is invented."""
from helpers.results import outcomes


def rows(text: str) -> dict[float, tuple[str, int | None, int | None]]:
    return {f.value: (f.arm, f.detail("n"), f.detail("N"))
            for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_a_share_and_its_count_after_a_semicolon_are_one_result_of_the_arm_before():
    got = rows("Relapse was more common with drug A (12.4%; 5/40) and drug B (10.0%; 4/40) than with drug C "
               "(1.5%; 1/66).")
    assert set(got) == {12.4, 10.0, 1.5}
    assert got[12.4][0] == "drug A" and got[10.0][0] == "drug B" and got[1.5][0] == "drug C"


def test_a_count_after_a_semicolon_that_does_not_give_the_share_stays_its_own():
    got = rows("Relapse was seen with drug A (41%; 5/40 had no relapse).")
    assert 41.0 in got and 5.0 in got


def arms(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.arm, f.detail("comparator") or "") for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


ALLOCATED = "Of 80 adults, 40 were allocated to drug A (n = 40) and 40 to placebo (n = 40). "


def test_the_arm_compared_against_is_the_comparator_and_the_other_of_two_the_arm():
    got = arms(ALLOCATED + "In comparison to placebo, LDL cholesterol was reduced by 6%.")
    assert got[6.0] == ("drug A", "placebo")


def test_the_arm_compared_against_is_never_the_values_arm():
    got = arms("In comparison to placebo, LDL cholesterol was reduced by 6%.")
    assert got[6.0][0] != "placebo"


def test_the_arm_printed_by_the_value_stays_its_arm():
    got = arms("Compared with placebo, LDL cholesterol was reduced by 6% with drug A.")
    assert got[6.0][0] == "drug A"


def test_a_group_opening_a_while_clause_owns_the_bracket_after_its_copula():
    got = arms("Ovulation was higher in group X (91%) than in group Y (44%), while group Z was intermediate (63%).")
    assert got[63.0][0] == "group Z" and got[91.0][0] == "group X" and got[44.0][0] == "group Y"


def test_a_while_clause_with_its_own_words_between_keeps_no_arm():
    got = arms("Ovulation was higher in group X (91%) than in group Y (44%), while group Z, given 2 doses, had 63%.")
    assert got[63.0][0] != "group X" and got[63.0][0] != "group Y"
