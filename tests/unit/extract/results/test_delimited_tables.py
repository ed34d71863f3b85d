"""Tables printed a row a line with their cells separated by tabs, `|` or runs of spaces
(extract/results/tables/delimited.py): invented plain-text papers in several house styles, English and
Chinese, arms as columns or as rows; every cell's fact is asserted."""

from helpers.results import outcomes


def facts(text: str) -> list:
    return outcomes(text)


def at(fs: list, text: str, quote: str, nth: int = 0):
    """The fact whose quote ends where the nth `quote` of the text ends."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    found = [f for f in fs if f.provenance.start <= start + len(quote) - 1 < f.provenance.end]
    assert found, f"no fact for {quote!r} #{nth}"
    return found[0]


def row(f) -> tuple:
    return f.value, f.n, f.arm, f.detail("measure"), f.detail("p_value")


PAPER = """Nordic walking for adults with chronic low back pain: a randomised controlled trial

Abstract
Objective: To test a twelve-week Nordic walking course.
Methods: 150 adults were randomised to walking or to advice.
Results: Pain fell more with walking.

1. Introduction
Back pain is common.

2. Methods
2.1 Participants
Adults aged 25 to 65 years were eligible.

3. Results
3.1 Participants
Of 150 adults randomised, 142 were analysed.

Table 1. Characteristics of the participants at baseline
Characteristic\tWalking (n = 75)\tAdvice (n = 75)
Age, years\t47.9 ± 9.6\t48.4 ± 10.1
Women, n (%)\t44 (58.7)\t41 (54.7)

3.2 Secondary outcomes
Table 2. Secondary outcomes at 12 weeks
Outcome\tWalking (n = 72)\tAdvice (n = 70)\tDifference (95% CI)\tP
Oswestry Disability Index, points\t18.2 ± 9.1\t23.6 ± 10.4\t-5.4 (-8.6 to -2.2)\t0.001
Grip strength, kg\t14.1 ± 3.3\t12.8 ± 3.6\t1.3 (0.2 to 2.4)\t0.02

Adherence to the course was 88% among walkers.

4. Discussion
Walking helped.
"""


def test_a_tab_table_reads_arms_as_columns_with_the_difference_and_its_p():
    fs = facts(PAPER)
    t = PAPER
    assert row(at(fs, t, "18.2 ± 9.1")) == (18.2, None, "Walking", "Oswestry Disability Index", "0.001")
    assert row(at(fs, t, "23.6 ± 10.4")) == (23.6, None, "Advice", "Oswestry Disability Index", "0.001")
    assert at(fs, t, "18.2 ± 9.1").detail("arm_size") == 72
    diff = at(fs, t, "-5.4 (-8.6 to -2.2)")
    assert (diff.value, diff.arm, diff.detail("statistic")) == (-5.4, "", "difference")
    assert (diff.detail("ci_low"), diff.detail("ci_high")) == ("-8.6", "-2.2")
    assert row(at(fs, t, "12.8 ± 3.6"))[2:] == ("Advice", "Grip strength", "0.02")


def test_a_baseline_tab_table_gives_nothing_and_a_short_line_after_a_table_is_prose_again():
    fs = facts(PAPER)
    quotes = " ".join(f.provenance.quote for f in fs)
    assert "47.9" not in quotes and "44 (58.7)" not in quotes
    assert any(f.value == 88.0 for f in fs), "the sentence after the table's blank line is read"


SPACED = """Telephone coaching after stroke: a randomised trial

METHODS
Survivors were randomised at discharge.

RESULTS
Table 3  Outcomes at six months
                               Coaching            Usual care          P value
                               (n = 58)            (n = 55)
Barthel index, points          88.4 ± 12.0         81.7 ± 14.9         0.01
Readmission, n (%)             6 (10.3)            13 (23.6)           0.06

DISCUSSION
Coaching helped.
"""


def test_a_table_laid_out_with_runs_of_spaces_and_sizes_on_a_second_header_line():
    fs = facts(SPACED)
    t = SPACED
    barthel = at(fs, t, "88.4 ± 12.0")
    assert row(barthel) == (88.4, None, "Coaching", "Barthel index", "0.01")
    assert barthel.detail("arm_size") == 58
    assert row(at(fs, t, "13 (23.6)")) == (23.6, 13, "Usual care", "Readmission", "0.06")
    assert len(fs) == 4


MARKDOWN = """Probiotics for antibiotic-associated diarrhoea in children

