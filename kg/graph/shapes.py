"""SHACL validation of document graphs against ontology/shapes.ttl.

Two checkers read the same shapes file:

- `check_document` runs on every document's own graph before ingest stores it. It evaluates
  the SHACL Core subset shapes.ttl uses (targets by class; property paths that are one IRI;
  counts, datatype, in, class, pattern, minInclusive, minLength, node, qualified value
  shapes) in plain Python over an index of the triples: about 20x faster than pyshacl,
  which would double the time of an ingest. A shapes file using anything else is refused
  on load, so the subset cannot silently skip a constraint.
- `validate_graph` runs pyshacl itself over one graph; `evkg validate` runs it over a store one
  named graph at a time (kg/store/validate.py), so memory stays that of the largest document.

tests/unit/kg/graph/test_validate.py checks that both agree on the seeds and on broken graphs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import XSD

from evkg.core.errors import EvkgError
from evkg.core.namespace import ONTOLOGY_DIR

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
_PARAMETERS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH["class"], SH.pattern,
               SH.minInclusive, SH.minLength, SH.node, SH.qualifiedValueShape, SH.qualifiedMinCount,
               SH.qualifiedMaxCount, SH.message, SH.name, SH.description}
_NODE_PARAMETERS = {SH.targetClass, SH.property, SH["class"], SH.message, RDF.type}


class ShapeViolation(EvkgError):
    """A document's graph breaks a shape: a bug in evkg, so the document is not stored."""

    def __init__(self, doc_id: str, shape: str, focus: str, reason: str):
        self.doc_id, self.shape, self.focus, self.reason = doc_id, shape, focus, reason
        super().__init__(f"{doc_id}: not stored: its graph breaks {shape} at <{focus}> ({reason}); "
                         "this is a bug in evkg, please report it with this file")

    @staticmethod
    def of_file(refused: list[ShapeViolation]) -> EvkgError:
        """One error for the records of one file that were not stored (the others were)."""
        return refused[0] if len(refused) == 1 else EvkgError("; ".join(map(str, refused)))


class ShapesError(EvkgError):
    """shapes.ttl uses SHACL the built-in checker does not evaluate."""


@dataclass(frozen=True)
class Property:
    path: URIRef
    name: str
    min_count: int | None = None
    max_count: int | None = None
    datatype: URIRef | None = None
    allowed: frozenset | None = None
    cls: URIRef | None = None
    pattern: re.Pattern | None = None
    min_inclusive: Literal | None = None
    min_length: int | None = None
    node: URIRef | None = None
    qualified: URIRef | None = None
    qualified_min: int | None = None
    qualified_max: int | None = None


@dataclass(frozen=True)
class Shape:
    name: str
    target: URIRef | None
    cls: URIRef | None
    properties: tuple[Property, ...]


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: str
    triples: int


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _one(g: Graph, s, p):
    return g.value(s, p)


def _int(g: Graph, s, p) -> int | None:
    v = g.value(s, p)
    return None if v is None else int(v)


def _property(g: Graph, node) -> Property:
    unknown = set(g.predicates(node)) - _PARAMETERS
    path = _one(g, node, SH.path)
    if unknown or not isinstance(path, URIRef):
        raise ShapesError(f"{SHAPES_FILE}: a property shape uses {sorted(map(str, unknown)) or 'a complex path'}, "
                          "which kg/graph/shapes.py does not evaluate; add it there or simplify the shape")
    allowed = _one(g, node, SH["in"])
    pattern = _one(g, node, SH.pattern)
    return Property(path, _local(path), _int(g, node, SH.minCount), _int(g, node, SH.maxCount),
                    _one(g, node, SH.datatype),
                    frozenset(Collection(g, allowed)) if allowed is not None else None,
                    _one(g, node, SH["class"]), re.compile(str(pattern)) if pattern is not None else None,
                    _one(g, node, SH.minInclusive), _int(g, node, SH.minLength), _one(g, node, SH.node),
                    _one(g, node, SH.qualifiedValueShape), _int(g, node, SH.qualifiedMinCount),
                    _int(g, node, SH.qualifiedMaxCount))


@lru_cache(maxsize=1)
def load_shapes() -> dict[URIRef, Shape]:
    g = _shapes_graph()
    shapes = {}
    for s in set(g.subjects(RDF.type, SH.NodeShape)):
        unknown = set(g.predicates(s)) - _NODE_PARAMETERS
        if unknown:
            raise ShapesError(f"{SHAPES_FILE}: {_local(s)} uses {sorted(map(str, unknown))}, which "
                              "kg/graph/shapes.py does not evaluate; add it there or simplify the shape")
        shapes[s] = Shape(_local(s), _one(g, s, SH.targetClass), _one(g, s, SH["class"]),
                          tuple(_property(g, p) for p in g.objects(s, SH.property)))
    return shapes


