"""The extractors' version as the ledger and the user's cache know it (kg/ingest/version.py)."""
from __future__ import annotations

import os
from types import SimpleNamespace

from evkg.extract.pipeline import pipeline_version as computed
from evkg.kg.ingest import version
from evkg.kg.store.ledger import Ledger


def test_a_new_store_takes_the_version_from_the_cache_and_the_ledger_keeps_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ledger = Ledger(tmp_path / "one.sqlite")
    try:
        assert version.pipeline_version(ledger) == computed()  # computed and remembered
    finally:
        ledger.close()
    assert version.known_version(tmp_path / "one.sqlite") == computed()
    remembered = list((tmp_path / "cache" / "evkg").glob("pipeline-*"))
    assert [p.read_text() for p in remembered] == [computed()]
    # A second new store reads the cache: a planted value shows it was read, not computed.
    remembered[0].write_text("planted0version")
    ledger = Ledger(tmp_path / "two.sqlite")
    try:
        assert version.pipeline_version(ledger) == "planted0version"
    finally:
        ledger.close()


def test_the_stamp_follows_the_content_whatever_the_size_and_time(tmp_path, monkeypatch):
    data = tmp_path / "pkg"
    data.mkdir()
    table = data / "table.tsv"
    table.write_text("code\tlabel\n")
    monkeypatch.setattr(version, "find_spec", lambda name: SimpleNamespace(submodule_search_locations=[str(data)]))
    before, st = version._stamp(), table.stat()
    table.write_text("code\tlabeL\n")  # same size
    os.utime(table, ns=(st.st_atime_ns, st.st_mtime_ns))  # same time
    assert version._stamp() != before
    table.write_text("code\tlabel\n")
    assert version._stamp() == before
