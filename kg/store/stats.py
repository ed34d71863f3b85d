"""Counts over the store, by SPARQL. A document's facts are its evidence-table rows, counted by
queries/fact_counts.rq only (which facts are rows: queries/fragments/table_row.rq), so `stats`,
the web page, the Sources sheet and the number ingest records never disagree."""
from __future__ import annotations

from evkg.kg.graph.ids import graph_iri
from evkg.kg.store.backends import Store
from evkg.kg.store.queries import run_named

_PREFIX = "PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"


def _counts(store: Store, sparql: str) -> dict[str, int]:
    return {r["key"]: r["count"] for r in store.select(_PREFIX + sparql).rows}


def document_fact_counts(store: Store, doc: str | None = None) -> dict[str, dict[str, int]]:
    """doc -> kind -> facts, from fact_counts.rq (of one document's own graph when `doc` is given)."""
    out: dict[str, dict[str, int]] = {}
    res = run_named(store, "fact_counts", {"doc": doc}, [graph_iri(doc)]) if doc else run_named(store, "fact_counts")
    for r in res.rows:
        out.setdefault(r["doc"], {})[r["kind"]] = r["facts"]
    return out


def fact_count(store: Store, doc: str) -> int:
    """The facts (evidence-table rows) of one stored document."""
    return sum(document_fact_counts(store, doc).get(doc, {}).values())


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
