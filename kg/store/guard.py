"""What the read-only SPARQL endpoint accepts: queries only, over this store only.

The text is parsed (rdflib's SPARQL 1.1 grammar), not searched for keywords, so a
keyword inside a string or a comment neither hides nor fakes an update or a SERVICE.

The guard must judge the very text the engine runs. SPARQL lets `\\uXXXX` and
`\\UXXXXXXXX` stand for any character anywhere in a query, to be replaced before
parsing; rdflib does that, Oxigraph does not, so one text could be a harmless string
to the guard and a SERVICE call to the engine. The escapes are therefore replaced here,
once, and the engine is handed that replaced text (`CheckedQuery.text`). Besides, an
escape may not spell a character that opens or closes a string, an IRI or a comment
(those are what let two readers of one text disagree), and no escape may be left after
the one pass, so neither parser has anything left to expand. Line breaks are made LF
first: a lone CR ends a comment for Oxigraph but not for rdflib, so a SERVICE after one
was code to the engine and comment to the guard.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from evkg.core.errors import QueryError
from evkg.kg.store.syntax import syntax_error, undeclared_prefix

_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "describe"}
# rdflib's names for the update operations, as a user would write them.
_UPDATE_WORDS = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                 "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}
# SPARQL 1.1 §19.2 codepoint escapes. The leftover check is looser (any \u or \U and four
# hex digits) because rdflib's own pass reads `\u` followed by eight digits as one escape.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LEFTOVER = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_LINE_BREAK = re.compile(r"\r\n?")
_DELIMITERS = frozenset("\"'<>#\\\n\r")


class RefusedQuery(QueryError):
    """A request the read-only endpoint will not run; the message says why."""


@dataclass(frozen=True)
class CheckedQuery:
    form: str                      # select, ask, construct or describe
    dataset: tuple[str, ...]       # IRIs named by FROM and FROM NAMED, resolved against BASE/PREFIX
    text: str                      # the query as judged, escapes replaced: the text to run


def _character(m: re.Match) -> str:
    code = int(m.group(1) or m.group(2), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise RefusedQuery(f"{m.group(0)} is not a Unicode character; write the character itself")
    if chr(code) in _DELIMITERS:
        raise RefusedQuery(f"{m.group(0)} spells {chr(code)!r}, which opens or closes a string, an IRI "
                           "or a comment; write it as itself (inside a string as \\\" or \\')")
    return chr(code)


def expand_escapes(text: str) -> str:
    """`text` with every codepoint escape replaced by its character, once (SPARQL 1.1 §19.2)."""
    expanded = _CODEPOINT.sub(_character, text)
    leftover = _LEFTOVER.search(expanded)
    if leftover:
        raise RefusedQuery(f"the escapes of this query spell another escape ({leftover.group(0)}); "
                           "write the characters themselves")
    return expanded


def _walk(node):
    """Every CompValue below a parse result, depth first."""
    if isinstance(node, CompValue):
        yield node
        children = node.values()
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        children = node
    else:
        return
    for child in children:
        yield from _walk(child)


def _update_words(text: str) -> list[str] | None:
    """The operations of `text` if it parses as an update, else None."""
    try:
        ops = parseUpdate(text).request or []
    except Exception:  # ParseException, and whatever rdflib's parse actions raise
        return None
    return [_UPDATE_WORDS.get(op.name, op.name) for op in ops] or None


@lru_cache(maxsize=512)
def check_query(text: str) -> CheckedQuery:
    """Accept a SPARQL query or raise RefusedQuery saying why (update, SERVICE, escapes, syntax).
    Run `CheckedQuery.text`, never `text`: only that is what was judged."""
    expanded = expand_escapes(_LINE_BREAK.sub("\n", text))
    try:
        parsed = parseQuery(expanded)
    except Exception as e:  # ParseException, and whatever rdflib's parse actions raise
        words = _update_words(expanded)
        if words:
            raise RefusedQuery(f"this endpoint is read-only: updates ({', '.join(dict.fromkeys(words))}) "
                               "are refused") from None
        raise RefusedQuery(syntax_error(expanded, getattr(e, "lineno", None), getattr(e, "col", None))) from None
    query = parsed[-1]
    nodes = list(_walk(query))
    declared = {str(dict.get(n, "prefix") or "") for n in _walk(parsed[0]) if n.name == "PrefixDecl"}
    used = [str(dict.get(n, "prefix") or "") for n in nodes if n.name == "pname"]
    missing = next((p for p in used if p not in declared), None)
    if missing is not None:
        raise RefusedQuery(undeclared_prefix(expanded, missing))
    # CompValue.get resolves names against query variables; plain dict access reads the parse.
    services = [str(dict.get(n, "term")) for n in nodes if n.name == "ServiceGraphPattern"]
    if services:
        raise RefusedQuery(f"SERVICE is refused: this endpoint queries only its own store "
                           f"(asked for {', '.join(services)})")
    return CheckedQuery(_FORMS[query.name], _dataset(parsed[0], nodes), expanded)


def _dataset(prologue_parse, nodes) -> tuple[str, ...]:
    """The IRIs of FROM and FROM NAMED, prefixed names and relative IRIs resolved by the prologue."""
    try:
        prologue = translatePrologue(prologue_parse, None)
        return tuple(str(prologue.absolutize(dict.get(n, "default") or dict.get(n, "named")))
                     for n in nodes if n.name == "DatasetClause")
    except Exception as e:  # rdflib raises a bare Exception for what its prologue cannot resolve
        raise RefusedQuery(f"SPARQL syntax error: {e}") from None


def check_dataset(dataset: tuple[str, ...], is_stored: Callable[[str], bool]) -> None:
    """FROM / FROM NAMED may only name graphs of this store: anything else would be a fetch."""
    foreign = [iri for iri in dataset if not is_stored(iri)]
    if foreign:
        raise RefusedQuery(f"FROM / FROM NAMED may only name graphs of this store; not here: "
                           f"{', '.join(foreign)}")
