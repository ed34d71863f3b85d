"""A remote store: a real Oxigraph server (`oxigraph serve`, from the PyPI package `oxigraph`)
on 127.0.0.1, used through --store URL for ingest, export, query, trace and serve, with the
same results as the embedded store."""
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from evkg.core.errors import StoreError
from evkg.kg.cli import main
from evkg.kg.ingest.batch import ingest, remove
from evkg.kg.report.rows import evidence_rows
from evkg.kg.report.trace import trace
from evkg.kg.store.backends import SparqlStore, open_store
from evkg.kg.store.queries import run_named
from helpers.serve import request, running_server, sparql_get

GUIDELINE = "002_e3fe8ab5a02a181e"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_listening(port: int, proc: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph serve did not listen on 127.0.0.1:{port} within {seconds} s")


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """A fresh Oxigraph server; the ledger of a remote store (under ~/.evkg) goes to a temporary HOME."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("no `oxigraph` binary: `pip install oxigraph` (it is in the test extras) to run these")
    tmp = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp / "db"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(tmp / "home"))
        mp.delenv("EVKG_UPDATE_URL", raising=False)
        try:
            _wait_listening(port, proc)
            yield f"http://127.0.0.1:{port}/query"
        finally:
            proc.terminate()
            proc.wait(10)


@pytest.fixture(scope="module")
def remote_seeds(oxigraph_url, seeds_dir):
    report = ingest([seeds_dir], oxigraph_url)
    assert report.ok, report.failed
    assert len(report.ingested) == len(list(seeds_dir.glob("*.txt")))
    return oxigraph_url


def test_ingest_is_one_named_graph_per_document_and_unchanged_files_are_skipped(remote_seeds, seeds_dir):
    with open_store(remote_seeds) as st:
        graphs = st.graphs()
    docs = sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert [g.rsplit("/", 1)[-1] for g in graphs if not g.endswith("/_links")] == docs
    again = ingest([seeds_dir], remote_seeds)
    assert again.ok and not again.ingested and len(again.unchanged) == len(docs)


def test_export_query_and_trace_match_the_embedded_store(remote_seeds, seeds_store):
    with open_store(remote_seeds) as remote, open_store(seeds_store, read_only=True) as local:
        assert evidence_rows(remote) == evidence_rows(local)
        assert trace(remote, GUIDELINE) == trace(local, GUIDELINE)
        assert run_named(remote, "documents").rows == run_named(local, "documents").rows
        assert remote.select(COUNT_TRIPLES).rows == local.select(COUNT_TRIPLES).rows


def test_cli_export_and_trace_through_a_url(remote_seeds, seeds_table, tmp_path):
    runner = CliRunner()
    out = tmp_path / "remote.csv"
    res = runner.invoke(main, ["export", "--store", remote_seeds, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == seeds_table.read_bytes()
    res = runner.invoke(main, ["trace", "--store", remote_seeds, GUIDELINE, "--format", "json"])
    assert res.exit_code == 0 and len(json.loads(res.output)["recommendations"]) == 9  # 共识 1 has no grade


def test_a_changed_file_replaces_its_graph_and_remove_drops_it(oxigraph_url, tmp_path):
    doc = tmp_path / "invented_note.txt"
    doc.write_text("经动脉化疗栓塞（TACE）联合仑伐替尼治疗肝细胞癌。\n", encoding="utf-8")
    graph = "<https://w3id.org/evkg/id/graph/invented_note>"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
    assert ingest([doc], oxigraph_url).ok
    with open_store(oxigraph_url) as st:
        first = st.select(count).rows[0]["n"]
    doc.write_text("肝动脉灌注化疗（HAIC）用于肝细胞癌。\n", encoding="utf-8")
    assert ingest([doc], oxigraph_url).ingested == ["invented_note"]
    local = str(tmp_path / "local")
    assert ingest([doc], local).ok
    with open_store(oxigraph_url) as st, open_store(local, read_only=True) as ref:
        assert st.select(count).rows[0]["n"] == ref.select(count).rows[0]["n"] > 0
        full_text = "<https://w3id.org/evkg/ontology#fullText>"
        texts = st.select(f"SELECT ?t WHERE {{ GRAPH {graph} {{ ?d {full_text} ?t }} }}").rows
        assert [r["t"] for r in texts] == [doc.read_text(encoding="utf-8")]  # no leftover of the first version
        assert first > 0
    assert remove(["invented_note"], oxigraph_url) == ["invented_note"]
    with open_store(oxigraph_url) as st:
        assert st.select(count).rows[0]["n"] == 0


def test_serve_over_the_remote_store_answers_like_the_embedded_one(remote_seeds, seeds_store):
    q = ("SELECT ?kind (COUNT(*) AS ?n) WHERE { ?f <https://w3id.org/evkg/ontology#kind> ?kind } "
         "GROUP BY ?kind ORDER BY ?kind")
    answers = []
    for store in (remote_seeds, seeds_store):
        with running_server(store, workers=1) as (base, _):
            reply = sparql_get(base, q, "text/csv")
            assert reply.status == 200, reply.text
            page = request(f"{base}/trace/{GUIDELINE}")
            assert page.status == 200
            refused = request(f"{base}/sparql", b"DROP ALL", {"Content-Type": "application/sparql-query"})
            assert refused.status == 400
            answers.append((reply.text, page.text.count('class="num"')))
    assert answers[0] == answers[1]
    with open_store(remote_seeds) as st, open_store(seeds_store, read_only=True) as local:
        assert st.select(COUNT_TRIPLES).rows == local.select(COUNT_TRIPLES).rows


def test_an_unreachable_server_is_a_store_error_that_says_so():
    st = SparqlStore(f"http://127.0.0.1:{_free_port()}/query", timeout=5)
    with pytest.raises(StoreError, match="cannot reach"):
        st.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_search_of_a_remote_store_reads_its_local_ledger(remote_seeds):
    """The index lives in the local ledger beside a remote store (~/.evkg), and both the CLI
    and a server over that store search it."""
    from evkg.kg.store.ledger import ledger_path
    assert ledger_path(remote_seeds).is_relative_to(Path.home() / ".evkg")
    res = CliRunner().invoke(main, ["search", "--store", remote_seeds, "肝細胞癌", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert GUIDELINE in {d["doc"] for d in json.loads(res.stdout)["documents"]}
    with running_server(remote_seeds, workers=1) as (base, _):
        page = request(f"{base}/search?q=%E8%82%9D%E7%B4%B0%E8%83%9E%E7%99%8C")  # 肝細胞癌, traditional
        assert page.status == 200 and f"/doc/{GUIDELINE}" in page.text and "not in the search index" not in page.text


def test_an_endpoint_that_answers_too_slowly_names_the_timeout_and_how_to_raise_it():
    """A whole-store export of 10,000 documents through `oxigraph serve` outlasted the client's
    60 s: the error said "is the server running?" of a server that was busy answering."""
    import http.server
    import threading

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            time.sleep(2)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        with pytest.raises(StoreError) as e:
            SparqlStore(url, timeout=0.5).select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert "did not answer within 0.5 s" in str(e.value) and "EVKG_REMOTE_TIMEOUT" in str(e.value)
        assert "is the server running" not in str(e.value)
    finally:
        server.shutdown()
        server.server_close()
