"""Table cells as results until the table reader (extract/results/tables.py) hands over its own: the
cells `tables.cells` finds, a cell's row label as its measure and its column as its arm, and the
`n (x%)` cells under a header naming the groups (`疗效 A组(n=60) B组(n=60)`). Kept apart so the prose
reader never reads table lines; it goes when `tables.read_tables` exists."""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.core.text import HAN_CHAR
from evkg.extract.results import tables
from evkg.extract.results.tokens import NUMBER, numbers
from evkg.extract.text.arms import SIZE, arms
from evkg.extract.text.views import View

_ROW_CELL = re.compile(rf"(?<!\d)(\d+)\s*\(\s*({NUMBER})\s*%?\s*\)")


@dataclass(frozen=True)
class Cell:
    start: int  # key span of the value's digits
    end: int
    stop: int  # where the cell's printing ends
    value: float
    measure: tuple[int, int]  # key span of the row label (or title)
    arm: tuple[int, int] | None
    n: int | None = None
    total: int | None = None
    details: tuple[tuple[str, str], ...] = ()
    code: str = ""


def cells(v: View, flags: bytearray, labels) -> list[Cell]:
    """The result cells of the document's tables, in text order."""
    key = v.key
    out = []
    for line, cell in tables.cells(v).items():
        end = key.find("\n", line)
        end = len(key) if end < 0 else end
        if any(HAN_CHAR.search(key, a, b) for a, b in [cell.label, cell.column or (0, 0)]):
            continue  # a Chinese table: `_group_rows` below
        for n in numbers(key, line, end, flags):
            if n.role not in ("value", "range") or n.first < 0:
                continue
            measure, arm = _measure_and_arm(v, cell)
            out.append(Cell(n.start, n.end, n.stop, n.value, measure, arm, n.n, n.total,
                            tuple(sorted((k, str(x)) for k, x in n.details.items() if x))))
            break
    return sorted(out + _group_rows(v, labels), key=lambda c: c.start)


def _measure_and_arm(v: View, cell: tables.Cell) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """A cell's measure is its row and its arm the column. A time-point row (`Week 8`) leaves the measure
    to the table's title; under time-point columns a row naming an arm (`Placebo`) is the arm."""
    key = v.key
    title = cell.title if cell.title[1] > cell.title[0] else None
    if tables.timed(key, cell.label) and title:
        return title, None if tables.timed(key, cell.column) else cell.column
    if tables.timed(key, cell.column):
        if title and arms(v, *cell.label):
            return title, cell.label
        return cell.label, None
    return cell.label, cell.column


def _lines(v: View, end: int):
    for m in re.finditer(r"[^\n]+", v.ctx.doc.text[:end]):
        yield v.to_key(m.start()), v.to_key(m.end())


def _group_rows(v: View, labels) -> list[Cell]:
    """Flattened rows under a header naming the groups (`疗效 A组(n=60) B组(n=60)`): `完全缓解(CR) 8(13.3) 3(5.0)`,
    one `count (percent)` cell per group, the group's size as total."""
    refs = v.ctx.doc.section("references")
    out, header = [], None
    for s, e in _lines(v, refs.start if refs else len(v.ctx.doc.text)):
        groups = arms(v, s, e)
        if len(groups) >= 2 and not _ROW_CELL.search(v.key, s, e):
            header = groups
            continue
        row = [lb for lb in labels if s <= lb.start < e]
        found = list(_ROW_CELL.finditer(v.key, row[0].end if row else s, e))
        if header is None or not row or len(found) != len(header) or v.key[found[-1].end():e].strip() \
                or not re.fullmatch(r"\s*(?:\([^()\d]*\))?\s*", v.key[row[0].end:found[0].start()]):
            header = None
            continue
        for cell, group in zip(found, header):
            size = SIZE.match(v.key, group.end)
            total = int(size.group(1) or size.group(2)) if size else None
            out.append(Cell(cell.start(2), cell.end(2), cell.end(), float(cell.group(2)), (row[0].start, row[0].end),
                            (group.start, group.end), int(cell.group(1)), total, (("statistic", "proportion"),),
                            row[0].code))
    return out
