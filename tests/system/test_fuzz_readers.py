"""Fuzzing every reader: mutants of valid inputs (structure-aware and byte-level, tests/mutate.py)
and hypothesis-made values. Each file must give facts or the project's one-line error naming
it, never a traceback. How long they take is bench/reliability.py's question (no wall-clock
limits here: a busy machine is no bug); a hang shows as a test that does not end."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evkg.core.errors import EvkgError
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from helpers.corpus import EXAMPLES, FIXTURES, SEEDS
from helpers.mutate import mutant
from helpers.pdf import PAPER_PAGES, make_pdf

# Hundreds of mutants through every reader: left out by `make test-fast`.
pytestmark = pytest.mark.slow

STRUCTURED = {"ctgov_json": FIXTURES / "ctgov" / "NCT09990003.json",
              "ctgov_json_list": FIXTURES / "ctgov" / "studies_list.json",
              "ctgov_xml": FIXTURES / "ctgov" / "NCT09990006.xml",
              "pubmed": FIXTURES / "articles" / "pubmed_two.xml",
              "jats": FIXTURES / "articles" / "jats_article.xml",
              "registration_flat": FIXTURES / "ctgov" / "same_trial_flat.txt"}
CASES = 25  # mutants per structured seed in CI; bench/fuzz.py runs more


def outcome(path: Path) -> str:
    """"facts", or "error: <message>" for the project's own error; anything else propagates."""
    try:
        for doc in read_documents(path):
            extract_facts(doc, Context())
    except EvkgError as e:
        message = str(e)
        assert "\n" not in message.strip() and message.startswith(str(path)), message
        return f"error: {message}"
    return "facts"


def run_mutants(seed: Path, tmp_path: Path, cases: int, rng: random.Random) -> list[str]:
    results = []
    for k in range(cases):
        path = tmp_path / f"{seed.stem}_{k}{seed.suffix}"
        path.write_bytes(mutant(seed, rng))
        try:
            results.append(outcome(path))
        except Exception as e:  # noqa: BLE001 - the point is to name the case that escaped
            pytest.fail(f"{path} ({seed.name} mutant {k}) raised {type(e).__name__}: {e}")
    return results


@pytest.mark.parametrize("name", sorted(STRUCTURED))
def test_mutants_of_structured_inputs_fail_cleanly(name, tmp_path):
    results = run_mutants(STRUCTURED[name], tmp_path, CASES, random.Random(name))
    assert any(r.startswith("error") for r in results) or name == "registration_flat"


def test_mutants_of_pdf_fail_cleanly(tmp_path):
    seed = tmp_path / "paper.pdf"
    seed.write_bytes(make_pdf(PAPER_PAGES))
    run_mutants(seed, tmp_path, CASES, random.Random("pdf"))


def test_mutants_of_texts_stay_bounded(tmp_path):
    """Runs of digits, brackets and punctuation inside real sentences: what a quadratic scan or a
    backtracking pattern would choke on."""
    seeds = sorted(EXAMPLES.glob("*.txt")) + (sorted(SEEDS.glob("002_*.txt")) if SEEDS.is_dir() else [])
    rng = random.Random("text")
    for seed in seeds:
        assert all(r == "facts" or r.startswith("error") for r in run_mutants(seed, tmp_path, 3, rng))


def test_a_wrong_type_is_one_line_naming_the_field(tmp_path):
    data = json.loads(STRUCTURED["ctgov_json"].read_text(encoding="utf-8"))
    data["protocolSection"]["armsInterventionsModule"]["armGroups"].insert(1, None)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert outcome(path) == (f"error: {path}: field protocolSection.armsInterventionsModule.armGroups[1] "
                             "should be an object, not null; the file does not have the expected structure "
                             "(fix or re-download it)")


def test_an_element_inside_a_text_field_is_named_by_its_xml_path(tmp_path):
    text = STRUCTURED["ctgov_xml"].read_text(encoding="utf-8").replace("<brief_title>", "<brief_title><b>x</b>", 1)
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    assert "field clinical_study/brief_title should be plain text (it holds a <b> element)" in outcome(path)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)
MODULES = ["identificationModule", "descriptionModule", "conditionsModule", "designModule",
           "armsInterventionsModule", "outcomesModule"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(module=st.sampled_from(MODULES), value=JSON_VALUES, results=JSON_VALUES)
def test_any_json_in_place_of_a_module_fails_cleanly(tmp_path, module, value, results):
    data = json.loads(STRUCTURED["ctgov_json"].read_text(encoding="utf-8"))
    data["protocolSection"][module] = value
    data["resultsSection"] = {"outcomeMeasuresModule": {"outcomeMeasures": [results]}}
    path = tmp_path / "study.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    outcome(path)


@pytest.mark.parametrize("run", ["1", "a", ")", "\u3000", "x-", "1 ("])
def test_a_long_run_inside_a_text_costs_linear_time(run, tmp_path):
    """60,000 characters of one run in the middle of a real text: a pattern that backtracks over
    the run, or a scan that restarts at each of its characters, takes minutes; linear work, seconds."""
    for seed in (EXAMPLES / "paper_tace_lenvatinib_en.txt", EXAMPLES / "consensus_tace_haic_zh.txt"):
        text = seed.read_text(encoding="utf-8")
        path = tmp_path / seed.name
        path.write_text(text[:len(text) // 2] + run * (60_000 // len(run)) + text[len(text) // 2:], encoding="utf-8")
        assert outcome(path) == "facts"
