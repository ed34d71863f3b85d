"""Grounded drugs, open-vocabulary interventions, arms, and traditional Chinese: invented texts."""
import csv
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evkg.core.fold import fold, fold_text
from evkg.core.model import Document
from evkg.extract.pipeline import extract_facts
from evkg.extract.text.context import Context
from evkg.extract.vocabulary.drugs import by_name, drug_names
from evkg.extract.vocabulary.lexicon import LEXICON_DIR
from helpers.corpus import EI_DEV

needs_dictionary = pytest.mark.skipif(not drug_names(), reason="drug-named-entity-recognition is not installed")
RUN = Context()


def facts(text, names, doctype="paper", language="en"):
    return extract_facts(Document(id="t", text=text, language=language, doctype=doctype), RUN, names)


@needs_dictionary
def test_whole_drug_classes_come_from_the_dictionary_with_their_ids():
    text = ("Patients received docetaxel or gefitinib; letrozole was continued. "
            "Oseltamivir and ondansetron as an antiemetic were allowed.")
    got = {f.name: dict(f.details) for f in facts(text, ["entities"]) if f.kind == "drug"}
    assert got["docetaxel"]["drugbank_id"] == "DB01248"
    assert got["gefitinib"]["drugbank_id"] == "DB00317"
    assert {"letrozole", "oseltamivir", "ondansetron", "antiemetics"} <= set(got)
    assert got["antiemetics"].get("mesh_id") and "drugbank_id" not in got["antiemetics"]


@needs_dictionary
def test_brand_names_resolve_to_the_inn_and_analytes_are_not_drugs():
    text = "The Taxotere arm had higher C-reactive protein and alkaline phosphatase."
    names = {f.name for f in facts(text, ["entities"]) if f.kind == "drug"}
    assert names == {"docetaxel"}


@needs_dictionary
def test_chinese_drug_names_map_to_the_same_ids_as_english():
    zh = {f.name: dict(f.details) for f in facts("患者接受多西他赛联合吉非替尼治疗。", ["entities"], language="zh")
          if f.kind == "drug"}
    en = {f.name: dict(f.details) for f in facts("Patients received docetaxel and gefitinib.", ["entities"])
          if f.kind == "drug"}
    assert zh == en and set(zh) == {"docetaxel", "gefitinib"}


@needs_dictionary
def test_chinese_table_ids_agree_with_the_dictionary():
    with (LEXICON_DIR / "drug.zh.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    names = by_name()
    checked = 0
    for r in rows:
        entry = names.get(r["label"])
        if entry and r["drugbank"]:
            assert r["drugbank"] == entry.drugbank, r["label"]
            checked += 1
    assert checked > 100


def test_traditional_characters_match_like_simplified_with_exact_offsets():
    simplified = "患者接受经导管动脉化疗栓塞联合索拉非尼治疗肝细胞癌。"
    traditional = "患者接受經導管動脈化療栓塞聯合索拉非尼治療肝細胞癌。"
    assert len(fold(traditional)) == len(traditional)
    found = {(f.kind, f.name, f.provenance.quote) for f in facts(traditional, ["entities"], language="zh")}
    assert ("procedure", "TACE", "經導管動脈化療栓塞") in found
    assert ("condition", "HCC", "肝細胞癌") in found
    assert {(k, n) for k, n, _ in found} == {(f.kind, f.name) for f in facts(simplified, ["entities"], language="zh")}


def test_traditional_group_names_and_sizes():
    arms = facts("將患者分為肝動脈灌注化療組 38 例和索拉非尼組 40 例。", ["study"], language="zh")
    assert [(f.name, f.total, f.detail("interventions")) for f in arms if f.kind == "arm"] == [
        ("肝動脈灌注化療組", 38, "HAIC"), ("索拉非尼組", 40, "sorafenib")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="經導管動脈化療栓塞肝細胞癌组組ab 1\n，。", max_size=40))
def test_folding_keeps_a_map_back_to_every_character(text):
    folded = fold_text(text)
    for k in range(len(folded.key)):
        start, end = folded.span(k, k + 1)
        assert 0 <= start < end <= len(text)
        if folded.key[k] not in " \n":
            assert fold(text[start:end]) == folded.key[k]


def test_no_entities_from_addresses_or_affiliations():
    text = ("Department of Oncology, Sorafenib Hospital, Example University, 100000 Beijing, China\n"
            "Correspondence: tace.haic@example.org; https://example.org/sorafenib\n"
            "Patients received TACE.")
    found = {(f.name, f.provenance.quote) for f in facts(text, ["entities"])}
    assert found == {("TACE", "TACE")}


def test_interventions_from_title_allocation_and_groups():
    text = ("TITLE:\nWarm saline mouthwash versus chlorhexidine rinse in oral mucositis: a randomized trial\n\n"
            "Methods: Patients were randomized to receive honey lozenges or a sham lozenge for 14 days. "
            "Pain was lower in the lozenge group than in the control group.")
    names = {f.name for f in facts(text, ["interventions"])}
    assert {"warm saline mouthwash", "chlorhexidine rinse", "honey lozenges", "sham lozenge", "lozenge"} <= names
    assert not names & {"control", "14 days", "patients"}


def test_interventions_from_an_effect_title_and_a_verb_title():
    names = {f.name for f in facts("Effect of guided breathing exercises on postoperative pain\n", ["interventions"])}
    assert names == {"guided breathing exercises"}
    names = {f.name for f in facts("Mirror therapy improves arm function after stroke\n", ["interventions"])}
    assert names == {"mirror therapy"}