class GraphIndex:
    """subject -> predicate -> its object, or the list of its objects where it has several (a
    graph holds a triple once), and the classes of each node. Built once per document for the
    shape check; the ingest also reads the document's fact count and search rows from it
    (kg/store/stats.py indexed_fact_count, kg/store/search.py indexed_entry). Most predicates of a node have one
    object: a dict or list for each took 140 MB more for the graph of a 10 MB text."""

    def __init__(self, triples: Iterable[tuple]):
        out: dict = {}
        for s, p, o in triples:
            by_p = out.get(s)
            if by_p is None:
                out[s] = {p: o}
                continue
            known = by_p.get(p, _NONE)
            if known is _NONE:
                by_p[p] = o
            elif type(known) is list:
                if o not in known:
                    known.append(o)
            elif known != o:
                by_p[p] = [known, o]
        rdf_type = RDF.type
        self.out = out
        # As sets: a class is looked up in them for every value a shape constrains by class.
        self.types = {s: frozenset(_many(by_p[rdf_type])) for s, by_p in out.items() if rdf_type in by_p}

    def values(self, s, p) -> list:
        return _many(self.out.get(s, {}).get(p, _NONE))


_NONE = object()
_NO_VALUES: dict = {}


def _many(known) -> list:
    """The objects an index entry holds, as a list."""
    if known is _NONE:
        return []
    return list(known) if type(known) is list else [known]


def _value_problem(v, c: Property, idx: GraphIndex, shapes) -> str | None:
    if c.datatype is not None:
        dt = v.datatype if isinstance(v, Literal) else None
        if not isinstance(v, Literal) or v.language or (dt or XSD.string) != c.datatype \
                or getattr(v, "ill_typed", False):
            return f"{v!r} is not {_local(c.datatype)}"
    if c.allowed is not None and v not in c.allowed:
        return f"{v!r} is not one of the allowed values"
    if c.cls is not None and c.cls not in idx.types.get(v, ()):
        return f"{v} is not a {_local(c.cls)}"
    if c.pattern is not None and (isinstance(v, BNode) or not c.pattern.search(str(v))):
        return f"{v!r} does not match {c.pattern.pattern}"
    if c.min_length is not None and (isinstance(v, BNode) or len(str(v)) < c.min_length):
        return f"{v!r} is shorter than {c.min_length}"
    if c.min_inclusive is not None and not (isinstance(v, Literal) and _ge(v, c.min_inclusive)):
        return f"{v!r} is below {c.min_inclusive}"
    if c.node is not None:
        inner = next(_focus_problems(shapes[c.node], v, idx, shapes), None)
        if inner:
            return f"{v} breaks {shapes[c.node].name}: {inner}"
    return None


def _ge(v: Literal, low: Literal) -> bool:
    try:
        return v.toPython() >= low.toPython()
    except TypeError:
        return False


def _focus_problems(shape: Shape, focus, idx: GraphIndex, shapes) -> Iterator[str]:
    if shape.cls is not None and shape.cls not in idx.types.get(focus, ()):
        yield f"not a {_local(shape.cls)}"
    by_p = idx.out.get(focus, _NO_VALUES)  # looked up once for all the shape's properties
    for c in shape.properties:
        values = _many(by_p.get(c.path, _NONE))
        name = c.name
        if c.min_count is not None and len(values) < c.min_count:
            yield f"{name} has {len(values)} values, at least {c.min_count} needed"
        if c.max_count is not None and len(values) > c.max_count:
            yield f"{name} has {len(values)} values, at most {c.max_count} allowed"
        if c.qualified is not None:
            n = sum(1 for v in values if not next(_focus_problems(shapes[c.qualified], v, idx, shapes), None))
            q = shapes[c.qualified].name
            if c.qualified_min is not None and n < c.qualified_min:
                yield f"{name} has {n} values that are {q}, at least {c.qualified_min} needed"
            if c.qualified_max is not None and n > c.qualified_max:
                yield f"{name} has {n} values that are {q}, at most {c.qualified_max} allowed"
        for v in values:
            problem = _value_problem(v, c, idx, shapes)
            if problem:
                yield f"{name}: {problem}"


def violations(triples: Iterable[tuple] | GraphIndex) -> Iterator[tuple[str, str, str]]:
    """(shape, focus node, reason) for every focus node that breaks a shape with a target."""
    shapes = load_shapes()
    idx = triples if isinstance(triples, GraphIndex) else GraphIndex(triples)
    by_class: dict = {}
    for s, classes in idx.types.items():
        for c in classes:
            by_class.setdefault(c, []).append(s)
    for shape in shapes.values():
        for focus in by_class.get(shape.target, ()) if shape.target is not None else ():
            for reason in _focus_problems(shape, focus, idx, shapes):
                yield shape.name, str(focus), reason


def check_document(doc_id: str, triples: Iterable[tuple]) -> GraphIndex:
    """The index of the document's triples, checked: raises ShapeViolation naming the document,
    the first broken shape and its focus node."""
    idx = GraphIndex(triples)
    for shape, focus, reason in violations(idx):
        raise ShapeViolation(doc_id, shape, focus, reason)
    return idx


@lru_cache(maxsize=1)
def _shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate_graph(data: Graph) -> Validation:
    """pyshacl over one graph. No ontology graph: the data states every class it is checked for,
    and merging the ontology in would copy the data graph for nothing."""
    from pyshacl import validate  # 0.1 s of imports that only this check needs
    conforms, _, text = validate(data, shacl_graph=_shapes_graph(), inference="none", allow_warnings=True)
    return Validation(bool(conforms), text, len(data))

