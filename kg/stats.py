"""Counts over the store, by SPARQL."""
from __future__ import annotations

from kg.store import Store

_PREFIX = "PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"


def _counts(store: Store, sparql: str) -> dict[str, int]:
    return {r["key"]: r["count"] for r in store.select(_PREFIX + sparql).rows}


def store_stats(store: Store) -> dict:
    docs = _counts(store, "SELECT ?key (COUNT(?d) AS ?count) WHERE { GRAPH ?g { ?d a evkg:Document ; "
                          "evkg:documentType ?key } } GROUP BY ?key ORDER BY ?key")
    langs = _counts(store, "SELECT ?key (COUNT(?d) AS ?count) WHERE { GRAPH ?g { ?d a evkg:Document ; "
                           "dcterms:language ?key } } GROUP BY ?key ORDER BY ?key")
    kinds = _counts(store, "SELECT ?key (COUNT(?f) AS ?count) WHERE { GRAPH ?g { ?f a evkg:Fact ; "
                           "evkg:kind ?key } } GROUP BY ?key ORDER BY ?key")
    triples = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"]
    return {"documents": sum(docs.values()), "doctype": docs, "language": langs, "kinds": kinds,
            "triples": triples}
