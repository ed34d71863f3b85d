"""Identity of facts in the graph: labels, codes and one node per fact (issue 10)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from evkg.core.details import Offsets
from evkg.core.model import TABLE_KINDS, Document, Fact
from evkg.core.namespace import EVKG, OA
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from evkg.kg.graph.ids import graph_iri
from evkg.kg.graph.rdf import document_triples
from evkg.kg.graph.shapes import validate_graph
from evkg.kg.ingest.batch import ingest
from evkg.kg.report.rows import evidence_rows
from evkg.kg.store.backends import open_store
from evkg.kg.store.queries import run_named
from evkg.kg.store.validate import validate_store
from helpers.corpus import FIXTURES, distinct_facts

IDENTITY_FIXTURES = FIXTURES / "identity"


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


def test_labels_and_codes_are_split_and_no_fact_carries_a_label_a_query_derives():
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
    # The name as written is the quote (docs/model.md), not a copy of it; people read evkg:label / evkg:code.
    assert not set(g.objects(None, EVKG.nameAsWritten))
    (node,) = g.subjects(EVKG.code, Literal("TACE"))
    quote = g.value(next(s for s in g.objects(g.value(node, EVKG.evidence), OA.hasSelector)
                         if (s, OA.exact, None) in g), OA.exact)
    assert str(quote) == "TACE"
    labelled = set(g.subjects(RDFS.label, None))
    assert labelled == set(g.subjects(RDF.type, EVKG.Document)) | set(g.objects(None, EVKG.section)) \
        | set(g.subjects(RDF.type, PROV.Activity)) | set(g.subjects(RDF.type, EVKG.Extractor))


def _document_facts(path: Path) -> tuple[Document, list[Fact]]:
    (doc,) = read_documents(path)
    return doc, extract_facts(doc, Context())


@pytest.fixture(scope="module")
def restart_store(tmp_path_factory):
    """Invented documents whose numbering restarts per section, with repeated sentences and two arms a sentence."""
    store = str(tmp_path_factory.mktemp("identity") / "store")
    report = ingest([IDENTITY_FIXTURES], store)
    assert report.ok, report.failed
    return store


def test_export_has_one_row_per_fact_and_every_row_is_traceable(restart_store):
    texts = {}
    expected = set()
    for path in sorted(IDENTITY_FIXTURES.glob("*.txt")):
        doc, facts = _document_facts(path)
        texts[doc.id] = doc.text
        expected |= distinct_facts(facts)
    with open_store(restart_store, read_only=True) as st:
        rows = evidence_rows(st)
        counted = sum(r["facts"] for r in run_named(st, "fact_counts").rows if r["kind"] in TABLE_KINDS)
    assert len(rows) == len(expected) == counted
    assert len({(r["doc"], r["kind"], r["start"], r["end"], r["name"], r["value"], r["arm"], r["ref"])
                for r in rows}) == len(rows)
    for r in rows:
        assert texts[r["doc"]][int(r["start"]):int(r["end"])] == r["quote"], r


def test_repeated_labels_are_separate_statements_and_citations_find_theirs(restart_store):
    with open_store(restart_store, read_only=True) as st:
        recs = [r for r in evidence_rows(st, "consensus_restart_zh") if r["kind"] == "recommendation"]
        cites = st.select(_CITING).rows
    by_label = {}
    for r in recs:
        by_label.setdefault(r["name"], []).append(r)
    # The second list restarts its numbering under no heading: two statements per printed label, each
    # its own node. Different statements are named apart by their place (`一 1 #1`, `一 1 #2`: one name,
    # one statement); the same statement printed twice (`共识2`) keeps one name for its two nodes.
    assert len(recs) == 4 and sorted(by_label) == ["一 1 #1", "一 1 #2", "一 2"]
    assert len(by_label["一 2"]) == 2
    assert {r["level"] for r in recs if r["strength"] == "强"} == {"A", "B"}
    # Each citation is linked to the statement it sits in, not to the first statement of that label.
    assert cites and all(int(c["s_start"]) <= int(c["c_start"]) <= int(c["s_end"]) + 5 for c in cites)


_CITING = """PREFIX evkg: <https://w3id.org/evkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?c_start ?s_start ?s_end WHERE { GRAPH ?g {
  ?c evkg:kind "citation" ; evkg:citingStatement ?s ; evkg:evidence/oa:hasSelector ?cp .
  ?cp oa:start ?c_start .
  ?s evkg:evidence/oa:hasSelector ?sp . ?sp oa:start ?s_start ; oa:end ?s_end } }"""


def test_each_document_graph_conforms(restart_store):
    with open_store(restart_store, read_only=True) as st:
        v = validate_store(st)
    assert v.conforms, v.report[:2000]


def _arm_doc() -> tuple[Document, list[Fact]]:
    text = ("Arms: TACE-lenvatinib group (n=40) and TACE group (n=42). "
            "ORR was 45.2% in the TACE-lenvatinib group and 20.1% in the TACE group. "
            "ORR was 45.2% in the TACE-lenvatinib group and 20.1% in the TACE group.")
    doc = Document("invented_arms", text)
    combo, alone = "TACE-lenvatinib group", "TACE group"
    facts = [_fact(doc, "arm", combo, name=combo, total=40, details={"interventions": "TACE; lenvatinib"}),
             _fact(doc, "arm", alone, name=alone, total=42, details={"interventions": "TACE"})]
    for occurrence in (0, 1):
        sentence = _fact(doc, "outcome", "ORR was 45.2% in the TACE-lenvatinib group and 20.1% in the TACE group.",
                         occurrence).provenance
        facts += [Fact("outcome", sentence, name="ORR", value=45.2, unit="%",
                       arm=combo.upper() if occurrence else combo, details={"comparator": alone}),
                  Fact("outcome", sentence, name="ORR", value=20.1, unit="%", arm=alone,
                       details={"comparator": combo})]
    return doc, facts


def test_two_arms_in_one_sentence_are_two_facts_sharing_results_across_repeats(tmp_path):
    doc, facts = _arm_doc()
    g = _graph(doc, facts)
    outcomes = set(g.subjects(EVKG.kind, Literal("outcome")))
    assert len(outcomes) == 4  # two arms x two sentences
    results = {g.value(o, EVKG.result) for o in outcomes}
    assert len(results) == 2  # the repeated sentence states the same two results
    arms = set(g.subjects(RDF.type, EVKG.StudyArm))
    assert len(arms) == 2
    received = {str(g.value(a, EVKG.label)): {str(c) for c in g.objects(a, EVKG.receivedIntervention)}
                for a in arms}
    assert received == {"TACE-lenvatinib group": {"TACE", "lenvatinib"}, "TACE group": {"TACE"}}
    assert validate_graph(g).conforms


def test_an_arm_written_many_ways_is_one_node_with_its_allocated_n():
    text = ("Patients were randomised to sorafenib (n = 30) or placebo (n = 31). "
            "ORR was 40.0% in the sorafenib arm and 12.9% in the Placebo group; ORR 40.0% (sorafenib group).")
    doc = Document("invented_arm_forms", text)
    facts = [_fact(doc, "arm", "sorafenib (n = 30)", name="sorafenib", total=30,
                   details={"interventions": "sorafenib"}),
             _fact(doc, "arm", "placebo (n = 31)", name="placebo", total=31)]
    sentence = _fact(doc, "outcome", "ORR was 40.0% in the sorafenib arm and 12.9% in the Placebo group;").provenance
    facts += [Fact("outcome", sentence, name="ORR", value=40.0, unit="%", arm="the sorafenib arm",
                   details={"comparator": "Placebo group"}),
              Fact("outcome", sentence, name="ORR", value=12.9, unit="%", arm="Placebo group"),
              Fact("outcome", _fact(doc, "outcome", "ORR 40.0% (sorafenib group)").provenance, name="ORR", value=40.0,
                   unit="%", arm="sorafenib group")]
    g = _graph(doc, facts)
    arms = set(g.subjects(RDF.type, EVKG.StudyArm))
    assert len(arms) == 2
    sizes = {str(g.value(a, EVKG.label)): str(g.value(a, EVKG.armSize)) for a in arms}
    assert sizes == {"sorafenib": "30", "placebo": "31"}
    # the mentions keep the arm as written, and point at the one node
    outcomes = list(g.subjects(EVKG.kind, Literal("outcome")))
    assert {str(g.value(o, EVKG.arm)) for o in outcomes} >= {"the sorafenib arm", "sorafenib group"}
    assert {g.value(o, EVKG.ofArm) for o in outcomes} == arms


def test_outcome_queries_filter_by_the_arms_interventions(tmp_path):
    doc, facts = _arm_doc()
    with open_store(str(tmp_path / "store")) as st:
        st.replace_graph(graph_iri(doc.id), document_triples(doc, "0" * 64, facts))
        lenva = run_named(st, "endpoint_evidence", {"endpoint": "ORR", "procedure": "lenvatinib"}).rows
        tace = run_named(st, "procedure_outcomes", {"procedure": "TACE"}).rows
    assert {r["value"] for r in lenva} == {45.2} and len(lenva) == 2
    assert tace[0]["numbers"] == 4 and tace[0]["lowest"] == 20.1


def test_one_fact_count_everywhere(restart_store):
    from evkg.kg.report.rows import source_rows
    from evkg.kg.store.ledger import Ledger, ledger_path
    from evkg.kg.store.stats import document_fact_counts, store_stats
    from evkg.kg.web.pages import documents

    with open_store(restart_store, read_only=True) as st:
        rows = evidence_rows(st)
        counts = {d: sum(c.values()) for d, c in document_fact_counts(st).items()}
        web = {d["doc"]: d["facts"] for d in documents(st)["documents"]}
        sheet = {r["doc"]: r["facts"] for r in source_rows(st, sorted(counts))}
        total = sum(store_stats(st)["kinds"].values())
    exported = {d: sum(1 for r in rows if r["doc"] == d) for d in counts}
    ledger = Ledger(ledger_path(restart_store))
    try:
        recorded = {d: ledger.get(d).facts for d in counts}
    finally:
        ledger.close()
    assert counts == web == sheet == exported == recorded and total == len(rows)


def test_two_readings_of_one_statement_span_stay_two_nodes():
    doc = Document("invented_twice", "Recommendation 3: ablation is advised (level B, grade 2).")
    a = _fact(doc, "recommendation", doc.text, name="Recommendation 3", level="B")
    b = _fact(doc, "recommendation", doc.text, name="Recommendation 3", level="2")
    g = _graph(doc, [a, b])
    assert len(set(g.subjects(EVKG.kind, Literal("recommendation")))) == 2
    assert validate_graph(g).conforms


def test_trace_keeps_statements_that_share_a_label_apart(restart_store):
    from evkg.core.errors import EvkgError
    from evkg.kg.report.trace import trace

    with open_store(restart_store, read_only=True) as st:
        (first,) = trace(st, "consensus_restart_zh", "一 1 #1")["recommendations"]
        (second,) = trace(st, "consensus_restart_zh", "一 1 #2")["recommendations"]
        (twice,) = trace(st, "consensus_restart_zh", "一 2")["recommendations"]
        with pytest.raises(EvkgError, match="its labels are"):
            trace(st, "consensus_restart_zh", "Consensus 7")
        with pytest.raises(EvkgError, match="several recommendations"):
            trace(st, "consensus_restart_zh", "1")
        with pytest.raises(EvkgError, match="several recommendations"):
            trace(st, "guideline_restart_en", "1")
    assert (first["level"], second["level"]) == ("B", "A")
    assert [c["ref"] for c in first["references"]] == ["1"]
    assert sorted(c["ref"] for c in second["references"]) == ["1", "3"]
    # printed twice: one recommendation, found at both places, its reference once with both citations
    assert len(twice["also_at"]) == 1 and [(r["ref"], len(r["cited_at"])) for r in twice["references"]] == [("2", 2)]


def test_a_citation_of_an_ungraded_statement_links_and_conforms():
    doc = Document("invented_ungraded", "Statement 2: follow-up imaging is advised [4].\n[4] Doe J. Imaging. 2020.")
    stmt = _fact(doc, "statement", "Statement 2: follow-up imaging is advised [4].", name="Statement 2")
    cite = _fact(doc, "citation", "advised [4]", name="Statement 2", ref="4",
                 details={"statement_span": Offsets(stmt.provenance.start, stmt.provenance.end)})
    ref = _fact(doc, "reference", "[4] Doe J. Imaging. 2020.", name="Doe", ref="4", value=2020)
    g = _graph(doc, [stmt, cite, ref])
    citation = next(g.subjects(EVKG.kind, Literal("citation")))
    assert g.value(citation, EVKG.citingStatement) == next(g.subjects(EVKG.kind, Literal("statement")))
    assert g.value(citation, EVKG.citedReference) == next(g.subjects(EVKG.kind, Literal("reference")))
    assert not list(g.objects(None, URIRef("https://w3id.org/evkg/ontology#statementSpan")))
    assert validate_graph(g).conforms
