"""Draw outcome rows to read by eye: `python bench/eyeball.py TABLE.csv [--seed N] [--n 40]`.

TABLE.csv is the evidence-table export of all of ei-dev (`evkg export --format csv`). The rows are drawn
with `random.seed(N)` and `random.sample(rows, n)` from the outcome rows whose document is not in
../shared/corpus/ei-dev/results-gold.csv, in table order (as bench/results-eyeball.tsv's samples were), and
printed with the sentence around the quote, so each can be judged against the text: a result of this study?
its measure? its arm? n/N? CI? p? `--tsv` prints the sample as rows of bench/results-eyeball.tsv with the
verdict left empty.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EI_DEV = SHARED / "corpus" / "ei-dev"


def outside_gold(table: Path) -> list[dict]:
    with open(EI_DEV / "results-gold.csv", encoding="utf-8-sig") as f:
        gold = {r["doc"] for r in csv.DictReader(f)}
    with open(table, encoding="utf-8-sig") as f:
        return [r for r in csv.DictReader(f) if r["kind"] == "outcome" and r["doc"] not in gold]


def around(text: str, start: int, end: int, reach: int = 220) -> str:
    """The text around [start, end), the quote in >>> <<<, on one line."""
    a, b = max(0, start - reach), min(len(text), end + reach)
    out = text[a:start] + ">>>" + text[start:end] + "<<<" + text[end:b]
    return " ".join(out.split())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("table", type=Path)
    ap.add_argument("--seed", type=int, default=101)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--tsv", metavar="SAMPLE", help="print rows for bench/results-eyeball.tsv named SAMPLE")
    args = ap.parse_args()
    rows = outside_gold(args.table)
    random.seed(args.seed)
    drawn = random.sample(rows, args.n)
    if args.tsv:
        for r in drawn:
            print("\t".join([args.tsv, r["doc"], r["quote"], r["measure"] or r["name"], r["arm"], r["value"], "", ""]))
        return 0
    print(f"{len(drawn)} of {len(rows)} outcome rows outside the results gold, seed {args.seed}\n")
    texts: dict[str, str] = {}
    for i, r in enumerate(drawn, 1):
        doc = r["doc"]
        if doc not in texts:
            texts[doc] = (EI_DEV / "docs" / f"{doc}.txt").read_text(encoding="utf-8")
        ci = f"{r['ci_low']}-{r['ci_high']}" if r["ci_low"] else ""
        nn = f"{r['n']}/{r['total']}" if r["n"] or r["total"] else ""
        print(f"#{i} {doc} [{r['section']}] source={r['source']}{' ref ' + r['ref'] if r['ref'] else ''}")
        print(f"   quote:   {r['quote']!r}")
        print(f"   text:    {around(texts[doc], int(r['start']), int(r['end']))}")
        print(f"   measure: {r['measure']!r} (name {r['name']!r})  arm: {r['arm']!r}  comparator: {r['comparator']!r}")
        print(f"   value: {r['value']} {r['unit']}  n/N: {nn}  CI: {ci}  p: {r['p_value']}  time: {r['timeframe']}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
