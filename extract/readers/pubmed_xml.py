"""PubMed / MEDLINE XML (`<PubmedArticleSet>`): one document per `<PubmedArticle>`.

The document text is raw file text, so quotes are raw file text. Sections are the
article's title, its abstract and the abstract's labelled parts
(`<AbstractText Label="METHODS">`). Extractors see only the article's prose
(title, abstracts, keywords) through `Document.view`, with markup masked. A file
with one article gives the id `<stem>` and holds the whole file; a file with several
gives one document per article, id `<stem>-<PMID>`, whose text is only that
`<PubmedArticle>` element (`Document.base` is where it starts in the file), so reading
and extracting an article costs the same in a set of 25 or of 1,000.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from evkg.core.errors import ReadError
from evkg.core.model import Document, Metadata, Section
from evkg.extract.readers import detect
from evkg.extract.readers.schema import xml as shape
from evkg.extract.readers.schema.pubmed_xml import ARTICLE_SET
from evkg.extract.readers.sections import heading_name
from evkg.extract.readers.xml_spans import LocatedXml, fold_markup, text_of

LAYOUT = "pubmed-xml"
ROOT = "PubmedArticleSet"
# Character-level markup PubMed allows inside titles and abstracts.
INLINE = frozenset({"i", "b", "u", "sup", "sub"})
_PROSE = ("MedlineCitation/Article/ArticleTitle", "MedlineCitation/Article/VernacularTitle",
          "MedlineCitation/Article/Abstract", "MedlineCitation/OtherAbstract", "MedlineCitation/KeywordList")
# Publication types that make an article something other than a research paper, most specific first.
_DOCTYPES = (("consensus", ("consensus development conference", "consensus development conference, nih")),
             ("guideline", ("practice guideline", "guideline")),
             ("review", ("review", "systematic review", "meta-analysis")))


def parse(text: str, path: Path) -> tuple[LocatedXml, list[Element]]:
    """The parsed file and its articles; ReadError when it is no PubMed article set."""
    xml = LocatedXml(text, path)
    if xml.root.tag != ROOT:
        raise ReadError(path, f"XML root is <{xml.root.tag}>, not a PubMed <{ROOT}>")
    articles = xml.root.findall("PubmedArticle")
    if not articles:
        raise ReadError(path, f"the <{ROOT}> holds no <PubmedArticle>; nothing to ingest")
    shape.check(xml.root, ARTICLE_SET, path)
    return xml, articles


def _pmid(article: Element) -> str:
    return text_of(article.find("MedlineCitation/PMID"))


def read_pubmed_xml(path: Path, text: str) -> list[Document]:
    xml, articles = parse(text, path)
    pmids = [_pmid(a) for a in articles]
    if len(articles) > 1 and (not all(pmids) or len(set(pmids)) != len(pmids)):
        raise ReadError(path, "the file holds several articles but their PMIDs are missing or repeated; "
                              "give each article its own file")
    if len(articles) == 1:
        return [_document(xml, articles[0], path.stem)]
    docs = []
    for article, pmid in zip(articles, pmids):
        start, end = xml.element_span(article)
        record = LocatedXml(text[start:end], path)
        docs.append(_document(record, record.root, f"{path.stem}-{pmid}", base=start))
    return docs


def _document(xml: LocatedXml, article: Element, doc_id: str, base: int = 0) -> Document:
    art = article.find("MedlineCitation/Article")
    if art is None:
        raise ReadError(xml.path, f"PubmedArticle {_pmid(article) or '(no PMID)'} has no <Article>")
    sections = []
    if (title := art.find("ArticleTitle")) is not None:
        sections.append(Section("title", *xml.content_span(title)))
    for abstract in (art.find("Abstract"), *article.findall("MedlineCitation/OtherAbstract")):
        if abstract is None:
            continue
        sections.append(Section("abstract", *xml.content_span(abstract)))
        for part in abstract.findall("AbstractText"):
            label = part.get("Label", "")
            name = heading_name(part.get("NlmCategory", "")) or heading_name(label)
            if name:
                sections.append(Section(name, *xml.content_span(part), label))
    prose = _prose(article)
    written = " ".join(text_of(e) for e in prose)
    return Document(id=doc_id, text=xml.text, path=str(xml.path), language=detect.language(written or xml.text),
                    doctype=_doctype(article), sections=tuple(sorted(sections, key=lambda s: s.start)),
                    metadata=_metadata(article, art), layout=LAYOUT, base=base, references=(),
                    view=fold_markup(xml.text, [xml.element_span(e) for e in prose], INLINE))


def _prose(article: Element) -> list[Element]:
    return [e for path in _PROSE for e in article.findall(path)]


def _doctype(article: Element) -> str:
    types = {text_of(t).lower() for t in article.findall("MedlineCitation/Article/PublicationTypeList/PublicationType")}
    return next((name for name, written in _DOCTYPES if types & set(written)), "paper")


def _metadata(article: Element, art: Element) -> Metadata:
    authors = []
    for a in art.findall("AuthorList/Author"):
        name = " ".join(x for x in (text_of(a.find("LastName")), text_of(a.find("Initials"))) if x)
        authors.append(name or text_of(a.find("CollectiveName")))
    journal = art.find("Journal")
    year = None
    for date in ("Journal/JournalIssue/PubDate/Year", "Journal/JournalIssue/PubDate/MedlineDate", "ArticleDate/Year"):
        m = re.search(r"(?:19|20)\d{2}", text_of(art.find(date)))
        if m:
            year = int(m.group(0))
            break
    ids = article.findall("PubmedData/ArticleIdList/ArticleId")
    doi = next((text_of(e) for e in art.findall("ELocationID") if e.get("EIdType") == "doi"), "") or \
        next((text_of(e) for e in ids if e.get("IdType") == "doi"), "")
    return Metadata(title=text_of(art.find("ArticleTitle")).rstrip("."), authors=tuple(a for a in authors if a),
                    journal=text_of(journal.find("ISOAbbreviation")) or text_of(journal.find("Title"))
                    if journal is not None else "",
                    year=year, doi=doi, pmid=_pmid(article),
                    other_titles=tuple(t for e in art.findall("VernacularTitle") if (t := text_of(e).rstrip("."))))

