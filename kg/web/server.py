"""`evkg serve`: a read-only SPARQL 1.1 Protocol endpoint and web pages over the store.

The HTTP side (standard library, one thread per connection) only routes requests and
moves bytes; every query and page is computed in a pool of worker processes that open
the store read-only (kg/web/pool.py), so a query is bounded by a timeout that kills it
and a slow request never holds up the others.
"""
from __future__ import annotations

import re
import signal
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from evkg.core.errors import EvkgError
from evkg.kg.store.backends import is_remote, open_store, store_location
from evkg.kg.store.formats import Answer
from evkg.kg.web.pool import JobFailed, WorkerPool
from evkg.kg.web.render import render
from evkg.kg.web.sandbox import NO_ISOLATION

MAX_BODY = 1 << 20  # bytes of a POSTed query
_FORM = "application/x-www-form-urlencoded"
_IDLE = 30  # seconds a client may leave a request half sent before its connection is closed
_LENGTH = re.compile(r"[0-9]{1,19}")  # a Content-Length; anything longer is no real length
# Sent with every reply, errors included. The pages are plain HTML with one inline style
# sheet: no scripts, nothing from elsewhere, never inside another site's frame.
SECURITY_HEADERS = (
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
)


class _BadBody(Exception):
    """A POST body that cannot be read as sent; `status` and `message` make the reply."""

    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


@dataclass(frozen=True)
class Settings:
    location: str
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 4
    quiet: bool = False  # no line per request on stderr


class EvkgServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, settings: Settings):
        if not is_remote(settings.location):
            open_store(settings.location, read_only=True).close()  # fail now, not on the first request
        self.settings = settings
        self.pool = WorkerPool(settings.location, settings.workers, settings.timeout)
        try:
            super().__init__(address, Handler)
        except OSError:
            self.pool.close()
            raise

    def server_close(self):
        super().server_close()
        self.pool.close()

    def handle_error(self, request, client_address):
        """One line, not a traceback: a client that hangs up or sends garbage is not a server bug."""
        exc = sys.exc_info()[1]
        print(f"evkg serve: request from {client_address[0]} ended: {type(exc).__name__}: {exc}",
              file=sys.stderr, flush=True)


