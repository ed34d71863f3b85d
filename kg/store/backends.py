"""Triple stores: embedded Oxigraph on disk (default) or a remote SPARQL 1.1 endpoint.

Both take the same SPARQL text. A document's graph is replaced by one update request
(`DROP GRAPH` then `INSERT DATA`), which both Oxigraph and SPARQL 1.1 servers apply as
one transaction, so a reader never sees half a document.
"""
from __future__ import annotations

import io
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from evkg.core.errors import QueryError, StoreError

DEFAULT_STORE = "./evkg-data"
_FLUSH_EVERY = 10
# A read-only RocksDB handle may find an .sst file gone that a concurrent writer's compaction
# has just replaced: RocksDB calls it "Corruption", but the store is fine and a reopen reads it.
_TRANSIENT = ("No such file or directory", "MANIFEST may be corrupted")
_READ_ATTEMPTS = 5
_NUMERIC = {"integer", "nonNegativeInteger", "int", "long", "decimal", "double", "float", "gYear"}


def store_location(option: str | None) -> str:
    """--store, else EVKG_STORE, else ./evkg-data."""
    return option or os.environ.get("EVKG_STORE") or DEFAULT_STORE


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Result:
    """A SELECT result: variable names and rows of plain Python values (None where unbound)."""
    variables: tuple[str, ...]
    rows: list[dict[str, Any]]


def python_value(lexical: str, datatype: str | None) -> Any:
    if datatype and datatype.rsplit("#", 1)[-1] in _NUMERIC:
        try:
            return int(lexical)
        except ValueError:
            return float(lexical)
    return lexical


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def term_text(t: Node) -> str:
    """A term in N-Triples / SPARQL syntax, datatype always explicit (rdflib's n3() shortens some)."""
    if isinstance(t, Literal):
        lex = str(t).translate(_ESCAPES)
        if t.language:
            return f'"{lex}"@{t.language}'
        return f'"{lex}"^^<{t.datatype}>' if t.datatype else f'"{lex}"'
    # IRIs are minted by kg/graph/ids.py, already valid; n3() would check each one again.
    return f"<{t}>" if isinstance(t, URIRef) else t.n3()


Triples = Iterable[tuple[Node, Node, Node]] | str | bytes
_PIECE = 4096  # lines encoded at a time


def ntriples_text(triples: Triples) -> str:
    """The triples as N-Triples lines; a str is such lines already, bytes such lines in UTF-8."""
    if isinstance(triples, bytes):
        return triples.decode("utf-8")
    if isinstance(triples, str):
        return triples
    return "\n".join(f"{term_text(s)} {term_text(p)} {term_text(o)} ." for s, p, o in triples)


def ntriples_bytes(triples: Triples) -> bytes:
    """The triples as N-Triples lines in UTF-8 (an ingest worker writes a document's graph so,
    beside the extraction, and the ingest's one writer only loads it). Encoded a few thousand
    lines at a time into one buffer: the graph of a 10 MB text is 110 MB of N-Triples, and a list
    of all its lines joined as one str (two bytes a character once a line holds Chinese) took
    350 MB more."""
    if isinstance(triples, bytes):
        return triples
    if isinstance(triples, str):
        return triples.encode("utf-8")
    out, lines, sep = io.BytesIO(), [], b""
    for s, p, o in triples:
        # IRIs (every subject and predicate evkg writes) and plain literals written here, the
        # rest by term_text: a third of the calls and attribute lookups per triple.
        subject = f"<{s}>" if type(s) is URIRef else term_text(s)
        predicate = f"<{p}>" if type(p) is URIRef else term_text(p)
        if type(o) is URIRef:
            obj = f"<{o}>"
        elif type(o) is Literal and o.datatype is None and o.language is None:
            obj = f'"{str(o).translate(_ESCAPES)}"'
        else:
            obj = term_text(o)
        lines.append(f"{subject} {predicate} {obj} .")
        if len(lines) == _PIECE:
            out.write(sep + "\n".join(lines).encode("utf-8"))
            lines.clear()
            sep = b"\n"
    if lines:
        out.write(sep + "\n".join(lines).encode("utf-8"))
    return out.getvalue()  # the buffer itself, not a copy


def _replace_text(graph: URIRef, body: str) -> str:
    g = graph.n3()
    return f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"


def values_clause(bindings: Mapping[str, Node]) -> str:
    """Parameters as a trailing VALUES block of RDF terms; never pasted into the query body."""
    names = list(bindings)
    terms = " ".join(term_text(bindings[n]) for n in names)
    return "\nVALUES (" + " ".join("?" + n for n in names) + ") { (" + terms + ") }"


def is_transient(e: BaseException) -> bool:
    """A read that failed because a writer replaced files under a read-only handle."""
    return isinstance(e, (RuntimeError, OSError)) and any(t in str(e) for t in _TRANSIENT)


_DOCS_QUERY = """PREFIX evkg: <https://w3id.org/evkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?doc ?sha ?path WHERE { GRAPH ?g { ?d a evkg:Document ; dcterms:identifier ?doc ; evkg:sha256 ?sha .
  OPTIONAL { ?d evkg:sourcePath ?path } } }"""