def test_chinese_documents_get_no_open_vocabulary_interventions():
    assert facts("温盐水漱口对比氯己定治疗口腔黏膜炎\n", ["interventions"], language="zh") == []


def test_english_arms_with_sizes_in_every_form_and_what_they_received():
    text = ("Patients were randomised to cefepime (C group, 20 patients) or cefepime with amikacin (C-A group, N=19). "
            "The sorafenib arm (n = 45) was compared with the TACE arm of 46 patients. "
            "Outcomes did not differ within groups.")
    arms = {(f.name, f.total, f.detail("interventions")) for f in facts(text, ["study"]) if f.kind == "arm"}
    assert arms == {("C group", 20, "cefepime"), ("C-A group", 19, "cefepime; amikacin"),
                    ("sorafenib arm", 45, "sorafenib"), ("TACE arm", 46, "TACE")}


def test_organisation_names_are_not_arms_and_single_arm_studies_have_one():
    text = ("Abstract: Methods: In this single-arm study we enrolled 52 patients treated with HAIC; "
            "performance status followed the Eastern Cooperative Oncology Group scale.")
    arms = [f for f in facts(text, ["study"]) if f.kind == "arm"]
    # The title (here the first line) names what the one arm received.
    assert [(f.total, f.detail("interventions")) for f in arms] == [(52, "HAIC")]


def test_sample_sizes_in_common_forms():
    for text, n in (("Methods: We enrolled a total of N = 45 patients.", 45),
                    ("Methods: 共纳入45例患者。", 45), ("Methods: We included 45 patients.", 45)):
        lang = "zh" if "例" in text else "en"
        assert [f.value for f in facts(text, ["study"], language=lang) if f.kind == "sample_size"] == [n], text




@needs_dictionary
@pytest.mark.skipif(not EI_DEV.is_dir(), reason="../shared/corpus/ei-dev is not present")
def test_real_trial_reports_name_their_interventions():
    paths = sorted(EI_DEV.glob("*.txt"))
    sample = random.Random(11).sample(paths, 6)
    from evkg.extract.readers import read_document
    for p in sample:
        doc = read_document(p)
        got = extract_facts(doc, RUN, ["entities", "interventions"])
        assert any(f.kind in ("drug", "procedure") for f in got), p.name
        assert all(f.provenance.quote == doc.text[f.provenance.start:f.provenance.end] for f in got)


def test_abbreviated_arms_are_read_as_their_long_form_and_comparing_titles():
    text = ("TITLE:\nComparing biosimilar XB7 with reference infliximab in arthritis\n\n"
            "Methods: Patients were randomized to a four-layer bandage (4LB) or a short-stretch bandage (SSB). "
            "The 4LB group healed faster.")
    names = {f.name: f.provenance.quote for f in facts(text, ["interventions"])}
    assert names == {"biosimilar xb7": "biosimilar XB7", "reference infliximab": "reference infliximab",
                     "four-layer bandage": "four-layer bandage", "short-stretch bandage": "short-stretch bandage"}


@needs_dictionary
def test_the_graph_links_each_drug_to_its_drugbank_and_mesh_iris():
    from rdflib import URIRef

    from evkg.core.namespace import EVKG
    from evkg.kg.graph.rdf import fact_triples
    drug = next(f for f in facts("Patients received gefitinib.", ["entities"]) if f.kind == "drug")
    links = {o for _, p, o in fact_triples(drug) if p == EVKG.groundedIn}
    assert links == {URIRef("https://go.drugbank.com/drugs/DB00317"),
                     URIRef("http://id.nlm.nih.gov/mesh/" + drug.detail("mesh_id"))}


def test_allocation_lists_stop_where_the_clause_goes_on():
    text = ("Methods: Patients were randomized to ribavirin or pegylated interferon, and served as their own controls. "
            "Participants received honey, increased muscle mass and strength. "
            "Children who received a PHR fared slightly worse. A patient-held record (PHR) was kept.")
    names = {f.name for f in facts(text, ["interventions"])}
    # ribavirin is a dictionary drug: the entities plugin reads it, with its code.
    assert names == {"pegylated interferon", "honey", "patient-held record"}


def test_passing_phrases_and_limbs_are_not_arms_and_arms_take_what_they_were_given():
    text = ("Blood pressure was taken on the left arm. Either group could withdraw. Either group may stop. "
            "The control group received ondansetron. The control group was observed. "
            "The WL group, unlike those on statins, lost weight. The WL group kept diaries.")
    arms = {(f.name, f.detail("interventions")) for f in facts(text, ["study"]) if f.kind == "arm"}
    assert arms == {("control group", "ondansetron"), ("WL group", "")}


@needs_dictionary
def test_brand_names_count_only_when_capitalised():
    assert {f.name for f in facts("The modus operandi of the Taxotere arm", ["entities"]) if f.kind == "drug"} \
        == {"docetaxel"}
    assert {f.name for f in facts("The Lipitor arm", ["entities"]) if f.kind == "drug"} == {"atorvastatin"}
    assert {f.name for f in facts("Patients took lipitor daily", ["entities"]) if f.kind == "drug"} == set()


def test_confidence_interval_labels_are_not_sizes():
    text = ("Methods: We enrolled 80 patients. The HAIC group (95% CI, 0.52-0.81) did better than "
            "the TACE group (n = 40); the HAIC group received HAIC.")
    got = facts(text, ["study"])
    assert [f.value for f in got if f.kind == "sample_size"] == [80]
    assert {(f.name, f.total) for f in got if f.kind == "arm"} == {("HAIC group", None), ("TACE group", 40)}
