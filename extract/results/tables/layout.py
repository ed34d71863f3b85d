"""Tables as a PDF-to-text export lays them out: columns aligned by runs of spaces, a printed row over two lines
or more. The rows delimited.py splits (cells two spaces apart) are joined back into one row per table row before
it reads them:

- the columns are found from the whole table: the printed extent of the cells of every line holding a value,
  overlapping extents one column (a line whose cells fall two in one column leaves the table as printed);
- a header cell printed over two lines (`Relative risk` over `(95% CI)`, `首次肛门排气` over `时间（h）`, a group
  over its size `(n=152)`, `Standard` over `dressing`) is one name: the lower part, in brackets, Chinese under Chinese
  or a lower-case word naming no statistic (ontology/cues/table_headers.tsv), goes on in the upper one's
  column; a name printed higher than the last header line over a column that line leaves blank moves down to it,
  and the names above the last line are groups over its columns (`NPWT (n=152)` over `n (%)`);
- a row label printed over two lines (`Wound dehiscence requiring` / `reoperation`) is one label: a line with
  text only in the label column after a row whose label it goes on (lower case or a bracket in English, or in
  Chinese one no row under it is indented below; a sign or a number in either), or before a row whose label opens
  in lower case;
- a cell printed over two lines (`0.48 (0.26 to` / `0.86)`) is one cell: the lower part joins the cell above
  when together they read as one cell and apart the upper one does not.

A line with text only in the label column that heads more indented rows (`Wound complications` over `  Seroma`)
stays a group row over them (delimited.py `_entries`). Nothing is joined unless the columns are clear.
"""
from __future__ import annotations

import re
import unicodedata

from evkg.core.text import CJK, HAN_CHAR
from evkg.extract.results.tables import roles
from evkg.extract.results.tables.cells import parse_cell
from evkg.extract.results.tables.grid import Name

_WIDE = re.compile(f"[{CJK}]")  # Chinese and its fullwidth signs run on
_GOES_ON = re.compile(r"[(\[（［a-z]")  # a label's lower part opening so goes on from the part above
_WORD = re.compile(r"[A-Za-z]{3}")  # a Latin word: a Chinese part under it is a name of its own
_OPENS = re.compile(r"[(\[（［]")  # a header's lower part in brackets goes on from the part above
_NAME = re.compile(r"[a-z]+[A-Z]")  # `eCoach`, `iCBT`: a name with capitals inside, not a lower-case word
LABEL = -1


def _width(text: str) -> int:
    return len(text) + sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")


def column(doc_text: str, offset: int) -> int:
    """The printed column of an offset: a wide character (Chinese) takes two, as a text laid out in columns
    is aligned on the screen."""
    return _width(doc_text[doc_text.rfind("\n", 0, offset) + 1:offset])


def _value(c: Name) -> bool:
    v = parse_cell(c.text, c.start) if c.text else None
    return v is not None and not v.empty


def _columns(rows: list[list[Name]], doc_text: str) -> list[tuple[int, int]] | None:
    """The printed extents of the value columns, from every line holding a value (its label left out)."""
    spans = []
    for r in rows:
        cells = [c for c in r if c.text]
        if len(cells) < 2 or not any(_value(c) for c in cells[1:]):
            continue
        for c in cells[0 if _value(cells[0]) else 1:]:
            a = column(doc_text, c.start)
            spans.append((a, a + _width(c.text)))
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged] or None


def _slot(c: Name, cols: list[tuple[int, int]], doc_text: str) -> int:
    """The column a cell stands in: the one it overlaps most, the nearest when none; LABEL left of them all."""
    a = column(doc_text, c.start)
    b = a + _width(c.text)
    if b <= cols[0][0]:
        return LABEL
    overlap = [min(b, e) - max(a, s) for s, e in cols]
    best = max(range(len(cols)), key=lambda j: overlap[j])
    if overlap[best] > 0:
        return best
    return min(range(len(cols)), key=lambda j: min(abs(a - cols[j][0]), abs(b - cols[j][1])))


def _slotted(r: list[Name], cols, doc_text: str) -> dict[int, Name] | None:
    out: dict[int, Name] = {}
    for c in (c for c in r if c.text):
        j = _slot(c, cols, doc_text)
        if j in out:
            return None
        out[j] = c
    return out


def _join(upper: Name, lower: Name) -> Name:
    """Two printed parts of one name or cell: Chinese parts run on, others take a space."""
    glue = "" if HAN_CHAR.match(lower.text) or (_WIDE.match(upper.text[-1:]) and _WIDE.match(lower.text[:1])) else " "
    return Name(upper.start, lower.end, f"{upper.text}{glue}{lower.text}", upper.indent)


def _goes_on(upper: Name, lower: Name) -> bool:
    """Whether a lower header part goes on from the one above it (`(95% CI)` under `Relative risk`, `时间（h）` under
    `首次肛门排气`, `值` under `χ²/t`, `dressing` under `Standard`); a name of its own (`n`, `Mean (SD)` under a group:
    table_headers.tsv gives it a role) stays a column under it."""
    t = lower.text
    if t[:1].islower() and not roles.role_of(t).role:
        return True  # `Standard` / `dressing`, `P` / `value`; `n (%)` says what its column's cells are
    return bool(_OPENS.match(t)) or (bool(HAN_CHAR.match(t)) and not _WORD.search(upper.text))


