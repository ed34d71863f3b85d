"""Draw random outcome rows for reading by eye, each with the text around it.

The results gold covers eleven ei-dev reports; the same reader runs on reports nobody annotated.
This draws rows from documents outside that gold (or any documents), so a reviewer can judge each
against its sentence: is it a result of this study, and are measure, arm, n/N, CI and p right?

    evkg ingest --store ST ../shared/corpus/ei-dev/docs
    evkg export --store ST --format csv -o ei.csv
    python bench/eyeball.py ei.csv ../shared/corpus/ei-dev/docs --seed 11 --n 40 > sample.txt
    python bench/eyeball.py ei.csv DOCS --seed 11 --n 40 --tsv > sample.tsv   # a sheet to fill in

The sheet's `verdict` column takes: right, not a result, wrong measure, wrong arm, wrong measure and
arm, other (say what in `what is wrong`).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ei-dev" / "results-gold.csv"
FIELDS = ("measure", "arm", "value", "unit", "n", "total", "arm_size", "statistic", "effect", "ci_low", "ci_high",
          "p_value", "comparator", "timeframe", "section", "source")


def gold_docs(path: Path) -> set[str]:
    if not path.exists():
        return set()
    with path.open(encoding="utf-8-sig") as f:
        return {row["doc"] for row in csv.DictReader(f)}


def draw(rows: list[dict], n: int, seed: int, exclude: set[str], own: bool = True) -> list[dict]:
    """Outcome rows; by default only those given as the document's own results (`source` empty or
    `own`), as the results scorer counts them: a number typed `cited` is not offered as a result."""
    pool = [r for r in rows if r["kind"] == "outcome" and r["doc"] not in exclude
            and (not own or (r.get("source") or "own") == "own")]
    pool.sort(key=lambda r: (r["doc"], int(r["start"] or 0), r["result"]))
    return random.Random(seed).sample(pool, min(n, len(pool)))


def context(docs: Path, row: dict, width: int) -> str:
    path = docs / f"{row['doc']}.txt"
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace")
    start, end = int(row["start"]), int(row["end"])
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return f"{left}[[{text[start:end]}]]{right}".replace("\n", " / ")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", type=Path, help="an evidence-table CSV export")
    ap.add_argument("docs", type=Path, help="the folder of the documents' .txt files")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--width", type=int, default=220, help="characters of text either side")
    ap.add_argument("--gold", type=Path, default=GOLD, help="documents of this results gold are left out")
    ap.add_argument("--all-docs", action="store_true", help="draw from every document, the gold's too")
    ap.add_argument("--all-sources", action="store_true", help="draw cited numbers too, not only own results")
    ap.add_argument("--tsv", action="store_true", help="print a sheet to fill in instead of a reading list")
    args = ap.parse_args(argv)
    with args.csv.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    exclude = set() if args.all_docs else gold_docs(args.gold)
    sample = draw(rows, args.n, args.seed, exclude, own=not args.all_sources)
    if args.tsv:
        out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        # The span, not the quote: the documents' text stays in ../shared, out of this repository.
        out.writerow(("sample", "doc", "span", "measure", "arm", "value", "verdict", "what is wrong"))
        for row in sample:
            out.writerow((f"seed{args.seed}", row["doc"], f"{row['start']}:{row['end']}", row["measure"], row["arm"],
                          row["value"], "", ""))
        return 0
    for i, row in enumerate(sample, 1):
        print(f"## {i}. {row['doc']} [{row['start']}:{row['end']}]")
        print("   " + "; ".join(f"{k}={row[k]}" for k in FIELDS if row.get(k)))
        print("   " + context(args.docs, row, args.width))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
