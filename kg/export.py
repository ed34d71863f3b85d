"""Exports produced from the graph by SPARQL (never from in-memory facts)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from kg import ids
from kg.queries import run_query
from kg.store import Store
from kg.table import COLUMNS, format_number, write_csv


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return format_number(v)
    return str(v)


def evidence_rows(store: Store, doc: str | None = None, ungraded: bool = False) -> list[dict[str, str]]:
    """The evidence table (of one document when `doc` is given), in a stable order; statements
    without a grade only when `ungraded` (shared/spec/annotation.md: they are no table row)."""
    res = run_query(store, "evidence_table", {"doc": doc}, [ids.graph_iri(doc)]) if doc \
        else run_query(store, "evidence_table")
    rows = [{c: _cell(r.get(c)) for c in COLUMNS} for r in res.rows]
    return rows if ungraded else [r for r in rows if not ungraded_statement(r)]


def selected_rows(store: Store, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[dict[str, str]]:
    """The evidence table restricted to some documents and kinds (empty: all)."""
    docs, kinds = list(dict.fromkeys(docs)), set(kinds)
    ungraded = "recommendation" in kinds  # asked for by kind: every statement, graded or not
    rows = [r for d in docs for r in evidence_rows(store, d, ungraded)] if docs else evidence_rows(store, None, ungraded)
    return [r for r in rows if not kinds or r["kind"] in kinds]


def ungraded_statement(row: dict[str, str]) -> bool:
    """A statement without a grade: in the graph and in `--kind recommendation`, but no row of the
    full evidence table."""
    return row["kind"] == "recommendation" and not row["level"] and not row["strength"]


def export_csv(store: Store, out: Path, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> int:
    return write_csv(selected_rows(store, docs, kinds), out)
