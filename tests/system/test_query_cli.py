"""`evkg query` refuses mistakes (unknown or missing parameters), runs every query form, and prints
tables aligned by display width; `evkg check --help` lists the checks."""

from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st
from rdflib import Graph

from evkg.kg.cli import main
from evkg.kg.report.checks import CHECKS
from evkg.kg.report.terminal import ELLIPSIS, NEWLINE, cut, one_line, render_table, width
from evkg.kg.store.queries import declared_parameters, named_queries

EVKG = "PREFIX evkg: <https://w3id.org/evkg/ontology#> "


def _query(store, *args):
    return CliRunner().invoke(main, ["query", "--store", store, *args])


def test_a_misspelt_parameter_is_an_error_naming_the_parameters(examples_session_store):
    res = _query(examples_session_store, "endpoint_evidence", "--param", "endpont=ORR")
    assert res.exit_code == 2
    assert "unknown parameter endpont" in res.output and "endpoint (optional), procedure (optional)" in res.output


def test_a_missing_required_parameter_is_an_error(examples_session_store):
    res = _query(examples_session_store, "document_text")
    assert res.exit_code == 2 and "missing required parameter doc" in res.output
    assert _query(examples_session_store, "document_text", "--param", "doc=paper_haic_hcc_zh").exit_code == 0


def test_literal_sparql_binds_only_its_own_variables(examples_session_store):
    q = EVKG + "SELECT ?kind WHERE { ?f evkg:kind ?kind } LIMIT 1"
    assert _query(examples_session_store, q, "--param", "kind=outcome").exit_code == 0
    res = _query(examples_session_store, q, "--param", "knd=outcome")
    assert res.exit_code == 2 and "?knd" in res.output


def test_every_named_query_declares_the_parameters_it_binds():
    for name, path in named_queries().items():
        text = path.read_text(encoding="utf-8")
        declared = declared_parameters(text)
        assert declared is not None, name
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        for p in declared:
            assert f"?{p.name}" in body, (name, p.name)   # a declared parameter is a variable of the query


def test_ask_construct_and_describe(examples_session_store):
    res = _query(examples_session_store, EVKG + 'ASK { ?f evkg:kind "recommendation" }')
    assert res.exit_code == 0 and res.output.strip() == "true"
    res = _query(examples_session_store, EVKG + 'ASK { ?f evkg:kind "no such kind" }', "--format", "json")
    assert res.output.strip() == '{"boolean": false}'
    construct = EVKG + 'CONSTRUCT { ?f evkg:code ?c } WHERE { ?f evkg:kind "procedure" ; evkg:code ?c }'
    res = _query(examples_session_store, construct)
    assert res.exit_code == 0 and "@prefix evkg:" in res.output
    g = Graph().parse(data=res.output, format="turtle")
    assert len(g) > 0 and "HAIC" in {str(o) for o in g.objects()}
    res = _query(examples_session_store, EVKG + 'DESCRIBE ?f WHERE { ?f evkg:kind "design" } LIMIT 1',
                 "--format", "ntriples")
    assert res.exit_code == 0 and len(Graph().parse(data=res.output, format="nt")) > 3
    assert _query(examples_session_store, construct, "--format", "csv").exit_code == 2


def test_updates_are_refused(examples_session_store):
    res = _query(examples_session_store, "DELETE WHERE { ?s ?p ?o }")
    assert res.exit_code == 2 and "DELETE" in res.output
    assert _query(examples_session_store, EVKG + "ASK { ?s ?p ?o }").output.strip() == "true"


def test_chinese_rows_line_up(examples_session_store):
    q = EVKG + ('SELECT ?arm ?value ?mark WHERE { ?o evkg:kind "outcome" ; evkg:arm ?arm ; evkg:value ?value '
                'BIND("|" AS ?mark) }')
    res = _query(examples_session_store, q)
    assert res.exit_code == 0
    lines = res.output.splitlines()[1:-1]
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in lines)
    assert len({width(line[:line.rindex("|")]) for line in lines}) == 1


def test_check_help_lists_the_checks():
    res = CliRunner().invoke(main, ["check", "--help"])
    assert res.exit_code == 0 and all(name in res.output for name in CHECKS)


@given(st.lists(st.lists(st.text(max_size=80), min_size=3, max_size=3), min_size=1, max_size=6))
@example([["a", "\u0bc6", "b"], ["aa", "c", "d"]])   # a cell opening with a spacing mark (Tamil vowel sign E)
def test_columns_start_at_the_same_display_column(cells):
    rows = [{"a": a, "b": b, "c": c, "z": "|"} for a, b, c in cells]
    lines = render_table(("a", "b", "c", "z"), rows, max_width=20)
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert len({width(line[:line.rindex("|")]) for line in lines[1:]}) == 1


@given(st.text(max_size=200), st.integers(min_value=2, max_value=60))
@example("00\u093e0", 3)   # a spacing mark widens the digit before it: the cut counts the prefix's width
def test_cut_fits_and_says_so(text, limit):
    flat = one_line(text)
    out = cut(flat, limit)
    assert width(out) <= limit
    assert (out == flat) or out.endswith(ELLIPSIS)
    assert "\n" not in flat and (("\n" in text) <= (NEWLINE in flat))


def test_the_cli_lists_the_named_queries_with_their_parameters():
    listed = CliRunner().invoke(main, ["query", "--list"])
    helped = CliRunner().invoke(main, ["query", "--help"])
    assert listed.exit_code == 0 and helped.exit_code == 0
    for name in named_queries():
        assert f"\n{name}\n" in listed.output and name in helped.output
    assert "parameters: ?doc (document id, required)" in listed.output   # document_text
    assert "example: evkg query effects_excluding_null --param effect=HR" in listed.output
    res = CliRunner().invoke(main, ["query"])
    assert res.exit_code == 2 and "evkg query --list" in res.output


def test_a_missing_prefix_names_the_prefix_to_declare(examples_session_store):
    res = _query(examples_session_store, 'SELECT ?f WHERE { ?f evkg:kind "outcome" }')
    assert res.exit_code == 2 and "prefix evkg: is not declared" in res.output
    assert "PREFIX evkg: <https://w3id.org/evkg/ontology#>" in res.output and "u{" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_a_mistyped_name_is_an_error_listing_the_nearest_names(examples_session_store):
    res = _query(examples_session_store, "documnets")
    assert res.exit_code == 2 and "no named query 'documnets'" in res.output and "nearest: documents" in res.output


def test_query_files_and_sparql_text_by_the_documented_rules(examples_session_store, tmp_path):
    mine = tmp_path / "mine.rq"
    mine.write_text(EVKG + 'ASK { ?f evkg:kind "outcome" }', encoding="utf-8")
    assert _query(examples_session_store, str(mine)).output.strip() == "true"
    res = _query(examples_session_store, str(tmp_path / "missing.rq"))
    assert res.exit_code == 2 and "no query file" in res.output
    res = _query(examples_session_store, "SELECT ?x WHERE {")
    assert res.exit_code == 2 and "SPARQL syntax error" in res.output
    # a file may use the fragments of queries/fragments/, as the named queries do
    rows = tmp_path / "rows.rq"
    rows.write_text(EVKG + "SELECT (COUNT(?fact) AS ?n) WHERE { GRAPH ?g { ?fact a evkg:Fact ; evkg:kind ?kind "
                    "FILTER ({{table_row}}) } }", encoding="utf-8")
    res = _query(examples_session_store, str(rows), "--format", "csv")
    assert res.exit_code == 0 and int(res.output.splitlines()[1]) > 0
