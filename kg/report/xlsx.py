"""The review workbook (`evkg export --format xlsx`): which sheets it has (`review_sheets`, each a
row view of report/rows.py) and how they are written.

Sheets: Studies (each document and each cited study: label, design, population, arms with N, ids),
Results (one row per result, its mentions counted), Evidence (the evidence table, one row per
mention), Recommendations (graded statements with their grade on the common scale, cited
references, resolved sources and how much those report), References (each document's reference
list with its resolution), Codes (the key to the codes: English and Chinese names from the
lexicons) and Sources (each document with its fact counts). Values stay Python values (numbers as
numbers) until written.

No cell is ever a formula: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is written as text with a leading apostrophe (report/columns.py `safe_cell`, as in
the CSV), and every text cell is typed as a string. Quotes are never changed by this: a
quote is a document span whose ends `Span.provenance` strips of whitespace and of
`-=+@`, so no quote starts with a formula character and `quote == text[start:end]` holds
in the workbook as in the CSV. The one exception is a character XML cannot hold (C0
controls other than tab and newline): the workbook shows it as U+FFFD; the CSV keeps it.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from evkg.core.model import TABLE_KINDS
from evkg.kg.report.columns import NUMERIC, TABLE_COLUMNS, safe_cell
from evkg.kg.report.rows import (
    CODE_COLUMNS,
    RECOMMENDATION_COLUMNS,
    REFERENCE_COLUMNS,
    RESULT_COLUMNS,
    RESULT_NUMBERS,
    SOURCE_COLUMNS,
    STUDY_COLUMNS,
    as_numbers,
    code_rows,
    recommendation_rows,
    reference_rows,
    result_rows,
    selected_rows,
    source_rows,
    study_rows,
)
from evkg.kg.store.backends import Store

_WIDE = 60
_MAX_WIDTH = 40
_HEADER = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    numeric: frozenset[str] = frozenset()
    wide: frozenset[str] = frozenset()   # long text: wrapped in a wide column


def review_sheets(store: Store, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[Sheet]:
    """The sheets; `docs` restricts every sheet, `kinds` the Evidence sheet."""
    docs = list(docs)
    evidence = selected_rows(store, docs, kinds)   # as the CSV: the same kinds, the same rows
    rows = selected_rows(store, docs, ("outcome", "arm", "design", "condition", "sample_size"))
    return [
        Sheet("Studies", STUDY_COLUMNS, study_rows(store, docs, rows), frozenset({"year"}),
              frozenset({"title", "arms"})),
        Sheet("Results", RESULT_COLUMNS, result_rows(rows), frozenset(RESULT_NUMBERS), frozenset({"quote"})),
        Sheet("Evidence", TABLE_COLUMNS, [as_numbers(r, NUMERIC) for r in evidence],
              frozenset(NUMERIC), frozenset({"quote"})),
        Sheet("Recommendations", RECOMMENDATION_COLUMNS, recommendation_rows(store, docs),
              frozenset({"source_facts"}), frozenset({"text"})),
        Sheet("References", REFERENCE_COLUMNS, reference_rows(store, docs),
              frozenset({"year", "score"}), frozenset({"title", "quote"})),
        Sheet("Codes", CODE_COLUMNS, code_rows(evidence), frozenset({"rows"}), frozenset({"synonyms"})),
        Sheet("Sources", SOURCE_COLUMNS, source_rows(store, docs),
              frozenset({"year", "facts", *TABLE_KINDS}), frozenset({"title"})),
    ]


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
