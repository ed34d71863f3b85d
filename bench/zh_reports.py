"""The invented reports of tests/fixtures/study with every result written out (results_expected.tsv):
per report the rows found, fully right (measure, arm, n/N, CI; as results_score.py counts), p and time
point right where expected, the facts matching no row, and precision (the share of the report's own-study facts
that match an expected row; prints figures, asserts nothing).

    .venv/bin/python bench/zh_reports.py [--misses]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers.expected_results import expected_rows, extras, facts_of, judge, match  # noqa: E402

CORE = {"measure", "arm", "n", "total", "ci", "source"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true", help="print each row not fully right and each extra fact")
    ap.add_argument("--only", nargs="*", default=None, help="the reports to print (all by default)")
    args = ap.parse_args()
    rows = [r for r in expected_rows() if args.only is None or r.fixture in args.only]
    print(f"{'report':22} {'rows':>5} {'found':>6} {'fully':>6} {'p ok':>5} {'time ok':>7} {'extra':>6} {'prec':>5}")
    tot = Counter()
    for fx in sorted({r.fixture for r in rows}):
        mine = [r for r in rows if r.fixture == fx]
        verdicts = [(r, judge(r)) for r in mine]
        c = Counter(rows=len(mine), found=sum("missed" not in w for _, w in verdicts),
                    fully=sum(not (set(w) & (CORE | {"missed"})) for _, w in verdicts),
                    p=sum(bool(r.p) and "missed" not in w and "p" not in w for r, w in verdicts),
                    p_all=sum(bool(r.p) for r in mine),
                    t=sum(bool(r.timepoint) and "missed" not in w and "timepoint" not in w for r, w in verdicts),
                    t_all=sum(bool(r.timepoint) for r in mine), extra=len(extras(fx, rows)))
        own = [f for f in facts_of(fx) if f.detail("source") in ("", "own")]
        c.update(own=len(own), matched=sum(any(match(r, [f]) for r in mine) for f in own))
        tot.update(c)
        print(f"{fx:22} {c['rows']:5} {c['found']:6} {c['fully']:6} {c['p']:>2}/{c['p_all']:<2} "
              f"{c['t']:>3}/{c['t_all']:<3} {c['extra']:6} {c['matched'] / max(c['own'], 1):5.2f}")
        if args.misses:
            for r, w in verdicts:
                if w:
                    print(f"    {r.anchor:40} {','.join(w)}")
            for q in extras(fx, rows):
                print(f"    extra: {q!r}")
    print(f"{'all':22} {tot['rows']:5} {tot['found']:6} {tot['fully']:6} {tot['p']:>2}/{tot['p_all']:<2} "
          f"{tot['t']:>3}/{tot['t_all']:<3} {tot['extra']:6} {tot['matched'] / max(tot['own'], 1):5.2f}")
    print(f"recall {tot['found'] / tot['rows']:.2f}  precision {tot['matched'] / max(tot['own'], 1):.2f}  "
          f"fully right {tot['fully'] / tot['rows']:.2f} of expected rows")


if __name__ == "__main__":
    main()
