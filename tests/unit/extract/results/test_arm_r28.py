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
