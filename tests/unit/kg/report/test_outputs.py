"""What a reviewer takes away: the evidence table's added columns, kinds on request, the workbook's
Studies / Results / Codes sheets, the FHIR R5 bundle, and exports that refuse mistakes.

Invented inputs are examples/ (written for this repo) plus triples inserted into a copy of its
store, for the result fields the extractors do not fill yet; the seeds are read from ../shared."""
import json
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from evkg.core.model import TABLE_KINDS
from evkg.kg.cli import main
from evkg.kg.report.columns import COLUMNS, TABLE_COLUMNS
from evkg.kg.report.fhir import fhir_bundle
from evkg.kg.report.rows import evidence_rows, recommendation_rows, result_rows, selected_rows
from evkg.kg.report.studies import StudyIndex, first_author, ref_numbers, study_label
from evkg.kg.report.xlsx import review_sheets
from evkg.kg.store.backends import open_store
from helpers.corpus import FIXTURES, SEEDS, read_table

EVKG = "https://w3id.org/evkg/ontology#"
PAPER = "paper_haic_hcc_zh"


@pytest.fixture(scope="module")
def planted(examples_session_store, tmp_path_factory):
    """examples/ with the result model's triples set on the paper's PFS hazard ratio: a Result
    shared by its two mentions, the effect, the comparator arm and the arm sizes (whatever the
    extractors give these today)."""
    store = tmp_path_factory.mktemp("planted") / "store"
    shutil.copytree(examples_session_store, store)
    with open_store(str(store)) as st:
        facts = [r["fact"] for r in evidence_rows(st, PAPER) if r["unit"] == "HR"]
        assert len(facts) == 2
        g = f"https://w3id.org/evkg/id/graph/{PAPER}"
        res, arm, cmp = (f"https://w3id.org/evkg/id/doc/{PAPER}/{x}" for x in ("result/pfs-hr", "arm/haic", "arm/tace"))
        triples = [f"<{arm}> <{EVKG}armSize> 40 .", f"<{cmp}> <{EVKG}label> \"TACE组\" .",
                   f"<{cmp}> <{EVKG}armSize> 41 ."]
        for f in facts:
            triples += [f"<{f}> <{EVKG}result> <{res}> .", f"<{f}> <{EVKG}effect> \"HR\" .",
                        f"<{f}> <{EVKG}ofArm> <{arm}> .", f"<{f}> <{EVKG}comparatorArm> <{cmp}> .",
                        f"<{f}> <{EVKG}source> \"own\" .", f"<{f}> <{EVKG}arm> \"HAIC组\" ."]
        for f in facts:   # what the pipeline wrote for these properties gives way to the planted values
            for prop in ("result", "effect", "ofArm", "comparatorArm", "source", "arm", "comparator", "armSize"):
                st.update(f"DELETE WHERE {{ GRAPH <{g}> {{ <{f}> <{EVKG}{prop}> ?x }} }}")
        st.update(f"INSERT DATA {{ GRAPH <{g}> {{ {' '.join(triples)} }} }}")
    return str(store)


def test_table_keeps_the_spec_columns_first_then_the_result_fields(examples_session_store, tmp_path):
    out = tmp_path / "t.csv"
    res = CliRunner().invoke(main, ["export", "--store", examples_session_store, "-o", str(out)])
    assert res.exit_code == 0
    rows = read_table(out)
    assert tuple(rows[0])[:len(COLUMNS)] == COLUMNS and tuple(rows[0]) == TABLE_COLUMNS
    assert {r["kind"] for r in rows} <= set(TABLE_KINDS) and {"citation", "reference"} <= {r["kind"] for r in rows}
    hr = [r for r in rows if r["doc"] == PAPER and r["unit"] == "HR"]
    assert {(r["ci_low"], r["ci_high"], r["p_value"]) for r in hr} == {("0.31", "0.87", "0.01")}
    assert {r["section"] for r in hr} == {"abstract results", "results 2.2"}
    assert {r["study"] for r in hr} == {"张明远 2024"}   # first author + year of the paper itself
    # A consensus's number citing a reference is that reference's study, not the consensus's.
    cited = [r for r in rows if r["doc"] == "consensus_tace_haic_zh" and r["kind"] == "outcome" and r["ref"]]
    assert cited and all(r["study"] and r["study"] != "consensus_tace_haic_zh" for r in cited)


