"""store/formats.py: results as the client asks for them, cut at a row cap and marked."""
import csv
import io
import json

import pyoxigraph as ox

from evkg.kg.store.formats import CSV, JSON, NTRIPLES, TSV, TURTLE, answer, negotiate


def _store() -> ox.Store:
    st = ox.Store()
    ex = "http://example.org/"
    for i in range(5):
        st.add(ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}label"), ox.Literal(f"肝癌 {i}, \"q\"")))
    st.add(ox.Quad(ox.NamedNode(f"{ex}s0"), ox.NamedNode(f"{ex}n"),
                   ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    return st


SELECT = "SELECT ?s ?label WHERE { ?s <http://example.org/label> ?label } ORDER BY ?s"


def test_negotiation_honours_q_values_and_falls_back():
    offered = {JSON: JSON, CSV: CSV, TSV: TSV}
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", offered, JSON) == JSON
    assert negotiate("text/csv;q=0.9, text/tab-separated-values;q=0.1", offered, JSON) == CSV
    assert negotiate("*/*", offered, JSON) == JSON
    assert negotiate("", offered, TSV) == TSV
    assert negotiate("text/csv;q=oops", offered, JSON) == CSV   # a bad q counts as 1


def test_json_rows_and_a_cap():
    full = answer(_store().query(SELECT), JSON, 100)
    doc = json.loads(full.body)
    assert (full.rows, full.truncated) == (5, False) and doc["head"]["vars"] == ["s", "label"]
    assert doc["results"]["bindings"][0]["label"] == {"type": "literal", "value": '肝癌 0, "q"'}
    cut = answer(_store().query(SELECT), JSON, 2)
    assert (cut.rows, cut.truncated) == (2, True) and json.loads(cut.body)["truncated"] is True


def test_typed_literals_keep_their_datatype_in_json():
    res = answer(_store().query("SELECT ?n WHERE { ?s <http://example.org/n> ?n }"), JSON, 10)
    (b,) = json.loads(res.body)["results"]["bindings"]
    assert b["n"]["datatype"].endswith("#integer")


def test_csv_and_tsv():
    res = answer(_store().query(SELECT), "text/csv", 10)
    rows = list(csv.reader(io.StringIO(res.body.decode("utf-8"))))
    assert res.content_type == CSV and rows[0] == ["s", "label"] and rows[1][1] == '肝癌 0, "q"'
    tsv = answer(_store().query(SELECT), TSV, 10).body.decode("utf-8").splitlines()
    assert tsv[0] == "?s\t?label" and tsv[1].startswith("<http://example.org/s0>\t")


def test_booleans_and_graphs():
    assert json.loads(answer(_store().query("ASK { ?s ?p ?o }"), JSON, 10).body)["boolean"] is True
    graph = answer(_store().query("CONSTRUCT WHERE { ?s ?p ?o }"), TURTLE, 3)
    assert graph.content_type == TURTLE and (graph.rows, graph.truncated) == (3, True)
    nt = answer(_store().query("CONSTRUCT WHERE { ?s ?p ?o }"), "application/json", 100)
    assert nt.content_type == NTRIPLES and nt.rows == 6   # a graph is never JSON: N-Triples by default
