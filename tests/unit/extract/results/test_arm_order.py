"""Arms implied by order (extract/results/order.py): a comparison or list whose values name no arm takes the
arms the paragraph compared last, in the order it named them; never in a paragraph that compared no arms, nor
for one group's values over time or subgroups. Each text is invented."""
from helpers.results import outcomes

HEAD = ("TITLE: A randomised trial of velotinib versus docetaxel\n\nABSTRACT.METHODS:\nWe randomly assigned 300 "
        "patients to velotinib (n = 150) or docetaxel (n = 150).\n\nABSTRACT.RESULTS:\n")


def arms(body: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.arm, f.detail("comparator")) for f in outcomes(HEAD + body + "\n")}


def test_pairs_after_a_comparison_take_its_arms_in_order():
    got = arms("Median overall survival was 12.9 months with velotinib versus 9.0 months with docetaxel. Median "
               "progression-free survival was 5.6 versus 3.7 months (HR 0.60), and the response rate was 40.8% versus "
               "18.4%.")
    assert got[5.6] == ("velotinib", "docetaxel") and got[3.7] == ("docetaxel", "velotinib")
    assert got[40.8] == ("velotinib", "docetaxel") and got[18.4] == ("docetaxel", "velotinib")


def test_pairs_at_time_points_and_a_respectively_list_without_names_take_them_too():
    got = arms("Median overall survival was 12.9 months with velotinib versus 9.0 months with docetaxel. "
               "Estimated survival at 12 months was 53.4% and 38.9%; at 24 months, 27.6% versus 16.2%. Grade 3 or "
               "higher adverse events occurred in 50.5% and 55.4% of patients, respectively.")
    assert [got[x][0] for x in (53.4, 38.9, 27.6, 16.2, 50.5, 55.4)] == ["velotinib", "docetaxel"] * 3


def test_a_paragraph_that_compared_no_arms_gives_none():
    got = arms("Median overall survival was 12.9 months versus 9.0 months. The response rate was 40.8% versus "
               "18.4%.")
    assert got[12.9] == ("", "") and got[40.8] == ("", "")


def test_one_group_over_time_subgroups_and_effects_take_no_arms_by_order():
    got = arms("Median overall survival was 12.9 months with velotinib versus 9.0 months with docetaxel. Pain "
               "scores before and after treatment were 5.1 versus 3.2. Survival was longer in women than in men "
               "(14.1 vs 10.2 months). Hazard ratios of death and progression were 0.71 and 0.80, respectively. "
               "HR of death and progression were 1.21 (95% CI 0.9-1.5) and 0.94 (95% CI 0.7-1.2), respectively.")
    assert got[5.1][0] == "" and got[3.2][0] == ""
    assert got[14.1][0] != "velotinib" and got[10.2][0] != "docetaxel"
    assert got[0.71][0] == "" and got[0.8][0] == "" and got[1.21][0] == "" and got[0.94][0] == ""


def test_values_of_an_abbreviated_effect_take_no_arms_by_order():
    # `β4c` holds a digit, so `HR` is not read as the effect's name: its capitals still say the values are ratios
    got = arms("Median remission was 5.3 months in β4c-treated patients compared with 4.6 months without β4c. HR "
               "of relapse and stroke for patients given β4c were 0.87 (95% CI 0.66-1.14) and 0.91 "
               "(95% CI 0.69-1.19), respectively.")
    assert got[5.3][0] == "β4c-treated" and got[0.87] == ("", "") and got[0.91] == ("", "")


def test_a_later_clause_of_the_comparing_sentence_takes_its_arms_in_order():
    fs = outcomes("TITLE: T\n\nABSTRACT.RESULTS:\nRashes were seen in 22.8% (51/224) of drug A and 27.6% "
                  "(61/221) of placebo patients (p=0.247), with facial rashes seen in 12.6% and 17.2%, respectively "
                  "(p=0.318).\n")
    got = {f.value: (f.arm, f.detail("comparator"), f.detail("p_value")) for f in fs}
    assert got[12.6] == ("drug A", "placebo", "0.318") and got[17.2] == ("placebo", "drug A", "0.318")
    assert got[22.8] == ("drug A", "placebo", "0.247")
