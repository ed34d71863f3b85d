"""Ingest: files -> documents -> facts -> one named graph per document in the store; and the
repair `evkg doctor --repair` plans (kg/ingest/doctor.py), since part of it is ingesting again."""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqdm import tqdm

from evkg.core.errors import DuplicateDocumentError
from evkg.extract.budget import Budget
from evkg.extract.pipeline import extract_facts, pipeline_version
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from evkg.kg.graph import ids
from evkg.kg.graph.rdf import document_triples
from evkg.kg.graph.shapes import ShapeViolation, check_document
from evkg.kg.ingest.cross_links import ensure_links, rebuild_links
from evkg.kg.ingest.doctor import Diagnosis, RepairPlan, entry_from_store, plan_repair, reconcile
from evkg.kg.ingest.faults import checkpoint
from evkg.kg.ingest.paths import discover, failure_message
from evkg.kg.store.backends import Store, StoredDocument, open_store, store_location
from evkg.kg.store.ledger import Entry, Ledger, ledger_path, now
from evkg.kg.store.search import document_entry
from evkg.kg.store.stats import fact_count


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    facts: int = 0
    links: int = 0  # references resolved to documents in the store
    hidden: str = ""  # "N hidden files skipped" below the folders given, or ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ingest(paths: Iterable[str | Path], store: str | None = None, progress: bool = False,
           on_error: Callable[[str, str], None] | None = None, budget: Budget | None = None) -> IngestReport:
    """Ingest files and folders; a file that fails is reported and the rest still go in.
    `budget` bounds each file's size and each document's time (default: from the environment)."""
    location = store_location(store)
    budget = budget or Budget.from_env()
    found = discover(paths)
    report = IngestReport(hidden=found.hidden_note())
    for bad in found.unreadable:  # missing, unreadable, dangling: failed, and the rest goes in
        _fail(report, on_error, bad.path, bad.reason)
    started = time.perf_counter()
    run = Context()
    version = pipeline_version()
    seen: dict[str, Path] = {}
    with open_store(location) as st:
        ledger = Ledger(ledger_path(location))
        try:
            reconcile(st, ledger)  # a run killed before left the ledger behind the store: the store wins
            for path in tqdm(found.files, desc="ingest", unit="file", disable=not progress, leave=False):
                try:
                    for doc_id, n in _ingest_file(path, st, ledger, run, version, seen, budget):
                        (report.ingested if n is not None else report.unchanged).append(doc_id)
                        report.facts += n or 0
                except Exception as e:  # a bug in one extractor must not stop the batch
                    _fail(report, on_error, path, failure_message(path, e))
        finally:
            ledger.close()
        # Also when nothing changed: a rebuild cut short, or documents removed, leave them stale.
        links = ensure_links(st, changed=bool(report.ingested))
        if links is not None:
            report.links = links
    report.seconds = time.perf_counter() - started
    return report


def _fail(report: IngestReport, on_error, path: Path, message: str) -> None:
    report.failed.append((str(path), message))
    if on_error:
        on_error(str(path), message)


def _ingest_file(path: Path, st: Store, ledger: Ledger, run: Context, version: str,
                 seen: dict[str, Path], budget: Budget):
    """Yields (doc_id, fact count) per document, or (doc_id, None) when it was unchanged."""
    resolved = path.resolve()
    sha = sha256_of(path)
    with budget.timed(path, path.stat().st_size):
        docs = read_documents(path, budget)
    # A file that held more records before (a registry export that lost a study) leaves none behind.
    current = {d.id for d in docs}
    for gone in (e.id for e in ledger.entries_from(str(resolved)) if e.id not in current):
        st.drop_graph(ids.graph_iri(gone))
        checkpoint("dropped")  # a row without a graph: reconciled on the next run
        ledger.remove(gone)
    refused: list[ShapeViolation] = []
    for doc in docs:
        if doc.id in seen and seen[doc.id] != resolved:
            raise DuplicateDocumentError(
                f"{path}: document id {doc.id!r} is already taken by {seen[doc.id]} in this batch; rename one file")
        seen[doc.id] = resolved
        old = ledger.get(doc.id)
        if old and Path(old.path) != resolved and Path(old.path).exists():
            raise DuplicateDocumentError(
                f"{path}: document id {doc.id!r} is already in the store from {old.path}; "
                "rename one file, or `evkg remove` the stored one first")
        if old and old.sha256 == sha and old.extractor_version == version:
            yield doc.id, None
            continue
        with budget.timed(path, len(doc.text)):
            facts = extract_facts(doc, run)
        triples = list(document_triples(doc, sha, facts))
        try:
            check_document(doc.id, triples)  # a graph that breaks ontology/shapes.ttl is not stored
        except ShapeViolation as e:  # ... but the file's other records still are
            refused.append(e)
            continue
        entry = Entry(id=doc.id, path=str(resolved), sha256=sha, doctype=doc.doctype,
                      language=doc.language, title=doc.metadata.title, ingested_at=now(),
                      extractor_version=version, facts=0)
        yield doc.id, commit(st, ledger, entry, triples)
    if refused:
        raise ShapeViolation.of_file(refused)


