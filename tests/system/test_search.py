"""`evkg search` over a real store: the index is built at ingest, follows every change of the
store (remove, re-ingest, a changed file), is rebuilt by `evkg doctor --repair` when missing,
and finds traditional and simplified characters both ways."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner
from opencc import OpenCC

from evkg.kg.cli import main
from evkg.kg.ingest.batch import ingest, remove
from evkg.kg.store.ledger import ledger_path
from helpers.corpus import EXAMPLES

ZH = "paper_haic_hcc_zh"  # examples/: simplified characters
TRADITIONAL = "paper_haic_hcc_zh_hant"  # the same text in traditional characters, made here


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(EXAMPLES, folder)
    text = (folder / f"{ZH}.txt").read_text(encoding="utf-8")
    (folder / f"{TRADITIONAL}.txt").write_text(OpenCC("s2t").convert(text), encoding="utf-8")
    location = str(tmp_path / "store")
    assert ingest([folder], location).ok
    return location, folder


def evkg(*args: str):
    return CliRunner().invoke(main, list(args))


def found(location: str, term: str) -> dict:
    res = evkg("search", "--store", location, term, "--format", "json", "--limit", "50")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    return {"facts": {f["doc"] for f in data["facts"]}, "docs": [d["doc"] for d in data["documents"]]}


def test_simplified_finds_traditional_and_back(store):
    location, folder = store
    assert "肝細胞癌" in (folder / f"{TRADITIONAL}.txt").read_text(encoding="utf-8")
    for term in ("肝细胞癌", "肝細胞癌", "肝动脉灌注化疗", "肝動脈灌注化療"):
        hits = found(location, term)
        assert {ZH, TRADITIONAL} <= set(hits["docs"]), (term, hits)
        assert {ZH, TRADITIONAL} <= hits["facts"], (term, hits)


def test_latin_terms_match_whole_words(store):
    location, _ = store
    hits = found(location, "lenvatinib")
    assert "paper_tace_lenvatinib_en" in hits["docs"] and "paper_tace_lenvatinib_en" in hits["facts"]
    assert found(location, "lenvatini") == {"facts": set(), "docs": []}
    assert found(location, "LENVATINIB") == hits


def test_the_index_follows_remove_reingest_and_a_changed_file(store):
    location, folder = store
    assert TRADITIONAL in found(location, "肝細胞癌")["docs"]
    assert remove([TRADITIONAL], location) == [TRADITIONAL]
    after = found(location, "肝細胞癌")
    assert TRADITIONAL not in after["docs"] and TRADITIONAL not in after["facts"]
    assert ingest([folder], location).ingested == [TRADITIONAL]
    assert TRADITIONAL in found(location, "肝細胞癌")["docs"]
    path = folder / f"{TRADITIONAL}.txt"
    path.write_text("Zebrafish were studied in 12 tanks.\n", encoding="utf-8")  # invented
    assert ingest([folder], location).ingested == [TRADITIONAL]
    assert TRADITIONAL not in found(location, "肝細胞癌")["docs"]
    assert found(location, "zebrafish")["docs"] == [TRADITIONAL]
    assert evkg("doctor", "--store", location).exit_code == 0
    with sqlite3.connect(ledger_path(location)) as db:  # one row per document, each fact once
        assert db.execute("SELECT COUNT(*), COUNT(DISTINCT doc) FROM search_docs").fetchone() == (5, 5)
        facts = db.execute("SELECT COUNT(*) FROM search_facts").fetchone()[0]
        assert db.execute("SELECT COUNT(*) FROM search_facts_fts").fetchone()[0] == facts


def test_doctor_repair_rebuilds_a_missing_index(store):
    location, _ = store
    with sqlite3.connect(ledger_path(location)) as db:  # as a ledger written before the index was
        for table in ("search_facts", "search_docs"):
            db.execute(f"DROP TABLE {table}_fts")
            db.execute(f"DROP TABLE {table}")
    res = evkg("search", "--store", location, "lenvatinib")
    assert res.exit_code == 0 and "5 documents are not in the search index" in res.stderr
    check = evkg("doctor", "--store", location)
    assert check.exit_code == 1 and "search index entries missing or out of date" in check.output
    fixed = evkg("doctor", "--store", location, "--repair")
    assert fixed.exit_code == 0 and "search index entries made again from the store for 5 documents" in fixed.output
    assert evkg("doctor", "--store", location).exit_code == 0
    assert "paper_tace_lenvatinib_en" in found(location, "lenvatinib")["docs"]


def test_the_cli_refuses_a_huge_or_empty_term_in_one_line(store):
    location, _ = store
    res = evkg("search", "--store", location, "ORR" * 20_480)
    assert res.exit_code == 2 and res.stderr.strip() == (
        "evkg: a search term may be at most 200 characters; this one has 61440. "
        "Search for a word or a phrase from the text")
    res = evkg("search", "--store", location, "%%% ...")
    assert res.exit_code == 2 and "holds no letter, digit or CJK character" in res.stderr


def test_search_of_a_missing_store_says_so(tmp_path):
    res = evkg("search", "--store", str(tmp_path / "none"), "orr")
    assert res.exit_code == 2 and "no store at" in res.stderr


def test_text_output_lists_facts_and_documents(store):
    location, _ = store
    res = evkg("search", "--store", location, "ORR", "--limit", "2")
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0] == "facts (2, the best 2):" and "ORR" in res.output
    assert any(line.startswith("documents (") for line in lines)
