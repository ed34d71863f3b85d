"""`evkg validate`: pyshacl over a whole store, one named graph at a time, so memory stays that of
the largest document. The shapes and the check of one graph are kg/graph/shapes.py's."""
from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Graph

from evkg.kg.graph.shapes import Validation, validate_graph
from evkg.kg.store.backends import Store


def document_graphs(store: Store) -> Iterator[tuple[str, Graph]]:
    """Each named graph of the store in turn, as an rdflib Graph."""
    for g in store.graphs():
        triples = store.query_raw(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", union=False)
        yield g, Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def validate_store(store: Store) -> Validation:
    """Every document graph on its own (memory bounded by the largest); reports name the graph."""
    reports, triples, conforms = [], 0, True
    for name, graph in document_graphs(store):
        v = validate_graph(graph)
        triples += v.triples
        if not v.conforms:
            conforms = False
            reports.append(f"graph <{name}>:\n{v.report}")
    return Validation(conforms, "\n".join(reports) or "Conforms: True", triples)
