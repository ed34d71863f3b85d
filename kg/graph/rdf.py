"""Facts and documents as RDF triples (PROV-O derivation, Web Annotation selectors, CiTO)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

import rdflib
from rdflib import Literal, URIRef
from rdflib import namespace as rdflib_ns

from evkg.core import namespace as ns
from evkg.core.details import details_schema
from evkg.core.errors import ModelError
from evkg.core.model import Document, Fact, Provenance
from evkg.core.namespace import EVKG, Terms
from evkg.kg.graph import ids
from evkg.kg.graph.nodes import DocLinks, arm_triples, citation_triples, outcome_triples
from evkg.kg.graph.terms import decimal_of, decimal_text, format_number, integer_literal, p_value_of, plain_literal

# Terms looked up once: rdflib's namespaces build a URIRef on every attribute access.
RDF, RDFS, DCTERMS, PROV, XSD = map(Terms, (rdflib.RDF, rdflib.RDFS, rdflib_ns.DCTERMS, rdflib_ns.PROV, rdflib_ns.XSD))
BIBO, FABIO, OA = map(Terms, (ns.BIBO, ns.FABIO, ns.OA))

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


def name_property(kind: str) -> URIRef:
    """Where a fact's `name` goes: evkg:label, evkg:firstAuthor (references) or evkg:code."""
    if kind in _LABEL_KINDS:
        return EVKG.label
    return EVKG.firstAuthor if kind == "reference" else EVKG.code


def detail_property(key: str) -> URIRef:
    """The evkg property a detail is written to (ontology/details.tsv: `ci_low` -> evkg:ciLow)."""
    spec = details_schema().get(key)
    if spec is None:
        raise ModelError(f"unknown detail {key!r}; declare it in ontology/details.tsv")
    return getattr(EVKG, spec.property)


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in its canonical form, the one the store gives back (`1.00` -> `1`)."""
    return _decimal_literal(decimal_text(value))


@lru_cache(maxsize=1 << 14)
def _decimal_literal(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


def fact_triples(f: Fact, links: DocLinks | None = None, spans: set[URIRef] | None = None) -> Iterator[Triple]:
    """A fact's node; its evidence span too unless `spans` (the document's, shared by the facts on
    one span) holds it already."""
    links = links or DocLinks.of([f])
    node = links.nodes[f]
    yield node, RDF.type, EVKG.Fact
    yield node, RDF.type, KIND_CLASS[f.kind]
    yield node, EVKG.kind, plain_literal(f.kind)
    yield node, EVKG.inDocument, ids.document_iri(f.doc_id)
    if f.name:
        yield node, name_property(f.kind), plain_literal(f.name)
    for attr, prop in _STRING_FIELDS:
        v = getattr(f, attr)
        if v:
            yield node, prop, plain_literal(v)
    yield from _number_triples(node, f)
    yield from detail_triples(node, f)
    if f.kind == "citation":
        yield from citation_triples(node, f, links)
    elif f.kind == "outcome":
        yield from outcome_triples(node, f, links)
    elif f.kind == "arm" and f.name.strip():
        yield node, EVKG.ofArm, ids.arm_iri(f.doc_id, f.name, f.ref)
    yield from grounding_triples(node, f)
    p = f.provenance
    span = ids.span_iri(f.doc_id, p.start, p.end)
    yield node, EVKG.evidence, span
    yield node, PROV.wasGeneratedBy, ids.activity_iri(f.doc_id, p.extractor)
    if spans is None or span not in spans:
        if spans is not None:
            spans.add(span)
        yield from span_triples(span, p)


def _number_triples(node: URIRef, f: Fact) -> Iterator[Triple]:
    """value, n and N; a reference's value is its year (evkg:year, an xsd:gYear)."""
    if f.value is not None:
        if f.kind == "reference":
            if float(f.value).is_integer() and 0 < f.value <= 9999:
                yield node, EVKG.year, Literal(f"{int(f.value):04d}", datatype=XSD.gYear)
        else:
            yield node, EVKG.value, decimal_literal(Decimal(format_number(f.value)))
    if f.n is not None:
        yield node, EVKG.numerator, integer_literal(f.n)
    if f.total is not None:
        yield node, EVKG.denominator, integer_literal(f.total)


