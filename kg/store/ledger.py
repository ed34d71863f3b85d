"""The ledger: one SQLite row per ingested document, beside the store.

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
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from evkg.kg.store.backends import is_remote

if TYPE_CHECKING:
    from evkg.kg.store.search import DocumentEntry, SearchIndex

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


def _table(name: str, fields, pk: str, ints: tuple[str, ...] = ()) -> str:
    columns = ", ".join(f"[{f}] {'INTEGER' if f in ints else 'TEXT'}{' PRIMARY KEY' if f == pk else ''}"
                        for f in fields)
    return f"CREATE TABLE IF NOT EXISTS [{name}] ({columns})"


_TABLES = (_table(TABLE, Entry.__dataclass_fields__, "id", ("facts",)),
           _table(FILES, FileRow.__dataclass_fields__, "path"),
           _table(FAILURES, Failure.__dataclass_fields__, "path"),
           _table(META, ("key", "value"), "key"))


class Ledger:
    """The ledger database (plain sqlite3: opening it is part of every command)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path)
        self.conn.row_factory = sqlite3.Row
        # Write-ahead log, synced at checkpoints: a commit costs no fsync (18 ms each on this
        # machine's disk, two per document) and survives a killed process as before; a power cut
        # may lose the last commits, as it may the store's own, and the next ingest reconciles
        # the ledger with the store. Readers (search, serve) no longer wait for a writer.
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        with self.conn:
            for sql in _TABLES:
                self.conn.execute(sql)
        self._search: SearchIndex | None = None

    @property
    def search(self) -> SearchIndex:
        """The search index in this database (kg/store/search.py), made when first needed."""
        if self._search is None:
            from evkg.kg.store.search import SearchIndex
            self._search = SearchIndex(self.conn)
        return self._search

    def _rows(self, sql: str, args=()) -> list[dict]:
        return [dict(r) for r in self.conn.execute(sql, args)]

    def _put(self, table: str, row: dict) -> None:
        self.conn.execute(f"INSERT OR REPLACE INTO [{table}] ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                          list(row.values()))

    def get(self, doc_id: str) -> Entry | None:
        rows = self._rows(f"SELECT * FROM [{TABLE}] WHERE id = ?", (doc_id,))
        return Entry(**rows[0]) if rows else None

    def record(self, entry: Entry, searched: DocumentEntry | None = None) -> None:
        """The document's row and, given `searched`, its search entries, in one transaction."""
        with self.conn:
            self._put(TABLE, asdict(entry))
            if searched is not None:
                self.search.put(searched)

    def mark_pending(self, entry: Entry) -> None:
        """Before its graph is written: the row says the document is half-done until `record`."""
        self.record(Entry(**{**asdict(entry), "sha256": PENDING + entry.sha256}))

    def remove(self, doc_id: str) -> None:
        """The row and the search entries of a document."""
        with self.conn:
            self.conn.execute(f"DELETE FROM [{TABLE}] WHERE id = ?", (doc_id,))
            self.search.drop(doc_id)

    def entries_from(self, path: str) -> list[Entry]:
        """The documents read from one file (a file may hold several records)."""
        return [Entry(**r) for r in self._rows(f"SELECT * FROM [{TABLE}] WHERE path = ? ORDER BY id", (path,))]

    def entries(self) -> list[Entry]:
        return [Entry(**r) for r in self._rows(f"SELECT * FROM [{TABLE}] ORDER BY id")]

    # Files read in full: an unchanged one is skipped unread.
    def files(self) -> dict[str, FileRow]:
        return {r["path"]: FileRow(r["path"], r["sha256"], r["extractor_version"],
                                   tuple(filter(None, r["documents"].split("\n"))))
                for r in self._rows(f"SELECT * FROM [{FILES}]")}

    def record_file(self, row: FileRow) -> None:
        with self.conn:
            self._put(FILES, {**asdict(row), "documents": "\n".join(row.documents)})
            self.conn.execute(f"DELETE FROM [{FAILURES}] WHERE path = ?", (row.path,))

    def forget_file(self, path: str) -> None:
        with self.conn:
            self.conn.execute(f"DELETE FROM [{FILES}] WHERE path = ?", (path,))

    # Why a file failed last time (until it goes in).
    def record_failure(self, failure: Failure) -> None:
        with self.conn:
            self.conn.execute(f"DELETE FROM [{FILES}] WHERE path = ?", (failure.path,))
            self._put(FAILURES, asdict(failure))

    def failures(self) -> list[Failure]:
        return [Failure(**r) for r in self._rows(f"SELECT * FROM [{FAILURES}] ORDER BY path")]

    # Runs that write to the store: begun, then finished; one left begun was cut short.
    def run_begun(self) -> None:
        self.set("run", f"begun {now()} by process {os.getpid()}")

    def run_finished(self) -> None:
        from evkg.kg.store.search import KEY_VERSION
        self.set("run", f"finished {now()} search keys {KEY_VERSION}")

    def last_run_finished(self) -> bool:
        """False also for a new ledger, one older than this record, or one whose search entries
        were made with other keys (kg/store/search.py): then the store decides."""
        from evkg.kg.store.search import KEY_VERSION
        state = self.get_value("run") or ""
        return state.startswith("finished") and state.endswith(f" search keys {KEY_VERSION}")

    def get_value(self, key: str) -> str | None:
        rows = self._rows(f"SELECT value FROM [{META}] WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set(self, key: str, value: str) -> None:
        with self.conn:
            self._put(META, {"key": key, "value": value})

    def close(self) -> None:
        self.conn.close()
