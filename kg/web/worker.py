"""The worker process of `evkg serve`: opens the store read-only and answers jobs one at a time.

Every query and page is computed here, never in the HTTP server, so a job that runs too
long is stopped by ending its process (pyoxigraph cannot cancel a query from Python).
"""
from __future__ import annotations

import os
import resource
import signal

import pyoxigraph as ox

from evkg.core.errors import EvkgError, QueryError, StoreError
from evkg.kg.store.backends import Store, is_remote, open_store
from evkg.kg.store.formats import Answer, answer
from evkg.kg.store.guard import check_dataset, check_query
from evkg.kg.web import pages
from evkg.kg.web.render import render
from evkg.kg.web.sandbox import NO_ISOLATION, drop_network

HTML = "text/html; charset=utf-8"


def _graph_is_stored(store: Store, iri: str) -> bool:
    try:
        node = ox.NamedNode(iri)  # validates the IRI before it is written into the ASK
    except ValueError:
        return False  # a relative IRI, say: no graph of this store is named so
    return bool(store.query_raw(f"ASK {{ GRAPH {node} {{ ?s ?p ?o }} }}"))


def sparql(store: Store, query: str, accept: str, max_rows: int) -> Answer:
    checked = check_query(query)
    check_dataset(checked.dataset, lambda iri: _graph_is_stored(store, iri))
    # FROM / FROM NAMED choose the dataset themselves; otherwise the default graph is the union.
    # Run the text the guard judged (its escapes replaced), never the text as received.
    return answer(store.query_raw(checked.text, union=not checked.dataset), accept, max_rows)


def _page(template: str, build):
    def job(store: Store, **params) -> Answer:
        return Answer(HTML, render(template, build(store, **params)), 0, False)
    return job


JOBS = {
    "sparql": sparql,
    "documents": _page("documents.html", pages.documents),
    "document": _page("document.html", pages.document),
    "trace": _page("trace.html", pages.trace_page),
    "search": _page("search.html", pages.search),
}


def status_of(e: Exception) -> int:
    """The HTTP status a failed job answers with."""
    if isinstance(e, QueryError):
        return 400
    if isinstance(e, StoreError):
        return 502
    return 404 if isinstance(e, EvkgError) else 500  # EvkgError otherwise: no such document or label


class _StoreHandle:
    """The store, reopened when its folder changed: a read-only Oxigraph store is a snapshot,
    and `evkg ingest` may write while the server runs."""

    def __init__(self, location: str):
        self.location = location
        self._store: Store | None = None
        self._stamp: int | None = None

    def _stamp_now(self) -> int | None:
        if is_remote(self.location):
            return None
        try:
            return max(e.stat().st_mtime_ns for e in os.scandir(self.location))
        except (OSError, ValueError):
            return None

    def get(self) -> Store:
        stamp = self._stamp_now()
        if self._store is None or stamp != self._stamp:
            try:
                fresh = open_store(self.location, read_only=True)
            except StoreError:
                if self._store is None:
                    raise
                return self._store  # caught mid-write: keep the older snapshot until the next job
            if self._store is not None:
                self._store.close()
            self._store, self._stamp = fresh, stamp
        return self._store


def cap_memory(memory_mb: float) -> None:
    """Bound this process's address space to what it holds at start plus `memory_mb`, so a query that
    grows without end fails alone (Python raises MemoryError; Oxigraph's allocator aborts the process,
    which the pool replaces). Counted from the start: a worker forked from a process that preloaded
    the extractors starts with their address space, and must not fail its first query for it."""
    if memory_mb > 0:
        limit = _address_space() + int(memory_mb * (1 << 20))
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _address_space() -> int:
    """Bytes of address space this process holds now (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def main(location: str, conn, memory_mb: float = 0) -> None:
    """The worker loop: receive (job, params), send ("ok", Answer) or ("error", status, message).
    First the worker drops its network (a remote store is reached over it, so not then) and
    sends ("ready", how) — before the store is opened, as the measures need one thread —
    then caps its memory."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it ends us
    conn.send(("ready", NO_ISOLATION if is_remote(location) else drop_network()))
    cap_memory(memory_mb)
    handle = _StoreHandle(location)
    while True:
        try:
            job, params = conn.recv()
        except (EOFError, OSError):
            return
        try:
            # reading(): a read that an ingest's compaction got in the way of is retried afresh.
            reply = ("ok", handle.get().reading(lambda st, run=JOBS[job], params=params: run(st, **params)))
        except Exception as e:  # every failure goes back to the request that caused it
            reply = ("error", status_of(e), str(e) if isinstance(e, EvkgError) else f"{type(e).__name__}: {e}")
        conn.send(reply)
