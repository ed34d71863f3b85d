"""Recommendation boxes flattened one cell per line (extract/guidelines/boxes.py). Invented text only."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

BOXES = """S3 Guideline Gallstone Disease (invented text for testing)

1 Methods
Grades are given in boxes, in three steps:

Grade of recommendation   Description              Wording
A                         Strong recommendation    shall
B                         Recommendation           should

2 Treatment

2.1 Evidence-based recommendation                        new 2025
Grade of recommendation
A
Symptomatic gallstones shall be treated by laparoscopic cholecystectomy.
Level of evidence
1a
[1, 2]
Strong consensus (98%)

Background
Two trials compared early with delayed surgery [3].

2.2 Consensus-based recommendation                        new 2025
EC
Asymptomatic gallstones should not be removed in adults without risk factors.
Consensus (90%)

Background
Most stones stay silent [4].

2.3 Further aspects
Stones can migrate; this is no recommendation [5].

References
1. Abel A. Early surgery (invented). Surg J 2019;1:1-2.
2. Berg B. Delayed surgery (invented). Surg J 2020;2:3-4.
3. Carr C. Timing (invented). Surg J 2018;3:5-6.
4. Dorn D. Silent stones (invented). Surg J 2017;4:7-8.
5. Ebel E. Migration (invented). Surg J 2016;5:9-10.
"""


def test_boxes_read_cell_by_cell_and_a_legend_is_no_statement():
    fs = extract_facts(read_plain(Path("boxes_guideline.txt"), BOXES), Context(),
                       ["recommendations", "citations", "references"])
    recs = [(f.name, f.level, f.strength) for f in fs if f.kind == "recommendation"]
    # The key line names the cell under it; `EC` alone under the title is the box's strength; the legend's
    # rows and the consensus strength are no grades.
    assert recs == [("2.1", "1a", "A"), ("2.2", "", "EC")]
    cited = sorted((f.name, int(f.ref)) for f in fs if f.kind == "citation")
    # The box's own citation cell and its Background, up to the next box or heading.
    assert cited == [("2.1", 1), ("2.1", 2), ("2.1", 3), ("2.2", 4)]
    box = next(f for f in fs if f.kind == "recommendation")
    assert box.provenance.quote.startswith("2.1 Evidence-based") and box.provenance.quote.endswith("(98%)")


def test_a_box_with_its_keys_and_values_on_one_line_and_a_status_in_brackets():
    text = BOXES.replace("2.1 Evidence-based recommendation                        new 2025",
                         "2.1 Evidence-based recommendation (new 2025)")
    text = text.replace("Grade of recommendation\nA\nSymptomatic", "Grade of recommendation: A\nSymptomatic")
    text = text.replace("Level of evidence\n1a\n", "Level of evidence 1a\n")
    fs = extract_facts(read_plain(Path("boxes_guideline.txt"), text), Context(), ["recommendations"])
    assert [(f.name, f.level, f.strength) for f in fs][:1] == [("2.1", "1a", "A")]
