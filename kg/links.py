"""Cross-document links: which document in the graph each reference-list entry is.

Rebuilt from the graph after every ingest that changed something, into its own
named graph, so replacing one document never leaves stale links behind.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg import ids
from core.model import Metadata
from core.namespace import EVKG
from kg.queries import run_query
from kg.resolve import CandidateIndex, Work, resolve
from kg.store import Store


def _candidates(store: Store) -> dict[str, Work]:
    works = {}
    for r in run_query(store, "documents").rows:
        authors = tuple(a.strip() for a in (r["authors"] or "").split(";") if a.strip())
        md = Metadata(title=r["title"] or "", authors=authors, journal=r["journal"] or "",
                      year=r["year"], doi=r["doi"] or "", pmid=r["pmid"] or "")
        works[r["doc"]] = Work.from_metadata(md, [r["other_title"]] if r["other_title"] else ())
    return works


def rebuild_links(store: Store) -> int:
    """Resolve every reference against every other document; returns the number of links."""
    index = CandidateIndex(_candidates(store))
    triples = []
    for r in run_query(store, "references").rows:
        details = {k: r[k] for k in ("title", "journal", "doi", "pmid") if r[k]}
        work = Work.from_reference(details, first_author=r["first_author"] or "", year=r["year"])
        match = resolve(work, index.candidates(work, exclude=r["doc"]))
        if match is None:
            continue
        node = URIRef(r["reference"])
        triples += [(node, EVKG.resolvesTo, ids.document_iri(match.doc_id)),
                    (node, EVKG.matchMethod, Literal(match.method)),
                    (node, EVKG.matchScore, Literal(Decimal(str(match.score)), datatype=XSD.decimal))]
    store.replace_graph(ids.linkset_graph_iri(), triples)
    return len(triples) // 3
