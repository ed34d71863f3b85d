"""Flattened tables read as grids (extract/results/tables/): invented tables in each form, English and
Chinese, row- and column-major, glued headers; every cell's fact is asserted."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()
GRADED = ("Table 3Worst grade of toxicity\nToxicityArm A (N=40), n(%)Arm B (N=42), n(%)p-value 01230123Neutropenia\n"
          "30(75)\n6(15)\n-\n4(10)\n38(90)\n2(5)\n2(5)\n-\n0.041\n")


def facts(text: str) -> list:
    doc = read_plain(Path("fixture.txt"), text)
    out = [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]
    assert all(f.provenance.quote == text[f.provenance.start:f.provenance.end] for f in out)
    assert len({f.provenance.start for f in out}) == len(out), "two facts for one cell"
    return out


def cells(text: str) -> dict[str, object]:
    """The outcome facts of a document, by the text of their cell (cells printed alike: see `at`)."""
    return {f.provenance.quote: f for f in facts(text)}


def at(text: str, quote: str, nth: int = 0):
    """The fact of the nth cell printed `quote`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    found = [f for f in facts(text) if f.provenance.start == start]
    assert found, f"no fact for {quote!r} #{nth}"
    return found[0]


def row(f) -> tuple:
    """What a reviewer reads of a cell: value, unit, n, arm, measure, code."""
    return f.value, f.unit, f.n, f.arm, f.detail("measure"), f.name


def test_count_and_percent_without_a_percent_sign_under_a_glued_header():
    fs = cells("Table 2Adverse events, n (%)\nEventDrug A (n = 150)Placebo (n = 148)\nHeadache\n12 (8.0)\n5 (3.4)\n"
               "Nausea\n9 (6.0)\n0 (0.0)\n")
    assert set(fs) == {"12 (8.0)", "5 (3.4)", "9 (6.0)", "0 (0.0)"}
    assert row(fs["12 (8.0)"]) == (8.0, "%", 12, "Drug A", "Headache", "AE")
    assert row(fs["5 (3.4)"]) == (3.4, "%", 5, "Placebo", "Headache", "AE")
    assert row(fs["0 (0.0)"]) == (0.0, "%", 0, "Placebo", "Nausea", "AE")
    head = fs["12 (8.0)"]
    assert head.total is None and head.detail("arm_size") == 150 and head.detail("comparator") == "Placebo"


def test_a_row_label_glued_to_the_header_and_dashes_that_keep_their_column():
    fs = cells("Table 3Events by arm\nEventArm A, n (%)Arm B, n (%)Fever\n4 (6)\n-\nRash\n-\n2 (3)\n")
    assert set(fs) == {"4 (6)", "2 (3)"}
    assert row(fs["4 (6)"])[:4] == (6.0, "%", 4, "Arm A") and fs["4 (6)"].detail("measure") == "Fever"
    assert row(fs["2 (3)"])[:4] == (3.0, "%", 2, "Arm B") and fs["2 (3)"].detail("measure") == "Rash"


def test_mean_and_sd_with_the_unit_in_the_row_label():
    fs = cells("Table 2Outcomes at 12 weeks\nwith compress\nwithout compress\nSkin temperature [°C]\n38.9 ± 1.2\n"
               "33.1 ± 0.8\n")
    a, b = fs["38.9 ± 1.2"], fs["33.1 ± 0.8"]
    assert (a.value, a.unit, a.arm, a.detail("sd"), a.detail("statistic")) == \
        (38.9, "°C", "with compress", "1.2", "mean")
    assert (b.value, b.arm, b.detail("measure")) == (33.1, "without compress", "Skin temperature")


def test_section_rows_an_announced_ci_and_a_hazard_ratio_column():
    fs = cells("Table 2Efficacy\n Drug ADrug BHR (95% CI)Overall survival:\n \n \n \nDeaths, n (%)\n40 (80%)\n"
               "44 (88%)\n \nMedian (95% CI), months\n9.4 (7.7−11.0)\n7.2 (6.1−8.8)\n0.81 (0.64−1.02)\n")
    assert set(fs) == {"40 (80%)", "44 (88%)", "9.4 (7.7−11.0)", "7.2 (6.1−8.8)", "0.81 (0.64−1.02)"}
    deaths = fs["40 (80%)"]
    assert (deaths.value, deaths.n, deaths.arm, deaths.detail("measure")) == \
        (80.0, 40, "Drug A", "Overall survival, Deaths")
    assert deaths.name != "OS_RATE"  # a share of deaths is no survival rate
    median = fs["9.4 (7.7−11.0)"]
    assert (median.name, median.value, median.unit, median.arm) == ("OS", 9.4, "months", "Drug A")
    assert (median.detail("ci_low"), median.detail("ci_high"), median.detail("statistic")) == ("7.7", "11.0", "median")
    hr = fs["0.81 (0.64−1.02)"]
    assert (hr.name, hr.value, hr.arm, hr.detail("effect")) == ("OS", 0.81, "", "HR")
    assert (hr.detail("ci_low"), hr.detail("ci_high")) == ("0.64", "1.02")


