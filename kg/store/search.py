"""Search through an index: SQLite FTS5 tables in the ledger database, one entry per document
text and one per fact (its quote and its names), built when a document is stored and removed
with it (kg/store/ledger.py), read by `evkg search` and the /search page of `evkg serve`.

Keys are folded first (core/fold.py: traditional -> simplified characters, full -> half width,
case) and then cut into tokens here, before FTS5's own `unicode61` tokenizer sees them:

- a run of letters and digits of an alphabetic script is one token, so `ORR` finds the word
  `ORR` and never the inside of `haemORRhagic`;
- a run of CJK characters (written without spaces between words) becomes its overlapping
  character pairs and its last character alone: `肝细胞癌` -> `肝细 细胞 胞癌 癌`. Any substring
  of two or more characters is then a phrase of pairs, and a single character the first
  character of some token (a prefix query).

Not FTS5's trigram tokenizer: it finds nothing for terms under three characters (most Chinese
words have two) and it matches Latin terms inside words. Not a word segmenter (jieba): a
query must find the characters however the segmenter cut the text around them.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from evkg.core.errors import QueryError, StoreError
from evkg.core.fold import fold_char, fold_key

if TYPE_CHECKING:  # the ledger imports this module on every command; the graph's modules only when needed
    from evkg.kg.graph.shapes import GraphIndex
    from evkg.kg.store.backends import Store

MAX_TERM = 200  # characters of a search term; a longer one is refused, not cut silently
KEY_VERSION = "1"  # of the keys below: entries made with another version count as missing
FACT_LIMIT = 100
TEXT_LIMIT = 20

# Scripts written without spaces between words: Han (with extensions A and B-F and the
# compatibility block), kana, Hangul syllables.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ebef"
# A CJK run holds only word characters: a code point of those blocks that Python's Unicode tables do
# not know (an ideograph newer than this Python, U+2EBE1) or a mark (・) is a separator, as for FTS5.
_TOKEN = re.compile(rf"((?:(?=\w)[{_CJK}])+)|([^\W_{_CJK}]+)")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_docs (id INTEGER PRIMARY KEY, doc TEXT UNIQUE NOT NULL,
       sha256 TEXT, version TEXT, title TEXT, text TEXT, key TEXT)""",
    """CREATE TABLE IF NOT EXISTS search_facts (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, kind TEXT,
       name TEXT, value TEXT, unit TEXT, quote TEXT, start INTEGER, stop INTEGER, key TEXT)""",
    "CREATE INDEX IF NOT EXISTS search_facts_doc ON search_facts (doc)",
)
# External-content FTS5 tables, kept in step with their tables by triggers, so deleting a
# document's rows (by its indexed `doc` column) also takes them out of the index.
_FTS = ("""CREATE VIRTUAL TABLE IF NOT EXISTS {t}_fts USING fts5(key, content='{t}', content_rowid='id',
          tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER IF NOT EXISTS {t}_ai AFTER INSERT ON {t} BEGIN
          INSERT INTO {t}_fts (rowid, key) VALUES (new.id, new.key); END""",
        """CREATE TRIGGER IF NOT EXISTS {t}_ad AFTER DELETE ON {t} BEGIN
          INSERT INTO {t}_fts ({t}_fts, rowid, key) VALUES ('delete', old.id, old.key); END""")

_PREFIXES = """PREFIX evkg: <https://w3id.org/evkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# What one document graph gives the index: its text, and each fact's quote and names.
_DOC_QUERY = _PREFIXES + """SELECT ?title ?text ?sha WHERE { GRAPH ?g {
  ?d a evkg:Document ; evkg:fullText ?text ; evkg:sha256 ?sha . OPTIONAL { ?d dcterms:title ?title } } }"""
_FACTS_QUERY = _PREFIXES + """SELECT ?kind ?quote ?start ?end (SAMPLE(?v) AS ?value) (SAMPLE(?u) AS ?unit)
  (GROUP_CONCAT(DISTINCT ?label; separator="\\n") AS ?labels) (GROUP_CONCAT(DISTINCT ?code; separator="\\n") AS ?codes)
  (GROUP_CONCAT(DISTINCT ?author; separator="\\n") AS ?authors)
WHERE { GRAPH ?g {
  ?fact a evkg:Fact ; evkg:kind ?kind ; evkg:evidence ?ev .
  ?ev oa:hasSelector ?pos , ?sel .
  ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?sel a oa:TextQuoteSelector ; oa:exact ?quote .
  OPTIONAL { ?fact evkg:label ?label } OPTIONAL { ?fact evkg:code ?code }
  OPTIONAL { ?fact evkg:firstAuthor ?author }
  OPTIONAL { ?fact evkg:value|evkg:year ?v } OPTIONAL { ?fact evkg:unit ?u } } }
