"""What the read-only SPARQL endpoint accepts: queries only, over this store only.

The text is parsed (rdflib's SPARQL 1.1 grammar), not searched for keywords, so a
keyword inside a string or a comment neither hides nor fakes an update or a SERVICE.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from core.errors import QueryError

_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "describe"}
# rdflib's names for the update operations, as a user would write them.
_UPDATE_WORDS = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                 "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}


class RefusedQuery(QueryError):
    """A request the read-only endpoint will not run; the message says why."""


@dataclass(frozen=True)
class CheckedQuery:
    form: str                      # select, ask, construct or describe
    dataset: tuple[str, ...]       # IRIs named by FROM and FROM NAMED


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
        parsed = parseUpdate(text)
    except ParseException:
        return None
    return [_UPDATE_WORDS.get(op.name, op.name) for op in parsed.request]


@lru_cache(maxsize=512)
def check_query(text: str) -> CheckedQuery:
    """Accept a SPARQL query or raise RefusedQuery saying why (update, SERVICE, syntax)."""
    try:
        parsed = parseQuery(text)
    except ParseException as e:
        words = _update_words(text)
        if words:
            raise RefusedQuery(f"this endpoint is read-only: updates ({', '.join(dict.fromkeys(words))}) "
                               "are refused") from None
        raise RefusedQuery(f"SPARQL syntax error: {e}") from None
    query = parsed[-1]
    nodes = list(_walk(query))
    # CompValue.get resolves names against query variables; plain dict access reads the parse.
    services = [str(dict.get(n, "term")) for n in nodes if n.name == "ServiceGraphPattern"]
    if services:
        raise RefusedQuery(f"SERVICE is refused: this endpoint queries only its own store "
                           f"(asked for {', '.join(services)})")
    dataset = tuple(str(dict.get(n, "default") or dict.get(n, "named")) for n in nodes if n.name == "DatasetClause")
    return CheckedQuery(_FORMS[query.name], dataset)


def check_dataset(dataset: tuple[str, ...], is_stored: Callable[[str], bool]) -> None:
    """FROM / FROM NAMED may only name graphs of this store: anything else would be a fetch."""
    foreign = [iri for iri in dataset if not is_stored(iri)]
    if foreign:
        raise RefusedQuery(f"FROM / FROM NAMED may only name graphs of this store; not here: "
                           f"{', '.join(foreign)}")
