"""Fuzzing every reader: mutants of valid inputs (structure-aware and byte-level, tests/mutate.py)
and hypothesis-made values. Each file must give facts or the project's one-line error naming
it, never a traceback. No clock here: how long the cases take is bench/reliability.py's to
print (`--only fuzz` gives the slowest case per reader)."""
from __future__ import annotations

import json
import os
import random
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evkg.core.errors import EvkgError
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import SUFFIXES, read_documents
from evkg.extract.readers.limits import shown_path
from evkg.extract.text.context import Context
from helpers.corpus import EXAMPLES, FIXTURES, SEEDS
from helpers.mutate import deep_json, deep_xml, huge_number, mutant
from helpers.pdf import PAPER_PAGES, make_pdf

# Hundreds of mutants through every reader: left out by `make test-fast`.
pytestmark = pytest.mark.slow

STRUCTURED = {"ctgov_json": FIXTURES / "ctgov" / "NCT09990003.json",
              "ctgov_json_list": FIXTURES / "ctgov" / "studies_list.json",
              "ctgov_xml": FIXTURES / "ctgov" / "NCT09990006.xml",
              "pubmed": FIXTURES / "articles" / "pubmed_two.xml",
              "jats": FIXTURES / "articles" / "jats_article.xml",
              "registration_flat": FIXTURES / "ctgov" / "same_trial_flat.txt"}
CASES = 25  # mutants per structured seed in CI; bench/reliability.py runs more


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


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON_VALUES = st.recursive(JSON_SCALARS,
                           lambda inner: (st.lists(inner, max_size=4)
                                          | st.dictionaries(st.text(max_size=8), inner, max_size=4)),
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
def test_a_long_run_inside_a_text_still_gives_facts(run, tmp_path):
    """60,000 characters of one run in the middle of a real text: the rest of the text is still
    read (a pattern that backtracks over the run shows in bench/reliability.py's times)."""
    for seed in (EXAMPLES / "paper_tace_lenvatinib_en.txt", EXAMPLES / "consensus_tace_haic_zh.txt"):
        text = seed.read_text(encoding="utf-8")
        path = tmp_path / seed.name
        path.write_text(text[:len(text) // 2] + run * (60_000 // len(run)) + text[len(text) // 2:], encoding="utf-8")
        assert outcome(path) == "facts"


# Zero internal errors, whatever the bytes: every reader (through read_documents, by suffix) gets
# random bytes, nesting far deeper than any record and numbers of thousands of digits, under
# names that may hold bytes that are no UTF-8. Only the project's one-line errors may come out.
_SHELLS = {
    ".json": ['{"protocolSection": {"identificationModule": {"nctId": "NCT09990099", "briefTitle": "Trial"}, '
              '"designModule": {"enrollmentInfo": {"count": @}}}}',
              '{"protocolSection": {"identificationModule": {"nctId": "NCT09990099", "briefTitle": @}}, '
              '"resultsSection": {"outcomeMeasuresModule": {"outcomeMeasures": [{"title": "ORR", "denoms": '
              '[{"counts": [{"groupId": "G1", "value": "@"}]}], "classes": [{"categories": [{"measurements": '
              '[{"groupId": "G1", "value": @}]}]}]}]}}}',
              '{"studies": [@]}', "@"],
    ".xml": ["<clinical_study><id_info><nct_id>NCT09990099</nct_id></id_info><brief_title>Trial</brief_title>"
             "<enrollment>@</enrollment><detailed_description><textblock>@</textblock></detailed_description>"
             "</clinical_study>",
             "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>@</PMID><Article><Journal><Title>J</Title>"
             "</Journal><ArticleTitle>Trial</ArticleTitle><Abstract><AbstractText>@</AbstractText></Abstract>"
             "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
             "<article><front><article-meta><title-group><article-title>Trial @</article-title></title-group>"
             "</article-meta></front><body>@</body><back><ref-list><ref><label>@</label><mixed-citation>Ref"
             "</mixed-citation></ref></ref-list></back></article>"],
    ".txt": ["Trial of TACE\n\nMethods: @ patients were enrolled. Results: ORR was @% (HR @; 95% CI @-@).\n",
             "Registration number: NCT09990099\nTarget sample size: @\nPrimary outcome: @\n"],
}
_SUFFIXES = sorted(SUFFIXES)


@st.composite
def hostile_file(draw) -> tuple[bytes, bytes]:
    """(name, content): random bytes, or a shell of some format with deep nesting and huge numbers."""
    suffix = draw(st.sampled_from(_SUFFIXES))
    stem = draw(st.sampled_from([b"doc", b"bad\xff\xfename", b"\xe8\xaf\x95\xff", b"x\x80y"]))
    if draw(st.booleans()) or suffix == ".pdf":
        body = draw(st.binary(max_size=3000))
        if suffix == ".pdf" and draw(st.booleans()):
            body = b"%PDF-1.4\n" + body
        return stem + suffix.encode(), body
    shell = draw(st.sampled_from(_SHELLS[".txt" if suffix not in _SHELLS else suffix]))
    rng = random.Random(draw(st.integers(0, 2**32)))
    pieces = {".json": lambda: rng.choice([huge_number(rng), deep_json(rng), '"x"']),
              ".xml": lambda: rng.choice([huge_number(rng), deep_xml(rng), "text"])}
    piece = pieces.get(suffix, lambda: rng.choice([huge_number(rng), "1" * 5000, "(" * 3000, "40"]))
    text = re.sub("@", lambda _: piece(), shell)
    return stem + suffix.encode(), text.encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-16"])))


@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(case=hostile_file())
def test_no_input_ends_in_an_internal_error(tmp_path, case):
    name, content = case
    path = Path(os.fsdecode(bytes(tmp_path) + b"/" + name))
    path.write_bytes(content)
    try:
        for doc in read_documents(path):
            extract_facts(doc, _run())
    except EvkgError as e:
        message = str(e)
        assert "\n" not in message.strip() and message.startswith(shown_path(path)), message
        message.encode("utf-8")  # it prints and stores: no surrogates left
    finally:
        path.unlink()


@cache
def _run() -> Context:
    return Context()
