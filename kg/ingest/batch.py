"""Ingest: files -> documents -> facts -> one named graph per document in the store; and the
repair `evkg doctor --repair` plans (kg/ingest/doctor.py), since part of it is ingesting again.

An ingest first looks at the ledger only: a file whose hash, extractors' version and documents
the ledger knows is unchanged and is not read. When nothing is left to do and the last run
finished, the store is not even opened. Otherwise the files left are read and extracted in
worker processes (kg/ingest/pool.py, `jobs` of them; 0 reads in this process), and this
process alone writes: each document's graph is committed as its file's turn comes, in the
order of the batch, so the store ends the same whichever worker was quicker.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from evkg.extract.budget import Budget
from evkg.extract.readers.limits import shown_path
from evkg.kg.ingest.events import End, Event, Extracted, Read, Refused, Task, Unchanged
from evkg.kg.ingest.faults import checkpoint
from evkg.kg.ingest.paths import discover, failure_message
from evkg.kg.store.backends import is_remote
from evkg.kg.store.ledger import Entry, Failure, FileRow, Ledger, ledger_path, now

if TYPE_CHECKING:
    from evkg.kg.store.search import SearchRows


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    facts: int = 0
    links: int = 0  # references resolved to documents in the store
    hidden: str = ""  # "N hidden files skipped" below the folders given, or ""
    seconds: float = 0.0
    jobs: int = 0  # worker processes used (0: none, everything in this process)
    worker_seconds: float = 0.0  # CPU time the workers used (as they last said; a killed one's is lost)
    worker_peak_mb: float = 0.0  # the highest peak resident memory of a worker

    @property
    def ok(self) -> bool:
        return not self.failed


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_jobs() -> int:
    """$EVKG_JOBS, else the cores this process may run on."""
    if os.environ.get("EVKG_JOBS"):
        return int(os.environ["EVKG_JOBS"])
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ingest(paths: Iterable[str | Path], store: str | None = None, progress: bool = False,
           on_error: Callable[[str, str], None] | None = None, budget: Budget | None = None,
           jobs: int | None = None) -> IngestReport:
    """Ingest files and folders; a file that fails is reported and the rest still go in.
    `budget` bounds each file's size and each document's CPU time and memory (default: from
    the environment); `jobs` worker processes read and extract (default: one per core; 0: this
    process does, without CPU and memory budgets)."""
    from evkg.kg.store.backends import store_location
    location = store_location(store)
    budget = budget or Budget.from_env()
    jobs = default_jobs() if jobs is None else jobs
    found = discover(paths)
    report = IngestReport(hidden=found.hidden_note())
    for bad in found.unreadable:  # missing, unreadable, dangling: failed, and the rest goes in
        _fail(report, on_error, bad.path, bad.reason)
    started = time.perf_counter()
    ledger = Ledger(ledger_path(location))
    try:
        finished = ledger.last_run_finished()
        version = _pipeline_version(ledger)
        # The plan is made before the store is opened when the ledger can be trusted, after the
        # store has corrected it otherwise.
        batch = _plan(found.files, ledger, version) if finished else None
        if batch and not batch.tasks:  # nothing to read, and the store agrees with the ledger
            for _, docs in batch.items:
                report.unchanged.extend(docs)
        else:
            _write(location, ledger, found.files, batch, version, budget, jobs, report, on_error, progress)
    finally:
        ledger.close()
    report.seconds = time.perf_counter() - started
    return report


def _write(location: str, ledger: Ledger, files, batch: _Batch | None, version: str, budget: Budget, jobs: int,
           report: IngestReport, on_error, progress: bool) -> None:
    """The run that writes: the ledger marked, reconciled with the store if the last run was cut
    short, the files read and their graphs committed, the links brought up to date."""
    from evkg.kg.ingest.cross_links import ensure_links
    from evkg.kg.ingest.doctor import reconcile
    from evkg.kg.store.backends import open_store
    with open_store(location) as st:
        ledger.run_begun()
        if batch is None:
            reconcile(st, ledger)  # a run killed before left the ledger behind the store: the store wins
            batch = _plan(files, ledger, version)
        with _progress(progress, len(files)) as bar:
            writer = _Writer(st, ledger, version, report, on_error, bar)
            for item in _ordered(batch, budget, jobs, report):
                writer.take(*item)
        # Also when nothing changed: a rebuild cut short, or documents removed, leave them stale.
        links = ensure_links(st, changed=bool(report.ingested), version=version)
        if links is not None:
            report.links = links
        ledger.run_finished()


@dataclass(frozen=True)
class _Batch:
    """The files in the batch's order, each either unchanged (with its documents) or a Task."""
    items: tuple[tuple[str, tuple[str, ...]] | Task, ...]

    @property
    def tasks(self) -> list[Task]:
        return [t for t in self.items if isinstance(t, Task)]


