"""Running `evkg serve` inside a test and talking to it over HTTP on the loopback."""
from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass

from kg.serve import make_server


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@contextmanager
def running_server(store: str, **settings):
    """A server on a free port of 127.0.0.1, serving in a thread; yields its base URL."""
    server = make_server(store, "127.0.0.1", 0, quiet=True, **settings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}", server
    finally:
        server.shutdown()
        server.server_close()


def request(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 30) -> Reply:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Reply(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, dict(e.headers), e.read())


def sparql_get(base: str, query: str, accept: str = "application/sparql-results+json") -> Reply:
    return request(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
