"""Readers: a file in, a `Document` out. Dispatch by extension, then by content."""
from __future__ import annotations

from pathlib import Path

from extract.readers.decode import decode, read_bytes
from extract.readers.plain import read_plain
from extract.readers.registration import looks_like_registration, read_registration_flat
from kg.errors import ReadError
from kg.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
SUFFIXES = TEXT_SUFFIXES


def read_document(path: str | Path) -> Document:
    """Read one file; raises ReadError naming the file when it cannot be a document."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(path, f"unsupported file type {suffix or '(none)'}; evkg reads {', '.join(sorted(SUFFIXES))}")
    text = decode(read_bytes(path), path)
    if not text.strip():
        raise ReadError(path, "file has no text; nothing to ingest")
    if looks_like_registration(text):
        return read_registration_flat(path, text)
    return read_plain(path, text)


def read_documents(path: str | Path) -> list[Document]:
    """The documents in one file (a file may hold several, e.g. a list of registry records)."""
    return [read_document(path)]
