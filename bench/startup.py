"""What an `evkg` process costs before it does anything: CPU seconds of whole commands on a
two-line file and a new store (the command's own process, and every process below it: a worker
pool's fork server and workers included), and the parts of an ingest's start-up in one process.

```
nice -n 19 .venv/bin/python bench/startup.py              # 5 rounds
nice -n 19 .venv/bin/python bench/startup.py --rounds 9
```

CPU time, not wall: the machine is shared, and a busy neighbour stretches wall time far more than
CPU time. Medians over the rounds; the commands of a round run one after the other, so a slow
minute hits them alike. Nothing is asserted; one run's output is kept in bench/FIGURES.md.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVKG = str(Path(sys.executable).parent / "evkg")
TWO_LINES = ("Aspirin 100 mg daily reduced stroke in 20 of 100 patients (20%) versus 30 of 100 (30%) with placebo.\n"
             "The response rate was 45% (95% CI 35-55).\n")

# The parts, each timed in a fresh process after the ones before it (CPU s of that step alone).
PARTS = """
import sys, time
def lap(name, t=[time.process_time()]):
    now = time.process_time(); print(f"{name}\\t{now - t[0]:.3f}"); t[0] = now
import evkg.kg.cli; lap("import kg.cli (click)")
import evkg.kg.ingest.batch, evkg.kg.ingest.work; lap("import kg.ingest (store, graph, shapes)")
import evkg.extract.pipeline; lap("import extract.pipeline (every plugin)")
from evkg.extract.text.context import Context; run = Context(); run.lexicon; lap("lexicon and drug dictionary")
from evkg.extract.text.sentences import sentences; sentences("One. Two.", "en"); lap("spaCy: import and blank('en')")
sentences("一。二。", "zh", run.user_words); lap("jieba: its dictionary and the lexicon's words")
"""


def _subreaper() -> None:
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: count orphans too


def _cpu_of(cmd: list[str], env: dict) -> tuple[float, float]:
    """CPU s of the command's own process and of every process below it (orphans reaped)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, own = os.wait4(proc.pid, 0)
    proc.returncode = 0
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return own.ru_utime + own.ru_stime, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    _subreaper()
    with tempfile.TemporaryDirectory(prefix="evkg-startup-") as tmp:
        work = Path(tmp)
        (work / "docs").mkdir()
        (work / "docs" / "two.txt").write_text(TWO_LINES, encoding="utf-8")
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
        commands = {
            "evkg --version": lambda r: [EVKG, "--version"],
            "evkg ingest --jobs 0, new store": lambda r: [EVKG, "ingest", "--quiet", "--jobs", "0", "--store",
                                                          str(work / f"s0-{r}"), str(work / "docs")],
            "evkg ingest --jobs 2, new store": lambda r: [EVKG, "ingest", "--quiet", "--jobs", "2", "--store",
                                                          str(work / f"s2-{r}"), str(work / "docs")],
            "evkg ingest, unchanged": lambda r: [EVKG, "ingest", "--quiet", "--store", str(work / f"s0-{r}"),
                                                 str(work / "docs")],
            "evkg stats": lambda r: [EVKG, "stats", "--store", str(work / f"s0-{r}")],
        }
        _cpu_of(commands["evkg ingest --jobs 0, new store"]("warm"), env)  # the user caches, as after a first run
        own: dict[str, list[float]] = {k: [] for k in commands}
        total: dict[str, list[float]] = {k: [] for k in commands}
        parts: dict[str, list[float]] = {}
        for r in range(args.rounds):
            for name, cmd in commands.items():
                o, t = _cpu_of(cmd(r), env)
                own[name].append(o)
                total[name].append(t)
            out = subprocess.run([sys.executable, "-c", PARTS], capture_output=True, text=True, env=env, check=True)
            for line in out.stdout.splitlines():
                name, sec = line.split("\t")
                parts.setdefault(name, []).append(float(sec))
    print(f"CPU s, median of {args.rounds} rounds (load {os.getloadavg()[0]:.1f})")
    print(f"{'command':36s} {'own':>6s} {'all':>6s}")
    for name in commands:
        print(f"{name:36s} {statistics.median(own[name]):6.2f} {statistics.median(total[name]):6.2f}")
    print(f"\n{'part of a start-up (one process, in order)':44s} {'CPU s':>6s}")
    for name, secs in parts.items():
        print(f"{name:44s} {statistics.median(secs):6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
