"""The review workbook (`evkg export --format xlsx`): which sheets it has (`review_sheets`, each a
row view of report/rows.py) and how they are written.

Sheets: Studies (each document and each cited study: label, design, population, arms with N, ids),
Data and analyses (one row per outcome x comparison x time point, each arm's numbers side by side
with the effect, CI and p, in RevMan's column names: report/analyses.py), Results (one row per
result, its mentions counted), Evidence (the evidence table, one row per mention), Recommendations
(graded statements with their grade on the common scale, cited references, resolved sources and
how much those report), References (each document's reference list with its resolution), Codes
(the codes the exported rows use: English and Chinese names from the lexicons) and Sources (each
document with its fact counts). Values stay Python values (numbers as numbers) until written.

Written streaming (openpyxl write-only: each row goes to disk as it is made) and set up to print:
landscape A4, fitted to the page width, the header row repeated on every page, columns as wide as
their content (up to a limit), a column no row fills hidden, a sheet with no rows hidden (its header
still says what it would hold), long text (quotes, titles) wrapped in a wide column. Cells are
styled only where a row needs it (a wrapped cell, and the rest of its row aligned to the top):
styling every cell doubles the time a 100-document workbook takes.

No cell is ever a formula: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is written as text with a leading apostrophe (report/columns.py `safe_cell`, as in
the CSV), and every text cell is typed as a string. Quotes are never changed by this: a
quote is a document span whose ends `Span.provenance` strips of whitespace and of
`-=+@` (a number quoted alone, `-4.1`, keeps its sign: a spreadsheet never runs it), so no
quote is escaped and `quote == text[start:end]` holds
in the workbook as in the CSV. The one exception is a character XML cannot hold (C0
controls other than tab and newline): the workbook shows it as U+FFFD; the CSV keeps it.
"""
from __future__ import annotations

import contextlib
import copy
import math
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from evkg.core.model import TABLE_KINDS
from evkg.kg.report.analyses import DA_COLUMNS, DA_NUMBERS, data_and_analyses
from evkg.kg.report.columns import NUMERIC, TABLE_COLUMNS, safe_cell
from evkg.kg.report.rows import (
    CODE_COLUMNS,
    RECOMMENDATION_COLUMNS,
    REFERENCE_COLUMNS,
    RESULT_COLUMNS,
    RESULT_KINDS,
    RESULT_NUMBERS,
    SOURCE_COLUMNS,
    STUDY_COLUMNS,
    all_facts,
    as_numbers,
    check_kinds,
    code_rows,
    pick,
    recommendation_rows,
    reference_rows,
    result_rows,
    source_rows,
    study_rows,
)
from evkg.kg.store.backends import Store

_WIDE = 60          # a wrapped column's width, in characters (a wider column: fewer lines, more rows a page)
_MAX_WIDTH = 24     # any other column's width at most
_MIN_WIDTH = 4
_NARROW = 10        # an identifier's column (an IRI): its start is enough to tell rows apart
_LINE = 13          # points a line of the default font takes (as LibreOffice prints it)
_BOLD = 0.8         # the characters of a bold header a column holds, per width unit
_TEXT_WIDTH = 0.85  # text is narrower than the `0` a column's width is counted in
_MAX_HEIGHT = 409   # the tallest row a spreadsheet allows, in points
_HEADER_WIDTH = 9   # a header wider than its values wraps (into a few lines), not the column
# The evidence table's columns written as numbers when they hold one (a p-value `<0.001` stays text).
_EVIDENCE_NUMBERS = frozenset(NUMERIC) | {"ci_low", "ci_high", "ci_level", "sd", "arm_size", "comparator_size",
                                          "p_value"}
_SAMPLE = 2000      # rows a column's width is measured on
# Characters a spreadsheet shows two columns wide (CJK, Hangul, full-width forms).
_DOUBLE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                     "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    numeric: frozenset[str] = frozenset()
    wide: frozenset[str] = frozenset()   # long text: wrapped in a wide column
    wrap_width: int = _WIDE              # that column's width, in characters