def test_a_ci_printed_on_the_row_below():
    fs = cells("Table 2Response\nDrug ADrug B\nObjective response, n (%)\n20 (25%)\n14 (18%)\n(95% CI)\n(16−36%)\n"
               "(10−28%)\n")
    assert set(fs) == {"20 (25%)", "14 (18%)"}
    a, b = fs["20 (25%)"], fs["14 (18%)"]
    assert (a.detail("measure"), a.value, a.n, a.arm, a.detail("ci_low"), a.detail("ci_high")) == \
        ("Objective response", 25.0, 20, "Drug A", "16", "36")
    assert (b.arm, b.detail("ci_low"), b.detail("ci_high")) == ("Drug B", "10", "28")


def test_grades_under_arms_and_p_value_columns():
    fs = cells(GRADED)
    assert set(fs) == {"30(75)", "6(15)", "4(10)", "38(90)", "2(5)"}  # `2(5)` twice, see the next test
    g3 = fs["4(10)"]
    assert (g3.name, g3.value, g3.n, g3.arm, g3.detail("measure")) == \
        ("AE_G3", 10.0, 4, "Arm A", "Neutropenia, grade 3")
    assert (fs["30(75)"].name, fs["30(75)"].detail("measure")) == ("AE", "Neutropenia, grade 0")
    assert (fs["38(90)"].arm, fs["38(90)"].detail("arm_size")) == ("Arm B", 42)
    assert fs["30(75)"].detail("p_value") == "0.041"


def test_two_equal_cells_are_two_results():
    text = GRADED
    assert at(text, "2(5)", 0).detail("measure") == "Neutropenia, grade 1"
    assert at(text, "2(5)", 1).detail("measure") == "Neutropenia, grade 2"


def test_bare_event_counts_and_a_blank_last_cell():
    fs = cells("Table 2Number of adverse events\nEventControlActive drug\nHeadache\n31\n12\nFever\n4\n \n")
    assert set(fs) == {"31", "12", "4"}
    assert row(fs["31"])[:4] == (31.0, "", None, "Control") and fs["31"].detail("statistic") == "count"
    assert (fs["12"].arm, fs["4"].arm, fs["4"].detail("measure")) == ("Active drug", "Control", "Fever")


def test_group_size_and_baseline_rows_give_nothing_and_a_difference_row_is_an_effect():
    fs = cells("Table 3Blood pressure at week 26\nMeasurePlacebo (n = 90)Drug (n = 88)\n"
               "Systolic BP, N analysed\n89\n88\n Baseline, mean ± SD (mmHg)\n134.0 ± 14.2\n133.1 ± 13.5\n"
               " Change, LS mean ± SE\n−0.4 ± 1.5\n−5.9 ± 1.5\n Difference vs placebo (95% CI)\n \n−5.5 (−9.6, −1.4)\n")
    assert set(fs) == {"−0.4 ± 1.5", "−5.9 ± 1.5", "−5.5 (−9.6, −1.4)"}
    change = fs["−0.4 ± 1.5"]
    assert (change.value, change.arm, change.detail("sd")) == (-0.4, "Placebo", "")  # an SE is no SD
    assert change.detail("measure").startswith("Systolic BP, Change")
    diff = fs["−5.5 (−9.6, −1.4)"]
    assert (diff.value, diff.arm, diff.detail("effect"), diff.detail("comparator")) == (-5.5, "", "MD", "placebo")
    assert (diff.detail("ci_low"), diff.detail("ci_high")) == ("-9.6", "-1.4")


def test_time_point_columns_with_groups_as_rows_and_a_baseline_column():
    fs = cells("Table 3Prevalence, % (n/N)\nAt enrolmentDay 7Day 14\nDrug A\n4.0 (2/50)\n10.4 (5/48)\n2.1 (1/47)\n")
    assert set(fs) == {"10.4 (5/48)", "2.1 (1/47)"}
    day7 = fs["10.4 (5/48)"]
    assert (day7.value, day7.unit, day7.n, day7.total, day7.arm, day7.timeframe) == \
        (10.4, "%", 5, 48, "Drug A", "Day 7")
    assert day7.detail("measure") == "Prevalence"


