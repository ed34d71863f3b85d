"""The measure is the phrase a number reports, not a fragment of its sentence: invented sentences."""

from helpers.results import outcomes


def rows(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.detail("measure"), f.arm) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_a_number_opening_its_clause_counts_what_follows_it():
    got = rows("The survey showed that 31.5% had tried snuff, 12.4% were identified as current snuff users, "
               "and 2.2% reported daily use.")
    assert got[31.5][0] == "tried snuff"
    assert got[12.4][0] == "current snuff users"
    assert got[2.2][0] == "daily use"


def test_the_object_of_an_effect_verb_before_by():
    got = rows("A daily dose of 2 g of oat bran decreased total cholesterol by 5.1% in the bran group.")
    assert got[5.1][0] == "total cholesterol"


def test_the_noun_phrase_before_of_a_number():
    got = rows("Costs were lower in the drug K arm, with a total cost saving (40 patients) of about €3,000.")
    assert got[3000.0] == ("total cost saving", "drug K arm")
    got = rows("On day 3, those in the drug K group received a mean share of the planned calorie target of 97%.")
    assert got[97.0][0] == "mean share of the planned calorie target"


def test_a_generic_word_before_of_leaves_the_measure_to_the_clause():
    got = rows("Median sleep latency showed a reduction of 12 minutes in the drug K group.")
    assert "sleep latency" in got[12.0][0]


def test_the_clause_after_that_holds_the_measure():
    got = rows("The model indicates that participants reported markedly longer sleep with drug K over drug L "
               "(delta = 1.8 h, p = 0.01).")
    assert got[1.8][0].endswith("longer sleep")


def test_a_drug_before_a_measure_noun_stays_in_the_measure():
    got = rows("Insulin requirements were higher in the metformin group (1.04 IU/kg) than in the placebo group "
               "(0.80 IU/kg).")
    assert got[1.04] == ("Insulin requirements", "metformin group")


def test_a_unit_after_a_bare_value_is_no_measure():
    got = rows("The mean total dose of heparin (52 ± 9 mg) was higher in group C.")
    assert got[52.0][0] != "mg"


def test_the_words_after_a_value_printed_before_name_the_next():
    got = rows("The mean dose of atropine (3 mg) and the test time (12.8 min) were higher in group C than in group A.")
    assert got[12.8][0] == "test time"


def test_a_duration_naming_a_measure_and_a_drug_after_a_specimen_word_are_neither_values_nor_arms():
    # `30 min plasma heparin (212 … vs 388 …, P = 0.012)`: the time names the measure; `plasma heparin` is measured
    fs = outcomes("TITLE: T\n\nABSTRACT.RESULTS:\nResting plasma heparin (97 [44, 130] vs 108 [60, 158] mU/mL, "
                  "P = 0.021), 30 min plasma heparin (212 [140, 305] vs 388 [251, 520] mU/mL, P = 0.012) and 90 min "
                  "plasma heparin (355 [201, 498] vs 462 [310, 880] mU/mL, P = 0.038) increased with drug A compared "
                  "with placebo.\n")
    got = {f.value: (f.arm, f.detail("p_value"), f.timeframe) for f in fs}
    assert 30.0 not in got and 90.0 not in got
    assert got[97.0] == ("drug A", "0.021", "") and got[108.0] == ("placebo", "0.021", "")
    assert got[212.0] == ("drug A", "0.012", "30 min") and got[355.0] == ("drug A", "0.038", "90 min")
    assert all("heparin" in f.detail("measure") for f in fs)
