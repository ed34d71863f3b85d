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
