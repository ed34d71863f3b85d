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
from evkg.extract.readers import ctgov_json, ctgov_xml, jats_xml, pdf, pubmed_xml
from evkg.extract.readers.decode import decode, read_bytes
from evkg.extract.readers.flat_registration import looks_like_registration, read_registration_flat
from evkg.extract.readers.limits import shown_path
from evkg.extract.readers.plain import read_plain

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# XML files by their root element.
XML_READERS = {"clinical_study": ctgov_xml.read_ctgov_xml, pubmed_xml.ROOT: pubmed_xml.read_pubmed_xml,
               jats_xml.ROOT: jats_xml.read_jats_xml, jats_xml.BUNDLE: jats_xml.read_jats_bundle}
# The root element's name: the first tag that is no declaration, comment or DTD part.
_XML_ROOT = re.compile(r"<(?![?!])\s*([\w.:-]+)")


def read_xml(path: Path, text: str) -> list[Document]:
    """Registry records, PubMed article sets and JATS articles, told apart by their root element."""
    root = _XML_ROOT.search(text)
    name = root.group(1) if root else ""
    if name not in XML_READERS:
        raise ReadError(path, f"XML root is <{name}>, not a ClinicalTrials.gov <clinical_study>, "
                              f"a PubMed <{pubmed_xml.ROOT}> or a JATS <article> (or a <{jats_xml.BUNDLE}> of them)")
    return XML_READERS[name](path, text)


# Structured records; each reader returns the documents in one file.
RECORD_READERS = {".json": ctgov_json.read_ctgov_json, ".xml": read_xml}
# Binary files, read from their bytes.
BINARY_READERS = {".pdf": pdf.read_pdf}
SUFFIXES = TEXT_SUFFIXES | RECORD_READERS.keys() | BINARY_READERS.keys()


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
    (budget or Budget.from_env()).check_size(name, size, binary=suffix in BINARY_READERS)
    if suffix in BINARY_READERS:
        return [BINARY_READERS[suffix](name, read_bytes(path, name))]
    text = decode(read_bytes(path, name), name)
    if not text.strip():
        raise ReadError(name, "file has no text; nothing to ingest")
    if suffix in RECORD_READERS:
        return RECORD_READERS[suffix](name, text)
    if looks_like_registration(text):
        return [read_registration_flat(name, text)]
    return [read_plain(name, text)]
