"""The test suite's cost, test by test: wall time and CPU time (the test's own process and every
process it started, grandchildren included), so that a test that waits shows apart from one that
works.

```
nice -n 19 .venv/bin/python bench/suite.py                    # the whole suite, -n 2 --dist worksteal
nice -n 19 .venv/bin/python bench/suite.py --top 40 -- -m "not slow"
nice -n 19 .venv/bin/python bench/suite.py -- tests/system/test_crash.py
```

Each pytest process (the controller and each xdist worker) makes itself a child subreaper
(Linux `prctl(PR_SET_CHILD_SUBREAPER)`), so a process orphaned below it (an `evkg ingest`'s
forkserver and its workers) is reaped by it and its CPU time is counted; each test's figure is
the difference of `getrusage` (self + children) around its setup, call and teardown. A module
or session fixture is charged to the first test on that worker that needs it. Nothing is
asserted: the figures are printed, one run's output is kept in `results-make-test-round7.txt`.
"""
from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_PR_SET_CHILD_SUBREAPER = 36


def _subreaper() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _reap() -> None:
    """Wait for orphans that were handed to this process, so their CPU time is counted."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _reap_all(seconds: float = 60) -> None:
    """Wait for the orphans still running (a fork server ends a moment after the pytest worker
    that started it), so that their CPU time is counted; at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


# The plugin's side (loaded with `-p suite` in every pytest process).
def pytest_configure(config) -> None:
    _subreaper()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _reap()
    wall, cpu = time.perf_counter(), _cpu()
    yield
    _reap()
    out = os.environ.get("EVKG_SUITE_LOG")
    if out:
        row = {"test": item.nodeid, "wall": time.perf_counter() - wall, "cpu": _cpu() - cpu}
        with open(out, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")


# The command's side.
def _report(rows: list[dict], top: int) -> None:
    wall = sum(r["wall"] for r in rows)
    cpu = sum(r["cpu"] for r in rows)
    print(f"tests {len(rows)}; sum of durations {wall:.1f} s; CPU inside tests {cpu:.1f} s "
          f"({cpu / wall:.0%} of their wall time)")
    print(f"\ntop {top} by wall (wall s, CPU s, test)")
    for r in sorted(rows, key=lambda r: -r["wall"])[:top]:
        print(f"{r['wall']:7.2f} {r['cpu']:7.2f}  {r['test'][:140]}")
    files: Counter[str] = Counter()
    files_cpu: Counter[str] = Counter()
    for r in rows:
        name = r["test"].split("::")[0]
        files[name] += r["wall"]
        files_cpu[name] += r["cpu"]
    print(f"\ntop {top} files by wall (wall s, CPU s, file)")
    for name, w in files.most_common(top):
        print(f"{w:7.2f} {files_cpu[name]:7.2f}  {name}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--workers", default="2", help="pytest-xdist's -n (default 2)")
    ap.add_argument("--log", help="keep the per-test JSON lines here")
    ap.add_argument("pytest_args", nargs="*", help="after --: passed to pytest")
    args = ap.parse_args(argv)
    _subreaper()
    log = args.log or tempfile.mkstemp(prefix="evkg-suite-", suffix=".jsonl")[1]
    Path(log).write_text("")
    env = {**os.environ, "EVKG_SUITE_LOG": log,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "bench"), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "suite", "-p", "no:cacheprovider",
           "-n", args.workers, "--dist", "worksteal", *args.pytest_args]
    before, start = _cpu(), time.perf_counter()
    code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    _reap_all()
    wall, cpu = time.perf_counter() - start, _cpu() - before
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    rows = [json.loads(line) for line in Path(log).read_text().splitlines() if line.strip()]
    print(f"\npytest exit {code}; wall {wall:.1f} s; CPU {cpu:.1f} s (user {kids.ru_utime:.1f} + sys "
          f"{kids.ru_stime:.1f}, every process below, orphans included); load {os.getloadavg()[0]:.1f}")
    _report(rows, args.top)
    if not args.log:
        os.unlink(log)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
