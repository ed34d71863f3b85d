"""The web application of `evkg serve` (ASGI, run by uvicorn with kg/web/protocol.py): routes
requests, reads POSTed bodies by their rules, and replies. It computes nothing itself: every
query and page is a job for a worker process (kg/web/pool.py), run within its route's limits
(kg/web/routes.py).
"""
from __future__ import annotations

import asyncio
import functools
import re
import sys
from dataclasses import dataclass, replace
from http import HTTPStatus
from urllib.parse import parse_qs, unquote, urlsplit

from evkg.core.errors import EvkgError
from evkg.kg.store.formats import Answer
from evkg.kg.store.ledger import ledger_path
from evkg.kg.store.search import checked_term
from evkg.kg.web.pool import JobFailed, WorkerPool
from evkg.kg.web.protocol import SECURITY_HEADERS
from evkg.kg.web.render import render
from evkg.kg.web.routes import Route, RouteFull

MAX_BODY = 1 << 20  # bytes of a POSTed query
_FORM = "application/x-www-form-urlencoded"
_LENGTH = re.compile(r"[0-9]{1,19}")  # a Content-Length; anything longer is no real length
HTML = "text/html; charset=utf-8"
PLAIN = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    status: int
    answer: Answer
    close: bool = False  # end the connection after this reply (what was sent cannot be framed)
    headers: tuple[tuple[str, str], ...] = ()


class _BadBody(Exception):
    """A POST body that cannot be read as sent; `status` and `message` make the reply."""

    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


@dataclass(frozen=True)
class _Request:
    method: str
    path: str  # as sent, before percent-decoding (a %2F stays inside its segment)
    query: dict[str, str]  # the last value of each parameter
    headers: dict[str, list[str]]  # lower-case names

    @classmethod
    def of(cls, scope: dict) -> _Request:
        headers: dict[str, list[str]] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name.decode("latin-1").lower(), []).append(value.decode("latin-1"))
        raw = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1")
        # urlsplit: a request line may name the whole URL (`GET http://host/sparql HTTP/1.1`)
        return cls(scope["method"], urlsplit(raw).path, _params(scope["query_string"].decode("latin-1")), headers)

    def header(self, name: str) -> str:
        return (self.headers.get(name) or [""])[0]


def _params(query: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}


