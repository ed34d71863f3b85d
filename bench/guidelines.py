"""Guideline reading by house style: recommendation / citation / reference P, R, F1 per fixture.

Each invented guideline in tests/fixtures/guidelines/ (one per house style: COR/LOE tables,
GRADE brackets, KDIGO, NCCN, Oxford CEBM, Chinese grades, PDF text with bare citation
numbers) has a `.gold.tsv` beside it. The fixtures are ingested into a temporary store and
exported as the evidence table, as a user would; the rows are keyed as
shared/tools/score.py keys them (label without its generic word, level, strength; label and
reference number; reference number, first author, year) and compared with the gold.

    .venv/bin/python bench/guidelines.py [--fixtures DIR] [--misses]
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

from evkg.extract.guidelines.labels import label_key  # noqa: E402
from evkg.kg.ingest.batch import ingest  # noqa: E402
from evkg.kg.report.rows import selected_rows  # noqa: E402
from evkg.kg.store.backends import open_store  # noqa: E402

KINDS = ("recommendation", "citation", "reference")
ROMAN = str.maketrans({"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V"})


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


def prf(g: int, p: int, tp: int) -> str:
    pr, rc = (tp / p if p else 1.0), (tp / g if g else 1.0)
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return f"{pr:5.2f} {rc:5.2f} {f1:5.2f}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "fixtures" / "guidelines")
    ap.add_argument("--misses", action="store_true", help="print missed and spurious keys")
    args = ap.parse_args(argv)
    docs = sorted(p for p in args.fixtures.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        report = ingest(docs, str(Path(tmp) / "store"))
        if not report.ok:
            print("ingest failed", file=sys.stderr)
            return 1
        with open_store(str(Path(tmp) / "store"), read_only=True) as st:
            rows = selected_rows(st)
    totals = {k: [0, 0, 0] for k in KINDS}
    print(f"{'style':28} " + " ".join(f"{k[:14]:>17}" for k in KINDS) + f" {'micro F1':>9}")
    print(f"{'':28} " + " ".join(f"{'P     R    F1':>17}" for _ in KINDS))
    for path in docs:
        with open(path.with_suffix(".gold.tsv"), encoding="utf-8", newline="") as f:
            gold = {key(r) for r in csv.DictReader(f, delimiter="\t")}
        pred = {key(r) for r in rows if r["doc"] == path.stem and r["kind"] in KINDS}
        cells, micro = [], [0, 0, 0]
        for kind in KINDS:
            g = {k for k in gold if k and k[0] == kind}
            p = {k for k in pred if k and k[0] == kind}
            s = scores(g, p)
            cells.append(prf(*s))
            for i in range(3):
                totals[kind][i] += s[i]
                micro[i] += s[i]
            if args.misses and g != p:
                for k in sorted(g - p, key=str):
                    print(f"    missed   {k}")
                for k in sorted(p - g, key=str):
                    print(f"    spurious {k}")
        print(f"{path.stem:28} " + " ".join(f"{c:>17}" for c in cells) + f" {prf(*micro)[-5:]:>9}")
    all3 = [sum(totals[k][i] for k in KINDS) for i in range(3)]
    print(f"{'all styles':28} " + " ".join(f"{prf(*totals[k]):>17}" for k in KINDS) + f" {prf(*all3)[-5:]:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
