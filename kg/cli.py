"""The `evkg` command: a thin layer over the library API."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from evkg.core.errors import EvkgError
from evkg.core.model import KINDS


def _fail(e: EvkgError):
    click.echo(f"evkg: {e}", err=True)
    sys.exit(2)


def _read(store: str | None, work):
    """Run `work(store)` on the store opened read-only; an EvkgError ends the command with its message."""
    from evkg.kg.store.backends import open_store
    try:
        with open_store(store, read_only=True) as st:
            return work(st)
    except EvkgError as e:
        _fail(e)


@click.group()
@click.version_option(package_name="evkg")
def main():
    """evkg: an evidence knowledge graph for clinical guideline work."""


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="CSV file to write.")
def extract_cmd(paths, output):
    """Preview: extract facts from files into an evidence-table CSV without storing anything."""
    from evkg.extract.pipeline import extract_facts
    from evkg.extract.readers import read_documents
    from evkg.extract.text.context import Context
    from evkg.kg.ingest.paths import discover, failure_message
    from evkg.kg.report.columns import fact_row
    from evkg.kg.report.csv_out import write_csv

    def file_rows(path):
        return [fact_row(f) for doc in read_documents(path) for f in extract_facts(doc, run)]

    run = Context()
    found = discover(paths)
    failed = [(bad.path, bad.reason) for bad in found.unreadable]
    rows = []
    for path in found.files:
        try:
            rows.extend(file_rows(path))  # a file's rows go in whole or not at all
        except Exception as e:  # one bad file must not lose the others
            failed.append((str(path), failure_message(path, e)))
    for path, why in failed:
        click.echo(f"error: {path}: {why}", err=True)
    try:
        n = write_csv(rows, output)
    except OSError as e:
        _fail(EvkgError(f"cannot write {output}: {e.strerror or e}; choose another -o path"))
    click.echo(f"{n} rows written to {output}" + (f"; {len(failed)} paths failed" if failed else "")
               + (f"; {found.hidden_note()}" if found.hidden_note() else ""))
    if failed:
        click.echo("Fix or remove the paths named above and run extract again.", err=True)
    sys.exit(1 if failed else 0)


store_option = click.option("--store", "store", metavar="DIR|URL", default=None,
                            help="Store folder or SPARQL endpoint URL (default: $EVKG_STORE or ./evkg-data).")


@main.command()
@store_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--max-mb", type=float, default=None, help="Largest file to read, in MB [default: $EVKG_MAX_MB or 10].")
@click.option("--doc-seconds", type=float, default=None,
              help="CPU seconds per document, plus a minute per MB of text [default: $EVKG_DOC_SECONDS or 60].")
@click.option("--doc-mb", type=float, default=None,
              help="Memory (MB of address space) a document may add to its worker [default: $EVKG_DOC_MB or 2048].")
@click.option("--jobs", type=click.IntRange(0, 256), default=None,
              help="Worker processes reading files side by side; 0 reads in this process, without CPU and "
                   "memory budgets [default: $EVKG_JOBS or one per core].")
def ingest(store, paths, quiet, max_mb, doc_seconds, doc_mb, jobs):
    """Read files or folders into the store, one named graph per document."""
    from evkg.extract.budget import Budget
    from evkg.kg.ingest.batch import ingest as run_ingest

    def report_error(path, message):
        tqdm_write(f"error: {path}: {message}")

    try:
        rep = run_ingest(paths, store, progress=not quiet, on_error=report_error,
                         budget=Budget.from_env(max_mb, doc_seconds, doc_mb), jobs=jobs)
    except EvkgError as e:
        _fail(e)
    click.echo(f"{len(rep.ingested)} documents ingested, {len(rep.unchanged)} unchanged, "
               f"{len(rep.failed)} failed; {rep.facts} facts in {rep.seconds:.1f} s"
               + (f"; {rep.hidden}" if rep.hidden else ""))
    if rep.failed:
        click.echo("Fix or remove the files named above and run ingest again; "
                   "what went in is kept.", err=True)
    sys.exit(0 if rep.ok else 1)


def tqdm_write(message: str) -> None:
    from tqdm import tqdm
    tqdm.write(message, file=sys.stderr)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["csv", "da-csv", "xlsx", "fhir"]), default=None,
              help="csv: the evidence table; da-csv: the Data-and-analyses table (one row per outcome x "
                   "comparison x time point, both arms' numbers and the effect, RevMan's column names); "
                   "xlsx: the review workbook (Studies, Data and analyses, Results, Evidence, "
                   "Recommendations, References, Codes, Sources; set up to print); fhir: a FHIR R5 Bundle "
                   "(JSON). Default: from the file name (.da.csv, .csv, .xlsx, .json).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--doc", "docs", multiple=True, metavar="ID", help="Only this document (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only facts of this kind (repeatable); default: the evidence-table kinds.")
def export(store, fmt, output, docs, kinds):
    """Export the evidence table, the review workbook or a FHIR bundle from the graph."""
    from evkg.kg.report.export import export_csv, export_format
    from evkg.kg.store.lookup import check_documents
    try:
        fmt = export_format(output, fmt)
    except EvkgError as e:
        _fail(e)
    if docs:
        _read(store, lambda st: check_documents(st, docs))
    try:
        if fmt == "xlsx":
            from evkg.kg.report.xlsx import export_xlsx
            counts = _read(store, lambda st: export_xlsx(st, output, docs, kinds))
            click.echo(f"{output}: " + ", ".join(f"{name} {n} rows" for name, n in counts.items()))
        elif fmt == "fhir":
            from evkg.kg.report.fhir import export_fhir
            counts = _read(store, lambda st: export_fhir(st, output, docs))
            click.echo(f"{output}: FHIR R5 Bundle of " + ", ".join(f"{n} {name}" for name, n in counts.items()))
        elif fmt == "da-csv":
            from evkg.kg.report.export import export_da_csv
            n = _read(store, lambda st: export_da_csv(st, output, docs))
            click.echo(f"{n} rows written to {output}")
        else:
            n = _read(store, lambda st: export_csv(st, output, docs, kinds))
            click.echo(f"{n} rows written to {output}")
    except OSError as e:
        _fail(EvkgError(f"cannot write {output}: {e.strerror or e}; choose another -o path"))


def named_query_list() -> str:
    """Each named query with what it gives, its parameters and an example (from the .rq headers)."""
    import textwrap

    from evkg.kg.store.queries import query_catalogue
    width = max(60, min(shutil.get_terminal_size().columns, 110))
    lines = ["Named queries: evkg query NAME [--param NAME=VALUE ...]", ""]
    for q in query_catalogue():
        lines.append(q.name)
        for label, text in (("", q.summary), ("parameters: ", q.parameters), ("example: ", q.example)):
            if text:
                lines += textwrap.wrap(label + text, width, initial_indent="    ", subsequent_indent="      ")
    return "\n".join(lines) + "\n"


class _QueryHelp(click.Command):
    """Lists the named queries under the options."""

    def format_epilog(self, ctx, formatter):
        from evkg.kg.store.queries import query_catalogue
        with formatter.section("Named queries (parameters in brackets)"):
            formatter.write_dl([(q.name, f"{q.summary} [{q.parameters}]") for q in query_catalogue()])


@main.command(cls=_QueryHelp)
@store_option
@click.argument("query", required=False)
@click.option("--list", "list_queries", is_flag=True,
              help="List the named queries with what each gives and its parameters, and exit.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to the literal VALUE (repeatable); the query's header lists its parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "turtle", "ntriples"]), default=None,
              help="SELECT / ASK: table (default), csv or json; CONSTRUCT / DESCRIBE: turtle (default) or ntriples.")
def query(store, query, list_queries, params, fmt):
    """Run QUERY (SELECT, ASK, CONSTRUCT or DESCRIBE): the name of a query in queries/ (`evkg query
    documents`), else a query file (`my.rq`), else SPARQL text. One word that is none of these is a
    mistyped name: the error lists the nearest named queries. `evkg query --list` lists them."""
    from evkg.kg.store.queries import run_sparql
    if list_queries:
        click.echo(named_query_list(), nl=False)
        return
    if not query:
        _fail(EvkgError("name a query, a .rq file or SPARQL text: `evkg query NAME`; "
                        "`evkg query --list` lists the named queries"))
    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep:
            _fail(EvkgError(f"--param {p!r} must look like NAME=VALUE"))
        bound[name] = value
    try:
        what, text = _query_text(query)
    except EvkgError as e:
        _fail(e)
    from evkg.kg.store.queries import named_queries
    form = "select" if query in named_queries() else None  # queries/ holds SELECT queries only
    ans = _read(store, lambda st: run_sparql(st, text, bound, what, form))
    _print_answer(ans, fmt)


def _query_text(query: str) -> tuple[str, str]:
    """(what to call it in errors, its SPARQL). QUERY is, by the first rule that holds:
    1. a name in queries/ (`evkg query documents`): that named query;
    2. a path ending in `.rq`, or of an existing file: the query in that file (a missing .rq is an error);
    3. anything else: SPARQL text, which must parse. One word that is no name and no file
       (`documnets`) is a mistyped name: the error lists the nearest named queries."""
    from evkg.core.errors import QueryError
    from evkg.kg.store.queries import named_queries, named_text, query_form, unknown_name
    if query in named_queries():
        return f"query {query}", named_text(query)
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"no query file {query}; named queries are: {', '.join(named_queries())}")
        return f"query {path.name}", path.read_text(encoding="utf-8")
    if len(query.split()) == 1 and "{" not in query:
        raise unknown_name(query)
    query_form(query)  # a syntax error (or an update) is said now, before the store is opened
    return "the query", query


def _print_answer(ans, fmt: str | None) -> None:
    import csv
    import json

    graph = ans.form in ("construct", "describe")
    if fmt and (fmt in ("turtle", "ntriples")) != graph:
        _fail(EvkgError(f"--format {fmt} does not fit a {ans.form.upper()} query; use "
                        + ("turtle or ntriples" if graph else "table, csv or json")))
    if graph:
        import pyoxigraph as ox
        rdf = ox.RdfFormat.N_TRIPLES if fmt == "ntriples" else ox.RdfFormat.TURTLE
        triples = [ox.Triple(t.subject, t.predicate, t.object) for t in ans.triples]
        prefixes = {"evkg": "https://w3id.org/evkg/ontology#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "oa": "http://www.w3.org/ns/oa#",
                    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/"}
        text = ox.serialize(triples, format=rdf, prefixes=prefixes if rdf == ox.RdfFormat.TURTLE else None)
        click.echo(text.decode("utf-8"), nl=False)
        return
    if ans.form == "ask":
        click.echo(json.dumps({"boolean": ans.boolean}) if fmt == "json" else str(ans.boolean).lower())
        return
    res = ans.result
    if fmt == "json":
        click.echo(json.dumps({"variables": res.variables, "rows": res.rows}, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(res.variables)
        for r in res.rows:
            w.writerow(["" if r[v] is None else r[v] for v in res.variables])
    else:
        from evkg.kg.report.terminal import render_table
        for line in render_table(res.variables, res.rows):
            click.echo(line)
        click.echo(f"({len(res.rows)} rows)")


@main.command()
@store_option
def stats(store):
    """Documents and facts in the store."""
    from evkg.kg.ingest.cross_links import links_state
    from evkg.kg.ingest.version import known_version
    from evkg.kg.store.backends import store_location
    from evkg.kg.store.ledger import ledger_path
    from evkg.kg.store.stats import store_stats
    version = known_version(ledger_path(store_location(store)))  # without importing the extractors
    s = _read(store, lambda st: {**store_stats(st), "links": links_state(st, version=version)})
    click.echo(f"documents: {s['documents']}")
    for key in ("doctype", "language"):
        click.echo(f"  by {key}: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
    click.echo(f"facts: {sum(s['kinds'].values())}")
    for kind, count in s["kinds"].items():
        click.echo(f"  {kind:<15}{count:>7}")
    click.echo(f"triples: {s['triples']}")
    if s["links"] != "fresh":
        click.echo(f"cross-document links: {s['links']}; `evkg ingest` or `evkg doctor --repair` rebuilds them")


@main.command()
@store_option
@click.argument("doc_ids", nargs=-1, required=True)
def remove(store, doc_ids):
    """Remove documents (by id) and everything read from them."""
    from evkg.kg.ingest.batch import remove as run_remove
    from evkg.kg.store.lookup import document_ids, no_such_documents
    known = _read(store, document_ids)
    unknown = [d for d in dict.fromkeys(doc_ids) if d not in known]
    try:
        gone = run_remove([d for d in doc_ids if d in known], store) if len(unknown) < len(set(doc_ids)) else []
    except EvkgError as e:
        _fail(e)
    click.echo(f"{len(gone)} documents removed")
    if unknown:
        _fail(no_such_documents(unknown, known))


@main.command("doctor")
@store_option
@click.option("--repair", is_flag=True, help="Rebuild the ledger from the store, redo half-written "
              "documents from their files and rebuild stale cross-document links.")
def doctor_cmd(store, repair):
    """Check that store, ledger and derived graphs agree (exit 1 when they do not, without --repair)."""
    from evkg.kg.ingest.batch import repair as run_repair
    from evkg.kg.ingest.doctor import check
    try:
        found, done = run_repair(store) if repair else (check(store), [])
    except EvkgError as e:
        _fail(e)
    for line in found.lines():
        click.echo(line)
    for line in done:
        click.echo(f"repaired: {line}")
    sys.exit(0 if found.healthy or repair else 1)


@main.command("validate")
@store_option
def validate_cmd(store):
    """Check the graph against the SHACL shapes in ontology/shapes.ttl."""
    from evkg.kg.store.validate import validate_store
    v = _read(store, validate_store)
    if v.conforms:
        click.echo(f"conforms: {v.triples} triples checked against ontology/shapes.ttl")
    else:
        click.echo(v.report)
        sys.exit(1)


@main.command("trace")
@store_option
@click.argument("doc")
@click.argument("label", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def trace_cmd(store, doc, label, fmt):
    """Trace DOC's recommendations (or the one labelled LABEL) to the sources they cite."""
    import json

    from evkg.kg.report.trace import render_text, trace
    t = _read(store, lambda st: trace(st, doc, label))
    click.echo(json.dumps(t, ensure_ascii=False, indent=1) if fmt == "json" else render_text(t))