def test_kinds_on_request(examples_session_store, tmp_path):
    out = tmp_path / "arms.csv"
    res = CliRunner().invoke(main, ["export", "--store", examples_session_store, "-o", str(out),
                                    "--kind", "arm", "--kind", "regimen"])
    assert res.exit_code == 0, res.output
    kinds = {r["kind"] for r in read_table(out)}
    assert kinds == {"arm", "regimen"}
    with open_store(examples_session_store, read_only=True) as st:
        assert "arm" not in {r["kind"] for r in evidence_rows(st)}   # not a row of the scored table


def test_result_fields_fill_when_the_graph_holds_them(planted):
    with open_store(planted, read_only=True) as st:
        rows = [r for r in selected_rows(st, [PAPER], ["outcome"]) if r["unit"] == "HR"]
        assert {(r["effect"], r["comparator"], r["arm_size"], r["comparator_size"], r["source"]) for r in rows} \
            == {("HR", "TACE组", "40", "41", "own")}
        assert len({r["result"] for r in rows}) == 1 and rows[0]["result"].endswith("result/pfs-hr")
        results = [r for r in result_rows(selected_rows(st, [PAPER], ["outcome", "arm"])) if r["unit"] == "HR"]
    assert len(results) == 1 and results[0]["mentions"] == 2
    assert results[0]["sections"] == "abstract results, results 2.2" and results[0]["ci_low"] == 0.31


def test_a_cited_number_takes_the_size_of_its_own_studys_arm(tmp_path):
    """A review cites two trials that both have a "TACE组" of another size: each cited number gets
    its own study's arm size (arm nodes are per cited study), never the other trial's."""
    store = str(tmp_path / "store")
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", store,
                                    str(FIXTURES / "review_arms")])
    assert res.exit_code == 0, res.output
    with open_store(store, read_only=True) as st:
        rows = [r for r in evidence_rows(st, "review_two_trials_zh") if r["kind"] == "outcome"]
    got = sorted((r["ref"], r["arm"], r["value"], r["arm_size"]) for r in rows)
    assert got == [("1", "HAIC组", "48", "40"), ("1", "TACE组", "20", "40"),
                   ("2", "HAIC组", "41", "70"), ("2", "TACE组", "22.5", "80")]
    assert {r["study"] for r in rows} == {"王明 2020", "李华 2021"}


def test_fhir_bundle_of_invented_documents(planted, tmp_path):
    out = tmp_path / "bundle.json"
    res = CliRunner().invoke(main, ["export", "--store", planted, "-o", str(out)])   # .json: FHIR
    assert res.exit_code == 0, res.output
    bundle = json.loads(out.read_text(encoding="utf-8"))
    from fhir.resources.bundle import Bundle
    Bundle.model_validate(bundle)
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types.count("ArtifactAssessment") == 5 and types.count("Citation") == 4 + 8
    urls = {e["fullUrl"] for e in bundle["entry"]}
    hr = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Evidence"
          and e["resource"]["statistic"][0].get("statisticType", {}).get("coding", [{}])[0].get("code") == "C93150"]
    planted_hr = [r for r in hr if "TACE组" in json.dumps(r, ensure_ascii=False)]
    assert len(planted_hr) == 1   # two mentions, one result
    stat = planted_hr[0]["statistic"][0]
    # An effect between two arms is of both arms' patients (40 + 40).
    assert stat["quantity"]["value"] == 0.52 and stat["sampleSize"]["numberOfParticipants"] == 80
    estimates = {a["type"]["coding"][0]["display"]: a for a in stat["attributeEstimate"]}
    assert estimates["Confidence interval"]["range"] == {"low": {"value": 0.31}, "high": {"value": 0.87}}
    assert estimates["P-value"]["quantity"] == {"value": 0.01}
    roles = {v["variableRole"]["coding"][0]["code"]: v["description"] for v in planted_hr[0]["variableDefinition"]}
    # The paper's own arm fact (TACE 组, 40) outranks the planted arm node's 41.
    assert roles["exposure"] == "HAIC组 (n=40)" and roles["referenceExposure"] == "TACE组 (n=40)"
    assert roles["measuredVariable"].startswith("PFS")
    for e in bundle["entry"]:   # every reference points inside the bundle
        for ref in _references(e["resource"]):
            assert ref in urls


