"""ingest/cross_links.py: the links between documents know what they were built from."""
import dataclasses

from evkg.kg.graph import ids
from evkg.kg.ingest.batch import ingest
from evkg.kg.ingest.cross_links import fingerprint, links_state, rebuild_links
from evkg.kg.store.backends import StoredDocument, open_store

PAPER = ("Invented trial of TACE\n\nMethods: 60 patients received TACE.\n"
         "Results: the objective response rate was 41.7%.\n")


def test_the_fingerprint_is_a_function_of_every_document_and_its_hash():
    a = {"a": StoredDocument("a", "g/a", "1" * 64, ""), "b": StoredDocument("b", "g/b", "2" * 64, "")}
    assert fingerprint(a) == fingerprint(dict(reversed(list(a.items()))))
    changed = {**a, "b": dataclasses.replace(a["b"], sha256="3" * 64)}
    assert fingerprint(changed) != fingerprint(a)
    assert fingerprint({"a": a["a"]}) != fingerprint(a)


def test_fresh_stale_and_missing(tmp_path):
    doc = tmp_path / "docs" / "invented_links.txt"
    doc.parent.mkdir()
    doc.write_text(PAPER, encoding="utf-8")
    store = str(tmp_path / "store")
    assert ingest([doc], store).ok
    with open_store(store) as st:
        docs = st.stored_documents()
        assert links_state(st, docs) == "fresh"
        other = {**docs, "another": StoredDocument("another", "g", "0" * 64, "")}
        assert links_state(st, other) == "stale"    # built from other documents than these
        st.drop_graph(ids.linkset_graph_iri())
        assert links_state(st, docs) == "missing"
        assert rebuild_links(st) == 0                # one document: nothing to resolve against
        assert links_state(st, docs) == "fresh"
        assert links_state(st, {}) == "stale"
