"""Numbers that stand where no result of the study stands (R32): tables of the patients' state as treatment
began whose titles do not say `baseline` (`Clinical state at inclusion`, `入院时`, a title's `治疗前`), a row
label taken before the treatment (`… before CVVHD (°C)` with the abbreviation spelt out), the inputs of a cost
model; and, beside them, the real results they must not take along (`before and after`, `治疗前后`, a Chinese
time cell `治疗5 d后` under a group printed once). Words: ontology/cues/table_kinds.tsv (baseline, later,
methods) and table_words.tsv (`start_time`, `treatment_noun`, `duration_head`, `han_course`). Each text is
invented."""
from helpers.results import outcomes


def own_values(text: str) -> set[float]:
    return {f.value for f in outcomes(text, "fixture.txt") if f.detail("source") in ("", "own")}


EN = """TITLE:
Warmed versus unwarmed irrigation fluid in knee arthroscopy

BODY.METHODS:
Adults were randomised to warmed or unwarmed fluid.

BODY.RESULTS:
BODY.OUTCOMES:
Shivering was seen in 4 of 60 patients with warmed fluid and 17 of 61 with unwarmed fluid.

12.3456/fixture.t001Table 1BODY.{title}.:

Warmed (n = 60)
Unwarmed (n = 61)
Core temperature (°C)
36.4 (0.3)
35.8 (0.4)
Heart rate (beats/min)
71.2 (9.9)
73.6 (10.4)

BODY.DISCUSSION:
Warming kept patients warmer.
"""


def test_a_table_of_the_state_at_inclusion_holds_no_result():
    got = own_values(EN.format(title="CLINICAL STATE AT INCLUSION"))
    assert not got & {36.4, 35.8, 71.2, 73.6}


def test_a_table_of_data_before_the_procedure_holds_no_result():
    got = own_values(EN.format(title="PATIENT DATA BEFORE THE PROCEDURE"))
    assert not got & {36.4, 35.8, 71.2, 73.6}


def test_a_table_before_and_after_the_procedure_holds_results():
    got = own_values(EN.format(title="PATIENT DATA BEFORE AND AFTER THE PROCEDURE"))
    assert {36.4, 35.8} <= got


def test_a_table_at_the_end_of_surgery_holds_results():
    got = own_values(EN.format(title="CLINICAL STATE AT THE END OF SURGERY"))
    assert {36.4, 35.8} <= got


def test_the_inputs_of_a_cost_model_are_no_result():
    got = own_values(EN.format(title="MODEL INPUTS"))
    assert not got & {36.4, 35.8, 71.2, 73.6}


ROWS = """TITLE:
Two filters for continuous venovenous haemodiafiltration

BODY.METHODS:
Continuous venovenous haemodiafiltration (CVVHD) ran with filter A or filter B.

BODY.RESULTS:
12.3456/fixture.t002Table 2BODY.VALUES DURING THE FIRST THREE DAYS.:

Filter A (n = 40)
Filter B (n = 41)
{label} (°C)
36.9 (0.6)
37.2 (0.5)
Filter life (h)
31.5 (8.2)
24.4 (7.9)
"""


def test_a_row_taken_before_a_treatment_spelt_out_as_an_abbreviation_is_no_result():
    got = own_values(ROWS.format(label="Temperature before CVVHD"))
    assert not got & {36.9, 37.2}
    assert {31.5, 24.4} <= got


def test_a_time_before_the_treatment_is_a_result():
    got = own_values(ROWS.format(label="Time before haemodiafiltration"))
    assert {36.9, 37.2} <= got


ZH = """1　资料与方法
1.1　一般资料
将80例患者随机分为甲组和乙组，各40例。

2　结果
{title}
组别	例数	体温（℃）	白细胞（×10⁹/L）
甲组	40	37.9±0.6	13.6±3.1
乙组	40	38.0±0.5	13.2±2.8

3　讨论
两种方法均安全。
"""


def test_a_chinese_table_at_admission_holds_no_result():
    got = own_values(ZH.format(title="表1　两组患者入院时情况比较（x±s）"))
    assert not got & {37.9, 38.0, 13.6, 13.2}


def test_a_chinese_title_saying_before_treatment_holds_no_result():
    got = own_values(ZH.format(title="表1　治疗前两组患者体温及白细胞比较（x±s）"))
    assert not got & {37.9, 38.0, 13.6, 13.2}


def test_a_chinese_table_before_and_after_treatment_holds_results():
    got = own_values(ZH.format(title="表1　两组患者治疗前后体温比较（x±s）"))
    assert {37.9, 38.0} <= got