def _references(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reference":
                yield v
            else:
                yield from _references(v)
    elif isinstance(node, list):
        for v in node:
            yield from _references(v)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are in ../shared")
def test_seed_bundle_validates_and_grades_each_recommendation(seeds_store):
    with open_store(seeds_store, read_only=True) as st:
        bundle = fhir_bundle(st)   # validated by fhir.resources inside
    by_type = {}
    for e in bundle["entry"]:
        by_type.setdefault(e["resource"]["resourceType"], []).append(e["resource"])
    with open_store(seeds_store, read_only=True) as st:
        recommendations = recommendation_rows(st, [])
    assert len(by_type["ArtifactAssessment"]) == len(recommendations) and len(by_type["Evidence"]) > 50
    graded = [a for a in by_type["ArtifactAssessment"] if a["content"][0].get("classifier")]
    assert len(graded) == sum(bool(r["level"] or r["strength"]) for r in recommendations) == 8
    with_ci = [e for e in by_type["Evidence"]
               if any("range" in a for a in e["statistic"][0].get("attributeEstimate", []))]
    assert with_ci


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are in ../shared")
def test_seed_004_haic_vs_tace_in_the_workbook(seeds_store):
    """Done-when: for seed 004's HAIC vs TACE comparisons, each arm's N, effects with CI and p,
    and the cited study's label."""
    doc = next(SEEDS.glob("004_*.txt")).stem
    with open_store(seeds_store, read_only=True) as st:
        sheets = {s.name: s for s in review_sheets(st, [doc])}
    results = sheets["Results"].rows
    haic = [r for r in results if "HAIC" in (r["arm"] or "")]
    tace = [r for r in results if "TACE" in (r["arm"] or "") and r["ref"] in {h["ref"] for h in haic}]
    assert haic and tace
    # Whose numbers they are: a cited study's label, or the study the review names without citing it.
    assert all(r["study"] and r["study"] != doc and (r["ref"] or r["source_name"] == r["study"]) for r in haic)
    assert any(r["ref"] for r in haic)
    assert any(r["arm_size"] for r in haic)
    # Every arm whose size an arm fact of the same cited study states shows it on its results.
    with open_store(seeds_store, read_only=True) as st:
        sized = {(a["ref"], "".join(a["name"].split())): int(a["total"] or a["value"])
                 for a in selected_rows(st, [doc], ["arm"]) if a["total"] or a["value"]}
    checked = [r for r in results if (r["ref"], "".join((r["arm"] or "").split())) in sized]
    assert checked and all(r["arm_size"] == sized[(r["ref"], "".join(r["arm"].split()))] for r in checked)
    assert any(r["ci_low"] is not None and r["p_value"] for r in results if r["ref"] in {h["ref"] for h in haic})
    studies = sheets["Studies"].rows
    assert any(s["role"] == "cited" and "HAIC" in s["arms"] and "n=" in s["arms"] for s in studies)


def test_codes_sheet_is_the_key_to_the_codes(examples_session_store):
    with open_store(examples_session_store, read_only=True) as st:
        codes = {(r["kind"], r["code"]): r for r in next(s for s in review_sheets(st) if s.name == "Codes").rows}
    orr = codes[("endpoint", "ORR")]
    assert orr["english"] == "objective response rate" and "客观缓解率" in orr["chinese"] and orr["rows"] > 0
    assert codes[("procedure", "HAIC")]["chinese"]


def test_format_follows_the_file_name(examples_session_store, tmp_path):
    run = CliRunner().invoke
    xlsx = tmp_path / "out.xlsx"
    assert run(main, ["export", "--store", examples_session_store, "-o", str(xlsx)]).exit_code == 0
    assert xlsx.read_bytes()[:2] == b"PK" and "Results" in load_workbook(xlsx).sheetnames
    forced = tmp_path / "table.txt"
    assert run(main, ["export", "--store", examples_session_store, "-o", str(forced), "--format", "csv"]).exit_code == 0
    assert forced.read_text(encoding="utf-8-sig").startswith("doc,kind,name")
    res = run(main, ["export", "--store", examples_session_store, "-o", str(tmp_path / "out.data")])
    assert res.exit_code == 2 and "--format" in res.output and not (tmp_path / "out.data").exists()
    for name in ("x.csv", "x.xlsx", "x.json"):
        res = run(main, ["export", "--store", examples_session_store, "-o", str(tmp_path / "missing" / name)])
        assert res.exit_code == 2 and "cannot write" in res.output and "Traceback" not in res.output


def test_unknown_documents_are_errors_with_the_nearest_ids(examples_session_store, tmp_path):
    run = CliRunner().invoke
    res = run(main, ["export", "--store", examples_session_store, "-o", str(tmp_path / "x.csv"),
                     "--doc", "paper_haic_hcc"])
    assert res.exit_code == 2 and "no document 'paper_haic_hcc'" in res.output and "paper_haic_hcc_zh" in res.output
    assert not (tmp_path / "x.csv").exists()
    res = run(main, ["remove", "--store", examples_session_store, "paper_haic_hcc"])
    assert res.exit_code == 2 and "0 documents removed" in res.output and "nearest: paper_haic_hcc_zh" in res.output
    with open_store(examples_session_store, read_only=True) as st:   # nothing was removed
        assert any(r["doc"] == "paper_haic_hcc_zh" for r in evidence_rows(st))


@pytest.mark.parametrize("authors, year, nct, label", [
    ("Lencioni R; Llovet JM", 2016, "", "Lencioni 2016"), ("张三; 李四", 2020, "", "张三 2020"),
    ("Kudo M, Ueshima K, et al", "2019", "", "Kudo 2019"), ("", None, "NCT01234567", "NCT01234567"),
    ("", 2021, "", "2021")])
def test_study_labels(authors, year, nct, label):
    assert study_label(authors, year, nct) == label


def test_whose_number_it_is():
    idx = StudyIndex({"d": "Li 2020"}, {("d", "1"): "Kudo 2019", ("d", "2"): "Lee 2018"})
    assert idx.label("d") == "Li 2020" and idx.label("d", "1") == "Kudo 2019"
    assert idx.label("d", "1, 2") == "Kudo 2019; Lee 2018" and idx.label("d", "3") == "[3]"
    assert idx.label("d", "", "TACTICS") == "TACTICS" and idx.label("d", "1", "TACTICS") == "Kudo 2019"


def test_reference_numbers_of_a_citation():
    assert ref_numbers("4") == ["4"] and ref_numbers("4, 5") == ["4", "5"] and ref_numbers("4-6") == ["4", "5", "6"]
    assert ref_numbers("") == [] and first_author("Smith J") == "Smith"


def test_studies_sheet_lists_documents_and_cited_studies(examples_session_store):
    with open_store(examples_session_store, read_only=True) as st:
        studies = next(s for s in review_sheets(st) if s.name == "Studies").rows
    own = {r["doc"]: r for r in studies if r["role"] == "document"}
    assert own["registration_deb_tace_crlm"]["study"] == "NCT09990001"
    assert own[PAPER]["study"] == "张明远 2024" and own[PAPER]["arms"] == "HAIC 组 (n=40); TACE 组 (n=40)"
    cited = [r for r in studies if r["role"] == "cited"]
    assert len(cited) == 8 and all(r["doc"] == "consensus_tace_haic_zh" and r["study"] for r in cited)
    resolved = next(r for r in cited if r["resolves_to"] == PAPER)
    assert resolved["design"] == "retrospective_cohort" and resolved["arms"] == own[PAPER]["arms"]
