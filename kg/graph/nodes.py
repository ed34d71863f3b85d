"""Links inside one document's graph: fact nodes, citations -> statements and references,
outcomes -> study arms and shared results.

Every node here is named from what makes it that thing (a span, or an arm's folded name,
or a result's fields), never from a label alone, so repeated labels and repeated
sentences cannot merge two facts into one node.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import XSD

from evkg.core.model import Fact
from evkg.core.namespace import CITO, EVKG
from evkg.extract.guidelines.labels import label_key
from evkg.kg.graph import ids
from evkg.kg.graph.terms import format_number

Triple = tuple[URIRef, URIRef, object]
STATEMENT_KINDS = ("recommendation", "statement")


def fact_node(f: Fact) -> URIRef:
    p = f.provenance
    if f.kind in STATEMENT_KINDS:
        return ids.statement_iri(f.doc_id, p.start, p.end)
    if f.kind == "reference":
        return ids.reference_iri(f.doc_id, p.start, p.end)
    return ids.fact_iri(f)


@dataclass
class DocLinks:
    """What the facts of one document say about each other, indexed once per document."""
    statements: dict[tuple[int, int], URIRef] = field(default_factory=dict)
    by_label: dict[str, list[tuple[int, URIRef]]] = field(default_factory=dict)
    references: dict[str, list[tuple[int, URIRef]]] = field(default_factory=dict)
    # (arm key, study) -> arm facts / first name as written; study = the cited reference, or ""
    arms: dict[tuple[str, str], list[Fact]] = field(default_factory=dict)
    arm_names: dict[tuple[str, str], str] = field(default_factory=dict)
    nodes: dict[Fact, URIRef] = field(default_factory=dict)  # each fact's node

    @classmethod
    def of(cls, facts: Iterable[Fact]) -> DocLinks:
        links = cls()
        owners: dict[URIRef, Fact] = {}
        for f in sorted(facts, key=lambda f: (f.provenance.start, f.provenance.end)):
            node, start = fact_node(f), f.provenance.start
            owner = owners.setdefault(node, f)
            if owner is not f and (owner.kind, ids.fact_iri(owner)) != (f.kind, ids.fact_iri(f)):
                # Two different readings of one span (two grades, say): the second keeps its own
                # node instead of giving the first a second value of every field.
                node = ids.fact_iri(f)
            links.nodes[f] = node
            if f.kind in STATEMENT_KINDS:
                links.statements.setdefault((start, f.provenance.end), node)
                links.by_label.setdefault(label_key(f.name), []).append((start, node))
            elif f.kind == "reference" and f.ref:
                links.references.setdefault(f.ref.strip(), []).append((start, node))
            elif f.kind == "arm" and f.name.strip():
                links.arms.setdefault((ids.arm_key(f.name), f.ref.strip()), []).append(f)
            for name in arm_mentions(f):
                if name.strip():
                    links.arm_names.setdefault((ids.arm_key(name), f.ref.strip()), name)
        return links

    def statement_of(self, f: Fact) -> URIRef | None:
        """The statement a citation supports: by `statement_span`, else by label (containing or before)."""
        span = f.detail("statement_span", None)  # core.details.Offsets
        if span is not None and (span.start, span.end) in self.statements:
            return self.statements[(span.start, span.end)]
        return _nearest(self.by_label.get(label_key(f.name), []), f.provenance.start, before=True)

    def reference_of(self, f: Fact) -> URIRef | None:
        """The reference-list entry a citation's number names; with several lists, the next one."""
        return _nearest(self.references.get(f.ref.strip(), []), f.provenance.start, before=False)


def arm_mentions(f: Fact) -> tuple[str, ...]:
    """The arm names a fact names: an arm fact its own, an outcome its arm and comparator."""
    if f.kind == "arm":
        return (f.name,)
    return (f.arm, f.detail("comparator")) if f.kind == "outcome" else ()


def _nearest(candidates: list[tuple[int, URIRef]], offset: int, before: bool) -> URIRef | None:
    """The candidate starting last at or before `offset` (before=True) or first after it; else any."""
    if not candidates:
        return None
    i = bisect_right([s for s, _ in candidates], offset)
    if before:
        return candidates[i - 1][1] if i else candidates[0][1]
    return candidates[i][1] if i < len(candidates) else candidates[-1][1]


def citation_triples(node: URIRef, f: Fact, links: DocLinks) -> Iterator[Triple]:
    statement, reference = links.statement_of(f), links.reference_of(f)
    if statement is not None:
        yield node, EVKG.citingStatement, statement
    if reference is not None:
        yield node, EVKG.citedReference, reference
    if statement is not None and reference is not None:
        yield statement, CITO.cites, reference


def outcome_triples(node: URIRef, f: Fact, links: DocLinks) -> Iterator[Triple]:
    """An outcome mention -> its arm, comparator arm and the result it states."""
    arm, comparator, study = f.arm.strip(), f.detail("comparator").strip(), f.ref.strip()
    if arm:
        yield node, EVKG.ofArm, ids.arm_iri(f.doc_id, arm, study)
    if comparator:
        yield node, EVKG.comparatorArm, ids.arm_iri(f.doc_id, comparator, study)
    fields = (f.name, format_number(f.value), f.unit, ids.arm_key(arm), ids.arm_key(comparator),
              f.timeframe, f.criteria, f.detail("source"), f.detail("source_name"), f.ref)
    result = ids.result_iri(f.doc_id, *fields)
    yield node, EVKG.result, result
    yield result, RDF.type, EVKG.Result
    if f.name:
        yield result, EVKG.code, Literal(f.name)
    if arm:
        yield result, EVKG.ofArm, ids.arm_iri(f.doc_id, arm, study)
    if comparator:
        yield result, EVKG.comparatorArm, ids.arm_iri(f.doc_id, comparator, study)


def arm_triples(doc_id: str, links: DocLinks) -> Iterator[Triple]:
    """One StudyArm node per study and folded arm name: label, sizes and received interventions."""
    for key, name in links.arm_names.items():
        node = ids.arm_iri(doc_id, name, key[1])
        yield node, RDF.type, EVKG.StudyArm
        yield node, EVKG.label, Literal(name)
        for f in links.arms.get(key, ()):
            size = f.total if f.total is not None else f.detail("arm_size", None)
            if size is not None:
                yield node, EVKG.armSize, Literal(size, datatype=XSD.integer)
            for code in f.detail("interventions").split(";"):
                if code.strip():
                    yield node, EVKG.receivedIntervention, Literal(code.strip())
