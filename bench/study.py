"""Who was studied, and how many: design, sample size and arm N, P / R / F1 per document.

Reads the invented reports in tests/fixtures/study/ (English and Chinese, one per reporting
style; the expected design, its features, each sample size with the N it is (enrolled /
randomised / analysed) and each arm's N are in expected.tsv beside them) and the seeds
(design and sample size of ../shared/gold/seeds, scored as shared/tools/score.py keys them:
design by code, sample size by value). With --ei it also reads the 120 ei-dev reports, all
randomised trials without a design or size gold, and prints how many are read as `rct`, how
many have a sample size and how many have arms with their N (coverage, not correctness).

Keys: design (doc, code); sample size (doc, value); typed sample size (doc, value, which N);
arm N (doc, arm_key(name), N), a single arm `*` matching whatever the arm is called; design
features (doc, key=value) from the design fact's details.

    .venv/bin/python bench/study.py [--misses] [--ei]
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evkg.extract.pipeline import extract_facts  # noqa: E402
from evkg.extract.readers import read_document  # noqa: E402
from evkg.extract.text.arms import arm_key  # noqa: E402
from evkg.extract.text.context import Context  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "study"
SHARED = ROOT.parent.parent / "shared" if not (ROOT.parent / "shared").exists() else ROOT.parent / "shared"
SEEDS, GOLD, EI = SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds", SHARED / "corpus" / "ei-dev" / "docs"
FEATURE_KEYS = ("allocation", "masking", "model", "phase", "centres", "timing", "hypothesis", "control", "observation")
PARTS = ("design", "size", "typed", "arm_n", "features")


def _num(s) -> str:
    f = float(s)
    return str(int(f)) if f == int(f) else str(f)


def predicted(facts, single_arm: bool) -> dict[str, set]:
    out = {p: set() for p in PARTS}
    for f in facts:
        if f.kind == "design":
            out["design"].add(f.name)
            out["features"] |= {f"{k}={f.detail(k)}" for k in FEATURE_KEYS if f.detail(k, None) not in (None, "")}
        elif f.kind == "sample_size" and f.value is not None:
            out["size"].add(_num(f.value))
            out["typed"].add((_num(f.value), f.detail("size_type", None) or ""))
        elif f.kind == "arm" and not f.ref:
            n = f.total if f.total is not None else f.value
            if n is not None:
                out["arm_n"].add(("*" if single_arm else arm_key(f.name), _num(n)))
    return out


def expected(rows: list[dict]) -> dict[str, set]:
    out = {p: set() for p in PARTS}
    for r in rows:
        if r["kind"] == "design":
            out["design"].add(r["name"])
            out["features"] |= {x for x in r["features"].split(";") if x}
        elif r["kind"] == "sample_size":
            out["size"].add(_num(r["value"]))
            out["typed"].add((_num(r["value"]), r["size_type"]))
        elif r["kind"] == "arm":
            out["arm_n"].add((r["name"] if r["name"] == "*" else arm_key(r["name"]), _num(r["value"])))
    return out


def counts(part: str, gold: set, pred: set) -> tuple[int, int, int]:
    if part != "typed":
        return len(gold), len(pred), len(gold & pred)
    # A typed size is right when its N is one the expectation allows (`enrolled|randomised`).
    tp = sum(1 for v, t in pred if any(v == gv and t in gt.split("|") for gv, gt in gold))
    return len(gold), len(pred), tp


def f1(g: int, p: int, tp: int) -> float:
    return 2 * tp / (g + p) if g + p else 1.0


def run_fixtures(run: Context, misses: bool, only: set[str] | None = None) -> dict[str, list[int]]:
    with open(FIXTURES / "expected.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    by_doc = defaultdict(list)
    for r in rows:
        by_doc[r["fixture"]].append(r)
    totals = {p: [0, 0, 0] for p in PARTS}
    print(f"{'fixture':28} " + " ".join(f"{p:>9}" for p in PARTS) + "   (F1)")
    for path in sorted(FIXTURES.glob("*.txt")):
        if only and path.stem not in only:
            continue
        gold = expected(by_doc[path.stem])
        single = any(k == "*" for k, _ in gold["arm_n"])
        pred = predicted(extract_facts(read_document(path), run), single)
        cells = []
        for p in PARTS:
            c = counts(p, gold[p], pred[p])
            totals[p] = [a + b for a, b in zip(totals[p], c)]
            cells.append(f"{f1(*c):9.2f}")
            if misses and gold[p] != pred[p]:
                missed, spurious = sorted(gold[p] - pred[p], key=str), sorted(pred[p] - gold[p], key=str)
                print(f"    {p}: missed {missed} spurious {spurious}")
        print(f"{path.stem:28} " + " ".join(cells))
    return totals


def run_seeds(run: Context, misses: bool) -> dict[str, list[int]]:
    totals = {p: [0, 0, 0] for p in ("design", "size")}
    for path in sorted(SEEDS.glob("*.txt")):
        with open(GOLD / f"{path.stem}.csv", encoding="utf-8-sig", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if r["kind"] in ("design", "sample_size")]
        gold = {"design": {r["name"] for r in rows if r["kind"] == "design"},
                "size": {_num(r["value"]) for r in rows if r["kind"] == "sample_size"}}
        pred = predicted(extract_facts(read_document(path), run), False)
        for p in totals:
            c = counts(p, gold[p], pred[p])
            totals[p] = [a + b for a, b in zip(totals[p], c)]
            if misses and gold[p] != pred[p]:
                missed, spurious = sorted(gold[p] - pred[p]), sorted(pred[p] - gold[p])
                print(f"    seed {path.stem[:3]} {p}: missed {missed} spurious {spurious}")
    return totals


def run_ei(run: Context) -> None:
    docs = sorted(EI.glob("*.txt"))
    rct = sized = armed = 0
    for path in docs:
        pred = predicted(extract_facts(read_document(path), run, ["study"]), False)
        rct += "rct" in pred["design"]
        sized += bool(pred["size"])
        armed += len(pred["arm_n"]) >= 2
    n = len(docs)
    print(f"ei-dev ({n} randomised trials): design rct {rct / n:.2f}, with a sample size {sized / n:.2f}, "
          f"with >= 2 arms with N {armed / n:.2f}")


def line(name: str, totals: dict[str, list[int]]) -> str:
    return f"{name:28} " + " ".join(f"{p} P {t[2] / t[1] if t[1] else 1:.2f} R {t[2] / t[0] if t[0] else 1:.2f} "
                                    f"F1 {f1(*t):.2f}" for p, t in totals.items())


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print missed and spurious keys")
    ap.add_argument("--ei", action="store_true", help="also read the ei-dev reports (coverage)")
    ap.add_argument("--only", default="", help="comma-separated fixture names (a batch written later)")
    args = ap.parse_args(argv)
    run = Context()
    totals = run_fixtures(run, args.misses, set(filter(None, args.only.split(","))))
    for p, t in totals.items():
        print(f"fixtures {p:9} P {t[2] / t[1] if t[1] else 1:.2f}  R {t[2] / t[0] if t[0] else 1:.2f}  F1 {f1(*t):.2f}")
    if SEEDS.exists():
        print(line("seeds", run_seeds(run, args.misses)))
    if args.ei and EI.exists():
        run_ei(run)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
