"""Shared fixtures: the seeds in ../shared (read, never copied) and an ingested store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from helpers.corpus import CHECK_FIXTURES, EXAMPLES, FIXTURES, SEEDS

# No wall-clock limits in tests (timings belong in bench/): Hypothesis's default deadline of
# 200 ms per example fails a test when the machine is busy, not when the code is wrong.
settings.register_profile("evkg", deadline=None)
settings.load_profile("evkg")

# Ingests in the tests read in their own process (and so do the `evkg` commands they start): a
# pool's forkserver and workers cost seconds of start-up per process for no fact of their own.
# The tests about workers ask for them (`jobs=2`, `--jobs 2`: the crash and fault drills, the
# budgets, reads during an ingest, the wheel), and
# tests/unit/kg/ingest/test_workers.py checks that workers store what this process stores for
# every reader.
os.environ.setdefault("EVKG_JOBS", "0")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"the seeds are expected at {SEEDS} (../shared beside the repo)"
    return SEEDS


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory, seeds_dir):
    """The seeds ingested once into an embedded store, for read-only tests."""
    from evkg.kg.ingest.batch import ingest
    store = tmp_path_factory.mktemp("seeds") / "store"
    report = ingest([seeds_dir], str(store))
    assert report.ok, report.failed
    return str(store)


@pytest.fixture(scope="session")
def seeds_table(seeds_store, tmp_path_factory) -> Path:
    from evkg.kg.report.export import export_csv
    from evkg.kg.store.backends import open_store
    out = tmp_path_factory.mktemp("export") / "table.csv"
    with open_store(seeds_store, read_only=True) as st:
        export_csv(st, out)
    return out


def _ingested(tmp_path_factory, folder: Path) -> str:
    from evkg.kg.ingest.batch import ingest
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
def trace_fixtures_store(tmp_path_factory) -> str:
    """The guideline trace fixtures (tests/fixtures/guideline_trace): guidelines citing invented trials."""
    return _ingested(tmp_path_factory, FIXTURES / "guideline_trace")


@pytest.fixture(scope="session")
def examples_session_store(tmp_path_factory) -> str:
    """examples/ (what `make run` ingests), once per session."""
    return _ingested(tmp_path_factory, EXAMPLES)


def pytest_collection_modifyitems(config, items):
    """Modules that hold a slow test first, each kept whole (its module fixtures are made once),
    in the order collected: pytest-xdist's worksteal gives each worker a run of the list and lets
    an idle one take from the end of another's, so the long tests start early and the run ends on
    short ones, instead of one worker finishing the ei-dev recall or a kill drill alone."""
    slow = {item.module.__name__ for item in items if item.get_closest_marker("slow") is not None
            and getattr(item, "module", None) is not None}
    items.sort(key=lambda item: getattr(getattr(item, "module", None), "__name__", "") not in slow)
