"""The named queries in queries/: each has a header and a test here; parameters are bound as
RDF terms (a VALUES block after the query), never pasted into its text."""
import re

import pytest
from click.testing import CliRunner

from evkg.core.errors import QueryError
from evkg.kg.cli import main
from evkg.kg.store.backends import OxigraphStore, open_store
from evkg.kg.store.queries import QUERY_DIR, named_queries, run_named, run_sparql
from evkg.kg.store.stats import store_stats

TESTED = {"documents", "document_text", "document_sections", "evidence_table", "fact_counts", "facts_with_quotes",
          "references", "trace_citations", "trace_recommendations", "recommendation_sources", "endpoint_evidence",
          "procedure_outcomes", "registered_vs_reported_endpoints", "strong_recommendations_without_rct",
          "unresolved_references", "facts_without_provenance", "trace_arm_interventions", "effects_excluding_null"}
HOSTILE = ['ORR" } UNION { ?s ?p ?o } #', "ORR'", 'HAIC"^^<http://x>', "x\" . } ; DROP ALL ; #",
           "ORR\\", "ORR\n} LIMIT 1", "?endpoint", "<https://w3id.org/evkg/ontology#code>"]


def _rows(store, name, **params):
    with open_store(store, read_only=True) as st:
        return run_named(st, name, params).rows


def test_every_named_query_has_a_header_and_a_test():
    names = set(named_queries())
    assert len(names) >= 10
    assert names <= TESTED, f"queries without a test here: {sorted(names - TESTED)}"
    for name, path in named_queries().items():
        head = path.read_text(encoding="utf-8").splitlines()[:12]
        assert head[0].startswith(f"# {name}:"), name
        for field in ("# Purpose:", "# Parameters:", "# Example: evkg query "):
            assert any(line.startswith(field) for line in head), (name, field)


def test_hostile_parameters_are_bound_not_pasted(examples_session_store, monkeypatch):
    sent = []
    select = OxigraphStore.select

    def spy(self, sparql, bindings=None, graphs=None):
        sent.append((sparql, bindings))
        return select(self, sparql, bindings, graphs)

    monkeypatch.setattr(OxigraphStore, "select", spy)
    with open_store(examples_session_store, read_only=True) as st:
        before = store_stats(st)
        assert run_named(st, "endpoint_evidence", {"endpoint": "ORR", "procedure": "HAIC"}).rows
        for value in HOSTILE:
            assert run_named(st, "endpoint_evidence", {"endpoint": value, "procedure": "HAIC"}).rows == []
        assert store_stats(st) == before
    text = (QUERY_DIR / "endpoint_evidence.rq").read_text(encoding="utf-8")
    hostile_calls = [c for c in sent if c[1] and str(c[1]["endpoint"]) in HOSTILE]
    assert len(hostile_calls) == len(HOSTILE)
    for sparql, bindings in hostile_calls:
        assert sparql == text   # the query text itself never changes; the value travels as an RDF literal
        assert str(bindings["endpoint"]) in HOSTILE


def test_a_bound_value_matches_exactly(examples_session_store):
    # The label holds a space; a literal equal to it matches, a prefix of it does not.
    doc = "consensus_tace_haic_zh"
    assert len(_rows(examples_session_store, "trace_recommendations", doc=doc, label="共识 3")) == 1
    assert _rows(examples_session_store, "trace_recommendations", doc=doc, label="共识") == []


def test_query_cli_binds_params(examples_session_store):
    res = CliRunner().invoke(main, ["query", "--store", examples_session_store, "endpoint_evidence",
                                    "--param", "endpoint=ORR", "--param", "procedure=HAIC", "--format", "csv"])
    assert res.exit_code == 0
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("endpoint,procedure,doc") and len(lines) == 3  # the HAIC arm's ORR, twice
    assert all(line.startswith("ORR,HAIC,") for line in lines[1:])


