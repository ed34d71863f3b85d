"""Deterministic IRIs: the same input always yields the same IRIs (no blank nodes for facts)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from evkg.core.model import Fact
from evkg.core.namespace import DATA
from evkg.extract.text.arms import arm_key
from evkg.kg.graph.terms import format_number


@lru_cache(maxsize=1 << 14)
def _seg(s: str) -> str:
    """An IRI path segment (a document's id is quoted in every IRI of its graph: done once)."""
    return quote(s, safe="-._~")


def document_iri(doc_id: str) -> URIRef:
    return DATA[f"doc/{_seg(doc_id)}"]


def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding everything read from one document."""
    return DATA[f"graph/{_seg(doc_id)}"]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def fact_iri(f: Fact) -> URIRef:
    """Document, kind, span and the fields that tell two facts on one span apart (never a label alone).

    Two readings that agree on every field are one fact, whichever extractor found them; two
    that differ in any field are two nodes, so no node ever carries two values of one field.
    """
    p = f.provenance
    fields = [f.name, format_number(f.value), f.unit, format_number(f.n), format_number(f.total), f.arm,
              f.role, f.timeframe, f.criteria, f.level, f.strength, f.system, f.ref,
              *(f"{k}={v}" for k, v in f.details)]
    return DATA[f"doc/{_seg(f.doc_id)}/{_seg(f.kind)}/{p.start}-{p.end}/{_digest(*fields)}"]


def statement_iri(doc_id: str, start: int, end: int) -> URIRef:
    """A recommendation by its span: two statements with one label are two nodes."""
    return DATA[f"doc/{_seg(doc_id)}/statement/{start}-{end}"]


def reference_iri(doc_id: str, start: int, end: int) -> URIRef:
    """An entry of a document's reference list by its span (lists may restart their numbering)."""
    return DATA[f"doc/{_seg(doc_id)}/reference/{start}-{end}"]


def arm_iri(doc_id: str, name: str, study: str = "") -> URIRef:
    """One study arm per document, study and arm key (extract/text/arms.py `arm_key`), shared by
    every fact that mentions it.
    `study` is the cited reference a review's arm belongs to (empty: the document's own study), so
    two cited trials' "TACE group"s are two arms."""
    parts = (arm_key(name), study.strip()) if study.strip() else (arm_key(name),)
    return DATA[f"doc/{_seg(doc_id)}/arm/{_digest(*parts)}"]


def result_iri(doc_id: str, *fields: str) -> URIRef:
    """One result per document and the fields that make it that result (measure, value, arm ...)."""
    return DATA[f"doc/{_seg(doc_id)}/result/{_digest(*fields)}"]


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """The evidence of every fact read from `text[start:end]`: one per document and span."""
    return DATA[f"doc/{_seg(doc_id)}/span/{start}-{end}"]


def extractor_iri(name: str, version: str) -> URIRef:
    return DATA[f"extractor/{_seg(name)}/{_seg(version)}"]


def activity_iri(doc_id: str, extractor: str) -> URIRef:
    return DATA[f"doc/{_seg(doc_id)}/activity/{_seg(extractor)}"]


def linkset_graph_iri() -> URIRef:
    """The named graph of cross-document links (reference resolution), rebuilt after each ingest."""
    return DATA["graph/_links"]
