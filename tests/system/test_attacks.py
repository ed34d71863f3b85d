"""Attacks on `evkg serve`: every payload of tests/attacks/ sent to a real server by GET,
POST body and POST form, while a listener on the loopback waits for the connection that
a successful SERVICE (server-side request forgery) would make. Only 127.0.0.1 is used."""
from __future__ import annotations

import contextlib
import json
import multiprocessing
import platform
import re
import socket
import threading
import time
import urllib.parse

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evkg.kg.store.guard import CheckedQuery, RefusedQuery, check_dataset, check_query
from evkg.kg.web.sandbox import MEASURES, NO_ISOLATION
from helpers.corpus import TESTS
from helpers.serve import evkg_serve, request

# A robustness suite (servers under attack, slow clients, budgets): `make test` runs it,
# `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

HERE = TESTS
PAYLOADS = HERE / "attacks" / "sparql_payloads.txt"
ISSUE_15 = "issue 15: \\u0022 makes a string for rdflib and code for Oxigraph"


def load_payloads() -> dict[str, str]:
    """name -> query template, from the corpus file."""
    text = "\n".join(line for line in PAYLOADS.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("# "))
    blocks = re.split(r"^### ", text, flags=re.M)[1:]
    return {name.strip(): body.strip() for name, _, body in (b.partition("\n") for b in blocks)}


TEMPLATES = load_payloads()


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.seen: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():  # bounded by close()
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.seen.append(conn.recv(200))
                except OSError:
                    self.seen.append(b"")

    def payload(self, name: str) -> str:
        return (TEMPLATES[name].replace("@URL@", self.url).replace("@PORT@", str(self.port))
                .replace("@CR@", "\r"))

    def close(self):
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture
def listener():
    lis = Listener()
    yield lis
    lis.close()


@pytest.fixture(scope="module")
def store(examples_session_store):
    return examples_session_store  # only read


@pytest.fixture(scope="module")
def server(store):
    with evkg_serve(store, "--workers", "2", "--quiet") as served:
        yield served.url, served.lines()


def _sends(base: str, query: str):
    """The three ways the SPARQL protocol carries a query."""
    yield "GET", request(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}))
    yield "POST", request(f"{base}/sparql", query.encode("utf-8"),
                          {"Content-Type": "application/sparql-query"})
    yield "form", request(f"{base}/sparql", urllib.parse.urlencode({"query": query}).encode("ascii"),
                          {"Content-Type": "application/x-www-form-urlencoded"})


def test_the_corpus_holds_the_issue_payload_and_its_variants():
    assert ISSUE_15 in TEMPLATES and len(TEMPLATES) >= 30
    assert all("@URL@" in t or "@PORT@" in t for t in TEMPLATES.values())


def test_the_listener_sees_the_issue_payload_when_nothing_guards_the_engine(listener):
    # The control: run unguarded and unisolated, the payload does reach the listener, so its
    # silence in the tests below means something.
    with pytest.raises(OSError):  # the listener answers no SPARQL
        list(ox.Store().query(listener.payload(ISSUE_15)))
    assert listener.seen and b"POST /sparql" in listener.seen[0]


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_the_guard_refuses_every_payload(name, listener):
    with pytest.raises(RefusedQuery):
        # FROM is refused by what the store holds; here it holds nothing.
        check_dataset(check_query(listener.payload(name)).dataset, lambda iri: False)


def test_escapes_replaced_once_leave_the_engine_nothing_to_disagree_on(listener, monkeypatch):
    # Without the refusal of escaped quotes, the issue's payload is accepted, but what runs
    # is the text the guard judged: there SERVICE is inside a string for both parsers.
    import evkg.kg.store.guard as guard
    monkeypatch.setattr(guard, "_DELIMITERS", frozenset())
    guard.check_query.cache_clear()
    checked = guard.check_query(listener.payload(ISSUE_15))
    guard.check_query.cache_clear()
    assert "\\u" not in checked.text
    rows = list(ox.Store().query(checked.text))
    assert len(rows) == 1 and listener.seen == []


def test_escape_refusals_say_why():
    for text, why in [('SELECT ?x { BIND("a\\u0022b" AS ?x) }', "opens or closes a string"),
                      ('SELECT ?x { BIND("\\uD800" AS ?x) }', "not a Unicode character")]:
        with pytest.raises(RefusedQuery, match=why):
            check_query(text)
    assert check_query('SELECT ?x { BIND("caf\\u00E9" AS ?x) }').text == 'SELECT ?x { BIND("café" AS ?x) }'


# Pieces that open, close or break strings, IRIs and comments, for the property tests.
PIECES = st.sampled_from(['"', "'", '"""', "'''", "\\", '\\"', "\\'", "\\\\", "#", "\n", "\r", "\r\n",
                          "<", ">", " ", "\t", "\x0c", "\u2028", "\x85", "\\n", "\\u0041", "\\u0022",
                          "\\U00000027", "{", "}", "(", ")", "x", "?a", "=", "1", ".", "-", "@en", "^^"])
