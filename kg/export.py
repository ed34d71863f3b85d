"""Exports produced from the graph by SPARQL (never from in-memory facts)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.queries import run_query
from kg.store import Store
from kg.table import COLUMNS, format_number, write_csv


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return format_number(v)
    return str(v)


def evidence_rows(store: Store, doc: str | None = None) -> list[dict[str, str]]:
    """The evidence table (of one document when `doc` is given), in a stable order."""
    res = run_query(store, "evidence_table", {"doc": doc} if doc else None)
    return [{c: _cell(r.get(c)) for c in COLUMNS} for r in res.rows]


def export_csv(store: Store, out: Path) -> int:
    return write_csv(evidence_rows(store), out)
