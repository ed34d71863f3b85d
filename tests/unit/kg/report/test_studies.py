"""report/studies.py: study labels as reviewers write them, reference numbers, sections of a quote."""
from evkg.kg.report.studies import SectionIndex, StudyIndex, first_author, ref_numbers, study_label


def test_first_author_as_a_label():
    assert first_author("Lencioni R; Llovet JM") == "Lencioni"
    assert first_author("张三, 李四") == "张三"
    assert first_author("Kudo M et al") == "Kudo"
    assert first_author("van der Berg") == "van der Berg"
    assert first_author("") == ""


def test_study_labels():
    assert study_label("Kudo M", 2020) == "Kudo 2020"
    assert study_label("", 2020, "NCT01234567") == "NCT01234567"
    assert study_label("", None, "", "doc_id") == "doc_id"


def test_reference_numbers_with_ranges():
    assert ref_numbers("4") == ["4"]
    assert ref_numbers("4, 5；7") == ["4", "5", "7"]
    assert ref_numbers("4-6") == ["4", "5", "6"]
    assert ref_numbers("2019-2021") == ["2019", "2020", "2021"]
    assert ref_numbers("1-100") == ["1", "100"]   # no range of 99: two numbers
    assert ref_numbers("") == []


def test_whose_number_it_is():
    idx = StudyIndex({"d": "Doe 2021"}, {("d", "3"): "Kudo 2020", ("d", "4"): "Llovet 2008"})
    assert idx.label("d") == "Doe 2021"
    assert idx.label("d", "3-4") == "Kudo 2020; Llovet 2008"
    assert idx.label("d", "9") == "[9]"
    assert idx.label("d", "", "REFLECT") == "REFLECT"
    assert idx.label("other") == "other"


def test_the_innermost_section_of_an_offset():
    idx = SectionIndex([{"doc": "d", "start": 0, "end": 100, "section": "body"},
                        {"doc": "d", "start": 10, "end": 20, "section": "methods"}])
    assert idx.at("d", 15) == "methods" and idx.at("d", 50) == "body"
    assert idx.at("d", 100) == "" and idx.at("other", 1) == ""