@dataclass(frozen=True)
class StoredDocument:
    """What the store itself says about one document graph (the store is the source of truth)."""
    id: str
    graph: str
    sha256: str
    path: str


class Store:
    """What evkg needs of a store."""

    location: str

    def replace_graph(self, graph: URIRef, triples: Triples) -> None:
        self.update(_replace_text(graph, ntriples_text(triples)))

    def drop_graph(self, graph: URIRef) -> None:
        self.update(f"DROP SILENT GRAPH {graph.n3()}")

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None,
               graphs: Sequence[str] | None = None) -> Result:
        """Rows of a SELECT; `graphs` limits GRAPH patterns to those named graphs (a document's
        own graph, so a per-document query does not scan the whole store)."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def query_raw(self, sparql: str, union: bool = True):
        """Any query form, answered as pyoxigraph objects (QuerySolutions, QueryBoolean or
        triples) for `evkg serve`; `union` makes the default graph the union of all graphs."""
        raise NotImplementedError

    def stored_documents(self) -> dict[str, StoredDocument]:
        """Every document graph in the store, by document id."""
        return {r["doc"]: StoredDocument(r["doc"], r["g"], r["sha"], r["path"] or "")
                for r in self.select(_DOCS_QUERY).rows}

    def graphs(self) -> list[str]:
        res = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"] for r in res.rows)

    def quad_count(self) -> int:
        """The triples of every named graph (evkg writes nothing to the default graph)."""
        return self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"]

    def reading(self, work):
        """Run `work(self)`; an embedded read-only store retries it when a writer got in the way."""
        return work(self)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _ox_term(t: Node):
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
    return ox.NamedNode(str(t))


class OxigraphStore(Store):
    """Oxigraph (RocksDB) in a folder; nothing to start."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.location = str(path)
        self.read_only = read_only
        self._writes = 0
        if read_only and not Path(path).exists():
            raise StoreError(f"no store at {path}; run `evkg ingest --store {path} FILES` first")
        self._store = self._reading(self._open) if read_only else self._open()

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        """A store held in memory only, gone with the object (tests hold what the ingest reads from
        a graph's index to what a store gives back for the same graph)."""
        self = cls.__new__(cls)
        self.location, self.read_only, self._writes = ":memory:", False, 0
        self._store = ox.Store()
        return self

    def _open(self):
        try:
            if self.read_only:
                return ox.Store.read_only(self.location)
            Path(self.location).mkdir(parents=True, exist_ok=True)
            return ox.Store(self.location)
        except OSError as e:
            if is_transient(e):
                raise
            raise StoreError(f"cannot open the store at {self.location}: {e}. "
                             "Is another evkg process writing to it?") from None

    def _reading(self, work):
        """`work()`, retried on a fresh handle when a concurrent writer removed files under this one."""
        for attempt in range(_READ_ATTEMPTS):
            try:
                return work()
            except (RuntimeError, OSError) as e:
                if not (self.read_only and is_transient(e)):
                    raise
                time.sleep(0.05 * 2 ** attempt)
                try:
                    self._store = self._open()
                except (RuntimeError, OSError) as again:
                    if not is_transient(again):
                        raise
        raise StoreError(f"the store at {self.location} kept changing under this read (an ingest is "
                         "compacting it); try again in a moment") from None

    def select(self, sparql, bindings=None, graphs=None):
        return self._reading(lambda: self._select(sparql, bindings, graphs))

    def _select(self, sparql, bindings=None, graphs=None):
        # Oxigraph substitutes bound variables before planning (SEP-0007), so `?doc` narrows
        # the scan to one document instead of filtering every row at the end.
        subs = {ox.Variable(k): _ox_term(v) for k, v in (bindings or {}).items()}
        named = [ox.NamedNode(str(g)) for g in graphs] if graphs else None
        try:
            try:
                res = self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None,
                                        named_graphs=named)
            except RuntimeError as e:
                if is_transient(e) or not bindings:
                    raise
                # Oxigraph substitutes only projected variables; others join as a trailing VALUES.
                res = self._store.query(sparql + values_clause(bindings), use_default_graph_as_union=True,
                                        named_graphs=named)
        except SyntaxError as e:
            from evkg.kg.store.syntax import explain
            raise QueryError(explain(sparql, str(e))) from None
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("only SELECT queries return rows here; use ASK/CONSTRUCT through `evkg query`")
        variables = tuple(v.value for v in res.variables)
        rows = []
        for sol in res:
            row = {}
            for v in variables:
                t = sol[v]
                if t is None:
                    row[v] = None
                elif isinstance(t, ox.Literal):
                    row[v] = python_value(t.value, t.datatype.value if t.datatype else None)
                else:
                    row[v] = t.value
            rows.append(row)
        return Result(variables, rows)

    def replace_graph(self, graph, triples):
        """A new graph is loaded as N-Triples (one transaction, no SPARQL parse); an existing
        one is dropped and refilled by one update, also one transaction."""
        body = ntriples_bytes(triples)
        g = ox.NamedNode(str(graph))
        try:
            if self._store.contains_named_graph(g):
                self._store.update(_replace_text(graph, body.decode("utf-8")))
            else:
                self._store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=g)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"writing to the store at {self.location} failed: {e}") from None
        except MemoryError as e:  # Oxigraph's parser buffer: a literal (the full text) over 16 MB
            raise StoreError(f"the document is too large for the store ({e}); split the file") from None
        self._writes += 1
        if self._writes % _FLUSH_EVERY == 0:
            # Unflushed RocksDB buffers otherwise grow with the batch (about 1.5 MB per document).
            self._store.flush()

    def graphs(self):
        return self._reading(lambda: sorted(g.value for g in self._store.named_graphs()
                                            if isinstance(g, ox.NamedNode)))

    def quad_count(self):
        # Oxigraph counts its index without a query (a tenth of the time of COUNT(*)); the default
        # graph's quads, none in an evkg store, are taken off to count exactly what the query does.
        def count():
            default = sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            return len(self._store) - default
        return self._reading(count)

    def query_raw(self, sparql, union=True):
        """Lazy results: a caller that iterates them retries through `reading` (see kg/web/worker.py)."""
        try:
            return self._reading(lambda: self._store.query(sparql, use_default_graph_as_union=union))
        except SyntaxError as e:
            from evkg.kg.store.syntax import explain
            raise QueryError(explain(sparql, str(e))) from None

    def reading(self, work):
        """Run `work(store)` (which may iterate lazy results), retried on a transient failure."""
        return self._reading(lambda: work(self))

    def update(self, sparql):
        try:
            self._store.update(sparql)
        except SyntaxError as e:
            raise QueryError(f"SPARQL update syntax error: {e}") from None
        except OSError as e:
            raise StoreError(f"writing to the store at {self.location} failed: {e}") from None

    def close(self):
        if hasattr(self, "_store"):
            if self._writes:
                self._store.flush()
            del self._store


