"""`evkg export`: the evidence table as CSV (the rows of report/rows.py, never in-memory facts), and
which format a file name asks for. The workbook is report/xlsx.py, the FHIR Bundle report/fhir.py."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from evkg.core.errors import EvkgError
from evkg.kg.report.columns import TABLE_COLUMNS
from evkg.kg.report.csv_out import write_csv
from evkg.kg.report.rows import selected_rows
from evkg.kg.store.backends import Store

# The format an export takes from its file name unless --format names one.
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "fhir"}


def export_csv(store: Store, out: Path, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> int:
    return write_csv(selected_rows(store, docs, kinds), out, TABLE_COLUMNS)


def export_format(out: Path, fmt: str | None) -> str:
    """--format when given, else the file's extension; anything else is an error saying what to do."""
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower()
    if suffix not in FORMATS:
        raise EvkgError(f"cannot tell the format of {out}: name the file "
                        f"{' / '.join('*' + s for s in FORMATS)} or pass --format csv|xlsx|fhir")
    return FORMATS[suffix]
