"""docs/model.md: generated from ontology/evkg.ttl, up to date, and every example query in it
answers with rows on the seeds' graph (or on examples/ when ../shared is absent)."""
import pytest
from model_doc import DOC_PATH, classes, load, main, render

from evkg.kg.store.backends import open_store
from helpers.corpus import SEEDS


@pytest.fixture(scope="module")
def graph_store(request):
    name = "seeds_store" if SEEDS.is_dir() else "examples_session_store"
    return request.getfixturevalue(name)


def test_model_doc_is_up_to_date():
    assert main(["--check"]) == 0, "run: python tools/model_doc.py"
    text = DOC_PATH.read_text(encoding="utf-8")
    for c in classes(load()):
        assert f"## {c.name}" in text and c.example in text


def test_every_class_has_labels_in_both_languages_and_an_example():
    docs = classes(load())
    assert {"Document", "Fact", "Outcome", "Recommendation", "Reference"} <= {c.name for c in docs}
    for c in docs:
        assert c.en and c.zh, c.name
        assert c.example.count("SELECT") == 1 and "LIMIT" in c.example


def test_every_example_query_answers(graph_store):
    empty = []
    with open_store(graph_store, read_only=True) as st:
        for c in classes(load()):
            rows = st.select(c.example).rows
            if not rows and not c.deprecated:   # a deprecated class is no longer written
                empty.append(c.name)
            for r in rows:
                assert r["node"], c.name
    assert empty == [], f"example queries without rows: {empty}"


def test_render_is_deterministic():
    assert render(classes(load())) == render(classes(load()))