def test_endpoint_evidence_rows_carry_design_and_quote(examples_session_store):
    rows = _rows(examples_session_store, "endpoint_evidence", endpoint="ORR", procedure="HAIC")
    # Only the arm that received HAIC: not the TACE arm of the same paper, nor a TACE-lenvatinib
    # arm of a document that also names HAIC somewhere.
    assert {(r["doc"], r["value"], r["arm"]) for r in rows} == {("paper_haic_hcc_zh", 45, "HAIC 组")}
    paper = [r for r in rows if r["doc"] == "paper_haic_hcc_zh"]
    assert all(r["design"] == "retrospective_cohort" and "%" in r["quote"] for r in paper)


def test_procedure_outcomes_sums_up_across_documents(examples_session_store):
    rows = {r["endpoint"]: r for r in _rows(examples_session_store, "procedure_outcomes", procedure="TACE")
            if r["unit"] in ("%", "months")}
    orr = rows["ORR"]
    assert orr["documents"] == 3 and orr["lowest"] == 22.5 and orr["highest"] == 67.4
    assert set(orr["docs"].split(", ")) == {"consensus_tace_haic_zh", "paper_haic_hcc_zh", "paper_tace_lenvatinib_en"}


def test_recommendation_sources_counts_what_sources_report(examples_session_store):
    rows = {r["label"]: r
            for r in _rows(examples_session_store, "recommendation_sources", doc="consensus_tace_haic_zh")}
    assert len(rows) == 5
    assert rows["共识 1"]["sources"] == "paper_tace_lenvatinib_en" and rows["共识 1"]["source_facts"] > 10
    assert sorted(rows["共识 3"]["refs"].split(", ")) == ["2", "5"]
    assert rows["共识 2"]["sources"] is None and rows["共识 2"]["source_facts"] == 0
    assert rows["共识 3"]["certainty"] == "high" and rows["共识 3"]["strengthClass"] == "strong"


def test_unresolved_references_name_their_citing_statements(examples_session_store):
    rows = {str(r["ref"]): r for r in _rows(examples_session_store, "unresolved_references")}
    assert set(rows) == {"3", "4", "5", "6", "7", "8"}   # [1] and [2] resolve to the demo papers
    assert set(rows["5"]["cited_by"].split(", ")) == {"共识 3", "共识 4"}


def test_strong_recommendations_without_rct(examples_session_store, planted_store, clean_store):
    (row,) = _rows(examples_session_store, "strong_recommendations_without_rct")
    assert (row["label"], row["cited"], row["resolved"], row["source_designs"]) == (
        "共识 3", 2, 1, "retrospective_cohort")
    assert [r["label"] for r in _rows(planted_store, "strong_recommendations_without_rct")] == ["共识 2"]
    assert _rows(clean_store, "strong_recommendations_without_rct") == []   # cites a randomised trial


def test_registered_vs_reported_endpoints_by_nct_and_by_title(planted_store, clean_store):
    rows = {r["endpoint"]: r for r in _rows(planted_store, "registered_vs_reported_endpoints")}
    assert {r["linked_by"] for r in rows.values()} == {"nct"}
    assert {k: r["status"] for k, r in rows.items()} == {
        "ORR": "registered and reported", "PFS": "registered and reported", "OS": "registered and reported",
        "TECH_SUCCESS": "registered, not reported", "DCR": "reported, not registered"}
    assert (rows["ORR"]["registered_role"], rows["ORR"]["reported_role"]) == ("primary", "secondary")
    clean = _rows(clean_store, "registered_vs_reported_endpoints")
    assert {(r["linked_by"], r["endpoint"], r["status"]) for r in clean} == {
        ("title", e, "registered and reported") for e in ("ORR", "PFS", "OS")}
    (first, *_) = _rows(planted_store, "registered_vs_reported_endpoints", status="reported, not registered")
    assert first["endpoint"] == "DCR"


def test_facts_without_provenance_returns_nothing_on_real_graphs(seeds_store, examples_session_store):
    assert _rows(seeds_store, "facts_without_provenance") == []
    assert _rows(examples_session_store, "facts_without_provenance") == []


