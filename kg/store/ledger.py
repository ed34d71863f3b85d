"""The ledger: one SQLite row per ingested document (sqlite-utils), beside the store.

The store is the source of truth for what a document holds; the ledger only remembers which
file and hash each document came from, so an unchanged file is skipped. A document being
written is first marked pending here (its hash is then not a real one, so the file counts as
changed), then its graph is replaced in one store transaction, then its row is recorded: a
kill at any point leaves a pending row (redone on the next ingest of its file) or a row that
agrees with the store. `kg/ingest/doctor.py` reconciles the rest from the store.

The search index (kg/store/search.py) lives in the same database: a document's entries are
written in the transaction of its row and removed with it.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from evkg.kg.store.backends import is_remote
from evkg.kg.store.search import DocumentEntry, SearchIndex

TABLE = "documents"
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


class Ledger:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        # Write-ahead log, synced at checkpoints: a commit costs no fsync (18 ms each on this
        # machine's disk, two per document) and survives a killed process as before; a power cut
        # may lose the last commits, as it may the store's own (RocksDB writes are not synced
        # either), and the next ingest reconciles the ledger with the store. Readers (search,
        # serve) no longer wait for a writer.
        self.db.conn.execute("PRAGMA journal_mode=WAL")
        self.db.conn.execute("PRAGMA synchronous=NORMAL")
        self.table = self.db[TABLE]
        if not self.table.exists():
            self.table.create(dict.fromkeys(Entry.__dataclass_fields__, str) | {"facts": int}, pk="id")
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

    def close(self) -> None:
        self.db.close()
