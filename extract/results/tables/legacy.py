"""The earlier cell map on the folded key, kept while sentences.py asks it (`cells`, `timed`, `Cell`): its
results inside a table are replaced by the grid reader's (tables/__init__.py `with_tables`), so this map
only names the cells the prose reader should treat as cells. Remove it with that call.

Flattened tables (one cell per line, as PMC text renders them), read row by column.

After a `Table N` title come the column headers, then blocks of row labels each followed by
their cells. A block of r labels and c cells holds c / r columns; its cells run row by
column (`ETF`, `OTF`, then CQ's two cells, AQ's two …), and the last c / r header lines
name the columns, which are the arms. Tables titled as baseline or design are not results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.extract.results.tokens import word_pattern
from evkg.extract.text.views import View

_TITLE = re.compile(r"(?:table|tab\.)\s*\d+", re.I)
# A cell: numbers with their marks (`4/39 (10.3)*`, `25.0 (37.2)b`, `−0.4 ± 1.2`), no words.
_CELL = re.compile(r"[-+−–<>≤≥~]?\s*\d[\d\s.,·()\[\]/%±\-–−:;*†‡§a-d]{0,40}")
_PROSE = 160
_MAX_LINES = 400


@dataclass(frozen=True)
class Cell:
    label: tuple[int, int]  # key span of the row label
    column: tuple[int, int] | None  # key span of the column header, when the block says
    title: tuple[int, int] = (0, 0)  # key span of the table's title (after `Table N`)


def _lines(key: str, start: int) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos < len(key) and len(out) < _MAX_LINES:
        end = key.find("\n", pos)
        end = len(key) if end < 0 else end
        if key[pos:end].strip():
            out.append((pos, end))
        if end - pos > _PROSE:
            break
        pos = end + 1
    return out


def timed(key: str, span: tuple[int, int] | None) -> bool:
    """Whether a column header is a time point (`day 7`, `week 12`, `at enrolment`): rows are then arms."""
    text = key[span[0]:span[1]].strip() if span else ""
    return 0 < len(text) <= 30 and bool(re.match(r"(?:at\s+)?(?:day|week|month|year|visit|baseline|enrol\w*|"
                                                  r"follow-up|pre|post|\d+\s*(?:h|d|wk|mo)\b)", text))


def _is_cell(key: str, s: int, e: int) -> bool:
    """A value cell, or an empty one (`–`, `NA`) that still takes its column's place."""
    text = key[s:e].strip()
    return bool(_CELL.fullmatch(text) or re.fullmatch(r"['\-–—‐]+|n/?a|nr|nd", text))


def cells(v: View) -> dict[int, Cell]:
    """Key offset of each cell line's start -> its row label and column, for the document's tables."""
    return v.ctx.memo("result_table_cells", lambda: _read_tables(v))


def _read_tables(v: View) -> dict[int, Cell]:
    key, out = v.key, {}
    for m in re.finditer(r"(?m)^(?:table|tab\.)\s*\d+[^\n]*", key):
        title = m.group(0) if re.search(r"[a-z]{4}", m.group(0)[6:]) else key[m.start():key.find("\n", m.end() + 1)]
        if word_pattern("skip").search(title):
            continue  # the title (on its line or the next) says baseline, characteristics …
        lines = _lines(key, m.end() + 1)
        first = next((i for i, (s, e) in enumerate(lines) if _is_cell(key, s, e)), None)
        if first is None:
            continue
        header = lines[:max(first - 1, 0)]  # the line right before the first cell labels its row
        start = re.match(r"(?:table|tab\.)\s*\d+\.?\s*", m.group(0)).end() + m.start()
        _blocks(key, lines[first - 1 if first else 0:], header, out, (start, m.end()))
    return out


def _blocks(key: str, lines, header, out: dict[int, Cell], title: tuple[int, int]) -> None:
    labels, cells_ = [], []
    for s, e in lines + [(len(key), len(key))]:
        is_cell = s < len(key) and _is_cell(key, s, e)
        if is_cell:
            cells_.append((s, e))
            continue
        if cells_ and labels:
            r = len(labels) if len(cells_) % len(labels) == 0 else 1
            labs = labels[-r:]
            m = len(cells_) // r
            cols = header[-m:] if len(header) >= m else None
            for j, (cs, _) in enumerate(cells_):
                out[cs] = Cell(labs[j % r], cols[j // r] if cols else None, title)
            labels = []
        cells_ = []
        if s < len(key) and (e - s) <= _PROSE and not _TITLE.match(key[s:e].strip()):
            labels.append((s, e))
