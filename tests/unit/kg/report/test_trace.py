"""Trace: recommendation -> cited references (each once, with where cited) -> documents they resolve to ->
their comparisons (both arms with N and value, the effect with CI and p, mentions counted)."""

import json

from click.testing import CliRunner

from evkg.kg.cli import main
from evkg.kg.ingest.batch import ingest
from evkg.kg.report.rows import selected_rows
from evkg.kg.report.trace import render_text, trace
from evkg.kg.store.backends import open_store


def test_seed_consensus_trace_lists_every_graded_statement_with_references(seeds_store):
    with open_store(seeds_store, read_only=True) as st:
        t = trace(st, "002_e3fe8ab5a02a181e")
    assert len(t["recommendations"]) == 9
    first, *graded = t["recommendations"]
    # 共识 1 is printed without a grade: still listed, with no grade and no citations.
    assert first["label"] == "共识 1" and not first["level"] and not first["strength"] and not first["references"]
    assert first["grade"] == "no grade printed"
    assert all(r["level"] and r["strength"] and r["system"] == "USPSTF" for r in graded)
    cited = [c for r in t["recommendations"] for c in r["references"]]
    assert len(cited) >= 28 and all(c["reference"]["first_author"] and c["cited_at"] for c in cited)
    for r in t["recommendations"]:  # each reference once per recommendation
        assert len({c["ref"] for c in r["references"]}) == len(r["references"])
    assert len(t["references"]) == 46
    # The seeds do not cite one another: nothing may resolve.
    assert not any(r["resolved"] for r in t["references"])


def test_trace_reaches_the_results_of_a_cited_paper(examples_session_store):
    with open_store(examples_session_store, read_only=True) as st:
        t = trace(st, "consensus_tace_haic_zh")
    resolved = {c["resolved"]: c for r in t["recommendations"] for c in r["references"] if c["resolved"]}
    assert set(resolved) == {"paper_haic_hcc_zh", "paper_tace_lenvatinib_en"}
    for doc, c in resolved.items():
        assert c["comparisons"] and all(x["quote"] and x["arms"] for x in c["comparisons"]), doc
        assert c["method"] == "doi"
    # References that name no document in the store stay unresolved.
    unresolved = [r for r in t["references"] if not r["resolved"]]
    assert unresolved and len(unresolved) == len(t["references"]) - 2
    text = render_text(t)
    assert "→ paper_haic_hcc_zh" in text and " vs " in text


def _two_arm(store):
    with open_store(store, read_only=True) as st:
        return trace(st, "two_arm_guideline_en", "Recommendation 1")


def test_two_arm_trace_shows_each_reference_once_and_both_arms_of_each_comparison(trace_fixtures_store):
    (rec,) = _two_arm(trace_fixtures_store)["recommendations"]
    assert rec["grade"] == ("moderate certainty (level moderate) · weak or conditional recommendation (conditional)"
                            " · GRADE")
    assert rec["interventions"] == ["HAIC"]  # `rather than TACE`: the comparator is not what is recommended
    trial, cohort = rec["references"]
    assert (trial["ref"], len(trial["cited_at"]), trial["resolved"]) == ("1", 3, "two_arm_trial_en")
    assert (cohort["ref"], len(cohort["cited_at"]), cohort["resolved"]) == ("2", 1, None)
    assert trial["source"]["design"] == ["rct"] and trial["source"]["sample_size"] == ["200"]
    by_name = {c["name"]: c for c in trial["comparisons"]}
    orr, os_ = by_name["ORR"], by_name["OS"]
    assert [(a["arm"], a["n"], a["value"], a["received"]) for a in orr["arms"]] == [
        ("HAIC group", 100, 46, True), ("TACE group", 100, 18, False)]
    assert orr["mentions"] == 4 and orr["matches"]   # abstract and body: counted, listed once
    assert [(a["arm"], a["value"]) for a in os_["arms"]] == [("HAIC group", 23.1), ("TACE group", 16.1)]
    (hr,) = os_["effects"]
    assert (hr["value"], hr["ci_low"], hr["ci_high"], hr["p_value"]) == (0.58, 0.45, 0.75, "<0.001")
    # the comparisons of the arm that received HAIC come first
    matches = [c["matches"] for c in trial["comparisons"]]
    assert matches[0] and matches == sorted(matches, reverse=True)


