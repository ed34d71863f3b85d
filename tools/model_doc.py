"""docs/model.md generated from ontology/ (evkg.ttl and details.tsv) and docs/examples/*.rq: the
questions a SPARQL user asks first, then each class with its properties (label, range, meaning) and
one example query. tests/system/test_model_doc.py runs every query against the seeds' graph and
checks the answers.

    python tools/model_doc.py            # rewrite docs/model.md
    python tools/model_doc.py --check    # exit 1 when docs/model.md is out of date
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import PROV

from evkg.core.details import details_schema
from evkg.core.namespace import EVKG, OA
from evkg.core.resources import ontology_dir
from evkg.kg.graph.rdf import KIND_CLASS

ROOT = Path(__file__).resolve().parent.parent
DOC_PATH = ROOT / "docs" / "model.md"
EXAMPLES_DIR = ROOT / "docs" / "examples"
_NS = str(EVKG)
PREFIXES = {"evkg": _NS, "oa": str(OA), "prov": str(PROV), "dcterms": "http://purl.org/dc/terms/",
            "rdfs": str(RDFS), "xsd": "http://www.w3.org/2001/XMLSchema#", "fabio": "http://purl.org/spar/fabio/",
            "bibo": "http://purl.org/ontology/bibo/", "cito": "http://purl.org/spar/cito/"}
# Reused classes evkg writes, documented after its own (their annotations are in evkg.ttl).
REUSED = (OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector, PROV.Activity)
# Properties shown first in a class's table and its example, beyond those whose domain is the class
# and the details ontology/details.tsv declares for its kind. (A documentation choice, not data.)
FEATURED = {
    "Fact": ("evkg:kind", "evkg:inDocument", "evkg:evidence", "prov:wasGeneratedBy", "evkg:code", "evkg:label",
             "evkg:value", "evkg:unit", "evkg:numerator", "evkg:denominator", "evkg:arm", "evkg:timeframe",
             "evkg:criteria", "evkg:refNumber"),
    "Condition": ("evkg:code",), "Procedure": ("evkg:code",), "Device": ("evkg:code",),
    "Drug": ("evkg:code", "evkg:groundedIn"),
    "Dose": ("evkg:code", "evkg:value", "evkg:unit"),
    "Endpoint": ("evkg:code", "evkg:timeframe"),
    "Outcome": ("evkg:code", "evkg:value", "evkg:unit", "evkg:numerator", "evkg:denominator", "evkg:arm",
                "evkg:ofArm", "evkg:comparatorArm", "evkg:ciLow", "evkg:ciHigh", "evkg:pValue", "evkg:pComparator",
                "evkg:timeframe", "evkg:criteria", "evkg:refNumber"),
    "Recommendation": ("evkg:label", "evkg:evidenceLevel", "evkg:strength", "evkg:gradingSystem", "evkg:certainty",
                       "evkg:strengthClass", "evkg:refNumber"),
    "Statement": ("evkg:label",),
    "Citation": ("evkg:label", "evkg:refNumber"),
    "Reference": ("evkg:refNumber", "evkg:firstAuthor", "evkg:year", "evkg:title", "evkg:journal", "evkg:doi"),
    "SampleSize": ("evkg:value", "evkg:unit"), "StudyDesign": ("evkg:code",),
    "Arm": ("evkg:label", "evkg:value", "evkg:denominator", "evkg:ofArm"),
    "Regimen": ("evkg:code",),
    "StudyArm": ("evkg:label", "evkg:armSize"),
    "Result": ("evkg:code", "evkg:ofArm", "evkg:comparatorArm"),
    "Document": ("dcterms:identifier", "rdfs:label", "evkg:documentType", "dcterms:language", "dcterms:title",
                 "fabio:hasPublicationYear", "evkg:nctId"),
    "Extractor": ("rdfs:label", "evkg:extractorVersion"),
    "oa:SpecificResource": ("oa:hasSource", "oa:hasSelector", "evkg:page"),
    "oa:TextPositionSelector": ("oa:start", "oa:end", "rdfs:label"),
    "oa:TextQuoteSelector": ("oa:exact",),
    "prov:Activity": ("prov:used", "prov:wasAssociatedWith"),
}
# Ranges of the reused properties in the tables (their vocabularies define them).
_REUSED_RANGES = {"oa:hasSource": "evkg:Document", "oa:hasSelector": "oa:TextPositionSelector, oa:TextQuoteSelector",
                  "oa:start": "xsd:integer", "oa:end": "xsd:integer", "oa:exact": "xsd:string",
                  "prov:wasGeneratedBy": "prov:Activity", "prov:used": "evkg:Document",
                  "prov:wasAssociatedWith": "evkg:Extractor", "rdfs:label": "xsd:string",
                  "dcterms:identifier": "xsd:string", "dcterms:language": "xsd:string", "dcterms:title": "xsd:string",
                  "fabio:hasPublicationYear": "xsd:gYear"}
# Left out of the example queries: long texts, what every fact has, and links to nodes without a label.
_NOT_SHOWN = ("evkg:fullText", "evkg:sha256", "evkg:sourcePath", "evkg:kind", "evkg:inDocument", "evkg:evidence",
              "dcterms:identifier", "prov:wasGeneratedBy", "oa:hasSelector", "evkg:section")
# What a query for each class shows at most, besides the node and its document.
_EXAMPLE_VARIABLES = 9
# What a fact costs in quads, measured with bench/quads.py on stores `evkg ingest` made (re-measure
# and update when the model changes).
COST = """\
| store | facts (table rows) | quads before | per fact (row) before | quads after | per fact (row) after |
|---|---|---|---|---|---|
| the 5 seeds | 373 (352) | 11,022 | 29.5 (31.3) | 8,439 | 22.6 (24.0) |
| ei-dev (111 files, 120 documents) | 8,607 (8,303) | 284,055 | 33.0 (34.2) | 224,440 | 26.1 (27.0) |