def review_sheets(store: Store, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[Sheet]:
    """The sheets; `docs` restricts every sheet, `kinds` the Evidence sheet. The facts are read once."""
    docs, kinds = list(docs), check_kinds(kinds)
    facts = all_facts(store, docs)
    evidence = pick(facts, kinds)   # as the CSV: the same kinds, the same rows
    rows = pick(facts, RESULT_KINDS)
    results = result_rows(rows)
    return [
        Sheet("Studies", STUDY_COLUMNS, study_rows(store, docs, rows), frozenset({"year"}),
              frozenset({"title", "arms"})),
        Sheet("Data and analyses", DA_COLUMNS, data_and_analyses(rows, results), DA_NUMBERS,
              frozenset({"Outcome", "Quotes"}), wrap_width=30),
        Sheet("Results", RESULT_COLUMNS, results, frozenset(RESULT_NUMBERS), frozenset({"quote"})),
        Sheet("Evidence", TABLE_COLUMNS, [as_numbers(r, _EVIDENCE_NUMBERS) for r in evidence],
              _EVIDENCE_NUMBERS, frozenset({"quote"})),
        Sheet("Recommendations", RECOMMENDATION_COLUMNS, recommendation_rows(store, docs),
              frozenset({"source_facts"}), frozenset({"text"})),
        Sheet("References", REFERENCE_COLUMNS, reference_rows(store, docs),
              frozenset({"year", "score"}), frozenset({"title"})),
        Sheet("Codes", CODE_COLUMNS, code_rows(evidence), frozenset({"rows"})),
        Sheet("Sources", SOURCE_COLUMNS, source_rows(store, docs),
              frozenset({"year", "facts", *TABLE_KINDS}), frozenset({"title"})),
    ]


def export_xlsx(store: Store, out: Path, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> dict[str, int]:
    """Write the workbook; returns the number of rows of each sheet."""
    sheets = review_sheets(store, docs, kinds)
    write_workbook(sheets, out)
    return {s.name: len(s.rows) for s in sheets}


def write_workbook(sheets: list[Sheet], out: Path) -> None:
    wb = Workbook(write_only=True)
    try:
        for sheet in sheets:
            _write_sheet(wb, wb.create_sheet(sheet.name), sheet)
        wb.save(out)
    finally:
        _close(wb)


def _close(wb: Workbook) -> None:
    """Ends the stream of each sheet a save did not (`out` could not be written): a write-only
    sheet is two nested generators writing XML, and left to the garbage collector they are closed
    in any order, outer first, which lxml reports as errors nobody can catch."""
    for ws in wb.worksheets:
        if not ws.closed:
            with contextlib.suppress(Exception):   # the error that stopped the save is the one to report
                ws.close()


class _Styles:
    """Cells styled once and copied: setting a style on each cell costs more than writing it."""

    def __init__(self, ws):
        self.header = WriteOnlyCell(ws)
        self.header.font = Font(bold=True)
        self.header.alignment = Alignment(wrap_text=True, vertical="top")
        self.wrap = WriteOnlyCell(ws)
        self.wrap.alignment = Alignment(wrap_text=True, vertical="top")
        self.top = WriteOnlyCell(ws)
        self.top.alignment = Alignment(vertical="top")

    @staticmethod
    def cell(ws, value: Any, like: WriteOnlyCell) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value)
        c._style = copy.copy(like._style)
        return c


def _write_sheet(wb: Workbook, ws, sheet: Sheet) -> None:
    widths = {c: _width(c, sheet.rows, sheet.wide, sheet.wrap_width) for c in sheet.columns}
    for i, column in enumerate(sheet.columns, start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        if widths[column] is None:   # no row has a value: the column prints as nothing
            dim.hidden = True
        else:
            dim.width = widths[column]
    _print_setup(ws, len(sheet.columns), len(sheet.rows))
    if not sheet.rows and wb.worksheets[0] is not ws:
        ws.sheet_state = "hidden"   # kept for its header, but no page of nothing and no empty tab
    styles = _Styles(ws)
    # Row heights are written, not left to the reader: LibreOffice does not grow a row to fit
    # its wrapped text when it opens a workbook, so the lines would overlap in print.
    ws.row_dimensions[1].height = _LINE * max(_lines(c, w, words=True) for c, w in widths.items() if w)
    ws.append([styles.cell(ws, c, styles.header) for c in sheet.columns])
    wide = [(c, widths[c]) for c in sheet.columns if c in sheet.wide and widths[c]]
    for i, row in enumerate(sheet.rows, start=2):
        values = [_value(row.get(c), c in sheet.numeric) for c in sheet.columns]
        lines = max([_lines(v, w) for c, w in wide if isinstance(v := row.get(c), str)] or [1])
        if lines > 1:   # a tall row: its long text wraps, the rest of its cells read from the top
            ws.row_dimensions[i].height = min(_MAX_HEIGHT, _LINE * lines)
            values = [styles.cell(ws, v, styles.wrap if c in sheet.wide else styles.top)
                      for c, v in zip(sheet.columns, values)]
        ws.append(values)


def _lines(text: str, width: float, words: bool = False) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide (a header's words
    are not broken; other text is measured by its display length)."""
    if words:
        return len(textwrap.wrap(text, max(1, int((width - 1) * _BOLD)))) or 1
    usable = max(1.0, width - 1) / _TEXT_WIDTH
    return sum(max(1, math.ceil(_display_len(p) / usable)) for p in text.split("\n"))


def _print_setup(ws, columns: int, rows: int) -> None:
    last = get_column_letter(max(columns, 1))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{rows + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0   # one page wide, as many long as it takes
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.4
    ws.page_margins.header = ws.page_margins.footer = 0.2


def _value(v: Any, numeric: bool) -> Any:
    if v is None or v == "":
        return None
    if numeric and isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", safe_cell("text", str(v)))


def _width(column: str, rows: list[dict[str, Any]], wide: frozenset[str], wrap_width: int) -> float | None:
    """A column's width: long text (`wide`) wraps in a wide column; an identifier (an IRI) is cut to
    a narrow one; any other fits its longest value among the first rows, and its header in a few
    lines. None when no row has a value."""
    values = [str(v) for r in rows[:_SAMPLE] if (v := r.get(column)) not in (None, "")]
    if rows and not values and not any(r.get(column) not in (None, "") for r in rows):
        return None
    if column in wide:
        return wrap_width
    if values and all(v.startswith(("http://", "https://")) for v in values[:50]):
        return _NARROW
    longest = max([_HEADER_WIDTH] + [_display_len(v) for v in values])
    return max(_MIN_WIDTH, min(_MAX_WIDTH, longest + 1))


def _display_len(s: str) -> int:
    return len(s) + len(_DOUBLE.findall(s))