@main.command("search")
@store_option
@click.argument("term")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000),
              help="Facts to list, and documents to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def search_cmd(store, term, limit, fmt):
    """Search fact quotes and names, and document texts, best matches first. Case, width and
    traditional/simplified characters do not matter; Latin words match whole, Chinese any part."""
    import json

    from evkg.kg.report.terminal import render_table
    from evkg.kg.store.backends import is_remote, store_location
    from evkg.kg.store.ledger import ledger_path
    from evkg.kg.store.search import match_expression, search

    location = store_location(store)
    if not is_remote(location) and not Path(location).is_dir():
        _fail(EvkgError(f"no store at {location}; run `evkg ingest --store {location} FILES` first"))
    try:
        if not match_expression(term):
            _fail(EvkgError(f"{term!r} holds no letter, digit or CJK character to search for"))
        hits = search(ledger_path(location), term, limit, limit)
    except EvkgError as e:
        _fail(e)
    if hits.unindexed:
        click.echo(f"note: {hits.unindexed} documents are not in the search index; "
                   "`evkg doctor --repair` adds them", err=True)
    texts = [{"doc": t.doc, "title": t.title,
              "context": t.text[max(0, t.at[0] - 15):t.at[1] + 40] if t.at else ""} for t in hits.texts]
    if fmt == "json":
        click.echo(json.dumps({"term": hits.term, "facts": hits.facts, "documents": texts},
                              ensure_ascii=False, indent=1))
        return
    click.echo(f"facts ({len(hits.facts)}{', the best ' + str(limit) if len(hits.facts) >= limit else ''}):")
    for line in render_table(["doc", "kind", "name", "value", "unit", "quote"], hits.facts):
        click.echo("  " + line)
    click.echo(f"documents ({len(texts)}{', the best ' + str(limit) if len(texts) >= limit else ''}):")
    for line in render_table(["doc", "title", "context"], texts):
        click.echo("  " + line)


