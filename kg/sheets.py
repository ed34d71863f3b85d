"""The sheets of the review workbook, each a list of rows read from the graph by SPARQL.

Evidence (the evidence table), Recommendations (graded statements with their grade on the
common scale, cited references, resolved sources and how much those report), References
(each document's reference list with its resolution) and Sources (each document with its
fact counts). Values stay Python values (numbers as numbers) until the writer formats them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from kg.export import selected_rows
from core.model import TABLE_KINDS
from kg.queries import run_query
from kg.store import Store
from kg.table import COLUMNS, NUMERIC


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    numeric: frozenset[str] = frozenset()
    wide: frozenset[str] = frozenset()   # long text: wrapped in a wide column


RECOMMENDATION_COLUMNS = ("doc", "label", "text", "level", "strength", "system", "certainty", "strength_class",
                          "refs", "sources", "source_facts")
REFERENCE_COLUMNS = ("doc", "ref", "first_author", "year", "title", "journal", "doi", "pmid",
                     "resolved", "method", "score", "quote")
SOURCE_COLUMNS = ("doc", "type", "language", "title", "year", "registry_id", "facts") + TABLE_KINDS


def review_sheets(store: Store, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[Sheet]:
    """The four sheets; `docs` restricts every sheet, `kinds` the Evidence sheet."""
    docs = list(docs)
    return [
        Sheet("Evidence", COLUMNS, [_numbers(r, NUMERIC) for r in selected_rows(store, docs, kinds)],
              frozenset(NUMERIC), frozenset({"quote"})),
        Sheet("Recommendations", RECOMMENDATION_COLUMNS, recommendation_rows(store, docs),
              frozenset({"source_facts"}), frozenset({"text"})),
        Sheet("References", REFERENCE_COLUMNS, _per_doc(store, "references", docs),
              frozenset({"year", "score"}), frozenset({"title", "quote"})),
        Sheet("Sources", SOURCE_COLUMNS, source_rows(store, docs),
              frozenset({"year", "facts", *TABLE_KINDS}), frozenset({"title"})),
    ]


def recommendation_rows(store: Store, docs: list[str]) -> list[dict[str, Any]]:
    out = []
    for r in _per_doc(store, "recommendation_sources", docs):
        refs = sorted(filter(None, (r["refs"] or "").split(", ")), key=lambda x: (not x.isdigit(), x.zfill(8)))
        out.append(r | {"strength_class": r["strengthClass"], "refs": ", ".join(refs)})
    return out


def source_rows(store: Store, docs: list[str]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, int]] = {}
    for r in _per_doc(store, "fact_counts", docs):
        counts.setdefault(r["doc"], {})[r["kind"]] = r["facts"]
    out = []
    for r in _per_doc(store, "documents", docs):
        c = counts.get(r["doc"], {})
        out.append(r | {"registry_id": r["nct"], "facts": sum(c.values()), **{k: c.get(k, 0) for k in TABLE_KINDS}})
    return out


def _per_doc(store: Store, query: str, docs: list[str]) -> list[dict[str, Any]]:
    """A named query's rows, for each of `docs` (bound as ?doc) or for all documents."""
    if not docs:
        return run_query(store, query).rows
    return [r for d in dict.fromkeys(docs) for r in run_query(store, query, {"doc": d}).rows]


def _numbers(row: dict[str, str], numeric: Iterable[str]) -> dict[str, Any]:
    """The evidence table's numeric columns as numbers (it is built as text for CSV)."""
    out: dict[str, Any] = dict(row)
    for c in numeric:
        v = row.get(c) or ""
        out[c] = None if v == "" else float(v) if any(ch in v for ch in ".eE") else int(v)
    return out
