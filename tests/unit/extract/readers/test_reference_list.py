"""Stage: the reference list (readers/reference_list.py): entries with their spans and bibliographic
fields, the list a reader hands over, and the first-author rule."""
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from evkg.core.model import Document, Section
from evkg.core.records import Reference
from evkg.extract.readers.plain import read_plain
from evkg.extract.readers.reference_list import (
    body_end,
    entries_by_list,
    first_author,
    in_zone,
    list_finder,
    list_index,
    parse_entry,
    parse_references,
    reference_list,
    reference_zones,
    zone_test,
)

LIST = ("Text citing [1,2].\n"
        "References\n"
        "1. Tane H, Moro J, Quill RL, et al. Global statistics of an invented cancer 2020[J]. "
        "CA Demo J, 2021, 71(3): 209-249. doi: 10.9999/demo.2021.1\n"
        "2. 王五, 赵六. 一项虚构的研究[J]. 虚构杂志, 2019, 12: 45-50.\n"
        "· 12 ·  第 3 卷 第 2 期\n"
        "3. Kudo M, Finn RS (2018). A randomised invented trial. Lancet Demo, 391(10126), 1163-1173.\n")
SECTIONS = (Section("references", LIST.index("References"), len(LIST)),)


def test_entries_hand_over_number_span_and_fields():
    refs = parse_references(LIST, SECTIONS)
    assert [r.number for r in refs] == [1, 2, 3]
    a, b, c = refs
    assert LIST[a.start:a.end].startswith("1. Tane H") and LIST[a.start:a.end].endswith("demo.2021.1")
    assert (a.first_author, a.year, a.journal, a.volume, a.issue, a.pages, a.doi, a.pub_type) == (
        "Tane", 2021, "CA Demo J", "71", "3", "209-249", "10.9999/demo.2021.1", "J")
    assert a.title == "Global statistics of an invented cancer 2020"  # the title's year is not the entry's
    assert (b.first_author, b.year, b.title, b.journal) == ("王五", 2019, "一项虚构的研究", "虚构杂志")
    assert "第 3 卷" in LIST[b.start:c.start] and "第 3 卷" not in b.journal  # page debris is not a field
    assert (c.first_author, c.year, c.title, c.journal) == ("Kudo", 2018, "A randomised invented trial", "Lancet Demo")
    assert a.details() == {"authors": "Tane H, Moro J, Quill RL, et al", "title": a.title, "journal": "CA Demo J",
                           "volume": "71", "issue": "3", "pages": "209-249", "doi": "10.9999/demo.2021.1",
                           "pub_type": "J"}


def test_no_references_section_no_entries():
    assert parse_references("Just text.", ()) == ()


def test_reference_list_is_what_the_reader_handed_over_else_the_section_parsed():
    listed = (Reference(7, 0, 4, "Doe", 2020),)
    assert reference_list(Document("d", LIST, sections=SECTIONS, references=listed)) == list(listed)
    assert reference_list(Document("d", LIST, sections=SECTIONS, references=())) == []
    assert [r.number for r in reference_list(Document("d", LIST, sections=SECTIONS))] == [1, 2, 3]


def test_parse_entry_spans_what_it_is_given():
    r = parse_entry(4, 10, 60, "4. Roe R. An invented cohort. J Demo. 2017;5:1-2. PMID: 12345678")
    assert (r.number, r.start, r.end, r.first_author, r.year, r.pmid) == (4, 10, 60, "Roe", 2017, "12345678")


def test_first_author_as_the_annotation_guide_writes_it():
    assert first_author("Tane H, Moro J, et al") == "Tane"
    assert first_author("Lencioni R; Llovet JM") == "Lencioni"
    assert first_author("van der Berg JA, Lee K") == "van der Berg"
    assert first_author("张三, 李四") == "张三" and first_author("张三等") == "张三"
    assert first_author("World Health Organization") == "World Health Organization"
    assert first_author("Masatoshi Kudo; Riccardo Lencioni") == "Masatoshi Kudo"
    assert first_author("") == ""


def _entries(text: str) -> list[tuple[int, str, int | None]]:
    sections = (Section("references", text.index("References"), len(text)),)
    return [(r.number, r.first_author, r.year) for r in parse_references(text, sections)]


def test_a_gap_in_the_numbering_does_not_end_the_list():
    text = ("References\n1. Doe J. An invented trial. J Demo. 2019;7:1-9.\n"
            "2. Roe R. An invented cohort. J Demo. 2018;6:10-19.\n"
            "4. Poe P. An invented review. J Demo. 2017;5:20-29.\n"
            "5. Moe M. An invented registry. J Demo. 2016;4:30-39.\n")
    assert _entries(text) == [(1, "Doe", 2019), (2, "Roe", 2018), (4, "Poe", 2017), (5, "Moe", 2016)]


