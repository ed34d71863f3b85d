"""Stages: XML with the place of every element (readers/xml_spans.py) and legacy ClinicalTrials.gov
XML (readers/ctgov_xml.py), which hands over the study's TrialRecord located in the raw XML."""
from pathlib import Path

import pytest

from evkg.core.errors import ReadError
from evkg.extract.readers.ctgov_xml import read_ctgov_xml
from evkg.extract.readers.xml_spans import LocatedXml, fold_markup

STUDY = """<?xml version="1.0" encoding="UTF-8"?>
<clinical_study>
  <id_info><nct_id>NCT09990021</nct_id></id_info>
  <brief_title>TACE &amp; an invented drug — phase 2</brief_title>
  <brief_summary><textblock>
    TACE plus lenvatinib versus TACE alone.
  </textblock></brief_summary>
  <phase>Phase 2/Phase 3</phase>
  <study_type>Interventional</study_type>
  <study_design_info><allocation>Randomized</allocation><masking>None (Open Label)</masking></study_design_info>
  <enrollment type="Anticipated">120</enrollment>
  <condition>Hepatocellular Carcinoma</condition>
  <arm_group><arm_group_label>Combination</arm_group_label><arm_group_type>Experimental</arm_group_type></arm_group>
  <intervention><intervention_type>Drug</intervention_type><intervention_name>Lenvatinib</intervention_name>
    <arm_group_label>Combination</arm_group_label></intervention>
  <primary_outcome><measure>Overall survival</measure><time_frame>24 months</time_frame></primary_outcome>
</clinical_study>
"""


def test_located_xml_hands_over_element_spans_in_characters_not_bytes():
    xml = LocatedXml(STUDY, Path("s.xml"))
    title = xml.find("brief_title")
    assert title.value == "TACE & an invented drug — phase 2"
    assert STUDY[title.start:title.end] == "TACE &amp; an invented drug — phase 2"  # raw, after a non-ASCII dash
    enrollment = xml.root.find("enrollment")
    assert STUDY[slice(*xml.element_span(enrollment))] == '<enrollment type="Anticipated">120</enrollment>'
    attr = xml.attribute(enrollment, "type")
    assert (attr.value, STUDY[attr.start:attr.end]) == ("Anticipated", "Anticipated")
    assert xml.find("nothing") is None and xml.all("condition")[0].value == "Hepatocellular Carcinoma"


@pytest.mark.parametrize("text, reason", [
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', "refused for safety"),
    ("<x><y></x>", "malformed XML"),
])
def test_unsafe_or_broken_xml_is_a_read_error(text, reason):
    with pytest.raises(ReadError, match=reason):
        LocatedXml(text, Path("bad.xml"))


def test_fold_markup_keeps_only_the_prose_regions_and_maps_back_to_raw_offsets():
    raw = "<a><t>ORR was <i>45</i>&#37; in 5 mg/m<sup>2</sup></t><skip>no</skip><t>next</t></a>"
    regions = [(raw.index("<t>"), raw.index("</t>") + 4), (raw.rindex("<t>"), raw.rindex("</t>") + 4)]
    view = fold_markup(raw, regions, frozenset({"i", "sup"}))
    assert view.key.strip().split("\n") == ["orr was 45% in 5 mg/m^2", "next"]
    assert "no" not in view.key.split()
    k = view.key.index("45%")
    start, end = view.span(k, k + 3)
    assert raw[start:end] == "45</i>&#37;"  # an entity and the inline end tag closing it belong to the range
    k = view.key.index("m^2")
    assert raw[slice(*view.span(k, k + 3))] == "m<sup>2</sup>"


def test_the_reader_hands_over_the_record_with_arms_given_their_interventions():
    (doc,) = read_ctgov_xml(Path("study.xml"), STUDY)
    assert (doc.id, doc.layout, doc.doctype, doc.metadata.nct_id) == (
        "study", "ctgov-xml", "registration", "NCT09990021")
    assert not doc.wrapped and doc.references == () and doc.view is None
    rec = doc.record
    assert [(p.value, STUDY[p.start:p.end]) for p in rec.design.phases] == [
        ("Phase 2", "Phase 2"), ("Phase 3", "Phase 3")]
    assert (rec.enrollment.value, rec.enrollment_type) == ("120", "Anticipated")
    (arm,) = rec.arms
    assert (arm.label.value, arm.type, arm.interventions) == ("Combination", "EXPERIMENTAL", ("Lenvatinib",))
    assert [(i.type, i.name.value) for i in rec.interventions] == [("DRUG", "Lenvatinib")]
    assert rec.summary.value == "TACE plus lenvatinib versus TACE alone."
    assert STUDY[rec.summary.start:rec.summary.end] == rec.summary.value  # whitespace trimmed, offsets too
    assert [s.name for s in doc.sections] == ["title", "summary"]


def test_a_field_that_holds_elements_is_a_read_error_naming_it():
    bad = STUDY.replace("<condition>Hepatocellular Carcinoma</condition>", "<condition><b>HCC</b></condition>")
    with pytest.raises(ReadError, match="condition should be plain text"):
        read_ctgov_xml(Path("bad.xml"), bad)
