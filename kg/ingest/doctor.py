"""`evkg doctor`: store vs ledger vs derived graphs, and their repair.

The store is the source of truth for what a document holds. The ledger (which file and
hash each document came from) is rebuilt from it where they disagree, and derived graphs
(the cross-document links) are rebuilt when they were built from other documents.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from evkg.core.namespace import DATA
from evkg.kg.graph import ids
from evkg.kg.store.ledger import PENDING, Entry, Ledger, now
from evkg.kg.ingest.links import links_state
from evkg.kg.store.backends import Store, StoredDocument
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
        return out or ["store, ledger and links agree"]


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
    return d


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
    with ledger.db.conn:
        rebuild(store, ledger.search, d.search)
    return d


def redo_paths(ledger: Ledger, d: Diagnosis) -> list[str]:
    """Files to ingest again: those of pending and orphan documents that still exist."""
    wanted = set(d.pending) | set(d.orphans) | set(d.mismatched)
    return sorted({e.path for e in ledger.entries() if e.id in wanted and e.path and Path(e.path).exists()})


def drop_foreign(store: Store, d: Diagnosis) -> None:
    for g in d.foreign:
        store.update(f"DROP SILENT GRAPH <{g}>")


def as_dict(d: Diagnosis) -> dict:
    return {**asdict(d), "healthy": d.healthy}


def doctor(location: str | None = None, repair: bool = False) -> tuple[Diagnosis, list[str]]:
    """Check (and with `repair`, fix) a store; returns what was found and what was done."""
    from evkg.kg.ingest.batch import ingest
    from evkg.kg.store.ledger import ledger_path
    from evkg.kg.ingest.links import rebuild_links
    from evkg.kg.store.backends import open_store, store_location
    loc = store_location(location)
    done: list[str] = []
    with open_store(loc, read_only=not repair) as st:
        ledger = Ledger(ledger_path(loc))
        try:
            if not repair:
                return diagnose(st, ledger), done
            docs = st.stored_documents()
            found = reconcile(st, ledger, docs)
            drop_foreign(st, found)
            redo = redo_paths(ledger, found)
            for doc_id in found.pending:  # no file to read it again from: the store's graph stands
                old = ledger.get(doc_id)
                if old and old.path not in redo:
                    ledger.record(entry_from_store(st, docs[doc_id], old.path))
                    done.append(f"{doc_id}: its file is gone; the ledger now follows the stored graph")
            if found.orphans or found.missing or found.mismatched:
                done.append(f"ledger rebuilt from the store for {len(found.orphans + found.missing + found.mismatched)} documents")
            if found.foreign:
                done.append(f"{len(found.foreign)} stray graphs dropped")
            if found.search:
                done.append(f"search index entries made again from the store for {len(found.search)} documents")
            if not redo and found.links != "fresh":
                done.append(f"cross-document links rebuilt ({rebuild_links(st)} links)")
        finally:
            ledger.close()
    if redo:
        rep = ingest(redo, loc)
        done.append(f"{len(rep.ingested)} documents read again from their files"
                    + (f", {len(rep.failed)} failed: " + "; ".join(f"{p}: {m}" for p, m in rep.failed)
                       if rep.failed else "") + "; links rebuilt")
    return found, done