def test_a_baseline_table_gives_nothing():
    assert cells("Table 1Baseline characteristics\nDrug A (n = 60)Placebo (n = 58)\nAge, years\n54 ± 11\n56 ± 10\n"
                 "Male, n (%)\n31 (51.7)\n29 (50.0)\n") == {}


def test_a_chinese_response_table_flattened_column_by_column():
    fs = cells("表2　近期疗效\n疗效\n完全缓解（CR）\n部分缓解（PR）\n疾病稳定（SD）\n疾病进展（PD）\n"
               "客观缓解率（ORR=CR+PR）\n例（%）\n1（2.5%）\n15（37.5%）\n14（35.0%）\n10（25.0%）\n16（40.0%）\n")
    assert {q: (f.name, f.value, f.n, f.arm) for q, f in fs.items()} == {
        "1（2.5%）": ("CR", 2.5, 1, ""), "15（37.5%）": ("PR", 37.5, 15, ""), "14（35.0%）": ("SD", 35.0, 14, ""),
        "10（25.0%）": ("PD", 25.0, 10, ""), "16（40.0%）": ("ORR", 40.0, 16, "")}


def test_a_chinese_adverse_event_table_by_grade_announced_in_the_title():
    got = sorted((f.detail("measure"), f.name, f.value, f.n) for f in facts(
        "表3　治疗相关不良反应，例（%）\n不良反应\n恶心\n腹痛\n任何级别\n10（25.0）\n8（20.0）\n"
        "1~2级\n9（22.5）\n8（20.0）\n3~4级\n1（2.5）\n0（0）\n"))
    assert got == [("恶心 (1~2级)", "AE", 22.5, 9), ("恶心 (3~4级)", "AE_G3", 2.5, 1),
                   ("恶心 (任何级别)", "AE", 25.0, 10), ("腹痛 (1~2级)", "AE", 20.0, 8),
                   ("腹痛 (3~4级)", "AE_G3", 0.0, 0), ("腹痛 (任何级别)", "AE", 20.0, 8)]


def test_chinese_subgroup_survival_with_sizes_and_a_p_per_factor():
    fs = cells("表4　生存单因素分析\n因素\n年龄/岁\n性别\n<60\n≥60\n男\n女\n例数\n18\n22\n25\n15\n"
               "mOS/月\n15.2\n12.8\n13.0\n14.9\nP（Log-rank）\n0.210\n0.640\n")
    assert {q: (f.name, f.value, f.unit, f.arm, f.detail("comparator"), f.detail("p_value"), f.detail("arm_size"),
                f.detail("statistic")) for q, f in fs.items()} == {
        "15.2": ("OS", 15.2, "months", "年龄<60岁", "", "0.210", 18, "median"),
        "12.8": ("OS", 12.8, "months", "年龄≥60岁", "", "0.210", 22, "median"),
        "13.0": ("OS", 13.0, "months", "性别男", "", "0.640", 25, "median"),
        "14.9": ("OS", 14.9, "months", "性别女", "", "0.640", 15, "median")}


def test_a_chinese_cox_table_with_its_ci_bounds_and_significance_in_columns():
    fs = cells("表5　预后生存的多因素Cox分析\n项目\n门静脉癌栓\n甲胎蛋白≥400\nB\n0.412\n1.105\n"
               "SE\n0.380\n0.455\nWald\n1.176\n5.898\ndf\n1\n1\nSig.\n0.278\n0.015\nExp（B）\n1.510\n3.019\n"
               "95.0% CI\n下部\n0.717\n1.238\n上部\n3.180\n7.364\n")
    assert set(fs) == {"0.412", "1.105", "1.510", "3.019"}  # SE, Wald, df are no results
    hr = fs["1.510"]
    assert (hr.name, hr.detail("effect"), hr.arm, hr.detail("ci_low"), hr.detail("ci_high"), hr.detail("p_value")) == \
        ("OS", "HR", "", "0.717", "3.180", "0.278")
    assert "门静脉癌栓" in hr.detail("measure")
    b = fs["1.105"]
    assert (b.detail("statistic"), b.detail("p_value")) == ("coefficient", "0.015")
    assert "甲胎蛋白≥400" in b.detail("measure")


