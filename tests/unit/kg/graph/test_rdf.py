"""graph/rdf.py: a document and its facts as triples, the quote and offsets on every fact's evidence."""
from rdflib import RDF, Graph, Literal
from rdflib import namespace as ns

from evkg.core.model import KINDS, Document, Fact, Metadata, Section
from evkg.core.namespace import EVKG, OA
from evkg.kg.graph.rdf import KIND_CLASS, document_triples, fact_label, name_property

TEXT = "Methods: 60 patients received TACE.\nResults: the response rate was 41.7% in the TACE group."
DOC = Document("invented_rdf", TEXT, sections=(Section("methods", 0, 35), Section("results", 36, len(TEXT))),
               metadata=Metadata(title="An invented trial", authors=("Doe J", "Roe R"), year=2021))


def _fact(needle: str, kind: str, **fields) -> Fact:
    start = TEXT.index(needle)
    return Fact(kind, DOC.span(start, start + len(needle)).provenance("test", "1"), **fields)


def _graph(facts) -> Graph:
    g = Graph()
    for t in document_triples(DOC, "0" * 64, facts):
        g.add(t)
    return g


def test_every_kind_has_a_class():
    assert set(KINDS) <= set(KIND_CLASS)


def test_where_a_name_goes():
    assert name_property("procedure") == EVKG.code
    assert name_property("recommendation") == EVKG.label
    assert name_property("reference") == EVKG.firstAuthor


def test_a_label_people_can_read():
    f = _fact("41.7%", "outcome", name="ORR", value=41.7, unit="%", arm="TACE group")
    assert fact_label(f) == "outcome ORR 41.7 % (TACE group)"
    assert fact_label(_fact("TACE", "procedure", name="TACE")) == "procedure TACE"


def test_the_document_node_and_its_sections():
    g = _graph([])
    (doc,) = set(g.subjects(RDF.type, EVKG.Document))
    assert g.value(doc, EVKG.fullText) == Literal(TEXT)
    assert g.value(doc, ns.DCTERMS.title) == Literal("An invented trial")
    assert g.value(doc, EVKG.authors) == Literal("Doe J; Roe R")
    starts = sorted(int(g.value(s, OA.start)) for s in g.objects(doc, EVKG.section))
    assert starts == [0, 36]


def test_a_fact_keeps_its_quote_and_offsets_and_its_value_as_a_decimal():
    f = _fact("41.7%", "outcome", name="ORR", value=41.7, unit="%", arm="TACE group")
    g = _graph([f])
    (node,) = set(g.subjects(EVKG.kind, Literal("outcome")))
    assert g.value(node, EVKG.value) == Literal("41.7", datatype=ns.XSD.decimal)
    ev = g.value(node, EVKG.evidence)
    selectors = list(g.objects(ev, OA.hasSelector))
    exact = next(g.value(s, OA.exact) for s in selectors if g.value(s, OA.exact) is not None)
    start = next(int(g.value(s, OA.start)) for s in selectors if g.value(s, OA.start) is not None)
    end = next(int(g.value(s, OA.end)) for s in selectors if g.value(s, OA.end) is not None)
    assert str(exact) == TEXT[start:end] == "41.7%"
    # its arm is a study-arm node, shared with the arm's other mentions
    assert (g.value(node, EVKG.ofArm), RDF.type, EVKG.StudyArm) in g


def test_the_same_input_gives_the_same_triples():
    facts = [_fact("TACE", "procedure", name="TACE"), _fact("60 patients", "sample_size", value=60)]
    assert set(_graph(facts)) == set(_graph(list(reversed(facts))))
