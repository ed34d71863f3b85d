"""What a fact costs in quads: a store's document graphs counted by predicate, per fact.

    .venv/bin/python bench/quads.py STORE [STORE ...]     # stores made by `evkg ingest`

Prints, per store: documents, facts (nodes typed evkg:Fact), distinct evidence spans, all quads of
the document graphs (the cross-document link graph left out) and quads per fact, then where they
go: quads by predicate, and the quads of the document nodes themselves (full text, sections,
extractors), which a fact does not cause. Nothing is asserted; docs/model.md quotes one run.
"""
from __future__ import annotations

import sys
from collections import Counter

import pyoxigraph as ox

LINKS = "https://w3id.org/evkg/id/graph/_links"
EVKG = "https://w3id.org/evkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _short(iri: str) -> str:
    for prefix, name in ((EVKG, "evkg:"), ("http://www.w3.org/ns/oa#", "oa:"), ("http://www.w3.org/ns/prov#", "prov:"),
                         ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"), ("http://purl.org/dc/terms/", "dcterms:"),
                         ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:")):
        if iri.startswith(prefix):
            return name + iri[len(prefix):]
    return iri


def count(path: str) -> None:
    store = ox.Store.read_only(path)
    by_pred: Counter = Counter()
    facts, docs, literals = set(), set(), Counter()
    quads = 0
    for q in store.quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.NamedNode) or q.graph_name.value == LINKS:
            continue
        quads += 1
        p = q.predicate.value
        by_pred[_short(p)] += 1
        if p == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            if q.object.value == EVKG + "Fact":
                facts.add(q.subject.value)
            elif q.object.value == EVKG + "Document":
                docs.add(q.subject.value)
        if isinstance(q.object, ox.Literal):
            literals[q.object] += 1
    oa = "http://www.w3.org/ns/oa#"
    spans = {tuple(str(r[v]) for v in ("g", "s", "e")) for r in store.query(
        f"SELECT ?g ?s ?e WHERE {{ GRAPH ?g {{ ?f <{EVKG}evidence>/<{oa}hasSelector> ?p . "
        f"?p <{oa}start> ?s ; <{oa}end> ?e }} }}")}
    n = max(len(facts), 1)
    print(f"{path}: {len(docs)} documents, {len(facts)} facts, {len(spans)} evidence spans, {quads} quads, "
          f"{quads / n:.1f} quads per fact; {len(literals)} distinct literals in {sum(literals.values())} "
          "literal objects")
    for pred, c in by_pred.most_common():
        print(f"  {c:9d}  {c / n:6.2f}/fact  {pred}")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        count(arg)
