"""docs/model.md: generated from ontology/ and docs/examples/, up to date, and every query in it answers
on the seeds' graph (on examples/ when ../shared is absent) with the rows a reader expects: the
same numbers and quotes the export prints, worked out here in Python from the export's rows."""
from __future__ import annotations

from decimal import Decimal

import pytest
from model_doc import DOC_PATH, classes, examples, load, main, render

from evkg.core.model import Document, Fact
from evkg.kg.graph.ids import graph_iri
from evkg.kg.graph.rdf import document_triples
from evkg.kg.ingest.batch import ingest
from evkg.kg.report.rows import evidence_rows
from evkg.kg.store.backends import open_store
from helpers.corpus import FIXTURES, SEEDS

QUESTIONS = {q.name: q for q in examples()}
WORKED = QUESTIONS["3_hr_ci_excludes_one"].query


@pytest.fixture(scope="module")
def graph_store(request):
    name = "seeds_store" if SEEDS.is_dir() else "examples_session_store"
    return request.getfixturevalue(name)


@pytest.fixture(scope="module")
def table(graph_store):
    """The export's rows (every kind), what a reader of the CSV sees."""
    with open_store(graph_store, read_only=True) as st:
        return evidence_rows(st, kinds=("outcome", "reference", "recommendation"))


def _answer(store: str, query: str) -> list[dict]:
    with open_store(store, read_only=True) as st:
        rows = st.select(query).rows
    assert rows, f"no rows for\n{query}"
    return rows


def _number(cell: str) -> float | None:
    return float(cell) if cell else None


def test_model_doc_is_up_to_date():
    assert main(["--check"]) == 0, "run: python tools/model_doc.py"
    text = DOC_PATH.read_text(encoding="utf-8")
    for c in classes(load()):
        assert f"### {c.name}" in text and c.example in text
    for q in QUESTIONS.values():
        assert q.query in text and q.title in text


def test_every_class_and_property_is_explained_with_its_range_and_an_example():
    docs = classes(load())
    names = {c.name for c in docs}
    assert {"Document", "Fact", "Outcome", "Result", "StudyArm", "Recommendation", "Reference",
            "oa:SpecificResource", "oa:TextQuoteSelector"} <= names
    for c in docs:
        assert c.en and c.zh and c.comment, c.name
        assert c.example.count("SELECT") == 1 and "LIMIT" in c.example
        for p in c.props:
            assert p.range and p.en and p.comment, (c.name, p.name)
    outcome = next(c for c in docs if c.name == "Outcome")
    ranges = {p.name: p.range for p in outcome.props}
    assert ranges["evkg:ciHigh"] == ranges["evkg:pValue"] == ranges["evkg:value"] == "xsd:decimal"
    assert ranges["evkg:ofArm"] == "evkg:StudyArm"
    reference = next(c for c in docs if c.name == "Reference")
    assert {p.name: p.range for p in reference.props}["evkg:year"] == "xsd:gYear"
    assert {"1_fact_quote", "2_result_arm_ci_p", "3_hr_ci_excludes_one", "4_reference_year",
            "5_recommendation_grade"} <= set(QUESTIONS)


def test_every_class_example_answers(graph_store):
    empty = []
    with open_store(graph_store, read_only=True) as st:
        for c in classes(load()):
            rows = st.select(c.example).rows
            if not rows and not c.deprecated:   # a deprecated class is no longer written
                empty.append(c.name)
            for r in rows:
                assert r["node"] and r["doc"], c.name
                assert r.get("quote", "x"), c.name
    assert empty == [], f"example queries without rows: {empty}"


def test_a_fact_quote_is_the_text_at_its_offsets(graph_store):
    rows = _answer(graph_store, QUESTIONS["1_fact_quote"].query)
    with open_store(graph_store, read_only=True) as st:
        texts = {r["doc"]: r["text"] for r in st.select(
            "SELECT ?doc ?text WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> ?doc ; "
            "<https://w3id.org/evkg/ontology#fullText> ?text } }").rows}
    for r in rows:
        assert r["quote"] == texts[r["doc"]][r["start"]:r["end"]]


def _p_cell(r: dict) -> str:
    return (r["pComparator"] or "") + format(Decimal(str(r["p"])).normalize(), "f") if r["p"] is not None else ""


def test_a_result_arm_comparator_ci_and_p_are_the_numbers_the_export_prints(graph_store, table):
    rows = _answer(graph_store, QUESTIONS["2_result_arm_ci_p"].query)
    printed: dict[tuple, list[dict]] = {}
    for t in table:  # one number may be printed alike for two arms (`16.6` twice in a table): a list each
        if t["kind"] == "outcome":
            printed.setdefault((t["doc"], t["name"], _number(t["value"]), t["quote"]), []).append(t)
    for r in rows:
        same = printed[(r["doc"], r["measure"], float(r["value"]), r["quote"])]
        assert any(_number(t["ci_low"]) == r["ciLow"] and _number(t["ci_high"]) == r["ciHigh"]
                   and t["p_value"] == _p_cell(r) for t in same), (r, same)
        assert r["pComparator"] in (None, "<", "<=", ">", ">=")
        if r["ciLow"] is not None:
            assert r["ciLow"] <= r["ciHigh"]
        if r["p"] is not None:
            assert 0 <= r["p"] <= 1