def _plan(files, ledger: Ledger, version: str) -> _Batch:
    """A hash per file and one look at the ledger: unchanged files, and the rest as tasks that
    say which of their documents are unchanged (the file changed, or the ledger lacks its row)."""
    rows = ledger.entries()
    known = ledger.files()
    by_path: dict[str, list[Entry]] = {}
    for e in rows:
        by_path.setdefault(e.path, []).append(e)
    current = {e.id: e for e in rows}
    items: list = []
    for i, path in enumerate(files):
        key = shown_path(path.resolve())
        sha = sha256_of(path)

        def same(e: Entry | None) -> bool:
            return e is not None and e.sha256 == sha and e.extractor_version == version and e.path == key  # noqa: B023
        row = known.get(key)
        if row and row.sha256 == sha and row.extractor_version == version and row.documents \
                and all(same(current.get(d)) for d in row.documents):
            items.append((key, row.documents))
        else:
            items.append(Task(i, path, key, sha, frozenset(e.id for e in by_path.get(key, ()) if same(e)),
                              path.stat().st_size))
    return _Batch(tuple(items))


def _ordered(batch: _Batch, budget: Budget, jobs: int, report: IngestReport) -> Iterator[tuple]:
    """(file key, documents) for an unchanged file, (task, event) for each event of a file read,
    in the batch's order."""
    tasks = batch.tasks
    if not tasks:
        events: Iterator[tuple[Task, Event]] = iter(())
    elif jobs <= 0:
        events = _in_process(tasks, budget)
    else:
        from evkg.kg.ingest.pool import Pool
        report.jobs = min(jobs, len(tasks))
        pool = Pool(jobs, budget)
        events = pool.events(tasks)
    try:
        for item in batch.items:
            if not isinstance(item, Task):
                yield item
                continue
            for task, event in events:
                yield task, event
                if isinstance(event, End):
                    break
    finally:
        close = getattr(events, "close", None)
        if close:
            close()
        if report.jobs:
            report.worker_seconds, report.worker_peak_mb = sum(pool.cpu.values()), pool.peak_mb


def _in_process(tasks: list[Task], budget: Budget) -> Iterator[tuple[Task, Event]]:
    from evkg.extract.text.context import Context
    from evkg.kg.ingest.work import read_and_extract
    run = Context()
    for task in tasks:
        for event in read_and_extract(task, run, budget):
            yield task, event


class _Writer:
    """Commits what the files gave, file after file, and keeps the report, the ledger and the
    progress bar (which counts documents; a file counts one until it is read)."""

    def __init__(self, st, ledger: Ledger, version: str, report: IngestReport, on_error, bar):
        self.st, self.ledger, self.version, self.report, self.on_error = st, ledger, version, report, on_error
        self.bar = bar
        self.seen: dict[str, str] = {}  # document id -> file key, in this batch
        self._file()

    def _file(self) -> None:
        """State of the file being committed."""
        self.failed = False  # it failed: its later events are passed over
        self.refused: list[str] = []
        self.ids: tuple[str, ...] = ()
        self.counted = 0

    def take(self, what, event) -> None:
        if isinstance(what, Task):
            self._event(what, event)
            return
        for doc_id in event:  # an unchanged file: its documents still hold their ids
            self.seen.setdefault(doc_id, what)
            self.report.unchanged.append(doc_id)
        self._grow(len(event))
        self._advance(len(event))

    def _event(self, task: Task, event: Event) -> None:
        if isinstance(event, End):
            self._end(task, event)
        elif self.failed:
            return
        elif isinstance(event, Read):
            self._read(task, event.ids)
        elif (taken := self._taken(task, event.doc)) is not None:
            self._failed(task, taken, event.doc)
        elif isinstance(event, Refused):
            self.refused.append(event.message)
        elif isinstance(event, Unchanged):
            self.report.unchanged.append(event.doc)
        else:
            try:
                self._commit(task, event)
            except Exception as e:  # a write the store refused: this file fails, the batch goes on
                self._failed(task, failure_message(task.path, e), event.doc)
        if isinstance(event, Refused | Unchanged | Extracted):
            self._advance(1)

    def _read(self, task: Task, ids: tuple[str, ...]) -> None:
        """A file was read: documents it no longer holds (a registry export that lost a study) go."""
        from evkg.kg.graph import ids as iris
        self.ids = ids
        self._grow(len(ids))
        for gone in (e.id for e in self.ledger.entries_from(task.key) if e.id not in ids):
            self.st.drop_graph(iris.graph_iri(gone))
            checkpoint("dropped")  # a row without a graph: reconciled on the next run
            self.ledger.remove(gone)

    def _taken(self, task: Task, doc_id: str) -> str | None:
        """Why the document's id is not this file's to take, or None when it is."""
        if self.seen.get(doc_id, task.key) != task.key:
            return (f"document id {doc_id!r} is already taken by {self.seen[doc_id]} in this batch; "
                    "rename one file")
        old = self.ledger.get(doc_id)
        if old and old.path != task.key and Path(old.path).exists():
            return (f"document id {doc_id!r} is already in the store from {old.path}; "
                    "rename one file, or `evkg remove` the stored one first")
        self.seen[doc_id] = task.key
        return None

    def _commit(self, task: Task, e: Extracted) -> None:
        entry = Entry(id=e.doc, path=task.key, sha256=task.sha256, doctype=e.doctype, language=e.language,
                      title=e.title, ingested_at=now(), extractor_version=self.version, facts=0)
        # What the worker read from its graph is what Oxigraph gives back; a remote store is asked.
        known = (e.facts, e.search) if e.search is not None and not is_remote(self.st.location) else None
        self.report.facts += commit(self.st, self.ledger, entry, e.triples, known)
        self.report.ingested.append(e.doc)

    def _end(self, task: Task, end: End) -> None:
        if not self.failed:
            if end.error or self.refused:
                self._failed(task, end.error or "; ".join(self.refused), end.doc)
            else:
                self.ledger.record_file(FileRow(task.key, task.sha256, self.version, self.ids))
        self._advance(max(1, len(self.ids)) - self.counted)
        self._file()

    def _failed(self, task: Task, message: str, doc: str = "") -> None:
        self.failed = True
        self.ledger.record_failure(Failure(task.key, doc, message, now()))
        _fail(self.report, self.on_error, task.shown, message)

    def _grow(self, docs: int) -> None:
        """A file holds `docs` documents, not the one the bar counted for it."""
        if self.bar is not None and docs != 1:
            self.bar.total += docs - 1
            self.bar.refresh()

    def _advance(self, n: int) -> None:
        self.counted += n
        if self.bar is not None and n:
            self.bar.update(n)


