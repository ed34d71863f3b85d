"""Namespaces. `EVKG` is generated from ontology/evkg.ttl, so a misspelt term raises AttributeError."""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD, DefinedNamespace  # noqa: F401  (re-exported)

from evkg.core.resources import ontology_dir

ONTOLOGY_DIR = ontology_dir()
ONTOLOGY_FILE = ONTOLOGY_DIR / "evkg.ttl"
EVKG_IRI = "https://w3id.org/evkg/ontology#"
DATA = Namespace("https://w3id.org/evkg/id/")

OA = Namespace("http://www.w3.org/ns/oa#")
FABIO = Namespace("http://purl.org/spar/fabio/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
CITO = Namespace("http://purl.org/spar/cito/")


def ontology_terms(path: Path = ONTOLOGY_FILE) -> list[str]:
    """Local names of the terms the ontology file defines in the evkg namespace."""
    g = Graph().parse(path, format="turtle")
    return sorted(str(s)[len(EVKG_IRI):] for s in set(g.subjects(RDF.type, None))
                  if isinstance(s, URIRef) and str(s).startswith(EVKG_IRI))


def _generate() -> type[DefinedNamespace]:
    terms = ontology_terms()
    return type("EVKG", (DefinedNamespace,), {
        "_NS": Namespace(EVKG_IRI), "_fail": True, "_warn": False,
        "__annotations__": dict.fromkeys(terms, URIRef)})


EVKG = _generate()
