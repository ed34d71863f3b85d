"""SHACL shapes, the ontology and the named queries."""
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from evkg.core.errors import ModelError
from evkg.core.namespace import EVKG, ONTOLOGY_FILE, ontology_terms
from evkg.kg.graph.rdf import KIND_CLASS, detail_property
from evkg.kg.graph.shapes import validate_graph
from evkg.kg.store.backends import open_store
from evkg.kg.store.queries import named_queries, named_text
from evkg.kg.store.validate import document_graphs, validate_store


def test_seeds_graph_conforms(seeds_store):
    with open_store(seeds_store, read_only=True) as st:
        v = validate_store(st)
    assert v.conforms, v.report[:3000]
    assert v.triples > 1000


def test_a_fact_without_its_quote_is_caught(seeds_store):
    exact = URIRef("http://www.w3.org/ns/oa#exact")
    with open_store(seeds_store, read_only=True) as st:
        g = next(g for _, g in document_graphs(st) if (None, exact, None) in g)
    quote = next(g.subjects(predicate=exact))
    g.remove((quote, None, None))
    v = validate_graph(g)
    assert not v.conforms and "QuoteShape" in v.report


def test_namespace_is_generated_from_the_ontology():
    terms = ontology_terms()
    assert "Recommendation" in terms and "ciLow" in terms
    assert all(str(cls).rsplit("#", 1)[1] in terms for cls in KIND_CLASS.values())
    with pytest.raises(AttributeError):
        _ = EVKG.Recomendation  # misspelt: fails instead of minting a new term
    assert detail_property("p_value") == EVKG.pValue
    with pytest.raises(ModelError, match="unknown detail 'p_valeu'"):
        detail_property("p_valeu")


def test_every_ontology_term_has_english_and_chinese_labels():
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    rdfs_label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    for term in ontology_terms():
        langs = {lbl.language for lbl in g.objects(EVKG[term], rdfs_label)}
        assert {"en", "zh"} <= langs, term


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_parses(name):
    text = named_queries()[name].read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), "each query opens with a header comment"
    ox.Store().query(named_text(name))  # raises SyntaxError if the query (fragments spliced in) does not parse
