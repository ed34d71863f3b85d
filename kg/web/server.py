"""`evkg serve`: a read-only SPARQL 1.1 Protocol endpoint and web pages over the store.

HTTP is uvicorn's (h11, asyncio) with evkg's protocol additions (kg/web/protocol.py: a
deadline for each request's head, a cap on connections) and a listen backlog of BACKLOG; the
application (kg/web/app.py) only routes requests and moves bytes. Every query and page is
computed in a pool of worker processes that open the store read-only and have no network
(kg/web/pool.py), so a query is bounded by a timeout that kills it; SPARQL, pages and search
each have their own share of the workers and their own queue (kg/web/routes.py).
"""
from __future__ import annotations

import logging
import signal
import socket
import sys
import threading
from dataclasses import dataclass

import uvicorn

from evkg.core.errors import EvkgError
from evkg.kg.store.backends import is_remote, open_store, store_location
from evkg.kg.web.app import App
from evkg.kg.web.pool import WorkerPool
from evkg.kg.web.protocol import Limits, Protocol
from evkg.kg.web.routes import Route, default_limits
from evkg.kg.web.sandbox import NO_ISOLATION

BACKLOG = 2048  # connections the kernel holds for us before they are accepted (capped by somaxconn)
_MAX_HEAD = 64 * 1024  # bytes of a request line and headers together
_KEEP_ALIVE = 15  # seconds an idle kept-alive connection stays open
_GRACE = 3  # seconds running requests get to finish when the server stops


@dataclass(frozen=True)
class Settings:
    location: str
    timeout: float = 10.0  # seconds a job (query or page) may run
    max_rows: int = 10_000
    workers: int = 4  # for SPARQL, and for pages; search gets half as many (kg/web/routes.py)
    queue: int = 8  # requests that may wait per route
    head_timeout: float = 10.0  # seconds for a request's line and headers
    body_timeout: float = 30.0  # seconds for a POSTed body
    max_connections: int = 400
    quiet: bool = False  # no line per request on stderr


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=BACKLOG)


class EvkgServer:
    """The listening socket, the worker pool and the routes; `serve_forever` runs uvicorn on
    them until `shutdown`, then `server_close` frees them."""

    def __init__(self, address: tuple[str, int], settings: Settings):
        if not is_remote(settings.location):
            open_store(settings.location, read_only=True).close()  # fail now, not on the first request
        self.settings = settings
        limits = default_limits(settings.workers, settings.queue)
        self.pool = WorkerPool(settings.location, sum(lim.running for lim in limits.values()), settings.timeout)
        self.routes = {name: Route(name, lim, settings.timeout) for name, lim in limits.items()}
        try:
            self.socket = _listen(*address)  # listening from here on: early clients wait in the backlog
        except OSError:
            self.server_close()
            raise
        self.server_address = self.socket.getsockname()[:2]
        # uvicorn's own log: its warnings (a malformed request) unless quiet, never tracebacks of ours.
        logging.getLogger("uvicorn.error").setLevel(logging.ERROR if settings.quiet else logging.WARNING)
        config = uvicorn.Config(
            App(settings, self.pool, self.routes), loop="asyncio",
            http=Protocol.with_limits(Limits(settings.head_timeout, settings.max_connections)),
            ws="none", lifespan="off", log_config=None, access_log=False, proxy_headers=False,
            server_header=False, backlog=BACKLOG, timeout_keep_alive=_KEEP_ALIVE,
            timeout_graceful_shutdown=_GRACE, h11_max_incomplete_event_size=_MAX_HEAD)
        self._uvicorn = uvicorn.Server(config)
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serving (from another thread) and wait until `serve_forever` has returned."""
        self._uvicorn.should_exit = True
        self._stopped.wait(_GRACE + 10)

    def server_close(self) -> None:
        for route in getattr(self, "routes", {}).values():
            route.close()
        self.pool.close()
        if hasattr(self, "socket"):
            self.socket.close()


def make_server(location: str | None = None, host: str = "127.0.0.1", port: int = 8080,
                **settings) -> EvkgServer:
    """A server listening on host:port (0 picks a free port), not yet serving."""
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
    # uvicorn takes both while it serves, stops gracefully, then raises the signal again here.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