def detail_triples(node: URIRef, f: Fact) -> Iterator[Triple]:
    """Each detail as its property says (ontology/details.tsv): text as printed, numbers typed.

    A number printed `0·62` is the decimal 0.62 and a p-value printed `< 0.001` is 0.001 with
    evkg:pComparator "<" (the quote keeps what was printed); text that states no number is not
    written as one. A span links the fact to another (nodes.py) and is no literal here."""
    schema = details_schema()
    for key, value in f.details:
        spec = schema[key]
        if value == "" or spec.link:
            continue
        prop = getattr(EVKG, spec.property)
        if spec.type == "decimal":
            number = decimal_of(value)
            if number is not None:
                yield node, prop, decimal_literal(number)
        elif spec.type == "p":
            p = p_value_of(value)
            if p is not None:
                yield node, prop, decimal_literal(p[1])
                if p[0]:
                    yield node, EVKG.pComparator, plain_literal(p[0])
        elif spec.type == "integer":
            yield node, prop, integer_literal(value)
        else:
            yield node, prop, plain_literal(str(value))


# Where a drug's DrugBank and MeSH ids resolve (w11e): the graph links to them, not only names them.
DRUGBANK_BASE = "https://go.drugbank.com/drugs/"
MESH_BASE = "http://id.nlm.nih.gov/mesh/"


def grounding_triples(node: URIRef, f: Fact) -> Iterator[Triple]:
    """`evkg:groundedIn` the DrugBank and MeSH IRIs of the ids a fact carries."""
    for key, base in (("drugbank_id", DRUGBANK_BASE), ("mesh_id", MESH_BASE)):
        value = f.detail(key)
        if value and value.isalnum():
            yield node, EVKG.groundedIn, URIRef(base + value)


def span_triples(span: URIRef, p: Provenance) -> Iterator[Triple]:
    """The Web Annotation of one span of a document, shared by every fact read from it: a specific
    resource of the document with one position and one quote selector (and its PDF page)."""
    pos, quote = URIRef(f"{span}/position"), URIRef(f"{span}/quote")
    yield span, RDF.type, OA.SpecificResource
    yield span, OA.hasSource, ids.document_iri(p.doc_id)
    yield span, OA.hasSelector, pos
    yield span, OA.hasSelector, quote
    yield pos, RDF.type, OA.TextPositionSelector
    yield pos, OA.start, integer_literal(p.start)
    yield pos, OA.end, integer_literal(p.end)
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, Literal(p.quote)
    page = p.span.doc.page_of(p.start)
    if page is not None:
        yield span, EVKG.page, integer_literal(page)


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
        yield node, EVKG.offsetBase, integer_literal(doc.base)
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
        yield sec, RDFS.label, Literal(_section_label(doc, s))
        yield sec, OA.start, integer_literal(s.start)
        yield sec, OA.end, integer_literal(s.end)
    facts = list(facts)
    links = DocLinks.of(facts)
    extractors, spans = {}, set()
    for f in facts:
        extractors[(f.provenance.extractor, f.provenance.version)] = None
        yield from fact_triples(f, links, spans)
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


def _section_label(doc: Document, s) -> str:
    """What the evidence table's `section` column says: the section's name, qualified where the name alone
    would hide it (`abstract results`; `results 2.2` for a numbered subsection carrying its parent's name)."""
    if s.name != "abstract" and any(o.name == "abstract" and o.start <= s.start and s.end <= o.end and o is not s
                                    for o in doc.sections):
        return f"abstract {s.name}"
    number = re.match(r"\s*(\d+(?:\.\d+)+)", s.title or "")
    return f"{s.name} {number.group(1)}" if number and not s.name.startswith("section ") else s.name
