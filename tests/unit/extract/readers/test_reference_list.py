"""Stage: the reference list (readers/reference_list.py): entries with their spans and bibliographic
fields, the list a reader hands over, and the first-author rule."""
from evkg.core.model import Document, Section
from evkg.core.records import Reference
from evkg.extract.readers.reference_list import first_author, parse_entry, parse_references, reference_list

LIST = ("Text citing [1,2].\n"
        "References\n"
        "1. Sung H, Ferlay J, Siegel RL, et al. Global statistics of an invented cancer 2020[J]. CA Demo J, 2021, 71(3): 209-249. doi: 10.9999/demo.2021.1\n"
        "2. 王五, 赵六. 一项虚构的研究[J]. 虚构杂志, 2019, 12: 45-50.\n"
        "· 12 ·  第 3 卷 第 2 期\n"
        "3. Kudo M, Finn RS (2018). A randomised invented trial. Lancet Demo, 391(10126), 1163-1173.\n")
SECTIONS = (Section("references", LIST.index("References"), len(LIST)),)


def test_entries_hand_over_number_span_and_fields():
    refs = parse_references(LIST, SECTIONS)
    assert [r.number for r in refs] == [1, 2, 3]
    a, b, c = refs
    assert LIST[a.start:a.end].startswith("1. Sung H") and LIST[a.start:a.end].endswith("demo.2021.1")
    assert (a.first_author, a.year, a.journal, a.volume, a.issue, a.pages, a.doi, a.pub_type) == (
        "Sung", 2021, "CA Demo J", "71", "3", "209-249", "10.9999/demo.2021.1", "J")
    assert a.title == "Global statistics of an invented cancer 2020"  # the title's year is not the entry's
    assert (b.first_author, b.year, b.title, b.journal) == ("王五", 2019, "一项虚构的研究", "虚构杂志")
    assert "第 3 卷" in LIST[b.start:c.start] and "第 3 卷" not in b.journal  # page debris is not a field
    assert (c.first_author, c.year, c.title, c.journal) == ("Kudo", 2018, "A randomised invented trial", "Lancet Demo")
    assert a.details() == {"authors": "Sung H, Ferlay J, Siegel RL, et al", "title": a.title, "journal": "CA Demo J",
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
    assert first_author("Sung H, Ferlay J, et al") == "Sung"
    assert first_author("Lencioni R; Llovet JM") == "Lencioni"
    assert first_author("van der Berg JA, Lee K") == "van der Berg"
    assert first_author("张三, 李四") == "张三" and first_author("张三等") == "张三"
    assert first_author("World Health Organization") == "World Health Organization"
    assert first_author("Masatoshi Kudo; Riccardo Lencioni") == "Masatoshi Kudo"
    assert first_author("") == ""
