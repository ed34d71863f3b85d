"""docs/model.md generated from ontology/evkg.ttl: each class with its labels, its properties and
one example SPARQL query (which tests/test_model_doc.py runs against the seeds' graph).

    python tools/model_doc.py            # rewrite docs/model.md
    python tools/model_doc.py --check    # exit 1 when docs/model.md is out of date
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from evkg.core.namespace import EVKG
from evkg.core.resources import ontology_dir

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "model.md"
_NS = str(EVKG)
_PREFIXES = ("PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
# Properties worth showing in a fact class's example beyond those declared on the class itself:
# the evidence-table columns that kind fills. (Documentation choice, not extraction data.)
FEATURED = {
    "Condition": ("code",), "Procedure": ("code",), "Drug": ("code",), "Device": ("code",),
    "Dose": ("code", "value", "unit", "route", "schedule"),
    "Endpoint": ("code", "role", "timeframe"),
    "Outcome": ("code", "value", "unit", "arm", "numerator", "denominator", "ciLow", "ciHigh", "pValue",
                "refNumber"),
    "Recommendation": ("label", "evidenceLevel", "strength", "gradingSystem", "certainty"),
    "Statement": ("label",),
    "Citation": ("label", "refNumber", "citedReference"),
    "Reference": ("refNumber", "authors", "year", "title", "journal", "doi"),
    "SampleSize": ("value", "unit"), "StudyDesign": ("code",),
    "Arm": ("label", "value", "denominator", "interventions"),
    "Regimen": ("code", "components"),
    "Document": ("documentType", "nctId", "layout"),
    "Fact": ("kind", "code", "value", "unit", "arm", "refNumber"),
    "Extractor": ("extractorVersion",),
}
# How a node of a class is tied to a document id in the example queries.
_DOC_LINK = {"Document": "dcterms:identifier ?doc", "Extractor": None}


@dataclass(frozen=True)
class Prop:
    name: str
    kind: str     # datatype or object
    en: str
    zh: str
    comment: str


@dataclass(frozen=True)
class ClassDoc:
    name: str
    en: str
    zh: str
    comment: str
    parents: tuple[str, ...]
    deprecated: bool
    own: tuple[Prop, ...]
    inherited: tuple[str, ...]
    example: str


def _label(g: Graph, node: URIRef, pred: URIRef, lang: str) -> str:
    for o in g.objects(node, pred):
        if getattr(o, "language", None) == lang:
            return str(o)
    return ""


def _local(node) -> str:
    return str(node)[len(_NS):] if str(node).startswith(_NS) else str(node)


def load() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "evkg.ttl", format="turtle")
    return g


def _prop(g: Graph, p: URIRef) -> Prop:
    kind = "object" if (p, RDF.type, OWL.ObjectProperty) in g else "datatype"
    return Prop(_local(p), kind, _label(g, p, RDFS.label, "en"), _label(g, p, RDFS.label, "zh"),
                _label(g, p, RDFS.comment, "en"))


def classes(g: Graph) -> list[ClassDoc]:
    props = [p for p in g.subjects(RDF.type, None) if str(p).startswith(_NS)
             and ((p, RDF.type, OWL.DatatypeProperty) in g or (p, RDF.type, OWL.ObjectProperty) in g)]
    out = []
    for c in sorted(set(g.subjects(RDF.type, OWL.Class)), key=str):
        if not str(c).startswith(_NS):
            continue
        ancestors = [a for a in g.transitive_objects(c, RDFS.subClassOf) if a != c]
        own = tuple(sorted((_prop(g, p) for p in props if (p, RDFS.domain, c) in g), key=lambda p: p.name))
        inherited = tuple(sorted({_local(a) for p in props for a in ancestors if (p, RDFS.domain, a) in g}))
        name = _local(c)
        out.append(ClassDoc(name, _label(g, c, RDFS.label, "en"), _label(g, c, RDFS.label, "zh"),
                            _label(g, c, RDFS.comment, "en"),
                            tuple(_local(a) if str(a).startswith(_NS) else g.namespace_manager.normalizeUri(a)
                                  for a in g.objects(c, RDFS.subClassOf)),
                            bool(g.value(c, OWL.deprecated)), own, inherited, example_query(name, own, inherited)))
    return out


def _var(prop: str) -> str:
    return "?" + prop.replace("-", "_")


def example_query(name: str, own: tuple[Prop, ...], inherited: tuple[str, ...]) -> str:
    """SELECT a few nodes of the class with their document and the properties that tell them apart."""
    shown = list(dict.fromkeys(list(FEATURED.get(name, ())) + [p.name for p in own if p.kind == "datatype"]))
    shown = [p for p in shown if p not in ("fullText", "sha256", "sourcePath")][:8]
    link = _DOC_LINK.get(name, "evkg:inDocument/dcterms:identifier ?doc")
    variables = (["?doc"] if link else []) + ["?node", "?label"]
    # Nodes that are not facts (arms, results) have no evkg:inDocument: the document is optional.
    patterns = [f"    ?node a evkg:{name} ." if name != "Document" else f"    ?node a evkg:{name} ; {link} .",
                *([f"    OPTIONAL {{ ?node {link} }}"] if link and name != "Document" else []),
                "    OPTIONAL { ?node rdfs:label ?label }"]
    for p in shown:
        if p in ("code", "label"):
            if "?name" not in variables:
                variables.append("?name")
                patterns.append("    OPTIONAL { ?node evkg:label|evkg:code ?name }")
            continue
        variables.append(_var(p))
        patterns.append(f"    OPTIONAL {{ ?node evkg:{p} {_var(p)} }}")
    return _PREFIXES + "\n".join([f"SELECT {' '.join(variables)}", "WHERE {", "  GRAPH ?g {", *patterns,
                                   "  }", "}", "LIMIT 5"])


def render(docs: list[ClassDoc]) -> str:
    out = ["# The evkg model", "",
           "Generated by `python tools/model_doc.py` from `ontology/evkg.ttl`; do not edit by hand.",
           "Every document is a named graph; run the examples with `evkg query '...'` (the default graph",
           "is the union of all documents). Labels of statements and arms are read with",
           "`evkg:label|evkg:code`, which works before and after the code / label split.", "",
           "Classes: " + ", ".join(f"[{c.name}](#{c.name.lower()})" for c in docs), ""]
    for c in docs:
        out += [f"## {c.name}", "", f"**{c.en}** / {c.zh}" + (f" — subclass of {', '.join(c.parents)}"
                                                             if c.parents else ""), ""]
        if c.deprecated:
            out += ["*Deprecated: no longer written; kept so that older graphs still read.*", ""]
        if c.comment:
            out += [c.comment, ""]
        if c.own:
            out += ["| property | type | label | 中文 | meaning |", "|---|---|---|---|---|"]
            out += [f"| `evkg:{p.name}` | {p.kind} | {p.en} | {p.zh} | {p.comment} |" for p in c.own]
            out.append("")
        if c.inherited:
            out += ["Also the properties of " + ", ".join(f"[{a}](#{a.lower()})" for a in c.inherited) + ".", ""]
        out += ["```sparql", c.example, "```", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render(classes(load()))
    if "--check" in argv:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{DOC_PATH} is out of date: run python tools/model_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"written {DOC_PATH} ({text.count('## ')} classes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
