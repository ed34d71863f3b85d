"""Reference-list entries: spans, first authors, years and bibliographic fields."""
from pathlib import Path

from evkg.extract.readers import read_document
from evkg.extract.readers.plain import read_plain
from evkg.extract.readers.reference_list import first_author, reference_list
from helpers.corpus import SEEDS


def seed(prefix: str):
    return read_document(next(SEEDS.glob(prefix + "_*.txt")))


def test_seed_002_list():
    doc = seed("002")
    refs = reference_list(doc)
    assert [r.number for r in refs] == list(range(1, 47))
    by = {r.number: r for r in refs}
    assert (by[1].first_author, by[1].year) == ("Sung", 2021)  # the year is not the title's 2020
    assert by[1].title.endswith("36 cancers in 185 countries")  # wrapped over a blank line
    assert by[2].first_author == "中华人民共和国国家卫生健康委员会医政医管局"
    assert by[6].first_author == "European Association for the Study of the Liver"
    assert (by[30].first_author, by[44].first_author) == ("Masatoshi", "张雯")
    assert (by[10].volume, by[10].issue, by[10].pages) == ("87", "Suppl 1", "22-31")
    assert by[19].journal == "Hepatol Res"
    for r in refs:
        quote = doc.text[r.start:r.end]
        assert quote.startswith(f"[{r.number}]") and not quote.endswith("\n")
    assert "收稿日期" not in doc.text[by[46].start:by[46].end]


def test_seed_004_list():
    refs = reference_list(seed("004"))
    assert len(refs) == 17
    assert [(r.first_author, r.year) for r in refs][:3] == [("Kudo", 2020), ("Prince", 2020), ("Zuo", 2018)]
    assert (refs[16].first_author, refs[16].year, refs[16].journal) == ("吴沛宏", 2019, "介入放射学杂志")
    assert refs[6].title.endswith("a propensity score matching study")


def test_no_reference_section_means_no_entries():
    doc = read_plain(Path("plain.txt"), "An invented note without a list.\n\n[1] is mentioned here.\n")
    assert reference_list(doc) == []


def test_styles_identifiers_and_page_debris():
    text = """Invented paper

References
1. Smith J, Brown A. An invented trial of hepatic infusion. J Invented Med. 2019;12(4):100-110.
doi:10.1000/jim.2019.12. PMID: 12345678
2. Kudo, M., & Ueshima, K. (2020). An invented title about timing. Liver Journal, 9(3), 245-260.
3. 赵六, 钱七, 等. 一项虚构的

· 1044 · 介入放射学杂志 2022 年 11 月第 31 卷第 11 期

研究[J]. 介入放射学杂志, 2018, 27(2): 100-105.
4. National Invented Cancer Network. Invented guidelines in oncology[EB/OL]. (2021-03-01).

(收稿日期:2022-01-01)
"""
    refs = reference_list(read_plain(Path("styles.txt"), text))
    assert [r.number for r in refs] == [1, 2, 3, 4]
    a, b, c, d = refs
    assert (a.first_author, a.year, a.doi, a.pmid) == ("Smith", 2019, "10.1000/jim.2019.12", "12345678")
    assert (a.journal, a.volume, a.issue, a.pages) == ("J Invented Med", "12", "4", "100-110")
    assert (b.first_author, b.year, b.journal) == ("Kudo", 2020, "Liver Journal")
    assert (c.first_author, c.year, c.title) == ("赵六", 2018, "一项虚构的研究")
    assert (d.first_author, d.year, d.pub_type) == ("National Invented Cancer Network", 2021, "EB/OL")


def test_first_author_forms():
    assert first_author("Sung H, Ferlay J, et al") == "Sung"
    assert first_author("van der Berg JA, Lee K") == "van der Berg"
    assert first_author("张 雯, 周永杰") == "张 雯"
    assert first_author("World Health Organization") == "World Health Organization"
