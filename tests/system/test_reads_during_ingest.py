"""Reads while `evkg ingest` writes the same store: RocksDB compaction deletes files under a
read-only handle, which Oxigraph reports as "Corruption"; evkg reopens and reads again, so
no library read and no served query fails."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evkg.kg.store.backends import open_store
from helpers.crash_corpus import write_corpus
from helpers.serve import running_server, sparql_get

# A whole ingest in a subprocess under concurrent reads: left out by `make test-fast`.
pytestmark = pytest.mark.slow

EVKG = str(Path(sys.executable).parent / "evkg")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def writing(tmp_path):
    """A store with a first batch in it, and a running ingest of four times as many documents."""
    from evkg.kg.ingest.batch import ingest
    store = tmp_path / "store"
    first = write_corpus(tmp_path / "first", papers=8, guidelines=2)[0].parent
    assert ingest([first], str(store), jobs=0).ok  # in this process: the reads below are of another's writes
    more = tmp_path / "more"
    for k in range(4):  # distinct names, so every copy is a document of its own
        for p in write_corpus(tmp_path / f"batch{k}"):
            (more / f"b{k}").mkdir(parents=True, exist_ok=True)
            (more / f"b{k}" / f"{p.stem}_{k}.txt").write_bytes(p.read_bytes())
    proc = subprocess.Popen([EVKG, "ingest", "--quiet", "--jobs", "2", "--store", str(store), str(more)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    yield str(store), proc
    proc.kill()
    proc.wait()


def _until_done(proc, work, at_least: int = 20) -> int:
    n = 0
    while proc.poll() is None or n < at_least:
        work()
        n += 1
    return n


def test_library_reads_and_served_queries_during_an_ingest_never_fail(writing):
    """One ingest, read both ways in turn: by the library (a fresh read-only handle each time, as a
    server's worker takes) and through `evkg serve`'s SPARQL endpoint."""
    store, proc = writing
    statuses = []

    def read():
        with open_store(store, read_only=True) as st:
            assert st.select(COUNT).rows[0]["n"] > 0
        statuses.append(sparql_get(base, COUNT).status)
    with running_server(store, workers=2, timeout=30) as (base, _):
        n = _until_done(proc, read)
    assert proc.wait() == 0, proc.stderr.read()
    assert n > 20
    assert set(statuses) == {200}, statuses
