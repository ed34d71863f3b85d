"""`evkg check`: each planted discrepancy in tests/fixtures/checks/planted is found, with quotes
from both sides that are real spans; consistent fixtures, the examples and the seeds give
only what is really there."""
import json

import pytest
from click.testing import CliRunner

from evkg.kg.cli import main
from evkg.kg.report.checks import CHECKS, _attributed_refs, _same_number, render_text, run_checks
from evkg.kg.store.backends import open_store
from evkg.kg.store.queries import run_named


def _findings(store, only=None):
    with open_store(store, read_only=True) as st:
        return run_checks(st, only)


def _texts(store) -> dict[str, str]:
    with open_store(store, read_only=True) as st:
        return {r["doc"]: run_named(st, "document_text", {"doc": r["doc"]}).rows[0]["text"]
                for r in run_named(st, "documents").rows}


def _by_check(findings) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set] = {}
    for f in findings:
        out.setdefault(f.check, set()).add((f.doc, f.subject))
    return out


def test_every_planted_discrepancy_is_found(planted_store):
    got = _by_check(_findings(planted_store))
    assert got == {
        "registered_not_reported": {("paper_haic_rct_en", "TECH_SUCCESS")},
        "reported_not_registered": {("paper_haic_rct_en", "DCR")},
        "primary_endpoint_changed": {("paper_haic_rct_en", "ORR"), ("paper_haic_rct_en", "PFS")},
        "no_resolvable_source": {("consensus_checks_zh", "1 recommendation")},  # one line per document
        "strong_on_low_certainty": {("consensus_checks_zh", "共识 1")},
        "strong_without_rct": {("consensus_checks_zh", "共识 2")},
        "strong_on_nonsignificant": {("consensus_checks_zh", "共识 6")},
        "number_mismatch": {("consensus_checks_zh", "ORR")},
        "ungraded_recommendation": {("consensus_checks_zh", "共识 5")},
        "no_result_for_intervention": {("consensus_checks_zh", "共识 4")},
    }
    assert set(got) == set(CHECKS)


def test_findings_quote_both_sides_with_real_spans(planted_store):
    texts = _texts(planted_store)
    for f in _findings(planted_store):
        # An ungraded statement has no other side to quote.
        assert f.claim and (f.against or f.check == "ungraded_recommendation"), f
        for q in f.claim + f.against:
            assert q.text and texts[q.doc][q.start:q.end] == q.text, (f.check, q)


def test_number_mismatch_names_both_numbers(planted_store):
    (f,) = _findings(planted_store, ["number_mismatch"])
    assert [q.text for q in f.claim] == ["ORR 为 52.0%"]
    assert [q.text for q in f.against] == ["objective response rate was 40.0% (16/40)"]
    assert "52%" in f.message and "40%" in f.message
    # The PFS of the same sentence (8.5 months) agrees with the paper: no finding for it.


def test_endpoint_findings_quote_registration_and_paper(planted_store):
    found = {f.subject: f for f in _findings(planted_store, ["registered_not_reported", "primary_endpoint_changed"])}
    assert found["TECH_SUCCESS"].claim[0].doc == "reg_haic_rct"
    assert {q.doc for q in found["TECH_SUCCESS"].against} == {"paper_haic_rct_en"}
    assert "primary in reg_haic_rct but secondary" in found["ORR"].message
    assert found["PFS"].claim[0].text == "primary end point was progression-free survival"


def test_consistent_fixtures_give_no_findings(clean_store):
    assert _findings(clean_store) == []


def test_unresolved_sources_are_one_line_per_document_naming_what_to_ingest(planted_store):
    (f,) = _findings(planted_store, ["no_resolvable_source"])
    assert f.message == ("consensus_checks_zh: 1 graded recommendation (共识 3) has no source in the graph; "
                         "ingest [3] Brown 2020 to check it")
    assert [q.text[:4] for q in f.claim] == ["共识 3"] and f.against[0].text.startswith("[3] Brown K")


def test_a_statement_that_makes_no_recommendation_is_no_finding(trace_fixtures_store):
    # `Recommendation 3 … we make no recommendation for or against …` cites nothing and has no grade
    found = _findings(trace_fixtures_store)
    assert not [f for f in found if f.doc == "two_arm_guideline_en" and f.subject == "Recommendation 3"]
    assert not [f for f in found if "Recommendation 3" in f.message and f.doc == "two_arm_guideline_en"]


