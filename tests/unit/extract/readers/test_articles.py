"""Articles as PubMed XML, JATS XML and PDF: metadata, sections, and facts whose quotes are raw file text."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from evkg.core.errors import ReadError
from evkg.core.namespace import EVKG
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document, read_documents
from evkg.extract.text.context import Context
from evkg.kg.graph.rdf import fact_triples
from helpers.corpus import FIXTURES
from helpers.pdf import PAPER_PAGES, make_pdf

ARTICLES_FIXTURES = FIXTURES / "articles"


@pytest.fixture(scope="module")
def run() -> Context:
    return Context()


def facts_of(doc, run, kind=None):
    found = extract_facts(doc, run)
    for f in found:
        assert f.provenance.quote == doc.text[f.provenance.start:f.provenance.end]
    return [f for f in found if kind is None or f.kind == kind]


# --- PubMed ---------------------------------------------------------------------------------------------

def test_pubmed_set_gives_one_document_per_article_with_metadata():
    a, b = read_documents(ARTICLES_FIXTURES / "pubmed_two.xml")
    assert (a.id, b.id) == ("pubmed_two-90000001", "pubmed_two-90000002")
    assert a.layout == "pubmed-xml" and a.doctype == "paper" and b.doctype == "review"
    md = a.metadata
    assert md.title.startswith("Chemoembolization plus lenvatinib") and not md.title.endswith(".")
    assert md.authors == ("Example AB", "Sample C")
    assert (md.journal, md.year, md.doi, md.pmid) == ("J Demo Oncol", 2023, "10.9999/evkg.fixture.2023.101", "90000001")
    assert b.metadata.year == 2021 and b.metadata.authors == ("Demo Liver Study Group",)
    names = [s.name for s in a.sections]
    assert names == ["title", "abstract", "background", "methods", "results", "conclusions"]
    assert a.text[a.section("results").start:].startswith("The objective response rate")


def test_pubmed_single_article_is_named_by_the_file(tmp_path):
    text = (ARTICLES_FIXTURES / "pubmed_two.xml").read_text(encoding="utf-8")
    one = text[:text.index("  <PubmedArticle>", text.index("</PubmedArticle>"))] + "</PubmedArticleSet>\n"
    path = tmp_path / "one.xml"
    path.write_text(one, encoding="utf-8")
    assert read_document(path).id == "one"


def test_pubmed_facts_come_from_the_article_prose_only(run):
    a, b = read_documents(ARTICLES_FIXTURES / "pubmed_two.xml")
    facts = facts_of(a, run)
    assert {f.name for f in facts if f.kind == "drug"} == {"lenvatinib"}  # MeSH `Sorafenib` is no prose
    assert [f.value for f in facts if f.kind == "sample_size"] == [88]
    orr = [(f.value, f.n, f.total) for f in facts if f.kind == "outcome" and f.name == "ORR"]
    assert (62.5, 25, 40) in orr
    # The second article's facts stay in its own document.
    assert not any(f.value == 41.0 for f in facts)
    assert [f.value for f in facts_of(b, run, "outcome")] == [41.0]


# --- JATS -----------------------------------------------------------------------------------------------

def test_jats_metadata_and_sections():
    doc = read_document(ARTICLES_FIXTURES / "jats_article.xml")
    md = doc.metadata
    assert doc.layout == "jats-xml" and doc.doctype == "paper" and doc.language == "en"
    assert md.authors == ("Garcia ML", "Lopez R")  # the editor is no author
    assert (md.year, md.doi, md.pmid, md.journal) == (2022, "10.9999/evkg.fixture.2022.007", "90000003",
                                                      "Demonstration Interventional Oncology")
    by_title = {s.title: s.name for s in doc.sections}
    # `Treatment` has no name of its own and belongs to the methods section it sits in.
    assert by_title["Introduction"] == "background" and by_title["Treatment"] == "methods"
    assert by_title["References"] == "references"


def test_jats_references_read_from_their_elements(run):
    doc = read_document(ARTICLES_FIXTURES / "jats_article.xml")
    refs = {f.ref: f for f in facts_of(doc, run, "reference")}
    assert {k: (f.name, f.value) for k, f in refs.items()} == {"1": ("Novak", 2019), "2": ("Kim", 2020),
                                                               "3": ("Rossi", 2018)}
    assert refs["2"].detail("doi") == "10.9999/evkg.fixture.2020.002"
    assert refs["3"].detail("journal") == "Demo Pharmacol"


def test_jats_markup_is_masked_but_quotes_are_raw(run):
    doc = read_document(ARTICLES_FIXTURES / "jats_article.xml")
    facts = facts_of(doc, run)
    doses = {(f.name, f.value, f.unit): f.provenance.quote for f in facts if f.kind == "dose"}
    # The quote runs to the end of the superscript, tags included.
    assert doses[("oxaliplatin", 130, "mg/m2")] == "oxaliplatin 130 mg/m<sup>2</sup>"
    hr = next(f for f in facts if f.kind == "outcome" and f.unit == "HR")
    # `0.45&#x2013;0.75` and `&lt;0.001` are read as their characters.
    assert (hr.value, hr.detail("ci_low"), hr.detail("ci_high"), hr.detail("p_value")) == (
        0.58, "0.45", "0.75", "<0.001")


# --- PDF ------------------------------------------------------------------------------------------------

def test_pdf_text_layer_pages_and_facts(tmp_path, run):
    path = tmp_path / "paper.pdf"
    path.write_bytes(make_pdf(PAPER_PAGES))
    doc = read_document(path)
    assert doc.layout == "pdf" and doc.text.count("\f") == 1
    assert doc.page_of(doc.text.index("Methods")) == 1 and doc.page_of(doc.text.index("Results")) == 2
    facts = facts_of(doc, run)
    assert [f.value for f in facts if f.kind == "sample_size"] == [60]
    orr = next(f for f in facts if f.kind == "outcome" and f.name == "ORR")
    assert (orr.value, orr.n, orr.total) == (55.0, 33, 60)
    pages = {f.name or f.kind: o for f in facts for _, p, o in fact_triples(f) if p == EVKG.page}
    assert pages["ORR"].toPython() == 2 and pages["sample_size"].toPython() == 1


def _encrypted() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PAPER_PAGES))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_XML = [
    ('<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY x "boom">]><PubmedArticleSet>&x;</PubmedArticleSet>',
     "refused for safety"),
    ('<!DOCTYPE article SYSTEM "http://example.org/jats.dtd"><article><front><article-meta/></front></article>',
     "refused for safety"),
    ("<PubmedArticleSet></PubmedArticleSet>", "holds no <PubmedArticle>"),
    ("<article><body/></article>", "not a JATS"),
    ("<PubmedArticleSet><PubmedArticle></PubmedArticleSet>", "malformed XML"),
    ("<rss><channel/></rss>", "PubMed <PubmedArticleSet> or a JATS <article>"),
]
BAD_PDF = [
    (lambda: make_pdf(PAPER_PAGES)[:200], "damaged or unreadable PDF"),
    (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 4, "damaged or unreadable PDF"),
    (lambda: b"hello, not a pdf", "not a PDF"),
    (lambda: make_pdf([[]]), "no text layer"),
    (_encrypted, "encrypted"),
]


@pytest.mark.parametrize("suffix,content,reason", [(".xml", lambda x=x: x.encode(), r) for x, r in BAD_XML]
                         + [(".pdf", c, r) for c, r in BAD_PDF])
def test_bad_articles_raise_read_error_naming_the_file(tmp_path, suffix, content, reason):
    """Hostile XML (DTD, entities), other XML, and encrypted, damaged or scanned PDFs."""
    path = (tmp_path / "bad").with_suffix(suffix)
    path.write_bytes(content())
    with pytest.raises(ReadError, match=reason) as e:
        read_documents(path)
    assert str(path) in str(e.value)
