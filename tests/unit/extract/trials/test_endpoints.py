from evkg.core.model import Document
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.sections import find_sections
from evkg.extract.text.context import Context


def endpoints(text, doctype="review", language="zh"):
    doc = Document(id="t", text=text, language=language, doctype=doctype, sections=find_sections(text))
    return sorted((f.name, f.role) for f in extract_facts(doc, Context(), ["paper_endpoints"]))


def test_stated_roles_chinese_and_english():
    zh = "该研究的主要终点为mPFS和mOS，次要终点为ORR（完全缓解+部分缓解）和DCR。"
    assert endpoints(zh) == [("DCR", "secondary"), ("ORR", "secondary"), ("OS", "primary"), ("PFS", "primary")]
    en = "The primary endpoint was overall survival. Secondary endpoints included ORR and PFS."
    assert endpoints(en, language="en") == [("ORR", "secondary"), ("OS", "primary"), ("PFS", "secondary")]


def test_paper_reports_its_own_endpoints_not_cited_ones():
    text = ("摘要：目的 探讨 HAIC 的疗效。方法 观察客观缓解率（ORR）和总生存期（OS）。\n\n"
            "3 讨论\n\n既往研究报道无进展生存期为 5 个月[3]。\n")
    assert endpoints(text, doctype="paper") == [("ORR", "other"), ("OS", "other")]


def test_registrations_are_left_to_their_own_plugin():
    assert endpoints("The primary endpoint was OS.", doctype="registration", language="en") == []