def test_facts_without_provenance_finds_broken_facts(tmp_path):
    from evkg.kg.ingest.batch import ingest
    from helpers.corpus import CHECK_FIXTURES
    store = str(tmp_path / "store")
    assert ingest([CHECK_FIXTURES / "clean" / "paper_deb_tace_clean_en.txt"], store).ok
    with open_store(store) as st:
        st.update("""PREFIX evkg: <https://w3id.org/evkg/ontology#>
                     PREFIX oa: <http://www.w3.org/ns/oa#>
                     INSERT DATA { GRAPH <urn:x:broken> { <urn:x:f> a evkg:Fact ; evkg:kind "outcome" } }""")
        st.update("""PREFIX oa: <http://www.w3.org/ns/oa#>
                     DELETE { GRAPH ?g { ?q oa:exact ?x } } INSERT { GRAPH ?g { ?q oa:exact "not the text" } }
                     WHERE { GRAPH ?g { ?q oa:exact ?x FILTER (CONTAINS(?x, "62.0% (31/50)")) } }""")
        rows = run_named(st, "facts_without_provenance").rows
    problems = {(r["kind"], r["problem"]) for r in rows}
    assert ("outcome", "no quote") in problems and ("outcome", "no source document") in problems
    assert any(p == "quote differs from the text at its position" for _, p in problems)


_OA = "PREFIX evkg: <https://w3id.org/evkg/ontology#>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n"


def _facts_on(st, span: str) -> set[str]:
    return {r["f"] for r in st.select(_OA + f"SELECT ?f WHERE {{ ?f evkg:evidence <{span}> }}").rows}


def test_a_real_fact_stripped_of_its_quote_or_position_is_reported(tmp_path):
    """On an invented paper, one span loses its quote, one its start, one fact its document: exactly
    the facts on those spans (each of them, not only when no fact of the graph has a quote) are
    reported, with their document and kind; the ?doc parameter keeps them."""
    from evkg.kg.ingest.batch import ingest
    from helpers.corpus import CHECK_FIXTURES
    store = str(tmp_path / "store")
    assert ingest([CHECK_FIXTURES / "clean" / "paper_deb_tace_clean_en.txt"], store).ok
    with open_store(store) as st:
        assert run_named(st, "facts_without_provenance").rows == []
        spans = [r["e"] for r in st.select(_OA + "SELECT DISTINCT ?e WHERE { ?f evkg:evidence ?e } ORDER BY ?e").rows]
        unquoted, unplaced, kept = spans[0], spans[1], spans[2]
        st.update(_OA + f"DELETE {{ GRAPH ?g {{ ?q oa:exact ?x }} }} "
                        f"WHERE {{ GRAPH ?g {{ <{unquoted}> oa:hasSelector ?q . ?q oa:exact ?x }} }}")
        st.update(_OA + f"DELETE {{ GRAPH ?g {{ ?p oa:start ?x }} }} "
                        f"WHERE {{ GRAPH ?g {{ <{unplaced}> oa:hasSelector ?p . ?p oa:start ?x }} }}")
        homeless = sorted(_facts_on(st, kept))[0]
        st.update(_OA + f"DELETE {{ GRAPH ?g {{ <{homeless}> evkg:inDocument ?d }} }} "
                        f"INSERT {{ GRAPH ?g {{ <{homeless}> evkg:inDocument <urn:x:nowhere> }} }} "
                        f"WHERE {{ GRAPH ?g {{ <{homeless}> evkg:inDocument ?d }} }}")
        expected = ({(f, "no quote") for f in _facts_on(st, unquoted)}
                    | {(f, "no position") for f in _facts_on(st, unplaced)} | {(homeless, "no source document")})
        rows = run_named(st, "facts_without_provenance").rows
        assert {(r["fact"], r["problem"]) for r in rows} == expected and len(rows) == len(expected)
        assert all(r["kind"] for r in rows)
        assert {r["doc"] for r in rows if r["fact"] != homeless} == {"paper_deb_tace_clean_en"}
        mine = run_named(st, "facts_without_provenance", {"doc": "paper_deb_tace_clean_en"}).rows
        assert {(r["fact"], r["problem"]) for r in mine} == expected - {(homeless, "no source document")}


