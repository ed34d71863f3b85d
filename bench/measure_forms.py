"""The measure of invented English result sentences against the measure a reviewer would write (prints figures).

Each line of tests/fixtures/results/measure_forms.tsv is a sentence of a trial report of some field, one value of
it and its measure. The sentence is read as a plain-text results section; the row of that value is right as
../shared/tools/results_score.py judges a measure (at least half of the expected measure's content words, or the
same endpoint code) and, strictly, when also at least half of the row's own content words are the expected measure's
(a long fragment of the sentence is no measure). An empty measure is wrong; a missing row is counted apart.

    .venv/bin/python bench/measure_forms.py [--show]
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "fixtures" / "results" / "measure_forms.tsv"
sys.path.insert(0, str(ROOT / "tests"))

from helpers.results import outcomes  # noqa: E402
from helpers.scorer import results_score  # noqa: E402


def forms(path: Path = TABLE) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, fieldnames=("field", "text", "value", "measure"), delimiter="\t",
                               quoting=csv.QUOTE_NONE))


def judge(sc, form: dict) -> tuple[str, str]:
    """(verdict, measure read): right, loose (the scorer's rule only), wrong, empty or missing."""
    facts = [f for f in outcomes(f"RESULTS:\n{form['text']}\n", "fixture.txt")
             if f.value is not None and abs(f.value - float(form["value"])) < 1e-9]
    if not facts:
        return "missing", ""
    got = facts[0].detail("measure") or ""
    if not got:
        return "empty", ""
    row, gold = {"measure": got, "name": facts[0].name or ""}, {"measure": form["measure"]}
    if not sc.measure_right(row, gold):
        return "wrong", got
    mine, theirs = sc.tokens(got), sc.tokens(form["measure"])
    return ("right" if len(mine & theirs) >= len(mine) / 2 else "loose"), got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="print every sentence's verdict")
    args = ap.parse_args(argv)
    sc, counts = results_score(), {}
    for form in forms():
        verdict, got = judge(sc, form)
        counts[verdict] = counts.get(verdict, 0) + 1
        if args.show:
            print(f"{verdict:8} {form['value']:>7}  want {form['measure']!r:45} got {got!r}")
    total = sum(counts.values())
    right, loose = counts.get("right", 0), counts.get("loose", 0)
    print(f"measure forms: {total} sentences; right {right} ({right / total:.2f}), by the scorer's rule "
          f"{right + loose} ({(right + loose) / total:.2f}); " +
          ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k not in ("right", "loose")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
