"""Numbers that are no result of the study (R26), and the forms of real results read beside them: another
study's rate in a discussion sentence that names this one, locants of a chemical name, the factors of a
product, durations naming a measure or a window, the share of a sex among who took part, people excluded,
indications for a procedure, an interval in square brackets after two unit words, and `pt` as points.
Words are ontology/cues/result_words.tsv (`set_against`, `other_study`, `sex_share`, `sample_subject`,
`sample_clause`, `disposition`, `baseline`) and units.tsv. Each text is invented."""
from helpers.results import outcomes


def values(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.detail("measure"), f.arm) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


PAPER = """METHODS:
Adults with gout were randomised to drug K or placebo for 24 weeks.

RESULTS:
The yearly flare rate was 0.61% with drug K and 0.64% with placebo.

DISCUSSION:
{}
"""


def own(discussion: str) -> dict[float, str]:
    facts = outcomes(PAPER.format(discussion), "fixture.txt")
    start = PAPER.index("DISCUSSION")
    return {f.value: f.detail("source") for f in facts if f.provenance.start > start}


def test_another_studys_rate_in_a_discussion_sentence_naming_this_one_is_not_its_own():
    got = own("Both arms of this trial (0.61% and 0.64% for drug K and placebo, respectively) were close to the "
              "yearly flare rate (0.49%) reported in a recent registry analysis that used the same definition.")
    assert got.get(0.61) == "own" and got.get(0.64) == "own"
    assert got.get(0.49, "cited") != "own"


def test_a_rate_compared_with_earlier_reports_in_our_study_sentence_is_not_own():
    got = own("In our study flares were rare, compared with previously published rates of 0.33% in older adults.")
    assert got.get(0.33, "cited") != "own"


def test_reported_by_a_share_of_people_is_the_studys_own():
    got = {f.value: f.detail("source") for f in outcomes(
        "RESULTS:\nNausea was reported by 12% of women and 8% of men in the drug K group.\n", "fixture.txt")}
    assert got == {12.0: "own", 8.0: "own"}


def test_locants_of_a_chemical_name_are_no_values():
    assert values("Grafted cells were traced with 1,1'-dihexyl-3,3,3',3'-tetramethylcarbocyanine in all "
                  "hearts.") == {}
    assert values("Cells were stained with 2,4′-dinitro blue, and 35% of the drug K grafts survived.").keys() == {35.0}


def test_the_factors_of_a_product_are_no_values():
    got = values("The mean total dose of drug K (12 × 16 × 22 mg) differed, and pain fell by 12% in the drug K "
                 "group.")
    assert set(got) == {12.0} and got[12.0][0] == "pain"
    assert values("Each patient took 2 x 5 mg tablets of drug K.") == {}
    # three groups' values printed with `×` are no product: the first stays
    got = values("The mean total dose of drug K (12 × 16 × 22 mg, p = 0.01) was higher in group C than in groups A "
                 "and B.")
    assert 12.0 in got


def test_durations_naming_a_measure_or_a_window_are_time_points():
    assert values("Drug K raised fasting insulin, 30 min plasma insulin, 90 min plasma insulin and the insulin "
                  "AUC.") == {}
    assert values("FPG, 30 min PG, 60 min PG and 120 min PG all fell with drug K.") == {}
    assert values("There was no sign of larger effects after 12 versus 4 weeks of the fibre diet.") == {}
    # durations reported stay results
    got = values("Median time to relief was 45 min with drug K and 70 min with placebo.")
    assert set(got) == {45.0, 70.0} and got[45.0][1] == "drug K"
    got = values("Sleep lasted 6.5 hours in group A, 7.1 hours in group B and 6.9 hours in group C.")
    assert set(got) == {6.5, 7.1, 6.9}


def test_the_share_of_a_sex_among_who_took_part_is_no_result():
    got = values("In all, 212 pupils took part (54% girls, 47% in year 9). After the course, knowledge scores rose "
                 "by 3.1 points in the school group.")
    assert set(got) == {3.1}
    assert values("Findings are given for 1,830 adults (64% men) with a valid baseline and one later score (mean "
                  "age 59 ± 8 years).") == {}
    # a change by sex with its own p is a result
    got = values("Drug K cut the 1-year risk of death vs. placebo (−31% men, p = 0.002; −35% women, p = 0.01).")
    assert {-31.0, -35.0} <= set(got)


def test_people_excluded_are_described_not_measured():
    got = values("The excluded patients were older (66 ± 9 vs. 61 ± 8 years, P = 0.02) and more often smokers "
                 "(31 vs. 22%, P = 0.01). Pain fell by 2.2 points with drug K.")
    assert set(got) == {2.2}


def test_indications_for_a_procedure_describe_the_sample():
    got = values("Caesarean sections were performed in women with twin pregnancy (18.5 %), a previous scar "
                 "(42.0 %) or fetal distress (0.05 %).")
    assert not {18.5, 42.0} & set(got)
    assert values("The indications for surgery were pain (44%) and bleeding (23%).") == {}