Quads of all document graphs (the full texts, sections and extractor runs included) over the fact
nodes in them, and over the evidence-table rows (what `bench/ingest.py` divides by; `cc692ce`, which
had no result or study-arm nodes yet, wrote 22.9 per row on the seeds). Measured with
`bench/quads.py` on stores `evkg ingest` made (`bench/results-quads.txt`).

What went: an `rdfs:label` on every fact, evidence node and selector (all derivable: a fact's
kind, code and number; a span's offsets and quote); the per-fact copy of each span's
selectors (one evidence node per document and span now, shared by the facts on it); the second
`prov:wasGeneratedBy` (on the evidence node) and `prov:wasDerivedFrom` beside `evkg:inDocument`
(declared its sub-property); `evkg:nameAsWritten` (the quote); the `rdfs:label` copies of study
arms' and results' labels. A fact now costs 7 quads of its own (two types, kind, document,
evidence, extraction run, its code or label), its span 9 more unless another fact shares it
(type, source, two selectors; position: type, start, end; quote: type, exact), plus one per field
it fills."""


@dataclass(frozen=True)
class Prop:
    name: str      # a CURIE: evkg:ciLow, oa:exact
    kind: str      # datatype or object
    range: str
    en: str
    zh: str
    comment: str


@dataclass(frozen=True)
class ClassDoc:
    name: str      # local name for evkg classes (Outcome), a CURIE for reused ones (oa:SpecificResource)
    en: str
    zh: str
    comment: str
    parents: tuple[str, ...]
    deprecated: bool
    props: tuple[Prop, ...]
    example: str


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    text: str
    query: str


def curie(node) -> str:
    s = str(node)
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns):
            return f"{prefix}:{s[len(ns):]}"
    return s


def _expand(c: str) -> URIRef:
    prefix, local = c.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


def _label(g: Graph, node: URIRef, pred: URIRef, lang: str) -> str:
    for o in g.objects(node, pred):
        if getattr(o, "language", None) == lang:
            return str(o)
    return ""


def load() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "evkg.ttl", format="turtle")
    return g


def _prop(g: Graph, c: str) -> Prop:
    p = _expand(c)
    kind = "object" if (p, RDF.type, OWL.ObjectProperty) in g or c in ("oa:hasSource", "oa:hasSelector") \
        or c.startswith("prov:") else "datatype"
    ranges = sorted(curie(r) for r in g.objects(p, RDFS.range))
    rng = ", ".join(ranges) or _REUSED_RANGES.get(c, "xsd:string")
    return Prop(c, kind, rng, _label(g, p, RDFS.label, "en"), _label(g, p, RDFS.label, "zh"),
                _label(g, p, RDFS.comment, "en"))


def _properties(g: Graph) -> list[URIRef]:
    declared = set(g.subjects(RDF.type, OWL.DatatypeProperty)) | set(g.subjects(RDF.type, OWL.ObjectProperty))
    return sorted((p for p in declared if str(p).startswith(_NS) and not g.value(p, OWL.deprecated)), key=str)


def _is_detail(g: Graph, p: URIRef) -> bool:
    return (p, RDFS.subPropertyOf, EVKG.detail) in g or p == EVKG.detail


def _class_props(g: Graph, c: URIRef, name: str) -> tuple[Prop, ...]:
    """FEATURED first, then the properties whose domain is the class, then the kind's details."""
    props = _properties(g)
    own = [curie(p) for p in props if (p, RDFS.domain, c) in g and not (name == "Fact" and _is_detail(g, p))]
    kind = next((k for k, cls in KIND_CLASS.items() if cls == c), None)
    details = sorted(f"evkg:{d.property}" for d in details_schema().values()
                     if kind in d.kinds and not d.link)
    names = list(dict.fromkeys([*FEATURED.get(name, ()), *sorted(own), *details]))
    return tuple(_prop(g, n) for n in names)


def _var(c: str) -> str:
    return "?" + c.split(":", 1)[1].replace("-", "_")


def example_query(name: str, props: tuple[Prop, ...], fact: bool) -> str:
    """SELECT a few nodes of the class with their document, the properties that tell them apart
    and, for a fact, its quote."""
    cls = name if ":" in name else f"evkg:{name}"
    shown = [p for p in props if p.name not in _NOT_SHOWN]
    variables = ["?doc", "?node"] + [_var(p.name) for p in shown][:_EXAMPLE_VARIABLES]
    patterns = [f"    ?node a {cls} .", "    ?document a evkg:Document ; dcterms:identifier ?doc ."]
    if fact:
        variables.append("?quote")
        patterns.append("    ?node evkg:evidence/oa:hasSelector/oa:exact ?quote .")
    for p in shown[:_EXAMPLE_VARIABLES]:
        # An arm node is read by its label.
        path = f"{p.name}/evkg:label" if p.range == "evkg:StudyArm" else p.name
        patterns.append(f"    OPTIONAL {{ ?node {path} {_var(p.name)} }}")
    used = {c.split(":", 1)[0] for c in [cls, "evkg:x", "dcterms:x", *(p.name for p in shown[:_EXAMPLE_VARIABLES])]}
    if fact:
        used.add("oa")
    head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items() if k in used)
    return head + "\n".join([f"SELECT {' '.join(variables)}", "WHERE {", "  GRAPH ?g {", *patterns,
                             "  }", "}", "LIMIT 5"])


