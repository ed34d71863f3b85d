"""Counts over the store, by SPARQL. A document's facts are counted by queries/fact_counts.rq
only, so `stats`, the web page, the Sources sheet and ingest never disagree."""
from __future__ import annotations

from typing import Iterable

from evkg.core.model import TABLE_KINDS, Fact
from evkg.kg.graph.nodes import DocLinks
from evkg.kg.store.queries import run_query
from evkg.kg.store.backends import Store

_PREFIX = "PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"


def _counts(store: Store, sparql: str) -> dict[str, int]:
    return {r["key"]: r["count"] for r in store.select(_PREFIX + sparql).rows}


def in_table(f: Fact) -> bool:
    """A row of the evidence table: a table kind, and no statement printed without a grade
    (kg/export.py `ungraded_statement` says the same of a row)."""
    return f.kind in TABLE_KINDS and not (f.kind == "recommendation" and not f.level and not f.strength)


def fact_count(facts: Iterable[Fact]) -> int:
    """What fact_counts.rq will count for these facts once stored: one per evidence-table Fact node."""
    links = DocLinks.of(facts)
    return len({node for f, node in links.nodes.items() if in_table(f)})


def document_fact_counts(store: Store, doc: str | None = None) -> dict[str, dict[str, int]]:
    """doc -> kind -> facts, from fact_counts.rq."""
    out: dict[str, dict[str, int]] = {}
    for r in run_query(store, "fact_counts", {"doc": doc} if doc else None).rows:
        out.setdefault(r["doc"], {})[r["kind"]] = r["facts"]
    return out


def store_stats(store: Store) -> dict:
    docs = _counts(store, "SELECT ?key (COUNT(?d) AS ?count) WHERE { GRAPH ?g { ?d a evkg:Document ; "
                          "evkg:documentType ?key } } GROUP BY ?key ORDER BY ?key")
    langs = _counts(store, "SELECT ?key (COUNT(?d) AS ?count) WHERE { GRAPH ?g { ?d a evkg:Document ; "
                           "dcterms:language ?key } } GROUP BY ?key ORDER BY ?key")
    kinds: dict[str, int] = {}
    for counts in document_fact_counts(store).values():
        for kind, n in counts.items():
            kinds[kind] = kinds.get(kind, 0) + n
    triples = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"]
    return {"documents": sum(docs.values()), "doctype": docs, "language": langs,
            "kinds": dict(sorted(kinds.items())), "triples": triples}
