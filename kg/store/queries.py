"""Named SPARQL queries kept in queries/*.rq, and running any query over a store.

Each named query declares its parameters in its header, on its `# Parameters:` line:
`?name (what it is, required)` or `?name (..., optional)`; a name not marked required is
optional. Binding a parameter a query does not declare, or leaving out a required one, is
an error naming the query's parameters, so a misspelt `--param` cannot silently return
every row.

A query may write `{{name}}` where the text of queries/fragments/NAME.rq belongs (its comment
lines left out): a rule several queries share has one home there (`{{table_row}}`: which facts
are rows of the evidence table).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from rdflib import Literal

from evkg.core.errors import QueryError
from evkg.core.resources import queries_dir
from evkg.kg.store.backends import Result, Store

QUERY_DIR = queries_dir()
FRAGMENT_DIR = QUERY_DIR / "fragments"
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_FRAGMENT = re.compile(r"\{\{([a-z_]+)\}\}")


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


@lru_cache(maxsize=None)
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


def load_query(spec: str) -> str:
    """`spec` is the name of a file in queries/, a path to a .rq file, or literal SPARQL; fragments spliced in."""
    return expand(_load_query(spec))


def _load_query(spec: str) -> str:
    named = named_queries()
    if spec in named:
        return named[spec].read_text(encoding="utf-8")
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 256 and "\n" not in spec and path.is_file()):
        if not path.is_file():
            raise QueryError(f"no query file {spec}; named queries are: {', '.join(named)}")
        return path.read_text(encoding="utf-8")
    if not any(w in spec.upper() for w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(f"{spec!r} is neither a named query, a .rq file nor SPARQL; "
                         f"named queries are: {', '.join(named)}")
    return spec


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


def _strip_comments(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))


def _bindings(params: Mapping[str, str] | None) -> dict[str, Literal]:
    return {k: Literal(v) for k, v in (params or {}).items() if v is not None}


def run_query(store: Store, spec: str, params: Mapping[str, str] | None = None,
              graphs: Sequence[str] | None = None) -> Result:
    """Run a SELECT; parameters are bound as RDF literals (substituted or VALUES), never spliced
    into its text. `graphs` restricts it to those named graphs."""
    text = load_query(spec)
    check_parameters(text, params or {}, f"query {spec}" if len(spec) < 80 else "the query")
    return store.select(text, _bindings(params) or None, graphs)


@dataclass(frozen=True)
class Answer:
    """What `evkg query` prints: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""
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


def run_any(store: Store, spec: str, params: Mapping[str, str] | None = None) -> Answer:
    """Any query form; ASK, CONSTRUCT and DESCRIBE see every document (the union default graph)."""
    text = load_query(spec)
    form = query_form(text)
    if form == "select":
        return Answer(form, result=run_query(store, spec, params))
    check_parameters(text, params or {}, f"query {spec}" if len(spec) < 80 else "the query")
    from evkg.kg.store.backends import _values_clause
    bound = _bindings(params)
    res = store.query_raw(text + (_values_clause(bound) if bound else ""))
    if form == "ask":
        return Answer(form, boolean=bool(res))
    return Answer(form, triples=tuple(res))
