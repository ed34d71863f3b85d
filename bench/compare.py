"""This version against an older one on the same files, alternating runs, and against the floor.

    .venv/bin/python bench/compare.py                    # seeds x40 (200 documents), 3 rounds, against cc692ce
    .venv/bin/python bench/compare.py --copies 10 --reps 2
    .venv/bin/python bench/compare.py --old-python /path/to/old/.venv/bin/python --old-tree /path/to/old

The seeds are copied --copies times under distinct names into one folder. The older version
(--old-rev, default cc692ce) is taken out of this repository's history with `git archive` into a
temporary folder and run with a temporary venv that reuses this venv's libraries (no download;
or give --old-python and --old-tree for a checkout with its own venv). Each round runs both
versions, each in a fresh process on a fresh store, in alternating order (new, old; then old,
new; ...), so a change in the machine's load hits both alike. Per run: CPU seconds
(getrusage user+sys of the process, all threads, plus the CPU its worker processes report; the
older version reads in its own process) and wall seconds of the `ingest()` call (this version with
its default worker count, one per core), and the whole process's CPU (imports included).

The floor is what no ingest of these files can avoid, measured in a fresh process on the same
files: jieba's segmentation of every text, plus writing the very triples this version makes for
them into a fresh Oxigraph store, one transaction (`Store.extend`) per document, a flush every
10 (as ingest flushes). Facts are extracted once per distinct text before the clock starts.
Targets: ingest within 3x the floor, and no slower than the older version. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"

# One measured ingest, run by either version's interpreter: it must import nothing of evkg
# before it knows which layout it runs in.
CHILD = r'''
import json, resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
# The ingest's worker processes (forkserver) import this file as their __main__: the run itself
# goes under the guard, or each worker would start an ingest of its own.
if __name__ == "__main__":
    try:
        from evkg.kg.ingest.batch import ingest
    except ImportError:
        from kg.ingest import ingest  # the layout before the rooms (cc692ce)
    corpus, store = sys.argv[1], sys.argv[2]
    imports = cpu()
    c, w = cpu(), time.perf_counter()
    rep = ingest([corpus], store)
    own = cpu() - c
    # The workers' CPU as they report it (the older version has none: it read in this process).
    workers = getattr(rep, "worker_seconds", 0.0)
    out = {"cpu": own + workers, "own_cpu": own, "workers_cpu": workers, "jobs": getattr(rep, "jobs", 0),
           "wall": time.perf_counter() - w, "imports_cpu": imports,
           "docs": len(rep.ingested), "failed": len(rep.failed), "facts": rep.facts,
           "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "worker_mb": getattr(rep, "worker_peak_mb", 0.0)}
    out["process_cpu"] = cpu() + workers
    print(json.dumps(out))
'''

FLOOR = r'''
import json, resource, sys, time, dataclasses
from pathlib import Path
import jieba, pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from evkg.core.model import Provenance
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from evkg.kg.graph import ids
from evkg.kg.graph.rdf import document_triples
from evkg.kg.ingest.batch import sha256_of
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
def term(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
corpus, store = Path(sys.argv[1]), sys.argv[2]
run, facts_of, texts, quads = Context(), {}, [], []
for path in sorted(corpus.iterdir()):
    for doc in read_documents(path):
        if doc.text not in facts_of:
            facts_of[doc.text] = extract_facts(doc, run)
        facts = [dataclasses.replace(f, provenance=Provenance(doc.span(f.provenance.start, f.provenance.end),
                                     f.provenance.extractor, f.provenance.version)) for f in facts_of[doc.text]]
        g = ox.NamedNode(str(ids.graph_iri(doc.id)))
        texts.append(doc.text)
        triples = document_triples(doc, sha256_of(path), facts)
        quads.append([ox.Quad(term(s), term(p), term(o), g) for s, p, o in triples])
jieba.initialize()  # the dictionary load is a one-off, as in an ingest
c, w = cpu(), time.perf_counter()
for text in texts:
    jieba.lcut(text)
seg = {"cpu": cpu() - c, "wall": time.perf_counter() - w}
st = ox.Store(store)
c, w = cpu(), time.perf_counter()
for i, q in enumerate(quads, 1):
    st.extend(q)  # one transaction per document
    if i % 10 == 0:
        st.flush()
st.flush()
write = {"cpu": cpu() - c, "wall": time.perf_counter() - w}
print(json.dumps({"segment": seg, "write": write, "docs": len(texts), "quads": sum(map(len, quads))}))
'''


def copy_seeds(seeds: Path, copies: int, dest: Path) -> int:
    files = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    for p in files:
        for i in range(copies):
            shutil.copyfile(p, dest / f"{p.stem}-copy{i:03d}{p.suffix}")
    return len(files) * copies


def old_checkout(rev: str, work: Path) -> tuple[str, Path]:
    """(python, tree) of `rev`: its files by `git archive`, a venv that reuses this venv's libraries."""
    tree = work / f"old-{rev}"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    venv = work / "old-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "evkg-bench-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return str(venv / "bin" / "python"), tree


