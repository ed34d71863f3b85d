"""Where the tables of a document are, read on its printed lines (never on the unwrapped key,
which glues a title to the footnote above it and drops the blank cells).

A table starts at its title: `Table N` / `Tab. N` / `表 N` at the start of a line, after a DOI-like
id (`…t001Table 1BODY.X:`) or glued to the full stop of the line before (`(Fig. 6).Table 2The …`).
A table printed over two pages (`Table 2 (continued)`, `续表 3`: table_words `continued`) is one zone: the
second part's rows after the first's, its header printed again and the page's running head between left out.
A bare `Table 1` followed by `).` is a cross-reference, and `Table 2 shows …` a sentence. A second
title of the same number (the English title of a Chinese table) belongs to it. The body runs to the
next heading, title or figure caption or the first line of prose; footnotes (`*`, `a`, `Note`,
`FM = fotemustine; …`) end the body and stay in the zone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.core.fold import fold
from evkg.core.model import Document
from evkg.core.text import HAN
from evkg.extract.vocabulary.cues import cue_alternation

_CONTINUED = cue_alternation("table_words", "continued")
_TITLE = re.compile(r"(?:^\s*|(?<=\.t\d{3})|(?<=[.)\]]))(?:(?:Supplementary|Additional)\s+)?"
                    rf"(?:(?P<cont>{_CONTINUED})\s*)?(?:TABLE|Table|Tab\.?|表)\s*S?(?P<num>\d{{1,3}})(?![\d.,]\d)")
# `(continued)`, `（续）` after the number; the word not the start of a longer one (`续发性`)
_CONTINUED_REST = re.compile(rf"[\s.:：]*[(（]?\s*(?:{_CONTINUED})(?![a-z\u3400-\u9fff])")
_HEADING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:ABSTRACT|BODY)\.|^TITLE:|"
                      r"^\s*\S*?(?:Figure|Fig\.|FIG\.|图)\s*S?\d+")
_NOTE = re.compile(r"^\s*(?:[*†‡§¶#]|[a-f](?:,[a-f])*\s*[A-Z][a-z]{2,}|Notes?\b|Abbreviations?\b|注[:：\s]|"
                   r"Data (?:are|were)\b|Values (?:are|were)\b|Results (?:are|were)\b|\w[\w\s/+-]{0,20}\s=\s.*;)")
_HAN = re.compile(f"[{HAN}]")
_CJK_STOPS = re.compile("[，。；]")
_MAX_LINES = 50000
_PROSE_CHARS = 120
_PROSE_WORDS = 15
_CELL_CHARS = 40
_CELL_GAP = re.compile(r"[ \u3000\u00a0]{2,}")
_WIDE_GAP = re.compile("(?<=[^\\s\u3000])\u3000+(?=[^\\s\u3000])")  # cells one fullwidth space apart


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Zone:
    """One table: `start`..`end` in the document, its number, the title text (all its titles) and the
    lines of its body (blank lines included) and of its footnotes."""
    start: int
    end: int
    number: str
    title: tuple[int, int]
    titles: str
    body: tuple[Line, ...]
    notes: tuple[Line, ...]
    continued: bool = False  # the title says it goes on from the page before


def lines(text: str) -> list[Line]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def blank_separated(all_lines: list[Line]) -> bool:
    """Whether the document wraps its running text with a blank line between printed lines (a PDF
    turned into text): its blank lines are layout, not empty table cells."""
    wrapped = total = 0
    for a, b, c in zip(all_lines, all_lines[1:], all_lines[2:]):
        t = a.text.strip()
        if len(t) >= 20:
            total += 1
            if b.blank and not c.blank and not re.search(r"[.。:：!?！？]$", t):
                wrapped += 1
    return total > 0 and wrapped / total > 0.5


def _title(line: Line, nxt: Line | None) -> re.Match | None:
    m = _TITLE.search(line.text)
    if not m:
        return None
    rest = line.text[m.end():]
    if not rest.strip() and m.group("cont"):
        return m  # `续表 3` alone
    if not rest.strip():
        # `Table 1` alone, followed by `).` or by a sentence going on: a cross-reference
        follow = nxt.text.lstrip() if nxt else ""
        return None if not follow or follow[:1] in ").,;:" or follow[:1].islower() else m
    if re.match(r"\s*[),;]|\s+[a-z]|\s*and\b", rest) or len(line.text) > 400:
        return None  # `Table 1)`, `Table 2 shows …`, `Tables 2 and 3`
    return m


def _prose(text: str) -> bool:
    """A line of running text: long, many words, and written as sentences (a full stop between two, or
    mostly lower-case words), not a header line of glued names."""
    t = text.strip()
    words = t.split()
    lower = sum(1 for w in words if w.isalpha() and w.islower())
    if len(t) >= _PROSE_CHARS and len(words) >= _PROSE_WORDS:
        return bool(re.search(r"[a-z)\]]{2}\.\s+[A-Z]", t)) or t.endswith(".") or lower * 2 >= len(words)
    if len(t) >= 60 and len(words) >= 8 and t.endswith(".") and lower * 3 >= len(words):
        return True  # a short sentence after a table
    return len(t) >= 8 and bool(_HAN.search(t)) and bool(_CJK_STOPS.search(t))


def _note(text: str) -> bool:
    """A table's note: a footnote letter glued to its words (`aAdjusted for age`) opens one, but a row of cells
    whose label is such a name (`eCoach (n = 40)   6.1 (1.2)`) stays a row."""
    if not _NOTE.match(text) or len(text.strip()) < 12:
        return False
    return not (_GLUED_LETTER.match(text) and _delimited(text))


_GLUED_LETTER = re.compile(r"^\s*[a-f][A-Z]")


def _delimited(text: str) -> bool:
    """A line of a table printed a row a line: cells separated by tabs, `|` or runs of two spaces or more."""
    t = text.strip()
    return "\t" in t or t.count("|") + t.count("\uff5c") >= 2 or len(_CELL_GAP.split(t)) >= 3 or \
        len(_WIDE_GAP.findall(t)) >= 2


def _row_label(all_lines: list[Line], j: int) -> bool:
    """A long row label written in words (`Serious adverse events … (number of events (rate among …))`):
    no sentence ends in it, and the next printed line is a cell that starts with a number."""
    t = all_lines[j].text.strip()
    if re.search(r"[.;:!?。；]$|[a-z)\]]{2}\.\s+[A-Z]", t):
        return False
    nxt = next((ln.text.strip() for ln in all_lines[j + 1:j + 4] if not ln.blank), "")
    return len(nxt) <= _CELL_CHARS and re.match(r"[-−+<>≤≥(]?\s*\d", nxt) is not None


def zones(doc: Document) -> list[Zone]:
    """The tables of a document, in order."""
    all_lines = lines(doc.text)
    heads = _running_heads(all_lines)
    out: list[Zone] = []
    i = 0
    while i < len(all_lines):
        line = all_lines[i]
        m = _title(line, all_lines[i + 1] if i + 1 < len(all_lines) else None)
        if not m:
            i += 1
            continue
        zone, i = _zone(all_lines, i, m, heads)
        if zone.continued and out and out[-1].number == zone.number:
            out[-1] = _joined(out[-1], zone)
        else:
            out.append(zone)
    return out


_PAGE_NUMBER = re.compile(r"[-–·\s]*(?:(?:page|p\.)\s*)?\d{1,4}[-–·\s]*", re.I)


def _head_key(text: str) -> str | None:
    """The words of a line that may be a page's running head (the longest of its cells, at least a dozen
    characters, beside nothing but a page number), or None."""
    cells = [c for c in _CELL_GAP.split(text.strip()) if c]
    if not cells or len(cells) > 2:
        return None
    key = max(cells, key=len)
    others = [c for c in cells if c is not key]
    if len(key) < 12 or any(not _PAGE_NUMBER.fullmatch(c) for c in others):
        return None
    return key


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PAGE_GAP = re.compile("[ \u3000\u00a0]{2,}|\u3000")  # a page head's cells: a gap, or one fullwidth space


def _page_line(text: str) -> bool:
    """A page's foot or head before a table's next part (`12    Invented Journal  Vol 9  No 2`, `·216·　中华…杂志 2026
    年…`): a page number at one end, words beside it, in two cells or more or with a year."""
    cells = [c for c in _PAGE_GAP.split(text.strip()) if c]
    if len(cells) < 2 or not (_PAGE_NUMBER.fullmatch(cells[0]) or _PAGE_NUMBER.fullmatch(cells[-1])):
        return False
    words = [c for c in cells if not _PAGE_NUMBER.fullmatch(c)]
    return bool(words) and all(re.search(r"[^\W\d_]", c) for c in words) and \
        (len(words) >= 2 or _YEAR.search(words[0]) is not None)


def _running_heads(all_lines: list[Line]) -> set[str]:
    """The running heads of a PDF's pages turned into text (a journal's name and issue printed again on a later
    page, there beside its page number): the lines whose words recur as another line's and that print a page
    number. Inside a table they are no row."""
    seen: dict[str, int] = {}
    numbered: set[str] = set()
    for ln in all_lines:
        key = _head_key(ln.text)
        if key is None:
            continue
        seen[key] = seen.get(key, 0) + 1
        if len(_CELL_GAP.split(ln.text.strip())) == 2:
            numbered.add(key)
    return {k for k in numbered if seen[k] >= 2}


def _running_head(line: Line, heads: set[str]) -> bool:
    key = _head_key(line.text) if heads else None
    return key is not None and key in heads


def _joined(first: Zone, cont: Zone) -> Zone:
    """A table's part on the next page joined to its first: the first part's trailing page number left out, the
    header the second part prints again (lines the first part printed) dropped."""
    body = list(first.body)
    while body and (body[-1].blank or _PAGE_NUMBER.fullmatch(body[-1].text) or _page_line(body[-1].text)):
        body.pop()
    printed = {ln.text.strip() for ln in first.body if not ln.blank}
    body += [ln for ln in cont.body if ln.blank or ln.text.strip() not in printed]
    return Zone(first.start, cont.end, first.number, first.title, first.titles, tuple(body),
                first.notes + cont.notes)


def _zone(all_lines: list[Line], i: int, m: re.Match, heads: set[str] = frozenset()) -> tuple[Zone, int]:
    line = all_lines[i]
    number = m.group("num")
    title_text = re.sub(r"^[\s.:：]*(?:(?:BODY|ABSTRACT)\.)?", "", line.text[m.end():])
    tstart = line.end - len(title_text)
    titles = [title_text]
    j = i + 1
    # the title printed again in another language (`Tab.2 Optimal efficacy analysis`)
    k = j
    while k < len(all_lines) and all_lines[k].blank and k - j < 3:
        k += 1
    if k < len(all_lines):
        again = _TITLE.match(all_lines[k].text)
        if again and again.group("num") == number:
            titles.append(all_lines[k].text[again.end():])
            j = k + 1
    body: list[Line] = []
    notes: list[Line] = []
    last = j - 1
    rows = 0  # lines of cells separated by tabs, `|` or runs of spaces
    while j < len(all_lines) and j - i < _MAX_LINES:
        cur = all_lines[j]
        if _running_head(cur, heads):
            j += 1
            continue  # a page's running head inside a table printed over two pages
        if _HEADING.match(cur.text) or (_prose(cur.text) and not _row_label(all_lines, j)) or \
                _title(cur, all_lines[j + 1] if j + 1 < len(all_lines) else None):
            break
        if rows >= 2 and all_lines[j - 1].blank and not cur.blank and not _delimited(cur.text) \
                and not _NOTE.match(cur.text):
            break  # a table laid out in delimited rows ends at the blank line after them
        rows += _delimited(cur.text)
        if notes or (not cur.blank and _note(cur.text)):
            notes.append(cur)
        else:
            body.append(cur)
        if not cur.blank:
            last = j
        j += 1
    end = all_lines[last].end
    cont = bool(m.group("cont")) or _CONTINUED_REST.match(fold(title_text)) is not None
    zone = Zone(line.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), max(end, line.end), number,
                (tstart, line.end), " ".join(titles), tuple(body), tuple(notes), cont)
    return zone, max(j, i + 1)