def test_strong_on_nonsignificant_names_the_comparisons(planted_store):
    (f,) = _findings(planted_store, ["strong_on_nonsignificant"])
    assert f.subject == "共识 6" and "OS p 0.58" in f.message
    assert {q.doc for q in f.against} == {"paper_nonsig_en"}


def test_significance_by_p_or_by_the_confidence_interval():
    from evkg.kg.report.checks import significant
    assert significant({"p_value": "<0.001", "effects": []}) is True
    assert significant({"p_value": "0.038", "effects": []}) is True
    assert significant({"p_value": "0.58", "effects": []}) is False
    assert significant({"p_value": "", "effects": [{"effect": "HR", "ci_low": 0.45, "ci_high": 0.75}]}) is True
    assert significant({"p_value": "", "effects": [{"unit": "HR", "ci_low": 0.62, "ci_high": 1.31}]}) is False
    assert significant({"p_value": "", "effects": [{"effect": "MD", "ci_low": -1.2, "ci_high": 0.4}]}) is False
    assert significant({"p_value": "", "effects": []}) is None


def test_examples_lack_sources_for_two_statements_in_one_line(examples_session_store):
    # Ref [1] and [2] resolve and their numbers agree; 共识 2 and 5 cite only documents not ingested.
    (f,) = _findings(examples_session_store)
    assert (f.check, f.doc) == ("no_resolvable_source", "consensus_tace_haic_zh")
    assert "2 graded recommendations (共识 2, 共识 5) have no source in the graph; ingest [" in f.message


def test_seed_consensus_statements_have_no_source_in_the_graph(seeds_store):
    found = _findings(seeds_store)
    ungraded = [f for f in found if f.check == "ungraded_recommendation"]
    assert [f.subject for f in ungraded] == ["共识 1"]
    found = [f for f in found if f not in ungraded]
    assert [(f.check, f.doc, f.subject) for f in found] == [
        ("no_resolvable_source", "002_e3fe8ab5a02a181e", "8 recommendations")]
    assert "1 cites no reference" in found[0].message and len(found[0].claim) == 8


def test_numbers_compare_at_the_shorter_precision():
    assert _same_number("67", "67.4") and _same_number("67.4", "67.4") and _same_number("45", "45.0")
    assert not _same_number("7.2", "7.3") and not _same_number("52", "40") and not _same_number("68", "67.4")


def test_a_number_belongs_to_the_citation_of_its_sentence():
    text = "HAIC 组 ORR 为 52.0%，PFS 为 8.5 个月[1]。TACE 组 ORR 为 30.0%；另见[2]"
    cite = {"ref": "1", "start": "0", "end": str(text.index("[1]") + 3)}
    other = {"ref": "2", "start": "0", "end": str(len(text))}
    orr = {"ref": "", "start": str(text.index("ORR")), "end": str(text.index("52.0%") + 5)}
    later = {"ref": "", "start": str(text.index("ORR 为 30")), "end": str(text.index("30.0%") + 5)}
    assert _attributed_refs(orr, [cite, other], text) == ["1"]
    assert _attributed_refs(later, [cite, other], text) == []   # 。 and ； end its sentence
    assert _attributed_refs({"ref": "4,6", "start": "0", "end": "1"}, [], None) == ["4", "6"]


def test_render_text_groups_by_check(planted_store):
    text = render_text(_findings(planted_store))
    assert text.splitlines()[-1] == "11 findings"
    assert "number_mismatch (1)" in text and "claim  consensus_checks_zh@" in text
    assert render_text([]) == "no findings"


def test_check_cli_json_exit_status_and_errors(planted_store, clean_store):
    runner = CliRunner()
    res = runner.invoke(main, ["check", "--store", planted_store, "--format", "json"])
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["counts"]["primary_endpoint_changed"] == 2 and len(data["findings"]) == 11
    assert all(f["claim"] and (f["against"] or f["check"] == "ungraded_recommendation") for f in data["findings"])
    res = runner.invoke(main, ["check", "--store", clean_store])
    assert res.exit_code == 0 and res.output.strip() == "no findings"
    res = runner.invoke(main, ["check", "--store", planted_store, "--only", "number_mismatch"])
    assert res.exit_code == 1 and "1 findings" in res.output
    res = runner.invoke(main, ["check", "--store", planted_store, "--only", "nonsense"])
    assert res.exit_code == 2 and "unknown check" in res.output


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_each_check_can_run_alone(planted_store, check):
    found = _findings(planted_store, [check])
    assert found and {f.check for f in found} == {check}
