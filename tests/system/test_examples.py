"""The demo documents in examples/ (what `make run` ingests): they read as the kinds of
document they imitate, ingest cleanly, and the consensus's references resolve to the two papers."""
import pytest

from evkg.kg.ingest.batch import ingest
from evkg.kg.report.rows import evidence_rows
from evkg.kg.store.backends import open_store
from evkg.kg.store.queries import run_named
from helpers.corpus import ROOT

EXAMPLES = ROOT / "examples"
EXPECTED = {  # id: (document type, language)
    "registration_deb_tace_crlm": ("registration", "en"),
    "paper_haic_hcc_zh": ("paper", "zh"),
    "paper_tace_lenvatinib_en": ("paper", "en"),
    "consensus_tace_haic_zh": ("consensus", "zh"),
}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("demo") / "store")
    report = ingest([EXAMPLES], store)
    assert report.ok, report.failed
    assert sorted(report.ingested) == sorted(EXPECTED)
    return store


def test_examples_are_short_invented_documents():
    for doc_id in EXPECTED:
        size = (EXAMPLES / f"{doc_id}.txt").stat().st_size
        assert 1000 <= size <= 4500, (doc_id, size)


def test_examples_read_as_the_documents_they_imitate(demo_store):
    with open_store(demo_store, read_only=True) as st:
        got = {r["doc"]: (r["type"], r["language"]) for r in run_named(st, "documents").rows}
    assert got == EXPECTED


def test_consensus_references_resolve_to_both_demo_papers(demo_store):
    with open_store(demo_store, read_only=True) as st:
        refs = run_named(st, "references", {"doc": "consensus_tace_haic_zh"}).rows
    resolved = {str(r["ref"]): (r["resolved"], r["method"]) for r in refs if r["resolved"]}
    assert resolved == {"1": ("paper_tace_lenvatinib_en", "doi"), "2": ("paper_haic_hcc_zh", "doi")}
    assert len(refs) == 8


def test_consensus_statements_are_graded_recommendations(demo_store):
    with open_store(demo_store, read_only=True) as st:
        recs = [r for r in evidence_rows(st) if r["kind"] == "recommendation"]
    assert [r["name"] for r in recs] == [f"共识 {i}" for i in range(1, 6)]
    assert all(r["level"] and r["strength"] for r in recs)
