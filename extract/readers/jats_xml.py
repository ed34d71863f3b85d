"""JATS XML articles (PubMed Central, `<article>`): metadata, abstract, body sections, reference list.

The document text is the raw file, so quotes are raw file text at file offsets; in a
bundle of articles (`<pmc-articleset>`) each article's document holds only its own
`<article>` element, at `Document.base` in the file.
Sections are the abstracts and the body's `<sec>`s, named from their `sec-type`
or title (a subsection without a known name belongs to its parent's), and the
`<ref-list>` as `references`. Extractors see the title, abstracts, keywords,
body and back matter through `Document.view`, with markup masked. The
reference list is read from its elements (`Document.references`), not from the text.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element

from evkg.core.errors import ReadError
from evkg.core.model import Document, Metadata, Section
from evkg.core.records import Reference
from evkg.extract.readers import detect
from evkg.extract.readers.limits import whole_number
from evkg.extract.readers.reference_list import parse_entry
from evkg.extract.readers.schema import xml as shape
from evkg.extract.readers.schema.jats_xml import ARTICLE
from evkg.extract.readers.sections import heading_name
from evkg.extract.readers.xml_spans import LocatedXml, fold_markup, local_name, text_of

LAYOUT = "jats-xml"
ROOT = "article"
BUNDLE = "pmc-articleset"
# Character-level markup: it joins the text around it instead of ending a line.
INLINE = frozenset({"italic", "bold", "sup", "sub", "sc", "underline", "monospace", "roman", "overline", "strike",
                    "xref", "ext-link", "uri", "email", "named-content", "styled-content", "abbrev",
                    "inline-formula", "inline-graphic", "surname", "given-names", "name", "string-name",
                    "person-group", "etal", "year", "article-title", "source", "volume", "issue", "fpage", "lpage",
                    "pub-id", "collab", "chapter-title", "publisher-name", "publisher-loc", "edition"})
_PROSE = ("front/article-meta/title-group", "front/article-meta/abstract", "front/article-meta/trans-abstract",
          "front/article-meta/kwd-group", "body", "back", "floats-group")
_ARTICLE_TYPES = {"review-article": "review", "systematic-review": "review", "meta-analysis": "review",
                  "practice-guideline": "guideline", "guideline": "guideline", "consensus-statement": "consensus"}
_SEC_TYPES = {"intro": "background", "introduction": "background", "background": "background",
              "materials": "methods", "methods": "methods", "subjects": "methods", "results": "results",
              "discussion": "discussion", "conclusions": "conclusions"}


def parse(text: str, path: Path) -> LocatedXml:
    xml = LocatedXml(text, path)
    if local_name(xml.root.tag) != ROOT or xml.root.find("front/article-meta") is None:
        raise ReadError(path, f"XML root is <{xml.root.tag}>, not a JATS <{ROOT}> with <front><article-meta>")
    shape.check(xml.root, ARTICLE, path)
    return xml


def read_jats_xml(path: Path, text: str) -> list[Document]:
    xml = parse(text, path)
    root, meta = xml.root, xml.root.find("front/article-meta")
    sections = []
    for abstract in (*meta.findall("abstract"), *meta.findall("trans-abstract")):
        sections.append(Section("abstract", *xml.content_span(abstract)))
        sections += _secs(xml, abstract, "abstract")
    body = root.find("body")
    if body is not None:
        sections += _secs(xml, body, "section")
    for refs in root.findall("back/ref-list"):
        sections.append(Section("references", *xml.content_span(refs), text_of(refs.find("title"))))
    title = text_of(meta.find("title-group/article-title"))
    prose = _prose(root)
    written = " ".join(text_of(e) for e in prose)
    return [Document(id=path.stem, text=text, path=str(path), language=detect.language(written or text),
                     doctype=_doctype(root.get("article-type", ""), title),
                     sections=tuple(sorted(sections, key=lambda s: s.start)), metadata=_metadata(root, meta),
                     layout=LAYOUT, references=_references(xml),
                     view=fold_markup(xml.text, [xml.element_span(e) for e in prose], INLINE))]


def read_jats_bundle(path: Path, text: str) -> list[Document]:
    """A bundle of JATS articles (`<pmc-articleset>`): one document per `<article>`, holding only
    that element's text (`Document.base` is where it starts in the file), id `<stem>-<PMID>`
    (else the PMC id, else its place in the bundle)."""
    xml = LocatedXml(text, path)
    articles = [e for e in xml.root if local_name(e.tag) == ROOT]
    if not articles:
        raise ReadError(path, f"the <{BUNDLE}> holds no JATS <{ROOT}>; nothing to ingest")
    docs = []
    for i, article in enumerate(articles, start=1):
        start, end = xml.element_span(article)
        (doc,) = read_jats_xml(path, text[start:end])
        ids = {a.get("pub-id-type", ""): text_of(a) for a in article.findall("front/article-meta/article-id")}
        key = ids.get("pmid") or ids.get("pmc") or ids.get("pmcid") or str(i)
        docs.append(replace(doc, id=f"{path.stem}-{key}", base=start))
    if len({d.id for d in docs}) != len(docs):
        raise ReadError(path, "the bundle's articles share an id (PMID or PMC id); give each article its own file")
    return docs


def _doctype(article_type: str, title: str) -> str:
    """By `article-type`; an untyped (or `other`) article by its title's wording."""
    if article_type in _ARTICLE_TYPES:
        return _ARTICLE_TYPES[article_type]
    return detect.doctype(title) if article_type in ("", "other") else "paper"


