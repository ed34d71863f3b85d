"""In-text citation markers: `^[15,29-30]`, `[1-3]`, `［12］`, superscripts `¹⁻³`, LaTeX-like `$^{1,2}$`, numbers a
PDF glued to a word (`cancer1,2`), and author-year `(Kudo et al., 2020)`.

Each marker is turned into the reference numbers it cites, ranges expanded. A
number that is not in the reference list (when there is one) makes the
bracket something else (a year, a value), so it is not a marker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evkg.core.fold import Folded
from evkg.core.records import Reference
from evkg.core.text import HAN
from evkg.extract.readers.reference_list import body_end as reference_body_end
from evkg.extract.readers.reference_list import (
    entries_by_list,
    list_finder,
    reference_list,
    reference_zones,
    zone_test,
)
from evkg.extract.vocabulary.cues import cue_words

if TYPE_CHECKING:
    from evkg.extract.text.context import DocContext

_NUMBERS = r"\d{1,3}(?:\s*[-~,、;]\s*\d{1,3})*"
# On the folded key: full-width brackets, commas and dashes are already ASCII there.
# `[1]`, `^[1]`, `<sup>1</sup>`, `<sup>[1]</sup>`; raised with a caret: `^1^`, and as PDF-to-Markdown
# converters write superscripts in LaTeX: `$^{1,2}$`, `${ }^{7}$`, `^{3-5}`.
_BRACKET = re.compile(rf"\^?\[\s*(?P<bracket>{_NUMBERS})\s*\]\^?"
                      rf"|<sup>\s*\[?\s*(?P<sup>{_NUMBERS})\s*\]?\s*</sup>"
                      rf"|\$?(?:\{{\s*\}})?\^\{{\s*(?P<latex>{_NUMBERS})\s*\}}\$?"
                      rf"|\^(?P<caret>{_NUMBERS})\^?")
_SUPERSCRIPT = re.compile("[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+(?:\\s*[,\u207b\u2010-\u2013~-]\\s*"
                         "[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)*")
_FULL_WIDTH = str.maketrans("–—～，、", "--~,,")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻‐–", "0123456789---")
# Words a superscript 2 or 3 belongs to as an exponent (mg/m², cm³), not as a citation.
_UNITS = {"m", "cm", "mm", "km", "dm", "μm", "µm", "ml", "l"}
_NAME = r"[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+)?"
_AUTHORS = rf"(?P<author>{_NAME})(?:\s+et\s+al\.?|\s*等|\s+(?:and|&)\s+{_NAME})?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)"
_AUTHOR_YEAR_ITEM = re.compile(rf"{_AUTHORS}\s*[,，]?\s*{_YEAR}")
# over a wrapped line too (`(Sahn and\nHeffner, 2000)`), not over a blank one
_PARENTHETICAL = re.compile(r"[(（]((?:[^()（）\n]|\n(?![ \t]*\n)){4,200}?)[)）]")
# `British Thoracic Society, 2023`: an organisation cited by the start of its name, then the year
_ORGANISATION_ITEM = re.compile(r"\s*(?P<name>[A-Z][^,，\d]{2,120}?)\s*[,，]?\s*(?P<year>(?:19|20)\d{2})[a-z]?\s*")
_NARRATIVE = re.compile(rf"{_AUTHORS}\s*[(（]{_YEAR}[)）]")
# Citation numbers printed without brackets or superscript (a PDF's text layer drops the raise):
# right after a sentence's full stop, before a capitalised word, a bracket or the line end.
_LIST = r"\d{1,3}(?:[ \t]*[-–—~～,，、][ \t]*\d{1,3})*"
# Chinese journals print a citation before the full stop (`降低[4]。`): a number after `。` is a count
# (`。2 个疗程`, `。3、4 级`), so only the Latin full stop counts.
_BARE = re.compile(rf"(?<=[A-Za-z{HAN})）\]%”’\"'])(?P<stop>\.)[ \t]?(?P<nums>{_LIST})"
                   r"(?=[ \t]*(?:\n|$|\|)|[ \t]+[A-Z(\[])")  # `|`: the end of a table cell
# A superscript a PDF's text layer glued to what it follows: the last word (`cancer1,2 and`), a
# percentage (`58%12–14`), a comma, after a table-footnote letter or not (`trialb,7`, `effects,3 while`), an
# abbreviation in
# capitals when the numbers are a list (`CT4,5`); the numbers close a phrase (space and a lower-case
# word, punctuation, the line end).
_GLUED = re.compile(rf"(?:(?<![A-Za-z\-])(?P<word>[a-z]{{3,}})"
                    rf"|(?<![A-Za-z\-])(?P<caps>[A-Z]{{2,6}})(?=\d{{1,3}}[ \t]*[-–—,，])"
                    rf"|(?P<pct>%)|(?<![A-Za-z])(?P<foot>[a-z]{{3,}}[a-h]?,))(?P<nums>{_LIST})"
                    r"(?=[ \t]*(?:\n|$)|[ \t]+[a-z(]|[.,;:)](?:[ \t]|\n|$))")
# `(1,2)` / `（3–5）` closing a clause; a single `(1)` only before punctuation (else it numbers a list item).
_PAREN = re.compile(rf"(?<=[^\s:：;；,，、(（\d=])[ \t]?[(（][ \t]*(?P<nums>{_LIST})[ \t]*[)）]"
                    r"(?P<after>[.,;:。，；：]|[ \t]*(?:\n|$)|[ \t]+(?=\S))")
# Words whose full stop is an abbreviation's, so the number after it is theirs (`Fig. 3`, `No. 5`).
_ABBREVIATIONS = {"fig", "figs", "no", "nos", "nr", "vol", "ref", "refs", "table", "eq", "p", "pp", "ch", "sec",
                  "vs", "al", "e.g", "i.e", "approx", "ca", "step", "grade", "stage", "class", "level", "type"}
_MAX_RANGE = 50
_UNLISTED_MAX = 999


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    refs: tuple[int, ...]


def expand(numbers: str) -> tuple[int, ...] | None:
    """`15,29-30` -> (15, 29, 30); None for a descending or implausibly long range."""
    out = []
    for part in re.split(r"\s*[,、;]\s*", numbers.strip()):
        bounds = [int(x) for x in re.split(r"\s*[-~]\s*", part) if x]
        if len(bounds) == 1:
            out.append(bounds[0])
        elif len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= _MAX_RANGE:
            out.extend(range(bounds[0], bounds[1] + 1))
        else:
            return None
    return tuple(out)


def find_markers(text: str, folded: Folded, end: int, references: list[Reference]) -> list[Marker]:
    """All markers in `text[:end]` (the body before the reference list), in text order."""
    numbers = {r.number for r in references}
    highest = max(numbers) if numbers else _UNLISTED_MAX
    found = [m for m in _numeric(text, folded, end, highest) if not _interval(text, m)]
    found += _author_year(text, end, references)
    taken = [(m.start, m.end) for m in found]
    # bare numbers are citations inside a reference list's range; without a list, only those glued to a
    # sentence's full stop before a capitalised word (`as reported previously.9, 16, 28 Therefore`) and lists
    # glued to a word (`health service use3, 5, 6 than`)
    bare = _unbracketed(text, end, highest) if numbers else \
        _after_stop(text, end, highest, glued=True) + _glued(text, end, highest, lists_after_words=True)
    found += [m for m in bare if not any(a < m.end and m.start < b for a, b in taken)]
    return sorted(found, key=lambda m: m.start)


_VALUE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*\Z")


def _interval(text: str, m: Marker) -> bool:
    """`471 [334, 717]`: two numbers in brackets right after a value they enclose are its interval (a median's
    IQR, a CI), not a citation."""
    before = _VALUE_BEFORE.search(text, max(0, m.start - 16), m.start)
    if before is None or len(m.refs) != 2 or not re.fullmatch(r"[\[(]\s*\d+\s*,\s*\d+\s*[\])]", text[m.start:m.end]):
        return False
    return min(m.refs) <= float(before.group(1)) <= max(m.refs)


def _unbracketed(text: str, end: int, highest: int) -> list[Marker]:
    """Bare trailing numbers after a sentence (`… started. 4-7`), parenthesised ones (`(1,2)`) and
    superscripts a PDF glued to the word before them (`cancer1,2 and`)."""
    out = _after_stop(text, end, highest)
    for m in _PAREN.finditer(text, 0, end):
        nums = _ascii_list(m.group("nums"))
        after = m.group("after")
        if nums.isdigit() and after and not after.strip(" \t") and text[m.end():m.end() + 1] not in "([":
            continue  # `(1) patients with …` numbers an item; `(5) (low-certainty evidence …)` cites
        refs = expand(nums)
        if refs and all(1 <= r <= highest for r in refs):
            opening = text.index("(" if "(" in m.group(0) else "（", m.start())
            closing = min(i for i in (text.find(")", m.end("nums")), text.find("）", m.end("nums"))) if i >= 0)
            out.append(Marker(opening, closing + 1, refs))
    return out + _glued(text, end, highest)


def _glued(text: str, end: int, highest: int, lists_after_words: bool = False) -> list[Marker]:
    """Superscripts a PDF glued to the word before them (`cancer1,2 and`, `effects,3 while`); with
    `lists_after_words`, only lists glued to a lower-case word (`SB2, 11 (6.5%)` names SB2, then counts)."""
    out = []
    for m in _GLUED.finditer(text, 0, end):
        if lists_after_words and not (m.group("word") and re.search(r"[-–—,，]", m.group("nums"))):
            continue
        word = (m.group("word") or "").casefold()
        if word in _ABBREVIATIONS or word in _UNITS or word in cue_words("counted_words"):
            continue
        refs = expand(_ascii_list(m.group("nums")))
        if refs and all(1 <= r <= highest for r in refs):
            out.append(Marker(m.start("nums"), m.end("nums"), refs))
    return out


def _after_stop(text: str, end: int, highest: int, glued: bool = False) -> list[Marker]:
    """Bare numbers after a sentence's full stop (`… started. 4-7 The`); with `glued`, only those printed
    right against it (`previously.9, 16, 28 Therefore`), which no decimal or count is."""
    out = []
    for m in _BARE.finditer(text, 0, end):
        if glued and m.start("nums") != m.end("stop"):
            continue
        word = re.search(r"[A-Za-z.]*$", text[max(0, m.start() - 12):m.start()]).group(0).strip(".").casefold()
        if word in _ABBREVIATIONS:
            continue
        refs = expand(_ascii_list(m.group("nums")))
        if refs and all(1 <= r <= highest for r in refs):
            out.append(Marker(m.start("nums"), m.end("nums"), refs))
    return out


def _ascii_list(s: str) -> str:
    return re.sub(r"\s+", "", s.translate(_FULL_WIDTH))


def _numeric(text: str, folded: Folded, end: int, highest: int) -> list[Marker]:
    out = []
    key_end = next((i for i, o in enumerate(folded.origin) if o >= end), len(folded.key))
    for m in _BRACKET.finditer(folded.key, 0, key_end):
        start, stop = folded.span(m.start(), m.end())
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", stop)
        if not text[line_start:start].strip(" \t-•·*") \
                and text[stop:line_end if line_end >= 0 else len(text)].strip(" \t.,;:。，；"):
            # `[1] ...` opening a line numbers a list item; `[2, 5]` alone on its line is a box's cell; `[22–24].`
            # wrapped onto a line of its own ends a sentence
            continue
        if not m.group("bracket") and _exponent(folded.key, m.start()):
            continue  # `mg/m^2`, `mg/m<sup>2</sup>`, `10^9/L`: a power, not a citation
        refs = expand(next(g for g in m.groups() if g))
        if refs and all(1 <= r <= highest for r in refs):
            out.append(Marker(start, stop, refs))
    for m in _SUPERSCRIPT.finditer(text, 0, end):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        word = re.search(r"[A-Za-zμµ\u0370-\u03ff]*$", text[max(0, m.start() - 3):m.start()]).group(0)
        if before.isspace() or before.isdigit() or after.isalnum() or word.lower() in _UNITS or len(word) == 1:
            continue  # ¹²⁵I is an isotope, 10⁹ a power, m² a unit, χ² / I² a statistic
        refs = expand(m.group(0).translate(_SUPERSCRIPT_DIGITS))
        if refs and all(1 <= r <= highest for r in refs):
            out.append(Marker(m.start(), m.end(), refs))
    return out


def _exponent(key: str, raised: int) -> bool:
    """Whether what is raised at `raised` is a power: of a unit (`m^2`, `\\text{ m}^2`, `cm<sup>3</sup>`)
    or of a number (`10^9/L`, `10<sup>9</sup>`)."""
    before = key[max(0, raised - 8):raised]
    if re.search(r"\d\s*\$?$", before):
        return True
    word = re.search(r"([a-zμµ]+)[}\s$]*$", before)
    return bool(word and word.group(1) in _UNITS)


def _author_year(text: str, end: int, references: list[Reference]) -> list[Marker]:
    """`(Kudo et al., 2020; Lencioni 2016)` and `Kudo et al. (2020)`, matched to the list by surname and year."""
    if not references:
        return []
    # The list by (year, surname): a scan of the whole list per marker was quadratic in a long text.
    by_key: dict[tuple[int | None, str], list[Reference]] = {}
    for r in references:
        by_key.setdefault((r.year, r.first_author.casefold()), []).append(r)
    out = []
    for m in _PARENTHETICAL.finditer(text, 0, end):
        refs = tuple(r for part in re.split(r"[;；]", m.group(1)) for r in _item(part, by_key, references))
        if refs:
            out.append(Marker(m.start(), m.end(), refs))
    for m in _NARRATIVE.finditer(text, 0, end):
        ref = _lookup(m, by_key)
        if ref:
            out.append(Marker(m.start(), m.end(), (ref,)))
    return out


def _item(part: str, by_key: dict[tuple[int | None, str], list[Reference]],
          references: list[Reference]) -> tuple[int, ...]:
    """The references one item of a parenthetical cites: by first author's surname and year, each further
    year of the same author too (`Brent et al, 2020, 2023`); else an organisation by the start of its
    printed name and year (one entry only)."""
    it = _AUTHOR_YEAR_ITEM.search(part)
    ref = _lookup(it, by_key) if it else None
    if ref:
        tail = _MORE_YEARS.match(part, it.end())
        years = _YEAR_SUFFIX.findall(tail.group(0)) if tail else []
        more = [_lookup_year(it.group("author"), y, by_key) for y in years]
        return (ref, *(r for r in more if r))
    org = None if it is None else _ORGANISATION_ITEM.fullmatch(part)
    if org is None or len(org.group("name").split()) < 2:
        return ()
    name, year = " ".join(org.group("name").split()).casefold(), int(org.group("year"))
    hits = [r.number for r in references if r.year == year and _named_by(r.first_author, name)]
    return (hits[0],) if len(hits) == 1 else ()


def _named_by(author: str, name: str) -> bool:
    """`author` (an entry's first author) starts with the organisation `name` (casefolded, one space a gap) as
    whole words: no pattern compiled per entry and item."""
    author = " ".join(author.split()).casefold()
    return author.startswith(name) and not "a" <= author[len(name):len(name) + 1] <= "z"


_MORE_YEARS = re.compile(r"(?:\s*[,，]\s*(?:19|20)\d{2}[a-z]?)+")
_YEAR_SUFFIX = re.compile(r"(?:19|20)\d{2}[a-z]?")


def _lookup_year(author: str, printed: str, by_key) -> int | None:
    """The reference of `author` in the year printed (`2023`, `2020b`)."""
    same = by_key.get((int(printed[:4]), author.casefold()), [])
    index = ord(printed[4]) - ord("a") if len(printed) > 4 else 0
    return same[index].number if (len(printed) > 4 and index < len(same)) or len(same) == 1 else None


def _lookup(m: re.Match, by_key: dict[tuple[int | None, str], list[Reference]]) -> int | None:
    """The one reference with this first author and year (`2020b` is the second such), or None;
    `by_key` holds the list's entries by (year, casefolded first author), in list order."""
    same = by_key.get((int(m.group("year")), m.group("author").casefold()), [])
    suffix = m.group("suffix")
    index = ord(suffix) - ord("a") if suffix else 0
    if (suffix and index < len(same)) or len(same) == 1:
        return same[index].number
    return None


def document_markers(ctx: DocContext) -> list[Marker]:
    """The markers of a document's body, found once and shared by the plugins that need them. With
    several reference lists (one per chapter), a marker cites from the list that follows it: its
    numbers must be in that list's range, and markers inside an earlier list are entries, not citations."""
    def build():
        doc = ctx.doc
        zones, lists = reference_zones(doc), entries_by_list(doc)
        found = find_markers(doc.text, ctx.folded, reference_body_end(doc), reference_list(doc))
        if len(zones) < 2:
            return found
        highest = [max((r.number for r in refs), default=_UNLISTED_MAX) for refs in lists]
        inside, list_of = zone_test(zones[:-1]), list_finder(zones)
        return [m for m in found if not inside(m.start) and max(m.refs) <= highest[list_of(m.start)]]
    return ctx.memo("citation_markers", build)