RESULTS
Table 2 | Adverse events
| Event | Probiotic (n = 120) | Placebo (n = 118) |
|---|---|---|
| Bloating | 7 (5.8) | 5 (4.2) |
| Rash | 2 (1.7) | 3 (2.5) |

DISCUSSION
Few events.
"""


def test_a_markdown_table():
    fs = facts(MARKDOWN)
    t = MARKDOWN
    assert row(at(fs, t, "7 (5.8)"))[:4] == (5.8, 7, "Probiotic", "Bloating")
    assert row(at(fs, t, "3 (2.5)"))[:4] == (2.5, 3, "Placebo", "Rash")
    assert {f.name for f in fs} == {"AE"} and len(fs) == 4


CHINESE = """中医护理干预对腰椎间盘突出症术后患者康复的影响

摘要：目的　观察中医护理干预的效果。方法　将 96 例患者分为两组。结果　干预组恢复较快。

1　资料与方法
1.1　一般资料
纳入 96 例。

2　结果
2.1　两组术后恢复情况比较
表1　两组患者术后恢复指标比较（x±s）
组别\t例数\t下床活动时间（h）\t住院时间（d）
干预组\t48\t22.6±4.8\t7.1±1.6
常规组\t48\t30.2±5.5\t9.4±2.1
t值\t\t7.21\t6.04
P值\t\t<0.001\t<0.001

表2　两组患者干预前后VAS评分比较（分，x±s）
组别      例数    干预前          干预后          t值      P值
干预组    48      6.8±1.2         2.9±0.8         18.76    <0.001
常规组    48      6.7±1.3         4.1±1.0         11.02    <0.001
t值               0.39            6.49
P值               0.697           <0.001

3　讨论
中医护理有效。
"""


def test_a_chinese_table_with_arms_as_rows_and_statistic_rows_under_them():
    fs = facts(CHINESE)
    t = CHINESE
    first = at(fs, t, "22.6±4.8")
    assert row(first) == (22.6, None, "干预组", "下床活动时间", "<0.001")
    assert first.detail("arm_size") == 48 and first.detail("comparator") == "常规组"
    assert row(at(fs, t, "9.4±2.1")) == (9.4, None, "常规组", "住院时间", "<0.001")
    quotes = {f.provenance.quote for f in fs}
    assert not quotes & {"7.21", "6.04", "18.76", "11.02", "6.49", "0.39"}, "a t row or column is no result"


def test_a_chinese_table_laid_out_with_spaces_over_time_points_gives_the_after_values():
    fs = facts(CHINESE)
    t = CHINESE
    after = at(fs, t, "2.9±0.8")
    assert row(after) == (2.9, None, "干预组", "VAS评分", "<0.001")
    assert row(at(fs, t, "4.1±1.0"))[:4] == (4.1, None, "常规组", "VAS评分")
    quotes = {f.provenance.quote for f in fs}
    assert not quotes & {"6.8±1.2", "6.7±1.3"}, "the values before the intervention are the baseline"


VISITS = """Diabetes coaching by telephone: a randomised trial

2. Methods
Adults with type 2 diabetes were randomised.

3. Results
Table 2. Outcomes by visit
\tCoaching\t\tUsual care\t
Outcome\tBaseline\t12 months\tBaseline\t12 months\tP
HbA1c, %\t8.6 ± 1.2\t7.5 ± 1.0\t8.5 ± 1.1\t8.2 ± 1.2\t0.002
Body weight, kg\t93.4 ± 15.2\t89.9 ± 14.1\t92.7 ± 14.8\t92.0 ± 14.6\t0.04

4. Discussion
Coaching helped.
"""


def test_a_header_over_two_lines_names_the_arms_over_their_visits_and_the_baseline_gives_nothing():
    fs = facts(VISITS)
    t = VISITS
    assert row(at(fs, t, "7.5 ± 1.0")) == (7.5, None, "Coaching", "HbA1c", "0.002")
    assert row(at(fs, t, "92.0 ± 14.6")) == (92.0, None, "Usual care", "Body weight", "0.04")
    assert at(fs, t, "7.5 ± 1.0").timeframe == "12 months"
    assert {f.provenance.quote for f in fs} == {"7.5 ± 1.0", "8.2 ± 1.2", "89.9 ± 14.1", "92.0 ± 14.6"}
