"""The search index (kg/store/search.py) on its own: keys folded both ways between traditional
and simplified characters, full and half width and case; Latin terms match whole tokens,
Chinese any substring; ranked; nothing a user types is read as FTS5 syntax."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evkg.core.errors import QueryError
from evkg.kg.store.search import (
    MAX_TERM,
    DocumentEntry,
    FactEntry,
    Hits,
    SearchIndex,
    index_key,
    locate,
    match_expression,
    search,
)

# Invented texts: one in simplified, one in traditional characters, one in English.
SIMPLIFIED = "经动脉化疗栓塞联合仑伐替尼治疗不可切除肝细胞癌，客观缓解率为52.5%。"
TRADITIONAL = "經動脈化療栓塞聯合侖伐替尼治療不可切除肝細胞癌，客觀緩解率為47.0%。"
ENGLISH = "Haemorrhagic events were rare. The ORR was 52.5% (21/40) with TACE plus lenvatinib."


def _ledger(tmp_path, docs: dict[str, str], facts: dict[str, list[FactEntry]] | None = None):
    """A ledger database with the `documents` table the index is checked against, and the index."""
    path = tmp_path / "ledger.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")  # a test database: no need to wait for the disk
    conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, sha256 TEXT)")
    index = SearchIndex(conn)
    with conn:
        for doc, text in docs.items():
            conn.execute("INSERT INTO documents VALUES (?, ?)", (doc, f"sha-{doc}"))
            index.put(DocumentEntry(doc, f"sha-{doc}", None, text, tuple((facts or {}).get(doc, ()))))
    return path, conn, index


def _docs(hits: Hits) -> list[str]:
    return [t.doc for t in hits.texts]


@pytest.fixture
def ledger(tmp_path):
    outcome = FactEntry("outcome", "ORR", "52.5", "%", "ORR was 52.5%", 35, 48, ("ORR",))
    path, conn, _ = _ledger(tmp_path, {"zh_s": SIMPLIFIED, "zh_t": TRADITIONAL, "en": ENGLISH},
                            {"en": [outcome]})
    yield path
    conn.close()


@pytest.mark.parametrize("term, expected", [
    ("肝细胞癌", ["zh_s", "zh_t"]),      # simplified finds the traditional document ...
    ("肝細胞癌", ["zh_s", "zh_t"]),      # ... and traditional the simplified one
    ("仑伐替尼", ["zh_s", "zh_t"]),
    ("侖伐替尼", ["zh_s", "zh_t"]),
    ("缓解", ["zh_s", "zh_t"]),          # a two-character word inside a longer run
    ("癌", ["zh_s", "zh_t"]),            # one character
    ("细胞癌，客观", ["zh_s", "zh_t"]),  # across punctuation
    ("ORR", ["en"]),
    ("orr", ["en"]),
    ("ＯＲＲ", ["en"]),                  # full width
    ("haemorrhagic", ["en"]),
    ("TACE plus lenvatinib", ["en"]),
    ("52.5", ["en", "zh_s"]),
])
def test_folded_keys_find_the_documents(ledger, term, expected):
    assert sorted(_docs(search(ledger, term))) == expected


@pytest.mark.parametrize("term", ["RR", "haem", "orrhagic", "lenvatini", "TACE lenvatinib", "细胞肝", "5.52"])
def test_latin_terms_match_whole_tokens_and_phrases_in_order(ledger, term):
    assert _docs(search(ledger, term)) == []


def test_orr_does_not_find_haemorrhagic(tmp_path):
    path, conn, _ = _ledger(tmp_path, {"a": "Haemorrhagic events were rare.", "b": "The ORR was 40%."})
    assert _docs(search(path, "ORR")) == ["b"]
    assert _docs(search(path, "haemorrhagic")) == ["a"]
    conn.close()


def test_facts_are_found_by_quote_and_by_name(ledger):
    by_quote = search(ledger, "52.5")
    assert [(f["doc"], f["kind"], f["quote"]) for f in by_quote.facts] == [("en", "outcome", "ORR was 52.5%")]
    assert search(ledger, "orr").facts[0]["name"] == "ORR"


def test_hits_are_ranked(tmp_path):
    path, conn, _ = _ledger(tmp_path, {"once": "TACE was given. " + "Other words here. " * 30,
                                       "often": "TACE and TACE again, TACE thrice."})
    assert _docs(search(path, "tace")) == ["often", "once"]
    conn.close()


def test_the_context_points_at_the_term_in_the_original_text():
    assert locate(TRADITIONAL, "肝细胞癌") == (TRADITIONAL.index("肝細胞癌"), TRADITIONAL.index("肝細胞癌") + 4)
    at = locate(ENGLISH, "orr")
    assert ENGLISH[at[0]:at[1]] == "ORR"  # not the `orr` inside Haemorrhagic
    assert locate(ENGLISH, "TACE  PLUS") == (ENGLISH.index("TACE"), ENGLISH.index("TACE") + len("TACE plus"))


@pytest.mark.parametrize("term", ['"', "*", "NEAR(a b)", "a AND OR NOT b", "col:x", "^x", "a - b", "(", "''",
                                  '" OR 1=1 --', "{}[]", "\x00", "\u202e"])
def test_fts5_syntax_in_a_term_is_only_text(ledger, term):
    search(ledger, term)  # raises sqlite3.OperationalError if anything reached FTS5 as syntax


def test_a_term_without_letters_finds_nothing(ledger):
    assert match_expression("!!! %%% ...") == ""
    hits = search(ledger, "!!!")
    assert hits.facts == () and hits.texts == ()


def test_a_60_kb_term_is_refused_with_its_length(ledger):
    with pytest.raises(QueryError, match=f"at most {MAX_TERM} characters; this one has 61440"):
        search(ledger, "x" * 61440)


def test_documents_missing_from_the_index_are_counted(tmp_path):
    path, conn, index = _ledger(tmp_path, {"a": ENGLISH, "b": SIMPLIFIED})
    with conn:
        conn.execute("INSERT INTO documents VALUES ('c', 'sha-c')")  # in the ledger, never indexed
        conn.execute("UPDATE documents SET sha256 = 'sha-new' WHERE id = 'b'")  # indexed from an older text
    assert search(path, "orr").unindexed == 2
    assert index.out_of_date({"a": "sha-a", "b": "sha-new", "c": "sha-c"}) == ["b", "c"]
    with conn:
        index.drop("a")
    assert _docs(search(path, "orr")) == []
    conn.close()


def test_a_missing_ledger_is_an_empty_index(tmp_path):
    assert search(tmp_path / "none.db", "orr") == Hits("orr", (), ())


# -- properties -------------------------------------------------------------------------------

HAN = st.sampled_from("肝细胞癌经动脉化疗栓塞联合治疗缓解率患者组例")
LATIN = st.sampled_from(["orr", "tace", "haic", "rate", "os", "pfs", "hcc", "12", "5"])
RUNS = st.lists(st.one_of(st.lists(HAN, min_size=1, max_size=8).map("".join), LATIN), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(runs=RUNS, data=st.data())
def test_any_substring_of_a_chinese_run_and_any_latin_word_is_found(tmp_path_factory, runs, data):
    text = " ".join(runs)
    path, conn, _ = _ledger(tmp_path_factory.mktemp("p"), {"d": text})
    try:
        run = data.draw(st.sampled_from(runs))
        if run.isascii():
            term = run
        else:
            i = data.draw(st.integers(0, len(run) - 1))
            term = run[i:data.draw(st.integers(i + 1, len(run)))]
        assert _docs(search(path, term)) == ["d"], (text, term)
        if run.isascii():  # a Latin word's inside is no token
            assert len(run) < 3 or _docs(search(path, run[1:])) == [] or run[1:] in runs
    finally:
        conn.close()


@example("\U0002ebe1")  # an ideograph block's code point Python 3.11 does not know: no letter
@example("カ・ナ")  # a mark inside a kana run: a separator
@given(st.text(max_size=60))
def test_keys_and_expressions_hold_only_tokens(text):
    for token in index_key(text).split():
        assert token.isalnum(), token
    expr = match_expression(text)
    assert expr.count('"') % 2 == 0


def test_an_unreadable_index_is_a_store_error_that_says_what_to_do(tmp_path):
    from evkg.core.errors import StoreError
    path = tmp_path / "ledger.db"
    path.write_bytes(b"not a database, whatever it once was" * 100)
    with pytest.raises(StoreError, match="cannot be read .*evkg doctor --repair"):
        search(path, "orr")
