"""English measures that named no quantity (R31): a quantifier, a generic head or a sentence's word taken for the
measure; the nearest phrase that names one instead, or none. Each text is invented."""
from helpers.results import outcomes


def rows(text: str, name: str = "fixture.txt") -> dict[float, tuple[str, str]]:
    """value -> (measure, arm)."""
    return {f.value: (f.detail("measure") or "", f.arm) for f in outcomes(f"RESULTS:\n{text}\n", name)}


def test_a_quantifier_before_the_bracket_leaves_the_measure_to_the_predicate_after_it():
    got = rows("Most caregivers (74%) found the booklet easy to follow.")
    assert got[74.0][0] == "found the booklet easy to follow"


def test_a_negated_predicate_keeps_its_negation():
    got = rows("Most residents (57% vs. 49%, p=0.21) were not visited by a dietitian during the first month.")
    assert got[57.0][0].startswith("not visited by a dietitian")


def test_a_plural_generic_head_takes_the_measure_said_before():
    got = rows("Walking time was 41 and 37 minutes per day in the coach and leaflet groups, respectively. The "
               "differences were small at week 6 (39 vs 36 minutes).")
    assert got[39.0][0] == got[36.0][0] == "Walking time"


def test_a_generic_head_after_a_comparative_keeps_what_it_counts():
    got = rows("Resistance training produced greater increases in grip strength after the program (14.2%) than "
               "stretching (6.1%).")
    assert "grip strength" in got[14.2][0]


def test_a_subsection_heading_names_the_measure_when_the_clause_names_none():
    text = ("TITLE: A trial\n\nBODY.METHODS:\nWe compared two implants.\n\nBODY.RESULTS:\nAll eyes were seen.\n\n"
            "BODY.WOUND CLOSURE:\nBy day ten, in most eyes (81%), it was complete.\n")
    got = {f.value: f.detail("measure") or "" for f in outcomes(text, "paper.txt")}
    assert got[81.0] == "WOUND CLOSURE"


def test_a_frame_heading_is_no_measure():
    text = ("TITLE: A trial\n\nBODY.METHODS:\nWe compared two implants.\n\nBODY.RESULTS:\nAll eyes were seen.\n\n"
            "BODY.SECONDARY OUTCOMES:\nBy day ten, in most eyes (81%), it was complete.\n")
    got = {f.value: f.detail("measure") or "" for f in outcomes(text, "paper.txt")}
    assert "SECONDARY" not in got.get(81.0, "")


def test_a_lead_word_alone_gives_no_measure_rather_than_a_fragment():
    got = rows("Overall, 212 of 400 replied (53.0%).")
    assert got[53.0][0] != "Overall"


def test_a_list_with_no_words_of_its_own_takes_the_measures_of_the_list_before_in_order():
    got = rows("Wound dehiscence and seroma occurred in 4.2% and 7.7% of the mesh group. Corresponding values for the "
               "suture group were 6.9% and 11.3%.")
    assert got[6.9][0] == "Wound dehiscence" and got[11.3][0] == "seroma"


def test_than_before_a_number_is_a_threshold_inside_the_measure():
    got = rows("Median time to a viral load below 200 copies/ml, that is less than 200 copies/ml, was 3 weeks.")
    got2 = rows("Median time to a count of less than 200 cells was 9 weeks.")
    assert "less than 200 cells" in got2[9.0][0]
    assert got[3.0][0]


def test_a_subgroup_of_people_undergoing_a_procedure_goes_into_the_measure():
    got = rows("In patients undergoing hip revision, time to walking was 41 h with the new pathway and 55 h with usual "
               "care.")
    assert got[41.0][0] == got[55.0][0] == "time to walking in patients undergoing hip revision"


def test_who_was_counted_is_no_measure():
    got = rows("Most carers (61%) chose the evening visit slot.")
    assert got[61.0][0] == "chose the evening visit slot"


def test_a_unit_noun_after_an_interval_is_no_measure():
    got = rows("Between the arms, the walking distance differed little (12.5 (−3.0 to 28.0) metres).")
    assert got[12.5][0] != "metres"


def test_an_effect_alone_names_nothing_and_the_words_after_the_value_do():
    got = rows("The benefit held to week 30, with 58% of women still free of hot flushes.")
    assert "free of hot flushes" in got[58.0][0]


def test_a_share_of_people_in_brackets_takes_the_predicate_after_them_not_the_sentence_before():
    got = rows("Relapses were uncommon. The majority of the residents (88 [61.1%] vs. 70 [50.4%]) reported calmer "
               "evenings.")
    assert got[61.1][0] == got[50.4][0] and got[61.1][0].endswith("calmer evenings")


def test_a_comparison_after_the_bracket_is_no_predicate_of_the_people_counted():
    got = rows("The mean gait speed rose in patients given drug K 5 mg (0.21 m/s) and 10 mg (0.24 m/s) compared with "
               "patients given placebo (0.05 m/s).")
    assert not got[0.24][0].startswith("compared")


def test_a_discussion_heading_is_no_measure():
    text = ("TITLE: A trial\n\nBODY.METHODS:\nWe compared two implants.\n\nBODY.RESULTS:\nAll eyes were seen.\n\n"
            "BODY.DISCUSSION:\nOur trial has limits.\n\nBODY.STRENGTHS AND WEAKNESSES:\nIn most eyes (81%) of this "
            "trial, it was complete.\n")
    got = {f.value: f.detail("measure") or "" for f in outcomes(text, "paper.txt")}
    assert "STRENGTHS" not in got.get(81.0, "")


def test_the_sentences_own_subject_comes_before_the_measure_said_before():
    got = rows("Falls in ferritin were seen with drug K (–6.1 and –5.2%, respectively). Rises in serum zinc were seen "
               "with drug K, whereas no change was seen with placebo (mean changes of 7.4 and 0.1%, respectively).")
    assert got[7.4][0] == got[0.1][0] == "Rises in serum zinc"


def test_a_share_of_one_sex_after_the_bracket_gives_no_measure():
    got = rows("Most volunteers (63.5%) were male and the mean weight was 71 kg.")
    assert got.get(63.5, ("", ""))[0] not in ("male", "were male")
