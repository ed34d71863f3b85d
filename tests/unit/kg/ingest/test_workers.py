"""Worker processes store what this process stores, for every reader. The other tests ingest
without workers (tests/conftest.py sets $EVKG_JOBS=0), so this is where a fact, an error or a
document that does not cross from a worker to the writer intact shows."""
from __future__ import annotations

import shutil

import pytest

from evkg.kg.ingest.batch import ingest
from evkg.kg.store.backends import open_store
from helpers.corpus import EXAMPLES, FIXTURES
from helpers.pdf import PAPER_PAGES, make_pdf

# A pool of worker processes (a forkserver that loads the extractors, then two workers): seconds.
pytestmark = pytest.mark.slow

QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def _quads(store: str) -> list[tuple[str, ...]]:
    with open_store(store, read_only=True) as st:
        return sorted(tuple(str(r[k]) for k in ("g", "s", "p", "o")) for r in st.select(QUADS).rows)


def test_two_workers_store_what_this_process_stores_for_every_reader(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)  # plain text, English and Chinese: a consensus, papers, a registration
    for name in ("ctgov/NCT09990003.json", "ctgov/studies_list.json", "ctgov/NCT09990006.xml",
                 "articles/pubmed_two.xml", "articles/jats_article.xml"):
        shutil.copy(FIXTURES / name, folder)
    (folder / "paper.pdf").write_bytes(make_pdf(PAPER_PAGES))
    (folder / "broken.json").write_text('{"protocolSection": ', encoding="utf-8")  # fails alike both ways
    reports = {jobs: ingest([folder], str(tmp_path / f"store{jobs}"), jobs=jobs) for jobs in (0, 2)}
    alone, pooled = reports[0], reports[2]
    assert pooled.jobs == 2 and alone.jobs == 0
    assert len(alone.ingested) >= 10 and [p for p, _ in alone.failed] == [str(folder / "broken.json")]
    assert (pooled.ingested, pooled.failed, pooled.facts, pooled.links) == \
        (alone.ingested, alone.failed, alone.facts, alone.links)
    quads = _quads(str(tmp_path / "store0"))
    assert len(quads) > 1000 and _quads(str(tmp_path / "store2")) == quads
