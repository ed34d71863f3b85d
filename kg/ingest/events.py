"""What passes between the ingest and its workers: a file to read (`Task`) and what was found
in it, as events in order (kg/ingest/work.py makes them): `Read` (the ids of the file's
documents), `Begin` as each document's extraction starts, then per document `Unchanged`,
`Extracted` (its graph) or `Refused` (its graph breaks a shape), and last `End` (with the
reason when the file failed from some document on). Kept apart from work.py so the ingest
itself never imports the extractors.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evkg.extract.readers.limits import shown_path

if TYPE_CHECKING:
    from evkg.kg.store.search import SearchRows


@dataclass(frozen=True)
class Task:
    index: int  # place in the batch: graphs are committed in this order
    path: Path  # as found
    key: str  # the real path as shown (the ledger's key for the file)
    sha256: str
    unchanged: frozenset[str] = frozenset()  # ids whose ledger rows match this hash and version
    size: int = 0  # bytes, for the reading's budget

    @property
    def shown(self) -> str:
        return shown_path(self.path)


@dataclass(frozen=True)
class Read:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Begin:
    """A document's extraction starts with this many characters of text (for the budget's message)."""
    doc: str
    chars: int


@dataclass(frozen=True)
class Unchanged:
    doc: str


@dataclass(frozen=True)
class Extracted:
    doc: str
    doctype: str
    language: str
    title: str
    triples: bytes  # the document's graph as N-Triples lines in UTF-8 (kg/store/backends.py ntriples_bytes)
    # Its fact count and search rows as the writer would read them back from the stored graph,
    # read by the worker from the index its shape check built (None: the writer reads them).
    facts: int = 0
    search: SearchRows | None = None


@dataclass(frozen=True)
class Refused:
    doc: str
    message: str


@dataclass(frozen=True)
class End:
    error: str = ""  # why the file failed (from `doc` on), without the path; "" when it went through
    doc: str = ""
    retire: bool = False  # the worker ends after this (its memory ran out): give it no more work
    cpu: float = 0.0  # CPU seconds the worker has used so far (for the benchmarks' figures)
    peak_mb: float = 0.0  # the worker's peak resident memory so far


Event = Read | Begin | Unchanged | Extracted | Refused | End