class Handler(BaseHTTPRequestHandler):
    server: EvkgServer
    protocol_version = "HTTP/1.1"  # keep-alive: every reply carries Content-Length
    timeout = _IDLE  # a socket timeout: a stalled request frees its thread
    # Replies to a request line too broken to name its version get a status line and headers
    # (http.server's default, HTTP/0.9, would send a bare body without the security headers).
    default_request_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        if not self.server.settings.quiet:
            super().log_message(fmt, *args)

    # -- routing -------------------------------------------------------------------------
    def do_GET(self):
        if "Content-Length" in self.headers or "Transfer-Encoding" in self.headers:
            self.close_connection = True  # a body we do not read must not be taken for a request
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        parts = [unquote(p) for p in url.path.split("/") if p]
        if parts == ["sparql"]:
            if "update" in params:
                return self._refuse_update()
            if "query" not in params:
                return self._page_static("sparql.html")
            return self._sparql(params["query"], params)
        if not parts:
            return self._job("documents")
        if parts[0] == "doc" and len(parts) == 2:
            return self._job("document", doc=parts[1])
        if parts[0] == "trace" and len(parts) == 2:
            return self._job("trace", doc=parts[1], label=params.get("label") or None)
        if parts == ["search"]:
            return self._job("search", q=params.get("q", ""))
        self._error(404, f"no page at {url.path}; try / for the documents")

    do_HEAD = do_GET  # the same reply without its body (_send leaves it out)

    def do_POST(self):
        if urlsplit(self.path).path.rstrip("/") != "/sparql":
            self.close_connection = True  # its body is not read
            return self._error(405, "only /sparql takes POST")
        try:
            body = self._body()
        except _BadBody as e:
            self.close_connection = True  # the rest of what was sent cannot be framed
            return self._error(e.status, e.message, plain=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._refuse_update()
        if ctype == "application/sparql-query":
            return self._sparql(body, {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()})
        if ctype == _FORM:
            params = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
            if "update" in params:
                return self._refuse_update()
            if "query" in params:
                return self._sparql(params["query"], params)
        self._error(400, "POST a query as application/sparql-query, or as a form with a `query` field")

    def _body(self) -> str:
        """The POSTed body, read only when its length is a number within MAX_BODY."""
        if "Transfer-Encoding" in self.headers:
            raise _BadBody(411, "send the query with a Content-Length; chunked transfer is not accepted")
        sent = self.headers.get_all("Content-Length") or ["0"]
        text = sent[0].strip()
        if len(set(sent)) != 1 or not _LENGTH.fullmatch(text):
            raise _BadBody(400, "Content-Length must be one whole number of bytes, not "
                                + ", ".join(map(repr, sent)))
        if int(text) > MAX_BODY:
            raise _BadBody(413, f"a query may be at most {MAX_BODY} bytes; Content-Length says {text}")
        body = self.rfile.read(int(text))
        if len(body) < int(text):
            raise _BadBody(400, f"the body ended after {len(body)} of {text} bytes")
        return body.decode("utf-8", "replace")

    # -- SPARQL ----------------------------------------------------------------------------
    def _refuse_update(self):
        self._error(400, "this endpoint is read-only: SPARQL updates are refused", plain=True)

    def _sparql(self, query: str, params: dict):
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._error(400, "default-graph-uri / named-graph-uri are not supported here; "
                                    "use FROM / FROM NAMED with graphs of this store", plain=True)
        s = self.server.settings
        self._job("sparql", plain=True, query=query, accept=self.headers.get("Accept", ""),
                  max_rows=s.max_rows)

    # -- replies ---------------------------------------------------------------------------
    def _job(self, job: str, plain: bool = False, **params):
        try:
            ans = self.server.pool.run(job, **params)
        except JobFailed as e:
            return self._error(e.status, str(e), plain=plain)
        self._send(200, ans)

    def _page_static(self, template: str):
        s = self.server.settings
        self._send(200, Answer("text/html; charset=utf-8",
                               render(template, {"timeout": s.timeout, "max_rows": s.max_rows}), 0, False))

    def _error(self, status: int, message: str, plain: bool = False):
        if plain:
            ans = Answer("text/plain; charset=utf-8", (message + "\n").encode("utf-8"), 0, False)
        else:
            ans = Answer("text/html; charset=utf-8",
                         render("error.html", {"status": status, "reason": HTTPStatus(status).phrase,
                                               "message": message}), 0, False)
        self._send(status, ans)

    def end_headers(self):
        for name, value in SECURITY_HEADERS:  # here, so http.server's own error replies have them too
            self.send_header(name, value)
        super().end_headers()

    def _send(self, status: int, ans: Answer):
        self.send_response(status)
        self.send_header("Content-Type", ans.content_type)
        self.send_header("Content-Length", str(len(ans.body)))
        if ans.truncated:
            self.send_header("X-Truncated", "true")
            self.send_header("X-Row-Limit", str(ans.rows))
        self.send_header("Cache-Control", "no-store")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(ans.body)


def make_server(location: str | None = None, host: str = "127.0.0.1", port: int = 8080,
                **settings) -> EvkgServer:
    """A server bound to host:port (0 picks a free port), not yet serving."""
    return EvkgServer((host, port), Settings(store_location(location), **settings))


def _warn_stale_links(location: str) -> None:
    from evkg.kg.ingest.cross_links import links_state
    try:
        with open_store(location, read_only=True) as st:
            state = links_state(st)
    except EvkgError:
        return
    if state != "fresh":
        print(f"evkg: cross-document links are {state}; `evkg ingest` or `evkg doctor --repair` "
              "rebuilds them", file=sys.stderr, flush=True)


def _isolation_note(server: EvkgServer) -> str:
    how = server.pool.isolation
    if how != NO_ISOLATION:
        return f"query workers have no network access ({how})"
    if is_remote(server.settings.location):
        return "query workers keep network access: they reach the remote store over it"
    return ("warning: query workers could not be cut off the network (no namespaces, no seccomp here); "
            "the SPARQL guard alone keeps SERVICE out")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(location: str | None, host: str, port: int, **settings) -> None:
    try:
        server = make_server(location, host, port, **settings)
    except OSError as e:
        raise EvkgError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    _warn_stale_links(server.settings.location)
    h, p = server.server_address[:2]
    print(f"evkg serving {server.settings.location} at http://{h}:{p}/ (SPARQL at /sparql); "
          "Ctrl-C stops", file=sys.stderr, flush=True)
    print(_isolation_note(server), file=sys.stderr, flush=True)
    # Ctrl-C and SIGTERM both stop the server, even when started from a script that
    # ignores SIGINT for its background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
