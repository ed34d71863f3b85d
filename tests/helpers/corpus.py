"""Where things are: the repository, its fixtures and examples, and ../shared (read, never copied)."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EI_DEV = SHARED / "corpus" / "ei-dev" / "docs"
GOLD = SHARED / "gold" / "seeds"
SCORE = SHARED / "tools" / "score.py"
CHECK_FIXTURES = FIXTURES / "checks"


def seed(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` (e.g. '002')."""
    return next(SEEDS.glob(prefix + "_*.txt"))


def score(table: Path) -> dict:
    """The official scorer's figures for a table (strict: only traceable rows count)."""
    out = subprocess.run([sys.executable, str(SCORE), str(GOLD), str(table), str(SEEDS), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def outside_tables(table: Path, out: Path, docs: Path = SEEDS) -> Path:
    """A copy of an exported table without the outcome rows read from the documents' tables: the seeds'
    evidence gold annotates no table cell (the results gold does; tests/unit/extract/results/test_tables_corpus.py)."""
    from evkg.extract.readers import read_document
    from evkg.extract.results.tables.zones import zones
    rows = read_table(table)
    spans: dict[str, list] = {}
    for path in docs.glob("*.txt"):
        spans[path.stem] = [(z.start, z.end) for z in zones(read_document(path))]
    kept = [r for r in rows if not (r["kind"] == "outcome" and r["start"] and
                                    any(s <= int(r["start"]) < e for s, e in spans.get(r["doc"], [])))]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    return out


def read_table(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def table_row(f) -> bool:
    """The tests' own statement of the spec (shared/spec/annotation.md), the oracle evkg's one rule
    (queries/fragments/table_row.rq) is checked against: a fact of a table kind is a row of the
    evidence table, a recommendation only when it carries a grade."""
    from evkg.core.model import TABLE_KINDS
    return f.kind in TABLE_KINDS and (f.kind != "recommendation" or bool(f.level or f.strength))


def distinct_facts(facts) -> set:
    """Facts that differ in kind, span or any field (whichever extractor read them): what the
    graph must hold one node and the export one row for, of those that are table rows."""
    return {(f.doc_id, f.kind, f.provenance.start, f.provenance.end, f.name, f.value, f.unit, f.n, f.total,
             f.arm, f.role, f.timeframe, f.criteria, f.level, f.strength, f.system, f.ref, f.details)
            for f in facts if table_row(f)}
