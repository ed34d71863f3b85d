"""Stage: PDF text layers (readers/pdf.py). The reader hands over the pages' text joined by form
feeds and where each page starts, so any offset has its page."""
from pathlib import Path

import pytest

from evkg.core.errors import ReadError
from evkg.extract.readers.pdf import PAGE_BREAK, page_starts, read_pdf
from helpers.pdf import make_pdf

PAGES = [["An invented study of TACE: a retrospective study", "Methods: 60 patients were analysed."],
         ["Results: The ORR was 45.0% (27/60).", "References", "1. Doe J. An invented trial. J Demo. 2019;7:1-9."]]


def test_a_pdf_hands_over_its_text_pages_and_reference_list():
    doc = read_pdf(Path("paper.pdf"), make_pdf(PAGES))
    assert (doc.id, doc.layout, doc.doctype) == ("paper", "pdf", "paper")
    assert doc.text.count(PAGE_BREAK) == 1 and doc.pages == (0, doc.text.index(PAGE_BREAK) + 1)
    assert doc.page_of(doc.text.index("Methods")) == 1 and doc.page_of(doc.text.index("Results")) == 2
    assert doc.wrapped and doc.view is None and doc.record is None
    assert [(r.number, r.first_author, r.year) for r in doc.references] == [(1, "Doe", 2019)]


def test_page_starts():
    assert page_starts("a") == (0,) and page_starts("ab\fc\fd") == (0, 3, 5)


@pytest.mark.parametrize("raw, reason", [(b"not a pdf", "no %PDF- header"),
                                         (make_pdf([[]]), "no text layer"),
                                         (b"%PDF-1.4\n garbage", "damaged or unreadable PDF")])
def test_a_file_that_gives_no_text_is_a_read_error(raw, reason):
    with pytest.raises(ReadError, match=reason):
        read_pdf(Path("bad.pdf"), raw)
