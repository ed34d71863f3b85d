"""Kill -9 a real `evkg ingest` at several points, run it again on unchanged files, and get
exactly what a clean run gets: the export, the stats and the resolved references."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evkg.kg.ingest.doctor import diagnose
from evkg.kg.report.rows import evidence_rows
from evkg.kg.store.backends import open_store
from evkg.kg.store.ledger import Ledger, ledger_path
from evkg.kg.store.stats import store_stats
from helpers.crash_corpus import write_corpus

# Kill -9 trials, each a real `evkg ingest` in a subprocess: left out by `make test-fast`.
pytestmark = pytest.mark.slow

EVKG = [str(Path(sys.executable).parent / "evkg")]
LINKS = "SELECT ?r ?t WHERE { GRAPH <https://w3id.org/evkg/id/graph/_links> " \
        "{ ?r <https://w3id.org/evkg/ontology#resolvesTo> ?t } } ORDER BY ?r ?t"


def ingest_cmd(store: Path, corpus: Path) -> list[str]:
    return [*EVKG, "ingest", "--quiet", "--store", str(store), str(corpus)]


def run(store: Path, corpus: Path, crash_at: str | None = None) -> int:
    env = {**os.environ, "EVKG_CRASH_AT": crash_at or ""}
    return subprocess.run(ingest_cmd(store, corpus), env=env, capture_output=True, timeout=120).returncode


def snapshot(store: Path) -> dict:
    with open_store(str(store), read_only=True) as st:
        return {"export": evidence_rows(st), "stats": store_stats(st), "links": st.select(LINKS).rows}


def assert_healthy(store: Path) -> None:
    with open_store(str(store), read_only=True) as st:
        ledger = Ledger(ledger_path(str(store)))
        try:
            found = diagnose(st, ledger)
        finally:
            ledger.close()
    assert found.healthy, found.lines()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "docs")[0].parent


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict:
    store = tmp_path_factory.mktemp("clean") / "store"
    assert run(store, corpus) == 0
    snap = snapshot(store)
    assert snap["stats"]["documents"] == 30 and len(snap["links"]) >= 30  # the rebuild has work to do
    return snap


# Between the pending mark and the graph, between the graph and the ledger row, and inside
# the link rebuild (the links resolved, their graph not yet replaced).
@pytest.mark.parametrize("point", ["pending:17", "stored:12", "stored:30", "links:1"])
def test_killed_at_a_checkpoint_converges_on_the_next_run(point, corpus, clean, tmp_path):
    store = tmp_path / "store"
    assert run(store, corpus, crash_at=point) == -signal.SIGKILL
    assert run(store, corpus) == 0
    assert snapshot(store) == clean
    assert_healthy(store)


def test_killed_at_random_times_converges(corpus, clean, tmp_path):
    """Several kills in a row on one store, each at a random moment (start-up, extraction,
    a store transaction, the link rebuild), then one undisturbed run."""
    store = tmp_path / "store"
    rng = random.Random(14)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(ingest_cmd(store, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 3.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(60)
    assert run(store, corpus) == 0
    assert snapshot(store) == clean
    assert_healthy(store)


def test_links_lost_to_a_kill_are_rebuilt_with_nothing_changed(corpus, clean, tmp_path):
    store = tmp_path / "store"
    assert run(store, corpus, crash_at="links:1") == -signal.SIGKILL
    out = subprocess.run([*EVKG, "stats", "--store", str(store)], capture_output=True, text=True)
    assert "cross-document links: missing" in out.stdout
    doctor = subprocess.run([*EVKG, "doctor", "--store", str(store)], capture_output=True, text=True)
    assert doctor.returncode == 1 and "links: missing" in doctor.stdout
    res = subprocess.run(ingest_cmd(store, corpus), capture_output=True, text=True)
    assert "0 documents ingested, 30 unchanged" in res.stdout
    assert snapshot(store) == clean


def test_remove_and_doctor_handle_a_graph_without_a_ledger_row(tmp_path):
    """A store written by an older evkg killed between its two writes: the graph is there, the row not."""
    from click.testing import CliRunner

    from evkg.kg.cli import main
    docs = write_corpus(tmp_path / "docs", papers=3, guidelines=1)[0].parent
    store = str(tmp_path / "store")
    assert run(Path(store), docs) == 0
    ledger = Ledger(ledger_path(store))
    ledger.remove("paper_01")
    ledger.remove("paper_02")
    ledger.close()
    cli = CliRunner()
    found = cli.invoke(main, ["doctor", "--store", store])
    assert found.exit_code == 1 and "without a ledger row: paper_01, paper_02" in found.output
    gone = cli.invoke(main, ["remove", "--store", store, "paper_01"])
    assert "1 documents removed" in gone.output
    with open_store(store, read_only=True) as st:
        assert "paper_01" not in st.stored_documents()
        assert not any(r["doc"] == "paper_01" for r in evidence_rows(st))
    repaired = cli.invoke(main, ["doctor", "--store", store, "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "ledger rebuilt from the store for 1 documents" in repaired.output
    assert cli.invoke(main, ["doctor", "--store", store]).output.strip() == "store, ledger and links agree"
