"""Citation markers: a bracket opening a line numbers an item unless it is alone on its line. Invented text."""
from evkg.core.fold import fold_text
from evkg.core.records import Reference
from evkg.extract.text.markers import find_markers

REFS = [Reference(number=n, start=0, end=0, first_author=f"Author{n}", year=2020) for n in range(1, 7)]


def test_a_bracket_alone_on_its_line_cites_and_one_opening_an_item_does_not():
    text = ("Level of evidence\n2a\n[2, 5]\nStrong consensus (97%)\n"
            "[3] a numbered item of a list\n")
    markers = find_markers(text, fold_text(text), len(text), REFS)
    assert [m.refs for m in markers] == [(2, 5)]
