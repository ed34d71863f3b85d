"""Exports produced from the graph by SPARQL (never from in-memory facts)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from evkg.core.errors import EvkgError
from evkg.core.model import KINDS
from evkg.kg.graph import ids
from evkg.kg.store.queries import run_named
from evkg.kg.store.backends import Store
from evkg.kg.store.lookup import check_documents
from evkg.kg.report.studies import section_index, study_index
from evkg.kg.graph.terms import format_number
from evkg.kg.report.table import TABLE_COLUMNS, write_csv

# The format an export takes from its file name unless --format names one.
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "fhir"}


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return format_number(v)
    return str(v)


def evidence_rows(store: Store, doc: str | None = None, kinds: Iterable[str] = ()) -> list[dict[str, str]]:
    """The evidence table (of one document when `doc` is given), one row per fact, in a stable order.

    Without `kinds`, the table's rows (the spec's kinds; statements only with a grade, as
    queries/fragments/table_row.rq says); with `kinds`, every fact of those kinds, graph kinds
    (arm, regimen) and statements printed without a grade included."""
    wanted = set(kinds)
    res = run_named(store, "evidence_table", {"doc": doc}, [ids.graph_iri(doc)]) if doc \
        else run_named(store, "evidence_table")
    studies, sections = study_index(store, doc), section_index(store, doc)
    seen, out = set(), []
    for r in res.rows:
        # A fact with two values of one optional property would come twice; it is one mention.
        if r["fact"] in seen or not (r["kind"] in wanted if wanted else r["table_row"] == "true"):
            continue
        seen.add(r["fact"])
        row = {c: _cell(r.get(c)) for c in TABLE_COLUMNS}
        if _own_number(row):
            row["arm_size"] = row["arm_size"] or _cell(r["node_arm_size"])
        else:
            row["comparator_size"] = ""
        row["study"] = studies.label(row["doc"], row["ref"], row["source_name"])
        row["section"] = sections.at(row["doc"], int(r["start"]))
        row["title"], row["year"], row["fact"] = _cell(r["title"]), _cell(r["year"]), r["fact"]
        out.append(row)
    return out


def _own_number(row: dict[str, str]) -> bool:
    """A number of a study whose arms the document states: its own, or a cited one (arm nodes are
    per study, keyed by the cited reference). A trial named without a citation shares the
    document's arm nodes, so their sizes are not its arms' sizes."""
    return not row["source_name"] or bool(row["ref"])


def selected_rows(store: Store, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[dict[str, str]]:
    """The evidence table restricted to some documents and kinds (empty: all documents, the table's rows)."""
    docs, kinds = list(dict.fromkeys(docs)), tuple(kinds)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise EvkgError(f"unknown kind {', '.join(unknown)}; kinds are: {', '.join(KINDS)}")
    if docs:
        check_documents(store, docs)
        return [r for d in docs for r in evidence_rows(store, d, kinds)]
    return evidence_rows(store, kinds=kinds)


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