@main.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--timeout", default=10.0, show_default=True,
              help="Seconds a query or page may run before it is stopped.")
@click.option("--max-rows", default=10_000, show_default=True,
              help="Rows a SPARQL result may have; longer ones are cut and marked.")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes answering SPARQL side by side, and as many for pages; search gets half.")
@click.option("--queue", default=8, show_default=True, type=click.IntRange(0, 1000),
              help="Requests that may wait for a worker, per route; more are answered 429.")
@click.option("--head-timeout", default=10.0, show_default=True,
              help="Seconds a client may take to send a request's line and headers.")
@click.option("--body-timeout", default=30.0, show_default=True, help="Seconds a client may take to send a body.")
@click.option("--max-connections", default=400, show_default=True, type=click.IntRange(1, 100_000),
              help="Connections open at once; a new one past that is answered 503.")
@click.option("--quiet", is_flag=True, help="No log line per request.")
def serve_cmd(store, host, port, timeout, max_rows, workers, queue, head_timeout, body_timeout, max_connections,
              quiet):
    """Serve a read-only SPARQL endpoint (/sparql) and web pages over the store."""
    from evkg.kg.web.server import serve
    try:
        serve(store, host, port, timeout=timeout, max_rows=max_rows, workers=workers, queue=queue,
              head_timeout=head_timeout, body_timeout=body_timeout, max_connections=max_connections, quiet=quiet)
    except EvkgError as e:
        _fail(e)


