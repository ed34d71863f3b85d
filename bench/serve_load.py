"""Load on `evkg serve`: N concurrent clients for a fixed time against 127.0.0.1 only.

The seeds are copied N times (as bench/ingest.py does) and ingested into a temporary store,
or --store names one already made; `evkg serve` is started on a free loopback port; then,
one target after the other, the clients request the trace page of a recommendation and a
SPARQL query for --seconds each, and the requests, errors, p50 and p99 latency are printed.
Then, against the same server:
- 8 clients search without pause while one more sends `ASK {}`: the query's p50 / p99 (the
  searches have their own workers and queue, so the query should not wait for them);
- a client that sends one header line every --trickle seconds: when the server drops it
  (it should, at its head timeout, 10 s);
- 200 connections opened at once: their connect times, and that each is answered.
Every client stops at the deadline, and the server is stopped at the end.

    .venv/bin/python bench/serve_load.py [--copies 100] [--clients 8] [--seconds 60]
"""
from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import select
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import SEEDS, copy_corpus  # noqa: E402  (bench/ingest.py, beside this file)

from evkg.kg.ingest.batch import ingest  # noqa: E402
from evkg.kg.store.backends import open_store  # noqa: E402
from evkg.kg.store.queries import run_named  # noqa: E402

HOST = "127.0.0.1"  # loopback only: this load never leaves the machine
CITING = ("PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
          "SELECT DISTINCT ?doc WHERE { GRAPH ?g { ?f evkg:kind \"citation\" ; evkg:inDocument ?d . "
          "?d dcterms:identifier ?doc } } LIMIT 20")
SPARQL = ("PREFIX evkg: <https://w3id.org/evkg/ontology#>\n"
          "SELECT ?kind (COUNT(?f) AS ?facts) WHERE { ?f evkg:kind ?kind } GROUP BY ?kind ORDER BY ?kind")


def a_recommendation(store: str) -> tuple[str, str]:
    """The first graded recommendation in the store that cites something: (document, label)."""
    with open_store(store, read_only=True) as st:
        for d in st.select(CITING).rows:  # trace_citations takes one document
            for r in run_named(st, "trace_citations", {"doc": d["doc"]}).rows:
                return r["doc"], r["label"]
    raise SystemExit("the store holds no recommendation that cites a reference")


