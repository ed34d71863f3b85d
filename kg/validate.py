"""SHACL validation of the graph against ontology/shapes.ttl (pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass

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


def validate_graph(data: Graph) -> Validation:
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                 allow_warnings=True)
    return Validation(bool(conforms), text, len(data))


def validate_store(store: Store) -> Validation:
    return validate_graph(Graph().parse(data=store.ntriples(), format="nt"))
