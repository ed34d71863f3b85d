"""Reference lists: entries with their spans, split into authors, title, journal, year ...

Vancouver style (GB/T 7714 in Chinese journals: `[J]`, `[M]` tags, `et al` / `等`)
and author-year lists. An entry's span covers everything it was printed over,
wrapped lines and page-break debris included; its fields are read from a
cleaned copy without the debris.

A document may print several lists (one per chapter or section, each numbered from 1):
every section named `references` holds one, and a list ends at its last entry, so the
chapter after it is body text again (`reference_zones`). A citation belongs to the list
that follows it (`list_index`). Numbers may skip an entry (a list with a gap goes on),
and a number may be glued to the first author (`12Smith AB, …`) as PDF text leaves it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate

from evkg.core.model import Document, Section
from evkg.core.records import Reference
from evkg.core.text import DOI, HAN, PMID, YEAR, has_han

# `[12]`, `［12］`, `12.`, `12)`, `(12)` at the start of a line, after an optional list bullet.
_ENTRY_START = re.compile(r"^[ \t\u3000]*(?:[-•·*][ \t]+)?"
                          r"(?:[\[［](\d{1,3})[\]］]|(\d{1,3})[.．、)）](?=\s)|[(（](\d{1,3})[)）])",
                          re.M)
# A surname particle in lower case (`van der Berg JA`, `von Stetten Y`) may open an entry too.
_PARTICLE_NAME = r"[a-z]{1,4}(?: [a-z]{1,4})? [A-Z][A-Za-z'’\-]+ [A-Z]{1,4}\b"
_BARE_ENTRY_START = re.compile(rf"^[ \t\u3000]*(\d{{1,3}})[ \t]+(?=[A-Z{HAN}]|{_PARTICLE_NAME})", re.M)
# `12Huang BAN, Kowalski WD, …`: the number glued to a surname and its initials (a PDF's dropped superscript).
_GLUED_ENTRY_START = re.compile(r"^[ \t\u3000]*(\d{1,3})(?=[A-Z][A-Za-z'’\-]+ [A-Z]{1,4}\b[,.])", re.M)
_FEW = 3
_MAX_GAP = 5  # a list may skip this many numbers (an entry lost at a page break) and go on
# Running heads, footers and page numbers a PDF leaves between two lines of one entry.
_DEBRIS = re.compile(r"^\s*(?:[·•]\s*\d{1,4}\s*[·•].*|\d{1,4}|.*第\s*\d+\s*卷\s*第\s*\d+\s*期.*"
                     r"|.*\bVol\.\s*\d+\s*,\s*No\.\s*\d+.*)\s*$")
# After the last entry: the end-of-article notes (received date, editor, next article).
_COMPLETE = re.compile(r"(?:[.。]\**|\bPMID\s*[:：]?\s*\d+|\b10\.\d{4,9}/\S+)\s*$", re.I)
# Identifiers printed on their own line after a complete entry still belong to it.
_IDENTIFIER_LINE = re.compile(r"\s*(?:doi\b|pmid\b|pmcid\b|https?://)", re.I)
# No leading `\s*`: searched, it would scan every run of spaces to its end at each of its offsets.
_TYPE_TAG = re.compile(r"\[\s*([A-Z]{1,2}(?:\s*/\s*[A-Z]{2})?)\s*\]\s*[.．]?\s*")
_APA_HEAD = re.compile(r"^(?P<authors>[^()]{2,300}?)\s*[(（](?P<year>(?:19|20)\d{2})[a-z]?[)）]\s*[.．]?\s*")
# Authors end with a full stop (`。` in 繁體 lists); Chinese ones in Taiwan style may end with a colon before the
# title (`陳怡君、林志明：題名。`).
_AUTHORS_END = re.compile(rf"(?<=\S)[.．。](?=\s|[^\x00-\x7f]|[A-Z]|$)|(?<=[{HAN}])[:：](?=\s*[{HAN}])")
_VOLUME_PAGES = re.compile(r"[,;，；]?\s*(?P<volume>\d+)\s*(?:[(（](?P<issue>[^)）]*)[)）])?\s*[:：,]\s*"
                           r"(?P<pages>[A-Za-z]?\d[\w\-–.]*)")
_TITLE_AFTER_AUTHORS = re.compile(rf"[.．。]\s*[{HAN}]")  # Chinese authors end with a full stop; a title follows
_ET_AL = re.compile(r"[,，]?\s*(?:et\s*al\.?|等)\s*$", re.I)
_INITIALS = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z][a-z]?\.-?\s?){1,3})$")
_HAN_GAP = re.compile(rf"(?<=[{HAN}])\s+(?=[{HAN}])")
_AUTHOR_SEP = re.compile(r"\s*[,，、;；]\s*|\s+(?:and|&)\s+")


def reference_list(doc: Document) -> list[Reference]:
    """The entries of the document's reference list, in order: those its reader handed over, else
    (a Document built by hand) those of its references section."""
    if doc.references is not None:
        return list(doc.references)
    return list(parse_references(doc.text, doc.sections))


def parse_references(text: str, sections: tuple[Section, ...]) -> tuple[Reference, ...]:
    """The entries of every section named `references`, list after list (none without one)."""
    return tuple(r for s in sections if s.name == "references" for r in _parse_section(text, s.start, s.end))


def reference_zones(doc: Document) -> tuple[tuple[int, int], ...]:
    """(start, end) of each reference list: from its heading to its last entry; the last list runs to the
    end of the text (what follows it is end matter). Text outside the zones is the body."""
    refs = sorted((r.start, r.end) for r in reference_list(doc))  # each list's entries by bisection
    starts = [a for a, _ in refs]
    heads = [s for s in doc.sections if s.name == "references"]
    zones = []
    for i, s in enumerate(heads):
        entries = [b for _, b in refs[bisect_left(starts, s.start):bisect_left(starts, s.end)]]
        last = i == len(heads) - 1
        zones.append((s.start, len(doc.text) if last else max(entries) if entries else s.end))
    return tuple(zones)


def body_end(doc: Document) -> int:
    """Where the body ends: the start of the last reference list (the end of the text without one)."""
    zones = reference_zones(doc)
    return zones[-1][0] if zones else len(doc.text)


def in_zone(zones: tuple[tuple[int, int], ...], offset: int) -> bool:
    return any(a <= offset < b for a, b in zones)


def zone_test(zones: tuple[tuple[int, int], ...]) -> Callable[[int], bool]:
    """`in_zone(zones, offset)` for many offsets, by bisection: the zones by start with the furthest
    end reached so far (a pass over every zone per offset is quadratic in a text of many lists)."""
    ordered = sorted(zones)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and reach[i] > offset
    return inside


def list_index(zones: tuple[tuple[int, int], ...], offset: int) -> int:
    """The list a citation at `offset` cites from: the first list after it (the last one after them all)."""
    return next((i for i, (a, _) in enumerate(zones) if a >= offset), max(len(zones) - 1, 0))


def list_finder(zones: tuple[tuple[int, int], ...]) -> Callable[[int], int]:
    """`list_index(zones, offset)` for many offsets; by bisection when the lists are in text order."""
    starts = [a for a, _ in zones]
    if starts != sorted(starts):
        return lambda offset: list_index(zones, offset)
    last = max(len(zones) - 1, 0)

    def index(offset: int) -> int:
        i = bisect_left(starts, offset)
        return i if i < len(starts) else last
    return index


def entries_by_list(doc: Document) -> list[list[Reference]]:
    """The entries of each list of `reference_zones`, in order."""
    zones, refs = reference_zones(doc), reference_list(doc)
    if not zones:
        return [refs] if refs else []
    starts = [r.start for r in refs]
    if starts == sorted(starts):  # in text order, as readers hand them over: by bisection
        return [refs[bisect_left(starts, a):bisect_left(starts, b)] for a, b in zones]
    return [[r for r in refs if a <= r.start < b] for a, b in zones]


@lru_cache(maxsize=32)
def _parse_section(text: str, start: int, end: int) -> tuple[Reference, ...]:
    body_start = text.find("\n", start, end)
    if body_start < 0:
        return ()
    starts = _numbered_starts(text, body_start, end)
    refs = []
    for i, (number, s) in enumerate(starts):
        limit = starts[i + 1][1] if i + 1 < len(starts) else end
        e, clean = _entry_extent(text, s, limit, last=i + 1 == len(starts))
        refs.append(parse_entry(number, s, e, clean))
        if i + 1 < len(starts) and _list_ends(text, e, limit):
            break  # text, not entries, follows: the next numbers are not this list's
    return tuple(refs)


def _list_ends(text: str, end: int, next_start: int) -> bool:
    """Whether more than page furniture stands between an entry and the next numbered line."""
    lines = [ln for ln in text[end:next_start].split("\n") if ln.strip() and not _DEBRIS.match(ln)]
    return len(lines) > 2


def _numbered_starts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(number, offset) of entry starts, numbers rising from 1 (a few may be skipped), so stray numbered
    lines are skipped. Lists numbered without a delimiter (`1 Smith AB, …`) or with the number glued to
    the first author (`1Smith AB, …`), as some journals and PDF texts print them, are read when the
    delimited form finds next to nothing."""
    out = _starts(_ENTRY_START, text, start, end)
    if len(out) < _FEW:
        for pattern in (_BARE_ENTRY_START, _GLUED_ENTRY_START):
            other = _starts(pattern, text, start, end)
            out = other if len(other) > len(out) else out
    return out


