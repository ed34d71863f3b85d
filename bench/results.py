"""Results reading against the three yardsticks, per set and per attribute (prints figures, asserts nothing).

1. results gold: the ei-dev reports named in ../shared/corpus/ei-dev/results-gold.csv and seed 003,
   scored by ../shared/tools/results_score.py against the ei-dev results gold and the seed's
   (recall, precision, fully right, each attribute among matched rows; with --misses N the misses,
   false rows and wrong attributes);
2. seeds: ../shared/corpus/seeds scored by score.py --attributes (P, R, F1 per kind);
3. ei-dev: all of ../shared/corpus/ei-dev/docs scored by ei_score.py (outcome and intervention recall).

Each set is ingested into a temporary store and exported as the evidence table, as a user would.
The scorers are run from ../shared (read, never copied).

    .venv/bin/python bench/results.py [--sets results,seeds,ei] [--misses N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evkg.kg.ingest.batch import ingest  # noqa: E402
from evkg.kg.report.columns import TABLE_COLUMNS  # noqa: E402
from evkg.kg.report.rows import selected_rows  # noqa: E402
from evkg.kg.store.backends import open_store  # noqa: E402

SHARED = ROOT.parent / "shared"
TOOLS = SHARED / "tools"
EI = SHARED / "corpus" / "ei-dev"
SEEDS = SHARED / "corpus" / "seeds"
RESULT_GOLDS = {"ei-dev": EI / "results-gold.csv", "seed 003": SHARED / "gold" / "seeds-results" / "results-gold.csv"}


def export(paths: list[Path], work: Path, name: str) -> Path:
    """The evidence table of `paths` ingested into a fresh store, as CSV."""
    store = work / f"{name}-store"
    started = time.process_time()
    report = ingest(paths, str(store))
    if not report.ok:
        print(f"{name}: some files failed to ingest", file=sys.stderr)
    with open_store(str(store), read_only=True) as st:
        rows = selected_rows(st)
    table = work / f"{name}.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, TABLE_COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(f"# {name}: {len(paths)} files, {len(rows)} rows, {time.process_time() - started:.0f} s CPU")
    return table


def run(tool: str, *args: str) -> str:
    return subprocess.run([sys.executable, str(TOOLS / tool), *args], capture_output=True, text=True, check=True).stdout


def results_set(work: Path, misses: int) -> None:
    with open(RESULT_GOLDS["ei-dev"], encoding="utf-8-sig") as fh:
        docs = sorted({r["doc"] for r in csv.DictReader(fh)})
    folder = work / "results-docs"
    folder.mkdir()
    for d in docs:
        shutil.copy(EI / "docs" / f"{d}.txt", folder)
    for p in SEEDS.glob("003_*.txt"):
        shutil.copy(p, folder)
    table = export(sorted(folder.iterdir()), work, "results")
    print(f"{'results gold':12} {'recall':>7} {'precis.':>7} {'F1':>5} {'fully':>6} {'rows':>5}   "
          "attributes right among matched rows")
    for name, gold in RESULT_GOLDS.items():
        out = json.loads(run("results_score.py", str(gold), str(table), "--json"))
        attrs = "  ".join(f"{k} {v:.2f}" for k, v in out["attribute_accuracy"].items())
        print(f"{name:12} {out['recall']:7.2f} {out['precision']:7.2f} {out['f1']:5.2f} "
              f"{out['fully_right_share_of_rows']:6.2f} {out['rows']:5d}   {attrs}")
        if misses:
            print(run("results_score.py", str(gold), str(table), "--misses", str(misses)))


def seeds_set(work: Path) -> None:
    table = export(sorted(SEEDS.glob("*.txt")), work, "seeds")
    out = json.loads(run("score.py", str(SHARED / "gold" / "seeds"), str(table), str(SEEDS), "--attributes", "--json"))
    print(f"{'seeds kind':16} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for kind, v in out["kinds"].items():
        if v.get("gold") or v.get("pred"):
            print(f"{kind:16} {v['gold']:5d} {v['pred']:5d} {v['tp']:5d} "
                  f"{v['precision']:6.2f} {v['recall']:6.2f} {v['f1']:6.2f}")
    if "micro" in out:
        m = out["micro"]
        print(f"{'micro':16} {'':5} {'':5} {'':5} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f}")


def ei_set(work: Path) -> None:
    table = export(sorted((EI / "docs").glob("*.txt")), work, "ei")
    out = run("ei_score.py", str(EI / "docs"), str(EI / "gold.csv"), str(table))
    for line in out.splitlines():
        if line.startswith(("outcome_recall", "  oncology", "  other", "intervention_recall", "outcome_in_gold",
                            "rows_per_doc")):
            print(line)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="results,seeds,ei", help="comma separated: results, seeds, ei")
    ap.add_argument("--misses", type=int, default=0, help="print N misses, false rows and wrong attributes")
    ap.add_argument("--keep", type=Path, help="keep the stores and tables in this folder")
    args = ap.parse_args(argv)
    sets = args.sets.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if "results" in sets:
            results_set(work, args.misses)
        if "seeds" in sets:
            seeds_set(work)
        if "ei" in sets:
            ei_set(work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
