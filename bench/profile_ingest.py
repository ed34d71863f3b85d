"""Where an ingest spends its time: cProfile of `ingest()` on a corpus, summarised.

    .venv/bin/python bench/profile_ingest.py                        # the seeds, then 100 ei-dev papers
    .venv/bin/python bench/profile_ingest.py --corpus seeds --top 15
    .venv/bin/python bench/profile_ingest.py --corpus DIR --docs 50 --save out.pstats

For each corpus: one unprofiled ingest into a fresh temporary store (CPU seconds, getrusage
user+sys of this process, all threads; wall beside it), then the same ingest under cProfile
into another fresh store, and the top functions by own time and by cumulative time, and own
time added up by area (evkg room, library, native). Imports happen before the clock starts;
one-off loads inside the ingest (lexicon, jieba's dictionary, spaCy pipelines) are in it, as a
user pays them. The unprofiled figure adds the worker processes' CPU (the default, one per core)
and repeats the ingest with --jobs 0; the profiled ingest runs with --jobs 0, every stage in the
one process cProfile watches. cProfile inflates pure-Python code far more than native code (Oxigraph,
regex, spaCy's tokenizer): compare shares within one profile, take speeds from the
unprofiled figure. bench/profile.md keeps the summary before and after this round's changes.
"""
from __future__ import annotations

# Not named profile.py: a script's folder comes first on sys.path, and a bench/profile.py there
# stood in for the standard library's `profile`, breaking every bench script that imports cProfile.
import argparse
import cProfile
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
CORPORA = {"seeds": SHARED / "seeds", "eidev": SHARED / "ei-dev" / "docs"}
DEFAULT_DOCS = {"seeds": 0, "eidev": 100}


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def pick(folder: Path, docs: int, dest: Path) -> Path:
    """The first `docs` files of `folder` (sorted; all when 0) copied into dest."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    for p in files[:docs] if docs else files:
        shutil.copyfile(p, dest / p.name)
    return dest


def area(filename: str) -> str:
    """The room (evkg/extract/results ...) or library a function's file belongs to."""
    if filename.startswith("~") or filename.startswith("<"):
        return "native / builtins"
    p = Path(filename)
    parts = p.parts
    for root in ("core", "extract", "kg"):
        if str(REPO / root) in filename:
            rel = p.relative_to(REPO).parts
            return "/".join(rel[:2]) if len(rel) > 2 else rel[0]
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    return "python stdlib"


def label(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    try:
        filename = str(Path(filename).relative_to(REPO))
    except ValueError:
        filename = "/".join(Path(filename).parts[-2:])
    return f"{name} ({filename}:{line})"


def summary(stats: pstats.Stats, top: int) -> list[str]:
    total = stats.total_tt
    rows = stats.stats  # func -> (cc, nc, tt, ct, callers)
    out = [f"profiled total {total:.2f} s (main thread CPU)", "", f"top {top} by own time:",
           "| # | function | calls | own s | share |", "|---|---|---|---|---|"]
    by_tt = sorted(rows.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for i, (func, (_, nc, tt, _, _)) in enumerate(by_tt, 1):
        out.append(f"| {i} | {label(func)} | {nc} | {tt:.3f} | {100 * tt / total:.1f} % |")
    out += ["", f"top {top} by cumulative time (evkg functions):",
            "| # | function | cumulative s | share |", "|---|---|---|---|"]
    ours = [(f, v) for f, v in rows.items() if any(str(REPO / r) in f[0] for r in ("core", "extract", "kg"))]
    for i, (func, (_, _, _, ct, _)) in enumerate(sorted(ours, key=lambda kv: kv[1][3], reverse=True)[:top], 1):
        out.append(f"| {i} | {label(func)} | {ct:.3f} | {100 * ct / total:.1f} % |")
    areas: dict[str, float] = {}
    for func, (_, _, tt, _, _) in rows.items():
        areas[area(func[0])] = areas.get(area(func[0]), 0.0) + tt
    out += ["", "own time by area:", "| area | own s | share |", "|---|---|---|"]
    for name, tt in sorted(areas.items(), key=lambda kv: kv[1], reverse=True)[:top]:
        out.append(f"| {name} | {tt:.2f} | {100 * tt / total:.1f} % |")
    return out


def ingest_once(corpus: Path, docs: int, top: int, save: Path | None, profiled: bool) -> None:
    """One ingest of the corpus into a fresh store, in this (fresh) process."""
    import evkg.extract.pipeline  # noqa: F401  imports before the clock
    from evkg.kg.ingest.batch import ingest
    with tempfile.TemporaryDirectory(prefix="evkg-profile-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        pick(corpus, docs, src)
        if not profiled:
            n = len(list(src.iterdir()))
            mb = sum(p.stat().st_size for p in src.iterdir()) / 1e6
            c0, w0 = cpu_seconds(), time.perf_counter()
            rep = ingest([src], str(Path(tmp) / "store"))
            own, wall = cpu_seconds() - c0, time.perf_counter() - w0
            cpu = own + rep.worker_seconds
            print(f"## {corpus.name}: {n} files, {mb:.2f} MB, {rep.facts} facts, {len(rep.failed)} failed")
            print(f"unprofiled ingest ({rep.jobs} workers): CPU {cpu:.2f} s (ingest process {own:.2f}, workers "
                  f"{rep.worker_seconds:.2f}), wall {wall:.2f} s, {n / cpu:.1f} documents per CPU second")
            c0 = cpu_seconds()
            rep = ingest([src], str(Path(tmp) / "store0"), jobs=0)
            print(f"unprofiled ingest, --jobs 0 (all in this process, as profiled): CPU {cpu_seconds() - c0:.2f} s")
            return
        # The main thread's CPU clock, not the wall clock: on a loaded machine a wall-clock profile
        # charges the time other processes held the CPU to whatever function was running.
        prof = cProfile.Profile(time.thread_time)
        prof.enable()
        ingest([src], str(Path(tmp) / "store"), jobs=0)  # everything in this process, where cProfile sees it
        prof.disable()
    stats = pstats.Stats(prof)
    if save:
        stats.dump_stats(save)
    print("\n".join(summary(stats, top)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help="seeds, eidev or a folder (repeatable; default seeds, eidev)")
    ap.add_argument("--docs", type=int, default=None, help="files of each corpus (default: all seeds, 100 ei-dev)")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--save", type=Path, help="write the profile of each corpus here as NAME.pstats (a folder)")
    ap.add_argument("--child", choices=["plain", "profiled"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        name = a.corpus[0]
        save = a.save / f"{Path(name).name}.pstats" if a.save else None
        ingest_once(CORPORA.get(name, Path(name)), a.docs, a.top, save, a.child == "profiled")
        return
    print(f"python {sys.version.split()[0]}, load average {Path('/proc/loadavg').read_text().split()[0]}\n")
    if a.save:
        a.save.mkdir(parents=True, exist_ok=True)
    for name in a.corpus or ["seeds", "eidev"]:
        docs = a.docs if a.docs is not None else DEFAULT_DOCS.get(name, 0)
        # Each ingest in a fresh process, so one-off loads (lexicon, jieba, spaCy) count every time.
        for mode in ("plain", "profiled"):
            cmd = [sys.executable, __file__, "--child", mode, "--corpus", name, "--docs", str(docs),
                   "--top", str(a.top)] + (["--save", str(a.save)] if a.save else [])
            subprocess.run(cmd, check=True)
            sys.stdout.flush()
        print()


if __name__ == "__main__":
    main()