GROUP BY ?fact ?kind ?quote ?start ?end"""


# -- keys ------------------------------------------------------------------------------------

def _pieces(text: str) -> list[tuple[str, bool]]:
    """The folded text's runs: (run, is_cjk), in order."""
    return [(cjk or word, bool(cjk)) for cjk, word in _TOKEN.findall(fold_key(text))]


def index_key(text: str) -> str:
    """The tokens FTS5 indexes for `text`, space-separated (see the module's docstring)."""
    out: list[str] = []
    for run, cjk in _pieces(text):
        if cjk:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
            out.append(run[-1])
        else:
            out.append(run)
    return " ".join(out)


def checked_term(term: str) -> str:
    """The term stripped; QueryError when it is longer than MAX_TERM characters."""
    term = term.strip()
    if len(term) > MAX_TERM:
        raise QueryError(f"a search term may be at most {MAX_TERM} characters; this one has {len(term)}. "
                         "Search for a word or a phrase from the text")
    return term


def match_expression(term: str) -> str:
    """An FTS5 phrase for `term` ('' when it holds no letter, digit or CJK character): its tokens
    in order, each quoted (tokens hold only letters and digits, so nothing the user typed is
    read as FTS5 syntax)."""
    pieces = _pieces(checked_term(term))
    parts: list[str] = []
    for n, (run, cjk) in enumerate(pieces, 1):
        if not cjk:
            parts.append(f'"{run}"')
            continue
        parts.extend(f'"{run[i:i + 2]}"' for i in range(len(run) - 1))
        if n < len(pieces):  # something else follows: the text's run ends here too, with its last character
            parts.append(f'"{run[-1]}"')
        elif len(run) == 1:  # alone at the end: the first character of a pair, or a run's last one
            parts.append(f'"{run}" *')
    return " + ".join(parts)


# -- the index -------------------------------------------------------------------------------

@dataclass(frozen=True)
class FactEntry:
    kind: str
    name: str | None
    value: str | None
    unit: str | None
    quote: str
    start: int
    end: int
    names: tuple[str, ...]  # every label, code and first author: searched with the quote


@dataclass(frozen=True)
class DocumentEntry:
    doc: str
    sha256: str
    title: str | None
    text: str
    facts: tuple[FactEntry, ...]


def _lines(value) -> list[str]:
    return [s for s in str(value or "").split("\n") if s]


def document_entry(store: Store, doc_id: str) -> DocumentEntry | None:
    """What the index holds for one document, read from its graph (None when it is not stored)."""
    from evkg.kg.graph import ids
    graph = [str(ids.graph_iri(doc_id))]
    rows = store.select(_DOC_QUERY, graphs=graph).rows
    if not rows:
        return None
    facts = []
    for r in store.select(_FACTS_QUERY, graphs=graph).rows:
        facts.append(_fact_entry(r["kind"], _lines(r["labels"]), _lines(r["codes"]), _lines(r["authors"]),
                                 None if r["value"] is None else str(r["value"]), r["unit"],
                                 r["quote"], int(r["start"]), int(r["end"])))
    facts.sort(key=_fact_order)
    return DocumentEntry(doc_id, rows[0]["sha"], rows[0]["title"], rows[0]["text"], tuple(facts))


def _fact_entry(kind, labels: list[str], codes: list[str], authors: list[str], value, unit, quote, start: int,
                end: int) -> FactEntry:
    """One entry, named by its first label, else code, else first author (both readers build it so)."""
    name = (labels or codes or authors or [None])[0]
    return FactEntry(kind, name, value, unit, quote, start, end, tuple(labels + codes + authors))


def _fact_order(f: FactEntry) -> tuple:
    """Entries in the text's order; facts of one kind on one span by their fields, so the rows
    (and their ids) do not follow the order a store happens to answer in."""
    return (f.start, f.end, f.kind, f.name or "", f.value or "", f.unit or "", f.names)


