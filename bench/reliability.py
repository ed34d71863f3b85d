"""Reliability figures: big inputs, kill -9 trials, reader fuzzing. Prints figures, asserts nothing.

    .venv/bin/python bench/reliability.py                       # all three, a quarter of an hour or more
    .venv/bin/python bench/reliability.py --only big --sizes 1,10,50
    .venv/bin/python bench/reliability.py --only kills --kills 20
    .venv/bin/python bench/reliability.py --only fuzz --cases 200

- big: `evkg ingest` of one text of N MB (a seed repeated) in a fresh store, as a subprocess:
  wall time, peak RSS (getrusage of the child), and how it ended (a file over the size
  limit ends in seconds with one line).
- kills: `evkg ingest` of the crash-test corpus (tests/crash_corpus.py) killed with SIGKILL at
  a random moment, then re-run undisturbed; a trial survives when export, stats and resolved
  references equal those of a clean run.
- fuzz: mutants of each reader's inputs (tests/mutate.py): how many give facts, how many the
  project's one-line error, how many anything else (a traceback), and the slowest case.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
EVKG = str(Path(sys.executable).parent / "evkg")
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def big(sizes: list[float], workdir: Path, max_mb: float | None = None) -> None:
    seed = next(SEEDS.glob("002_*.txt"), ROOT / "examples" / "consensus_tace_haic_zh.txt")
    text = seed.read_text(encoding="utf-8")
    print(f"big inputs: {seed.name} repeated, one document each, "
          + (f"size limit raised to {max_mb:g} MB" if max_mb else "default budgets"))
    for mb in sizes:
        path = workdir / f"big_{mb:g}mb.txt"
        reps = max(1, int(mb * (1 << 20) / len(text.encode("utf-8"))))
        path.write_text(text * reps, encoding="utf-8")
        started = time.perf_counter()
        cmd = [EVKG, "ingest", "--quiet", "--store", str(workdir / f"store_{mb:g}"), str(path)]
        out, err = workdir / "stdout", workdir / "stderr"
        with out.open("w") as o, err.open("w") as e:
            proc = subprocess.Popen(cmd + (["--max-mb", str(max_mb)] if max_mb else []), stdout=o, stderr=e)
            _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak RSS
        seconds = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        lines = (out if code == 0 else err).read_text().strip().splitlines()
        ended = (lines[-1] if code == 0 else lines[0]).replace(str(path), path.name) if lines else ""
        rss = usage.ru_maxrss
        print(f"  {path.stat().st_size / (1 << 20):6.1f} MB  {seconds:7.1f} s  peak RSS "
              f"{rss / 1024:6.0f} MB  exit {code}: {ended[:150]}", flush=True)
        path.unlink()


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
    from test_article_readers import PAPER_PAGES, make_pdf
    from test_fuzz_readers import STRUCTURED

    from evkg.core.errors import EvkgError
    from evkg.extract.pipeline import extract_facts
    from evkg.extract.readers import read_documents
    from evkg.extract.text.context import Context
    from helpers.mutate import mutant
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
    ap.add_argument("--sizes", default="1,10,50", help="MB of the big inputs")
    ap.add_argument("--max-mb", type=float, default=None, help="size limit for the big inputs (default 10)")
    ap.add_argument("--kills", type=int, default=20, help="kill -9 trials")
    ap.add_argument("--cases", type=int, default=200, help="mutants per reader input")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="evkg-reliability-") as tmp:
        work = Path(tmp)
        if args.only in (None, "big"):
            big([float(s) for s in args.sizes.split(",")], work, args.max_mb)
        if args.only in (None, "kills"):
            kills(args.kills, work)
        if args.only in (None, "fuzz"):
            fuzz(args.cases, work)


if __name__ == "__main__":
    main()