def _starts(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(text, start, end):
        number = int(next(g for g in m.groups() if g))
        if not out and number > 1:
            continue
        if not out or out[-1][0] < number <= out[-1][0] + 1 + _MAX_GAP:
            lead = len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000-•·*"))
            out.append((number, m.start() + lead))
    return out


def _entry_extent(text: str, start: int, limit: int, last: bool = True) -> tuple[int, str]:
    """End of the entry starting at `start` and its text without debris lines.

    Lines are taken until the entry is complete (ends with a full stop after its year);
    what follows a complete entry before the next one is end-of-article matter. A line
    that ends with a full stop before the year (`… et al.`, `… Am Heart J.`) is wrapped.
    """
    pos, end, parts = start, start, []
    while pos < limit:
        nl = text.find("\n", pos, limit)
        line_end = limit if nl < 0 else nl
        line = text[pos:line_end]
        if line.strip() and not (parts and _DEBRIS.match(line)):
            if parts and _complete(parts, last) and not _IDENTIFIER_LINE.match(line):
                break
            parts.append(line.strip().lstrip("-•·* ").strip() if parts else line.strip())
            end = pos + len(line.rstrip())
        pos = line_end + 1
    return end, " ".join(parts)


_WRAP_LINES = 3  # the last entry of a list takes at most this many lines while its year is missing


def _complete(parts: list[str], last: bool) -> bool:
    if not _COMPLETE.search(parts[-1]):
        return False
    # Not yet complete without a year: the next line goes on (but only so far for a list's last entry,
    # after which end matter may follow).
    return bool(YEAR.search(" ".join(parts))) or (last and len(parts) >= _WRAP_LINES)


def parse_entry(number: int, start: int, end: int, clean: str) -> Reference:
    """One entry from its text without debris (`clean`), spanning [start, end) of the document."""
    # Markdown emphasis and PDF spaces between Chinese characters are not part of any field.
    s = _HAN_GAP.sub("", clean.replace("*", ""))
    s = _ENTRY_START.sub("", s, count=1).strip()
    # a number printed without a delimiter, or glued to the first author
    s = re.sub(rf"^{number}(?:[ \t]+(?=[A-Z{HAN}]|{_PARTICLE_NAME})|(?=[A-Z][A-Za-z'’\-]+ [A-Z]))", "", s)
    doi = DOI.search(s)
    pmid = PMID.search(s)
    core = s
    for m in sorted((x for x in (doi, pmid) if x), key=lambda x: -x.start()):
        core = core[:m.start()] + core[m.end():]
    # A dangling `doi:` label; leading spaces stripped apart (a `\s*` ahead of it would be
    # tried at every offset of a long run of spaces: quadratic).
    core = re.sub(r"(?:doi|PMID)\s*[:：]?\s*$", "", core.strip(), flags=re.I).rstrip()
    fields = _split_apa(core) or _split_vancouver(core)
    authors, title, pub_type, rest, year = fields
    journal, volume, issue, pages = _source(rest, year is not None)
    if year is None:
        year = _year_field(rest) or _year_field(core, last=True)
    return Reference(number=number, start=start, end=end, first_author=first_author(authors), year=year,
                     authors=authors, title=title, journal=journal, volume=volume, issue=issue, pages=pages,
                     doi=doi.group(1).rstrip(".") if doi else "", pmid=pmid.group(1) if pmid else "",
                     pub_type=pub_type)


# A year-like number that is a page (`2016;375(1):2081-2088`, `1918–24`), not the year field.
_PAGE_CONTEXT = re.compile(r"[:：\-–—]\s*$")
_RANGE_AFTER = re.compile(r"\s*[-–—]\s*\d{1,4}(?![\d\-])")  # not a date: `2021-03-01`


def _year_field(s: str, last: bool = False) -> int | None:
    """The year the entry gives: the first year-like number after the title that is not a page number
    (the last one when the title could not be told apart, a year in the title standing before it)."""
    years = [m for m in YEAR.finditer(s)
             if not _PAGE_CONTEXT.search(s[max(0, m.start() - 3):m.start()]) and not _RANGE_AFTER.match(s, m.end())]
    if not years:
        return None
    return int((years[-1] if last else years[0]).group(1))


def _split_apa(s: str) -> tuple[str, str, str, str, int | None] | None:
    """`Authors (2020). Title. Journal, 9(3), 245-260.` -> (authors, title, type, rest, year)."""
    m = _APA_HEAD.match(s)
    # Only a list of short names may stand before the year (not a title that holds one: `中华医学会. 指南（2019）`).
    if not m or any(len(a.split()) > 4 for a in _AUTHOR_SEP.split(m.group("authors"))) \
            or _TITLE_AFTER_AUTHORS.search(m.group("authors")):
        return None
    title, _, rest = _title_and_rest(s[m.end():])
    return m.group("authors").strip().rstrip(".,"), title, _, rest, int(m.group("year"))


def _split_vancouver(s: str) -> tuple[str, str, str, str, None]:
    """`Authors. Title[J]. Journal, 2021, 71: 209-249.` -> (authors, title, type, rest, None)."""
    m = _AUTHORS_END.search(s)
    authors, after = (s[:m.start()], s[m.end():]) if m else ("", s)
    title, pub_type, rest = _title_and_rest(after)
    return authors.strip(), title, pub_type, rest, None


def _title_and_rest(s: str) -> tuple[str, str, str]:
    tag = _TYPE_TAG.search(s)
    if tag:
        return s[:tag.start()].strip(), re.sub(r"\s", "", tag.group(1)), s[tag.end():].strip()
    m = re.search(r"[.?!。？](?=\s|$)", s)
    if not m:
        return s.strip(), "", ""
    return s[:m.end()].rstrip(". ").strip(), "", s[m.end():].strip()


def _source(rest: str, year_known: bool) -> tuple[str, str, str, str]:
    """Journal (or publisher), volume, issue and pages from what follows the title."""
    year = None if year_known else YEAR.search(rest)
    cut = year or re.search(r"[,;，；]\s*(?=\d)", rest)
    journal, after = (rest[:cut.start()], rest[cut.end():]) if cut else (rest, "")
    journal = journal.strip(" ,.;，；")
    vp = _VOLUME_PAGES.search(after)
    if not vp:
        return journal, "", "", ""
    return journal, vp.group("volume"), (vp.group("issue") or "").strip(), vp.group("pages").rstrip(".")


def first_author(authors: str) -> str:
    """The first of a list of authors (`Sung H, Ferlay J, et al`, `Lencioni R; Llovet JM`), as the
    annotation guide writes it: Latin, the surname as printed (`Sung H` -> `Sung`); Chinese, the
    full name; an organisation, its full printed name."""
    authors = _ET_AL.sub("", authors.strip())
    items = [a for a in _AUTHOR_SEP.split(authors) if a]
    if not items:
        return ""
    first = items[0].strip()
    if has_han(first):
        return first
    tokens = first.split()
    if len(tokens) >= 2 and _INITIALS.match(tokens[-1]):
        return " ".join(tokens[:-1])
    if len(tokens) == 1 and (len(items) == 1 or _INITIALS.match(items[1].strip())):
        return tokens[0]
    if len(tokens) >= 2 and all(_INITIALS.match(t) for t in tokens[1:]):
        return tokens[0]
    # `National Institute for Health and Care Excellence`: an organisation's name, not two authors.
    if len(tokens) > 3 and not any(_INITIALS.match(t) for it in items for t in it.split()[1:]):
        return authors.strip()
    return first if len(items) > 1 else authors.strip()
