"""What an ingest worker hands the writer beside a document's graph (kg/ingest/work.py): its fact
count and search rows, read from the index the shape check built, must be what the store gives
back once the graph is stored (kg/store/stats.py fact_count, kg/store/search.py document_entry)."""
import sqlite3

from evkg.core.model import Document, Fact
from evkg.kg.graph.ids import graph_iri
from evkg.kg.graph.rdf import document_triples
from evkg.kg.graph.shapes import check_document
from evkg.kg.store.backends import OxigraphStore, ntriples_bytes, open_store
from evkg.kg.store.ledger import ledger_path
from evkg.kg.store.search import document_entry, indexed_entry, search_rows
from evkg.kg.store.stats import fact_count, indexed_fact_count


def _stored_rows(store: str) -> tuple[dict, dict]:
    """doc -> its search_docs row, doc -> its search_facts rows in id order, as the ingest wrote them."""
    conn = sqlite3.connect(ledger_path(store))
    try:
        docs = {r[0]: r for r in conn.execute(
            "SELECT doc, sha256, version, title, text, key FROM search_docs")}
        facts: dict = {}
        for r in conn.execute("SELECT doc, kind, name, value, unit, quote, start, stop, key FROM search_facts "
                              "ORDER BY id"):
            facts.setdefault(r[0], []).append(r)
    finally:
        conn.close()
    return docs, facts


def _agree_with_the_store(store: str) -> int:
    docs, facts = _stored_rows(store)
    with open_store(store, read_only=True) as st:
        for doc in docs:
            again = search_rows(document_entry(st, doc))
            assert docs[doc] == again.doc
            assert facts.get(doc, []) == list(again.facts), doc
    return len(docs)


def test_the_seeds_search_rows_are_those_the_store_gives_back(seeds_store):
    assert _agree_with_the_store(seeds_store) == 5


def test_the_check_fixtures_search_rows_too(planted_store):
    assert _agree_with_the_store(planted_store) > 0


def _fact(doc: Document, kind: str, needle: str, **fields) -> Fact:
    start = doc.text.index(needle)
    return Fact(kind, doc.span(start, start + len(needle)).provenance("test", "1"), **fields)


def test_an_invented_graph_counts_and_rows_as_stored():
    """Two readings of one span (two nodes), a recommendation without a grade (no row) and one
    with, a reference's year, values the store gives back as an integer and as a float, an arm (no
    row): the index and the stored graph say the same."""
    doc = Document("invented_work", "ORR was 45.0% (18/40) in arm A. 推荐 1：推荐使用 TACE（1A）。推荐 2：可考虑。"
                   "1. Smith J. Trial. 2019.")
    facts = [_fact(doc, "outcome", "ORR was 45.0%", name="ORR", value=45.0, unit="%", n=18, total=40, arm="arm A"),
             _fact(doc, "outcome", "ORR was 45.0%", name="ORR", value=45.5, unit="%"),
             _fact(doc, "outcome", "45.0%", name="ORR", value=0.000012),
             _fact(doc, "arm", "arm A", name="arm A"),
             _fact(doc, "recommendation", "推荐 1：推荐使用 TACE（1A）。", name="推荐 1", level="1", strength="A"),
             _fact(doc, "recommendation", "推荐 2：可考虑。", name="推荐 2"),
             _fact(doc, "reference", "Smith J. Trial. 2019.", name="Smith", value=2019.0, ref="1")]
    triples = list(document_triples(doc, "ab" * 32, facts))
    idx = check_document(doc.id, triples)
    st = OxigraphStore.in_memory()
    st.replace_graph(graph_iri(doc.id), ntriples_bytes(triples))
    assert indexed_fact_count(idx, doc.id) == fact_count(st, doc.id) == 5
    assert search_rows(indexed_entry(idx, doc.id)) == search_rows(document_entry(st, doc.id))