def indexed_entry(idx: GraphIndex, doc_id: str) -> DocumentEntry | None:
    """What `document_entry` reads once the graph indexed here is stored, read from the index the
    shape check built (an ingest worker has it; reading the graph back took a memory store and two
    queries): _DOC_QUERY's and _FACTS_QUERY's patterns over the index, one entry per group of
    _FACTS_QUERY, values as the store gives them. tests/unit/kg/ingest/test_work.py holds both
    equal."""
    from rdflib.namespace import DCTERMS

    from evkg.core.namespace import EVKG
    from evkg.kg.store.backends import python_value
    v = idx.values
    docs = [(d, text, sha) for d, classes in idx.types.items() if EVKG.Document in classes
            for text in v(d, EVKG.fullText) for sha in v(d, EVKG.sha256)]
    if not docs:
        return None
    d, text, sha = docs[0]
    title = next((str(t) for t in v(d, DCTERMS.title)), None)
    groups: dict[tuple, FactEntry] = {}
    for fact, classes in idx.types.items():
        if EVKG.Fact not in classes:
            continue
        labels, codes, authors = ([str(x) for x in v(fact, p)] for p in (EVKG.label, EVKG.code, EVKG.firstAuthor))
        value = next(iter(v(fact, EVKG.value) + v(fact, EVKG.year)), None)
        value = None if value is None else str(python_value(str(value), value.datatype))
        unit = next((str(u) for u in v(fact, EVKG.unit)), None)
        for kind, quote, start, end in _evidence(idx, fact):
            groups.setdefault((fact, kind, quote, start, end),
                              _fact_entry(kind, labels, codes, authors, value, unit, quote, start, end))
    facts = sorted(groups.values(), key=_fact_order)
    return DocumentEntry(doc_id, str(sha), title, str(text), tuple(facts))


@cache
def _oa():
    """The Web Annotation terms, each looked up once (this module is imported without rdflib)."""
    from evkg.core.namespace import OA, Terms
    return Terms(OA)


def _evidence(idx: GraphIndex, fact) -> Iterator[tuple[str, str, int, int]]:
    """(kind, quote, start, end) of each way a fact node meets _FACTS_QUERY's pattern (one, in
    the graphs evkg writes)."""
    from evkg.core.namespace import EVKG
    oa, v = _oa(), idx.values
    for kind in v(fact, EVKG.kind):
        for ev in v(fact, EVKG.evidence):
            selectors = v(ev, oa.hasSelector)
            positions = [p for p in selectors if oa.TextPositionSelector in idx.types.get(p, ())]
            quotes = [q for q in selectors if oa.TextQuoteSelector in idx.types.get(q, ())]
            for pos in positions:
                for start in v(pos, oa.start):
                    for end in v(pos, oa.end):
                        for sel in quotes:
                            for quote in v(sel, oa.exact):
                                yield str(kind), str(quote), int(start), int(end)


@dataclass(frozen=True)
class SearchRows:
    """A document's rows of the index tables, keys made: what an ingest worker hands the writer."""
    doc: tuple
    facts: tuple[tuple, ...]


def search_rows(entry: DocumentEntry) -> SearchRows:
    """The index rows of one document (folding its text and quotes into keys is the costly part)."""
    return SearchRows((entry.doc, entry.sha256, KEY_VERSION, entry.title, entry.text,
                       index_key(" ".join(filter(None, (entry.title, entry.text))))),
                      tuple((entry.doc, f.kind, f.name, f.value, f.unit, f.quote, f.start, f.end,
                             index_key(" ".join((f.quote, *f.names)))) for f in entry.facts))


