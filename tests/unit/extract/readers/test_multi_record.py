"""Multi-record files: each record's document holds only its own text, at an offset base in the file,
so every quote is still raw file text and a record costs the same in a small or a large file."""
from __future__ import annotations

from pathlib import Path

import pytest

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.readers.decode import decode, read_bytes
from evkg.extract.text.context import Context
from evkg.kg.ingest.batch import ingest
from evkg.kg.store.backends import open_store
from evkg.kg.store.queries import run_named
from evkg.kg.store.validate import validate_store
from helpers.corpus import FIXTURES


def _jats_bundle(tmp_path: Path) -> Path:
    article = (FIXTURES / "articles" / "jats_article.xml").read_text(encoding="utf-8")
    article = article[article.index("<article"):]
    twin = article.replace('<article-id pub-id-type="pmid">90000003<', '<article-id pub-id-type="pmid">90000009<')
    path = tmp_path / "bundle.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<pmc-articleset>\n{article}\n{twin}\n</pmc-articleset>\n',
                    encoding="utf-8")
    return path


@pytest.fixture(params=["pubmed", "ctgov", "jats"])
def multi_file(request, tmp_path) -> Path:
    return {"pubmed": lambda: FIXTURES / "articles" / "pubmed_two.xml",
            "ctgov": lambda: FIXTURES / "ctgov" / "studies_list.json",
            "jats": lambda: _jats_bundle(tmp_path)}[request.param]()


def test_each_record_holds_its_own_slice_and_quotes_are_file_text(multi_file):
    raw = decode(read_bytes(multi_file), multi_file)
    docs = read_documents(multi_file)
    assert len(docs) == 2 and len({d.id for d in docs}) == 2
    run = Context()
    for doc in docs:
        assert 0 < len(doc.text) < len(raw) and raw[doc.base:doc.base + len(doc.text)] == doc.text
        others = [d for d in docs if d is not doc]
        assert all(not (doc.base < o.base + len(o.text) and o.base < doc.base + len(doc.text)) for o in others)
        facts = extract_facts(doc, run)
        assert facts, doc.id
        for f in facts:
            p = f.provenance
            assert raw[doc.base + p.start:doc.base + p.end] == p.quote == doc.text[p.start:p.end]


def test_records_ingest_with_their_offset_base(multi_file, tmp_path):
    store = str(tmp_path / "store")
    assert ingest([multi_file], store).ok
    docs = {d.id: d for d in read_documents(multi_file)}
    query = ("PREFIX evkg: <https://w3id.org/evkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
             "SELECT ?doc ?base WHERE { GRAPH ?g { ?d dcterms:identifier ?doc ; evkg:offsetBase ?base } }")
    with open_store(store, read_only=True) as st:
        bases = {r["doc"]: r["base"] for r in st.select(query).rows}
        assert validate_store(st).conforms
        rows = run_named(st, "fact_counts").rows
    assert bases == {i: d.base for i, d in docs.items()}
    assert {r["doc"] for r in rows} == set(docs)
