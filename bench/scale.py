"""Scale: 10,000 documents in one store, and what reading them back costs on the way.

    .venv/bin/python bench/scale.py                      # 10,000 documents, embedded store (hours on 2 busy cores)
    .venv/bin/python bench/scale.py --docs 1000          # the 1,000-document point only
    .venv/bin/python bench/scale.py --docs 1000 --remote # the same against a local `oxigraph serve`
    .venv/bin/python bench/scale.py --docs 1000 --store http://HOST:7878/query   # an empty server of your own

The corpus is the ei-dev papers and the seeds, copied under new names until there are --docs
(each copy is its own document). It goes in in batches up to each checkpoint (1,000 and
10,000, or --checkpoints), each batch one `ingest()` call as `evkg ingest FOLDER` makes it, and
at each checkpoint the bench prints:

- **documents/s** of the batches so far, by wall clock and per CPU second of this process and
  its ingest workers (getrusage user+sys, all threads, plus the CPU the workers report; a remote
  server's own CPU is not in it);
- **store size** on disk (the store folder with its ledger and search index; for a remote
  server the server's folder when this bench started it, plus the local ledger);
- **peak memory**: this process's high-water RSS, and the server's (VmHWM) when it runs one;
- **trace**: p50 / p95 / max of `kg.report.trace.trace(store, doc, label)` for one recommendation
  that cites references, after one warm-up call (--trace-reps calls);
- **export**: p50 / max of the evidence-table CSV export of the whole store (--export-reps).

Latencies are wall clock (what a user waits) with the CPU seconds of this process beside them;
on a shared machine the wall figures carry other processes' load: the load average is printed
at each checkpoint. The trace target is p50 <= 20 ms at 1,000 documents. Nothing is asserted
and nothing is left behind. One run's output is kept in results-scale.txt.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SOURCES = (CORPUS / "ei-dev" / "docs", CORPUS / "seeds")
CITING = ("PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
          "SELECT DISTINCT ?doc WHERE { GRAPH ?g { ?f evkg:kind \"citation\" ; evkg:inDocument ?d . "
          "?d dcterms:identifier ?doc } } ORDER BY ?doc LIMIT 20")


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def sources() -> list[Path]:
    files = [p for folder in SOURCES for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")]
    if not files:
        raise SystemExit(f"no documents under {', '.join(map(str, SOURCES))}")
    return files


def write_batch(files: list[Path], start: int, stop: int, dest: Path) -> Path:
    """Documents start..stop-1: file i is files[i % len] under a name of its own."""
    dest.mkdir(parents=True)
    for i in range(start, stop):
        src = files[i % len(files)]
        shutil.copyfile(src, dest / f"{src.stem}-n{i:05d}{src.suffix}")
    return dest


def folder_mb(*paths: Path) -> float:
    return sum(f.stat().st_size for p in paths if p.exists() for f in (p.rglob("*") if p.is_dir() else [p])
               if f.is_file()) / 1e6


def server_peak_mb(proc: subprocess.Popen | None) -> float | None:
    if proc is None:
        return None
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def timed(work, reps: int, warm: bool = True) -> tuple[list[float], list[float]]:
    """(wall seconds, CPU seconds) of `reps` calls of work(), after one warm-up call when `warm`."""
    if warm:
        work()
    walls, cpus = [], []
    for _ in range(reps):
        c, w = cpu_seconds(), time.perf_counter()
        work()
        walls.append(time.perf_counter() - w)
        cpus.append(cpu_seconds() - c)
    return walls, cpus


def cut(walls: list[float], cpus: list[float]) -> str:
    q = statistics.quantiles(walls, n=20, method="inclusive") if len(walls) > 1 else walls * 19
    return (f"p50 {1000 * statistics.median(walls):.1f} ms, p95 {1000 * q[18]:.1f} ms, max {1000 * max(walls):.1f} ms "
            f"(CPU p50 {1000 * statistics.median(cpus):.1f} ms)")


def a_recommendation(store: str) -> tuple[str, str] | None:
    """The first graded recommendation that cites something: (document, label)."""
    from evkg.kg.store.backends import open_store
    from evkg.kg.store.queries import run_named
    with open_store(store, read_only=True) as st:
        for d in st.select(CITING).rows:
            for r in run_named(st, "trace_citations", {"doc": d["doc"]}).rows:
                return r["doc"], r["label"]
    return None


def start_oxigraph(folder: Path) -> tuple[subprocess.Popen, str]:
    binary = Path(sys.executable).parent / "oxigraph"
    binary = str(binary) if binary.exists() else shutil.which("oxigraph")
    if not binary:
        raise SystemExit("no `oxigraph` binary: `pip install oxigraph` (it is in the test extras)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, f"http://127.0.0.1:{port}/query"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("oxigraph serve did not start")


def stored_documents(store: str) -> int:
    """Documents in the store by its own count (the copies must be there, not skipped as duplicates)."""
    from evkg.kg.store.backends import open_store
    with open_store(store, read_only=True) as st:
        rows = st.select("PREFIX evkg: <https://w3id.org/evkg/ontology#>\n"
                         "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d a evkg:Document } }").rows
    return int(rows[0]["n"])


def measure(store: str, tmp: Path, args) -> None:
    """Trace of one recommendation and the evidence-table export, on the store as it stands."""
    from evkg.kg.report.export import export_csv
    from evkg.kg.report.trace import trace
    from evkg.kg.store.backends import open_store
    target = a_recommendation(store)
    with open_store(store, read_only=True) as st:
        if target:
            doc, label = target
            walls, cpus = timed(lambda: trace(st, doc, label), args.trace_reps)
            print(f"trace {doc} {label!r}: {cut(walls, cpus)}, {args.trace_reps} calls")
        else:
            print("trace: no recommendation that cites a reference")
        sys.stdout.flush()
        if args.export_reps:
            out = tmp / "export.csv"
            rows = []
            walls, cpus = timed(lambda: rows.append(export_csv(st, out)), args.export_reps, warm=False)
            print(f"evidence-table export ({rows[-1]} rows, {out.stat().st_size / 1e6:.0f} MB CSV): "
                  f"{cut(walls, cpus)}, {args.export_reps} calls, no warm-up")
    sys.stdout.flush()


def checkpoint(n: int, store: str, tmp: Path, done: dict, server, server_dir: Path | None, args) -> None:
    from evkg.kg.store.backends import is_remote
    from evkg.kg.store.ledger import ledger_path
    print(f"\n## {n} documents (load average {load_average()}, {time.strftime('%H:%M:%S', time.gmtime())} UTC)")
    print(f"ingest: {done['docs']} documents in {done['wall']:.0f} s wall, {done['cpu']:.0f} s CPU: "
          f"{done['docs'] / done['wall']:.1f} documents/s, {done['docs'] / done['cpu']:.1f} per CPU second; "
          f"{done['failed']} failed; {stored_documents(store)} documents in the store")
    on_disk = [ledger_path(store)] + ([server_dir] if server_dir else []) if is_remote(store) else [Path(store)]
    server_mb = server_peak_mb(server)
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store size: {folder_mb(*on_disk):.0f} MB; peak RSS: ingest process {own_mb:.0f} MB, "
          f"largest ingest worker {done['worker_mb']:.0f} MB ({done['jobs']} workers)"
          + (f", oxigraph server {server_mb:.0f} MB" if server_mb else ""))
    sys.stdout.flush()
    if args.keep and not is_remote(store):  # a copy to measure again later (--measure)
        shutil.copytree(store, Path(args.keep) / f"store-{n}")
        print(f"kept: {Path(args.keep) / f'store-{n}'}")
    if not args.no_measure:
        measure(store, tmp, args)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--checkpoints", default="1000,10000", help="document counts to measure at (and at --docs)")
    ap.add_argument("--batch", type=int, default=0,
                    help="documents per ingest() call (default: all up to the next checkpoint)")
    ap.add_argument("--remote", action="store_true", help="start `oxigraph serve` on 127.0.0.1 and use it by URL")
    ap.add_argument("--store", help="a SPARQL endpoint URL of your own (an empty store) instead")
    ap.add_argument("--trace-reps", type=int, default=30)
    ap.add_argument("--export-reps", type=int, default=3, help="export calls (no warm-up: each is long); 0: none")
    ap.add_argument("--no-measure", action="store_true", help="ingest and size only (measure later with --measure)")
    ap.add_argument("--keep", help="a folder to keep a copy of the embedded store in at each checkpoint")
    ap.add_argument("--measure", help="only measure trace and export on this existing store (path or URL)")
    ap.add_argument("--measure-server", help="only measure, against `oxigraph serve` on this kept folder")
    ap.add_argument("--progress", action="store_true", help="the ingest's progress bar on stderr")
    args = ap.parse_args()
    if args.measure or args.measure_server:
        with tempfile.TemporaryDirectory(prefix="evkg-scale-") as tmp_name:
            server, store = start_oxigraph(Path(args.measure_server)) if args.measure_server else (None, args.measure)
            print(f"# measure {args.measure or args.measure_server} (load average {load_average()})")
            try:
                measure(store, Path(tmp_name), args)
            finally:
                if server is not None:
                    server.terminate()
                    server.wait(30)
        return
    marks = sorted({c for c in map(int, args.checkpoints.split(",")) if c < args.docs} | {args.docs})
    files = sources()
    with tempfile.TemporaryDirectory(prefix="evkg-scale-") as tmp_name:
        tmp = Path(tmp_name)
        server = server_dir = None
        kept = Path(args.keep) if args.keep else tmp
        if args.remote or args.store:
            os.environ["HOME"] = str(kept / "home")  # the remote store's ledger goes under ~/.evkg
        if args.remote:
            server_dir = kept / "oxigraph"  # kept: `--measure-server` serves it again
            server, store = start_oxigraph(server_dir)
        else:
            store = args.store or str(tmp / "store")
        from evkg.extract.budget import Budget
        from evkg.kg.ingest.batch import ingest  # imports before the clock
        # The per-document budget is wall clock: on a machine this busy a seed can pass a minute.
        budget = Budget(seconds=3600)
        print("evkg scale benchmark")
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, load average {load_average()}; "
              f"{args.docs} documents = copies of {len(files)} files (ei-dev and the seeds); store: "
              + ("oxigraph serve (local, by URL)" if args.remote else store if args.store else "embedded Oxigraph"))
        done = {"docs": 0, "wall": 0.0, "cpu": 0.0, "failed": 0, "worker_mb": 0.0, "jobs": 0}
        try:
            at = 0
            for mark in marks:
                while at < mark:
                    stop = min(mark, at + args.batch) if args.batch else mark
                    batch = write_batch(files, at, stop, tmp / f"batch-{at:05d}")
                    c, w = cpu_seconds(), time.perf_counter()
                    rep = ingest([batch], store, budget=budget, progress=args.progress)
                    for path, why in rep.failed:
                        print(f"failed: {path}: {why}")
                    done["wall"] += time.perf_counter() - w
                    done["cpu"] += cpu_seconds() - c + rep.worker_seconds  # the workers' too
                    done["docs"] += len(rep.ingested)
                    done["failed"] += len(rep.failed)
                    done["worker_mb"] = max(done["worker_mb"], rep.worker_peak_mb)
                    done["jobs"] = max(done["jobs"], rep.jobs)
                    shutil.rmtree(batch)
                    at = stop
                checkpoint(mark, store, tmp, done, server, server_dir, args)
        finally:
            if server is not None:
                server.terminate()
                server.wait(30)


if __name__ == "__main__":
    main()
