"""Held-out English documents (invented, tests/fixtures/holdout_en/): what a careful annotator
would put in the evidence table for an RCT abstract, a GRADE-graded guideline and a narrative review.

Arms are asserted only where the text names them next to the number; see the report for the rest.
"""

import pytest

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document
from evkg.extract.text.context import Context
from helpers.corpus import FIXTURES
from helpers.reading import facts_by_stem

HOLDOUT_EN_FIXTURES = FIXTURES / "holdout_en"



@pytest.fixture(scope="module")
def facts():
    return facts_by_stem(HOLDOUT_EN_FIXTURES)


def names(facts, kind):
    return {f.name for f in facts if f.kind == kind}


def outcomes(facts):
    return {(f.name, f.value, f.unit, f.timeframe) for f in facts if f.kind == "outcome"}


def test_rct_entities_design_and_sample_size(facts):
    rct = facts["rct_en"]
    assert names(rct, "condition") == {"HCC"}
    assert {"TACE", "cTACE"} <= names(rct, "procedure")
    assert names(rct, "drug") == {"sorafenib", "epirubicin", "lipiodol"}
    assert names(rct, "design") == {"rct"}
    assert {f.value for f in rct if f.kind == "sample_size"} == {150}
    assert {(f.name, f.value, f.unit) for f in rct if f.kind == "dose"} == {
        ("epirubicin", 50, "mg/m2"), ("sorafenib", 400, "mg")}


def test_rct_endpoints_with_stated_roles(facts):
    eps = {(f.name, f.role) for f in facts["rct_en"] if f.kind == "endpoint"}
    assert {("PFS", "primary"), ("OS", "secondary"), ("ORR", "secondary")} <= eps


def test_rct_outcomes(facts):
    rct = facts["rct_en"]
    assert outcomes(rct) == {
        ("ORR", 62.7, "%", ""), ("ORR", 44.0, "%", ""),
        ("PFS", 11.4, "months", ""), ("PFS", 7.2, "months", ""), ("PFS", 0.62, "HR", ""),
        ("OS", 26.1, "months", ""), ("OS", 20.3, "months", ""), ("OS", 0.74, "HR", ""),
        # `The 1-year OS rates were 85.3% and 76.0%, and the 2-year ... , respectively`
        ("OS_RATE", 85.3, "%", "1-year"), ("OS_RATE", 76.0, "%", "1-year"),
        ("OS_RATE", 54.7, "%", "2-year"), ("OS_RATE", 41.3, "%", "2-year"),
        ("AE_G3", 38.7, "%", ""), ("AE_G3", 21.3, "%", ""),
    }
    rates = {(f.name, f.value, f.n, f.total, f.arm, f.criteria) for f in rct
             if f.kind == "outcome" and f.name == "ORR"}
    assert rates == {("ORR", 62.7, 47, 75, "TACE plus sorafenib group", "mRECIST"),
                     ("ORR", 44.0, 33, 75, "TACE alone group", "mRECIST")}
    assert {(f.value, f.n, f.total) for f in rct if f.name == "AE_G3" and f.kind == "outcome"} == {
        (38.7, 29, 75), (21.3, 16, 75)}
    assert {(f.value, f.arm) for f in rct if f.kind == "outcome" and f.name == "PFS" and f.unit == "months"} == {
        (11.4, "TACE plus sorafenib group"), (7.2, "TACE alone group")}


def test_rct_reference_list(facts):
    refs = {(f.ref, f.name.lower(), f.value) for f in facts["rct_en"] if f.kind == "reference"}
    assert refs == {("1", "llovet", 2008), ("2", "kudo", 2020), ("3", "lencioni", 2010)}


def test_guideline_recommendations_grades_and_systems(facts):
    g = facts["guideline_en"]
    recs = {(f.name, f.level, f.strength, f.system) for f in g if f.kind == "recommendation"}
    # A numbered section heading above a statement is not its label; GRADE wording names GRADE.
    assert recs == {("Recommendation 1", "moderate", "strong", "GRADE"),
                    ("Recommendation 2", "low", "conditional", "GRADE"),
                    ("Recommendation 3", "2", "B", "OCEBM"),
                    ("Recommendation 4", "high", "strong", "GRADE")}
    assert names(g, "design") == {"guideline"}
    assert not [f for f in g if f.kind in ("outcome", "endpoint", "sample_size")]


def test_guideline_citations_and_references(facts):
    g = facts["guideline_en"]
    cites = {(f.name, f.ref) for f in g if f.kind == "citation"}
    assert cites == {("Recommendation 1", r) for r in ("3", "5", "6", "7")} | \
        {("Recommendation 2", "8"), ("Recommendation 2", "9"), ("Recommendation 3", "10"),
         ("Recommendation 4", "11"), ("Recommendation 4", "12")}
    refs = {(f.ref, f.name.lower(), f.value) for f in g if f.kind == "reference"}
    assert len(refs) == 12
    assert {("1", "reig", 2022), ("4", "european association for the study of the liver", 2018),
            ("7", "cammà", 2002), ("12", "meyer", 2017)} <= refs