def _secs(xml: LocatedXml, parent: Element, inherited: str) -> list[Section]:
    """`<sec>`s under `parent`, each named by its type or title, else by its parent's name."""
    out = []
    for sec in parent.findall("sec"):
        title = text_of(sec.find("title"))
        kinds = [_SEC_TYPES[t] for t in re.split(r"[|\s]+", sec.get("sec-type", "").lower()) if t in _SEC_TYPES]
        name = (kinds[0] if kinds else None) or heading_name(title) or inherited
        out.append(Section(name, *xml.content_span(sec), title))
        out += _secs(xml, sec, name)
    return out


def _prose(root: Element) -> list[Element]:
    return [e for path in _PROSE for e in root.findall(path)]


def _metadata(root: Element, meta: Element) -> Metadata:
    authors = []
    for c in meta.findall("contrib-group/contrib"):
        if c.get("contrib-type", "author") != "author":
            continue
        name = c.find("name")
        if name is not None:
            given = text_of(name.find("given-names"))
            initials = name.find("given-names").get("initials", "") if name.find("given-names") is not None else ""
            initials = initials or "".join(w[0] for w in re.split(r"[\s.\-]+", given) if w)
            authors.append(" ".join(x for x in (text_of(name.find("surname")), initials.upper()) if x))
        elif (collab := text_of(c.find("collab"))):
            authors.append(collab)
    years = [text_of(d.find("year")) for d in meta.findall("pub-date")]
    year = next((int(y) for y in years if re.fullmatch(r"(?:19|20)\d{2}", y)), None)
    ids = {a.get("pub-id-type", ""): text_of(a) for a in meta.findall("article-id")}
    journal = root.find("front/journal-meta")
    title = "" if journal is None else \
        text_of(journal.find("journal-title-group/journal-title")) or text_of(journal.find("journal-title"))
    return Metadata(title=text_of(meta.find("title-group/article-title")).rstrip("."), authors=tuple(authors),
                    journal=title, year=year, doi=ids.get("doi", ""), pmid=ids.get("pmid", ""),
                    other_titles=tuple(t for e in meta.findall("title-group/trans-title-group/trans-title")
                                       if (t := text_of(e))))


def _references(xml: LocatedXml) -> tuple[Reference, ...]:
    """The `<ref>`s of the reference list: tagged fields where the citation has them, else its text parsed."""
    out = []
    for i, ref in enumerate(xml.root.findall("back/ref-list/ref"), start=1):
        cite = next((c for c in ref if local_name(c.tag) in ("mixed-citation", "element-citation", "citation")), None)
        if cite is None:
            continue
        label = re.search(r"\d+", text_of(ref.find("label")))
        number = whole_number(label.group(0)) if label else None
        number = i if number is None else number
        start, end = xml.content_span(cite)
        parsed = parse_entry(number, start, end, text_of(cite))
        out.append(_tagged(parsed, cite))
    return tuple(out)


def _tagged(parsed: Reference, cite: Element) -> Reference:
    """The parsed entry with the fields the citation tags itself (`<surname>`, `<year>` ...) put first."""
    names = [" ".join(x for x in (text_of(n.find("surname")), text_of(n.find("given-names"))) if x)
             for n in cite.iter("name")]
    collab = text_of(cite.find(".//collab"))
    year = re.search(r"(?:19|20)\d{2}", text_of(cite.find(".//year")))
    ids = {p.get("pub-id-type", ""): text_of(p) for p in cite.iter("pub-id")}
    fields = {"first_author": text_of(next(cite.iter("surname"), None)) or collab or parsed.first_author,
              "authors": ", ".join(names) or collab or parsed.authors,
              "year": int(year.group(0)) if year else parsed.year,
              "title": text_of(cite.find("article-title")) or parsed.title,
              "journal": text_of(cite.find("source")) or parsed.journal,
              "volume": text_of(cite.find("volume")) or parsed.volume,
              "doi": ids.get("doi", parsed.doi), "pmid": ids.get("pmid", parsed.pmid)}
    return Reference(**{**parsed.__dict__, **fields})
