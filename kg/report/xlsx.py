"""The review workbook (`evkg export --format xlsx`): one sheet per view, ready for a reviewer.

No cell is ever a formula: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is written as text with a leading apostrophe (kg/table.py `safe_cell`, as in the
CSV), and every text cell is typed as a string. Quotes are never changed by this: a
quote is a document span whose ends `Span.provenance` strips of whitespace and of
`-=+@`, so no quote starts with a formula character and `quote == text[start:end]` holds
in the workbook as in the CSV. The one exception is a character XML cannot hold (C0
controls other than tab and newline): the workbook shows it as U+FFFD; the CSV keeps it.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from evkg.kg.report.rows import Sheet, review_sheets
from evkg.kg.store.backends import Store
from evkg.kg.report.table import safe_cell

_WIDE = 60
_MAX_WIDTH = 40
_HEADER = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def export_xlsx(store: Store, out: Path, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> dict[str, int]:
    """Write the workbook; returns the number of rows of each sheet."""
    sheets = review_sheets(store, docs, kinds)
    write_workbook(sheets, out)
    return {s.name: len(s.rows) for s in sheets}


def write_workbook(sheets: list[Sheet], out: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet.name), sheet)
    wb.save(out)


def _write_sheet(ws, sheet: Sheet) -> None:
    ws.append(list(sheet.columns))
    for cell in ws[1]:
        cell.font = _HEADER
    for row in sheet.rows:
        ws.append([_value(row.get(c), c in sheet.numeric) for c in sheet.columns])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"   # never "f", whatever the text looks like
    for i, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        if column in sheet.wide:
            ws.column_dimensions[letter].width = _WIDE
            for cell in ws[letter][1:]:
                cell.alignment = _WRAP
        else:
            ws.column_dimensions[letter].width = _width(column, (r.get(column) for r in sheet.rows))
            for cell in ws[letter][1:]:
                cell.alignment = _TOP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _value(v: Any, numeric: bool) -> Any:
    if v is None or v == "":
        return None
    if numeric and isinstance(v, (int, float)):
        return v
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", safe_cell("text", str(v)))


def _width(column: str, values: Iterable[Any]) -> float:
    """Fits the header and most values; CJK characters take two columns."""
    longest = max([_display_len(column)] + [_display_len(str(v)) for v in values if v is not None])
    return min(_MAX_WIDTH, longest + 2)


def _display_len(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
