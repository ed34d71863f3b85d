"""Plain text and Markdown documents."""
from __future__ import annotations

import re
from pathlib import Path

from extract import detect
from extract.identifiers import DOI_LABELLED, NCT, PMID, YEAR
from extract.readers.sections import find_sections
from kg.model import Document, Metadata

_COLUMN_TAG = re.compile(r"^\s*·[^·\n]{1,60}·\s*$")
# A byline under a Chinese title: names (or one organisation) separated by commas, no sentence.
_BYLINE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff ]{1,29}[*★]?(?:\s*[,，、]\s*[\u4e00-\u9fff][\u4e00-\u9fff ]{1,29}[*★]?)*$")
_MARKS = " *★☆"
_AUTHOR_SEP = re.compile(r"\s*[,，、]\s*")
# How a paper cites itself in its English abstract: `(J Intervent Radiol, 2022, 31: 1039-1044)`.
_SELF_CITATION = re.compile(r"\(([A-Z][A-Za-z .&]{2,60}?),\s*(?:19|20)\d{2}\s*,\s*\d+\s*[:：]\s*\d+")


def _is_name_list(line: str) -> bool:
    return bool(_BYLINE.match(line.strip(_MARKS)) and _AUTHOR_SEP.search(line))


def metadata(text: str, references_start: int | None = None) -> Metadata:
    """The document's own title, DOI, PMID, NCT id and year, read from its head (not its reference list)."""
    body = text[:references_start] if references_start else text
    head = body[:4000]
    # A journal's column tag (`·指南与共识 Guidelines and consensus·`) stands above the title.
    lines = [ln.strip(" \t\u3000#*·") for ln in head.splitlines() if not _COLUMN_TAG.match(ln)]
    lines = [ln for ln in lines if ln]
    title_at = next((i for i, ln in enumerate(lines) if len(ln) >= 6), None)
    title = lines[title_at] if title_at is not None else ""
    nxt = title_at + 1 if title_at is not None else len(lines)
    if nxt < len(lines) - 1 and _is_name_list(lines[nxt + 1]) and not _AUTHOR_SEP.search(lines[nxt]):
        title, nxt = title + lines[nxt], nxt + 1  # a title wrapped over two lines
    title = title.strip(_MARKS)
    byline = lines[nxt].strip(_MARKS) if nxt < len(lines) else ""
    authors = tuple(a.strip(_MARKS) for a in _AUTHOR_SEP.split(byline) if a) if _BYLINE.match(byline) else ()
    journal = _SELF_CITATION.search(head)
    doi = DOI_LABELLED.search(head)
    pmid = PMID.search(head)
    nct = NCT.search(body)
    year = None
    m = re.search(r"\((?:19|20)\d{2}\)|(?:19|20)\d{2}\s*[,，]\s*\d+\s*[(（]", head) or (doi and YEAR.search(doi.group(1)))
    if m:
        year = int(YEAR.search(m.group(0)).group(1))
    return Metadata(title=title, authors=authors, journal=journal.group(1) if journal else "", doi=doi.group(1).rstrip(".") if doi else "",
                    pmid=pmid.group(1) if pmid else "", nct_id=nct.group(0) if nct else "", year=year)


def read_plain(path: Path, text: str) -> Document:
    sections = find_sections(text)
    refs = next((s.start for s in sections if s.name == "references"), None)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype=detect.doctype(text), sections=sections, metadata=metadata(text, refs),
                    layout="plain")
