"""graph/rdf.py: a document and its facts as triples, the quote and offsets on every fact's evidence."""
from rdflib import RDF, Graph, Literal
from rdflib import namespace as ns

from evkg.core.model import KINDS, Document, Fact, Metadata, Section
from evkg.core.namespace import EVKG, OA
from evkg.kg.graph.rdf import KIND_CLASS, document_triples, name_property

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


def _node(g: Graph, kind: str):
    (node,) = set(g.subjects(EVKG.kind, Literal(kind)))
    return node


def test_printed_numbers_are_typed_and_a_p_value_keeps_its_comparator():
    text = "OS: HR 0·62 (95% CI 0·48–0·80), P < .001; SD 1,726"
    doc = Document("invented_typed", text)
    f = Fact("outcome", doc.span(7, 11).provenance("test", "1"), name="OS", value=0.62, unit="HR",
             details={"ci_low": "0·48", "ci_high": "0·80", "ci_level": "95", "p_value": "< .001", "sd": "1,726",
                      "arm_size": 30})
    g = Graph()
    for t in document_triples(doc, "0" * 64, [f]):
        g.add(t)
    node = _node(g, "outcome")
    dec = ns.XSD.decimal
    assert g.value(node, EVKG.ciLow) == Literal("0.48", datatype=dec)
    assert g.value(node, EVKG.ciHigh) == Literal("0.8", datatype=dec)
    assert g.value(node, EVKG.ciLevel) == Literal("95", datatype=dec)
    assert g.value(node, EVKG.pValue) == Literal("0.001", datatype=dec)
    assert g.value(node, EVKG.pComparator) == Literal("<")
    assert g.value(node, EVKG.sd) == Literal("1726", datatype=dec)
    assert g.value(node, EVKG.armSize) == Literal(30, datatype=ns.XSD.integer)
    # the quote keeps what was printed
    span = g.value(node, EVKG.evidence)
    assert {str(g.value(s, OA.exact)) for s in g.objects(span, OA.hasSelector)} - {"None"} == {"0·62"}


def test_an_equals_sign_is_no_comparator_and_text_that_states_no_number_is_not_written():
    text = "PFS p = 0.04; CI NA to NA"
    doc = Document("invented_untyped", text)
    f = Fact("outcome", doc.span(0, 3).provenance("test", "1"), name="PFS", value=1.0,
             details={"p_value": "=0.04", "ci_low": "NA"})
    g = Graph()
    for t in document_triples(doc, "0" * 64, [f]):
        g.add(t)
    node = _node(g, "outcome")
    assert g.value(node, EVKG.pValue) == Literal("0.04", datatype=ns.XSD.decimal)
    assert g.value(node, EVKG.pComparator) is None and g.value(node, EVKG.ciLow) is None


def test_a_reference_year_is_a_gyear_not_a_value():
    f = _fact("Methods", "reference", name="Doe", ref="1", value=2021)
    g = _graph([f])
    node = _node(g, "reference")
    assert g.value(node, EVKG.year) == Literal("2021", datatype=ns.XSD.gYear)
    assert g.value(node, EVKG.value) is None


def test_facts_on_one_span_share_its_evidence_and_selectors():
    facts = [_fact("TACE", "procedure", name="TACE"), _fact("TACE", "procedure", name="TACE-DEB")]
    g = _graph(facts)
    nodes = set(g.subjects(EVKG.kind, Literal("procedure")))
    assert len(nodes) == 2
    assert len({g.value(n, EVKG.evidence) for n in nodes}) == 1
    assert len(set(g.subjects(RDF.type, OA.TextQuoteSelector))) == 1
    assert len(set(g.subjects(RDF.type, OA.TextPositionSelector))) == 1 + len(DOC.sections)
    # derivable labels are not written: a fact's label is its kind, code and number
    assert not any((n, ns.RDFS.label, None) in g for n in nodes)


def test_each_detail_is_written_with_the_datatype_its_ontology_range_declares():
    from rdflib import RDFS

    from evkg.core.details import details_schema
    from evkg.core.namespace import ONTOLOGY_FILE
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    want = {"text": ns.XSD.string, "integer": ns.XSD.integer, "decimal": ns.XSD.decimal, "p": ns.XSD.decimal}
    for spec in details_schema().values():
        if spec.link:
            continue
        declared = set(onto.objects(EVKG[spec.property], RDFS.range))
        # a text detail may leave its range to the default; a typed one must declare it
        assert declared == {want[spec.type]} or (spec.type == "text" and not declared), spec.key
