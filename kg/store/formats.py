"""SPARQL results as bytes in the format a client asks for, cut at a row cap.

Solutions are written here rather than by pyoxigraph's serializer because a capped result
is a prefix of the solutions, which pyoxigraph cannot serialize on its own; the rows are
read lazily, so a cap also stops the evaluation.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

JSON = "application/sparql-results+json"
CSV = "text/csv"
TSV = "text/tab-separated-values"
NTRIPLES = "application/n-triples"
TURTLE = "text/turtle"
_SOLUTION_TYPES = {JSON: JSON, "application/json": JSON, CSV: CSV, TSV: TSV}
_GRAPH_TYPES = {NTRIPLES: ox.RdfFormat.N_TRIPLES, TURTLE: ox.RdfFormat.TURTLE}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Answer:
    content_type: str
    body: bytes
    rows: int
    truncated: bool


def negotiate(accept: str, offered: dict[str, object], default: str) -> str:
    """The offered media type the Accept header prefers (q values honoured), else `default`
    (for wildcards, and leniently for types not offered)."""
    best, best_q = default, 0.0
    for part in (accept or "").split(","):
        media, *params = (p.strip().lower() for p in part.split(";"))
        q = next((float(p[2:]) for p in params if p.startswith("q=") and _is_number(p[2:])), 1.0)
        if media in offered and q > best_q:
            best, best_q = media, q
    return best


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}  # RDF-star, rare here


def _csv_value(t) -> str:
    if t is None:
        return ""
    return "_:" + t.value if isinstance(t, ox.BlankNode) else getattr(t, "value", str(t))


def _solutions(res: ox.QuerySolutions, media: str, cap: int) -> Answer:
    names = [v.value for v in res.variables]
    rows = [[sol[n] for n in names] for sol in islice(res, cap + 1)]
    truncated = len(rows) > cap
    rows = rows[:cap]
    if media == JSON:
        doc = {"head": {"vars": names},
               "results": {"bindings": [{n: _json_term(t) for n, t in zip(names, r) if t is not None}
                                        for r in rows]}}
        if truncated:
            doc["truncated"] = True  # not in the standard; the X-Truncated header says the same
        body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    elif media == CSV:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([_csv_value(t) for t in r] for r in rows)
        body = out.getvalue().encode("utf-8")
    else:  # TSV: terms in N-Triples syntax, which escapes tabs and newlines
        lines = ["\t".join("?" + n for n in names)] + ["\t".join("" if t is None else str(t) for t in r)
                                                        for r in rows]
        body = ("\n".join(lines) + "\n").encode("utf-8")
    return Answer(media, body, len(rows), truncated)


def _boolean(value: bool, media: str) -> Answer:
    if media == JSON:
        return Answer(JSON, json.dumps({"head": {}, "boolean": value}).encode(), 1, False)
    return Answer(media, b"true\n" if value else b"false\n", 1, False)


def _graph(triples, media: str, cap: int) -> Answer:
    kept = list(islice(triples, cap + 1))
    truncated = len(kept) > cap
    kept = [ox.Triple(t.subject, t.predicate, t.object) for t in kept[:cap]]
    return Answer(media, ox.serialize(kept, format=_GRAPH_TYPES[media]), len(kept), truncated)


def answer(result, accept: str, cap: int) -> Answer:
    """Serialize a pyoxigraph result (solutions, boolean, triples) as the client prefers."""
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, _SOLUTION_TYPES[negotiate(accept, _SOLUTION_TYPES, JSON)], cap)
    if isinstance(result, ox.QueryBoolean):
        return _boolean(bool(result), _SOLUTION_TYPES[negotiate(accept, _SOLUTION_TYPES, JSON)])
    return _graph(iter(result), negotiate(accept, _GRAPH_TYPES, NTRIPLES), cap)
