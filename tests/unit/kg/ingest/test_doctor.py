"""ingest/doctor.py decides what a repair does (a RepairPlan); ingest/batch.py `repair` carries it out."""
import dataclasses

from evkg.core.namespace import DATA
from evkg.kg.ingest.batch import ingest, repair
from evkg.kg.ingest.doctor import Diagnosis, check, plan_repair
from evkg.kg.store.backends import open_store
from evkg.kg.store.ledger import Entry, Ledger, ledger_path

INVENTED = ("Invented study of TACE for hepatocellular carcinoma\n\n"
            "Methods: 60 patients received TACE.\n"
            "Results: the objective response rate was 41.7%.\n")


def _entry(doc_id: str, path: str) -> Entry:
    return Entry(id=doc_id, path=path, sha256="pending:" + "0" * 64, doctype="paper", language="en", title="",
                 ingested_at="", extractor_version="1", facts=0)


def test_a_half_written_document_is_read_again_when_its_file_is_there(tmp_path):
    there = tmp_path / "there.txt"
    there.write_text("x", encoding="utf-8")
    ledger = Ledger(tmp_path / "l.db")
    try:
        ledger.record(_entry("p1", str(there)))
        ledger.record(_entry("p2", str(tmp_path / "gone.txt")))
        found = Diagnosis(pending=["p1", "p2"], foreign=["https://w3id.org/evkg/data/graph/stray"], links="stale")
        plan = plan_repair(ledger, found)
    finally:
        ledger.close()
    assert plan.redo == (str(there),)          # the ingest of it rebuilds the links too
    assert plan.adopt == ("p2",)               # no file to read: the stored graph stands
    assert plan.drop == ("https://w3id.org/evkg/data/graph/stray",)
    assert not plan.rebuild_links and plan.rebuilt == 0


def test_stale_links_alone_are_rebuilt_and_a_healthy_store_needs_nothing(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    try:
        stale = plan_repair(ledger, Diagnosis(links="stale", orphans=["a"], missing=["b"]))
        healthy = plan_repair(ledger, Diagnosis())
    finally:
        ledger.close()
    assert stale.rebuild_links and stale.rebuilt == 2 and stale.redo == ()
    assert dataclasses.astuple(healthy) == (0, (), (), (), False, 0)   # nothing to do


def test_check_finds_and_repair_mends_a_store(tmp_path):
    doc = tmp_path / "docs" / "invented_doctor.txt"
    doc.parent.mkdir()
    doc.write_text(INVENTED, encoding="utf-8")
    store = str(tmp_path / "store")
    assert ingest([doc], store).ok
    assert check(store).healthy
    stray = DATA["graph/stray"]
    with open_store(store) as st:
        st.update(f"INSERT DATA {{ GRAPH <{stray}> {{ <{stray}> <{stray}> <{stray}> }} }}")
    ledger = Ledger(ledger_path(store))
    try:
        ledger.remove("invented_doctor")
    finally:
        ledger.close()
    found = check(store)
    assert found.orphans == ["invented_doctor"] and found.foreign == [str(stray)] and not found.healthy
    assert any("without a ledger row" in line for line in found.lines())
    found, done = repair(store)
    assert "1 stray graphs dropped" in done and any("read again" in line for line in done)
    assert check(store).healthy
