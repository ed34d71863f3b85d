"""Cross-document links: which document in the graph each reference-list entry is (the links
between documents; the links inside one document's graph are kg/graph/nodes.py's).

Rebuilt from the graph after every ingest that changed something, into its own
named graph, so replacing one document never leaves stale links behind. The links graph
records what it was built from (`prov:wasDerivedFrom` each document, and a fingerprint of
the documents' ids and hashes and of the extractors' version as `dcterms:hasVersion`), so a
rebuild cut short by a kill is seen as stale and redone by the next ingest, even one with
nothing changed.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from evkg.core.model import Metadata
from evkg.core.namespace import EVKG
from evkg.kg.graph import ids
from evkg.kg.graph.resolve import CandidateIndex, Work, resolve
from evkg.kg.ingest.faults import checkpoint
from evkg.kg.store.backends import Store, StoredDocument
from evkg.kg.store.queries import run_named

LINKS_VERSION = "links/2"  # bump when resolution changes in a way old links must not survive
_STATE_QUERY = ("SELECT ?v WHERE { GRAPH <%s> { <%s> <http://purl.org/dc/terms/hasVersion> ?v } }")


def fingerprint(docs: dict[str, StoredDocument], version: str | None = None) -> str:
    """What the links are a function of: every document (id and hash) and the extractors' version
    (given, as the ledger knows it; else as kg/ingest/version.py finds it)."""
    if version is None:
        from evkg.kg.ingest.version import current
        version = current()
    h = hashlib.sha256(f"{LINKS_VERSION}\n{version}\n".encode())
    for doc_id in sorted(docs):
        h.update(f"{doc_id}\t{docs[doc_id].sha256}\n".encode())
    return f"{LINKS_VERSION} sha256:{h.hexdigest()}"


def links_state(store: Store, docs: dict[str, StoredDocument] | None = None, version: str | None = None) -> str:
    """"fresh", "stale" (built from other documents or by another version) or "missing"."""
    docs = store.stored_documents() if docs is None else docs
    g = str(ids.linkset_graph_iri())
    rows = store.select(_STATE_QUERY % (g, g)).rows
    if not rows:
        return "missing" if docs else "fresh"
    return "fresh" if rows[0]["v"] == fingerprint(docs, version) else "stale"


def _candidates(store: Store) -> dict[str, Work]:
    works = {}
    for r in run_named(store, "documents").rows:
        authors = tuple(a.strip() for a in (r["authors"] or "").split(";") if a.strip())
        md = Metadata(title=r["title"] or "", authors=authors, journal=r["journal"] or "",
                      year=r["year"], doi=r["doi"] or "", pmid=r["pmid"] or "")
        works[r["doc"]] = Work.from_metadata(md, [r["other_title"]] if r["other_title"] else ())
    return works


def rebuild_links(store: Store, version: str | None = None) -> int:
    """Resolve every reference against every other document; returns the number of links."""
    docs = store.stored_documents()
    index = CandidateIndex(_candidates(store))
    triples = []
    for r in run_named(store, "references").rows:
        details = {k: r[k] for k in ("title", "journal", "doi", "pmid") if r[k]}
        work = Work.from_reference(details, first_author=r["first_author"] or "", year=r["year"])
        match = resolve(work, index.candidates(work, exclude=r["doc"]))
        if match is None:
            continue
        node = URIRef(r["reference"])
        triples += [(node, EVKG.resolvesTo, ids.document_iri(match.doc_id)),
                    (node, EVKG.matchMethod, Literal(match.method)),
                    (node, EVKG.matchScore, Literal(Decimal(str(match.score)), datatype=XSD.decimal))]
    links = len(triples) // 3
    checkpoint("links")
    store.replace_graph(ids.linkset_graph_iri(), triples + _built_from(docs, version))
    return links


def _built_from(docs: dict[str, StoredDocument], version: str | None) -> list:
    g = URIRef(ids.linkset_graph_iri())
    return [(g, DCTERMS.hasVersion, Literal(fingerprint(docs, version))),
            *((g, PROV.wasDerivedFrom, ids.document_iri(d)) for d in sorted(docs))]


def ensure_links(store: Store, changed: bool, version: str | None = None) -> int | None:
    """Rebuild the links when documents changed or the links are stale or missing; None when fresh."""
    if changed or links_state(store, version=version) != "fresh":
        return rebuild_links(store, version)
    return None