def run_child(python: str, code: Path, args: list[str], tree: Path | None) -> dict:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    env["EVKG_DOC_SECONDS"] = "3600"  # the per-document budget is wall clock: a busy machine is no hang
    out = subprocess.run([python, str(code), *args], capture_output=True, text=True, env=env, cwd=tree or REPO)
    if out.returncode != 0:
        raise SystemExit(f"{python} {code.name} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def med(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--reps", type=int, default=3, help="rounds; each runs both versions once")
    ap.add_argument("--old-rev", default="cc692ce")
    ap.add_argument("--old-python", help="the older checkout's interpreter (with --old-tree)")
    ap.add_argument("--old-tree", type=Path, help="the older checkout's folder")
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    a = ap.parse_args()
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"evkg compare: this checkout against {a.old_rev}, seeds x{a.copies}, {a.reps} rounds")
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, load average {load} at the start")
    with tempfile.TemporaryDirectory(prefix="evkg-compare-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        n = copy_seeds(a.seeds, a.copies, corpus)
        child, floor = work / "child.py", work / "floor.py"
        child.write_text(CHILD)
        floor.write_text(FLOOR)
        if a.old_python:
            old_python, old_tree = a.old_python, a.old_tree
        else:
            old_python, old_tree = old_checkout(a.old_rev, work)
        sides = {"new": (sys.executable, None), "old": (old_python, old_tree)}
        runs: dict[str, list[dict]] = {"new": [], "old": []}
        for rep in range(a.reps):
            for side in (("new", "old") if rep % 2 == 0 else ("old", "new")):
                python, tree = sides[side]
                r = run_child(python, child, [str(corpus), str(work / f"store-{side}-{rep}")], tree)
                r["load"] = Path("/proc/loadavg").read_text().split()[0]
                runs[side].append(r)
                print(f"round {rep + 1} {side}: ingest CPU {r['cpu']:.2f} s (own {r['own_cpu']:.2f} + "
                      f"{r['jobs']} workers {r['workers_cpu']:.2f}), wall {r['wall']:.2f} s, "
                      f"{r['docs']} documents ({r['failed']} failed), {r['facts']} facts, imports CPU "
                      f"{r['imports_cpu']:.2f} s, peak RSS {r['rss_mb']:.0f} MB, load {r['load']}", flush=True)
                shutil.rmtree(work / f"store-{side}-{rep}", ignore_errors=True)
        fl = run_child(sys.executable, floor, [str(corpus), str(work / "floor-store")], None)
    print(f"\n{n} files. Medians of {a.reps} runs each:")
    print("| version | ingest CPU s | ingest wall s | documents per CPU s | process CPU s (with imports) |")
    print("|---|---|---|---|---|")
    for side in ("new", "old"):
        rs = runs[side]
        label = "this checkout" if side == "new" else a.old_rev
        print(f"| {label} | {med(rs, 'cpu'):.2f} | {med(rs, 'wall'):.2f} | {n / med(rs, 'cpu'):.1f} | "
              f"{med(rs, 'process_cpu'):.2f} |")
    cpu_ratios = [x["cpu"] / y["cpu"] for x, y in zip(runs["new"], runs["old"])]
    wall_ratios = [x["wall"] / y["wall"] for x, y in zip(runs["new"], runs["old"])]
    print(f"\nthis / {a.old_rev}, paired by round: CPU {statistics.median(cpu_ratios):.2f} "
          f"({', '.join(f'{r:.2f}' for r in cpu_ratios)}); wall {statistics.median(wall_ratios):.2f} "
          f"({', '.join(f'{r:.2f}' for r in wall_ratios)}). Target: <= 1.00")
    floor_cpu = fl["segment"]["cpu"] + fl["write"]["cpu"]
    floor_wall = fl["segment"]["wall"] + fl["write"]["wall"]
    print(f"\nfloor ({fl['docs']} documents, {fl['quads']} quads): jieba CPU {fl['segment']['cpu']:.2f} s "
          f"(wall {fl['segment']['wall']:.2f}), Oxigraph one transaction per document CPU "
          f"{fl['write']['cpu']:.2f} s (wall {fl['write']['wall']:.2f}); floor CPU {floor_cpu:.2f} s, "
          f"wall {floor_wall:.2f} s")
    print(f"ingest / floor: CPU {med(runs['new'], 'cpu') / floor_cpu:.2f}x, wall "
          f"{med(runs['new'], 'wall') / floor_wall:.2f}x. Target: <= 3x")
    spread = [r["cpu"] for r in runs["new"]]
    print(f"noise: this checkout's ingest CPU ranged {min(spread):.2f}-{max(spread):.2f} s over the rounds; "
          f"load averages seen: {', '.join(r['load'] for s in runs.values() for r in s)}")


if __name__ == "__main__":
    main()
