"""Validation on the way in: the built-in checker agrees with pyshacl, and a document whose
graph breaks a shape is not stored while the rest of the batch goes in."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

import evkg.kg.ingest.work as ingest_module  # where graphs are built (in this process with --jobs 0)
from evkg.core.namespace import OA
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from evkg.kg.cli import main
from evkg.kg.graph.rdf import document_triples
from evkg.kg.graph.shapes import ShapeViolation, check_document, validate_graph, violations
from evkg.kg.ingest.batch import ingest
from evkg.kg.store.backends import open_store
from evkg.kg.store.ledger import Ledger, ledger_path
from evkg.kg.store.validate import validate_store
from helpers.corpus import FIXTURES

IDENTITY_FIXTURES = FIXTURES / "identity"

_XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


@pytest.fixture(scope="module")
def doc_triples() -> list[tuple]:
    (doc,) = read_documents(IDENTITY_FIXTURES / "consensus_restart_zh.txt")
    return list(document_triples(doc, "0" * 64, extract_facts(doc, Context())))


def _graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def test_a_sound_graph_passes_both_checkers(doc_triples):
    assert list(violations(doc_triples)) == []
    assert validate_graph(_graph(doc_triples)).conforms


def _mutations(triples):
    """Ways a writer bug could break a graph: a triple lost, or a second value where one belongs."""
    def drop(i):
        return [t for j, t in enumerate(triples) if j != i]

    def second_value(i):
        s, p, o = triples[i]
        twin = Literal(f"{o}x") if isinstance(o, Literal) and o.datatype is None else \
            Literal(-7, datatype=_XSD_INTEGER) if isinstance(o, Literal) else URIRef(f"{o}-twin")
        return [*triples, (s, p, twin)]
    return drop, second_value


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_builtin_checker_agrees_with_pyshacl(doc_triples, data):
    i = data.draw(st.integers(0, len(doc_triples) - 1))
    how = data.draw(st.sampled_from(_mutations(doc_triples)))
    broken = how(i)
    fast = list(violations(broken))
    assert (not fast) == validate_graph(_graph(broken)).conforms, (doc_triples[i], how.__name__, fast[:3])


def test_a_missing_quote_names_document_shape_and_focus(doc_triples):
    broken = [t for t in doc_triples if t[1] != OA.exact]
    with pytest.raises(ShapeViolation) as e:
        check_document("consensus_restart_zh", broken)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith("consensus_restart_zh: not stored")
    assert "Shape" in e.value.shape and e.value.focus.startswith("https://w3id.org/evkg/id/doc/")


def test_a_document_breaking_a_shape_is_not_stored_and_the_rest_goes_in(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(IDENTITY_FIXTURES, folder)
    real = ingest_module.document_triples

    def breaking(doc, sha, facts):  # a writer bug that only hits one document
        out = list(real(doc, sha, facts))
        return [t for t in out if t[1] != OA.exact] if doc.id == "consensus_restart_zh" else out

    monkeypatch.setattr(ingest_module, "document_triples", breaking)
    store = str(tmp_path / "store")
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--jobs", "0", "--store", store, str(folder)])
    assert res.exit_code == 1
    errors = [line for line in res.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "consensus_restart_zh" in errors[0] and "QuoteShape" in errors[0], errors
    with open_store(store, read_only=True) as st_:
        graphs = st_.graphs()
        assert validate_store(st_).conforms
    assert any(g.endswith("/guideline_restart_en") for g in graphs)
    assert not any(g.endswith("/consensus_restart_zh") for g in graphs)
    ledger = Ledger(ledger_path(store))
    try:
        assert ledger.get("consensus_restart_zh") is None and ledger.get("guideline_restart_en") is not None
    finally:
        ledger.close()


def test_validate_store_reports_the_broken_graph(tmp_path):
    store = str(tmp_path / "store")
    assert ingest([IDENTITY_FIXTURES], store).ok
    with open_store(store) as st_:
        st_.update("DELETE { GRAPH ?g { ?q <http://www.w3.org/ns/oa#exact> ?x } } WHERE { GRAPH ?g { "
                   "?q <http://www.w3.org/ns/oa#exact> ?x } FILTER(CONTAINS(STR(?g), 'guideline')) }")
        v = validate_store(st_)
    assert not v.conforms and "guideline_restart_en" in v.report and "consensus_restart_zh" not in v.report


def test_a_record_breaking_a_shape_leaves_the_files_other_records_stored(tmp_path, monkeypatch):
    real = ingest_module.document_triples

    def breaking(doc, sha, facts):
        out = list(real(doc, sha, facts))
        return [t for t in out if t[1] != OA.exact] if doc.id == "pubmed_two-90000001" else out

    monkeypatch.setattr(ingest_module, "document_triples", breaking)
    store = str(tmp_path / "store")
    report = ingest([FIXTURES / "articles" / "pubmed_two.xml"], store, jobs=0)
    assert report.ingested == ["pubmed_two-90000002"]
    ((path, message),) = report.failed
    assert path.endswith("pubmed_two.xml") and message.startswith("pubmed_two-90000001: not stored")
    with open_store(store, read_only=True) as st_:
        assert [g.rsplit("/", 1)[-1] for g in st_.graphs() if not g.endswith("_links")] == ["pubmed_two-90000002"]