def classes(g: Graph) -> list[ClassDoc]:
    own = sorted((c for c in set(g.subjects(RDF.type, OWL.Class)) if str(c).startswith(_NS)), key=str)
    out = []
    for c in [*own, *REUSED]:
        name = c.split("#")[-1] if str(c).startswith(_NS) else curie(c)
        fact = (c, RDFS.subClassOf, EVKG.Fact) in g or c == EVKG.Fact
        props = _class_props(g, c, name)
        out.append(ClassDoc(name, _label(g, c, RDFS.label, "en"), _label(g, c, RDFS.label, "zh"),
                            _label(g, c, RDFS.comment, "en"),
                            tuple(curie(a).removeprefix("evkg:") for a in g.objects(c, RDFS.subClassOf)),
                            bool(g.value(c, OWL.deprecated)), props, example_query(name, props, fact)))
    return out


def examples(directory: Path = EXAMPLES_DIR) -> list[Example]:
    """docs/examples/*.rq: a title line, lines of explanation (comments), then the query."""
    out = []
    for path in sorted(directory.glob("*.rq")):
        lines = path.read_text(encoding="utf-8").splitlines()
        comments = [line[2:] if line.startswith("# ") else line[1:] for line in lines if line.startswith("#")]
        query = "\n".join(line for line in lines if not line.startswith("#")).strip()
        out.append(Example(path.stem, comments[0], " ".join(comments[1:]), query))
    return out


