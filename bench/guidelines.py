"""Guideline reading by house style: recommendation / citation / reference P, R, F1 per fixture,
beside the first-run figures of the styles measured before anything was fixed for them.

Each invented guideline in tests/fixtures/guidelines/ (one per house style: COR/LOE tables,
GRADE brackets, KDIGO, NCCN, ESC Markdown tables, Chinese grades, prose grades, PDF text with
glued or LaTeX citation markers, reference lists per chapter ...) has a `.gold.tsv` beside it.
The fixtures are ingested into a temporary store and exported as the evidence table, as a user
would; the rows are keyed as shared/tools/score.py keys them (label without its generic word,
level, strength; label and reference number; reference number, first author, year) and compared
with the gold. `1st` is the F1 of bench/guidelines-first-run.tsv (the honest estimate for a style
nobody has seen), `-` for a style that was written with its fix. `labels` counts the gold labels
that `evkg trace DOC LABEL` finds, as the gold writes them.

With ../shared present, the end-to-end chains (tests/fixtures/guidelines_chain: invented
guidelines citing real ei-dev trial reports by author, year and title) are ingested with the
trials they cite, and the links the trace reaches are counted against chains.expected.tsv.

    .venv/bin/python bench/guidelines.py [--fixtures DIR] [--misses] [--no-chain]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evkg.core.errors import EvkgError  # noqa: E402
from evkg.extract.guidelines.labels import label_key  # noqa: E402
from evkg.kg.ingest.batch import ingest  # noqa: E402
from evkg.kg.report.rows import selected_rows  # noqa: E402
from evkg.kg.report.trace import find_label, trace  # noqa: E402
from evkg.kg.store.backends import open_store  # noqa: E402

KINDS = ("recommendation", "citation", "reference")
ROMAN = str.maketrans({"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V"})
FIRST_RUN = ROOT / "bench" / "guidelines-first-run.tsv"
CHAIN_FIRST_RUN = ROOT / "bench" / "guidelines-chain-first-run.tsv"
CHAINS = ROOT / "tests" / "fixtures" / "guidelines_chain"
EI_DEV = ROOT.parent / "shared" / "corpus" / "ei-dev" / "docs"


def _level(s: str) -> str:
    s = (s or "").translate(ROMAN).replace(" ", "").replace("-", "")
    m = re.fullmatch(r"([IVXivx]+)([A-Za-z]?)", s)
    return (m.group(1).upper() + m.group(2).lower()) if m else s.casefold()


def _compact(s: str) -> str:
    return re.sub(r"[\W_]+", "", (s or "").casefold())


def key(row: dict) -> tuple | None:
    kind = row["kind"]
    if kind == "recommendation":
        return kind, label_key(row["name"]), _level(row["level"]), _compact(row["strength"])
    if kind == "citation":
        return kind, label_key(row["name"]), int(row["ref"])
    if kind == "reference":
        year = row.get("value") or ""
        return kind, int(row["ref"]), re.sub(r"\s+", "", row["name"].casefold()), int(float(year)) if year else None
    return None


def scores(gold: set, pred: set) -> tuple[int, int, int]:
    return len(gold), len(pred), len(gold & pred)


def f1(g: int, p: int, tp: int) -> float:
    pr, rc = (tp / p if p else 1.0), (tp / g if g else 1.0)
    return 2 * pr * rc / (pr + rc) if pr + rc else 0.0


def prf(g: int, p: int, tp: int) -> str:
    pr, rc = (tp / p if p else 1.0), (tp / g if g else 1.0)
    return f"{pr:5.2f} {rc:5.2f} {f1(g, p, tp):5.2f}"


def first_run(path: Path = FIRST_RUN) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(style -> its first-run row, run -> that run's `all styles` totals row)."""
    if not path.exists():
        return {}, {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))
    return ({r["style"]: r for r in rows if r["style"] != "all styles"},
            {r["run"]: r for r in rows if r["style"] == "all styles"})


