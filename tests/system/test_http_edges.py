"""`evkg serve` at its HTTP edges: malformed requests get a 4xx and a closed connection, not
a traceback or a thread waiting forever; every reply carries the security headers."""
from __future__ import annotations

import http.client
import socket
import time

import pytest

from helpers.serve import evkg_serve, request

# A robustness suite (servers under attack, slow clients, budgets): `make test` runs it,
# `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

SECURITY = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"}


@pytest.fixture(scope="module")
def served(examples_session_store):
    with evkg_serve(examples_session_store, "--workers", "1") as proc:
        yield proc


def raw(url: str, data: bytes, hold_open: bool = True, timeout: float = 5) -> bytes:
    """Send bytes, read the reply until the server closes. With `hold_open` the client never
    ends its side, so a server waiting for more of the body would time this out."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(data)
        if not hold_open:
            s.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := s.recv(65536):  # bounded by the socket timeout
            reply += chunk
        return reply


def post(length: str, body: bytes = b"ASK {}") -> bytes:
    return (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: " + length.encode("latin-1") + b"\r\n\r\n" + body)


@pytest.mark.parametrize("length, status", [
    ("abc", 400), ("-1", 400), ("1e3", 400), ("99999999999999999999999999", 400), ("6, 7", 400),
    ("2000000", 413)])
def test_a_malformed_content_length_is_answered_and_the_connection_closed(served, length, status):
    # The client never ends its side: a server that waited for the body would not answer, and
    # the socket timeout would raise here.
    reply = raw(served.url, post(length))
    head = reply.split(b"\r\n\r\n")[0].decode("latin-1")
    assert head.startswith(f"HTTP/1.1 {status} ") and "Connection: close" in head, head
    assert b"Content-Length" in reply.split(b"\r\n\r\n", 1)[1]  # the reason names the header


def test_chunked_bodies_are_refused_not_misread(served):
    reply = raw(served.url, b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                            b"Content-Type: application/sparql-query\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 411 ") and reply.count(b"HTTP/1.1") == 1


def test_a_short_body_is_a_400(served):
    reply = raw(served.url, post("50"), hold_open=False)
    assert reply.startswith(b"HTTP/1.1 400 ") and b"ended after 6 of 50 bytes" in reply


def test_a_good_post_still_keeps_the_connection_alive(served):
    conn = http.client.HTTPConnection(served.url.removeprefix("http://"), timeout=5)
    try:
        for _ in range(2):
            conn.request("POST", "/sparql", b"ASK {}", {"Content-Type": "application/sparql-query"})
            reply = conn.getresponse()
            assert reply.status == 200 and b"true" in reply.read()
            assert reply.getheader("Connection") is None
    finally:
        conn.close()


@pytest.mark.parametrize("path", ["/", "/sparql", "/sparql?query=ASK%7B%7D", "/no/such/page",
                                  "/sparql?query=DROP%20ALL", "/doc/nope"])
def test_every_reply_carries_the_security_headers(served, path):
    reply = request(served.url + path)
    for name, value in SECURITY.items():
        assert reply.headers[name] == value, (path, reply.status)
    csp = reply.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_http_servers_own_error_replies_carry_them_too(served):
    for data, status in ((b"PUT / HTTP/1.1\r\nHost: x\r\n\r\n", "501"), (b"GET / HTTP/x.y\r\n\r\n", "400"),
                         (b"NONSENSE\r\n\r\n", "400")):
        reply = raw(served.url, data, hold_open=False).decode("latin-1")
        assert reply.split(" ")[1] == status, reply[:40]
        assert "X-Frame-Options: DENY" in reply and "Content-Security-Policy:" in reply


def test_the_log_has_no_traceback(served):
    raw(served.url, post("abc"))
    raw(served.url, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nAS", hold_open=False)
    time.sleep(0.2)
    log = "\n".join(served.lines())
    assert "Traceback" not in log and "query workers have no network access" in log


def test_a_request_line_may_name_the_whole_url(served):
    reply = raw(served.url, b"GET http://x/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: "
                            b"application/sparql-results+json\r\nConnection: close\r\n\r\n", hold_open=False)
    assert reply.startswith(b"HTTP/1.1 200 ") and b'"boolean":true' in reply.replace(b" ", b"")
