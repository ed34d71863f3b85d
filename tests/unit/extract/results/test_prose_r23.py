"""English prose forms whose arm or time point was read wrong outside the results gold (R23): a comparison whose
subject names one of the study's two groups, pairs and values each followed by their own time point, an overall
figure before its split by arm, and a difference set `over` a comparator. Each text is invented."""
from helpers.results import outcomes


def rows(text: str) -> dict[float, tuple[str, str, str, str]]:
    return {f.value: (f.detail("measure"), f.arm, f.detail("comparator") or "", f.timeframe)
            for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


ALLOCATED = "Of 96 mothers, 48 were allocated to the journal group (n = 48) and 48 to the leaflet group (n = 48). "


def test_a_pair_after_a_subject_group_is_that_group_against_the_other_of_two():
    got = rows(ALLOCATED + "Participants in the journal group were more confident about feeding (74% vs. 55%, p=0.02).")
    assert got[74.0][1:3] == ("journal group", "leaflet group")
    assert got[55.0][1:3] == ("leaflet group", "journal group")


def test_the_other_group_is_left_unsaid_when_the_study_has_not_two():
    got = rows("Participants in the journal group were more confident about feeding (74% vs. 55%, p=0.02).")
    assert got[74.0][1] == "journal group" and got[55.0][1] == ""


def test_pairs_take_the_time_point_printed_after_them():
    got = rows("Feet were dressed with gauze C or gauze D. At 8 weeks the closure rate was 41% with gauze C and 37% "
               "with gauze D; the corresponding rates were 64% and 69% at 20 weeks and 80% and 88% at 40 weeks.")
    assert got[37.0][1:] == ("gauze D", "gauze C", "At 8 weeks")
    assert got[64.0][1:] == ("gauze C", "gauze D", "at 20 weeks")
    assert got[88.0][1:] == ("gauze D", "gauze C", "at 40 weeks")


def test_each_value_takes_the_time_point_printed_after_it():
    got = rows("In the stretching group, stiffness fell to 3.4 ± 1.1 at 2 weeks and 2.2 ± 0.9 at 6 weeks.")
    assert got[3.4][3] == "at 2 weeks" and got[2.2][3] == "at 6 weeks"


def test_a_duration_before_a_bracket_of_shares_is_their_time_point():
    got = rows("A larger share of drug E than drug F users were itch-free after 2 weeks (38% vs 29%), 6 weeks "
               "(52% vs 40%) and 10 weeks (61% vs 47%).")
    assert not {2.0, 6.0, 10.0} & set(got)
    assert got[52.0][1:] == ("drug E", "drug F", "6 weeks") and got[47.0][1:] == ("drug F", "drug E", "10 weeks")


def test_an_overall_figure_before_its_split_by_arm_has_no_arm():
    got = rows("At nine months, 64 (32%) had relapsed, 27% in the booster group and 37% in the control group.")
    assert got[32.0][1] == "" and got[32.0][3] == "At nine months"
    assert got[27.0][1] == "booster group" and got[37.0][1] == "control group"


def test_one_arm_printed_by_one_value_is_not_every_values():
    got = rows("At 9 months, 64 (32%) had relapsed, 27% in block K and 37% in the control group.")
    assert got[32.0][1] == "" and got[27.0][1] != "control group"


def test_an_improvement_over_a_comparator_is_the_arms_difference():
    got = rows("Subjects were randomised to drug Q or placebo. Trough PEF improved over placebo with drug Q by "
               "18 L/min at week 6 and by 12 L/min at week 16.")
    assert got[18.0][1:] == ("drug Q", "placebo", "at week 6")
    assert got[12.0][1:] == ("drug Q", "placebo", "at week 16")


def test_vs_with_a_period_ends_no_sentence():
    got = rows("Healing was 64.2 % vs. 58.1 % at three months and 70.5 % vs. 61.0 % at 9 months in the foam group and "
               "the film group respectively.")
    assert got[64.2][1:] == ("foam group", "film group", "at three months")
    assert got[61.0][1:] == ("film group", "foam group", "at 9 months")


def test_two_lists_set_against_each_other_take_the_arm_before_versus():
    got = rows("Patients were randomised to drug K or placebo. The mean and median time to relapse was 38.4 and 40.5 "
               "months if they received drug K vs. 27.1 and 19.5 months for the placebo group.")
    assert got[40.5][1:3] == ("drug K", "placebo group") and got[27.1][1:3] == ("placebo group", "drug K")


def test_a_total_column_reads_its_count_and_share_with_no_arm():
    text = ("RESULTS:\nTable 2 Response by arm\nResponse\tDrug A (54 pts)\tDrug B (54 pts)\tAll patients (108 pts)\n"
            "Complete response\t12 (22.2)\t9 (16.7)\t21 (19.4)\nPartial response\t20 (37.0)\t18 (33.3)\t38 (35.2)\n\n"
            "Response was similar in both arms.\n")
    got = {f.value: (f.arm, f.n) for f in outcomes(text, "fixture.txt")}
    assert got[19.4] == ("", 21) and got[35.2] == ("", 38) and 21.0 not in got
    assert got[22.2] == ("Drug A", 12)
