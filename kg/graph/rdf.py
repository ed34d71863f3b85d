"""Facts and documents as RDF triples (PROV-O derivation, Web Annotation selectors, CiTO)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from evkg.core.details import details_schema
from evkg.core.errors import ModelError
from evkg.core.model import Document, Fact
from evkg.core.namespace import BIBO, EVKG, FABIO, OA
from evkg.kg.graph import ids
from evkg.kg.graph.nodes import DocLinks, arm_triples, citation_triples, outcome_triples
from evkg.kg.graph.terms import format_number

Triple = tuple[URIRef, URIRef, object]

KIND_CLASS = {
    "condition": EVKG.Condition, "procedure": EVKG.Procedure, "drug": EVKG.Drug, "device": EVKG.Device,
    "dose": EVKG.Dose, "endpoint": EVKG.Endpoint, "outcome": EVKG.Outcome,
    "recommendation": EVKG.Recommendation, "statement": EVKG.Statement, "citation": EVKG.Citation,
    "reference": EVKG.Reference, "sample_size": EVKG.SampleSize, "design": EVKG.StudyDesign,
    "arm": EVKG.Arm, "regimen": EVKG.Regimen,
}
# FaBiO has no class for a trial registration; those stay plain evkg:Document.
DOCTYPE_CLASS = {"guideline": FABIO.ClinicalGuideline, "consensus": FABIO.ClinicalGuideline,
                 "paper": FABIO.ResearchPaper, "review": FABIO.ReviewArticle}
# Evidence-table columns that are plain strings on the fact node.
_STRING_FIELDS = (("unit", EVKG.unit), ("arm", EVKG.arm), ("role", EVKG.role),
                  ("timeframe", EVKG.timeframe), ("criteria", EVKG.criteria), ("level", EVKG.evidenceLevel),
                  ("strength", EVKG.strength), ("system", EVKG.gradingSystem), ("ref", EVKG.refNumber))


# Kinds whose `name` is a label people read (a statement's number, an arm as written), not a code.
_LABEL_KINDS = ("recommendation", "statement", "citation", "arm")
# Kinds whose quote is the surface text of their vocabulary code.
_MENTION_KINDS = ("condition", "procedure", "drug", "device", "endpoint")


def name_property(kind: str) -> URIRef:
    """Where a fact's `name` goes: evkg:label, evkg:firstAuthor (references) or evkg:code."""
    if kind in _LABEL_KINDS:
        return EVKG.label
    return EVKG.firstAuthor if kind == "reference" else EVKG.code


def fact_label(f: Fact) -> str:
    """rdfs:label of a fact node, for people browsing the graph: kind, name and number."""
    parts = [f.kind, f.name or (f"[{f.ref}]" if f.ref else "")]
    if f.value is not None:
        parts.append(format_number(f.value) + (f" {f.unit}" if f.unit else ""))
    if f.arm:
        parts.append(f"({f.arm})")
    return " ".join(p for p in parts if p)


def detail_property(key: str) -> URIRef:
    """The evkg property a detail is written to (ontology/details.tsv: `ci_low` -> evkg:ciLow)."""
    spec = details_schema().get(key)
    if spec is None:
        raise ModelError(f"unknown detail {key!r}; declare it in ontology/details.tsv")
    return getattr(EVKG, spec.property)


def fact_triples(f: Fact, links: DocLinks | None = None) -> Iterator[Triple]:
    links = links or DocLinks.of([f])
    node = links.nodes[f]
    doc = ids.document_iri(f.doc_id)
    yield node, RDF.type, EVKG.Fact
    yield node, RDF.type, KIND_CLASS[f.kind]
    yield node, EVKG.kind, Literal(f.kind)
    yield node, EVKG.inDocument, doc
    yield node, PROV.wasDerivedFrom, doc
    yield node, RDFS.label, Literal(fact_label(f))
    if f.name:
        yield node, name_property(f.kind), Literal(f.name)
    if f.kind in _MENTION_KINDS:
        yield node, EVKG.nameAsWritten, Literal(f.provenance.quote)
    for attr, prop in _STRING_FIELDS:
        v = getattr(f, attr)
        if v:
            yield node, prop, Literal(v)
    if f.value is not None:
        yield node, EVKG.value, Literal(Decimal(format_number(f.value)), datatype=XSD.decimal)
    if f.n is not None:
        yield node, EVKG.numerator, Literal(f.n, datatype=XSD.integer)
    if f.total is not None:
        yield node, EVKG.denominator, Literal(f.total, datatype=XSD.integer)
    schema = details_schema()
    for key, value in f.details:
        # A span links the fact to another (nodes.py); every other detail is a plain literal.
        if value != "" and not schema[key].link:
            yield node, detail_property(key), Literal(str(value))
    if f.kind == "citation":
        yield from citation_triples(node, f, links)
    elif f.kind == "outcome":
        yield from outcome_triples(node, f, links)
    elif f.kind == "arm" and f.name.strip():
        yield node, EVKG.ofArm, ids.arm_iri(f.doc_id, f.name, f.ref)
    yield from grounding_triples(node, f)
    yield from _evidence_triples(node, f)


