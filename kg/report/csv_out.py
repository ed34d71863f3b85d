"""Rows written as CSV: UTF-8 with a byte-order mark (so spreadsheets show Chinese), formula-like
text defused (report/columns.py `safe_cell`)."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from evkg.kg.report.columns import COLUMNS, safe_cell


def write_csv(rows: Iterable[Mapping[str, str]], out: Path, columns: tuple[str, ...] = COLUMNS) -> int:
    """Returns the number of rows written."""
    count = 0
    with Path(out).open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for row in rows:
            w.writerow([safe_cell(c, row.get(c) or "") for c in columns])
            count += 1
    return count