def _fail(report: IngestReport, on_error, path: str, message: str) -> None:
    report.failed.append((path, message))
    if on_error:
        on_error(path, message)


def _progress(enabled: bool, total: int):
    from contextlib import nullcontext
    if not enabled:
        return nullcontext(None)
    from tqdm import tqdm
    return tqdm(total=total, desc="ingest", unit="doc", leave=False)


def _pipeline_version(ledger: Ledger) -> str:
    from evkg.kg.ingest.version import pipeline_version
    return pipeline_version(ledger)


def commit(st, ledger: Ledger, entry: Entry, triples, known: tuple[int, SearchRows] | None = None) -> int:
    """Pending mark, the graph in one store transaction (the commit point), then the ledger row
    with the document's facts as the store counts them (kg/store/stats.py) and its search entries,
    both read back from the graph just stored, or `known` (read from the same graph by the
    worker, kg/ingest/work.py _checked_graph); returns the fact count."""
    from evkg.kg.graph import ids
    from evkg.kg.store.search import document_entry
    from evkg.kg.store.stats import fact_count
    ledger.mark_pending(entry)
    checkpoint("pending")
    st.replace_graph(ids.graph_iri(entry.id), triples)
    checkpoint("stored")
    facts, searched = known or (fact_count(st, entry.id), document_entry(st, entry.id))
    ledger.record(replace(entry, facts=facts), searched)
    return facts


def remove(doc_ids: Iterable[str], store: str | None = None) -> list[str]:
    """Drop documents' graphs and ledger rows, whichever of the two holds them; returns the ids
    that were stored."""
    from evkg.kg.graph import ids
    from evkg.kg.ingest.cross_links import rebuild_links
    from evkg.kg.store.backends import open_store, store_location
    location = store_location(store)
    removed = []
    with open_store(location) as st:
        ledger = Ledger(ledger_path(location))
        try:
            finished = ledger.last_run_finished()
            ledger.run_begun()
            graphs = set(st.graphs())
            for doc_id in doc_ids:
                if str(ids.graph_iri(doc_id)) not in graphs and ledger.get(doc_id) is None:
                    continue
                st.drop_graph(ids.graph_iri(doc_id))
                ledger.remove(doc_id)
                removed.append(doc_id)
            if removed:
                rebuild_links(st)
            if finished:  # else the run cut short before is still the next ingest's to reconcile
                ledger.run_finished()
        finally:
            ledger.close()
    return removed


def repair(store: str | None = None):
    """`evkg doctor --repair`: the ledger made to follow the store, then the rest of the plan
    carried out. Returns what was found (a doctor.Diagnosis) and a line for each thing done."""
    from evkg.kg.ingest.doctor import plan_repair, reconcile
    from evkg.kg.store.backends import open_store, store_location
    location = store_location(store)
    with open_store(location) as st:
        ledger = Ledger(ledger_path(location))
        try:
            ledger.run_begun()
            docs = st.stored_documents()
            found = reconcile(st, ledger, docs)
            plan = plan_repair(ledger, found)
            done = _carry_out(st, ledger, docs, plan)
            ledger.run_finished()
        finally:
            ledger.close()
    if plan.redo:
        rep = ingest(plan.redo, location)
        done.append(f"{len(rep.ingested)} documents read again from their files"
                    + (f", {len(rep.failed)} failed: " + "; ".join(f"{p}: {m}" for p, m in rep.failed)
                       if rep.failed else "") + "; links rebuilt")
    return found, done


def _carry_out(st, ledger: Ledger, docs: dict, plan) -> list[str]:
    """The plan's steps that need no file read again."""
    from evkg.kg.ingest.cross_links import rebuild_links
    from evkg.kg.ingest.doctor import entry_from_store
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