def _anchor(name: str) -> str:
    return name.lower().replace(":", "")


def _section(c: ClassDoc) -> list[str]:
    out = [f"### {c.name}", "", f"**{c.en}** / {c.zh}" + (f" — subclass of {', '.join(c.parents)}"
                                                         if c.parents else ""), ""]
    if c.deprecated:
        out += ["*Deprecated: no longer written; kept so that older graphs still read.*", ""]
    if c.comment:
        out += [c.comment, ""]
    if c.props:
        out += ["| property | range | label | 中文 | meaning |", "|---|---|---|---|---|"]
        out += [f"| `{p.name}` | {p.range} | {p.en} | {p.zh} | {p.comment} |" for p in c.props]
        out.append("")
    if c.name in KIND_CLASS_NAMES:
        out += ["Also the properties of [Fact](#fact).", ""]
    out += ["```sparql", c.example, "```", ""]
    return out


KIND_CLASS_NAMES = {str(c).split("#")[-1] for c in KIND_CLASS.values()}


def render(docs: list[ClassDoc], questions: list[Example]) -> str:
    out = ["# The evkg model", "",
           "Generated by `python tools/model_doc.py` from `ontology/evkg.ttl`, `ontology/details.tsv` and",
           "`docs/examples/*.rq`; do not edit by hand. `tests/system/test_model_doc.py` runs every query below",
           "against the seeds' graph and checks its answer.", "",
           "Every document is a named graph; the default graph of `evkg query` is the union of all of them.",
           "Run a query with `evkg query docs/examples/3_hr_ci_excludes_one.rq` or `evkg query '...'`.",
           "Prefixes: " + ", ".join(f"`{k}:` <{v}>" for k, v in PREFIXES.items()) + ".", "",
           "## Numbers are typed", "",
           "Every number is a typed literal, so `FILTER` and `ORDER BY` compare numbers: `evkg:value`,",
           "`evkg:ciLow`, `evkg:ciHigh`, `evkg:ciLevel`, `evkg:pValue`, `evkg:sd`, `evkg:iqrLow` / `evkg:iqrHigh`,",
           "`evkg:rangeLow` / `evkg:rangeHigh` are `xsd:decimal`; `evkg:numerator`, `evkg:denominator` and",
           "`evkg:armSize` are `xsd:integer`; a reference's year is `evkg:year`, an `xsd:gYear`. A number printed",
           "`0·62`, `.48`, `1,726` or `−1.5` is the decimal 0.62, 0.48, 1726, -1.5; a p-value printed",
           "`P < .001` is `evkg:pValue 0.001` with `evkg:pComparator \"<\"` (`=` is no comparator). The quote",
           "(`oa:exact`) keeps what was printed; text that states no number (`NA`) is not written as one.",
           "Exports print these numbers as plain decimals (`0·80` -> `0.8`, `< .001` -> `<0.001`).", "",
           "## What a fact costs", "", COST, "",
           "## Questions", ""]
    out += [f"- [{q.title}](#{_anchor(q.name)})" for q in questions]
    out.append("")
    for q in questions:
        out += [f'<a id="{_anchor(q.name)}"></a>', f"### {q.title}", "", q.text, "",
                f"`evkg query docs/examples/{q.name}.rq`", "", "```sparql", q.query, "```", ""]
    out += ["## Classes", "", ", ".join(f"[{c.name}](#{_anchor(c.name)})" for c in docs), ""]
    for c in docs:
        out += _section(c)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render(classes(load()), examples())
    if "--check" in argv:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{DOC_PATH} is out of date: run python tools/model_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"written {DOC_PATH} ({text.count('### ')} sections)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
