"""Search through the index at 1,000 documents: p50 / p95 of `evkg search`'s library call and of
the /search page of `evkg serve`, and that a simplified query finds a traditional document and
a traditional query a simplified one.

The ei-dev documents (../shared/corpus/ei-dev/docs) are copied under new names until there are
--docs of them and ingested into a temporary store (`--reuse` instead ingests each distinct
text once and copies its index entries to the other names: the same index, minutes faster).
The queries are words and phrases of those texts, rare and common, drawn with a fixed seed.
Nothing is asserted; the figures are printed.

    .venv/bin/python bench/search.py [--docs 1000] [--queries 200] [--reuse]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_load import start_server

from evkg.kg.ingest.batch import ingest
from evkg.kg.store.backends import open_store
from evkg.kg.store.ledger import Ledger, ledger_path
from evkg.kg.store.search import document_entry, search

ROOT = Path(__file__).resolve().parent.parent
EI_DEV = ROOT.parent / "shared" / "corpus" / "ei-dev" / "docs"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
FIXED = ["ORR", "overall survival", "hazard ratio", "placebo", "randomized", "adverse events", "95% CI",
         "mortality", "hepatocellular carcinoma", "p < 0.001"]


def copies(src: Path, n: int, dest: Path) -> list[Path]:
    """`n` files: the documents of `src`, again and again under new names."""
    docs = sorted(src.glob("*.txt"))
    out = []
    for i in range(n):
        doc = docs[i % len(docs)]
        target = dest / f"{doc.stem}-c{i // len(docs):02d}.txt"
        target.write_bytes(doc.read_bytes())
        out.append(target)
    return out


def reuse_index(store: str, names: list[Path]) -> None:
    """Index entries for every copy, from the stored original of the same text."""
    import dataclasses
    with open_store(store) as st:
        ledger = Ledger(ledger_path(store))
        try:
            originals = {}
            for p in names:
                base = p.stem.rsplit("-c", 1)[0] + "-c00"
                if base not in originals:
                    originals[base] = document_entry(st, base)
                with ledger.conn:
                    ledger.search.put(dataclasses.replace(originals[base], doc=p.stem))
        finally:
            ledger.close()


def queries(folder: Path, n: int, seed: int = 23) -> list[str]:
    """FIXED plus words and two-word phrases of the texts, drawn with a fixed seed."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))[:50]]
    words = [w for t in texts for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", t)]
    out = list(FIXED)
    while len(out) < n:
        i = rng.randrange(len(words) - 1)
        out.append(words[i] if rng.random() < 0.6 else f"{words[i]} {words[i + 1]}")
    return out


def cuts(seconds: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(seconds, n=100)
    return q[49] * 1000, q[94] * 1000, max(seconds) * 1000


def both_ways(tmp: Path) -> list[tuple[str, str, bool]]:
    """A seed in simplified characters and its traditional copy in one store; each script's
    query must find the other script's document."""
    from opencc import OpenCC
    seed = next(SEEDS.glob("002_*.txt"))
    text = seed.read_text(encoding="utf-8")
    folder = tmp / "scripts"
    folder.mkdir()
    (folder / "simplified.txt").write_text(text, encoding="utf-8")
    (folder / "traditional.txt").write_text(OpenCC("s2t").convert(text), encoding="utf-8")
    store = str(tmp / "scripts-store")
    ingest([folder], store)
    out = []
    for term in ("肝细胞癌", "肝細胞癌", "经动脉化疗栓塞", "經動脈化療栓塞"):
        found = {t.doc for t in search(ledger_path(store), term).texts}
        out.append((term, ", ".join(sorted(found)), found == {"simplified", "traditional"}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--reuse", action="store_true", help="ingest each distinct text once, copy its index entries")
    args = ap.parse_args()
    print("evkg search benchmark")
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, {args.docs} documents = ei-dev copies, "
          f"{args.queries} queries")
    with tempfile.TemporaryDirectory(prefix="evkg-search-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        files = copies(EI_DEV, args.docs, corpus)
        store = str(Path(tmp) / "store")
        started = time.perf_counter()
        if args.reuse:
            first = [p for p in files if p.stem.endswith("-c00")]
            report = ingest(first, store)
            reuse_index(store, files)
            how = f"{len(report.ingested)} distinct texts ingested, index entries copied to {len(files)} names"
        else:
            report = ingest([corpus], store)
            how = f"{len(report.ingested)} ingested, {len(report.failed)} failed"
        print(f"store: {how} in {time.perf_counter() - started:.0f} s; ledger with index "
              f"{ledger_path(store).stat().st_size / 1e6:.0f} MB")
        terms = queries(EI_DEV, args.queries)
        search(ledger_path(store), "warm up")
        lib, found = [], 0
        for term in terms:
            t0 = time.perf_counter()
            hits = search(ledger_path(store), term)
            lib.append(time.perf_counter() - t0)
            found += bool(hits.facts or hits.texts)
        proc, port = start_server(store, 4)
        try:
            web = []
            for term in terms:
                url = f"http://127.0.0.1:{port}/search?" + urllib.parse.urlencode({"q": term})
                t0 = time.perf_counter()
                with urllib.request.urlopen(url, timeout=60) as resp:
                    resp.read()
                web.append(time.perf_counter() - t0)
        finally:
            proc.terminate()
            proc.wait(30)
        print(f"\n{'search':<28}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}")
        for name, times in (("library (kg.store.search)", lib), ("/search page over HTTP", web)):
            p50, p95, top = cuts(times)
            print(f"{name:<28}{p50:>8.1f}{p95:>8.1f}{top:>8.1f}")
        print(f"{found} of {len(terms)} queries found something; target p50 <= 50 ms")
        print("\ntraditional / simplified (a seed and its traditional copy):")
        for term, docs, ok in both_ways(Path(tmp)):
            print(f"  {term:<10} finds {docs:<26} {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
