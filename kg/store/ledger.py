"""The ledger: one SQLite row per ingested document (sqlite-utils), beside the store.

The store is the source of truth for what a document holds; the ledger only remembers which
file and hash each document came from, so an unchanged file is skipped. A document being
written is first marked pending here (its hash is then not a real one, so the file counts as
changed), then its graph is replaced in one store transaction, then its row is recorded: a
kill at any point leaves a pending row (redone on the next ingest of its file) or a row that
agrees with the store. `kg/ingest/doctor.py` reconciles the rest from the store.

Beside the documents, the ledger keeps what lets an unchanged batch cost nothing: each file
read in full (its hash, the extractors' version, the ids of its documents), so an unchanged
file is skipped without being read; whether the last run that wrote to the store finished
(if not, the next ingest reconciles the ledger with the store first); and, per file, why it
failed last time (over its CPU or memory budget, unreadable ...). Paths are stored as shown
(kg/ingest/paths.py `shown_path`: bytes that are no UTF-8 escaped), so any file name fits.

The search index (kg/store/search.py) lives in the same database: a document's entries are
written in the transaction of its row and removed with it.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from evkg.kg.store.backends import is_remote
from evkg.kg.store.search import KEY_VERSION, DocumentEntry, SearchIndex

TABLE = "documents"
FILES = "files"
FAILURES = "failures"
META = "meta"
PENDING = "pending:"  # prefix of the hash of a document whose write has not been confirmed


@dataclass(frozen=True)
class Entry:
    id: str
    path: str
    sha256: str
    doctype: str
    language: str
    title: str
    ingested_at: str
    extractor_version: str
    facts: int


def ledger_path(store_location: str) -> Path:
    """Inside the store folder; for a remote store, a local file named after its URL."""
    if is_remote(store_location):
        digest = hashlib.sha256(store_location.encode()).hexdigest()[:12]
        return Path.home() / ".evkg" / f"ledger-{digest}.db"
    return Path(store_location) / "ledger.db"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FileRow:
    """A file whose every document was read and stored (or found unchanged) by one run."""
    path: str
    sha256: str
    extractor_version: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Failure:
    path: str
    document: str  # the document it failed on, or "" (the file as a whole)
    reason: str
    failed_at: str


class Ledger:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        self.table = self.db[TABLE]
        existing = set(self.db.table_names())
        if TABLE not in existing:
            self.table.create(dict.fromkeys(Entry.__dataclass_fields__, str) | {"facts": int}, pk="id")
        if FILES not in existing:
            self.db[FILES].create(dict.fromkeys(FileRow.__dataclass_fields__, str), pk="path")
        if FAILURES not in existing:
            self.db[FAILURES].create(dict.fromkeys(Failure.__dataclass_fields__, str), pk="path")
        if META not in existing:
            self.db[META].create({"key": str, "value": str}, pk="key")
        self.search = SearchIndex(self.db.conn)

    def get(self, doc_id: str) -> Entry | None:
        rows = list(self.table.rows_where("id = ?", [doc_id]))
        return Entry(**rows[0]) if rows else None

    def record(self, entry: Entry, searched: DocumentEntry | None = None) -> None:
        """The document's row and, given `searched`, its search entries, in one transaction."""
        row = asdict(entry)
        with self.db.conn:
            self.db.conn.execute(f"INSERT OR REPLACE INTO {TABLE} ({', '.join(row)}) "
                                 f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
            if searched is not None:
                self.search.put(searched)

    def mark_pending(self, entry: Entry) -> None:
        """Before its graph is written: the row says the document is half-done until `record`."""
        self.record(Entry(**{**asdict(entry), "sha256": PENDING + entry.sha256}))

    def remove(self, doc_id: str) -> None:
        """The row and the search entries of a document."""
        with self.db.conn:
            self.db.conn.execute(f"DELETE FROM {TABLE} WHERE id = ?", (doc_id,))
            self.search.drop(doc_id)

    def entries_from(self, path: str) -> list[Entry]:
        """The documents read from one file (a file may hold several records)."""
        return [Entry(**r) for r in self.table.rows_where("path = ?", [path], order_by="id")]

    def entries(self) -> list[Entry]:
        return [Entry(**r) for r in self.table.rows_where(order_by="id")]

    # Files read in full: an unchanged one is skipped unread.
    def files(self) -> dict[str, FileRow]:
        return {r["path"]: FileRow(r["path"], r["sha256"], r["extractor_version"],
                                   tuple(filter(None, r["documents"].split("\n"))))
                for r in self.db[FILES].rows}

    def record_file(self, row: FileRow) -> None:
        self.db[FILES].upsert({**asdict(row), "documents": "\n".join(row.documents)}, pk="path")
        self.db[FAILURES].delete_where("path = ?", [row.path])

    def forget_file(self, path: str) -> None:
        self.db[FILES].delete_where("path = ?", [path])

    # Why a file failed last time (until it goes in).
    def record_failure(self, failure: Failure) -> None:
        self.db[FILES].delete_where("path = ?", [failure.path])
        self.db[FAILURES].upsert(asdict(failure), pk="path")

    def failures(self) -> list[Failure]:
        return [Failure(**r) for r in self.db[FAILURES].rows_where(order_by="path")]

    # Runs that write to the store: begun, then finished; one left begun was cut short.
    def run_begun(self) -> None:
        self.set("run", f"begun {now()} by process {os.getpid()}")

    def run_finished(self) -> None:
        self.set("run", f"finished {now()} search keys {KEY_VERSION}")

    def last_run_finished(self) -> bool:
        """False also for a new ledger, one older than this record, or one whose search entries
        were made with other keys (kg/store/search.py): then the store decides."""
        state = self.get_value("run") or ""
        return state.startswith("finished") and state.endswith(f" search keys {KEY_VERSION}")

    def get_value(self, key: str) -> str | None:
        rows = list(self.db[META].rows_where("key = ?", [key]))
        return rows[0]["value"] if rows else None

    def set(self, key: str, value: str) -> None:
        self.db[META].upsert({"key": key, "value": value}, pk="key")

    def close(self) -> None:
        self.db.close()
