"""End-to-end chains: invented guidelines (tests/fixtures/guidelines_chain) citing real trial reports of
../shared/corpus/ei-dev (read there, never copied) by author, year and title. The trial reports print a
title and nothing else (no year, no author): the links rest on the title line after `TITLE:` and on
resolution without a year. chains.expected.tsv lists the links a reader expects."""
import csv

import pytest

from evkg.kg.ingest.batch import ingest
from evkg.kg.report.trace import find_label, render_text, trace
from evkg.kg.store.backends import open_store
from helpers.corpus import EI_DEV, FIXTURES

CHAINS = FIXTURES / "guidelines_chain"


def _expected() -> list[dict]:
    with open(CHAINS / "chains.expected.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def chain_store(tmp_path_factory):
    if not EI_DEV.is_dir():
        pytest.skip("../shared/corpus/ei-dev is not here")
    trials = sorted({EI_DEV / f"{r['expected_doc']}.txt" for r in _expected()})
    store = str(tmp_path_factory.mktemp("chains") / "store")
    assert ingest(sorted(CHAINS.glob("*.txt")) + trials, store).ok
    return store


def test_the_trace_reaches_the_cited_trials(chain_store):
    expected = _expected()
    found = 0
    with open_store(chain_store, read_only=True) as st:
        traces = {g: trace(st, g) for g in {r["guideline"] for r in expected}}
    for r in expected:
        t = traces[r["guideline"]]
        label = find_label([x["label"] for x in t["recommendations"]], r["label"])
        (rec,) = [x for x in t["recommendations"] if x["label"] == label]
        found += any(c["ref"] == r["ref"] and c["resolved"] == r["expected_doc"] for c in rec["references"])
    assert found == len(expected) == 14  # bench/guidelines.py prints the same figure


def test_a_chain_trace_prints_the_trials_comparison_with_both_arms(chain_store):
    with open_store(chain_store, read_only=True) as st:
        t = trace(st, "chain_supportive_care_en", "Recommendation 1")
    (rec,) = t["recommendations"]
    trial = next(r for r in rec["references"] if r["resolved"])
    assert trial["ref"] == "1" and trial["resolved"] == "PMC5827033"
    both = [c for c in trial["comparisons"] if len([a for a in c["arms"] if a["arm"] and a["n"]]) == 2]
    assert both, "no comparison of two arms with their N"
    assert " vs " in render_text(t) and "not in the graph" in render_text(t)  # [2] is invented
