"""Deterministic IRIs: the same input always yields the same IRIs (no blank nodes for facts)."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import URIRef

from core.model import Fact
from core.namespace import DATA
from kg.table import fact_row


def _seg(s: str) -> str:
    return quote(s, safe="-._~")


def document_iri(doc_id: str) -> URIRef:
    return DATA[f"doc/{_seg(doc_id)}"]


def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding everything read from one document."""
    return DATA[f"graph/{_seg(doc_id)}"]


def fact_iri(f: Fact) -> URIRef:
    """A hash of every field of the fact, so identical facts share one IRI."""
    row = fact_row(f)
    payload = "\x1f".join([*(row[k] for k in sorted(row)), f.provenance.extractor,
                           *(f"{k}={v}" for k, v in f.details)])
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]
    return DATA[f"doc/{_seg(f.doc_id)}/{f.kind}/{digest}"]


def label_slug(label: str) -> str:
    return _seg(re.sub(r"\s+", "_", label.strip()))


def statement_iri(doc_id: str, label: str) -> URIRef:
    """A recommendation or statement, by its label: citations link to it without knowing its fact."""
    return DATA[f"doc/{_seg(doc_id)}/statement/{label_slug(label)}"]


def reference_iri(doc_id: str, ref: str) -> URIRef:
    """An entry of a document's reference list, by its number."""
    return DATA[f"doc/{_seg(doc_id)}/reference/{_seg(ref)}"]


def extractor_iri(name: str, version: str) -> URIRef:
    return DATA[f"extractor/{_seg(name)}/{_seg(version)}"]


def activity_iri(doc_id: str, extractor: str) -> URIRef:
    return DATA[f"doc/{_seg(doc_id)}/activity/{_seg(extractor)}"]


def linkset_graph_iri() -> URIRef:
    """The named graph of cross-document links (reference resolution), rebuilt after each ingest."""
    return DATA["graph/_links"]
