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


# The kills hit a real `evkg ingest` with its two worker processes (`--jobs 2`: as on a 2-core
# machine, whatever $EVKG_JOBS the suite sets). What a kill leaves is mended by ingest() itself,
# so the runs after a kill, and the clean stores compared with, run in this process (`again`):
# a whole `evkg` process costs seconds of start-up (imports, lexicons, the workers' warm-up) for
# nothing the test checks. The CLI's own second run is checked once, by the links test.
def ingest_cmd(store: Path, corpus: Path, jobs: str = "2") -> list[str]:
    return [*EVKG, "ingest", "--quiet", "--store", str(store), "--jobs", jobs, str(corpus)]


def run(store: Path, corpus: Path, crash_at: str | None = None) -> int:
    env = {**os.environ, "EVKG_CRASH_AT": crash_at or ""}
    return subprocess.run(ingest_cmd(store, corpus), env=env, capture_output=True, timeout=900).returncode


def again(store: Path, corpus: Path):
    """The next run, in this process: ingest() with no worker processes."""
    from evkg.kg.ingest.batch import ingest
    return ingest([corpus], str(store), jobs=0)


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
    assert again(store, corpus).ok
    snap = snapshot(store)
    assert snap["stats"]["documents"] == 30 and len(snap["links"]) >= 30  # the rebuild has work to do
    return snap


# Between the pending mark and the graph, and between the graph and the ledger row; inside the
# link rebuild (the links resolved, their graph not yet replaced): the links test below.
@pytest.mark.parametrize("point", ["pending:17", "stored:12", "stored:30"])
def test_killed_at_a_checkpoint_converges_on_the_next_run(point, corpus, clean, tmp_path):
    store = tmp_path / "store"
    assert run(store, corpus, crash_at=point) == -signal.SIGKILL
    assert again(store, corpus).ok
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
    assert again(store, corpus).ok
    assert snapshot(store) == clean
    assert_healthy(store)


def test_links_lost_to_a_kill_are_rebuilt_with_nothing_changed(corpus, clean, tmp_path):
    """Killed inside the link rebuild (checkpoint links:1): stats and doctor say the links are
    missing, and the CLI's next run rebuilds them, reading no document again."""
    from click.testing import CliRunner

    from evkg.kg.cli import main
    store = tmp_path / "store"
    assert run(store, corpus, crash_at="links:1") == -signal.SIGKILL
    out = CliRunner().invoke(main, ["stats", "--store", str(store)])
    assert "cross-document links: missing" in out.output
    doctor = CliRunner().invoke(main, ["doctor", "--store", str(store)])
    assert doctor.exit_code == 1 and "links: missing" in doctor.output
    res = subprocess.run(ingest_cmd(store, corpus), capture_output=True, text=True)  # the CLI's own second run
    assert res.returncode == 0 and "0 documents ingested, 30 unchanged" in res.stdout
    assert snapshot(store) == clean
    assert_healthy(store)


def test_remove_and_doctor_handle_a_graph_without_a_ledger_row(tmp_path):
    """A store written by an older evkg killed between its two writes: the graph is there, the row not."""
    from click.testing import CliRunner

    from evkg.kg.cli import main
    docs = write_corpus(tmp_path / "docs", papers=3, guidelines=1)[0].parent
    store = str(tmp_path / "store")
    assert again(Path(store), docs).ok
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


# Faults inside a worker process (kg/ingest/faults.py): each fails its file alone, named with
# the reason, nothing of the document is stored, and the next run takes the file as a new one.
@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict]:
    docs = write_corpus(tmp_path_factory.mktemp("small") / "docs", papers=5, guidelines=1)[0].parent
    store = tmp_path_factory.mktemp("small-clean") / "store"
    assert again(store, docs).ok
    return docs, snapshot(store)


# The faults hit real worker processes; the `evkg ingest` that runs them runs in this process
# (click's CliRunner, the command's own output and exit status): what a fault tests is the
# worker's death and the pool's answer, and a test process's pools share one fork server, so a
# drill costs its workers alone, not the seconds of a new `evkg` process and its fork server.
def cli_ingest(store: Path, docs: Path, options: list[str], monkeypatch, jobs: str = "2", **env: str):
    from click.testing import CliRunner

    from evkg.kg.cli import main
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return CliRunner().invoke(main, ingest_cmd(store, docs, jobs)[len(EVKG):] + options)


@pytest.mark.parametrize("fault, options, says", [
    ("kill", [], "document paper_02: its worker process was killed (SIGKILL"),
    ("hang", [], "document paper_02 stopped: its worker used no CPU time for 2 s"),
    ("raise", [], "internal error (RuntimeError: fault injected into paper_02)"),
    ("loop", ["--doc-seconds", "1"], "document paper_02 went over its CPU budget of 1 s"),
])
def test_a_worker_fault_fails_its_file_alone(fault, options, says, small, tmp_path, monkeypatch):
    docs, clean = small
    store = tmp_path / "store"
    res = cli_ingest(store, docs, options, monkeypatch, EVKG_FAULT=f"{fault}:paper_02", EVKG_STALL_SECONDS="2")
    assert res.exit_code == 1, res.output + res.stderr
    errors = [line for line in res.stderr.splitlines() + res.stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "paper_02.txt: " in errors[0] and says in errors[0], res.stdout + res.stderr
    assert "5 documents ingested, 0 unchanged, 1 failed" in res.stdout
    with open_store(str(store), read_only=True) as st:
        assert set(st.stored_documents()) == {"paper_00", "paper_01", "paper_03", "paper_04", "guideline_00"}
    assert_healthy(store)
    monkeypatch.delenv("EVKG_FAULT")
    rerun = again(store, docs)
    assert (rerun.ingested, len(rerun.unchanged), rerun.failed) == (["paper_02"], 5, [])
    assert snapshot(store) == clean


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_store_ends_the_same_whatever_the_workers(jobs, small, tmp_path, monkeypatch):
    """The clean store was written in this process (no worker); with one worker or two, the same."""
    docs, clean = small
    store = tmp_path / "store"
    res = cli_ingest(store, docs, [], monkeypatch, jobs)
    assert res.exit_code == 0, res.output + res.stderr
    assert snapshot(store) == clean
