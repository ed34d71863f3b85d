import codecs

import pytest

from evkg.core.errors import ReadError
from evkg.extract.readers import read_document
from helpers.corpus import seed

TEXT = "肝动脉灌注化疗（HAIC）治疗结直肠癌肝转移的疗效分析\n\n摘要：目的 探讨 HAIC 的疗效。\n"


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                          ("utf-16-le", codecs.BOM_UTF16_LE), ("gb18030", b"")])
def test_encodings_decode_to_the_same_text(tmp_path, encoding, bom):
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    doc = read_document(path)
    assert doc.text == TEXT
    assert doc.id == "doc" and doc.language == "zh"


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"), (b"  \n\n ", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (b"text \xff\xff\x80 more" * 20, "UTF-8 nor GB18030"),
])
def test_bad_files_get_a_one_line_error_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as e:
        read_document(path)
    msg = str(e.value)
    assert str(path) in msg and reason in msg and "\n" not in msg


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(ReadError, match="unsupported file type"):
        read_document(tmp_path / "x.docx")
    with pytest.raises(ReadError, match="cannot read"):
        read_document(tmp_path / "missing.txt")


def test_text_is_never_normalized(tmp_path):
    raw = "Ⅱ b级，３～４ 周\u3000TACE\r\n"
    path = tmp_path / "raw.txt"
    path.write_bytes(raw.encode("utf-8"))
    assert read_document(path).text == raw


@pytest.mark.parametrize("prefix,language,doctype", [
    ("000", "en", "registration"), ("001", "en", "registration"), ("002", "zh", "consensus"),
    ("003", "zh", "paper"), ("004", "zh", "review")])
def test_seed_language_and_type(prefix, language, doctype):
    doc = read_document(seed(prefix))
    assert (doc.language, doc.doctype) == (language, doctype)


def test_seed_sections_and_metadata():
    doc = read_document(seed("002"))
    refs = doc.section("references")
    assert refs is not None and doc.text[refs.start:].startswith("[参考文献]")
    assert doc.section("abstract") is not None
    assert doc.metadata.doi.startswith("10.3969/")
    paper = read_document(seed("003"))
    names = {s.name for s in paper.sections}
    assert {"abstract", "methods", "results"} <= names


def test_section_labels_need_a_colon_a_line_end_or_a_chinese_space():
    from evkg.extract.readers.sections import find_sections
    text = ("Results\nObjective response rate was 45.0% in the HAIC group.\nConclusions: HAIC works.\n"
            "摘要：目的　探讨疗效。\n")
    found = [(s.name, s.title) for s in find_sections(text)]
    assert ("results", "Results") in found and ("conclusions", "Conclusions:") in found
    assert not any(title.startswith("Objective") for _, title in found)
    results = next(s for s in find_sections(text) if s.name == "results")
    assert "45.0%" in text[results.start:results.end]


def test_metadata_of_chinese_papers_and_english_bylines():
    review = read_document(seed("004")).metadata
    assert review.title.startswith("中期肝癌") and review.authors[0] == "陈晓明" and review.year == 2021
    assert review.other_titles and review.other_titles[0].startswith("Disputes and research status")
    assert not read_document(seed("003")).metadata.other_titles  # its English title is not in the file


def test_english_byline_and_year_from_doi(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("Hepatic arterial infusion for invented cancer\nLi Y, Chen X, Wang L\n"
                    "doi: 10.9999/demo.2019.7\nBackground: ...\n", encoding="utf-8")
    md = read_document(path).metadata
    assert md.authors == ("Li Y", "Chen X", "Wang L") and md.year == 2019 and md.doi == "10.9999/demo.2019.7"


def test_truncated_utf8_is_reported_not_read_as_gb18030(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(TEXT.encode("utf-8")[:-2])  # ends inside a 3-byte character
    with pytest.raises(ReadError, match="truncated"):
        read_document(path)