def test_an_interval_in_square_brackets_after_two_unit_words_is_the_values_ci():
    facts = outcomes("RESULTS:\nDrug K gave a mean gain of 0.012 QALYs gained [−0.021, 0.044] over placebo.\n",
                     "fixture.txt")
    assert [f.value for f in facts] == [0.012]
    assert (facts[0].detail("ci_low"), facts[0].detail("ci_high")) == ("-0.021", "0.044")


def test_pt_after_a_score_change_is_points():
    got = {f.value: (f.unit, f.arm) for f in outcomes(
        "RESULTS:\nGroup A improved in quality of life in the symptom section (- 4.21 pt) and in total score "
        "(- 3.87 pt).\n", "fixture.txt")}
    assert got == {-4.21: ("points", "Group A"), -3.87: ("points", "Group A")}


def test_apa_style_means_with_subscripts_are_read_with_their_label_and_time_point():
    facts = outcomes("RESULTS:\nWithin the waitlist, both scales stayed level from pre to post (worry: Mpre = 2.41, "
                     "SDpre = 0.98 vs. Mpost = 2.47, SDpost = 1.02; t(40) = .35, p = .73; rumination: Mpre = 3.10, "
                     "SDpre = 1.01 vs. Mpost = 3.15, SDpost = 1.07; t(40) = -.05, p = .96).\n", "fixture.txt")
    got = {f.value: (f.detail("measure"), f.timeframe, f.detail("sd"), f.arm) for f in facts}
    assert got == {2.41: ("worry", "pre", "0.98", ""), 2.47: ("worry", "post", "1.02", ""),
                   3.1: ("rumination", "pre", "1.01", ""), 3.15: ("rumination", "post", "1.07", "")}


def test_apa_style_means_without_subscripts_keep_their_sd_and_the_statistic_is_no_value():
    got = {f.value: f.detail("sd") for f in outcomes(
        "RESULTS:\nTrust did not differ between arms (M = 3.61, SD = 0.90 vs. M = 3.70, SD = 0.88; t(58) = .41, "
        "p = .68).\n", "fixture.txt")}
    assert got == {3.61: "0.90", 3.7: "0.88"}


def test_a_group_head_after_the_last_group_leaves_the_predicate_the_measure():
    got = values("Of the patients, 18.2 % in drug K and 40.5 % in drug L subgroup had a rise in CRP.")
    assert got[40.5] == ("had a rise", "drug L") and got[18.2][1] == "drug K"


def test_a_group_named_before_a_subscripted_mean_is_no_measure():
    text = ("METHODS:\nPatients were randomly assigned to CBT (n = 60) or PDT (n = 58).\n\nRESULTS:\nWorry fell "
            "further from post to follow-up (CBT: Mpost = 3.13, SDpost = 1.21 vs. Mfu = 2.99; t(81) = 1.98, p = .05; "
            "PDT: Mpost = 3.36, SDpost = 1.19).\n")
    got = {f.value: (f.detail("measure"), f.timeframe) for f in outcomes(text, "fixture.txt")}
    assert got[3.13] == ("Worry", "post")
    assert not {"CBT", "PDT"} & {m for m, _ in got.values()} and not any("Mpost" in m for m, _ in got.values())


def test_a_trait_is_no_time_point_of_the_values_after_it():
    facts = outcomes("RESULTS:\nEnrolled adults (n = 52) had a mean age of 67 years and a baseline FEV1 of 0.91 L. "
                     "Mean FEV1 rose by 0.12 L with drug K.\n", "fixture.txt")
    assert 67.0 not in {f.value for f in facts}
    assert all("67" not in (f.timeframe or "") for f in facts)
    facts = outcomes("RESULTS:\nFindings are given for 1,830 adults with a valid baseline and one later score (mean "
                     "age 59 ± 8 years, mean HbA1c 7.4 ± 1.5%, mean BMI 31 ± 5).\n", "fixture.txt")
    assert all("8 years" not in (f.timeframe or "") for f in facts)


def test_a_discussion_sentence_of_this_study_after_one_on_earlier_work_is_own():
    got = own("Our figures agree with previous published work on flare rates. At the final check, the healing rate "
              "of this study for the drug K group was 91%, while the placebo healing rate was 88.9%.")
    assert got.get(91.0) == "own" and got.get(88.9) == "own"


def test_a_discussion_number_restates_only_a_result_of_the_results_section():
    text = PAPER.format("At the last visit, the flare rate of this study was 2.5% with drug K. Our findings match "
                        "those of Lee et al, who had a flare rate of 2.5% with drug L.")
    facts = outcomes(text, "fixture.txt")
    own_at = [f.provenance.start for f in facts if f.value == 2.5 and f.detail("source") == "own"]
    assert len(own_at) == 1 and PAPER.index("DISCUSSION") < own_at[0]


def test_a_subscript_with_a_duration_is_no_time_point_of_its_own():
    got = {f.value: f.timeframe for f in outcomes(
        "RESULTS:\nWorry kept falling (Mpost = 3.41, SDpost = 1.05 vs. M12-months = 3.02, SD12-months = 1.14).\n",
        "fixture.txt")}
    assert got.get(3.41) == "post"
