"""Reliability figures: big inputs, kill -9 trials, reader fuzzing. Prints figures, asserts nothing.

    .venv/bin/python bench/reliability.py                       # all three, a quarter of an hour or more
    .venv/bin/python bench/reliability.py --only big --sizes 1,4,10
    .venv/bin/python bench/reliability.py --only kills --kills 20
    .venv/bin/python bench/reliability.py --only fuzz --cases 200

- big: the ingest of one text of N MB (a seed repeated) in a fresh store with one worker: the
  worker's CPU time and peak memory (what its budgets count), the ingest process's CPU, and
  the CPU of each stage of the same document (reading, shared views, each extractor, graph,
  shape check) so the stage that grows fastest is named; then the largest again while other
  processes keep every core busy: same CPU, same budget verdict, longer wall time.
- kills: `evkg ingest` of the crash-test corpus (tests/crash_corpus.py) killed with SIGKILL at
  a random moment, then re-run undisturbed; a trial survives when export, stats and resolved
  references equal those of a clean run.
- fuzz: mutants of each reader's inputs (tests/mutate.py): how many give facts, how many the
  project's one-line error, how many anything else (a traceback), and the slowest case.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "system")]  # test_crash, test_fuzz_readers
EVKG = str(Path(sys.executable).parent / "evkg")
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

from evkg.extract.budget import Budget  # noqa: E402


def _stages(path: Path) -> dict[str, float]:
    """CPU seconds of each stage of one document, in this process: reading, the views the
    extractors share (folded text, sentences, lexicon mentions), each extractor plugin, the
    graph and its shape check."""
    from evkg.extract.pipeline import PLUGINS
    from evkg.extract.readers import read_documents
    from evkg.extract.text.context import Context
    from evkg.kg.graph.rdf import document_triples
    from evkg.kg.graph.shapes import check_document
    run = Context()
    cpu = time.process_time
    out: dict[str, float] = {}

    def timed(name, work):
        t0 = cpu()
        result = work()
        out[name] = out.get(name, 0.0) + cpu() - t0
        return result
    (doc,) = timed("read", lambda: read_documents(path, Budget(max_mb=0)))
    ctx = run.for_document(doc)
    for view in ("folded", "key_sentences", "sentences", "mentions"):
        timed(f"view {view}", lambda v=view: getattr(ctx, v))
    facts = []
    for plugin in PLUGINS:
        if plugin.reads(doc):
            facts += timed(f"plugin {plugin.name}", lambda p=plugin: list(p.extract(doc, ctx)))
    triples = timed("graph", lambda: list(document_triples(doc, "0" * 64, facts)))
    timed("shape check", lambda: check_document(doc.id, triples))
    return out


def _spin(stop_after: float) -> None:
    end = time.monotonic() + stop_after
    while time.monotonic() < end:
        pass


def big(sizes: list[float], workdir: Path, max_mb: float | None = None, stages: bool = True) -> None:
    """Each size: `ingest` with one worker (its CPU and peak memory, the ingest process's CPU),
    then the stages of the same document in this process; last, the largest again with the
    machine made busier (processes spinning on every core): the CPU it takes, so its budget,
    does not change with the load, only the wall time does."""
    from evkg.kg.ingest.batch import ingest
    seed = next(SEEDS.glob("002_*.txt"), ROOT / "examples" / "consensus_tace_haic_zh.txt")
    text = seed.read_text(encoding="utf-8")
    limit = max_mb or max(sizes) + 1
    budget = Budget(max_mb=limit)
    print(f"big inputs: {seed.name} repeated, one document each, size limit {limit:g} MB, CPU budget "
          f"{budget.seconds:g} s + {budget.seconds_per_mb:g} s per MB, memory budget {budget.memory_mb:g} MB")
    cpu_of: dict[float, float] = {}
    for mb in sizes:
        path = workdir / f"big_{mb:g}mb.txt"
        path.write_text(text * max(1, int(mb * (1 << 20) / len(text.encode("utf-8")))), encoding="utf-8")
        rep, wall, own = _ingest_one(ingest, path, workdir / f"store_{mb:g}", budget)
        cpu_of[mb] = rep.worker_seconds
        print(f"  {path.stat().st_size / (1 << 20):5.1f} MB  worker CPU {rep.worker_seconds:7.1f} s  peak "
              f"{rep.worker_peak_mb:6.0f} MB  |  ingest process CPU {own:6.1f} s  |  wall {wall:6.1f} s  |  "
              + (f"{rep.facts} facts" if rep.ok else f"failed: {rep.failed[0][1][:120]}"), flush=True)
        if stages:
            spent = _stages(path)
            total = sum(spent.values())
            top = sorted(spent.items(), key=lambda kv: -kv[1])[:5]
            print(f"        stages in this process, {total:.1f} s CPU: "
                  + ", ".join(f"{name} {sec:.1f} s ({100 * sec / total:.0f} %)" for name, sec in top), flush=True)
        if mb != max(sizes):
            path.unlink()
    small, large = min(sizes), max(sizes)
    if cpu_of.get(small):
        ratio = cpu_of[large] / cpu_of[small]
        print(f"  {large:g} MB / {small:g} MB worker CPU: {ratio:.1f}x (size ratio {large / small:g}x; "
              f"target <= 12x for 10 / 1 MB)")
    path = workdir / f"big_{large:g}mb.txt"
    spinners = [multiprocessing.Process(target=_spin, args=(3600,), daemon=True)
                for _ in range(2 * (os.cpu_count() or 1))]
    for sp in spinners:
        sp.start()
    try:
        rep, wall, _ = _ingest_one(ingest, path, workdir / "store_busy", budget)
    finally:
        for sp in spinners:
            sp.kill()
            sp.join()
    print(f"  {large:g} MB again beside {len(spinners)} spinning processes (load {os.getloadavg()[0]:.1f}): "
          f"worker CPU {rep.worker_seconds:.1f} s (alone {cpu_of[large]:.1f} s), wall {wall:.1f} s; its CPU budget "
          f"{budget.seconds_for(path.stat().st_size):.0f} s: " + ("within" if rep.ok else rep.failed[0][1][:120]))
    path.unlink()


def _ingest_one(ingest, path: Path, store: Path, budget: Budget):
    used = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    rep = ingest([path], str(store), budget=budget, jobs=1)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    return rep, wall, after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime


def kills(trials: int, workdir: Path) -> None:
    from test_crash import ingest_cmd, run, snapshot

    from helpers.crash_corpus import write_corpus
    corpus = write_corpus(workdir / "corpus")[0].parent
    clean_store = workdir / "clean"
    run(clean_store, corpus)
    clean = snapshot(clean_store)
    rng = random.Random(14)
    survived, killed = 0, 0
    for t in range(trials):
        store = workdir / f"trial{t}"
        for _ in range(rng.randint(1, 3)):  # one to three kills in a row before the undisturbed run
            proc = subprocess.Popen(ingest_cmd(store, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.5, 4.0))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
        code = run(store, corpus)
        same = code == 0 and snapshot(store) == clean
        survived += same
        if not same:
            print(f"    trial {t}: the undisturbed run exited {code}" + ("" if code else "; its result differs"))
    print(f"kill -9 trials: {survived}/{trials} converged to the clean result ({killed} kills in all; "
          f"corpus of {len(list(corpus.iterdir()))} documents)")


def fuzz(cases: int, workdir: Path) -> None:
    from test_fuzz_readers import STRUCTURED

    from evkg.core.errors import EvkgError
    from evkg.extract.pipeline import extract_facts
    from evkg.extract.readers import read_documents
    from evkg.extract.text.context import Context
    from helpers.mutate import mutant
    from helpers.pdf import PAPER_PAGES, make_pdf
    pdf = workdir / "paper.pdf"
    pdf.write_bytes(make_pdf(PAPER_PAGES))
    seeds = {**STRUCTURED, "pdf": pdf, "plain_en": ROOT / "examples" / "paper_tace_lenvatinib_en.txt",
             "plain_zh": ROOT / "examples" / "consensus_tace_haic_zh.txt"}
    print(f"fuzz: {cases} mutants per reader input")
    for name, seed in seeds.items():
        rng, counts, slowest = random.Random(name), Counter(), 0.0
        for k in range(cases):
            path = workdir / f"{name}_{k}{seed.suffix}"
            path.write_bytes(mutant(seed, rng))
            started = time.perf_counter()
            try:
                for doc in read_documents(path):
                    extract_facts(doc, Context())
                counts["facts"] += 1
            except EvkgError:
                counts["error"] += 1
            except Exception as e:  # noqa: BLE001 - counted, and named below
                counts["traceback"] += 1
                print(f"    {name} mutant {k}: {type(e).__name__}: {e}")
            slowest = max(slowest, time.perf_counter() - started)
            path.unlink()
        print(f"  {name:18} facts {counts['facts']:4}  one-line error {counts['error']:4}  "
              f"traceback {counts['traceback']:2}  slowest {slowest:5.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["big", "kills", "fuzz"])
    ap.add_argument("--sizes", default="1,4,10", help="MB of the big inputs")
    ap.add_argument("--max-mb", type=float, default=None,
                    help="size limit for the big inputs (default: the largest + 1)")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage CPU of each big input")
    ap.add_argument("--kills", type=int, default=20, help="kill -9 trials")
    ap.add_argument("--cases", type=int, default=200, help="mutants per reader input")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="evkg-reliability-") as tmp:
        work = Path(tmp)
        if args.only in (None, "big"):
            big([float(s) for s in args.sizes.split(",")], work, args.max_mb, not args.no_stages)
        if args.only in (None, "kills"):
            kills(args.kills, work)
        if args.only in (None, "fuzz"):
            fuzz(args.cases, work)


if __name__ == "__main__":
    main()