def test_the_worked_example_finds_every_hazard_ratio_whose_ci_excludes_1_and_only_those(graph_store, table):
    rows = _answer(graph_store, WORKED)
    expected = {(t["doc"], int(t["start"])) for t in table if t["kind"] == "outcome"
                and "HR" in (t["unit"], t["effect"]) and t["ci_low"] and t["ci_high"]
                and (float(t["ci_high"]) < 1 or float(t["ci_low"]) > 1)}
    assert {(r["doc"], r["start"]) for r in rows} == expected
    for r in rows:
        assert r["hi"] < 1 or r["lo"] > 1
        assert r["quote"]


def test_a_reference_year_is_a_year_the_quote_prints(graph_store, table):
    rows = _answer(graph_store, QUESTIONS["4_reference_year"].query)
    years = {(t["doc"], t["ref"]): t["value"] for t in table if t["kind"] == "reference"}
    for r in rows:
        assert r["year"] >= 2018 and str(r["year"]) in r["quote"]
        assert years[(r["doc"], r["ref"])] == str(r["year"])


def test_a_recommendation_grade_is_the_one_the_export_prints(graph_store, table):
    rows = _answer(graph_store, QUESTIONS["5_recommendation_grade"].query)
    graded = {(t["doc"], t["name"]): (t["level"], t["strength"]) for t in table if t["kind"] == "recommendation"}
    for r in rows:
        assert r["level"] or r["strength"]
        assert graded[(r["doc"], r["label"])] == (r["level"] or "", r["strength"] or "")


def test_significant_results_have_p_below_0_05(graph_store, table):
    rows = _answer(graph_store, QUESTIONS["6_significant_p"].query)
    for r in rows:
        assert r["p"] < 0.05 or (r["p"] == 0.05 and r["pComparator"] in ("<", "<="))
    below = [t for t in table if t["kind"] == "outcome" and t["p_value"]
             and (float(t["p_value"].lstrip("<>=")) < 0.05 or t["p_value"] in ("<0.05", "<=0.05"))]
    assert len(rows) == min(20, len(below))


def test_render_is_deterministic():
    assert render(classes(load()), examples()) == render(classes(load()), examples())


# A numeric FILTER on CI bounds returns what a reader of the text expects: bounds printed `0·80`
# compare as 0.8, `1.29` is above 1, `10.5` above 9 (as text, "10.5" < "9").

_TEXT = "HR 0·62 (0·48–0·80); HR 0.95 (0.70–1.29); HR 10.5 (9.0–12.0); OR 0.5 (0.3–0.9); HR 1.1 (NA–NA)"


def _hr(doc: Document, printed: str, value: float, lo: str, hi: str, unit: str = "HR") -> Fact:
    start = doc.text.index(printed)
    return Fact("outcome", doc.span(start, start + len(printed)).provenance("test", "1"), name="OS",
                value=value, unit=unit, details={"ci_low": lo, "ci_high": hi, "p_value": "< .001"})


@pytest.fixture(scope="module")
def invented_store(tmp_path_factory):
    doc = Document("invented_hr", _TEXT)
    facts = [_hr(doc, "HR 0·62", 0.62, "0·48", "0·80"), _hr(doc, "HR 0.95", 0.95, "0.70", "1.29"),
             _hr(doc, "HR 10.5", 10.5, "9.0", "12.0"), _hr(doc, "OR 0.5", 0.5, "0.3", "0.9", unit="OR"),
             _hr(doc, "HR 1.1", 1.1, "NA", "NA")]
    path = str(tmp_path_factory.mktemp("typed") / "store")
    with open_store(path) as st:
        st.replace_graph(graph_iri(doc.id), document_triples(doc, "0" * 64, facts))
    return path


def test_a_numeric_filter_on_ci_bounds_returns_the_rows_a_reader_expects(invented_store):
    below = _answer(invented_store, "PREFIX evkg: <https://w3id.org/evkg/ontology#> SELECT ?v WHERE "
                                    "{ GRAPH ?g { ?f evkg:value ?v ; evkg:ciHigh ?hi FILTER(?hi < 1) } } ORDER BY ?v")
    assert [r["v"] for r in below] == [0.5, 0.62]
    assert sorted(r["hr"] for r in _answer(invented_store, WORKED)) == [0.62, 10.5]
    (row,) = _answer(invented_store, "PREFIX evkg: <https://w3id.org/evkg/ontology#> SELECT ?q ?c WHERE "
                                     "{ GRAPH ?g { ?f evkg:value 0.62 ; evkg:pValue ?q ; evkg:pComparator ?c } }")
    assert (row["q"], row["c"]) == (0.001, "<")
    with open_store(invented_store, read_only=True) as st:
        printed = {r["value"]: r for r in evidence_rows(st)}
    hr = printed["0.62"]
    assert (hr["ci_low"], hr["ci_high"], hr["p_value"]) == ("0.48", "0.8", "<0.001")
    assert printed["1.1"]["ci_low"] == ""    # `NA` states no number


def test_the_worked_example_on_an_invented_paper_read_end_to_end(tmp_path):
    store = str(tmp_path / "store")
    assert ingest([FIXTURES / "model"], store).ok
    rows = _answer(store, WORKED)
    assert sorted(r["hr"] for r in rows) == [0.62, 1.45]
    assert "HR 0·62" in {r["quote"] for r in rows}
    (lo,) = _answer(store, "PREFIX evkg: <https://w3id.org/evkg/ontology#> SELECT ?lo WHERE "
                           "{ GRAPH ?g { ?f evkg:value 0.62 ; evkg:ciLow ?lo } }")
    assert lo["lo"] == 0.48