def test_entry_numbers_glued_to_the_first_author_or_before_a_particle():
    glued = ("References\n1Huang BAN, Kowalski WD. An invented trial of shunts. J Vasc Interv\n"
             "Radiol 2021; 32: 1046–50.\n2O'Connor PW, Sanchez CL. An invented cohort. Radiology 2022; 280: 319–32.\n"
             "3Weber WTS. An invented registry. Gut 2020; 69: 1–9.\n")
    assert _entries(glued) == [(1, "Huang", 2021), (2, "O'Connor", 2022), (3, "Weber", 2020)]
    bare = ("References\n1 Doe J. An invented trial. J Demo. 2019;7:1-9.\n"
            "2 van der Berg JA, Roe R. An invented cohort. J Demo. 2018;6:10-19.\n"
            "3 von Stetten Y. An invented review. J Demo. 2017;5:20-29.\n")
    assert _entries(bare) == [(1, "Doe", 2019), (2, "van der Berg", 2018), (3, "von Stetten", 2017)]


def test_the_year_comes_from_the_year_field_not_from_pages():
    assert parse_entry(1, 0, 1, "1. Roe R. An invented trial. N Engl J Med. 2016;375(1):2081-2088.").year == 2016
    assert parse_entry(1, 0, 1, "1. Roe R. An invented trial. Lancet 2005; 366: 1918–24.").year == 2005
    assert parse_entry(1, 0, 1, "1. Roe R. An invented trial. Lancet Oncol 2019; **20**: 2010–19.").year == 2019


def test_an_entry_wrapped_after_a_full_stop_keeps_its_year():
    text = ("References\n1. Doe J, Roe R, Poe P, et al.\nAn invented trial of rest. J Demo. 2019;7:1-9.\n"
            "2. Moe M. An invented cohort. Am Heart J.\n2018;150:10-19.\n")
    assert _entries(text) == [(1, "Doe", 2019), (2, "Moe", 2018)]


def test_an_organisation_with_and_in_its_name_is_one_author():
    assert first_author("National Institute for Health and Care Excellence") == \
        "National Institute for Health and Care Excellence"
    assert first_author("Smith J and Jones K") == "Smith"


CHAPTERS = ("第一章 影像诊断\n推荐意见1.1：影像诊断首选增强 MRI[1,2]。\n参考文献\n"
            "[1] 王五, 赵六. 一项虚构的研究[J]. 虚构杂志, 2020, 12(3): 45-50.\n"
            "[2] Doe J, Roe R. An invented trial[J]. J Demo, 2019, 7: 1-9.\n\n"
            "第二章 外科治疗\n推荐意见2.1：外科切除适用于单个肿瘤[2]。\n另有研究显示切除率提高。\n"
            "参考文献\n[1] Moe M. An invented cohort[J]. J Demo, 2018, 6: 10-19.\n"
            "[2] 李四. 一项虚构的队列[J]. 虚构杂志, 2017, 5: 20-29.\n")


def test_one_list_per_chapter_each_ending_at_its_last_entry():
    doc = read_plain(Path("chapters.txt"), CHAPTERS)
    lists = entries_by_list(doc)
    assert [[(r.number, r.first_author) for r in refs] for refs in lists] == [
        [(1, "王五"), (2, "Doe")], [(1, "Moe"), (2, "李四")]]
    zones = reference_zones(doc)
    # the second chapter is body again: between the first list's last entry and the second list
    second = CHAPTERS.index("第二章")
    assert zones[0][1] <= second < zones[1][0] == body_end(doc)
    assert list_index(zones, CHAPTERS.index("[1,2]")) == 0 and list_index(zones, CHAPTERS.index("[2]。")) == 1


_ZONES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])),
                  max_size=8).map(tuple)


@given(_ZONES, st.lists(st.integers(-5, 100), max_size=20))
def test_bisection_finds_what_a_pass_over_the_zones_finds(zones, offsets):
    """zone_test and list_finder (by bisection, for a text of many lists) agree with in_zone and
    list_index for zones in any order, overlapping or empty."""
    inside, index = zone_test(zones), list_finder(zones)
    assert [inside(o) for o in offsets] == [in_zone(zones, o) for o in offsets]
    assert [index(o) for o in offsets] == [list_index(zones, o) for o in offsets]
    ordered = tuple(sorted(zones))
    assert [list_finder(ordered)(o) for o in offsets] == [list_index(ordered, o) for o in offsets]


def test_an_ideographic_full_stop_ends_the_authors():
    # 繁體 lists close the authors with `。`: an organisation's name is not run on into its title.
    r = parse_entry(7, 0, 1, "7. 衛生福利部國民健康署。癌症登記報告（虛構版本）。2022.")
    assert (r.first_author, r.year) == ("衛生福利部國民健康署", 2022)
    entry = "2. 林志遠、張雅婷。台灣社區調查（虛構）。台灣醫誌 2019;118:210-217."
    assert parse_entry(2, 0, 1, entry).first_author == "林志遠"


def test_a_year_in_brackets_in_a_chinese_title_is_not_the_year_field():
    entry = parse_entry(1, 0, 1, "[1] 示例医学会内分泌学分会. 示例痛风诊疗指南（2019）[J]. "
                                 "示例杂志, 2020, 36(1): 1-13.")
    assert (entry.first_author, entry.year) == ("示例医学会内分泌学分会", 2020)
    apa = parse_entry(3, 0, 1, "3. Kudo M, Finn RS (2018). A randomised invented trial. Lancet Demo, 391(10126), 1-9.")
    assert (apa.first_author, apa.year) == ("Kudo", 2018)
