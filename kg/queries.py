"""Named SPARQL queries kept in queries/*.rq, and running any query over a store."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from rdflib import Literal

from core.errors import QueryError
from core.resources import queries_dir
from kg.store import Result, Store

QUERY_DIR = queries_dir()


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def load_query(spec: str) -> str:
    """`spec` is the name of a file in queries/, a path to a .rq file, or literal SPARQL."""
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


def run_query(store: Store, spec: str, params: Mapping[str, str] | None = None,
              graphs: Sequence[str] | None = None) -> Result:
    """Run a query; parameters are bound as RDF literals (substituted or VALUES), never spliced
    into its text. `graphs` restricts it to those named graphs."""
    bindings = {k: Literal(v) for k, v in (params or {}).items()}
    for name in bindings:
        if not name.isidentifier():
            raise QueryError(f"parameter name {name!r} must be a plain variable name")
    return store.select(load_query(spec), bindings or None, graphs)
