"""Results reading against the three yardsticks, per set and per attribute (prints figures, asserts nothing).

1. results gold: the ei-dev reports named in ../shared/corpus/ei-dev/results-gold.csv and seed 003,
   scored by ../shared/tools/results_score.py against the ei-dev results gold and the seed's
   (recall, precision, fully right, each attribute among matched rows; with --misses N the misses,
   false rows and wrong attributes);
2. seeds: ../shared/corpus/seeds scored by score.py --attributes (P, R, F1 per kind);
3. ei-dev: all of ../shared/corpus/ei-dev/docs scored by ei_score.py (outcome and intervention recall);
4. registrations: the invented registrations of tests/fixtures/registrations (ChiCTR pages in Chinese and
   English, flat ClinicalTrials.gov records in and outside oncology, ...) scored by score.py --attributes
   against the gold beside them (gold/, the seeds' format), per kind as for the seeds.

Each set is ingested into a temporary store and exported as the evidence table, as a user would.
The scorers are run from ../shared (read, never copied).

    .venv/bin/python bench/results.py [--sets results,seeds,ei,registrations] [--misses N] [--keep DIR]
    .venv/bin/python bench/results.py --speed      # CPU time of the reader on a text 1, 2, 4, 8 and 16 times as long

The speed figures come from an invented results section repeated: the reader's CPU time should
grow with the text's length, not faster (no per-number or per-sentence scan of the whole document).
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
REGISTRATIONS = ROOT / "tests" / "fixtures" / "registrations"
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
    kinds_set(work, "seeds", SEEDS, SHARED / "gold" / "seeds")


def registrations_set(work: Path) -> None:
    kinds_set(work, "registrations", REGISTRATIONS, REGISTRATIONS / "gold")


def kinds_set(work: Path, name: str, docs: Path, gold: Path) -> None:
    """The documents of `docs` scored per kind by score.py --attributes against the gold CSVs of `gold`."""
    table = export(sorted(docs.glob("*.txt")), work, name)
    out = json.loads(run("score.py", str(gold), str(table), str(docs), "--attributes", "--json"))
    print(f"{name + ' kind':16} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
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


# Invented results prose, English and Chinese, with every form the reader weighs (comparison, list,
# effect, cited number).
_PARAGRAPH = ("The response rate was 45.0% (18/40) in the drug A group and 30.0% (12/40) in the placebo group "
              "(p = 0.04). Median overall survival was 14.2 months (95% CI 11.0-17.5) with drug A versus 10.1 months "
              "with placebo (HR 0.72, 95% CI 0.58-0.89; p = 0.003). Nausea occurred in 14 (28.0%) and 6 (12.0%) "
              "patients, respectively. An earlier trial reported 33% [1].\n"
              "A组 ORR 为 45.0%（18/40），B组为 22.5%（9/40）（P=0.03）。两组中位PFS分别为 7.2 个月和 4.1 个月"
              "（HR=0.52，95% CI 0.31~0.87）。\n")


def speed() -> None:
    from evkg.extract.readers.plain import read_plain
    from evkg.extract.results.plugin import Outcomes
    from evkg.extract.text.context import Context
    run = Context()
    print(f"{'copies':>7} {'chars':>9} {'rows':>6} {'CPU s':>7} {'µs/char':>8}")
    for copies in (50, 100, 200, 400, 800):
        text = "RESULTS\n" + _PARAGRAPH * copies + "\nReferences\n[1] A B. A study. J Demo. 2020.\n"
        doc = read_plain(Path("speed.txt"), text)
        ctx = run.for_document(doc)
        _ = ctx.key_sentences, ctx.mentions  # the shared views every plugin uses, built before timing
        started = time.process_time()
        rows = len(list(Outcomes().extract(doc, ctx)))
        took = time.process_time() - started
        print(f"{copies:7d} {len(text):9d} {rows:6d} {took:7.2f} {1e6 * took / len(text):8.1f}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="results,seeds,ei", help="comma separated: results, seeds, ei, registrations")
    ap.add_argument("--misses", type=int, default=0, help="print N misses, false rows and wrong attributes")
    ap.add_argument("--keep", type=Path, help="keep the stores and tables in this folder")
    ap.add_argument("--speed", action="store_true", help="time the reader on ever longer texts instead")
    args = ap.parse_args(argv)
    if args.speed:
        speed()
        return 0
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
        if "registrations" in sets:
            registrations_set(work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
