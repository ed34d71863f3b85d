"""Stage: sections of running text from its headings (readers/sections.py)."""
from evkg.extract.readers.sections import find_sections, heading_name

TEXT = ("Invented title of a paper\n"
        "Abstract\n"
        "Background: TACE is common.\n"
        "Methods: 60 patients.\n"
        "1 Introduction\n"
        "Some text.\n"
        "2 Materials and Methods\n"
        "2.1 Patients\n"
        "Sixty patients.\n"
        "3 Results\n"
        "The ORR was 45%.\n"
        "References\n"
        "[1] Doe J. A study. 2020.\n")


def sections():
    return {(s.name, s.title): TEXT[s.start:s.end] for s in find_sections(TEXT)}


def test_containers_labels_and_numbered_headings_each_hand_over_a_section_with_its_text():
    found = sections()
    assert found[("abstract", "Abstract")].startswith("Abstract\nBackground")
    assert found[("abstract", "Abstract")].endswith("Methods: 60 patients.\n")  # a container ends at `1 ...`
    assert found[("background", "Background: TACE is common.")] == "Background: TACE is common.\n"
    assert found[("methods", "2 Materials and Methods")].endswith("Sixty patients.\n")  # holds 2.1
    assert found[("section 2.1", "2.1 Patients")] == "2.1 Patients\nSixty patients.\n"
    assert found[("results", "3 Results")] == "3 Results\nThe ORR was 45%.\n"
    assert found[("references", "References")] == "References\n[1] Doe J. A study. 2020.\n"


def test_sections_lie_inside_the_text_in_order():
    secs = find_sections(TEXT)
    assert [s.start for s in secs] == sorted(s.start for s in secs)
    assert all(0 <= s.start < s.end <= len(TEXT) for s in secs)


def test_a_sentence_or_a_line_of_numbers_is_no_heading():
    text = "Results\nObjective response rate was 45.0%.\n2 例患者（3.3%）死亡\n3 patients, 2 of them men\n"
    names = [s.name for s in find_sections(text)]
    assert names == ["results"]


def test_heading_name():
    assert heading_name("Materials and Methods") == "methods"
    assert heading_name("2. Results") == "results"
    assert heading_name("结论") == "conclusions"
    assert heading_name("Patient selection") is None
