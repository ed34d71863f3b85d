"""A table's sub-column that says what its cells count is no arm; the group above it is. Invented tables."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()

AE_TABLE = """RESULTS:
Adverse events are listed in Table 3.
Table 3Adverse events by system
System organ classDrug K (n = 70)Placebo (n = 60)Number of eventsNumber (%) of cases with an event\
Number of eventsNumber (%) of cases with an eventAll classes
500
66 (94.3)
300
50 (83.3)
Nervous system disorders
60
30 (42.9)
70
35 (58.3)

DISCUSSION:
Nothing to add.
"""

DIFF_TABLE = """RESULTS:
Scores are listed in Table 2.
Table 2Scores at 12 weeks
ScoreDrug K (n = 40)Placebo (n = 41)Group Difference (95% CI)P
Pain
3.1 ± 1.2
4.0 ± 1.5
-0.9 (-1.5 to -0.3)
0.004
Fatigue
2.2 ± 1.0
2.6 ± 1.1
-0.4 (-0.9 to 0.1)
0.09

DISCUSSION:
Nothing to add.
"""


def cells(text: str) -> dict[float, str]:
    doc = read_plain(Path("fixture.txt"), text)
    return {f.value: f.arm for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"}


def test_count_and_share_sub_columns_take_the_group_above_them():
    got = cells(AE_TABLE)
    assert all(got[v].startswith("Drug K") for v in (500.0, 94.3, 60.0, 42.9))
    assert all(got[v].startswith("Placebo") for v in (300.0, 83.3, 70.0, 58.3))


def test_a_group_difference_column_is_no_arm():
    got = cells(DIFF_TABLE)
    assert got[-0.9] == "" and got[-0.4] == ""
    assert got[3.1].startswith("Drug K") and got[4.0].startswith("Placebo")
