"""store/ledger.py: one row per document, a pending mark before its graph is written."""
from pathlib import Path

from evkg.kg.store.ledger import PENDING, Entry, Ledger, ledger_path


def _entry(doc_id: str, path: str = "/data/a.txt", sha: str = "ab" * 32) -> Entry:
    return Entry(id=doc_id, path=path, sha256=sha, doctype="paper", language="en", title="T",
                 ingested_at="2024-01-01T00:00:00+00:00", extractor_version="1", facts=3)


def test_where_the_ledger_lives(tmp_path):
    assert ledger_path(str(tmp_path / "store")) == tmp_path / "store" / "ledger.db"
    remote = ledger_path("http://localhost:7878/query")
    assert remote.parent == Path.home() / ".evkg" and remote != ledger_path("http://localhost:7879/query")


def test_record_get_remove(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    try:
        assert ledger.get("a") is None
        ledger.record(_entry("a"))
        assert ledger.get("a") == _entry("a")
        ledger.record(_entry("a", sha="cd" * 32))   # one row per document: replaced
        assert [e.sha256 for e in ledger.entries()] == ["cd" * 32]
        ledger.remove("a")
        assert ledger.entries() == []
    finally:
        ledger.close()


def test_a_pending_row_is_no_real_hash_until_recorded(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    try:
        ledger.mark_pending(_entry("a"))
        assert ledger.get("a").sha256 == PENDING + "ab" * 32
        ledger.record(_entry("a"))
        assert ledger.get("a").sha256 == "ab" * 32
    finally:
        ledger.close()


def test_the_documents_of_one_file(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    try:
        for doc_id, path in (("r2", "/data/set.xml"), ("r1", "/data/set.xml"), ("b", "/data/b.txt")):
            ledger.record(_entry(doc_id, path))
        assert [e.id for e in ledger.entries_from("/data/set.xml")] == ["r1", "r2"]
    finally:
        ledger.close()
    # what was recorded is there when the file is opened again
    again = Ledger(tmp_path / "l.db")
    try:
        assert len(again.entries()) == 3
    finally:
        again.close()


def test_files_failures_and_runs(tmp_path):
    from evkg.kg.store.ledger import Failure, FileRow
    ledger = Ledger(tmp_path / "l.db")
    try:
        assert not ledger.last_run_finished()  # a new ledger: the store decides
        ledger.run_begun()
        assert not ledger.last_run_finished()
        ledger.run_finished()
        assert ledger.last_run_finished()
        ledger.record_failure(Failure("/d/a.json", "a-NCT1", "over its CPU budget of 60 s", "t"))
        assert [f.reason for f in ledger.failures()] == ["over its CPU budget of 60 s"]
        ledger.record_file(FileRow("/d/a.json", "ab" * 32, "1", ("a-NCT1", "a-NCT2")))
        assert ledger.files()["/d/a.json"].documents == ("a-NCT1", "a-NCT2")
        assert ledger.failures() == []  # it went in
        ledger.record_failure(Failure("/d/a.json", "", "damaged", "t"))
        assert ledger.files() == {}  # failed: read again next time
        name = "/d/bad\\xff.txt"  # a name as shown (kg/ingest/paths.py): any file name fits
        ledger.record(_entry("bad", path=name))
        assert ledger.entries_from(name)[0].id == "bad"
    finally:
        ledger.close()
