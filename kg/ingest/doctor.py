"""`evkg doctor`: store vs ledger vs derived graphs, and what to do about them.

The store is the source of truth for what a document holds. The ledger (which file and
hash each document came from) is rebuilt from it where they disagree (`reconcile`, which
every ingest also runs first), and derived graphs (the cross-document links) are rebuilt
when they were built from other documents. What is left after that is a `RepairPlan`:
stray graphs to drop, documents to read again from their files, links to rebuild. This
module only decides; kg/ingest/batch.py `repair` carries a plan out (reading files again is
an ingest), so the two never import each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from evkg.core.namespace import DATA
from evkg.kg.graph import ids
from evkg.kg.ingest.cross_links import links_state
from evkg.kg.store.backends import Store, StoredDocument, open_store, store_location
from evkg.kg.store.ledger import PENDING, Entry, Ledger, ledger_path, now
from evkg.kg.store.search import rebuild

_META = """PREFIX evkg: <https://w3id.org/evkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?type ?lang ?title (COUNT(DISTINCT ?f) AS ?facts) WHERE { GRAPH ?g {
  ?d a evkg:Document ; evkg:documentType ?type ; dcterms:language ?lang .
  OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?f a evkg:Fact } } }
GROUP BY ?type ?lang ?title"""


@dataclass
class Diagnosis:
    orphans: list[str] = field(default_factory=list)  # graph in the store, no ledger row
    pending: list[str] = field(default_factory=list)  # write begun, not confirmed
    missing: list[str] = field(default_factory=list)  # ledger row, no graph in the store
    mismatched: list[str] = field(default_factory=list)  # ledger hash differs from the store's
    foreign: list[str] = field(default_factory=list)  # evkg graphs that are no document's nor the links'
    search: list[str] = field(default_factory=list)  # search entries missing, out of date or of no document
    links: str = "fresh"
    # Files the last ingest that read them could not take, with why (the ledger keeps it until
    # they go in): said, but no disagreement between store and ledger.
    failed: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not (self.orphans or self.pending or self.missing or self.mismatched or self.foreign
                    or self.search) and self.links == "fresh"

    def lines(self) -> list[str]:
        out = [f"{name}: {', '.join(ids_)}" for name, ids_ in (
            ("documents in the store without a ledger row", self.orphans),
            ("documents whose write was cut short", self.pending),
            ("ledger rows without a document in the store", self.missing),
            ("ledger rows whose hash differs from the store's", self.mismatched),
            ("graphs that belong to no document", self.foreign),
            ("search index entries missing or out of date", self.search)) if ids_]
        if self.links != "fresh":
            out.append(f"cross-document links: {self.links}")
        return (out or ["store, ledger and links agree"]) + [
            f"not ingested, as the last ingest of it found: {line}" for line in self.failed]


@dataclass(frozen=True)
class RepairPlan:
    """What is left to do once the ledger follows the store (`reconcile`)."""
    rebuilt: int                          # ledger rows `reconcile` rebuilt from the store
    drop: tuple[str, ...] = ()            # graphs that belong to no document
    adopt: tuple[str, ...] = ()           # half-written documents whose file is gone: the stored graph stands
    redo: tuple[str, ...] = ()            # files to ingest again (an ingest rebuilds the links)
    rebuild_links: bool = False           # links stale or missing, and no ingest to rebuild them
    search: int = 0                       # documents whose search entries `reconcile` made again


def diagnose(store: Store, ledger: Ledger, docs: dict[str, StoredDocument] | None = None) -> Diagnosis:
    docs = store.stored_documents() if docs is None else docs
    rows = {e.id: e for e in ledger.entries()}
    d = Diagnosis()
    for doc_id, e in rows.items():
        if doc_id not in docs:
            d.missing.append(doc_id)
        elif e.sha256.startswith(PENDING):
            d.pending.append(doc_id)
        elif e.sha256 != docs[doc_id].sha256:
            d.mismatched.append(doc_id)
    d.orphans = sorted(set(docs) - set(rows))
    known = {doc.graph for doc in docs.values()} | {str(ids.linkset_graph_iri())}
    d.foreign = [g for g in store.graphs() if g.startswith(str(DATA)) and g not in known]
    d.search = ledger.search.out_of_date({doc_id: doc.sha256 for doc_id, doc in docs.items()})
    d.links = links_state(store, docs)
    d.failed = [f"{f.path}: {f.reason}" for f in ledger.failures()]
    return d


def check(location: str | None = None) -> Diagnosis:
    """`evkg doctor` without --repair: what disagrees, changing nothing."""
    loc = store_location(location)
    with open_store(loc, read_only=True) as st:
        ledger = Ledger(ledger_path(loc))
        try:
            return diagnose(st, ledger)
        finally:
            ledger.close()


def entry_from_store(store: Store, doc: StoredDocument, path: str | None = None) -> Entry:
    """A ledger row rebuilt from the store. Its extractor version is left empty, so the next
    ingest of its file re-extracts it rather than trusting a graph of unknown vintage."""
    rows = store.select(_META, graphs=[doc.graph]).rows
    r = rows[0] if rows else {"type": "", "lang": "", "title": "", "facts": 0}
    return Entry(id=doc.id, path=path or str(Path(doc.path).resolve()) if (path or doc.path) else "",
                 sha256=doc.sha256, doctype=r["type"] or "", language=r["lang"] or "",
                 title=r["title"] or "", ingested_at=now(), extractor_version="", facts=r["facts"] or 0)


def reconcile(store: Store, ledger: Ledger, docs: dict[str, StoredDocument] | None = None) -> Diagnosis:
    """Make the ledger agree with the store: rows for orphan graphs (from the store), no rows
    for graphs that are gone, the store's hash where they differ, search entries made again
    from the store where they are missing or out of date. Pending rows stay pending: the next
    ingest of their file redoes them. Returns what was found before the repair."""
    docs = store.stored_documents() if docs is None else docs
    d = diagnose(store, ledger, docs)
    for doc_id in d.missing:
        ledger.remove(doc_id)
    for doc_id in d.mismatched:
        old = ledger.get(doc_id)
        ledger.record(entry_from_store(store, docs[doc_id], old.path if old else None))
    for doc_id in d.orphans:
        ledger.record(entry_from_store(store, docs[doc_id]))
    with ledger.conn:
        rebuild(store, ledger.search, d.search)
    return d


def plan_repair(ledger: Ledger, found: Diagnosis) -> RepairPlan:
    """The rest of the repair, after `reconcile` returned `found`: files of pending, orphan and
    mismatched documents that still exist are read again; a pending document without its file
    keeps its stored graph."""
    wanted = set(found.pending) | set(found.orphans) | set(found.mismatched)
    redo = sorted({e.path for e in ledger.entries() if e.id in wanted and e.path and Path(e.path).exists()})
    adopt = []
    for doc_id in found.pending:
        old = ledger.get(doc_id)
        if old and old.path not in redo:
            adopt.append(doc_id)
    return RepairPlan(rebuilt=len(found.orphans + found.missing + found.mismatched), drop=tuple(found.foreign),
                      adopt=tuple(adopt), redo=tuple(redo), rebuild_links=not redo and found.links != "fresh",
                      search=len(found.search))
