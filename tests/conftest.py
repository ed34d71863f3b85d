"""Shared fixtures: the seeds in ../shared (read, never copied) and an ingested store."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds"
SCORE = SHARED / "tools" / "score.py"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"the seeds are expected at {SEEDS} (../shared beside the repo)"
    return SEEDS


def seed(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` (e.g. '002')."""
    return next(SEEDS.glob(prefix + "_*.txt"))


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory, seeds_dir):
    """The seeds ingested once into an embedded store, for read-only tests."""
    from kg.ingest import ingest
    store = tmp_path_factory.mktemp("seeds") / "store"
    report = ingest([seeds_dir], str(store))
    assert report.ok, report.failed
    return str(store)


@pytest.fixture(scope="session")
def seeds_table(seeds_store, tmp_path_factory) -> Path:
    from kg.export import export_csv
    from kg.store import open_store
    out = tmp_path_factory.mktemp("export") / "table.csv"
    with open_store(seeds_store, read_only=True) as st:
        export_csv(st, out)
    return out


def score(table: Path) -> dict:
    """The official scorer's figures for a table (strict: only traceable rows count)."""
    out = subprocess.run([sys.executable, str(SCORE), str(GOLD), str(table), str(SEEDS), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def read_table(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


CHECK_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "checks"


def _ingested(tmp_path_factory, folder: Path) -> str:
    from kg.ingest import ingest
    store = tmp_path_factory.mktemp(folder.name) / "store"
    report = ingest([folder], str(store))
    assert report.ok, report.failed
    return str(store)


@pytest.fixture(scope="session")
def planted_store(tmp_path_factory) -> str:
    """The check fixtures with planted discrepancies (tests/fixtures/checks/planted)."""
    return _ingested(tmp_path_factory, CHECK_FIXTURES / "planted")


@pytest.fixture(scope="session")
def clean_store(tmp_path_factory) -> str:
    """Consistent check fixtures: a registration, its paper and a consensus citing it."""
    return _ingested(tmp_path_factory, CHECK_FIXTURES / "clean")


@pytest.fixture(scope="session")
def examples_session_store(tmp_path_factory) -> str:
    """examples/ (what `make run` ingests), once per session."""
    return _ingested(tmp_path_factory, ROOT / "examples")


def distinct_facts(facts) -> set:
    """Facts that differ in kind, span or any field (whichever extractor read them): what the
    graph must hold one node and the export one row for, of those that are table rows."""
    from kg.stats import in_table
    return {(f.doc_id, f.kind, f.provenance.start, f.provenance.end, f.name, f.value, f.unit, f.n, f.total,
             f.arm, f.role, f.timeframe, f.criteria, f.level, f.strength, f.system, f.ref, f.details)
            for f in facts if in_table(f)}
