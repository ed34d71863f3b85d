"""Links inside one document's graph: fact nodes, citations -> statements and references,
outcomes -> study arms and shared results.

Every node here is named from what makes it that thing (a span, or an arm's folded name,
or a result's fields), never from a label alone, so repeated labels and repeated
sentences cannot merge two facts into one node.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import rdflib
from rdflib import Literal, URIRef

from evkg.core import namespace as ns
from evkg.core.model import Fact
from evkg.core.namespace import EVKG, Terms
from evkg.extract.guidelines.labels import label_key
from evkg.kg.graph import ids
from evkg.kg.graph.terms import format_number, integer_literal, plain_literal

RDF, RDFS, CITO = map(Terms, (rdflib.RDF, rdflib.RDFS, ns.CITO))  # each term looked up once

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
    results: dict[Fact, URIRef] = field(default_factory=dict)  # each outcome mention's result
    first_mention: dict[URIRef, Fact] = field(default_factory=dict)  # each result's first mention

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
        links.results = results_of([f for f in links.nodes if f.kind == "outcome"])
        for f in sorted(links.results, key=lambda f: (f.provenance.start, f.provenance.end)):
            links.first_mention.setdefault(links.results[f], f)
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


def _result_fields(f: Fact) -> tuple[str, ...]:
    return (f.name, format_number(f.value), f.unit, ids.arm_key(f.arm), ids.arm_key(f.detail("comparator")),
            f.timeframe, f.criteria, f.detail("source"), f.detail("source_name"), f.ref)


def _same_number(f: Fact) -> tuple[str, ...]:
    """What two mentions of one result share exactly: the number, whose study, which arm against which."""
    return (format_number(f.value), f.unit, ids.arm_key(f.arm), ids.arm_key(f.detail("comparator")),
            f.detail("source") or "own", f.detail("source_name"), f.ref.strip())


def _measure_words(f: Fact) -> set[str]:
    text = " ".join((f.name, f.detail("measure"))).lower()
    return {w for w in re.findall(r"[a-z][a-z0-9\-]{2,}|[\u4e00-\u9fff]{2}", text) if w not in _GENERIC}


_GENERIC = {"the", "and", "was", "were", "with", "for", "rate", "rates", "patients", "group", "mean", "median",
            "incidence", "proportion", "number", "total", "overall"}


def _same_measure(a: Fact, b: Fact) -> bool:
    """Two mentions of one number report one result when they name it alike: the same name, or the
    smaller set of measure words half inside the other (`incidence of wound healing problems`,
    `incidence rate of all wound healing problems`)."""
    if a.name == b.name:
        return True
    wa, wb = _measure_words(a), _measure_words(b)
    small, big = sorted((wa, wb), key=len)
    return bool(small) and len(small & big) * 2 >= len(small)


def results_of(outcomes: list[Fact]) -> dict[Fact, URIRef]:
    """The result each outcome mention states: mentions of the same number for the same arms and study
    that name the same measure (the abstract's and the results section's `ORR 45.0%`) are one result,
    named from the first mention's fields."""
    groups: list[list[Fact]] = []
    by_number: dict[tuple[str, ...], list[list[Fact]]] = {}
    for f in sorted(outcomes, key=lambda f: (f.provenance.start, f.provenance.end, f.name)):
        same = by_number.setdefault(_same_number(f), [])
        group = next((g for g in same if any(_same_measure(f, h) for h in g)), None)
        if group is None:
            group = []
            same.append(group)
            groups.append(group)
        group.append(f)
    return {f: ids.result_iri(g[0].doc_id, *_result_fields(g[0])) for g in groups for f in g}


def outcome_triples(node: URIRef, f: Fact, links: DocLinks) -> Iterator[Triple]:
    """An outcome mention -> its arm, comparator arm and the result it states (shared by its mentions)."""
    arm, comparator, study = f.arm.strip(), f.detail("comparator").strip(), f.ref.strip()
    if arm:
        yield node, EVKG.ofArm, ids.arm_iri(f.doc_id, arm, study)
    if comparator:
        yield node, EVKG.comparatorArm, ids.arm_iri(f.doc_id, comparator, study)
    result = links.results.get(f) or ids.result_iri(f.doc_id, *_result_fields(f))
    yield node, EVKG.result, result
    yield result, RDF.type, EVKG.Result
    # The result is named by its first mention, with the arm as the document first wrote it, so every
    # mention of the result gives one label.
    first = links.first_mention.get(result, f)
    shown = links.arm_names.get((ids.arm_key(arm), study), arm)
    label = " ".join(x for x in (first.name, format_number(f.value), f.unit, f"({shown})" if arm else "") if x)
    yield result, RDFS.label, Literal(label)
    if re.fullmatch(r"[A-Z][A-Z0-9_]*", first.name):  # a vocabulary code, not a measure as written
        yield result, EVKG.code, plain_literal(first.name)
    if arm:
        yield result, EVKG.ofArm, ids.arm_iri(f.doc_id, arm, study)
    if comparator:
        yield result, EVKG.comparatorArm, ids.arm_iri(f.doc_id, comparator, study)


def arm_triples(doc_id: str, links: DocLinks) -> Iterator[Triple]:
    """One StudyArm node per study and folded arm name: label, sizes and received interventions."""
    for key, name in links.arm_names.items():
        node = ids.arm_iri(doc_id, name, key[1])
        yield node, RDF.type, EVKG.StudyArm
        yield node, EVKG.label, plain_literal(name)
        for f in links.arms.get(key, ()):
            size = f.total if f.total is not None else f.detail("arm_size", None)
            if size is not None:
                yield node, EVKG.armSize, integer_literal(size)
            for code in f.detail("interventions").split(";"):
                if code.strip():
                    yield node, EVKG.receivedIntervention, plain_literal(code.strip())