def _header(lines: list[dict[int, Name]]) -> list[dict[int, Name]]:
    """Header lines with the parts of each wrapped header cell joined, and a name printed higher than the last
    header line over a column that line leaves blank moved down to it (`Relative risk (95% CI)` beside `n (%)`):
    the last line names the columns, the lines above it groups over them."""
    out: list[dict[int, Name]] = []
    for line in lines:
        rest = {}
        for j, c in line.items():
            above = next((k for k in range(len(out) - 1, -1, -1) if j in out[k]), None)
            if above is not None and _goes_on(out[above][j], c):
                out[above][j] = _join(out[above][j], c)
            else:
                rest[j] = c
        if rest:
            out.append(dict(rest))
    if len(out) > 1:
        last = out[-1]
        for line in out[:-1]:
            for j in [j for j in line if j not in last]:
                last[j] = line.pop(j)
        out = [line for line in out[:-1] if line] + [dict(sorted(last.items()))]
    return out


def _has_values(line: dict[int, Name]) -> bool:
    return any(_value(c) for j, c in line.items() if j != LABEL)


def _fits(prev: dict[int, Name] | None, line: dict[int, Name]) -> bool:
    """Whether the value parts of a line end cells the row above left unfinished (`0.48 (0.26 to` / `0.86)`)."""
    parts = {j: c for j, c in line.items() if j != LABEL}
    if prev is None or not parts or not _has_values(prev) or (LABEL in line and LABEL not in prev):
        return False
    for j, c in parts.items():
        if j not in prev or parse_cell(prev[j].text, prev[j].start) is not None:
            return False
        if not _value(Name(prev[j].start, c.end, f"{prev[j].text} {c.text}")):
            return False
    return True


def _goes_on_label(prev: dict[int, Name] | None, label: Name, nxt: dict[int, Name] | None, doc_text: str,
                   outer: int) -> bool:
    """Whether a line printing only a label goes on with the label of the row above it: as indented as that label
    at least, and in lower case or a bracket (English), or in Chinese with no row under it indented below it, nor
    beside it when it stands further in than the table's outer labels (a group row stands out of its rows)."""
    if prev is None or LABEL not in prev or not _has_values(prev):
        return False
    at = column(doc_text, label.start)
    if at < column(doc_text, prev[LABEL].start):
        return False
    if (_GOES_ON.match(label.text) and not _NAME.match(label.text)) or not label.text[:1].isalpha():
        return True  # `within 30 days`, `(0-10), mean (SD)`, `≥1000 mL`
    below = nxt.get(LABEL) if nxt else None
    under = column(doc_text, below.start) if below is not None else -1
    return bool(HAN_CHAR.match(label.text)) and (nxt is None or under < at or (under == at and at > outer))


def _opens(label: Name, nxt: dict[int, Name] | None) -> bool:
    """Whether a line printing only a label opens the label of the row under it (`reoperation  5 (3.3)`)."""
    below = nxt.get(LABEL) if nxt else None
    return below is not None and _has_values(nxt) and below.text[:1].islower() and not _NAME.match(below.text)


def _body(lines: list[dict[int, Name]], doc_text: str) -> list[dict[int, Name]]:
    """The rows of a table with the parts of wrapped labels and cells joined."""
    out: list[dict[int, Name]] = []
    opening: Name | None = None
    outer = min((column(doc_text, x[LABEL].start) for x in lines if LABEL in x), default=0)
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev = out[-1] if out else None
        if not _has_values(line) and _fits(prev, line):
            for j, c in line.items():
                prev[j] = _join(prev[j], c)
            continue
        if set(line) == {LABEL} and _goes_on_label(prev, line[LABEL], nxt, doc_text, outer):
            prev[LABEL] = _join(prev[LABEL], line[LABEL])
            continue
        if set(line) == {LABEL} and _opens(line[LABEL], nxt):
            opening = line[LABEL]
            continue
        if opening is not None and LABEL in line:
            line = {**line, LABEL: _join(opening, line[LABEL])}
        opening = None
        out.append(dict(line))
    return out


def joined(rows: list[list[Name]], doc_text: str) -> list[list[Name]]:
    """The rows of a space-laid table (cells split by delimited.py) with each printed row over several lines made
    one; the rows as they were when the columns are unclear or nothing is joined."""
    cols = _columns(rows, doc_text)
    if cols is None:
        return rows
    lines = [_slotted(r, cols, doc_text) for r in rows]
    if any(line is None for line in lines):
        return rows
    first = next((i for i, line in enumerate(lines) if _has_values(line)), None)
    if first is None:
        return rows
    top = first
    while top > 0 and set(lines[top - 1]) == {LABEL}:
        top -= 1  # a group row over the first rows is no header
    out = _header([dict(x) for x in lines[:top]]) + _body([dict(x) for x in lines[top:]], doc_text)
    if len(out) == len(rows):
        return rows
    return [[_indented(c, doc_text) if j == LABEL else c for j, c in sorted(line.items())] for line in out]


def _indented(label: Name, doc_text: str) -> Name:
    """A row label with its printed column (one more, 0 saying unknown), so a group row's rows end where a label
    stands no further in (delimited.py `_entries`)."""
    return Name(label.start, label.end, label.text, column(doc_text, label.start) + 1)