class SearchIndex:
    """The index tables in an open SQLite connection (the ledger's). Writes go into the
    connection's current transaction: the caller commits them with its own row."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        if _has_table(conn, "search_facts_ad"):  # the last thing made: the tables are there
            return
        with conn:
            for sql in _SCHEMA:
                conn.execute(sql)
            for table in ("search_docs", "search_facts"):
                for sql in _FTS:
                    conn.execute(sql.format(t=table))

    def put(self, entry: DocumentEntry | SearchRows) -> None:
        """Replace the document's entries (given as rows: their keys were made elsewhere)."""
        rows = entry if isinstance(entry, SearchRows) else search_rows(entry)
        self.drop(rows.doc[0])
        self.conn.execute("INSERT INTO search_docs (doc, sha256, version, title, text, key) VALUES (?, ?, ?, ?, ?, ?)",
                          rows.doc)
        self.conn.executemany(
            "INSERT INTO search_facts (doc, kind, name, value, unit, quote, start, stop, key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.facts)

    def drop(self, doc_id: str) -> None:
        self.conn.execute("DELETE FROM search_facts WHERE doc = ?", (doc_id,))
        self.conn.execute("DELETE FROM search_docs WHERE doc = ?", (doc_id,))

    def out_of_date(self, stored: Mapping[str, str]) -> list[str]:
        """Given the stored documents (id -> hash of their text), those whose entries are missing,
        made from another text or by another key version, and entries of documents not stored."""
        entries = {doc: (sha, version) for doc, sha, version in
                   self.conn.execute("SELECT doc, sha256, version FROM search_docs")}
        current = {doc for doc, sha in stored.items() if entries.get(doc) == (sha, KEY_VERSION)}
        return sorted((set(stored) - current) | (set(entries) - set(stored)))


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


# -- searching -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TextHit:
    doc: str
    title: str | None
    text: str
    at: tuple[int, int] | None  # where in the text the term was found, for its context


@dataclass(frozen=True)
class Hits:
    term: str
    facts: tuple[dict, ...]
    texts: tuple[TextHit, ...]
    unindexed: int = 0  # documents in the ledger that the index lacks (doctor --repair adds them)


_FACT_HITS = """SELECT f.doc, f.kind, f.name, f.value, f.unit, f.quote, f.start, f.stop AS "end"
FROM (SELECT rowid, rank FROM search_facts_fts WHERE search_facts_fts MATCH ? ORDER BY rank LIMIT ?) m
JOIN search_facts f ON f.id = m.rowid ORDER BY m.rank, f.doc, f.start"""
_TEXT_HITS = """SELECT d.doc, d.title, d.text
FROM (SELECT rowid, rank FROM search_docs_fts WHERE search_docs_fts MATCH ? ORDER BY rank LIMIT ?) m
JOIN search_docs d ON d.id = m.rowid ORDER BY m.rank, d.doc"""
_UNINDEXED = """SELECT COUNT(*) FROM documents l LEFT JOIN search_docs s
  ON s.doc = l.id AND s.sha256 = l.sha256 AND s.version = ? WHERE s.doc IS NULL AND l.sha256 NOT LIKE 'pending:%'"""


def read_only(path: Path) -> sqlite3.Connection | None:
    """The database at `path` opened read-only (None when there is none): a search never writes."""
    if not path.is_file():
        return None
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


def search(path: Path, term: str, limit: int = FACT_LIMIT, text_limit: int = TEXT_LIMIT) -> Hits:
    """Facts and document texts matching `term` in the index of the ledger at `path`, best first
    (bm25). QueryError for a term over MAX_TERM characters; StoreError when the ledger cannot be
    read."""
    expr = match_expression(term)
    term = checked_term(term)
    try:
        conn = read_only(path)
        if conn is None:
            return Hits(term, (), ())
        try:
            return _search(conn, term, expr, limit, text_limit)
        finally:
            conn.close()
    except sqlite3.Error as e:  # locked past the timeout, or a write cut short that only a writer rolls back
        raise StoreError(f"the search index in {path} cannot be read ({e}); try again, or run "
                         "`evkg doctor --repair` if it persists") from None


def _search(conn: sqlite3.Connection, term: str, expr: str, limit: int, text_limit: int) -> Hits:
    if not _has_table(conn, "search_docs_fts"):  # a ledger from before the index
        return Hits(term, (), (), conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    unindexed = conn.execute(_UNINDEXED, (KEY_VERSION,)).fetchone()[0]
    if not expr:
        return Hits(term, (), (), unindexed)
    cur = conn.execute(_FACT_HITS, (expr, limit))
    names = [c[0] for c in cur.description]
    facts = tuple(dict(zip(names, row, strict=True)) for row in cur)
    texts = tuple(TextHit(doc, title, text, locate(text, term))
                  for doc, title, text in conn.execute(_TEXT_HITS, (expr, text_limit)))
    return Hits(term, facts, texts, unindexed)


def locate(text: str, term: str) -> tuple[int, int] | None:
    """Where `term` first occurs in `text` as the index matches it (folded, whole Latin tokens,
    any separators between tokens): (start, end) in the original text, or None. A regular
    expression over the original text, each character of the term standing for every character
    of the text that folds to it: folding the whole text first would cost more than the search."""
    pieces = _pieces(term)
    if not pieces:
        return None
    variants: dict[str, str] = {}
    for ch in set(text):
        folded = fold_char(ch)
        if folded != ch and len(folded) == 1:
            variants[folded] = variants.get(folded, "") + ch
    word = f"[^\\W_{_CJK}]"

    def chars(run: str, cjk: bool) -> str:
        classes = ("[" + re.escape(c + c.upper() + variants.get(c, "")) + "]" for c in run)
        return ("\\s*" if cjk else "").join(classes)  # whitespace next to CJK is dropped by the fold

    pattern = "[\\W_]*".join(chars(run, cjk) for run, cjk in pieces)
    if not pieces[0][1]:
        pattern = f"(?<!{word})" + pattern
    if not pieces[-1][1]:
        pattern += f"(?!{word})"
    found = re.search(pattern, text)
    return found.span() if found else None


def rebuild(store: Store, index: SearchIndex, doc_ids: Iterable[str]) -> int:
    """Entries for these documents made again from the store; those not stored are dropped."""
    n = 0
    for doc_id in doc_ids:
        entry = document_entry(store, doc_id)
        if entry is None:
            index.drop(doc_id)
        else:
            index.put(entry)
            n += 1
    return n
