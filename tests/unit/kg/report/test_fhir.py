"""The FHIR R5 Bundle means something: every Evidence's statistic has a coded type, sizes come
from the arms, and Citations carry the document's title (never a `TITLE:` label or a bare year).
Validated by fhir.resources on the seeds plus 20 ei-dev papers (../shared) and on invented trials."""
import json
import re

import pytest
from click.testing import CliRunner
from fhir.resources.bundle import Bundle

from evkg.kg.cli import main
from evkg.kg.report.fhir import clean_title, fhir_bundle
from evkg.kg.report.rows import result_rows, selected_rows
from evkg.kg.report.statistics import FHIR_STATISTIC_TYPE, statistic_of, statistic_types
from evkg.kg.store.backends import open_store
from helpers.corpus import EI_DEV, FIXTURES, SEEDS

# The codes of http://terminology.hl7.org/CodeSystem/statistic-type (FHIR R5).
FHIR_CODES = {"0000100", "0000301", "0000424", "0000457", "0000565", "C16726", "C16932", "C17010", "C25463",
              "C25564", "C25570", "C28007", "C44256", "C53319", "C65171", "C65172", "C93150", "C93152",
              "absolute-MedianDiff", "descriptive", "predictedRisk", "rate-ratio"}


def _resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.fixture(scope="module")
def seeds_and_papers(tmp_path_factory):
    """The seeds and the first 20 ei-dev papers in one store."""
    if not (SEEDS.is_dir() and EI_DEV.is_dir()):
        pytest.skip("the seeds and ei-dev are in ../shared")
    store = str(tmp_path_factory.mktemp("fhir") / "store")
    papers = sorted(EI_DEV.glob("*.txt"))[:20]
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", store, str(SEEDS), *map(str, papers)])
    assert res.exit_code == 0, res.output
    return store


def test_every_evidence_of_seeds_and_papers_has_a_coded_statistic_type(seeds_and_papers, tmp_path):
    out = tmp_path / "bundle.json"
    res = CliRunner().invoke(main, ["export", "--store", seeds_and_papers, "-o", str(out)])
    assert res.exit_code == 0, res.output
    bundle = json.loads(out.read_text(encoding="utf-8"))
    Bundle.model_validate(bundle)
    evidence = _resources(bundle, "Evidence")
    assert len(evidence) > 500
    types = [e["statistic"][0]["statisticType"] for e in evidence]
    assert all(t["coding"][0]["system"] == FHIR_STATISTIC_TYPE and t["coding"][0]["code"] in FHIR_CODES
               for t in types)
    codes = {t["coding"][0]["code"] for t in types}
    assert {"C44256", "C53319", "C93150", "C16932"} <= codes   # proportions, means, HRs, ORs
    # Every result the graph gives a size (a denominator, its arm's N) has its sampleSize.
    size = {e["note"][0]["text"].split("]")[0] + "]":
            e["statistic"][0].get("sampleSize", {}).get("numberOfParticipants") for e in evidence}
    with open_store(seeds_and_papers, read_only=True) as st:
        results = result_rows(selected_rows(st, [], ("outcome", "arm")))
    known = [r for r in results if r["total"] or r["arm_size"]]
    assert len(known) > 100
    assert sum(size[f"{r['doc']} [{r['start']}:{r['end']}]"] is not None for r in known) == len(known)
    for c in _resources(bundle, "Citation"):
        assert not re.match(r"(?i)\s*(title|标题)\s*[:：]", c["title"]) and not re.fullmatch(r"\d{4}", c["title"])


def test_statistic_table_codes_are_fhir_codes():
    assert {t.code for t in statistic_types().values()} <= FHIR_CODES
    assert statistic_of({"unit": "HR", "value": 0.5}) == "HR"
    assert statistic_of({"unit": "%", "statistic": "value"}) == "proportion"
    assert statistic_of({"unit": "months", "statistic": "", "quote": "中位 OS 为 13.6 个月"}) == "median"
    assert statistic_of({"unit": "months", "statistic": "", "quote": "mPFS was 9 months"}) == "median"
    assert statistic_of({"unit": "months", "statistic": "", "quote": "OS was 9 months"}) == "value"
    assert statistic_of({"unit": "", "statistic": "mean", "sd": "1.2"}) == "mean"


@pytest.mark.parametrize("printed, title", [
    ("TITLE: Brivanib gel versus placebo", "Brivanib gel versus placebo"), ("标题：肝动脉灌注化疗", "肝动脉灌注化疗"),
    ("Title :  A trial\n of X", "A trial of X"), ("2023", ""), ("[12] 2019.", ""),
    ("Titles of trials", "Titles of trials")])
def test_titles_lose_their_label(printed, title):
    assert clean_title(printed) == title


def test_invented_trials_bundle(tmp_path):
    store = str(tmp_path / "store")
    assert CliRunner().invoke(main, ["ingest", "--quiet", "--store", store, str(FIXTURES / "trials")]).exit_code == 0
    with open_store(store, read_only=True) as st:
        bundle = fhir_bundle(st)
    titles = {c["title"] for c in _resources(bundle, "Citation")}
    assert "Brivanib gel versus placebo gel for chronic hand eczema: a randomised controlled trial" in titles
    assert any(t.startswith("肝动脉灌注化疗联合仑伐替尼") for t in titles)
    stats = {(e["title"], e["statistic"][0]["statisticType"]["coding"][0]["code"]):
             e["statistic"][0] for e in _resources(bundle, "Evidence")}
    odds = stats[("clear or almost clear skin vs placebo group (trial_two_arms_en)", "C16932")]
    assert odds["sampleSize"]["numberOfParticipants"] == 120 and odds["quantity"]["value"] == 3.27
    arm = stats[("clear or almost clear skin, brivanib group vs placebo group (trial_two_arms_en)", "C44256")]
    assert arm["numberOfEvents"] == 27 and arm["sampleSize"]["numberOfParticipants"] == 60
    mean = stats[("itch score, placebo group vs brivanib group (trial_two_arms_en)", "C53319")]
    assert mean["quantity"]["value"] == 3.6
    assert {"value": 1.9} in [a.get("quantity") for a in mean["attributeEstimate"]]  # its SD (and the p it keeps)
    p = stats[("itch score vs placebo group (trial_two_arms_en)", "0000457")]["attributeEstimate"]
    assert {"value": 0.001, "comparator": "<"} in [a.get("quantity") for a in p]
