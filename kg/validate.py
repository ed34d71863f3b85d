"""SHACL validation of the graph against ontology/shapes.ttl (pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate
from rdflib import Graph

from core.namespace import ONTOLOGY_DIR, ONTOLOGY_FILE
from kg.store import Store

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: str
    triples: int


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    return Graph().parse(SHAPES_FILE, format="turtle"), Graph().parse(ONTOLOGY_FILE, format="turtle")


def validate_graph(data: Graph) -> Validation:
    shapes, ontology = _shapes_and_ontology()
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                 allow_warnings=True)
    return Validation(bool(conforms), text, len(data))


def validate_store(store: Store) -> Validation:
    """Graph by graph (a document's graph holds all its nodes), so memory stays that of the
    largest document, not of the store."""
    failed, triples, conforms = [], 0, True
    for g in store.graphs():
        v = validate_graph(Graph().parse(data=store.graph_ntriples(g), format="nt"))
        triples += v.triples
        if not v.conforms:
            conforms = False
            failed.append(f"graph <{g}>:\n{v.report}")
    return Validation(conforms, "\n".join(failed) or "Conforms: True", triples)