@main.group("fetch")
def fetch_group():
    """Download records from trial registries into files ready to ingest."""


@fetch_group.command("ctgov")
@click.argument("ids", nargs=-1, required=True)
@click.option("--into", type=click.Path(path_type=Path), required=True, help="Folder to save <NCT id>.json files in.")
@click.option("--base-url", default=None, help="API base URL [default: https://clinicaltrials.gov/api/v2].")
def fetch_ctgov_cmd(ids, into, base_url):
    """Download ClinicalTrials.gov studies (API v2) by NCT id as JSON files."""
    from evkg.kg.ingest.fetch import fetch_ctgov
    try:
        paths = fetch_ctgov(ids, into, base_url)
    except EvkgError as e:
        _fail(e)
    for p in paths:
        click.echo(f"saved {p}")


class _ChecksHelp(click.Command):
    """Lists the checks under the options (read from kg/report/checks.py when help is asked for)."""

    def format_epilog(self, ctx, formatter):
        from evkg.kg.report.checks import CHECKS
        with formatter.section("Checks (for --only)"):
            formatter.write_dl(list(CHECKS.items()))


@main.command("check", cls=_ChecksHelp)
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--only", multiple=True, metavar="CHECK", help="Run only this check (repeatable).")
def check_cmd(store, fmt, only):
    """Evidence checks: registered vs reported endpoints, recommendations without sources or on
    weak evidence, numbers that differ from their source. Exit status 1 when anything is found."""
    import json

    from evkg.kg.report.checks import CHECKS, render_text, run_checks
    unknown = sorted(set(only) - set(CHECKS))
    if unknown:
        _fail(EvkgError(f"unknown check {', '.join(unknown)}; checks are: {', '.join(CHECKS)}"))
    findings = _read(store, lambda st: run_checks(st, only))
    if fmt == "json":
        click.echo(json.dumps({"findings": [f.as_dict() for f in findings],
                               "counts": {c: sum(f.check == c for f in findings) for c in CHECKS}},
                              ensure_ascii=False, indent=1))
    else:
        click.echo(render_text(findings))
    sys.exit(1 if findings else 0)


@main.command("graph")
@store_option
@click.argument("doc")
@click.argument("label", required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.graphml, FILE.png or FILE.svg")
def graph_cmd(store, doc, label, output):
    """Draw DOC's trace (statement -> references -> sources -> facts) as a graph."""
    from evkg.kg.report.pictures import save_graph, trace_graph
    from evkg.kg.report.trace import trace
    try:
        note = save_graph(trace_graph(_read(store, lambda st: trace(st, doc, label))), output)
    except EvkgError as e:
        _fail(e)
    click.echo(f"written to {output}" + (f"; {note}" if note else ""))