def test_a_cross_reference_is_no_table_and_prose_around_a_table_is_kept():
    text = ("RESULTS:\nMen were more often smokers (\nTable 1\n). Nausea occurred in 30% of the drug group.\n"
            "Table 2Adverse events, n (%)\nEventDrug APlacebo\nNausea\n9 (30.0)\n3 (10.0)\n"
            "Rash occurred in 32% of the drug group during the first week of the study (P = 0.01).\n")
    quotes = {f.provenance.quote: f for f in facts(text)}
    assert {"9 (30.0)", "3 (10.0)"} <= set(quotes)
    assert {"Nausea occurred in 30%", "Rash occurred in 32%"} <= set(quotes)  # the prose before and after


def test_a_table_glued_to_a_footnote_line_and_to_a_sentence_is_found():
    text = ("GGT: Gamma Glutamyltransferase\nTable 2Half-life\n\nwithout compress\nwith compress\nHalf-life [min]\n"
            "5.88 ± 0.49\n5.35 ± 0.5\nSee also (Fig. 6).Table 3Complications\nEventDrug APlacebo\nFever\n"
            "2 (4.0)\n1 (2.0)\n")
    fs = cells(text)
    assert fs["5.88 ± 0.49"].arm == "without compress" and fs["5.88 ± 0.49"].unit == "minutes"
    assert (fs["2 (4.0)"].name, fs["2 (4.0)"].arm, fs["2 (4.0)"].n) == ("AE", "Drug A", 2)


def test_footnote_letters_are_stripped_from_labels_the_document_prints_without_them():
    text = ("RESULTS:\nSafety was similar with KX7 and with REF; one death occurred. KX7 and REF had few events.\n"
            "Table 1Summary of harms\nKind of harmKX7 (n = 310)REF (n = 307)Any harm, n (%)\n173 (55.8)\n184 (59.9)\n"
            "Deathc\n0 (0.0)\n1 (0.3)\nDyspepsia\n1 (0.3)\n7 (2.3)\ncAfter a fall at home.\n")
    fs = cells(text)
    assert (fs["173 (55.8)"].arm, fs["184 (59.9)"].arm) == ("KX7", "REF")
    assert (at(text, "1 (0.3)", 0).detail("measure"), at(text, "1 (0.3)", 0).arm) == ("Death", "REF")
    assert (at(text, "1 (0.3)", 1).detail("measure"), at(text, "1 (0.3)", 1).arm) == ("Dyspepsia", "KX7")


def test_a_table_that_makes_no_grid_gives_nothing():
    # cells out of step with any width, and a header that reads as numbers
    assert cells("Table 2Outcomes\nDrug APlacebo\nPain\n3.1 ± 1.0\nNausea\n1 (2.0)\n2 (4.0)\n5 (9.0)\nFever\n"
                 "1 (2.0)\nRash\n4 (8.0)\n6 (9.0)\n7 (9.5)\nCough\n3 (6.0)\n") == {}
    assert cells("Table 3Scores\n372.9 ± 62.4\n500 ± 68\nSvO2\n84.3 ± 3.3\n85.9 ± 3.0\n") == {}


def test_a_section_with_its_unit_ends_at_the_next_label_with_a_unit():
    """`Time to first flatus (h)` over `Total` / `Open`; `Bowel sound on day 2 (/min)` is a measure of its own."""
    text = ("Table 2Main outcomes\n\nDrug C (n = 33)\nControl (n = 30)\nP value\nTime to first flatus (h)\n\n\n\n"
            "Total\n70.1 ± 15.6\n80.2 ± 20.3\n0.038\nOpen\n75.5 ± 14.3\n86.2 ± 20.8\n0.048\n"
            "Bowel sound on day 2 (/min)\n2.31 ± 2.61\n1.07 ± 1.26\n0.017\n")
    assert at(text, "70.1 ± 15.6").detail("measure") == "Time to first flatus, Total"
    assert at(text, "1.07 ± 1.26").detail("measure") == "Bowel sound on day 2"
    assert at(text, "1.07 ± 1.26").arm == "Control"


def test_a_long_row_label_in_words_is_no_sentence():
    """A row label of twenty words with no full stop, followed by its cells, keeps the table going."""
    text = ("Table 3Serious adverse events\nDrug D (n=206)Placebo (n=206)p Value"
            "Serious harms (count of people having one or more such harms, N (%))\n61 (29.6)\n49 (23.8)\n0.317\n"
            "Serious harms apart from falls needing hospital care (count of harms (share among people having "
            "one or more))\n88 (1.7)\n70 (1.4)\n0.503\nEvents were adjudicated by a committee that was blind "
            "to the treatment assignment of each patient.\n")
    got = {f.provenance.quote: f for f in facts(text)}
    assert got["88 (1.7)"].arm == "Drug D" and got["70 (1.4)"].arm == "Placebo"
    assert "0.503" not in got
