"""Whole `evkg` commands on one store, as a user waits for them: wall and CPU seconds.

    .venv/bin/python bench/commands.py --ingest ../shared/corpus/ei-dev/docs --limit 100   # a fresh store
    .venv/bin/python bench/commands.py STORE [--rounds 3]

Each command runs as its own process (`evkg` of this venv: start, imports, the work and the
output), `--rounds` times, commands alternated so a busy machine slows each alike. Per command:
the median wall seconds and the median CPU seconds (user + sys of the process and the children
it waited for, from wait4), beside the issue's target on 100 documents (#20): `stats` and a named
query <= 0.5 s, xlsx <= 5 s, `check` <= 3 s. On a shared machine the wall figure carries other
processes' load (printed); the CPU figure does not. Nothing is asserted; results-commands.txt
keeps one run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVKG = str(Path(sys.executable).parent / "evkg")
TARGETS = {"stats": 0.5, "query fact_counts": 0.5, "query facts_without_provenance": 0.5,
           "export xlsx": 5.0, "check": 3.0}


def commands(store: str, out: Path, every_query: bool = False) -> dict[str, list[str]]:
    s = ["--store", store]
    queries = {}
    if every_query:  # each named query that needs no parameter, as `evkg query NAME`
        from evkg.kg.store.queries import declared_parameters, named_queries, named_text
        queries = {f"query {n}": ["query", *s, n] for n in named_queries() if n != "fact_counts"
                   and not any(p.required for p in declared_parameters(named_text(n)) or ())}
    return queries | {
        "stats": ["stats", *s],
        "query fact_counts": ["query", *s, "fact_counts"],
        "query facts_without_provenance": ["query", *s, "facts_without_provenance"],
        "export csv": ["export", *s, "-o", str(out / "t.csv")],
        "export xlsx": ["export", *s, "-o", str(out / "t.xlsx")],
        "export fhir": ["export", *s, "-o", str(out / "t.json")],
        "check": ["check", *s],
        "search": ["search", *s, "hazard ratio"],
    }


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (process and waited-for children) and exit status of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([EVKG, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", nargs="?")
    ap.add_argument("--ingest", type=Path, help="ingest the first --limit files of this folder into a fresh store")
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--every-query", action="store_true", help="also every named query without a required parameter")
    a = ap.parse_args()
    if not a.store and not a.ingest:
        ap.error("give a STORE or --ingest DIR")
    with tempfile.TemporaryDirectory(prefix="evkg-commands-") as tmp_name:
        tmp = Path(tmp_name)
        store = a.store
        if a.ingest:
            src = tmp / "in"
            src.mkdir()
            for p in sorted(p for p in a.ingest.iterdir() if p.is_file() and not p.name.startswith("."))[:a.limit]:
                shutil.copyfile(p, src / p.name)
            store = str(tmp / "store")
            subprocess.run([EVKG, "ingest", "--quiet", "--store", store, str(src)], check=True,
                           stdout=subprocess.DEVNULL)
        print(f"evkg commands on {store}{f' ({a.limit} files of {a.ingest})' if a.ingest else ''}; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; {a.rounds} rounds")
        cmds = commands(store, tmp, a.every_query)
        walls: dict[str, list[float]] = {k: [] for k in cmds}
        cpus: dict[str, list[float]] = {k: [] for k in cmds}
        names = list(cmds)
        for r in range(a.rounds):
            for name in names if r % 2 == 0 else reversed(names):
                wall, cpu, code = run(cmds[name])
                if code != 0:
                    print(f"  {name}: exit status {code}")
                walls[name].append(wall)
                cpus[name].append(cpu)
        print(f"{'command':34} {'wall s':>8} {'CPU s':>8}  target")
        for name in names:
            w, c = statistics.median(walls[name]), statistics.median(cpus[name])
            target = TARGETS.get(name, 0.5 if name.startswith("query ") else None)
            verdict = f"<= {target:g} s (by CPU): {'met' if c <= target else 'NOT met'}" if target else ""
            print(f"evkg {name:29} {w:8.2f} {c:8.2f}  {verdict}")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
