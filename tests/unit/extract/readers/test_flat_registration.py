"""Stage: trial registrations in the flat layout (readers/flat_registration.py). It hands over
the slots as sections and the registration fields as a TrialRecord located in the text."""
from pathlib import Path

from evkg.core.records import TrialRecord
from evkg.extract.readers.flat_registration import looks_like_registration, parse_slots, read_registration_flat

FLAT = ("TACE plus an invented drug for liver cancer (NCT09990001)\n"
        "This invented trial compares TACE plus lenvatinib with TACE alone.\n"
        "Hepatocellular Carcinoma|Liver Neoplasms\n"
        "DRUG: Lenvatinib|PROCEDURE: TACE\n"
        "Overall survival, Time from randomisation to death, 24 months\n"
        "Objective response rate, RECIST 1.1 response, 6 months|Adverse events, 12 months\n"
        "\n"
        "Patients will be randomised 1:1. Detailed description goes on here.\n")


def quote(f) -> str:
    return FLAT[f.start:f.end]


def test_slots_are_found_by_content():
    slots = parse_slots(FLAT)
    assert list(slots) == ["title", "summary", "conditions", "interventions", "primary_outcomes",
                           "secondary_outcomes", "description"]
    assert looks_like_registration(FLAT)
    assert not looks_like_registration("An invented paper title\n\nAbstract: TACE was given.\n")


def test_the_reader_hands_over_a_record_whose_fields_are_stretches_of_the_text():
    doc = read_registration_flat(Path("reg.txt"), FLAT)
    assert (doc.doctype, doc.layout, doc.metadata.nct_id) == ("registration", "registration-flat", "NCT09990001")
    assert not doc.wrapped and doc.references == () and doc.view is None
    rec = doc.record
    assert isinstance(rec, TrialRecord) and rec.nct_id == "NCT09990001"
    assert quote(rec.title).startswith("TACE plus an invented drug") and rec.title.value == quote(rec.title)
    assert [c.value for c in rec.conditions] == ["Hepatocellular Carcinoma", "Liver Neoplasms"]
    assert [(i.type, i.name.value) for i in rec.interventions] == [("DRUG", "Lenvatinib"), ("PROCEDURE", "TACE")]
    primary, *secondary = rec.outcomes
    assert (primary.role, primary.measure.value, primary.timeframe.value) == (
        "primary", "Overall survival", "24 months")
    assert primary.description.value == "Time from randomisation to death"
    assert [(o.role, o.measure.value, o.timeframe.value) for o in secondary] == [
        ("secondary", "Objective response rate", "6 months"), ("secondary", "Adverse events", "12 months")]
    assert all(quote(f) == f.value for f in rec.narrative())
    assert quote(rec.description).startswith("Patients will be randomised")
    assert {s.name for s in doc.sections} == {"title", "summary", "conditions", "interventions",
                                              "primary_outcomes", "secondary_outcomes", "description"}
