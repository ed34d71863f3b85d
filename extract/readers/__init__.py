"""Readers: a file in, a `Document` out. Dispatch by extension, then by content."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extract.readers import ctgov_json, ctgov_xml
from extract.readers.decode import decode, read_bytes
from extract.readers.plain import read_plain
from extract.readers.registration import LAYOUT as FLAT_LAYOUT
from extract.readers.registration import flat_record, looks_like_registration, read_registration_flat
from extract.readers.trial_record import TrialRecord
from kg.errors import ReadError
from kg.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# Structured registry records; each reader returns the documents in one file.
RECORD_READERS = {".json": ctgov_json.read_ctgov_json, ".xml": ctgov_xml.read_ctgov_xml}
SUFFIXES = TEXT_SUFFIXES | RECORD_READERS.keys()


def read_document(path: str | Path) -> Document:
    """Read a file holding one document; raises ReadError naming the file when it cannot be one."""
    docs = read_documents(path)
    if len(docs) != 1:
        raise ReadError(path, f"the file holds {len(docs)} documents; read it with read_documents")
    return docs[0]


def read_documents(path: str | Path) -> list[Document]:
    """The documents in one file (a file may hold several, e.g. a list of registry records)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(path, f"unsupported file type {suffix or '(none)'}; evkg reads {', '.join(sorted(SUFFIXES))}")
    text = decode(read_bytes(path), path)
    if not text.strip():
        raise ReadError(path, "file has no text; nothing to ingest")
    if suffix in RECORD_READERS:
        return RECORD_READERS[suffix](path, text)
    if looks_like_registration(text):
        return [read_registration_flat(path, text)]
    return [read_plain(path, text)]


# Layout -> parser of the registration record it holds.
_RECORD_PARSERS = {FLAT_LAYOUT: flat_record, ctgov_json.LAYOUT: ctgov_json.json_record,
                   ctgov_xml.LAYOUT: ctgov_xml.xml_record}


@lru_cache(maxsize=8)
def trial_record(doc: Document) -> TrialRecord:
    """The registration fields of a document read by a registration reader (empty for other layouts)."""
    parse = _RECORD_PARSERS.get(doc.layout)
    return parse(doc) if parse else TrialRecord()
