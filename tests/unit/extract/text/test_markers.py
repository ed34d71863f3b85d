"""Citation markers (invented text): author-year citations resolved to the reference list; a bracket opening
a line numbers an item unless it is alone on its line."""
from evkg.core.fold import fold_text
from evkg.core.records import Reference
from evkg.extract.text.markers import find_markers


def _ref(number: int, author: str, year: int) -> Reference:
    return Reference(number=number, start=0, end=0, first_author=author, year=year)


REFS = [_ref(1, "Aldous", 2010), _ref(2, "Brent", 2020), _ref(3, "Brent", 2023),
        _ref(4, "Northern Chest Society Pleural Group (invented)", 2023), _ref(5, "Quill", 2000),
        _ref(6, "Northern Heart Foundation", 2023)]


def cited(text: str) -> list[tuple[int, ...]]:
    return [m.refs for m in find_markers(text, fold_text(text), len(text), REFS)]


def test_author_year_over_a_wrapped_line_and_two_papers_of_one_author():
    text = "Drainage helped (Brent et al, 2020), and later (Brent et\nal, 2023; Quill and\nRowe, 2000).\n"
    assert cited(text) == [(2,), (3, 5)]


def test_an_organisation_cited_by_the_start_of_its_name():
    assert cited("Guidance supports drainage (Northern Chest\nSociety, 2023).\n") == [(4,)]


def test_an_organisation_name_that_fits_two_entries_or_none_is_not_resolved():
    assert cited("Guidance differs (Northern, 2023) and (Southern Chest Society, 2023).\n") == []


def test_a_parenthetical_does_not_run_over_a_blank_line():
    assert cited("As shown (see below\n\nBrent et al, 2020) here.\n") == []


def test_further_years_of_one_author_in_one_item():
    assert cited("Drainage helped (Brent et al, 2020, 2023).\n") == [(2, 3)]


def test_a_bracket_alone_on_its_line_cites_and_one_opening_an_item_does_not():
    text = ("Level of evidence\n2a\n[2, 5]\nStrong consensus (97%)\n"
            "[3] a numbered item of a list\n")
    assert cited(text) == [(2, 5)]
