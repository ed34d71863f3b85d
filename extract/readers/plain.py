"""Plain text and Markdown documents."""
from __future__ import annotations

import re
from pathlib import Path

from evkg.core.model import Document, Metadata
from evkg.core.text import DOI_LABELLED, HAN, NCT, PMID, has_han
from evkg.extract.readers import detect
from evkg.extract.readers.columns import reading_order
from evkg.extract.readers.reference_list import parse_references
from evkg.extract.readers.sections import find_sections

_COLUMN_TAG = re.compile(r"^\s*·[^·\n]{1,60}·\s*$")
# A byline under a Chinese title: names (or one organisation) separated by commas, no sentence.
_BYLINE = re.compile(rf"^[{HAN}][{HAN} ]{{1,29}}[*★]?(?:\s*[,，、]\s*[{HAN}][{HAN} ]{{1,29}}[*★]?)*$")
_MARKS = " *★☆"
_AUTHOR_SEP = re.compile(r"\s*[,，、]\s*")
# How a paper cites itself in its English abstract: `(J Rural Med Res, 2021, 17: 215-221)`.
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


# A title printed after a field label (`TITLE:` on its own line, `Title: …`, `题目：…`).
_TITLE_LABEL = re.compile(r"^(?:title|标题|题目|文题)\s*[:：]\s*", re.I)
# A PDF's running head or footer above the title: columns set apart by wide gaps, a volume and issue.
_RUNNING_HEAD = re.compile(r"\S[ \t\u3000]{4,}\S|\bvol\.?\s*\d+\s*,?\s*no\.?\s*\d+|^\d{1,4}$", re.I)
_WRAPPED_TITLE_MIN = 40  # a title line this long that ends without a stop may go on on the next line
_TITLE_STOP = re.compile(r"[.。:：?？!！]$")


def _title_lines(head: str) -> tuple[list[str], int | None]:
    """The head's non-blank lines (stripped; column tags and running heads dropped, a blank line kept as "")
    and the index of the title line."""
    lines = []
    for raw in head.splitlines():
        if _COLUMN_TAG.match(raw) or (not lines and _RUNNING_HEAD.search(raw.strip())):
            continue  # a journal's column tag (`·述评 Editorial·`) or running head stands above the title
        lines.append(raw.strip(" \t\u3000#*·"))
    for i, ln in enumerate(lines):
        label = _TITLE_LABEL.match(ln)
        if label and not ln[label.end():].strip():
            # `TITLE:` alone: the title is the next non-blank line
            return lines, next((j for j in range(i + 1, len(lines)) if lines[j]), None)
        if label:
            lines[i] = ln[label.end():].strip()
        if len(lines[i]) >= 6:
            return lines, i
    return lines, None


def _unwrapped_title(lines: list[str], at: int) -> tuple[str, int]:
    """The title line joined with the lines a PDF wrapped it onto (no blank line between, no byline,
    each shorter than the line before); returns it and the index of its last line."""
    title = lines[at]
    while (at + 1 < len(lines) and lines[at + 1] and len(lines[at]) >= _WRAPPED_TITLE_MIN
           and not _TITLE_STOP.search(lines[at]) and len(lines[at + 1]) <= len(lines[at])
           and not has_han(title) and not re.search(r"[,，、;；\d]", lines[at + 1])
           and not _LATIN_BYLINE.match(lines[at + 1]) and not _NOT_A_TITLE.match(lines[at + 1])):
        at += 1
        title = f"{title} {lines[at]}"
    return title, at


def metadata(text: str, references_start: int | None = None) -> Metadata:
    """The document's own title, DOI, PMID, NCT id and year, read from its head (not its reference list)."""
    body = text[:references_start] if references_start else text
    head = body[:4000]
    raw_lines, title_at = _title_lines(head)
    title, last = _unwrapped_title(raw_lines, title_at) if title_at is not None else ("", len(raw_lines))
    # The lines after the title, blank ones dropped (a byline may follow a blank line).
    lines = [title] + [ln for ln in raw_lines[last + 1:] if ln]
    title_at = 0 if title else None
    nxt = 1 if title else len(lines)
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
    return Metadata(title=title, authors=authors, journal=journal.group(1) if journal else "",
                    doi=doi.group(1).rstrip(".") if doi else "",
                    pmid=pmid.group(1) if pmid else "", nct_id=nct.group(0) if nct else "", year=year,
                    other_titles=_translated_title(lines[nxt:40], title))


_PARAGRAPH_LINE = 300


def paragraph_lines(text: str) -> bool:
    """Whether the text holds a paragraph per line, so a line break ends a paragraph or a table cell and
    never wraps one: the PubMed Central text layout (`TITLE:` first, one paragraph or cell a line), or
    nearly all of it in lines longer than a page is wide (a PDF's text keeps page furniture between the
    lines of one paragraph, and is left to join them)."""
    if re.match(r"\s*TITLE:[ \t]*\n", text):
        return True
    long = sum(len(line) for line in text.splitlines() if len(line) > _PARAGRAPH_LINE)
    return long > 0.8 * len(text)


def read_plain(path: Path, text: str) -> Document:
    text = reading_order(text)  # two-column page text, column by column
    sections = find_sections(text)
    refs = next((s.start for s in sections if s.name == "references"), None)
    md = metadata(text, refs)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype=detect.doctype(text[:refs], md.title), sections=sections, metadata=md,
                    layout="plain", references=parse_references(text, sections), wrapped=not paragraph_lines(text))