def start_server(store: str, workers: int) -> tuple[subprocess.Popen, int]:
    evkg = Path(sys.executable).parent / "evkg"
    proc = subprocess.Popen([str(evkg), "serve", "--store", store, "--host", HOST, "--port", "0",
                             "--workers", str(workers), "--quiet"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    found = re.search(r"http://[\d.]+:(\d+)/", line)
    if not found:
        proc.kill()
        raise SystemExit(f"evkg serve did not start: {line}{proc.stderr.read()}")
    return proc, int(found.group(1))


def client(port: int, path: str, headers: dict, deadline: float, out: list, errors: list) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            resp.read()
            ok = resp.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            ok = False
        (out if ok else errors).append(time.perf_counter() - started)
    conn.close()


def load(port: int, path: str, headers: dict, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[float] = []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, path, headers, deadline, latencies, errors))
               for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [float("nan")] * 99
    done = len(latencies) + len(errors)
    return {"requests": done, "errors": len(errors), "rate": done / elapsed,
            "p50": cuts[49] * 1000, "p99": cuts[98] * 1000, "max": max(latencies, default=float("nan")) * 1000}


SEARCHES = ("肝细胞癌", "TACE", "ORR", "overall survival", "经动脉化疗栓塞", "hazard ratio")


def status_client(port: int, paths: list[str], deadline: float, statuses: dict) -> None:
    """Requests the paths in turn until the deadline, counting the statuses."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    i = 0
    while time.monotonic() < deadline:
        try:
            conn.request("GET", paths[i % len(paths)])
            resp = conn.getresponse()
            resp.read()
            key = resp.status
            if resp.getheader("Connection") == "close":
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            key = "failed"
        statuses[key] = statuses.get(key, 0) + 1
        i += 1
    conn.close()


def searches_and_a_query(port: int, seconds: float, searchers: int = 8) -> tuple[dict, dict]:
    """`searchers` clients searching without pause, and one sending ASK {} meanwhile."""
    paths = ["/search?" + urllib.parse.urlencode({"q": q}) for q in SEARCHES]
    statuses: dict = {}
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=status_client, args=(port, paths[i:] + paths[:i], deadline, statuses))
               for i in range(searchers)]
    for t in threads:
        t.start()
    time.sleep(0.5)  # the searches are under way
    ask = load(port, "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}),
               {"Accept": "application/sparql-results+json"}, 1, seconds - 1)
    for t in threads:
        t.join()
    return ask, statuses


def trickle(port: int, every: float, limit: float = 60) -> tuple[float, str]:
    """A client sending one header line every `every` seconds: seconds until the server
    answers or closes, and its status line ('' if it closed without one)."""
    with socket.create_connection((HOST, port), timeout=limit) as s:
        started = time.monotonic()
        s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\n")
        n = 0
        while time.monotonic() - started < limit:
            if select.select([s], [], [], every)[0]:
                break
            try:
                s.sendall(f"X-Trickle-{n}: one more line\r\n".encode())
            except OSError:
                break
            n += 1
        else:
            return float("inf"), "still open"
        waited = time.monotonic() - started
        try:
            head = s.recv(200).split(b"\r\n")[0].decode("latin-1")
        except OSError:
            head = ""
        return waited, head


def burst(port: int, n: int = 200) -> tuple[list[float], list]:
    """`n` connections opened at once (threads released together): connect times, then one
    request on each, and its status."""
    gate = threading.Barrier(n)
    times: list = [None] * n
    socks: list = [None] * n

    def connect(i: int) -> None:
        gate.wait()
        started = time.perf_counter()
        try:
            socks[i] = socket.create_connection((HOST, port), timeout=30)
            times[i] = time.perf_counter() - started
        except OSError:
            times[i] = float("inf")

    threads = [threading.Thread(target=connect, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = []
    for s in socks:
        if s is None:
            statuses.append("no connection")
            continue
        with s:
            s.sendall(b"GET /sparql HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
            statuses.append(int(reply.split(b" ", 2)[1]) if reply else "closed")
    return times, statuses


def print_limits(port: int, seconds: float, every: float) -> None:
    ask, statuses = searches_and_a_query(port, seconds)
    print(f"\n8 searches without pause + ASK {{}} for {seconds:g} s:")
    print(f"  ASK {{}}: {ask['requests']} requests, {ask['errors']} errors, p50 {ask['p50']:.0f} ms, "
          f"p99 {ask['p99']:.0f} ms, max {ask['max']:.0f} ms   (target p99 <= 1000 ms)")
    print("  searches: " + ", ".join(f"{n} x {k}" for k, n in sorted(statuses.items(), key=str)))
    waited, head = trickle(port, every)
    print(f"\ntrickling client (a header line every {every:g} s): dropped after {waited:.1f} s with "
          f"'{head}'   (head timeout 10 s)")
    times, answered = burst(port)
    ok = [t for t in times if t != float("inf")]
    cut = statistics.quantiles(ok, n=100)
    print(f"\n200 connections at once: {len(ok)} connected, {sum(t <= 0.1 for t in ok)} within 100 ms; "
          f"connect p50 {cut[49] * 1000:.1f} ms, p99 {cut[98] * 1000:.1f} ms, max {max(ok) * 1000:.1f} ms; "
          f"answers: " + ", ".join(f"{answered.count(k)} x {k}" for k in sorted(set(answered), key=str)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=100, help="copies of each seed (default 100)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    ap.add_argument("--seconds", type=float, default=60, help="seconds of load per target (default 60)")
    ap.add_argument("--workers", type=int, default=4, help="evkg serve --workers (default 4)")
    ap.add_argument("--store", help="an existing store to serve instead of ingesting the copies")
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--trickle", type=float, default=2.0, help="seconds between a trickling client's header lines")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="evkg-serve-load-") as tmp:
        store = args.store
        print("evkg serve load benchmark")
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, {args.clients} clients, "
              f"{args.workers} workers, {args.seconds:g} s per target, {HOST}")
        if store is None:
            store = str(Path(tmp) / "store")
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            files = copy_corpus(args.seeds, args.copies, corpus)
            started = time.perf_counter()
            report = ingest([corpus], store)
            print(f"store: {len(files)} files = seeds x {args.copies}, {len(report.ingested)} ingested "
                  f"in {time.perf_counter() - started:.1f} s")
        doc, label = a_recommendation(store)
        targets = {
            "trace page": (f"/trace/{urllib.parse.quote(doc)}?" + urllib.parse.urlencode({"label": label}), {}),
            "sparql query": ("/sparql?" + urllib.parse.urlencode({"query": SPARQL}),
                             {"Accept": "application/sparql-results+json"}),
        }
        proc, port = start_server(store, args.workers)
        try:
            print(f"\n{'target':<14}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
            for name, (path, headers) in targets.items():
                r = load(port, path, headers, args.clients, args.seconds)
                print(f"{name:<14}{r['requests']:>9}{r['errors']:>8}{r['rate']:>8.1f}{r['p50']:>9.0f}"
                      f"{r['p99']:>9.0f}{r['max']:>9.0f}")
            print(f"\ntrace page: {doc} {label}\nsparql query: facts per kind over the whole store")
            print_limits(port, args.seconds, args.trickle)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)


if __name__ == "__main__":
    main()