def commit(st: Store, ledger: Ledger, entry: Entry, triples) -> int:
    """Pending mark, the graph in one store transaction (the commit point), then the ledger row
    with the document's facts as the store counts them (kg/store/stats.py) and its search entries,
    both read back from the graph just stored; returns the fact count."""
    ledger.mark_pending(entry)
    checkpoint("pending")
    st.replace_graph(ids.graph_iri(entry.id), triples)
    checkpoint("stored")
    facts = fact_count(st, entry.id)
    ledger.record(replace(entry, facts=facts), document_entry(st, entry.id))
    return facts


def remove(doc_ids: Iterable[str], store: str | None = None) -> list[str]:
    """Drop documents' graphs and ledger rows, whichever of the two holds them; returns the ids
    that were stored."""
    location = store_location(store)
    removed = []
    with open_store(location) as st:
        ledger = Ledger(ledger_path(location))
        try:
            graphs = set(st.graphs())
            for doc_id in doc_ids:
                if str(ids.graph_iri(doc_id)) not in graphs and ledger.get(doc_id) is None:
                    continue
                st.drop_graph(ids.graph_iri(doc_id))
                ledger.remove(doc_id)
                removed.append(doc_id)
        finally:
            ledger.close()
        if removed:
            rebuild_links(st)
    return removed


def repair(store: str | None = None) -> tuple[Diagnosis, list[str]]:
    """`evkg doctor --repair`: the ledger made to follow the store, then the rest of the plan
    carried out. Returns what was found and a line for each thing done."""
    location = store_location(store)
    with open_store(location) as st:
        ledger = Ledger(ledger_path(location))
        try:
            docs = st.stored_documents()
            found = reconcile(st, ledger, docs)
            plan = plan_repair(ledger, found)
            done = _carry_out(st, ledger, docs, plan)
        finally:
            ledger.close()
    if plan.redo:
        rep = ingest(plan.redo, location)
        done.append(f"{len(rep.ingested)} documents read again from their files"
                    + (f", {len(rep.failed)} failed: " + "; ".join(f"{p}: {m}" for p, m in rep.failed)
                       if rep.failed else "") + "; links rebuilt")
    return found, done


def _carry_out(st: Store, ledger: Ledger, docs: dict[str, StoredDocument], plan: RepairPlan) -> list[str]:
    """The plan's steps that need no file read again."""
    done = []
    for g in plan.drop:
        st.update(f"DROP SILENT GRAPH <{g}>")
    for doc_id in plan.adopt:
        ledger.record(entry_from_store(st, docs[doc_id], ledger.get(doc_id).path))
        done.append(f"{doc_id}: its file is gone; the ledger now follows the stored graph")
    if plan.rebuilt:
        done.append(f"ledger rebuilt from the store for {plan.rebuilt} documents")
    if plan.drop:
        done.append(f"{len(plan.drop)} stray graphs dropped")
    if plan.search:
        done.append(f"search index entries made again from the store for {plan.search} documents")
    if plan.rebuild_links:
        done.append(f"cross-document links rebuilt ({rebuild_links(st)} links)")
    return done
