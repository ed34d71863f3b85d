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
    # Each term is also a class attribute: rdflib builds a new URIRef after a membership check on
    # every `EVKG.x` otherwise (100 k times for the graphs of 50 documents). A misspelt term still
    # falls through to DefinedNamespace and raises.
    known = {t: URIRef(EVKG_IRI + t) for t in terms if not t.startswith("_") and t not in dir(DefinedNamespace)}
    return type("EVKG", (DefinedNamespace,), {
        "_NS": Namespace(EVKG_IRI), "_fail": True, "_warn": False,
        "__annotations__": dict.fromkeys(terms, URIRef), **known})


class Terms:
    """A namespace whose terms are looked up once, then read as plain attributes (rdflib's
    namespaces build each term again on every attribute access): `Terms(RDF).type`."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)  # a misspelt term of a closed namespace raises here
        setattr(self, name, term)
        return term


EVKG = _generate()
