"""Stage: PubMed XML (readers/pubmed_xml.py). Each article hands over its metadata, sections and the
matching view of its prose (title, abstracts, keywords) with the markup masked."""
from pathlib import Path

import pytest

from evkg.core.errors import ReadError
from evkg.extract.readers.pubmed_xml import read_pubmed_xml


def article(pmid: str, title: str, types: str = "Journal Article") -> str:
    return f"""  <PubmedArticle>
    <MedlineCitation>
      <PMID>{pmid}</PMID>
      <Article>
        <Journal><Title>Journal of Invented Oncology</Title><ISOAbbreviation>J Invent Oncol</ISOAbbreviation>
          <JournalIssue><PubDate><Year>2023</Year></PubDate></JournalIssue></Journal>
        <ArticleTitle>{title}.</ArticleTitle>
        <ELocationID EIdType="doi">10.9999/demo.{pmid}</ELocationID>
        <Abstract>
          <AbstractText Label="METHODS" NlmCategory="METHODS">We analysed 60 patients.</AbstractText>
          <AbstractText Label="RESULTS" NlmCategory="RESULTS">The ORR was 45.0% with 5 mg/m<sup>2</sup>.</AbstractText>
        </Abstract>
        <AuthorList><Author><LastName>Example</LastName><Initials>AB</Initials></Author></AuthorList>
        <PublicationTypeList><PublicationType>{types}</PublicationType></PublicationTypeList>
      </Article>
    </MedlineCitation>
  </PubmedArticle>
"""


def pubmed(*articles: str) -> str:
    return '<?xml version="1.0"?>\n<PubmedArticleSet>\n' + "".join(articles) + "</PubmedArticleSet>\n"


def test_one_article_hands_over_metadata_sections_and_a_view_of_its_prose_only():
    text = pubmed(article("90000101", "TACE plus an invented drug"))
    (doc,) = read_pubmed_xml(Path("one.xml"), text)
    assert (doc.id, doc.layout, doc.doctype, doc.base, doc.text) == ("one", "pubmed-xml", "paper", 0, text)
    md = doc.metadata
    assert (md.title, md.authors, md.journal, md.year, md.doi, md.pmid) == (
        "TACE plus an invented drug", ("Example AB",), "J Invent Oncol", 2023, "10.9999/demo.90000101", "90000101")
    assert [s.name for s in doc.sections] == ["title", "abstract", "methods", "results"]
    assert doc.references == () and doc.record is None and doc.pages == ()
    view = doc.view
    assert "tace plus an invented drug" in view.key and "the orr was 45.0% with 5 mg/m^2." in view.key
    assert "journal" not in view.key and "90000101" not in view.key  # metadata is no prose
    k = view.key.index("45.0%")
    start, end = view.span(k, k + 5)
    assert text[start:end] == "45.0%"


def test_a_set_hands_over_one_document_per_article_each_holding_its_own_slice():
    text = pubmed(article("90000102", "First invented trial"), article("90000103", "An invented review", "Review"))
    a, b = read_pubmed_xml(Path("set.xml"), text)
    assert (a.id, b.id, b.doctype) == ("set-90000102", "set-90000103", "review")
    assert text[b.base:b.base + len(b.text)] == b.text and b.text.startswith("<PubmedArticle>")
    assert "an invented review" in b.view.key and "first invented trial" not in b.view.key


def test_repeated_pmids_or_other_roots_are_read_errors():
    with pytest.raises(ReadError, match="PMIDs are missing or repeated"):
        read_pubmed_xml(Path("dup.xml"), pubmed(article("1", "A"), article("1", "B")))
    with pytest.raises(ReadError, match="not a PubMed"):
        read_pubmed_xml(Path("x.xml"), "<other/>")
