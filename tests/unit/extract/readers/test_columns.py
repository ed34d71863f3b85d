"""Two-column page text read column by column (invented text only)."""
from hypothesis import given
from hypothesis import strategies as st

from evkg.extract.readers.columns import reading_order
from evkg.extract.readers.sections import wraps_on

LEFT = ["Screening for the invented virus is", "cheap and finds most carriers before", "they start any of the new",
        "drugs that suppress the immune", "system, as two cohorts have shown.", "", "1. All patients should be tested",
        "before the first dose (A1)."]
RIGHT = ["Prophylaxis with an invented drug", "reduced reactivation by a large margin", "in three randomised trials",
         "of adults treated for cancer and", "for rheumatic disease alike.", "", "2. Prophylaxis should go on for",
         "a year after the last dose (B1)."]


def page(left, right, width=44):
    return "\n".join(f"{a:<{width}}{b}".rstrip() for a, b in zip(left, right))


def test_two_columns_read_left_then_right():
    text = "An invented consensus\n\n" + page(LEFT, RIGHT) + "\n\nReferences\n1. Quill AB. An invented trial. 2020.\n"
    out = reading_order(text)
    body = out[out.index("Screening"):out.index("References")]
    assert body.index("before the first dose (A1).") < body.index("Prophylaxis with an invented drug")
    assert "1. All patients should be tested\nbefore the first dose (A1)." in body
    assert "2. Prophylaxis should go on for\na year after the last dose (B1)." in body


def test_a_running_head_ends_a_page():
    head = "Invent J (2026) 1:1-9                                                  2"
    text = page(LEFT[:5], RIGHT[:5]) + "\n\n" + head + "\n\n" + page(LEFT[6:] + LEFT[:3], RIGHT[6:] + RIGHT[:3])
    out = reading_order(text)
    assert out.index("for rheumatic disease alike.") < out.index(head) < out.index("1. All patients")


def test_tables_and_margin_grades_stay_as_they_are():
    text = ("Recommendation                                  Strength      Certainty\n"
            "1. We recommend testing all adults at risk       Strong        Moderate\n"
            "2. We suggest a second test at one year          Conditional   Low\n"
            "3. We recommend treating every carrier found     Strong        Low\n"
            "4. We suggest a shorter course for children      Conditional   Very low\n"
            "Surgical removal should be offered to adults with a thick nail     B\n")
    assert reading_order(text) == text


@given(st.lists(st.text(alphabet="abc .", max_size=60), max_size=12))
def test_one_column_text_is_unchanged(lines):
    text = "\n".join(lines)
    assert reading_order(text) == text


def test_a_numbered_line_that_wraps_on_is_no_heading():
    text = "2. HBV DNA should be measured in all\nHBsAg-positive patients and in anti-\nHBc-positive patients (B1).\n"
    assert wraps_on(text, 0, text.index("\n"))
    heading = "2. Prophylaxis\nPatients who start chemotherapy with a positive test should receive prophylaxis.\n"
    assert not wraps_on(heading, 0, heading.index("\n"))


def test_a_line_before_a_page_break_that_goes_on_is_no_heading():
    from evkg.extract.readers.columns import broken_by_page
    text = "Universal screening was cost-effective\n\nInvent J (2026) 1:1-9          2\n\nin oncology cohorts [6].\n"
    assert broken_by_page(text, text.index("\n"))
    heading = "Universal screening\n\nInvent J (2026) 1:1-9          2\n\nScreening found most carriers [6].\n"
    assert not broken_by_page(heading, heading.index("\n"))