# Where a drug's DrugBank and MeSH ids resolve (w11e): the graph links to them, not only names them.
DRUGBANK_BASE = "https://go.drugbank.com/drugs/"
MESH_BASE = "http://id.nlm.nih.gov/mesh/"


def grounding_triples(node: URIRef, f: Fact) -> Iterator[Triple]:
    """`evkg:groundedIn` the DrugBank and MeSH IRIs of the ids a fact carries."""
    for key, base in (("drugbank_id", DRUGBANK_BASE), ("mesh_id", MESH_BASE)):
        value = f.detail(key)
        if value and value.isalnum():
            yield node, EVKG.groundedIn, URIRef(base + value)


def _evidence_triples(node: URIRef, f: Fact) -> Iterator[Triple]:
    p = f.provenance
    ev = URIRef(f"{node}/evidence")
    pos, quote = URIRef(f"{ev}/position"), URIRef(f"{ev}/quote")
    activity = ids.activity_iri(f.doc_id, p.extractor)
    yield node, EVKG.evidence, ev
    yield ev, RDF.type, OA.SpecificResource
    yield ev, RDFS.label, Literal(f"evidence {p.start}-{p.end}")
    yield ev, OA.hasSource, ids.document_iri(f.doc_id)
    yield ev, OA.hasSelector, pos
    yield ev, OA.hasSelector, quote
    yield ev, PROV.wasGeneratedBy, activity
    yield pos, RDF.type, OA.TextPositionSelector
    yield pos, RDFS.label, Literal(f"{p.start}-{p.end}")
    yield pos, OA.start, Literal(p.start, datatype=XSD.integer)
    yield pos, OA.end, Literal(p.end, datatype=XSD.integer)
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, RDFS.label, Literal(_short(p.quote))
    yield quote, OA.exact, Literal(p.quote)
    page = p.span.doc.page_of(p.start)
    if page is not None:
        yield ev, EVKG.page, Literal(page, datatype=XSD.integer)
    yield node, PROV.wasGeneratedBy, activity


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def document_triples(doc: Document, sha256: str, facts: Iterable[Fact]) -> Iterator[Triple]:
    node = ids.document_iri(doc.id)
    md = doc.metadata
    yield node, RDF.type, EVKG.Document
    if doc.doctype in DOCTYPE_CLASS:
        yield node, RDF.type, DOCTYPE_CLASS[doc.doctype]
    yield node, DCTERMS.identifier, Literal(doc.id)
    yield node, RDFS.label, Literal(md.title or doc.id)
    yield node, DCTERMS.language, Literal(doc.language)
    yield node, EVKG.documentType, Literal(doc.doctype)
    yield node, EVKG.layout, Literal(doc.layout)
    yield node, EVKG.sourcePath, Literal(doc.path)
    yield node, EVKG.sha256, Literal(sha256)
    yield node, EVKG.fullText, Literal(doc.text)
    if doc.base:
        yield node, EVKG.offsetBase, Literal(doc.base, datatype=XSD.integer)
    if md.title:
        yield node, DCTERMS.title, Literal(md.title)
    for alt in md.other_titles:
        yield node, DCTERMS.alternative, Literal(alt)
    for author in md.authors:
        yield node, DCTERMS.creator, Literal(author)
    if md.authors:
        yield node, EVKG.authors, Literal("; ".join(md.authors))
    if md.journal:
        yield node, EVKG.journal, Literal(md.journal)
    if md.year:
        yield node, FABIO.hasPublicationYear, Literal(str(md.year), datatype=XSD.gYear)
    if md.doi:
        yield node, BIBO.doi, Literal(md.doi)
    if md.pmid:
        yield node, BIBO.pmid, Literal(md.pmid)
    if md.nct_id:
        yield node, EVKG.nctId, Literal(md.nct_id)
    for s in doc.sections:
        sec = URIRef(f"{node}/section/{s.start}-{s.end}")
        yield node, EVKG.section, sec
        yield sec, RDF.type, OA.TextPositionSelector
        yield sec, RDFS.label, Literal(s.name)
        yield sec, OA.start, Literal(s.start, datatype=XSD.integer)
        yield sec, OA.end, Literal(s.end, datatype=XSD.integer)
    facts = list(facts)
    links = DocLinks.of(facts)
    extractors = {}
    for f in facts:
        extractors[(f.provenance.extractor, f.provenance.version)] = None
        yield from fact_triples(f, links)
    yield from arm_triples(doc.id, links)
    for name, version in extractors:
        agent = ids.extractor_iri(name, version)
        activity = ids.activity_iri(doc.id, name)
        yield activity, RDF.type, PROV.Activity
        yield activity, RDFS.label, Literal(f"{name} on {doc.id}")
        yield activity, PROV.used, node
        yield activity, PROV.wasAssociatedWith, agent
        yield agent, RDF.type, EVKG.Extractor
        yield agent, RDFS.label, Literal(name)
        yield agent, EVKG.extractorVersion, Literal(version)
