"""`evkg serve` against slow and greedy clients, on a real server on 127.0.0.1: a client that
trickles its headers or its body is answered 408 and dropped when its deadline passes; open
connections are capped; a burst of connections all get in; each route (SPARQL, pages, search)
has its own workers and queue, so slow searches fill their own queue (429 with Retry-After)
and a SPARQL query is still answered while they wait."""
from __future__ import annotations

import json
import select
import socket
import threading
import urllib.parse

import pytest

import evkg.kg.web.server as server_module
from evkg.kg.web.pool import WorkerPool
from evkg.kg.web.routes import default_limits
from helpers.serve import request, running_server, sparql_get

# A robustness suite (servers under attack, slow clients, budgets): `make test` runs it,
# `make test-fast` leaves it out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(examples_session_store):
    return examples_session_store  # only read


def _address(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").split(":")
    return host, int(port)


def _trickle(base: str, first: bytes, pieces: list[bytes], every: float) -> tuple[int, bytes]:
    """Send `first`, then one piece every `every` seconds until the server answers or closes;
    returns how many pieces went out before that, and what the server sent."""
    with socket.create_connection(_address(base), timeout=30) as s:
        s.sendall(first)
        sent = 0
        for piece in pieces:
            readable, _, _ = select.select([s], [], [], every)
            if readable:
                break
            try:
                s.sendall(piece)
            except OSError:  # reset: the server already dropped us
                break
            sent += 1
        reply = b""
        try:
            while chunk := s.recv(65536):  # until the server closes (bounded by the timeout)
                reply += chunk
        except ConnectionResetError:
            pass
        return sent, reply


def test_a_client_trickling_its_headers_is_dropped_at_the_head_deadline(store):
    with running_server(store, workers=1, head_timeout=1) as (base, _):
        lines = [f"X-Slow-{i}: still coming\r\n".encode() for i in range(40)]
        sent, reply = _trickle(base, b"GET / HTTP/1.1\r\nHost: x\r\n", lines, every=0.25)
        assert sent < len(lines), "the server waited for every header line"
        assert reply.startswith(b"HTTP/1.1 408 ") and b"did not arrive within 1 s" in reply
        assert b"X-Frame-Options: DENY" in reply and b"Connection: close" in reply
        assert request(base + "/sparql").status == 200  # the server itself is fine


def test_a_silent_connection_is_dropped_too(store):
    with running_server(store, workers=1, head_timeout=1) as (base, _):
        sent, reply = _trickle(base, b"", [b""] * 40, every=0.25)
        assert sent < 40 and reply.startswith(b"HTTP/1.1 408 ")


def test_a_client_trickling_its_body_is_dropped_at_the_body_deadline(store):
    with running_server(store, workers=1, body_timeout=1) as (base, _):
        head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 40\r\n\r\nASK")
        sent, reply = _trickle(base, head, [b" "] * 40, every=0.25)
        assert sent < 40
        assert reply.startswith(b"HTTP/1.1 408 ") and b"did not arrive within 1 s" in reply


def test_open_connections_are_capped(store):
    with running_server(store, workers=1, max_connections=3) as (base, _):
        held = [socket.create_connection(_address(base), timeout=10) for _ in range(3)]
        try:
            with socket.create_connection(_address(base), timeout=10) as extra:
                reply = extra.recv(65536)
            assert reply.startswith(b"HTTP/1.1 503 ") and b"Retry-After: 1" in reply
            held[0].sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n\r\n")  # those within the cap are served
            assert held[0].recv(65536).startswith(b"HTTP/1.1 200 ")
        finally:
            for s in held:
                s.close()


def test_a_burst_of_200_connections_all_get_in_and_are_answered(store):
    with running_server(store, workers=1) as (base, _):
        conns = []
        try:
            for _ in range(200):  # opened back to back, before the server accepts any
                conns.append(socket.create_connection(_address(base), timeout=30))
            for s in conns:
                s.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            statuses = []
            for s in conns:
                reply = b""
                while chunk := s.recv(65536):
                    reply += chunk
                statuses.append(reply.split(b" ", 2)[1])
        finally:
            for s in conns:
                s.close()
    assert statuses == [b"200"] * 200


class GatedSearches(WorkerPool):
    """The real pool, except that a search waits at a gate first: a search that takes as long
    as the test wants, holding its route's place the way a slow one does."""

    gate = threading.Event()

    def run(self, job: str, **params):
        if job == "search":
            assert self.gate.wait(60)
        return super().run(job, **params)


def test_slow_searches_fill_their_own_queue_and_sparql_is_still_answered(store, monkeypatch):
    monkeypatch.setattr(server_module, "WorkerPool", GatedSearches)
    GatedSearches.gate.clear()
    with running_server(store, workers=2, queue=3) as (base, srv):
        limits = default_limits(2, 3)
        assert srv.pool.size == sum(lim.running for lim in limits.values())  # a worker for each place
        search = limits["search"]
        replies: list = []
        done = threading.Condition()

        def one_search(i: int):
            reply = request(f"{base}/search?" + urllib.parse.urlencode({"q": f"TACE {i}"}), timeout=90)
            with done:
                replies.append(reply)
                done.notify_all()

        threads = [threading.Thread(target=one_search, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        refused = 8 - search.running - search.waiting
        with done:  # those beyond the route's places are refused at once, while the others wait
            assert done.wait_for(lambda: len(replies) >= refused, 60)
        assert [r.status for r in replies] == [429] * refused
        assert all(r.headers["Retry-After"] == "10" and "too many search requests" in r.text for r in replies)
        # The searches hold every place of their route; SPARQL and pages have their own.
        ask = sparql_get(base, "ASK {}")
        assert ask.status == 200 and json.loads(ask.body)["boolean"] is True
        assert request(base + "/").status == 200
        with done:
            assert len(replies) == refused  # no admitted search had been answered before the query
        GatedSearches.gate.set()
        for t in threads:
            t.join(90)
        assert sorted(r.status for r in replies) == [200] * (8 - refused) + [429] * refused


def test_eight_concurrent_real_searches_and_a_query_are_all_answered(store):
    with running_server(store, workers=2) as (base, _):
        statuses: list[int] = []

        def one_search():
            statuses.append(request(f"{base}/search?" + urllib.parse.urlencode({"q": "肝细胞癌"})).status)

        threads = [threading.Thread(target=one_search) for _ in range(8)]
        for t in threads:
            t.start()
        ask = sparql_get(base, "ASK {}")
        for t in threads:
            t.join(60)
        assert ask.status == 200 and statuses == [200] * 8


def test_the_search_page_folds_characters_and_refuses_a_huge_term_at_once(store):
    with running_server(store, workers=1) as (base, _):
        page = request(f"{base}/search?" + urllib.parse.urlencode({"q": "肝細胞癌"}))  # traditional
        assert page.status == 200 and "paper_haic_hcc_zh" in page.text and "肝细胞癌" in page.text
        page = request(f"{base}/search?" + urllib.parse.urlencode({"q": "ORR"}))
        assert page.status == 200 and "ORR" in page.text
        huge = request(f"{base}/search?" + urllib.parse.urlencode({"q": "x" * 60_000}))
        assert huge.status == 400 and "at most 200 characters; this one has 60000" in huge.text
        assert huge.headers["X-Content-Type-Options"] == "nosniff"
