"""store/guard.py: what the read-only endpoint runs is what it judged (the attacks are tests/system)."""
import pytest

from evkg.kg.store.guard import RefusedQuery, check_dataset, check_query, expand_escapes

P = "PREFIX evkg: <https://w3id.org/evkg/ontology#> "


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "select"), ("ASK { ?s ?p ?o }", "ask"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"), ("DESCRIBE <http://x>", "describe")])
def test_the_form_is_read_from_the_parse(text, form):
    assert check_query(text).form == form


def test_keywords_in_strings_and_comments_are_no_operations():
    q = check_query(P + 'SELECT ?s WHERE { ?s evkg:label "DROP ALL; SERVICE <http://x> {}" } # DELETE WHERE')
    assert q.form == "select"


@pytest.mark.parametrize("text, word", [("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
                                        ("DROP ALL", "DROP"), ("LOAD <http://example.org/x>", "LOAD")])
def test_updates_are_refused_by_name(text, word):
    with pytest.raises(RefusedQuery, match=f"read-only.*{word}"):
        check_query(text)


def test_service_is_refused():
    with pytest.raises(RefusedQuery, match="SERVICE"):
        check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")


def test_escapes_are_replaced_once_and_the_replaced_text_is_what_runs():
    q = check_query('SELECT ?s WHERE { ?s ?p "caf\\u00e9" }')
    assert "café" in q.text and "\\u00e9" not in q.text
    with pytest.raises(RefusedQuery, match="opens or closes a string"):
        expand_escapes('"\\u0022')
    with pytest.raises(RefusedQuery, match="not a Unicode character"):
        expand_escapes("\\uD800")


def test_a_lone_carriage_return_ends_a_comment_for_both_readers():
    q = check_query("SELECT * WHERE { ?s ?p ?o } # a comment\rLIMIT 1")
    assert "\r" not in q.text and q.text.endswith("LIMIT 1")


def test_a_syntax_error_says_so():
    with pytest.raises(RefusedQuery, match="SPARQL syntax error"):
        check_query("SELECT WHERE")


@pytest.mark.parametrize("text, said", [
    ("SELECT ?x WHER { ?x ?p ?o }", "at line 1, column 11: found 'WHER'; expected one of DISTINCT, WHERE"),
    ("SELECT ?x WHERE { ?x ?p ?o ", "at line 1, column 28: found the end of the query; expected one of"),
    ("PREFIX ex: <http://x#>\nSELECT ?x WHERE {\n  ?x ex:p ?o ) }", "at line 3, column 14: found ')'"),
    ("SELECT ?x WHERE { ?x evkg:kind ?o }",
     "at line 1, column 22: prefix evkg: is not declared; add `PREFIX evkg: <https://w3id.org/evkg/ontology#>`"),
    ("PREFIX oa: <http://www.w3.org/ns/oa#>\nSELECT ?q WHERE { ?s oa:exact ?q ; dcterms:title ?t }",
     "at line 2, column 36: prefix dcterms: is not declared; add `PREFIX dcterms: <http://purl.org/dc/terms/>`"),
    ("SELECT * FROM ex:g WHERE { ?s ?p ?o }", "prefix ex: is not declared; add `PREFIX ex: <...>`"),
])
def test_a_syntax_error_is_one_line_saying_where_and_what_was_expected(text, said):
    with pytest.raises(RefusedQuery) as e:
        check_query(text)
    message = str(e.value)
    assert said in message and "\n" not in message and "\\u{" not in message and len(message) < 300


def test_from_may_name_only_stored_graphs():
    q = check_query("SELECT * FROM <http://g/1> FROM NAMED <http://g/2> WHERE { ?s ?p ?o }")
    assert q.dataset == ("http://g/1", "http://g/2")
    check_dataset(q.dataset, lambda iri: True)
    with pytest.raises(RefusedQuery, match="http://g/2"):
        check_dataset(q.dataset, lambda iri: iri == "http://g/1")