def test_review_outcomes_of_cited_trials(facts):
    r = facts["review_en"]
    assert {(f.name, f.value, f.unit, f.ref) for f in r if f.kind == "outcome"} == {
        ("PFS", 25.2, "months", "4"), ("PFS", 13.5, "months", "4"), ("PFS", 0.59, "HR", "4"),
        # `Median OS in the same trial was 36.2 months with the combination and 30.8 months with ...`
        ("OS", 36.2, "months", "5"), ("OS", 30.8, "months", "5"), ("OS", 0.86, "HR", "5"),
        # `(HR 0.45; ...)` after `11.5 months with lenvatinib alone`
        ("OS", 17.8, "months", "6"), ("OS", 11.5, "months", "6"), ("OS", 0.45, "HR", "6"),
        # `The ORR by mRECIST was 54.1% in the combination arm and 25.0% in the lenvatinib arm`
        ("ORR", 54.1, "%", "6"), ("ORR", 25.0, "%", "6"),
        # `a median PFS of 15.0 months compared with 8.2 months for ...`
        ("PFS", 15.0, "months", "7"), ("PFS", 8.2, "months", "7"), ("PFS", 0.77, "HR", "7"),
    }
    assert {"sorafenib", "lenvatinib", "durvalumab", "bevacizumab"} <= names(r, "drug")
    assert names(r, "design") == {"review"}
    assert not [f for f in r if f.kind in ("endpoint", "sample_size", "recommendation")]


def test_quotes_are_spans_of_the_text(facts):
    for stem, fs in facts.items():
        text = read_document(HOLDOUT_EN_FIXTURES / f"{stem}.txt").text
        for f in fs:
            assert text[f.provenance.start:f.provenance.end] == f.provenance.quote


def sentence_outcomes(text, doctype):
    from evkg.core.model import Document
    from evkg.extract.readers.sections import find_sections
    doc = Document(id="t", text=text, language="en", doctype=doctype, sections=find_sections(text))
    return {(f.name, f.value, f.n, f.total, f.arm, f.timeframe) for f in extract_facts(doc, Context(), ["outcomes"])}


def test_journal_style_english_phrasings():
    text = ("Results: The median overall survival was 19.2 months (95% CI, 15.1-23.4) in the HAIC arm and "
            "14.1 months (95% CI, 11.0-17.2) in the sorafenib arm (hazard ratio, 0.62; 95% CI, 0.45-0.86). "
            "The objective response rate was 41.3% (31 of 75 patients) vs 9.8% (7 of 71 patients). "
            "Grade 3-4 adverse events were observed in 22 of 106 patients (20.8%).")
    assert sentence_outcomes(text, "paper") == {
        ("OS", 19.2, None, None, "HAIC arm", ""), ("OS", 14.1, None, None, "sorafenib arm", ""),
        ("OS", 0.62, None, None, "", ""),
        # the pair names no arm: it takes the arms the sentence before compared, in order (extract/results/order.py)
        ("ORR", 41.3, 31, 75, "HAIC arm", ""), ("ORR", 9.8, 7, 71, "sorafenib arm", ""),
        ("AE_G3", 20.8, 22, 106, "", "")}


def test_review_phrasings_of_cited_numbers():
    text = ("The response rate was higher with HAIC (46% vs 18%) [8]. Another series reported 1-, 2- and "
            "3-year survival rates of 88%, 71% and 55% [9]. The median PFS reached 22.8 months with combination "
            "therapy [10].")
    assert sentence_outcomes(text, "review") == {
        ("ORR", 46.0, None, None, "", ""), ("ORR", 18.0, None, None, "", ""),
        ("OS_RATE", 88.0, None, None, "", "1-year"), ("OS_RATE", 71.0, None, None, "", "2-year"),
        ("OS_RATE", 55.0, None, None, "", "3-year"), ("PFS", 22.8, None, None, "", "")}


def test_enrolment_phrasings():
    from evkg.core.model import Document
    from evkg.extract.readers.sections import find_sections

    def sizes(text):
        doc = Document(id="t", text=text, language="en", doctype="paper", sections=find_sections(text))
        return {f.value for f in extract_facts(doc, Context(), ["study"]) if f.kind == "sample_size"}
    assert sizes("Abstract\n\nMethods: 150 patients were randomly assigned (1:1) to TACE or TACE plus sorafenib."
                 ) == {150}
    assert sizes("Abstract\n\nMethods: Of 168 patients screened, 150 were randomized to sorafenib or placebo.") == {150}
    assert sizes("Abstract\n\nMethods: A total of 120 consecutive patients were enrolled.") == {120}
    assert sizes("Abstract\n\nDesign: Retrospective cohort study of 80 patients treated with HAIC.") == {80}


def test_reference_list_numbered_with_closing_bracket():
    from evkg.core.model import Document
    from evkg.extract.readers.sections import find_sections
    text = ("Review\n\nText [1-3].\n\nReferences\n"
            "1) Doe K, Roe J. A title. Radiology. 2020;294:12-20.\n"
            "2) National Cancer Network. Guidelines in Oncology: Liver Cancers. Version 2.2023. Published 2023.\n"
            "3) de Vries T, Arai Y. Another title. Cardiovasc Intervent Radiol. 2016;39(3):334-343.\n")
    doc = Document(id="t", text=text, language="en", doctype="review", sections=find_sections(text))
    refs = {(f.ref, f.name.lower(), f.value) for f in extract_facts(doc, Context(), ["references"])}
    assert refs == {("1", "doe", 2020), ("2", "national cancer network", 2023), ("3", "de vries", 2016)}


def test_ratio_named_for_an_event_and_counts_after_in():
    text = ("Results: Overall survival was longer with HAIC (hazard ratio for death, 0.41; 95% CI, 0.26-0.65). "
            "Complete response was achieved in 5 patients (6.7%) and partial response in 26 (34.7%).")
    assert sentence_outcomes(text, "paper") == {
        ("OS", 0.41, None, None, "", ""), ("CR", 6.7, 5, None, "", ""), ("PR", 34.7, 26, None, "", "")}