def test_two_arm_trace_text_and_json_say_the_same(trace_fixtures_store):
    runner = CliRunner()
    args = ["trace", "--store", trace_fixtures_store, "two_arm_guideline_en", "Recommendation 1"]
    text = runner.invoke(main, args).output
    data = json.loads(runner.invoke(main, args + ["--format", "json"]).output)
    assert "[moderate certainty (level moderate) · weak or conditional recommendation (conditional) · GRADE]" in text
    assert text.count("[1] Invented HAIC Trial Group 2025") == 1 and "cited 3× at" in text
    assert ("★ objective response rate [ORR] (proportion): ★HAIC group N=100 46% (46/100) vs TACE group N=100 "
            "18% (18/100); p <0.001 [4 mentions]") in text
    assert "HR 0.58 (95% CI 0.45–0.75), p <0.001" in text
    assert "[2] Moreau 2018" in text and "not in the graph" in text
    (rec,) = data["recommendations"]
    assert [r["ref"] for r in rec["references"]] == ["1", "2"]
    assert rec["references"][0]["comparisons"][0]["arms"][0]["arm"] == "HAIC group"


def test_a_statement_that_makes_no_recommendation_says_so(trace_fixtures_store):
    with open_store(trace_fixtures_store, read_only=True) as st:
        (rec,) = trace(st, "two_arm_guideline_en", "3")["recommendations"]
    # Ungraded (no grade, so no system either): it says what it is.
    assert rec["grade"] == "no recommendation made" and rec["references"] == []


def test_trace_cli_json_and_errors(examples_session_store):
    runner, store = CliRunner(), examples_session_store
    res = runner.invoke(main, ["trace", "--store", store, "consensus_tace_haic_zh", "--format", "json"])
    assert res.exit_code == 0 and '"recommendations"' in res.output
    res = runner.invoke(main, ["trace", "--store", store, "consensus_tace_haic_zh", "no such label"])
    assert res.exit_code == 2 and "labelled" in res.output
    res = runner.invoke(main, ["trace", "--store", store, "nope"])
    assert res.exit_code == 2 and "no document" in res.output


PRACTICE = """Management of invented gout: a clinical practice guideline

1.1 In adults with gout, we recommend a urate-lowering drug after a second flare. (1|⊕⊕○○)

Two trials support this [1].

1.2 In adults with gout, clinicians should ask about alcohol intake. (Ungraded Good Practice Statement)

Alcohol raises urate [2].

References
1. Abel A. Urate lowering (invented). Gout J. 2019;1:1-2.
2. Carr C. Alcohol and urate (invented). Gout J. 2018;3:5-6.
"""


def test_an_ungraded_practice_statement_is_traced_with_its_references_but_is_no_table_row(tmp_path):
    path = tmp_path / "gout_practice_en.txt"
    path.write_text(PRACTICE, encoding="utf-8")
    assert ingest([path], str(tmp_path / "store")).ok
    with open_store(str(tmp_path / "store"), read_only=True) as st:
        rows = {(r["kind"], r["name"], r.get("ref") or "") for r in selected_rows(st)
                if r["kind"] in ("recommendation", "citation")}
        recs = {r["label"]: r for r in trace(st, "gout_practice_en")["recommendations"]}
    # The evidence table: the graded statement and its citation only.
    assert rows == {("recommendation", "1.1", ""), ("citation", "1.1", "1")}
    # The trace: the practice statement says what it is and which reference it rests on.
    assert recs["1.2"]["grade"] == "ungraded (Ungraded Good Practice Statement)"
    assert [r["ref"] for r in recs["1.2"]["references"]] == ["2"]
