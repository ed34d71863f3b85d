"""Named SPARQL queries kept in queries/*.rq, and SPARQL text run over a store: two calls.

- `run_named(store, name, params)`: a query of queries/ by its name (a SELECT; the library's own
  reads). A name that is not there is an error listing the nearest names.
- `run_sparql(store, text, params)`: SPARQL text of any form (SELECT, ASK, CONSTRUCT, DESCRIBE);
  an update is refused. `evkg query` decides which of the two it was given (kg/cli.py).

Each named query declares its parameters in its header, on its `# Parameters:` line:
`?name (what it is, required)` or `?name (..., optional)`; a name not marked required is
optional. Binding a parameter a query does not declare, or leaving out a required one, is
an error naming the query's parameters, so a misspelt `--param` cannot silently return
every row. SPARQL without such a header may have any of its own variables bound.

A header line `# Scope: the document's own graph when ?doc is given` (optionally `... and the
links graph ...`) says the query's rows of one document live in that document's graph: with
?doc bound it then reads that graph only (`_scope`), which a query built of sub-SELECTs (one
scan of one property each, joined by hash: far cheaper than a lookup per row over a whole
store) needs so as not to scan every document for one.

A query may write `{{name}}` where the text of queries/fragments/NAME.rq belongs (its comment
lines left out): a rule several queries share has one home there (`{{table_row}}`: which facts
are rows of the evidence table).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Literal

from evkg.core.errors import QueryError
from evkg.core.resources import queries_dir
from evkg.kg.store.backends import Result, Store, is_remote, values_clause
from evkg.kg.store.lookup import nearest

QUERY_DIR = queries_dir()
FRAGMENT_DIR = QUERY_DIR / "fragments"
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_FRAGMENT = re.compile(r"\{\{([a-z_]+)\}\}")


@cache
def _named() -> tuple[tuple[str, Path], ...]:
    return tuple((p.stem, p) for p in sorted(QUERY_DIR.glob("*.rq")))


def named_queries() -> dict[str, Path]:
    """queries/*.rq by name (package data: listed once per process, not on every query)."""
    return dict(_named())


def unknown_name(name: str) -> QueryError:
    """The error for a name that is no named query, with the nearest names."""
    named = list(named_queries())
    return QueryError(f"no named query {name!r}{nearest(name, named)}; named queries are: {', '.join(named)}")


@cache
def named_text(name: str) -> str:
    """The SPARQL of a named query, its fragments spliced in (read once per process)."""
    path = named_queries().get(name)
    if path is None:
        raise unknown_name(name)
    return expand(path.read_text(encoding="utf-8"))


@cache
def fragment(name: str) -> str:
    """queries/fragments/NAME.rq without its comment lines."""
    path = FRAGMENT_DIR / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(FRAGMENT_DIR.glob("*.rq")))
        raise QueryError(f"no query fragment {{{{{name}}}}} (queries/fragments/{name}.rq); fragments: {known}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(ln for ln in lines if not ln.lstrip().startswith("#")).strip()


def expand(text: str) -> str:
    """`text` with every `{{name}}` replaced by its fragment."""
    return _FRAGMENT.sub(lambda m: fragment(m.group(1)), text)


@dataclass(frozen=True)
class Parameter:
    name: str
    required: bool
    text: str   # as the header describes it


def declared_parameters(text: str) -> tuple[Parameter, ...] | None:
    """The parameters a query's header declares (`# Parameters:` line), or None without one."""
    line = next((ln for ln in text.splitlines()[:20] if ln.startswith("# Parameters:")), None)
    if line is None:
        return None
    body = line.split(":", 1)[1]
    # Each `?name` owns the text up to the next one: "?doc (document id, required), ?kind (optional)".
    pieces = re.split(r"(?=\?[A-Za-z_])", body)
    out = []
    for piece in pieces:
        m = re.match(r"\?([A-Za-z_][A-Za-z0-9_]*)(.*)", piece.strip())
        if m:
            out.append(Parameter(m.group(1), "required" in m.group(2), piece.strip().rstrip(",; ")))
    return tuple(out)


def check_parameters(text: str, params: Mapping[str, Any], what: str = "this query") -> None:
    """Unknown or missing parameters are errors that list what the query takes."""
    for name in params:
        if not name.isidentifier():
            raise QueryError(f"parameter name {name!r} must be a plain variable name")
    declared = declared_parameters(text)
    if declared is None:   # ad-hoc SPARQL: any of its variables may be bound
        known = set(_VARIABLE.findall(_strip_comments(text)))
        unknown = sorted(set(params) - known)
        if unknown:
            raise QueryError(f"{what} has no variable {', '.join('?' + u for u in unknown)} to bind")
        return
    names = {p.name for p in declared}
    unknown = sorted(set(params) - names)
    missing = [p.name for p in declared if p.required and params.get(p.name) in (None, "")]
    if unknown or missing:
        problem = "; ".join(filter(None, [
            f"unknown parameter {', '.join(unknown)}" if unknown else "",
            f"missing required parameter {', '.join(missing)}" if missing else ""]))
        takes = ", ".join(f"{p.name} ({'required' if p.required else 'optional'})" for p in declared) or "none"
        raise QueryError(f"{what}: {problem}. Its parameters: {takes}")


@dataclass(frozen=True)
class QueryInfo:
    """What a named query's header says: what it gives, what it is for, its parameters and an example."""
    name: str
    summary: str
    purpose: str
    parameters: str
    example: str


_LABEL = re.compile(r"#\s*([A-Z][A-Za-z ]*):\s*(.*)")


def query_info(name: str) -> QueryInfo:
    """The header of queries/NAME.rq: `# name: what it gives` (continued on `#   ` lines), then
    `# Purpose:`, `# Parameters:` and `# Example:` lines."""
    path = named_queries().get(name)
    if path is None:
        raise unknown_name(name)
    fields: dict[str, list[str]] = {"summary": []}
    current = "summary"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        label = _LABEL.match(line)
        if line.startswith(f"# {name}:"):
            current, rest = "summary", line.split(":", 1)[1]
        elif label and not line.startswith("#  "):
            current, rest = label.group(1).lower(), label.group(2)
        else:
            rest = line.lstrip("#")
        fields.setdefault(current, []).append(rest.strip())
    text = {k: " ".join(v).strip() for k, v in fields.items()}
    # The parameters' own line; lines under it say how they count (endpoint_evidence).
    params = fields.get("parameters", ["none"])[0] or "none"
    return QueryInfo(name, text.get("summary", ""), text.get("purpose", ""), params, text.get("example", ""))


def query_catalogue() -> list[QueryInfo]:
    return [query_info(n) for n in named_queries()]


def _strip_comments(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))


_SCOPE = "# Scope: the document's own graph"


def _scope(store: Store, text: str, params: Mapping[str, str] | None,
           graphs: Sequence[str] | None) -> Sequence[str] | None:
    """The named graphs a query reads: `graphs` if given; else, for a query whose header says its
    rows of one document live in that document's graph (`# Scope: the document's own graph ...`),
    that graph when ?doc is bound, so a scan or a join reads one document, not the store.
    `... and the links graph` adds the cross-document links; such a query also looks a link's
    target up in the default graph (every graph's union), which a remote server need not give
    beside named graphs: there it reads every graph."""
    if graphs is not None or not (params or {}).get("doc"):
        return graphs
    line = next((ln for ln in text.splitlines()[:20] if ln.startswith(_SCOPE)), None)
    if line is None:
        return None
    from evkg.kg.graph.ids import graph_iri, linkset_graph_iri
    own = str(graph_iri(str(params["doc"])))
    if "links graph" not in line:
        return [own]
    return None if is_remote(getattr(store, "location", "")) else [own, str(linkset_graph_iri())]


def _bindings(params: Mapping[str, str] | None) -> dict[str, Literal]:
    return {k: Literal(v) for k, v in (params or {}).items() if v is not None}


def run_named(store: Store, name: str, params: Mapping[str, str] | None = None,
              graphs: Sequence[str] | None = None) -> Result:
    """Rows of the named SELECT query `name`; parameters are bound as RDF literals (substituted or
    VALUES), never spliced into its text. `graphs` restricts it to those named graphs."""
    text = named_text(name)
    check_parameters(text, params or {}, f"query {name}")
    return store.select(text, _bindings(params) or None, _scope(store, text, params, graphs))


@dataclass(frozen=True)
class Answer:
    """What a query answers: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""
    form: str
    result: Result | None = None
    boolean: bool | None = None
    triples: tuple = ()


def query_form(text: str) -> str:
    """select, ask, construct or describe, from the parsed query (an update is refused)."""
    from evkg.kg.store.guard import RefusedQuery, check_query
    try:
        return check_query(text).form
    except RefusedQuery as e:
        raise QueryError(str(e).replace("this endpoint is read-only", "evkg query only reads")) from None


def run_sparql(store: Store, text: str, params: Mapping[str, str] | None = None,
               what: str = "the query", form: str | None = None) -> Answer:
    """Any query form over SPARQL text (fragments spliced in); ASK, CONSTRUCT and DESCRIBE see every
    document (the union default graph). `what` names the query in errors. `form` is given for a
    named query (queries/ holds SELECT queries only): it skips parsing the text to learn it (the
    guard's SPARQL parser is most of a named query's cost on the command line)."""
    text = expand(text)
    form = form or query_form(text)
    check_parameters(text, params or {}, what)
    bound = _bindings(params)
    if form == "select":
        return Answer(form, result=store.select(text, bound or None, _scope(store, text, params, None)))
    res = store.query_raw(text + (values_clause(bound) if bound else ""))
    if form == "ask":
        return Answer(form, boolean=bool(res))
    return Answer(form, triples=tuple(res))