NOISE = st.lists(PIECES, max_size=5).map("".join)
# Where the SERVICE clause sits: a string to bind, a comment, a filter, a triple pattern.
WRAPS = st.sampled_from([("BIND(", " AS ?a)"), ("#", "\n"), ("FILTER(?a", "?b)"), ("?s ?p ", " .")])
ANY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ANY
@given(text=st.text() | st.lists(PIECES | st.text(max_size=3)).map("".join))
def test_the_guard_accepts_or_refuses_and_never_fails_otherwise(text):
    try:
        checked = check_query(text)
    except RefusedQuery:
        return
    assert checked.form in ("select", "ask", "construct", "describe") and "\r" not in checked.text


@ANY
@given(wrap=WRAPS, pre=NOISE, post=NOISE, spaced=st.booleans())
def test_whatever_the_guard_accepts_the_engine_runs_without_calling_out(listener, wrap, pre, post, spaced):
    service = (f" SERVICE <{listener.url}> {{ ?s ?p ?o }} " if spaced
               else f"SERVICE<{listener.url}>{{?s?p?o}}")
    query = "SELECT * WHERE { " + wrap[0] + pre + service + post + wrap[1] + " }"
    try:
        checked = check_query(query)
    except RefusedQuery:
        return
    with contextlib.suppress(OSError, SyntaxError):
        list(ox.Store().query(checked.text))  # unguarded, unisolated: only the guard stands here
    time.sleep(0.02)  # the listener thread accepts in its own time
    assert listener.seen == [], repr(query)


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_evkg_serve_refuses_every_payload_and_connects_nowhere(name, server, listener):
    base, _ = server
    query = listener.payload(name)
    for how, reply in _sends(base, query):
        assert reply.status == 400, (how, reply.text)
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
    time.sleep(0.1)
    assert listener.seen == []


def test_escaped_queries_that_mean_no_harm_still_run(server):
    base, _ = server
    reply = request(f"{base}/sparql?" + urllib.parse.urlencode(
        {"query": 'SELECT ?x WHERE { BIND("caf\\u00E9 \\U0001F600" AS ?x) }'}))
    assert reply.status == 200 and "café 😀" in reply.text


# -- the second wall: a worker without network ------------------------------------------------

linux_only = pytest.mark.skipif(platform.system() != "Linux", reason="the measures are Linux system calls")


@linux_only
def test_the_server_says_how_its_workers_are_cut_off(server):
    _, lines = server
    assert "query workers have no network access" in lines[1], lines[1]


def _unguarded_worker(store: str, conn):
    """The real worker loop with the guard switched off, as if a payload had slipped past it."""
    import evkg.kg.web.worker as worker
    worker.check_query = lambda text: CheckedQuery("select", (), text)
    worker.main(store, conn)


@linux_only
def test_a_service_call_past_the_guard_cannot_connect(store, listener):
    ctx = multiprocessing.get_context("fork")  # fork: the patched guard goes with the child
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_unguarded_worker, args=(store, child), daemon=True)
    proc.start()
    try:
        assert parent.poll(30)
        ready, how = parent.recv()
        assert ready == "ready" and how != NO_ISOLATION
        for name in (ISSUE_15, "plain SERVICE"):
            parent.send(("sparql", {"query": listener.payload(name), "accept": "", "max_rows": 10}))
            assert parent.poll(30)
            reply = parent.recv()
            assert reply[0] == "error", reply  # the engine tried, and found no network
        time.sleep(0.2)
        assert listener.seen == []
    finally:
        proc.kill()
        proc.join(5)


@linux_only
@pytest.mark.parametrize("name", [name for name, _ in MEASURES])
def test_each_measure_alone_stops_a_service_call(name, listener):
    """Each fallback works on its own where the system allows it (else the test skips)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    def run(conn):
        applied = dict(MEASURES)[name]()
        if not applied:
            conn.send("unavailable")
            return
        try:
            list(ox.Store().query(listener.payload("plain SERVICE")))
            conn.send("answered")
        except OSError as e:
            conn.send(f"failed: {e}")

    proc = ctx.Process(target=run, args=(child,), daemon=True)
    proc.start()
    try:
        assert parent.poll(30)
        outcome = parent.recv()
    finally:
        proc.join(5)
    if outcome == "unavailable":
        pytest.skip(f"{name} is not allowed here")
    assert outcome.startswith("failed") and listener.seen == []


def test_from_may_name_a_stored_graph_in_any_spelling(server):
    from evkg.kg.graph.ids import graph_iri
    iri = str(graph_iri("paper_haic_hcc_zh"))
    head, tail = iri.rsplit("/", 1)
    base, _ = server
    for query in (f"PREFIX g: <{head}/> SELECT (COUNT(*) AS ?n) FROM g:{tail} WHERE {{ ?s ?p ?o }}",
                  f"BASE <{head}/> SELECT (COUNT(*) AS ?n) FROM <{tail}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT (COUNT(*) AS ?n) FROM <{iri.replace('/', chr(92) + 'u002F')}> WHERE {{ ?s ?p ?o }}"):
        reply = request(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}))
        assert reply.status == 200 and int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"]) > 0