TIMED = """2　结果
表2　两组患者疼痛评分比较（x±s，分）
组别	时间	静息评分	活动评分
甲组	治疗前	6.2±1.1	7.4±1.3
	治疗5 d后	2.1±0.7	3.0±0.9
乙组	治疗前	6.0±1.2	7.1±1.2
	治疗5 d后	3.3±0.8	4.2±1.0
"""


def test_a_chinese_time_cell_after_a_course_of_care_is_its_rows_time_and_the_row_before_it_no_result():
    facts = [f for f in outcomes(TIMED, "fixture.txt") if f.detail("source") in ("", "own")]
    got = {f.value: (f.arm, f.timeframe) for f in facts}
    assert not set(got) & {6.2, 7.4, 6.0, 7.1}
    assert got[2.1][0] == "甲组" and "5 d" in got[2.1][1]
    assert got[3.3][0] == "乙组"


def prose_values(text: str) -> set[float]:
    return own_values(f"RESULTS:\n{text}\n")


def test_a_willingness_to_pay_is_an_input_and_the_probability_beside_it_a_result():
    got = prose_values("If payers are willing to pay from $40,000 to $90,000 per QALY, the probability that drug Z "
                       "is cost effective rose from 48% to 67%.")
    assert not got & {40000, 90000}
    assert 67 in got


def test_the_bounds_of_a_confidence_interval_said_as_a_range_are_no_result():
    got = prose_values("The 95% confidence interval of the gap between medians ran from -0.21 to 0.18 mm.")
    assert not got & {-0.21, 0.18}


def test_a_confidence_level_with_words_before_the_intervals_name_is_no_result():
    got = prose_values("Bias-corrected 95% bootstrap CIs from 5,000 resamples are shown in brackets.")
    assert 95 not in got


def test_a_range_of_motion_stays_a_result():
    assert 112 in prose_values("Range of motion was 112 degrees with drug Z.")


DISCUSSION = """METHODS:
Adults were randomised to capsule K or placebo capsules for 8 weeks.

RESULTS:
LDL cholesterol fell by 9.1% with capsule K and by 1.2% with placebo.

DISCUSSION:
{}
"""


def test_a_cited_studys_number_equal_to_an_own_result_stays_the_cited_studys():
    text = DISCUSSION.format("In a study by Brown et al. (2004), sterol-enriched yoghurt gave larger LDL reductions "
                             "than stanol-enriched yoghurt (11% vs. 9.1%) [21].")
    start = text.index("DISCUSSION")
    got = {f.value: f.detail("source") for f in outcomes(text, "fixture.txt") if f.provenance.start > start}
    assert got.get(9.1) == "cited" and got.get(11) == "cited"


def test_et_al_before_a_bracket_ends_no_sentence_and_before_a_capital_it_may():
    from evkg.extract.text.sentences import sentences
    one = "In a study by Brown et al. (2004), yoghurt lowered LDL by 11%."
    assert len(sentences(one, "en")) == 1
    two = "Our fall was larger than that of Brown et al. Their trial was smaller."
    assert len(sentences(two, "en")) == 2


def test_later_items_of_a_bracket_opening_on_a_trait_are_traits():
    got = prose_values("Results are given for 1,840 adults (mean age 61 ± 8 years, mean HbA1c 7.9 ± 1.4%, diabetes "
                       "duration 11 ± 7 years).")
    assert not got & {61, 7.9, 11}
    assert 0.9 in prose_values("Patients (mean age 59 years) had a mean HbA1c reduction of 0.9% with drug Z.")


MISSING = """BODY.RESULTS:
12.3456/fixture.t003Table 3BODY.RELAPSES DURING FOLLOW-UP.:

Drug K (n = 50)
Placebo (n = 48)
Relapse, n (%)
12 (24.0)
21 (43.8)
Missing data
3
5
"""


def test_a_row_of_missing_data_is_no_result():
    got = own_values(MISSING)
    assert {24.0, 43.8} <= got and not got & {3, 5}


def test_shares_of_ethnic_groups_in_a_list_describe_who_was_studied():
    got = prose_values("In addition, about 58% were Caucasian, 21% Black, 9% Hispanic and 12% other.")
    assert not got & {58, 21, 9}
    assert {45, 30} <= prose_values("Response was 45% in Asian patients and 30% in others with drug Z.")


def test_a_sentence_about_the_week_before_the_study_began_describes_the_sample():
    got = prose_values("In the survey on the week prior to commencement of treatment, 41.2% of patients "
                       "reported night cough.")
    assert 41.2 not in got


def test_a_sentence_naming_a_later_time_beside_the_week_before_keeps_its_results():
    got = prose_values("Night cough was reported by 41.2% of patients in the week prior to randomisation and by "
                       "12.0% after 8 weeks of drug Z.")
    assert 12.0 in got
