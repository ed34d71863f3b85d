import pytest

from evkg.core.errors import ModelError, SpanError
from evkg.core.model import Document, Fact, Provenance

DOC = Document(id="d", text="  ORR 为 16.7%（4/24）。\n")


def test_provenance_quote_is_the_span_text():
    prov = DOC.span(0, len(DOC.text)).provenance("x", "1")
    assert prov.quote == DOC.text[prov.start:prov.end]
    assert prov.quote == "ORR 为 16.7%（4/24）。"  # whitespace trimmed, offsets moved with it


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 2), (0, 999)])
def test_span_outside_text_is_refused(start, end):
    with pytest.raises(SpanError):
        DOC.span(start, end)


def test_a_quote_loses_leading_bullets_and_formula_marks_but_a_number_keeps_its_sign():
    doc = Document(id="s", text="- =ORR 45%\n -4.1 \n-4.1 (95% CI -6.0 to -2.2)\n")
    quotes = [doc.span(a, b).provenance("x", "1").quote for a, b in ((0, 10), (11, 17), (18, 44))]
    assert quotes == ["ORR 45%", "-4.1", "4.1 (95% CI -6.0 to -2.2)"]


def test_empty_span_cannot_be_provenance():
    with pytest.raises(SpanError):
        DOC.span(0, 2).provenance("x", "1")


def test_provenance_needs_a_span():
    with pytest.raises(ModelError):
        Provenance("ORR", "x", "1")


def test_fact_validates_kind_and_role():
    prov = DOC.span(2, 5).provenance("x", "1")
    assert Fact("endpoint", prov, name="ORR", role="primary").doc_id == "d"
    with pytest.raises(ModelError):
        Fact("opinion", prov)
    with pytest.raises(ModelError):
        Fact("endpoint", prov, role="main")


def test_document_is_immutable():
    with pytest.raises(AttributeError):
        DOC.text = "changed"
