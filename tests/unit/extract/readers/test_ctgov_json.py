"""Stages: JSON with the place of every value (readers/json_spans.py) and ClinicalTrials.gov API v2
studies (readers/ctgov_json.py), which hand over the study's TrialRecord located in the raw JSON."""
import json
from pathlib import Path

import pytest

from evkg.core.errors import ReadError
from evkg.extract.readers import json_spans
from evkg.extract.readers.ctgov_json import read_ctgov_json


def test_loads_hands_over_values_that_know_their_raw_span():
    text = '{"a": "TACE \\u00e9 \\"x\\"", "n": [1.50, -2], "o": {"t": true, "z": null}}'
    data = json_spans.loads(text)
    assert data == json.loads(text) | {"n": ["1.50", "-2"]}  # numbers as written
    a = data["a"]
    assert str(a) == 'TACE é "x"' and text[a.start:a.end] == 'TACE \\u00e9 \\"x\\"'
    one = data["n"][0]
    assert text[one.start:one.end] == "1.50"
    o = data["o"]
    assert text[o.start:o.end] == '{"t": true, "z": null}'
    with pytest.raises(json.JSONDecodeError):
        json_spans.loads('{"a": }')


def study(nct: str, title: str) -> dict:
    return {"protocolSection": {
        "identificationModule": {"nctId": nct, "briefTitle": title},
        "descriptionModule": {"briefSummary": "TACE plus lenvatinib versus TACE alone."},
        "conditionsModule": {"conditions": ["Hepatocellular Carcinoma"]},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2", "PHASE3"],
                         "designInfo": {"allocation": "RANDOMIZED", "maskingInfo": {"masking": "NONE"}},
                         "enrollmentInfo": {"count": 120, "type": "ESTIMATED"}},
        "armsInterventionsModule": {
            "armGroups": [{"label": "TACE + lenvatinib", "type": "EXPERIMENTAL",
                           "interventionNames": ["Drug: Lenvatinib", "Procedure: TACE"]}],
            "interventions": [{"type": "DRUG", "name": "Lenvatinib"}]},
        "outcomesModule": {"primaryOutcomes": [{"measure": "Overall survival", "timeFrame": "24 months"}]}},
        "resultsSection": {"outcomeMeasuresModule": {"outcomeMeasures": [{
            "type": "PRIMARY", "title": "Overall survival", "unitOfMeasure": "months", "paramType": "MEDIAN",
            "groups": [{"id": "OG000", "title": "TACE + lenvatinib"}],
            "denoms": [{"counts": [{"groupId": "OG000", "value": "60"}]}],
            "classes": [{"categories": [{"measurements": [{"groupId": "OG000", "value": "20.1"}]}]}]}]}}}


def test_one_study_hands_over_its_record_located_in_the_file():
    text = json.dumps(study("NCT09990011", "An invented trial"), indent=1)
    (doc,) = read_ctgov_json(Path("one.json"), text)
    assert (doc.id, doc.base, doc.layout, doc.doctype) == ("one", 0, "ctgov-json", "registration")
    assert not doc.wrapped and doc.references == () and doc.view is None
    rec = doc.record
    assert rec.nct_id == "NCT09990011" and text[rec.title.start:rec.title.end] == "An invented trial"
    assert [p.value for p in rec.design.phases] == ["PHASE2", "PHASE3"]
    assert (rec.design.allocation.value, rec.enrollment.value, rec.enrollment_type) == (
        "RANDOMIZED", "120", "ESTIMATED")
    (arm,) = rec.arms
    assert (arm.label.value, arm.type, arm.interventions) == (
        "TACE + lenvatinib", "EXPERIMENTAL", ("Lenvatinib", "TACE"))
    (outcome,) = rec.outcomes
    assert (outcome.role, outcome.measure.value, outcome.timeframe.value) == (
        "primary", "Overall survival", "24 months")
    (result,) = rec.results
    (m,) = result.measurements
    assert (result.role, result.unit, result.param, m.group, m.total, m.value.value) == (
        "primary", "months", "MEDIAN", "TACE + lenvatinib", 60, "20.1")
    assert text[m.value.start:m.value.end] == "20.1"
    assert {s.name for s in doc.sections} == {"title", "summary"}


def test_a_list_of_studies_hands_over_one_document_each_with_offsets_of_its_own_slice():
    text = json.dumps({"studies": [study("NCT09990012", "First trial"), study("NCT09990013", "Second trial")]})
    first, second = read_ctgov_json(Path("set.json"), text)
    assert (first.id, second.id) == ("set-NCT09990012", "set-NCT09990013")
    assert text[second.base:second.base + len(second.text)] == second.text
    title = second.record.title
    assert second.text[title.start:title.end] == "Second trial"


@pytest.mark.parametrize("text, reason", [
    ('{"studies": [{"notAStudy": 1}]}', "not ClinicalTrials.gov study data"),
    ('{"protocolSection": {"identificationModule": []}}', "identificationModule should be an object"),
    ('{"protocolSection": ', "malformed JSON"),
])
def test_other_json_is_a_read_error(text, reason):
    with pytest.raises(ReadError, match=reason):
        read_ctgov_json(Path("bad.json"), text)
