"""`evkg export`: the evidence table as CSV (the rows of report/rows.py, never in-memory facts), the
Data-and-analyses table as CSV (report/analyses.py), and which format a file name asks for. The
workbook is report/xlsx.py, the FHIR Bundle report/fhir.py."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from evkg.core.errors import EvkgError
from evkg.kg.graph.terms import format_number
from evkg.kg.report.analyses import DA_COLUMNS, data_and_analyses
from evkg.kg.report.columns import TABLE_COLUMNS
from evkg.kg.report.csv_out import write_csv
from evkg.kg.report.rows import RESULT_KINDS, all_facts, pick, selected_rows
from evkg.kg.store.backends import Store

# The format an export takes from its file name unless --format names one; the longest ending wins
# (`x.da.csv` is the Data-and-analyses table, any other `.csv` the evidence table).
FORMATS = {".da.csv": "da-csv", ".csv": "csv", ".xlsx": "xlsx", ".json": "fhir"}


def export_csv(store: Store, out: Path, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> int:
    return write_csv(selected_rows(store, docs, kinds), out, TABLE_COLUMNS)


def export_da_csv(store: Store, out: Path, docs: Iterable[str] = ()) -> int:
    """The Data-and-analyses rows (one per outcome x comparison x time point), numbers as numbers."""
    rows = data_and_analyses(pick(all_facts(store, docs), RESULT_KINDS))
    return write_csv(({c: _text(v) for c, v in r.items()} for r in rows), out, DA_COLUMNS)


def _text(v) -> str:
    return format_number(v) if isinstance(v, (int, float)) else "" if v is None else str(v)


def export_format(out: Path, fmt: str | None) -> str:
    """--format when given, else the file's ending; anything else is an error saying what to do."""
    if fmt:
        return fmt
    name = Path(out).name.lower()
    suffix = next((s for s in sorted(FORMATS, key=len, reverse=True) if name.endswith(s)), None)
    if suffix is None:
        raise EvkgError(f"cannot tell the format of {out}: name the file "
                        f"{' / '.join('*' + s for s in FORMATS)} or pass --format csv|da-csv|xlsx|fhir")
    return FORMATS[suffix]
