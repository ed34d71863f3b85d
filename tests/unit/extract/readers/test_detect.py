"""Stage: language and document type from the text (readers/detect.py)."""
import pytest

from evkg.extract.readers import detect


@pytest.mark.parametrize("text, language", [
    ("Hepatic arterial infusion chemotherapy for an invented cancer.", "en"),
    ("肝动脉灌注化疗治疗结直肠癌肝转移的疗效分析", "zh"),
    ("肝癌介入 hepatic arterial infusion", "mixed"),
    ("肝 " + "hepatic arterial infusion chemotherapy " * 10, "en"),
    ("", "en"),
])
def test_language_weighs_chinese_characters_against_latin_letters(text, language):
    assert detect.language(text) == language


@pytest.mark.parametrize("head, doctype", [
    ("中国肝癌介入治疗专家共识（2024 版）", "consensus"),
    ("Practice guidelines for an invented disease", "guideline"),
    ("A systematic review and meta-analysis of TACE", "review"),
    ("中期肝癌治疗的研究进展", "review"),
    ("Lenvatinib plus TACE: a retrospective study", "paper"),
])
def test_doctype_from_cues_at_the_head(head, doctype):
    assert detect.doctype(head) == doctype


def test_doctype_reads_only_the_head():
    assert detect.doctype("A retrospective study.\n" + "x" * 2000 + "\nexpert consensus") == "paper"


@pytest.mark.parametrize("title, head, doctype", [
    # the title decides over what the introduction mentions
    ("Locoregional therapy with immunotherapy: a narrative review", "A European guideline recommends …", "review"),
    ("Phase I dose-escalation study of invented microspheres", "Current guidelines recommend chemoembolization.",
     "paper"),
    ("A cost analysis of an invented antibiotic therapy", "As new guidelines would be needed, we …", "paper"),
    ("Invented USPSTF-style recommendation statement: screening", "Grades: A, B, C, D, I", "guideline"),
    ("Invented guidance on hepatic arterial infusion", "We summarise the evidence.", "guideline"),
    ("Invented ASCO-style guideline: systemic therapy", "Type: informal consensus", "guideline"),
    ("中期肝癌 TACE 之争论与研究现状", "", "review"),
    ("A biomarker of kidney injury in malaria", "defined by consensus criteria", "paper"),  # a bare word at the head
    ("", "中国肝癌介入治疗专家共识（2024 版）", "consensus"),  # no title: the head
])
def test_doctype_from_the_title_first(title, head, doctype):
    assert detect.doctype(head, title) == doctype