class App:
    def __init__(self, settings, pool: WorkerPool, routes: dict[str, Route]):
        self.settings = settings
        self.pool = pool
        self.routes = routes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return
        try:
            request = _Request.of(scope)
            reply = await self._answer(request, receive)
        except Exception as e:  # noqa: BLE001  a bug answers 500 with one line in the log, never a dropped connection
            print(f"evkg serve: {scope.get('method')} {scope.get('path')!r} failed: {type(e).__name__}: {e}",
                  file=sys.stderr, flush=True)
            reply = self._error(500, f"internal error ({type(e).__name__}); please report it", plain=True,
                                close=True)
        await _send(send, reply)
        if not self.settings.quiet:
            client = (scope.get("client") or ("-",))[0]
            print(f'{client} "{scope["method"]} {scope.get("path", "")}" {reply.status}', file=sys.stderr,
                  flush=True)

    async def _answer(self, req: _Request, receive) -> Reply:
        if req.method in ("GET", "HEAD"):
            reply = await self._get(req)
            # A body sent with a GET is not read, so it must not be taken for the next request.
            return replace(reply, close=True) if "content-length" in req.headers or \
                "transfer-encoding" in req.headers else reply
        if req.method == "POST":
            return await self._post(req, receive)
        return self._error(501, f"{req.method} is not supported here: GET pages and queries, POST queries to /sparql",
                           close=True)

    # -- routing -------------------------------------------------------------------------
    async def _get(self, req: _Request) -> Reply:
        parts = [unquote(p) for p in req.path.split("/") if p]
        params = req.query
        if parts == ["sparql"]:
            if "update" in params:
                return self._refuse_update()
            if "query" not in params:
                return self._static("sparql.html")
            return await self._sparql(params["query"], params, req)
        if not parts:
            return await self._job("pages", "documents")
        if parts[0] == "doc" and len(parts) == 2:
            return await self._job("pages", "document", doc=parts[1])
        if parts[0] == "trace" and len(parts) == 2:
            return await self._job("pages", "trace", doc=parts[1], label=params.get("label") or None)
        if parts == ["search"]:
            try:
                term = checked_term(params.get("q", ""))  # a term too long is refused here, at once
            except EvkgError as e:
                return self._error(400, str(e))
            return await self._job("search", "search", q=term, ledger=str(ledger_path(self.settings.location)))
        return self._error(404, f"no page at {req.path}; try / for the documents")

    async def _post(self, req: _Request, receive) -> Reply:
        if req.path.rstrip("/") != "/sparql":
            return self._error(405, "only /sparql takes POST", close=True)  # its body is not read
        try:
            body = await self._body(req, receive)
        except _BadBody as e:
            return self._error(e.status, e.message, plain=True, close=True)  # the rest cannot be framed
        ctype = req.header("content-type").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._refuse_update()
        if ctype == "application/sparql-query":
            return await self._sparql(body, req.query, req)
        if ctype == _FORM:
            params = _params(body)
            if "update" in params:
                return self._refuse_update()
            if "query" in params:
                return await self._sparql(params["query"], params, req)
        return self._error(400, "POST a query as application/sparql-query, or as a form with a `query` field")

    async def _body(self, req: _Request, receive) -> str:
        """The POSTed body, read only when its length is a number within MAX_BODY, and only
        for as long as the body timeout allows."""
        if "transfer-encoding" in req.headers:
            raise _BadBody(411, "send the query with a Content-Length; chunked transfer is not accepted")
        sent = req.headers.get("content-length") or ["0"]
        text = sent[0].strip()
        if len(set(sent)) != 1 or not _LENGTH.fullmatch(text):
            raise _BadBody(400, "Content-Length must be one whole number of bytes, not "
                                + ", ".join(map(repr, sent)))
        length = int(text)
        if length > MAX_BODY:
            raise _BadBody(413, f"a query may be at most {MAX_BODY} bytes; Content-Length says {text}")
        body = bytearray()
        try:
            async with asyncio.timeout(self.settings.body_timeout):
                while len(body) < length:
                    message = await receive()
                    body += message.get("body", b"")
                    if message["type"] != "http.request" or not message.get("more_body"):
                        break
        except TimeoutError:
            raise _BadBody(408, f"the body did not arrive within {self.settings.body_timeout:g} s "
                                f"({len(body)} of {length} bytes came)") from None
        if len(body) < length:
            raise _BadBody(400, f"the body ended after {len(body)} of {length} bytes")
        return body.decode("utf-8", "replace")

    # -- SPARQL ----------------------------------------------------------------------------
    def _refuse_update(self) -> Reply:
        return self._error(400, "this endpoint is read-only: SPARQL updates are refused", plain=True)

    async def _sparql(self, query: str, params: dict, req: _Request) -> Reply:
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._error(400, "default-graph-uri / named-graph-uri are not supported here; "
                                    "use FROM / FROM NAMED with graphs of this store", plain=True)
        return await self._job("sparql", "sparql", plain=True, query=query, accept=req.header("accept"),
                               max_rows=self.settings.max_rows)

    # -- replies ---------------------------------------------------------------------------
    async def _job(self, route: str, job: str, plain: bool = False, **params) -> Reply:
        try:
            answer = await self.routes[route].run(functools.partial(self.pool.run, job, **params))
        except RouteFull as e:
            return self._error(429, str(e), plain=plain, headers=(("Retry-After", str(e.retry_after)),))
        except JobFailed as e:
            return self._error(e.status, str(e), plain=plain)
        return Reply(200, answer)

    def _static(self, template: str) -> Reply:
        s = self.settings
        return Reply(200, Answer(HTML, render(template, {"timeout": s.timeout, "max_rows": s.max_rows}), 0, False))

    def _error(self, status: int, message: str, plain: bool = False, close: bool = False,
               headers: tuple = ()) -> Reply:
        if plain:
            answer = Answer(PLAIN, (message + "\n").encode("utf-8"), 0, False)
        else:
            answer = Answer(HTML, render("error.html", {"status": status, "reason": HTTPStatus(status).phrase,
                                                        "message": message}), 0, False)
        return Reply(status, answer, close, headers)


async def _send(send, reply: Reply) -> None:
    """The reply with its length and the security headers (the protocol's own replies carry
    them too: kg/web/protocol.py)."""
    ans = reply.answer
    headers = [("Content-Type", ans.content_type), ("Content-Length", str(len(ans.body))),
               ("Cache-Control", "no-store"), *SECURITY_HEADERS]
    if ans.truncated:
        headers += [("X-Truncated", "true"), ("X-Row-Limit", str(ans.rows))]
    if reply.close:
        headers.append(("Connection", "close"))
    headers += reply.headers
    await send({"type": "http.response.start", "status": reply.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]})
    await send({"type": "http.response.body", "body": ans.body})