def test_seed_queries_documents_references_and_traces(seeds_store):
    docs = _rows(seeds_store, "documents")
    assert len(docs) == 5 and {d["type"] for d in docs} >= {"registration", "consensus", "paper", "review"}
    assert len(_rows(seeds_store, "references", doc="002_e3fe8ab5a02a181e")) == 46
    # 共识 1, printed without a grade, is a recommendation too.
    assert len(_rows(seeds_store, "trace_recommendations", doc="002_e3fe8ab5a02a181e")) == 9
    assert not _rows(seeds_store, "trace_arm_interventions", doc="002_e3fe8ab5a02a181e")  # a consensus has no arms
    cites = _rows(seeds_store, "trace_citations", doc="002_e3fe8ab5a02a181e", label="共识 4")
    assert {str(c["ref"]) for c in cites} >= {"15", "29", "30"}
    text = _rows(seeds_store, "document_text", doc="003_a869add1d828453c")[0]["text"]
    assert "HAIC" in text
    counts = {(r["doc"], r["kind"]): r["facts"] for r in _rows(seeds_store, "fact_counts")}
    # The one count of a document's facts is its table rows: the ungraded 共识 1 is no row.
    assert counts[("002_e3fe8ab5a02a181e", "recommendation")] == 8
    # The query gives every recommendation fact; the evidence table leaves out the ungraded one.
    assert len(_rows(seeds_store, "evidence_table", kind="recommendation")) == 9
    sample = _rows(seeds_store, "facts_with_quotes", kind="outcome")
    assert sample and all(r["kind"] == "outcome" and r["quote"] for r in sample)
    assert re.search(r"\d", sample[0]["quote"])


def test_effects_whose_ci_excludes_no_effect(tmp_path):
    """The invented trials: an OR, an MD and an HR whose CIs exclude 1 (0 for the MD) are listed with
    their quotes; the risk ratio 1.25 (0.53 to 2.95) is not."""
    from helpers.corpus import FIXTURES
    store = str(tmp_path / "store")
    assert CliRunner().invoke(main, ["ingest", "--quiet", "--store", store, str(FIXTURES / "trials")]).exit_code == 0
    with open_store(store, read_only=True) as st:
        rows = run_named(st, "effects_excluding_null").rows
        hrs = run_named(st, "effects_excluding_null", {"effect": "HR"}).rows
    assert sorted((r["effect"], r["ci_low"], r["ci_high"]) for r in rows) \
        == [("HR", 0.31, 0.87), ("MD", -2.1, -0.9), ("OR", 1.42, 9.48), ("OR", 1.45, 7.38)]
    assert all(r["quote"] and r["start"] < r["end"] for r in rows) and [r["effect"] for r in hrs] == ["HR"]
    text = (FIXTURES / "trials" / "trial_two_arms_en.txt").read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in rows if r["doc"] == "trial_two_arms_en")


def test_a_parameter_outside_the_projection_still_binds(examples_session_store):
    query = ("SELECT ?doc WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> ?doc ; "
             "<https://w3id.org/evkg/ontology#documentType> ?type } }")
    with open_store(examples_session_store, read_only=True) as st:
        rows = run_sparql(st, query, {"type": "consensus"}).result.rows
    assert [r["doc"] for r in rows] == ["consensus_tace_haic_zh"]


def test_run_named_takes_names_only(examples_session_store):
    with open_store(examples_session_store, read_only=True) as st:
        with pytest.raises(QueryError, match="nearest: documents"):
            run_named(st, "documnets")
        with pytest.raises(QueryError, match="no named query"):
            run_named(st, "SELECT ?s WHERE { ?s ?p ?o }")
        assert run_sparql(st, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1").form == "select"
        assert run_sparql(st, "ASK { ?s ?p ?o }").boolean is True
