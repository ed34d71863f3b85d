"""A SPARQL syntax error said in one line a person can act on: where (line, column), what was
found there, and what the grammar expected; an undeclared prefix is named with the PREFIX line
to add. Never a dump of the grammar's character ranges.

Oxigraph's parser says what it expected (`error at 1:16: expected one of DISTINCT, WHERE`);
rdflib's (the guard's) says only `Expected SelectQuery`. So a text rdflib refuses is parsed by
Oxigraph too, over an empty in-memory store (parsing is all that happens: its solutions are
never read), for the message; rdflib's position is the fallback.
"""
from __future__ import annotations

import re

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from evkg.core.namespace import BIBO, CITO, EVKG_IRI, FABIO, OA

# The prefixes evkg's graph uses, for the PREFIX line an error suggests (and `evkg query`'s Turtle).
KNOWN_PREFIXES = {"evkg": EVKG_IRI, "oa": str(OA), "dcterms": str(DCTERMS), "prov": str(PROV), "rdf": str(RDF),
                  "rdfs": str(RDFS), "xsd": str(XSD), "fabio": str(FABIO), "bibo": str(BIBO), "cito": str(CITO),
                  "skos": str(SKOS)}
_OXIGRAPH = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_MAX_EXPECTED = 8


def prefix_line(prefix: str) -> str:
    iri = KNOWN_PREFIXES.get(prefix)
    return f"PREFIX {prefix}: <{iri}>" if iri else f"PREFIX {prefix}: <...>"


def undeclared_prefix(text: str, prefix: str) -> str:
    """The message for a prefixed name whose prefix no PREFIX line declares."""
    m = re.search(rf"(?<![\w<\"'#/.:-]){re.escape(prefix)}:", text)
    where = _where(text, m.start()) if m else ""
    return (f"SPARQL syntax error{where}: prefix {prefix}: is not declared; "
            f"add `{prefix_line(prefix)}` before the query")


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f" at line {line}, column {column}"


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(ln) + 1 for ln in lines[:line - 1]) + column - 1


def _found(text: str, offset: int) -> str:
    rest = text[offset:].lstrip()
    if not rest:
        return "the end of the query"
    token = re.match(r"[\w?$:.-]+|\S", rest).group(0)
    return repr(token[:30])


def _expected(grammar: str) -> str:
    """Oxigraph's `expected one of A, B, [_]` with the character classes left out."""
    items = [i.strip() for i in re.findall(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,\s][^,]*', grammar.replace("\n", " "))]
    words = [i for i in items if i and not i.startswith("[") and "\\u" not in i and i != "Prefix not found"]
    if not words:
        return ""
    shown = ", ".join(words[:_MAX_EXPECTED]) + (", ..." if len(words) > _MAX_EXPECTED else "")
    return ("expected one of " if len(words) > 1 else "expected ") + shown


def _oxigraph(text: str, message: str) -> tuple[int, int, str] | None:
    """(line, column, what was expected) from Oxigraph's message, or None."""
    m = _OXIGRAPH.match(message.strip())
    if not m:
        return None
    grammar = m.group(3)
    if "Prefix not found" in grammar:
        return int(m.group(1)), int(m.group(2)), "Prefix not found"
    return int(m.group(1)), int(m.group(2)), _expected(grammar.split("expected", 1)[-1].replace("one of", "", 1))


def explain(text: str, message: str, line: int | None = None, column: int | None = None) -> str:
    """One line for a syntax error in `text`: Oxigraph's `message` says what it expected (and where it
    gave up); `line` / `column`, when given, are where the failing construct starts (rdflib's)."""
    ox = _oxigraph(text, message)
    if ox is None and not line:
        return f"SPARQL syntax error: {' '.join(message.split())[:300]}"
    if ox and ox[2] == "Prefix not found":
        pm = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", text[:_offset(text, ox[0], ox[1])])
        if pm:
            return undeclared_prefix(text, pm.group(1) or "")
    at_line, at_column = (line, column) if line and column else ox[:2]
    found = _found(text, _offset(text, at_line, at_column))
    out = f"SPARQL syntax error at line {at_line}, column {at_column}: found {found}"
    if ox and ox[2] and ox[2] != "Prefix not found":
        out += f"; {ox[2]}" + ("" if ox[:2] == (at_line, at_column) else f" at line {ox[0]}, column {ox[1]}")
    return out


def syntax_error(text: str, line: int | None = None, column: int | None = None) -> str:
    """The message for a text rdflib refused at `line`, `column` (the start of what failed), with
    what Oxigraph expected."""
    import pyoxigraph as ox
    try:
        ox.Store().query(text)   # parsed and planned, never evaluated: nothing is read from it
    except SyntaxError as e:
        return explain(text, str(e), line, column)
    except Exception:  # noqa: BLE001 - only the parse is of interest here
        pass
    return explain(text, "", line, column) if line and column else "SPARQL syntax error"