def read_gold(path: Path) -> tuple[set, list[str]]:
    """The gold keys and the recommendation labels as the gold writes them."""
    with open(path.with_suffix(".gold.tsv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {key(r) for r in rows}, [r["name"] for r in rows if r["kind"] == "recommendation"]


def label_lookups(st, doc: str, names: list[str]) -> int:
    """How many gold labels `evkg trace DOC LABEL` finds, one each."""
    labels = [r["label"] for r in trace(st, doc)["recommendations"]]
    found = 0
    for name in names:
        try:
            find_label(labels, name, doc)
            found += 1
        except EvkgError:
            pass
    return found


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "fixtures" / "guidelines")
    ap.add_argument("--misses", action="store_true", help="print missed and spurious keys")
    ap.add_argument("--no-chain", action="store_true", help="skip the end-to-end chains")
    args = ap.parse_args(argv)
    docs = sorted(p for p in args.fixtures.glob("*.txt"))
    before, runs = first_run()
    with tempfile.TemporaryDirectory() as tmp:
        report = ingest(docs, str(Path(tmp) / "store"))
        if not report.ok:
            print("ingest failed", file=sys.stderr)
            return 1
        with open_store(str(Path(tmp) / "store"), read_only=True) as st:
            rows = selected_rows(st)
            golds = {p.stem: read_gold(p) for p in docs}
            lookups = {p.stem: label_lookups(st, p.stem, golds[p.stem][1]) for p in docs}
    totals = {k: [0, 0, 0] for k in KINDS}
    measured = {run: {k: [0, 0, 0] for k in KINDS} for run in runs}  # current counts per first run
    print(f"{'style':32} " + " ".join(f"{k[:14]:>23}" for k in KINDS) + f" {'micro F1':>11} {'labels':>7}")
    print(f"{'':32} " + " ".join(f"{'P     R    F1  1st':>23}" for _ in KINDS) + f" {'now  1st':>11}")
    for path in docs:
        gold, names = golds[path.stem]
        pred = {key(r) for r in rows if r["doc"] == path.stem and r["kind"] in KINDS}
        old = before.get(path.stem)
        cells, micro = [], [0, 0, 0]
        for kind in KINDS:
            g = {k for k in gold if k and k[0] == kind}
            p = {k for k in pred if k and k[0] == kind}
            s = scores(g, p)
            cells.append(f"{prf(*s)} {old[kind[:3] + '_f1'] if old else '   -':>4}")
            for i in range(3):
                totals[kind][i] += s[i]
                micro[i] += s[i]
                if old and old["run"] in measured:
                    measured[old["run"]][kind][i] += s[i]
            if args.misses and g != p:
                for k in sorted(g - p, key=str):
                    print(f"    missed   {k}")
                for k in sorted(p - g, key=str):
                    print(f"    spurious {k}")
        print(f"{path.stem:32} " + " ".join(f"{c:>23}" for c in cells)
              + f" {f1(*micro):5.2f} {old['micro_f1'] if old else '   -':>4} {lookups[path.stem]:>3}/{len(names):<3}")
    _totals("all styles", totals)
    for run, total in runs.items():
        n = sum(before.get(p.stem, {}).get("run") == run for p in docs)
        _totals(f"{run} ({n} styles)", measured[run], total)
    if not args.no_chain:
        _chains()
    return 0


def _totals(title: str, totals: dict, first: dict | None = None) -> None:
    all3 = [sum(totals[k][i] for k in KINDS) for i in range(3)]
    print(f"{title:32} " + " ".join(f"{prf(*totals[k]):>17}      " for k in KINDS) + f" {f1(*all3):5.2f}")
    if first:
        cells = "".join(f"{'':>19}{float(first[k[:3] + '_f1']):4.2f}" for k in KINDS)
        print(f"{'  the same at its first run':32}{cells} {float(first['micro_f1']):11.2f}")


def _chains() -> None:
    """Links the trace reaches on the chain fixtures, against chains.expected.tsv."""
    expected_file = CHAINS / "chains.expected.tsv"
    if not EI_DEV.is_dir() or not expected_file.exists():
        print("chains: ../shared/corpus/ei-dev not found, skipped")
        return
    with open(expected_file, encoding="utf-8", newline="") as f:
        expected = list(csv.DictReader(f, delimiter="\t"))
    files = sorted(CHAINS.glob("*.txt")) + sorted({EI_DEV / f"{r['expected_doc']}.txt" for r in expected})
    found: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ingest(files, str(Path(tmp) / "store"))
        with open_store(str(Path(tmp) / "store"), read_only=True) as st:
            traces = {g: trace(st, g) for g in {r["guideline"] for r in expected}}
    for r in expected:
        t = traces[r["guideline"]]
        labels = [rec["label"] for rec in t["recommendations"]]
        try:
            label = find_label(labels, r["label"])
        except EvkgError:
            continue
        rec = next(x for x in t["recommendations"] if x["label"] == label)
        hit = any(c["ref"] == r["ref"] and c["resolved"] == r["expected_doc"] for c in rec["references"])
        found[r["guideline"]] = found.get(r["guideline"], 0) + hit
    old = {}
    if CHAIN_FIRST_RUN.exists():
        with open(CHAIN_FIRST_RUN, encoding="utf-8", newline="") as f:
            old = {r["guideline"]: r for r in csv.DictReader((ln for ln in f if not ln.startswith("#")),
                                                            delimiter="\t")}
    for g in sorted({r["guideline"] for r in expected}):
        n = sum(r["guideline"] == g for r in expected)
        first = f"{old[g]['found']}/{old[g]['expected']}" if g in old else "-"
        print(f"chain {g:32} links {found.get(g, 0)}/{n}  (first run {first})")
    print(f"chain links, all: {sum(found.values())}/{len(expected)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