class SparqlStore(Store):
    """A SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB): query and update endpoints."""

    def __init__(self, url: str, update_url: str | None = None, timeout: float | None = None):
        self.location = url
        self.query_url = url
        self.update_url = update_url or os.environ.get("EVKG_UPDATE_URL") or _guess_update_url(url)
        # $EVKG_REMOTE_TIMEOUT: a whole-store read (the evidence table of 1,000 documents) can pass 60 s
        self.timeout = timeout or float(os.environ.get("EVKG_REMOTE_TIMEOUT") or 60.0)

    def _post(self, url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
        req = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": content_type, **({"Accept": accept} if accept else {})})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:300]
            if e.code == 400:
                raise QueryError(f"{url} rejected the request: {detail}") from None
            raise StoreError(f"{url} answered {e.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            if isinstance(e, TimeoutError) or isinstance(getattr(e, "reason", None), TimeoutError):
                # A slow answer is not a dead server: say which limit was hit and how to raise it.
                raise StoreError(f"the SPARQL endpoint {url} did not answer within {self.timeout:g} s; a "
                                 "whole-store read of a large store can take longer: set EVKG_REMOTE_TIMEOUT "
                                 "(seconds), e.g. EVKG_REMOTE_TIMEOUT=900") from None
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {e}; is the server running?") from None

    def select(self, sparql, bindings=None, graphs=None):
        text = sparql + (values_clause(bindings) if bindings else "")
        url = self.query_url
        if graphs:  # the SPARQL 1.1 Protocol's dataset parameters
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode([("named-graph-uri", str(g)) for g in graphs])
        data = json.loads(self._post(url, text, "application/sparql-query",
                                     "application/sparql-results+json"))
        if "boolean" in data:
            raise QueryError("only SELECT queries return rows here")
        variables = tuple(data["head"]["vars"])
        rows = []
        for b in data["results"]["bindings"]:
            row = {}
            for v in variables:
                t = b.get(v)
                row[v] = None if t is None else (
                    python_value(t["value"], t.get("datatype")) if t["type"] in ("literal", "typed-literal")
                    else t["value"])
            rows.append(row)
        return Result(variables, rows)

    def update(self, sparql):
        self._post(self.update_url, sparql, "application/sparql-update")

    def query_raw(self, sparql, union=True):
        """Solutions and booleans come as JSON, graphs as N-Triples; the server's own setting
        decides the default graph (`oxigraph serve --union-default-graph`, see the README)."""
        body = self._post(self.query_url, sparql, "application/sparql-query",
                          "application/sparql-results+json, application/n-triples;q=0.9")
        if body.lstrip()[:1] == b"{":
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))


def _guess_update_url(url: str) -> str:
    """Oxigraph serves /query and /update; Fuseki /ds/query and /ds/update (or one /ds/sparql)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path
    for tail in ("/query", "/sparql"):
        if path.endswith(tail):
            path = path[: -len(tail)] + "/update"
            break
    return urllib.parse.urlunsplit(parts._replace(path=path))


def open_store(location: str | None = None, read_only: bool = False) -> Store:
    loc = store_location(location)
    if is_remote(loc):
        return SparqlStore(loc)
    return OxigraphStore(loc, read_only=read_only)
