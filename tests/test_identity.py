"""Identity of facts in the graph: labels, codes and one node per fact (issue 10)."""
from __future__ import annotations

from rdflib import RDFS, Graph, Literal, URIRef

from core.model import Document, Fact
from core.namespace import EVKG
from kg.rdf import document_triples


def _fact(doc: Document, kind: str, needle: str, occurrence: int = 0, **fields) -> Fact:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(needle, start + 1)
    return Fact(kind, doc.span(start, start + len(needle)).provenance("test", "1"), **fields)


def _graph(doc: Document, facts: list[Fact]) -> Graph:
    g = Graph()
    for t in document_triples(doc, "0" * 64, facts):
        g.add(t)
    return g


def test_labels_and_codes_are_split_and_every_node_has_an_rdfs_label():
    doc = Document("invented_split", "Recommendation 1: TACE is advised (level B). Arm A got lenvatinib.")
    rec = _fact(doc, "recommendation", "Recommendation 1: TACE is advised (level B).", name="Recommendation 1",
                level="B")
    proc = _fact(doc, "procedure", "TACE", name="TACE")
    arm = _fact(doc, "arm", "Arm A", name="Arm A")
    g = _graph(doc, [rec, proc, arm])
    labels = {str(o) for o in g.objects(None, EVKG.label)}
    codes = {str(o) for o in g.objects(None, EVKG.code)}
    assert labels == {"Recommendation 1", "Arm A"}
    assert codes == {"TACE"}
    assert {str(o) for o in g.objects(None, EVKG.nameAsWritten)} == {"TACE"}
    for s in set(g.subjects()):
        if isinstance(s, URIRef):
            assert (s, RDFS.label, None) in g, s
    assert (None, RDFS.label, Literal("procedure TACE")) in g
