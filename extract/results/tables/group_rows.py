"""Rows the grid reader cannot split: a header line naming the groups and one line per row of `n (x%)`
cells separated by spaces, as Chinese PDF-to-text gives them (`疗效 A组(n=60) B组(n=60)`, then
`完全缓解(CR) 8(13.3) 3(5.0)`). Read only inside tables the grid reader leaves unread."""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.extract.results.tokens import NUMBER
from evkg.extract.text.arms import SIZE, arms
from evkg.extract.text.views import View

_ROW_CELL = re.compile(rf"(?<!\d)(\d+)\s*\(\s*({NUMBER})\s*%?\s*\)")


@dataclass(frozen=True)
class Cell:
    first: int  # key offset where the cell's printing starts (its count)
    start: int  # key span of the percentage's digits
    end: int
    stop: int  # where the cell's printing ends
    value: float
    n: int
    total: int | None
    measure: tuple[int, int]  # key span of the row label
    arm: tuple[int, int]  # key span of the group's name in the header
    code: str


def group_rows(v: View, labels, zones: list[tuple[int, int]]) -> list[Cell]:
    """The `count (percent)` cells of the rows under a header naming two or more groups, one per group, the
    group's size as total; `zones` are the document spans to look in, line by printed line."""
    out = []
    text = v.ctx.doc.text
    for zs, ze in zones:
        header = None
        for m in re.finditer(r"[^\n]+", text[zs:ze]):
            s, e = v.to_key(zs + m.start()), v.to_key(zs + m.end())
            groups = arms(v, s, e)
            if len(groups) >= 2 and not _ROW_CELL.search(v.key, s, e):
                header = groups
                continue
            row = [lb for lb in labels if s <= lb.start < e]
            found = list(_ROW_CELL.finditer(v.key, row[0].end if row else s, e))
            if header is None or not row or len(found) != len(header) or v.key[found[-1].end():e].strip() \
                    or not re.fullmatch(r"\s*(?:\([^()\d]*\))?\s*", v.key[row[0].end:found[0].start()]):
                continue
            for cell, group in zip(found, header):
                size = SIZE.match(v.key, group.end)
                total = int(size.group(1) or size.group(2)) if size else None
                out.append(Cell(cell.start(), cell.start(2), cell.end(2), cell.end(), float(cell.group(2)),
                                int(cell.group(1)), total, (row[0].start, row[0].end), (group.start, group.end),
                                row[0].code))
    return out
