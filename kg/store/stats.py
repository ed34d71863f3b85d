"""Counts over the store, by SPARQL. A document's facts are its evidence-table rows, counted by
queries/fact_counts.rq only (which facts are rows: queries/fragments/table_row.rq), so `stats`,
the web page, the Sources sheet and the number ingest records never disagree."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.namespace import DCTERMS

from evkg.core.model import TABLE_KINDS
from evkg.core.namespace import EVKG
from evkg.kg.graph.ids import graph_iri
from evkg.kg.store.backends import Store
from evkg.kg.store.queries import expand, run_named

if TYPE_CHECKING:
    from evkg.kg.graph.shapes import GraphIndex

_PREFIX = "PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"


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


def indexed_fact_count(idx: GraphIndex, doc: str) -> int:
    """What `fact_count` gives once the graph indexed here is stored, read from the index the shape
    check built (an ingest worker has it; reading the graph back took a memory store and a query):
    fact_counts.rq's pattern with the rule of queries/fragments/table_row.rq, a fact of a table kind
    and a recommendation only with a grade. tests/system/test_table_rows.py and
    tests/unit/kg/ingest/test_work.py hold both counts equal."""
    docs = {d for d, classes in idx.types.items() if EVKG.Document in classes
            and Literal(doc) in idx.values(d, DCTERMS.identifier)}
    rows = set()
    for fact, classes in idx.types.items():
        if EVKG.Fact not in classes or not docs.intersection(idx.values(fact, EVKG.inDocument)):
            continue
        for kind in idx.values(fact, EVKG.kind):
            if str(kind) in TABLE_KINDS and (str(kind) != "recommendation" or idx.values(fact, EVKG.evidenceLevel)
                                              or idx.values(fact, EVKG.strength)):
                rows.add((fact, str(kind)))
    return len(rows)


# Each document with its type and language, and its facts per kind by fact_counts.rq's pattern and
# rule (queries/fragments/table_row.rq): every count `stats` prints, in one pass over the store.
_STORE_COUNTS = _PREFIX + """SELECT ?doc ?type ?lang ?kind (COUNT(DISTINCT ?fact) AS ?facts)
WHERE {
  GRAPH ?g {
    ?d a evkg:Document ; dcterms:identifier ?doc .
    OPTIONAL { ?d evkg:documentType ?type } OPTIONAL { ?d dcterms:language ?lang }
    OPTIONAL { ?fact a evkg:Fact ; evkg:inDocument ?d ; evkg:kind ?kind FILTER ({{table_row}}) }
  }
}
GROUP BY ?doc ?type ?lang ?kind"""


def store_stats(store: Store) -> dict:
    """Documents by type and language, facts by kind, and the store's triples."""
    docs: dict[str, tuple[str, str]] = {}
    kinds: dict[str, int] = {}
    for r in store.select(expand(_STORE_COUNTS)).rows:
        docs[r["doc"]] = (r["type"], r["lang"])
        if r["kind"] is not None:
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + r["facts"]
    doctype: dict[str, int] = {}
    language: dict[str, int] = {}
    for t, lang in docs.values():
        if t is not None:
            doctype[t] = doctype.get(t, 0) + 1
        if lang is not None:
            language[lang] = language.get(lang, 0) + 1
    return {"documents": sum(doctype.values()), "doctype": dict(sorted(doctype.items())),
            "language": dict(sorted(language.items())), "kinds": dict(sorted(kinds.items())),
            "triples": store.quad_count()}
