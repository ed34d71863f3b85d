"""Trace: recommendation -> cited references -> documents they resolve to -> what those report."""

import pytest
from click.testing import CliRunner

from evkg.kg.cli import main
from evkg.kg.ingest.batch import ingest
from evkg.kg.report.trace import render_text, trace
from evkg.kg.store.backends import open_store
from helpers.corpus import EXAMPLES


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("ex") / "store")
    rep = ingest([EXAMPLES], store)
    assert rep.ok and rep.links >= 2
    return store


def test_seed_consensus_trace_lists_every_graded_statement_with_references(seeds_store):
    with open_store(seeds_store, read_only=True) as st:
        t = trace(st, "002_e3fe8ab5a02a181e")
    assert len(t["recommendations"]) == 9
    first, *graded = t["recommendations"]
    # 共识 1 is printed without a grade: still listed, with no grade and no citations.
    assert first["label"] == "共识 1" and not first["level"] and not first["strength"] and not first["citations"]
    assert all(r["level"] and r["strength"] and r["system"] == "USPSTF" for r in graded)
    cited = [c for r in t["recommendations"] for c in r["citations"]]
    assert len(cited) >= 28 and all(c["reference"]["first_author"] for c in cited)
    assert len(t["references"]) == 46
    # The seeds do not cite one another: nothing may resolve.
    assert not any(r["resolved"] for r in t["references"])


def test_trace_reaches_the_outcomes_of_a_cited_paper(examples_store):
    with open_store(examples_store, read_only=True) as st:
        t = trace(st, "consensus_tace_haic_zh")
    resolved = {c["resolved"]: c for r in t["recommendations"] for c in r["citations"] if c["resolved"]}
    assert set(resolved) == {"paper_haic_hcc_zh", "paper_tace_lenvatinib_en"}
    for doc, c in resolved.items():
        outcomes = [f for f in c["facts"] if f["kind"] == "outcome"]
        assert outcomes and all(f["quote"] for f in outcomes), doc
        assert c["method"] == "doi"
    # References that name no document in the store stay unresolved.
    unresolved = [r for r in t["references"] if not r["resolved"]]
    assert unresolved and len(unresolved) == len(t["references"]) - 2
    text = render_text(t)
    assert "→ paper_haic_hcc_zh" in text and "outcome" in text


def test_trace_cli_json_and_errors(examples_store):
    runner = CliRunner()
    res = runner.invoke(main, ["trace", "--store", examples_store, "consensus_tace_haic_zh", "--format", "json"])
    assert res.exit_code == 0 and '"recommendations"' in res.output
    res = runner.invoke(main, ["trace", "--store", examples_store, "consensus_tace_haic_zh", "no such label"])
    assert res.exit_code == 2 and "labelled" in res.output
    res = runner.invoke(main, ["trace", "--store", examples_store, "nope"])
    assert res.exit_code == 2 and "no document" in res.output
