"""Registry pages with headings on their own lines (ISRCTN style, ClinicalTrials.gov web page): invented pages."""
from __future__ import annotations

from evkg.extract.readers.registry_page import looks_like_registry_page
from helpers.reading import read_text as _read

ISRCTN_STYLE = (
    "ISRCTN00000001\n"
    "Music during colonoscopy to reduce anxiety\n"
    "Plain English summary\n"
    "Background and study aims\n"
    "Colonoscopy makes many people anxious.\n"
    "Study information\n"
    "Scientific title\n"
    "A randomised trial of recorded music during colonoscopy\n"
    "Acronym\n"
    "MUSCOL\n"
    "Study design\n"
    "Single-centre randomised parallel trial\n"
    "Primary study design\n"
    "Interventional\n"
    "Health condition(s) or problem(s) studied\n"
    "Procedural anxiety\n"
    "Primary outcome measure\n"
    "State anxiety measured by the STAI-S after the procedure\n"
    "Secondary outcome measures\n"
    "1. Sedation dose used during the procedure\n"
    "2. Patient satisfaction measured at discharge\n"
    "Participant exclusion criteria\n"
    "Hearing loss\n"
    "Target number of participants\n"
    "150\n"
)

WEB_STYLE = (
    "Study Overview\n"
    "Brief Summary\n"
    "The goal of this trial is to learn whether a nurse-led call lowers readmissions.\n"
    "Official Title\n"
    "Nurse-led Telephone Follow-up After Discharge for Heart Failure\n"
    "Conditions\n"
    "Heart Failure\n"
    "Readmission\n"
    "Intervention / Treatment\n"
    "Behavioral: Nurse-led telephone call\n"
    "Enrollment (Estimated)\n"
    "400\n"
    "Study Type\n"
    "Interventional\n"
    "Design Details\n"
    "Allocation: Randomized\n"
    "Masking: None (Open Label)\n"
    "Arms and Interventions\n"
    "Participant Group/Arm\tIntervention/Treatment\n"
    "Experimental: Telephone follow-up\n"
    "A nurse calls 3 and 10 days after discharge.\tBehavioral: Nurse-led telephone call\n"
    "No Intervention: Usual care\n"
    "Usual discharge care.\n"
    "Primary Outcome Measures\n"
    "Outcome Measure\tMeasure Description\tTime Frame\n"
    "Readmission for any cause\tHospital admission after discharge\t30 days\n"
)


def test_headed_pages_are_recognised_and_a_protocol_like_paper_is_not():
    assert looks_like_registry_page(ISRCTN_STYLE) and looks_like_registry_page(WEB_STYLE)
    paper = "Study design\nA trial.\nIntervention\nMusic.\nPrimary outcome measures\nAnxiety.\nResults\nNone.\n"
    assert not looks_like_registry_page(paper)


def test_isrctn_style_page(tmp_path):
    doc = _read(tmp_path, ISRCTN_STYLE)
    rec = doc.record
    assert doc.doctype == "registration"
    assert rec.title.value == "Music during colonoscopy to reduce anxiety"
    assert rec.official_title.value == "A randomised trial of recorded music during colonoscopy"  # not the acronym
    assert [c.value for c in rec.conditions] == ["Procedural anxiety"]
    assert [(o.role, o.measure.value) for o in rec.outcomes] == [
        ("primary", "State anxiety measured by the STAI-S after the procedure"),
        ("secondary", "Sedation dose used during the procedure"),
        ("secondary", "Patient satisfaction measured at discharge")]
    assert (rec.design.allocation.value, rec.design.study_type.value, rec.enrollment.value) == (
        "RANDOMIZED", "INTERVENTIONAL", "150")
    assert all("Hearing" not in f.value for f in rec.narrative())


def test_web_style_page(tmp_path):
    rec = _read(tmp_path, WEB_STYLE).record
    assert rec.title is None and rec.official_title.value.startswith("Nurse-led Telephone")
    assert [c.value for c in rec.conditions] == ["Heart Failure", "Readmission"]
    assert [(i.type, i.name.value) for i in rec.interventions] == [("BEHAVIORAL", "Nurse-led telephone call")]
    assert rec.enrollment.value == "400"
    assert (rec.design.allocation.value, rec.design.masking.value) == ("RANDOMIZED", "NONE")
    assert [(a.label.value, a.type, a.interventions) for a in rec.arms] == [
        ("Telephone follow-up", "EXPERIMENTAL", ("Nurse-led telephone call",)), ("Usual care", "NO_INTERVENTION", ())]
    assert rec.arms[0].description.value == "A nurse calls 3 and 10 days after discharge."
    (o,) = rec.outcomes
    assert (o.role, o.measure.value, o.description.value, o.timeframe.value) == (
        "primary", "Readmission for any cause", "Hospital admission after discharge", "30 days")


ANZCTR_STYLE = (
    "Trial ID\n"
    "ACTRN12600000000001\n"
    "Public title\n"
    "Heat therapy for knee osteoarthritis pain\n"
    "Scientific title\n"
    "A single group trial of home heat wraps for knee osteoarthritis\n"
    "Health condition(s) or problem(s) studied:\n"
    "Knee osteoarthritis\n"
    "Intervention/exposure\n"
    "Heat wrap worn for 8 hours daily for 4 weeks.\n"
    "Primary outcome [1]\n"
    "Knee pain on a numeric rating scale\n"
    "Timepoint [1]\n"
    "4 weeks\n"
    "Secondary outcome [1]\n"
    "Walking distance in six minutes\n"
    "Key exclusion criteria\n"
    "Gout\n"
    "Study type\n"
    "Interventional\n"
    "Allocation to intervention\n"
    "Non-randomised trial\n"
    "Intervention assignment\n"
    "Single group\n"
    "Target sample size\n"
    "30\n"
)


def test_anzctr_style_page(tmp_path):
    rec = _read(tmp_path, ANZCTR_STYLE).record
    assert rec.title.value == "Heat therapy for knee osteoarthritis pain"
    assert [(o.role, o.measure.value) for o in rec.outcomes] == [
        ("primary", "Knee pain on a numeric rating scale"), ("secondary", "Walking distance in six minutes")]
    assert (rec.design.allocation.value, rec.design.model.value, rec.enrollment.value) == (
        "NON_RANDOMIZED", "SINGLE_GROUP", "30")
    assert [c.value for c in rec.conditions] == ["Knee osteoarthritis"]
