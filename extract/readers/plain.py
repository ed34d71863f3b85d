"""Plain text and Markdown documents."""
from __future__ import annotations

import re
from pathlib import Path

from evkg.core.model import Document, Metadata
from evkg.core.text import DOI_LABELLED, HAN, NCT, PMID, has_han
from evkg.extract.readers import detect
from evkg.extract.readers.reference_list import parse_references
from evkg.extract.readers.sections import find_sections

_COLUMN_TAG = re.compile(r"^\s*·[^·\n]{1,60}·\s*$")
# A byline under a Chinese title: names (or one organisation) separated by commas, no sentence.
_BYLINE = re.compile(rf"^[{HAN}][{HAN} ]{{1,29}}[*★]?(?:\s*[,，、]\s*[{HAN}][{HAN} ]{{1,29}}[*★]?)*$")
_MARKS = " *★☆"
_AUTHOR_SEP = re.compile(r"\s*[,，、]\s*")
# How a paper cites itself in its English abstract: `(J Intervent Radiol, 2022, 31: 1039-1044)`.
_SELF_CITATION = re.compile(r"\(([A-Z][A-Za-z .&]{2,60}?),\s*(?:19|20)\d{2}\s*,\s*\d+\s*[:：]\s*\d+")


def _is_name_list(line: str) -> bool:
    return bool(_BYLINE.match(line.strip(_MARKS)) and _AUTHOR_SEP.search(line))


# `Wang L, Chen X, Li Y` (Vancouver) or `CHEN Xiaoming, CHENG Yongde` under a Latin title.
_LATIN_BYLINE = re.compile(r"^(?:[A-Z][A-Za-z'\-]+ [A-Z]{1,3}|[A-Z]{2,}(?: [A-Z][a-z]+)+)"
                           r"(?:\s*,\s*(?:[A-Z][A-Za-z'\-]+ [A-Z]{1,3}|[A-Z]{2,}(?: [A-Z][a-z]+)+))*\.?$")
# Where a translated title runs into its byline: `... carcinoma CHEN Xiaoming, CHENG Yongde.`
_TRAILING_BYLINE = re.compile(r"\s+[A-Z]{2,}\s+[A-Z][a-z]+\s*,.*$")
_NOT_A_TITLE = re.compile(r"^(?:corresponding|doi|key ?words?|abstract|\[|【|e-?mail|fund|received)", re.I)


def _translated_title(lines: list[str], title: str) -> tuple[str, ...]:
    """A Chinese document's English title: the first long Latin line of its head."""
    if not has_han(title):
        return ()
    for ln in lines:
        latin = sum(c.isascii() and c.isalpha() for c in ln)
        if len(ln.split()) >= 5 and latin >= 0.6 * len(ln) and not _NOT_A_TITLE.match(ln) \
                and ln[0].isupper() and not re.search(r"[%=]|\d+/\d+", ln):  # not a wrapped result line
            return (_TRAILING_BYLINE.sub("", ln).strip(" ."),)
    return ()


def metadata(text: str, references_start: int | None = None) -> Metadata:
    """The document's own title, DOI, PMID, NCT id and year, read from its head (not its reference list)."""
    body = text[:references_start] if references_start else text
    head = body[:4000]
    # A journal's column tag (`·述评 Editorial·`) stands above the title.
    lines = [ln.strip(" \t\u3000#*·") for ln in head.splitlines() if not _COLUMN_TAG.match(ln)]
    lines = [ln for ln in lines if ln]
    title_at = next((i for i, ln in enumerate(lines) if len(ln) >= 6), None)
    title = lines[title_at] if title_at is not None else ""
    nxt = title_at + 1 if title_at is not None else len(lines)
    if nxt < len(lines) - 1 and _is_name_list(lines[nxt + 1]) and not _AUTHOR_SEP.search(lines[nxt]):
        title, nxt = title + lines[nxt], nxt + 1  # a title wrapped over two lines
    title = title.strip(_MARKS)
    byline = lines[nxt].strip(_MARKS) if nxt < len(lines) else ""
    authors = tuple(a.strip(_MARKS + ".") for a in _AUTHOR_SEP.split(byline) if a) \
        if _BYLINE.match(byline) or _LATIN_BYLINE.match(byline) else ()
    journal = _SELF_CITATION.search(head)
    doi = DOI_LABELLED.search(head)
    pmid = PMID.search(head)
    nct = NCT.search(body)
    year = None
    # `(2021)`, `2021, 30(8)` in a citation line, else a year inside the DOI (`.2022.11.001`).
    m = re.search(r"\((?:19|20)\d{2}\)|(?:19|20)\d{2}\s*[,，]\s*\d+\s*[(（]", head) \
        or (doi and re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", doi.group(1)))
    if m:
        year = int(re.search(r"(?:19|20)\d{2}", m.group(0)).group(0))
    return Metadata(title=title, authors=authors, journal=journal.group(1) if journal else "", doi=doi.group(1).rstrip(".") if doi else "",
                    pmid=pmid.group(1) if pmid else "", nct_id=nct.group(0) if nct else "", year=year,
                    other_titles=_translated_title(lines[nxt:40], title))


def read_plain(path: Path, text: str) -> Document:
    sections = find_sections(text)
    refs = next((s.start for s in sections if s.name == "references"), None)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype=detect.doctype(text[:refs]), sections=sections, metadata=metadata(text, refs),
                    layout="plain", references=parse_references(text, sections))
