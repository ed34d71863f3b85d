"""`evkg serve`: the read-only SPARQL endpoint, its guard, timeouts, row cap, and the web pages."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from evkg.kg.ingest.batch import ingest
from evkg.kg.report.trace import trace
from evkg.kg.store.backends import open_store
from evkg.kg.store.formats import negotiate
from evkg.kg.store.guard import RefusedQuery, check_query
from helpers.corpus import EXAMPLES
from helpers.serve import request, running_server, sparql_get

EVKG = "PREFIX evkg: <https://w3id.org/evkg/ontology#>\n"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# Three unconstrained patterns: a cross product of every triple with itself, twice.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(examples_session_store):
    with running_server(examples_session_store, timeout=2.0, max_rows=50, workers=2) as (base, srv):
        yield base, srv


def _json_rows(reply):
    assert reply.status == 200, reply.text
    data = json.loads(reply.body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def _count_triples(base):
    return int(_json_rows(sparql_get(base, COUNT_TRIPLES))[0]["n"])


# -- the guard, on its own ---------------------------------------------------------------

@pytest.mark.parametrize("text, why", [
    ("INSERT DATA { GRAPH <http://x/g> { <http://x/s> <http://x/p> 1 } }", "INSERT DATA"),
    ("LOAD <http://example.org/data.ttl> INTO GRAPH <http://x/g>", "LOAD"),
    ("DROP ALL", "DROP"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT ?svc { ?s ?p ?o } } } }", "SERVICE"),
    ("SELEC * WHERE { ?s ?p ?o }", "syntax"),
])
def test_guard_refuses_updates_service_and_bad_syntax_saying_why(text, why):
    with pytest.raises(RefusedQuery, match=why):
        check_query(text)


def test_guard_reads_the_parse_not_the_words():
    # Keywords inside a string or a comment are neither an update nor a SERVICE.
    q = check_query('SELECT ?s WHERE { ?s ?p "DROP ALL; SERVICE <http://x> {}" } # INSERT DATA')
    assert q.form == "select" and q.dataset == ()
    q = check_query("ASK FROM <http://a/g1> FROM NAMED <http://a/g2> { ?s ?p ?o }")
    assert q.form == "ask" and q.dataset == ("http://a/g1", "http://a/g2")


def test_accept_negotiation_honours_q_values():
    offered = {"application/sparql-results+json": 1, "text/csv": 1, "text/tab-separated-values": 1}
    assert negotiate("text/csv;q=0.5, text/tab-separated-values", offered, "x") == "text/tab-separated-values"
    assert negotiate("*/*", offered, "application/sparql-results+json") == "application/sparql-results+json"
    assert negotiate("", offered, "d") == "d"


# -- the endpoint -------------------------------------------------------------------------

def test_select_as_json_csv_and_tsv_matches_the_store(server, examples_session_store):
    base, _ = server
    q = EVKG + "SELECT ?kind (COUNT(?f) AS ?n) WHERE { ?f evkg:kind ?kind } GROUP BY ?kind ORDER BY ?kind"
    with open_store(examples_session_store, read_only=True) as st:
        expected = {r["kind"]: r["n"] for r in st.select(q).rows}
    assert expected["outcome"] > 0
    as_json = {r["kind"]: int(r["n"]) for r in _json_rows(sparql_get(base, q))}
    assert as_json == expected
    reply = sparql_get(base, q, "text/csv")
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert {r["kind"]: int(r["n"]) for r in csv.DictReader(io.StringIO(reply.text))} == expected
    reply = sparql_get(base, q, "text/tab-separated-values")
    lines = reply.text.splitlines()
    assert lines[0] == "?kind\t?n"
    assert f'"outcome"\t"{expected["outcome"]}"^^<http://www.w3.org/2001/XMLSchema#integer>' in lines


def test_post_query_body_and_form(server):
    base, _ = server
    q = EVKG + 'SELECT ?f WHERE { ?f evkg:kind "recommendation" }'
    direct = request(f"{base}/sparql", q.encode(), {"Content-Type": "application/sparql-query"})
    form = request(f"{base}/sparql", urllib.parse.urlencode({"query": q}).encode(),
                   {"Content-Type": "application/x-www-form-urlencoded"})
    assert len(_json_rows(direct)) == len(_json_rows(form)) == 5


def test_ask_and_construct(server):
    base, _ = server
    assert json.loads(sparql_get(base, EVKG + "ASK { ?f evkg:kind 'outcome' }").body)["boolean"] is True
    reply = sparql_get(base, EVKG + "CONSTRUCT { ?f evkg:kind ?k } WHERE { ?f evkg:kind ?k } LIMIT 3",
                       "application/n-triples")
    assert reply.headers["Content-Type"] == "application/n-triples"
    assert len(reply.text.strip().splitlines()) == 3


def test_updates_are_refused_and_leave_the_store_unchanged(server, examples_session_store):
    base, _ = server
    before = _count_triples(base)
    attempts = [
        (b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        (urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded"}),
        (urllib.parse.urlencode({"query": "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded"}),
        (b"INSERT DATA { GRAPH <http://x/g> { <http://x/s> <http://x/p> 1 } }",
         {"Content-Type": "application/sparql-query"}),
        (b"LOAD <http://127.0.0.1:9/none.ttl>", {"Content-Type": "application/sparql-query"}),
    ]
    for body, headers in attempts:
        reply = request(f"{base}/sparql", body, headers)
        assert reply.status == 400 and "read-only" in reply.text, (body, reply.text)
    reply = request(f"{base}/sparql?" + urllib.parse.urlencode({"update": "DROP ALL"}))
    assert reply.status == 400 and "read-only" in reply.text
    assert _count_triples(base) == before
    with open_store(examples_session_store, read_only=True) as st:
        assert st.select(COUNT_TRIPLES).rows[0]["n"] == before


def test_service_and_foreign_from_are_refused_but_a_stored_graph_may_be_named(server):
    base, _ = server
    reply = sparql_get(base, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert reply.status == 400 and "SERVICE" in reply.text
    reply = sparql_get(base, "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }")
    assert reply.status == 400 and "http://127.0.0.1:9/data.ttl" in reply.text
    graph = "https://w3id.org/evkg/id/graph/paper_haic_hcc_zh"
    q = EVKG + f"SELECT DISTINCT ?doc FROM <{graph}> WHERE {{ ?f evkg:inDocument ?doc }}"
    assert [r["doc"] for r in _json_rows(sparql_get(base, q))] == [
        "https://w3id.org/evkg/id/doc/paper_haic_hcc_zh"]


def test_row_cap_cuts_and_marks_the_result(server):
    base, _ = server
    reply = sparql_get(base, "SELECT * WHERE { ?s ?p ?o }")
    assert reply.headers.get("X-Truncated") == "true"
    data = json.loads(reply.body)
    assert data["truncated"] is True and len(data["results"]["bindings"]) == 50
    reply = sparql_get(base, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")
    assert "X-Truncated" not in reply.headers and "truncated" not in json.loads(reply.body)


def test_a_runaway_query_is_stopped_at_its_timeout_while_others_are_served(server):
    base, srv = server
    slow = {}

    def runaway():
        started = time.monotonic()
        slow["reply"] = sparql_get(base, RUNAWAY)
        slow["seconds"] = time.monotonic() - started

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)
    fast = []
    while t.is_alive() and len(fast) < 20:
        started = time.monotonic()
        reply = sparql_get(base, EVKG + "ASK { ?f evkg:kind 'outcome' }")
        fast.append((reply.status, time.monotonic() - started))
    t.join(30)
    assert slow["reply"].status == 503 and "timeout" in slow["reply"].text
    # It ran its whole timeout (2 s) first: a lower bound, which a busy machine cannot break.
    assert slow["seconds"] >= 1.9
    # Others were answered while the runaway ran (how fast is bench/serve_load.py's question).
    assert len(fast) >= 3 and all(status == 200 for status, _ in fast), fast
    # Its worker process was really ended, and a fresh one serves.
    pid = srv.pool.killed[-1]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert _count_triples(base) > 0


# -- the pages ----------------------------------------------------------------------------

def test_documents_page_lists_every_document(server):
    base, _ = server
    reply = request(base + "/")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/html")
    for p in EXAMPLES.glob("*.txt"):
        assert f'href="/doc/{p.stem}"' in reply.text
    assert 'href="/trace/consensus_tace_haic_zh"' in reply.text


def test_document_page_highlights_facts_in_the_text(server, examples_session_store):
    base, _ = server
    reply = request(base + "/doc/paper_haic_hcc_zh")
    assert reply.status == 200
    marks = re.findall(r'<mark class="k-(\w+)"[^>]*>([^<]*)</mark>', reply.text)
    assert {"outcome", "dose", "procedure"} <= {k for k, _ in marks}
    with open_store(examples_session_store, read_only=True) as st:
        outcome_quotes = [r["quote"] for r in st.select(
            EVKG + "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?quote WHERE { ?f evkg:kind 'outcome' ; "
                   "evkg:inDocument <https://w3id.org/evkg/id/doc/paper_haic_hcc_zh> ; "
                   "evkg:evidence/oa:hasSelector/oa:exact ?quote }").rows]
    highlighted = "".join(t for k, t in marks if k == "outcome")
    assert outcome_quotes and all(q.split("\n")[0] in highlighted for q in outcome_quotes)


def test_trace_page_shows_references_sources_and_outcome_quotes(server, examples_session_store):
    base, _ = server
    with open_store(examples_session_store, read_only=True) as st:
        t = trace(st, "consensus_tace_haic_zh")
    rec = next(r for r in t["recommendations"] if any(c["resolved"] for c in r["references"]))
    reply = request(f"{base}/trace/consensus_tace_haic_zh?" + urllib.parse.urlencode({"label": rec["label"]}))
    assert reply.status == 200
    html = reply.text
    assert f'<span class="quote">{rec["quote"]}</span>' in html
    for c in rec["references"]:
        assert c["reference"]["first_author"] in html
        if c["resolved"]:
            assert f'href="/doc/{c["resolved"]}"' in html
            result = c["comparisons"][0]
            assert f'<span class="quote">{result["quote"]}</span>' in html
            assert " vs " in html or "<br>vs " in html  # both arms of a comparison
    index = request(f"{base}/trace/consensus_tace_haic_zh").text
    assert all(r["label"] in index for r in t["recommendations"])


def test_search_finds_facts_and_text(server):
    base, _ = server
    reply = request(f"{base}/search?" + urllib.parse.urlencode({"q": "Lenvatinib"}))
    assert reply.status == 200
    assert "paper_tace_lenvatinib_en" in reply.text and "<td>drug</td>" in reply.text
    reply = request(f"{base}/search?" + urllib.parse.urlencode({"q": '"} } DROP ALL #'}))
    assert reply.status == 200 and "No fact quotes" in reply.text


def test_missing_pages_are_404_with_a_reason(server):
    base, _ = server
    assert request(base + "/doc/no_such_doc").status == 404
    reply = request(base + "/trace/consensus_tace_haic_zh?label=nope")
    assert reply.status == 404 and "labelled" in reply.text
    assert request(base + "/nothing/here").status == 404


def test_documents_ingested_while_serving_appear(tmp_path):
    store = str(tmp_path / "store")
    first, *rest = sorted(EXAMPLES.glob("*.txt"))
    folder = tmp_path / "later"
    folder.mkdir()
    for p in rest:
        shutil.copy(p, folder / p.name)
    assert ingest([first], store).ok
    with running_server(store, workers=1) as (base, _):
        assert rest[0].stem not in request(base + "/").text
        assert ingest([folder], store).ok
        assert all(p.stem in request(base + "/").text for p in rest)


def test_the_serve_command_starts_answers_and_stops(examples_session_store):
    evkg = str(Path(sys.executable).parent / "evkg")
    proc = subprocess.Popen([evkg, "serve", "--store", examples_session_store, "--port", "0",
                             "--quiet"], stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        url = re.search(r"http://[\d.]+:\d+/", line).group(0)
        assert request(url).status == 200
    finally:
        proc.send_signal(2)
        assert proc.wait(10) == 0
    # A store that is not there is refused before anything starts: the command's message and exit
    # status, checked in this process (a second `evkg` process would only pay its start-up).
    from click.testing import CliRunner

    from evkg.kg.cli import main
    bad = CliRunner().invoke(main, ["serve", "--store", "/nonexistent/store"])
    assert bad.exit_code == 2 and "no store at" in bad.stderr, bad.output
