"""Readers: a file in, a `Document` out. Dispatch by extension, then by content.

Each reader parses its file once and hands over what it parsed on the Document (trial record,
reference list, markup view, page starts); nothing after reading comes back here.
"""
from __future__ import annotations

import re
from pathlib import Path

from evkg.core.errors import ReadError
from evkg.core.model import Document
from evkg.extract.budget import Budget
from evkg.extract.readers.limits import shown_path

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# Structured records (each reader returns the documents in one file), and binary files read
# from their bytes. The readers themselves are imported when a file needs them, so listing
# files (`evkg ingest` of an unchanged folder) does not load a PDF or JSON Schema library.
RECORD_SUFFIXES = {".json", ".xml"}
BINARY_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES | BINARY_SUFFIXES
# The root element's name: the first tag that is no declaration, comment or DTD part.
_XML_ROOT = re.compile(r"<(?![?!])\s*([\w.:-]+)")


def xml_readers() -> dict:
    """XML files by their root element."""
    from evkg.extract.readers import ctgov_xml, jats_xml, pubmed_xml
    return {"clinical_study": ctgov_xml.read_ctgov_xml, pubmed_xml.ROOT: pubmed_xml.read_pubmed_xml,
            jats_xml.ROOT: jats_xml.read_jats_xml, jats_xml.BUNDLE: jats_xml.read_jats_bundle}


def read_xml(path: Path, text: str) -> list[Document]:
    """Registry records, PubMed article sets and JATS articles, told apart by their root element."""
    from evkg.extract.readers import jats_xml, pubmed_xml
    readers = xml_readers()
    root = _XML_ROOT.search(text)
    name = root.group(1) if root else ""
    if name not in readers:
        raise ReadError(path, f"XML root is <{name}>, not a ClinicalTrials.gov <clinical_study>, "
                              f"a PubMed <{pubmed_xml.ROOT}> or a JATS <article> (or a <{jats_xml.BUNDLE}> of them)")
    return readers[name](path, text)


def _read_record(suffix: str, path: Path, text: str) -> list[Document]:
    if suffix == ".json":
        from evkg.extract.readers.ctgov_json import read_ctgov_json
        return read_ctgov_json(path, text)
    return read_xml(path, text)


def read_document(path: str | Path) -> Document:
    """Read a file holding one document; raises ReadError naming the file when it cannot be one."""
    docs = read_documents(path)
    if len(docs) != 1:
        raise ReadError(path, f"the file holds {len(docs)} documents; read it with read_documents")
    return docs[0]


def read_documents(path: str | Path, budget: Budget | None = None) -> list[Document]:
    """The documents in one file (a file may hold several, e.g. a list of registry records);
    a file over the size limit (`budget`, default from the environment) is refused unread.
    A name with bytes that are no UTF-8 is read as it is and named with them escaped
    (`limits.shown_path`): in messages, document ids and `Document.path`."""
    path = Path(path)
    name = Path(shown_path(path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(name, f"unsupported file type {suffix or '(none)'}; evkg reads {', '.join(sorted(SUFFIXES))}")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(name, f"cannot read the file: {e.strerror or e}") from None
    (budget or Budget.from_env()).check_size(name, size, binary=suffix in BINARY_SUFFIXES)
    from evkg.extract.readers.decode import decode, read_bytes
    if suffix in BINARY_SUFFIXES:
        from evkg.extract.readers.pdf import read_pdf
        return [read_pdf(name, read_bytes(path, name))]
    text = decode(read_bytes(path, name), name)
    if not text.strip():
        raise ReadError(name, "file has no text; nothing to ingest")
    if suffix in RECORD_SUFFIXES:
        return _read_record(suffix, name, text)
    from evkg.extract.readers.flat_registration import looks_like_registration, read_registration_flat
    from evkg.extract.readers.plain import read_plain
    from evkg.extract.readers.registry_page import looks_like_registry_page, read_registry_page
    if looks_like_registry_page(text):
        return [read_registry_page(name, text)]
    if looks_like_registration(text):
        return [read_registration_flat(name, text)]
    return [read_plain(name, text)]
