"""Trial registrations: the flat layout, ClinicalTrials.gov JSON and XML, and the facts read from them."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evkg.core.errors import ReadError
from evkg.core.model import TABLE_KINDS
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document, read_documents
from evkg.extract.readers.flat_registration import looks_like_registration
from evkg.extract.text.context import Context
from evkg.extract.trials.registration_text import criteria_in, words_to_int
from evkg.kg.report.columns import fact_row
from evkg.kg.report.csv_out import write_csv
from helpers.corpus import FIXTURES, GOLD, SCORE, seed

CTGOV_FIXTURES = FIXTURES / "ctgov"

COLUMNS = ("kind", "name", "value", "unit", "n", "total", "arm", "role", "timeframe", "criteria")


@pytest.fixture(scope="module")
def run() -> Context:
    return Context()


def facts(path: Path, run: Context) -> list:
    return [f for doc in read_documents(path) for f in extract_facts(doc, run)]


def table(path: Path, run: Context) -> set[tuple]:
    return {tuple(fact_row(f)[c] for c in COLUMNS) for f in facts(path, run) if f.kind in TABLE_KINDS}


def test_flat_layout_is_recognised_by_content():
    for prefix in ("000", "001"):
        doc = read_document(seed(prefix))
        assert (doc.doctype, doc.layout) == ("registration", "registration-flat")
    assert doc.section("interventions") is None  # 001 has no interventions line
    assert {s.name for s in doc.sections} == {"title", "summary", "conditions", "primary_outcomes",
                                              "secondary_outcomes", "other_outcomes", "description"}
    assert doc.text[doc.section("conditions").start:doc.section("conditions").end] == "Hepatocellular Carcinoma"
    for prefix in ("002", "003", "004"):
        assert read_document(seed(prefix)).layout == "plain"
    assert not looks_like_registration("A paper title\nZhang San, Li Si\nDepartment of Oncology, Beijing 100191\n")


def test_flat_outcome_fields_split_on_first_and_last_comma():
    rec = read_document(seed("001")).record
    ttp = [o for o in rec.outcomes if o.role == "exploratory"][0]
    assert ttp.measure.value == "Exploratory Objectives"
    assert ttp.description.value.startswith("Time-To-Progression (TTP), To define")
    assert ttp.timeframe.value == "1 year"
    assert [o.role for o in rec.outcomes] == ["primary", "secondary", "secondary", "exploratory", "exploratory"]


def test_seed_registrations_score(tmp_path, run):
    """Seeds 000 and 001 alone, scored strictly by the official scorer: every kind F1 >= 0.95."""
    for d in ("docs", "gold"):
        (tmp_path / d).mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed(prefix), tmp_path / "docs")
        shutil.copy(next(GOLD.glob(prefix + "_*.csv")), tmp_path / "gold")
    rows = [fact_row(f) for prefix in ("000", "001") for f in facts(seed(prefix), run)]
    write_csv(rows, tmp_path / "table.csv")
    out = subprocess.run([sys.executable, str(SCORE), str(tmp_path / "gold"), str(tmp_path / "table.csv"),
                          str(tmp_path / "docs"), "--json"], capture_output=True, text=True, check=True)
    scored = {k: v for k, v in json.loads(out.stdout)["kinds"].items() if v["gold"]}
    assert {"design", "condition", "procedure", "device", "drug", "dose", "endpoint", "sample_size"} <= scored.keys()
    assert all(v["f1"] >= 0.95 for v in scored.values()), scored


def test_seed_registration_facts(run):
    got = {(f.kind, f.name, f.role, f.timeframe, f.criteria, f.value, f.arm) for f in facts(seed("000"), run)}
    assert ("dose", "irinotecan", "", "", "", 100, "experimental group") in got
    assert ("dose", "irinotecan", "", "", "", 100, "control group") in got
    assert ("sample_size", "", "", "", "", 72, "") in got  # `Seventy-two patients ... will be enrolled`
    assert ("procedure", "DEB-TACE", "", "", "", None, "") in got  # microspheres loaded with a drug + TACE
    assert not any(k == "procedure" and n == "RESECTION" for k, n, *_ in got)  # `not ... suitable for resection`
    got = {(f.kind, f.name, f.role, f.timeframe, f.criteria) for f in facts(seed("001"), run)}
    assert ("endpoint", "AE", "secondary", "1 year", "CTCAE 4.0") in got
    assert ("endpoint", "TUMOR_RESPONSE", "secondary", "1 year", "mRECIST") in got
    assert ("endpoint", "PFS", "exploratory", "", "") in got  # only in the detailed description's objectives
    assert ("endpoint", "OS", "primary", "1 year", "") in got
    assert ("design", "registry", "", "", "") in got
    assert not any(k == "procedure" and n == "RESECTION" for k, n, *_ in got)  # `Resection margin`


def test_three_readers_give_the_same_facts(run):
    flat = table(CTGOV_FIXTURES / "same_trial_flat.txt", run)
    assert ("design", "rct", *[""] * 8) in flat
    assert ("dose", "doxorubicin", "75", "mg", "", "", "experimental group", "", "", "") in flat
    assert table(CTGOV_FIXTURES / "same_trial_json.json", run) == flat
    assert table(CTGOV_FIXTURES / "same_trial_xml.xml", run) == flat


@pytest.mark.parametrize("name", ["same_trial_json.json", "same_trial_xml.xml", "NCT09990003.json",
                                  "NCT09990006.xml"])
def test_structured_quotes_point_into_the_raw_file(run, name):
    raw = (CTGOV_FIXTURES / name).read_text(encoding="utf-8")
    fs = facts(CTGOV_FIXTURES / name, run)
    assert fs and all(raw[f.provenance.start:f.provenance.end] == f.provenance.quote for f in fs)
    names = {f.name for f in fs}
    assert not names & {"CIRRHOSIS", "HBV", "RFA"}  # eligibility criteria are not what the trial studies


def test_json_design_enrolment_arms_and_results(run):
    doc = read_document(CTGOV_FIXTURES / "NCT09990003.json")
    assert (doc.id, doc.metadata.nct_id, doc.doctype) == ("NCT09990003", "NCT09990003", "registration")
    fs = facts(CTGOV_FIXTURES / "NCT09990003.json", run)
    design = next(f for f in fs if f.kind == "design")
    assert design.name == "rct" and dict(design.details) == {"allocation": "randomized", "masking": "double",
                                                             "model": "parallel", "phase": "2/3"}
    size = next(f for f in fs if f.kind == "sample_size")
    assert (size.value, size.unit, size.detail("enrollment_type")) == (240, "patients", "actual")
    arms = {f.name: dict(f.details) for f in fs if f.kind == "arm"}
    assert arms["TACE + sorafenib"] == {"arm_type": "experimental", "interventions": "TACE|Sorafenib"}
    assert len(arms) == 3
    assert ("lenvatinib", 12, "TACE + lenvatinib") in {(f.name, f.value, f.arm) for f in fs if f.kind == "dose"}
    assert not any(f.name == "placebo" for f in fs)
    os_ = {f.arm: f for f in fs if f.kind == "outcome" and f.name == "OS" and f.unit == "months"}
    assert os_["TACE alone"].value == 12.1 and os_["TACE alone"].total == 80
    assert (os_["TACE + lenvatinib"].detail("ci_low"), os_["TACE + lenvatinib"].detail("ci_high")) == ("15.1", "21.0")
    hr = next(f for f in fs if f.kind == "outcome" and f.unit == "HR")
    assert (hr.value, hr.arm, hr.detail("p_value"), hr.detail("ci_low")) == (
        0.62, "TACE + lenvatinib vs TACE alone", "0.004", "0.45")
    orr = [f for f in fs if f.kind == "outcome" and f.name == "ORR"]
    assert [(f.value, f.unit, f.detail("p_value")) for f in orr] == [(45.0, "%", "<0.001")]  # `NA` is no value
    assert ("ORR", "secondary", "RECIST 1.1") in {(f.name, f.role, f.criteria) for f in fs if f.kind == "endpoint"}


def test_xml_results_and_phase(run):
    fs = facts(CTGOV_FIXTURES / "NCT09990006.xml", run)
    design = next(f for f in fs if f.kind == "design")
    assert (design.detail("phase"), design.detail("masking")) == ("2/3", "none")
    hr = next(f for f in fs if f.unit == "HR")
    assert (hr.value, hr.detail("p_value"), hr.detail("ci_high")) == (0.35, "<0.001", "0.61")
    assert ("oxaliplatin", 85, "mg/m2", "HAIC") in {(f.name, f.value, f.unit, f.arm) for f in fs if f.kind == "dose"}
    assert {"HCC", "PVTT"} <= {f.name for f in fs if f.kind == "condition"}


def test_multi_study_file_gives_one_document_per_study(run):
    path = CTGOV_FIXTURES / "studies_list.json"
    docs = read_documents(path)
    assert [d.id for d in docs] == ["studies_list-NCT09990004", "studies_list-NCT09990005"]
    designs = {f.doc_id: f.name for d in docs for f in extract_facts(d, run) if f.kind == "design"}
    assert designs == {"studies_list-NCT09990004": "registry", "studies_list-NCT09990005": "nonrandomized_trial"}
    with pytest.raises(ReadError, match="holds 2 documents"):
        read_document(path)


@pytest.mark.parametrize("name,content,reason", [
    ("bad.json", '{"protocolSection": {"identificationModule": ', "malformed JSON"),
    ("other.json", '{"hello": "world"}', "not ClinicalTrials.gov study data"),
    ("bad.xml", "<clinical_study><brief_title>x</clinical_study>", "malformed XML"),
    ("other.xml", "<rss><channel/></rss>", "not a ClinicalTrials.gov"),
    ("dtd.xml", '<?xml version="1.0"?><!DOCTYPE clinical_study [<!ENTITY x "boom">]>'
                '<clinical_study>&x;</clinical_study>', "refused for safety"),
])
def test_bad_registry_files_raise_read_error_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError, match=reason) as e:
        read_documents(path)
    assert str(path) in str(e.value)


def test_other_documents_get_no_registration_facts(run):
    names = {f.provenance.extractor for f in facts(seed("003"), run)}
    assert not any(n.startswith("registration") for n in names)


def test_text_rules():
    assert words_to_int("Seventy-two") == 72 and words_to_int("one hundred and twenty") == 120
    assert words_to_int("1,200") == 1200 and words_to_int("many") is None
    assert criteria_in("graded by Common Terminology Criteria for Adverse Events (CTCAE) version 5.0") == ("CTCAE 5.0",)
    assert criteria_in("per RECIST v1.1 and mRECIST") == ("RECIST 1.1", "mRECIST")
