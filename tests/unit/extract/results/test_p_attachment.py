"""Each value keeps the p of its own comparison (extract/results/attributes.py): the two sides of one comparison
share it, never the next item's first side (`(18% vs 33%, p=0.12) and treatment (26% vs 45%, p=0.07)`). Each
text is invented."""
from helpers.results import outcomes


def _ps(body: str) -> dict[float, str]:
    fs = outcomes("TITLE: T\n\nBODY.METHODS:\nPatients were randomised to drug A or placebo.\n\nBODY.RESULTS:\n"
                  + body + "\n")
    return {f.value: f.detail("p_value") for f in fs}


def test_items_of_a_list_of_comparisons_keep_each_its_own_p():
    got = _ps("Patients with drug A reported fewer worries about their diet than those with placebo "
              "(14% vs. 29%, p=0.16) and sleep (22% vs. 38%, p=0.09), and were more willing to walk daily "
              "(47% vs. 6%, p=0.02).")
    assert (got[14.0], got[29.0]) == ("0.16", "0.16")
    assert (got[22.0], got[38.0]) == ("0.09", "0.09")
    assert (got[47.0], got[6.0]) == ("0.02", "0.02")


def test_the_p_after_the_second_value_goes_to_both():
    got = _ps("Drug A users were happier with the recovery than placebo users (79% vs. 59%, p=0.04). Falls were "
              "3.9% in the drug A group and 4.1% in the placebo group (p = 0.993).")
    assert (got[79.0], got[59.0], got[3.9], got[4.1]) == ("0.04", "0.04", "0.993", "0.993")


def test_a_p_printed_between_the_two_sides_goes_to_both():
    got = _ps("The cure rate in the drug A group (88%) was higher (P < 0.01) than in the placebo group (37%).")
    assert (got[88.0], got[37.0]) == ("<0.01", "<0.01")
