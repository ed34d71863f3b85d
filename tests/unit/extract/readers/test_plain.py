"""Stage: plain text and Markdown (readers/plain.py). It hands over the text as decoded, its
sections and head metadata, and its reference list parsed once at read time."""
from pathlib import Path

from evkg.core.records import Reference
from evkg.extract.readers.plain import metadata, read_plain

PAPER = ("·论著·\n"
         "肝动脉灌注化疗治疗虚构肝癌的疗效分析\n"
         "张三, 李四*\n"
         "Hepatic arterial infusion chemotherapy for an invented liver cancer: a retrospective study\n"
         "doi: 10.9999/demo.2022.01.003\n"
         "(J Invent Radiol, 2022, 31: 1039-1044)\n"
         "摘要：目的 探讨 HAIC 的疗效。方法 回顾性分析 NCT01234567 的 60 例患者。\n"
         "结果：ORR 为 45.0%。\n"
         "[参考文献]\n"
         "[1] 王五, 赵六. 一项虚构的研究[J]. 虚构杂志, 2020, 12(3): 45-50.\n"
         "[2] Doe J, Roe R. An invented trial[J]. J Demo, 2019, 7: 1-9.\n")


def test_a_plain_document_hands_over_text_sections_metadata_and_its_reference_list():
    doc = read_plain(Path("dir/paper.txt"), PAPER)
    assert (doc.id, doc.path, doc.text, doc.layout, doc.language) == ("paper", "dir/paper.txt", PAPER, "plain", "zh")
    assert doc.doctype == "paper"
    assert {s.name for s in doc.sections} >= {"abstract", "results", "references"}
    md = doc.metadata
    assert md.title == "肝动脉灌注化疗治疗虚构肝癌的疗效分析" and md.authors == ("张三", "李四")
    assert (md.doi, md.nct_id, md.year, md.journal) == (
        "10.9999/demo.2022.01.003", "NCT01234567", 2022, "J Invent Radiol")
    assert md.other_titles == (
        "Hepatic arterial infusion chemotherapy for an invented liver cancer: a retrospective study",)
    assert [(r.number, r.first_author, r.year) for r in doc.references] == [(1, "王五", 2020), (2, "Doe", 2019)]
    assert all(isinstance(r, Reference) for r in doc.references)
    assert doc.text[doc.references[1].start:doc.references[1].end].startswith("[2] Doe J")
    # Running text wraps at a margin; no trial record, markup view or pages.
    assert doc.wrapped and doc.record is None and doc.view is None and doc.pages == ()


def test_a_text_without_a_reference_list_hands_over_an_empty_one():
    doc = read_plain(Path("note.txt"), "An invented note on TACE.\nNothing is cited here.\n")
    assert doc.references == () and doc.sections == ()


def test_metadata_is_read_from_the_head_before_the_reference_list():
    text = "An invented guideline title\n\nReferences\n[1] Doe J. doi: 10.1000/cited.2001 PMID: 12345678\n"
    refs_at = text.index("References")
    md = metadata(text, refs_at)
    assert (md.title, md.doi, md.pmid, md.year) == ("An invented guideline title", "", "", None)
    assert metadata(text).doi == "10.1000/cited.2001"  # without the list's start, its DOI counts


def test_titles_as_documents_print_them():
    # a field label on its own line, as a dataset's plain-text rendering prints it
    assert metadata("TITLE: \nEffects of an invented peptide on natriuresis\n\n\nABSTRACT.AIM:\nTo test.\n").title \
        == "Effects of an invented peptide on natriuresis"
    assert metadata("Title: An invented trial of rest\nBackground …\n").title == "An invented trial of rest"
    # a PDF's running heads above the title are skipped, and a title wrapped over two lines is joined
    pdf = ("JACC VOL. 87, NO. 4, 2026                          Invented Writing Committee Members\n"
           "FEBRUARY 3, 2026:e1–e64                  2026 Invented Guideline for Periprocedural Care\n\n"
           "2026 Invented ACC/AHA-Style Guideline for the Periprocedural Cardiovascular\n"
           "Management of Patients Undergoing Liver-Directed Procedures\n\n"
           "A Report of an Invented Joint Committee\n")
    assert metadata(pdf).title == ("2026 Invented ACC/AHA-Style Guideline for the Periprocedural Cardiovascular "
                                   "Management of Patients Undergoing Liver-Directed Procedures")
    # a byline under a long title is not part of it
    paper = ("Transarterial chemoembolization plus an invented drug for unresectable liver cancer\n"
             "Wang L, Chen X, Li Y\n")
    md = metadata(paper)
    assert md.title.endswith("unresectable liver cancer") and md.authors == ("Wang L", "Chen X", "Li Y")
    assert metadata("# An invented Markdown guideline\n\n## 1. Scope\n").title == "An invented Markdown guideline"
