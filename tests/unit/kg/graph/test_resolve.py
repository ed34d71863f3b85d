"""Reference resolution: identifiers first, else strict title + year + author (or journal), or title + author
when a side prints no year, or an all but identical long title alone; ties stay unresolved."""
from evkg.core.model import Metadata
from evkg.kg.graph.resolve import Match, Work, resolve

TRIAL = Work(title="Transarterial chemoembolisation plus an invented drug versus chemoembolisation alone: "
                   "a randomised trial", year=2020, first_author="Kudo M", journal="Gut")


def test_doi_decides_whatever_the_title():
    ref = Work(title="something else entirely", doi="https://doi.org/10.1000/ABC.1")
    cands = {"a": Work(doi="10.1000/abc.1"), "b": TRIAL}
    assert resolve(ref, cands) == Match("a", "doi", 1.0)


def test_pmid_when_no_doi():
    assert resolve(Work(pmid="12345678"), {"a": Work(pmid="12345678"), "b": Work(pmid="1")}) == \
        Match("a", "pmid", 1.0)


def test_title_year_and_author():
    ref = Work.from_reference({"title": "Transarterial chemoembolisation plus an invented drug versus "
                                        "chemoembolisation alone - a randomised trial.", "journal": "Gut"},
                              first_author="Kudo", year=2020)
    m = resolve(ref, {"trial": TRIAL, "other": Work(title="Unrelated", year=2020, first_author="Kudo M")})
    assert m.doc_id == "trial" and m.method == "title" and m.score > 0.95


def test_translated_title_links_across_languages():
    zh = Work(title="一项虚构的腕部穴位按压研究", year=2019, first_author="张三",
              other_titles=("An invented study of wrist acupressure for travel sickness",))
    ref = Work(title="An invented study of wrist acupressure for travel sickness", year=2019, first_author="张三")
    assert resolve(ref, {"zh": zh}).doc_id == "zh"


def test_journal_stands_in_for_a_missing_author():
    ref = Work(title=TRIAL.title, year=2020, journal="Gut")
    assert resolve(ref, {"t": Work(title=TRIAL.title, year=2020, journal="GUT")}).doc_id == "t"
    assert resolve(ref, {"t": Work(title=TRIAL.title, year=2020, journal="Hepatology")}) is None


def test_near_misses_stay_unresolved():
    same_title = TRIAL.title
    assert resolve(Work(title=same_title, year=2021, first_author="Kudo"), {"t": TRIAL}) is None  # year
    assert resolve(Work(title=same_title, year=2020, first_author="Lencioni"), {"t": TRIAL}) is None  # author
    assert resolve(Work(title=same_title, year=2020, first_author="Kudo", doi="10.1/x"),
                   {"t": Work(title=same_title, year=2020, first_author="Kudo", doi="10.1/y")}) is None  # DOI
    similar = Work(title="Transarterial chemoembolisation plus sorafenib versus chemoembolisation alone: "
                         "a randomised trial", year=2020, first_author="Kudo")
    assert resolve(similar, {"t": TRIAL}) is None
    assert resolve(Work(title="", year=2020, first_author="Kudo"), {"t": TRIAL}) is None


def test_two_equally_good_candidates_are_a_tie():
    ref = Work(title=TRIAL.title, year=2020, first_author="Kudo")
    assert resolve(ref, {"a": TRIAL, "b": TRIAL}) is None
    assert resolve(Work(doi="10.1/x"), {"a": Work(doi="10.1/x"), "b": Work(doi="10.1/X")}) is None


def test_work_from_document_metadata():
    md = Metadata(title=TRIAL.title, authors=("Kudo M", "Ueshima K"), year=2020, journal="Gut")
    w = Work.from_metadata(md)
    assert (w.first_author, w.year) == ("Kudo M", 2020)
    assert resolve(Work(title=TRIAL.title, year=2020, first_author="Kudo"), {"d": w}).doc_id == "d"


def test_candidate_index_keeps_every_possible_match():
    from evkg.kg.graph.resolve import CandidateIndex
    works = {"a": Work(title="Trial A", year=2020, doi="10.1/A"), "b": Work(title="Trial B", year=2021),
             "c": Work(title="Trial C", year=2020, pmid="123")}
    index = CandidateIndex(works)
    assert set(index.candidates(Work(year=2020))) == {"a", "c"}
    assert set(index.candidates(Work(doi="https://doi.org/10.1/a"))) == {"a"}
    assert set(index.candidates(Work(pmid="123", year=2021), exclude="b")) == {"c"}
    # a document without a year is a candidate for every reference; a reference without one, for all
    index = CandidateIndex(works | {"d": Work(title="Trial D")})
    assert set(index.candidates(Work(title="Trial", year=2021))) == {"b", "d"}
    assert set(index.candidates(Work(title="Trial"))) == {"a", "b", "c", "d"}
    # where the title decides, only documents sharing most of its words are scored
    assert set(index.candidates(Work(title="Unrelated registry of something"))) == set()


# A dataset's plain text prints its title and nothing else: no year, no author.
UNDATED = Work(title="Wrist acupressure shortens postoperative nausea after hernia repair: "
                     "A randomized clinical trial")


def test_a_document_without_a_year_links_by_title_and_author_or_by_an_all_but_identical_title():
    cited = Work(title=UNDATED.title.replace(": A", ": a") + ".", year=2018, first_author="Chen")
    assert resolve(cited, {"d": UNDATED}) == Match("d", "title", 1.0)
    assert resolve(Work(title=UNDATED.title, first_author="CHEN KB"), {"d": UNDATED}).doc_id == "d"
    # with the author on both sides the usual similarity is enough, and a different author is no link
    dated = Work(title=TRIAL.title, first_author="Kudo M")
    near = Work(title=TRIAL.title.replace("invented drug", "invented drugs"), year=2020, first_author="Kudo")
    assert resolve(near, {"d": dated}).doc_id == "d"
    assert resolve(Work(title=TRIAL.title, year=2020, first_author="Lencioni"), {"d": dated}) is None


def test_without_a_year_a_merely_similar_or_short_title_stays_unresolved():
    similar = Work(title="Wrist acupressure shortens postoperative nausea after appendectomy: "
                         "A randomized clinical trial", year=2018, first_author="Chen")
    assert resolve(similar, {"d": UNDATED}) is None
    short = Work(title="Liver cancer")
    assert resolve(Work(title="Liver cancer", year=2020), {"d": short}) is None


def test_an_english_reference_resolves_to_a_chinese_paper_by_its_translated_title_and_pinyin():
    chinese = Work(title="中期肝癌化疗栓塞的争议（虚构综述）", year=2021, first_author="陈晓明",
                   other_titles=("Current controversies over chemoembolization for intermediate-stage "
                                 "liver cancer: an invented review",))
    other = Work(title="Current controversies over ablation for early liver cancer", year=2021, first_author="Chen X")
    ref = Work(title="Current controversies over chemoembolization for intermediate-stage liver cancer: "
                     "an invented review", year=2021, first_author="Chen X")
    match = resolve(ref, {"zh": chinese, "en": other})
    assert match is not None and match.doc_id == "zh" and match.method == "title"
    # The same title under another surname stays unresolved.
    assert resolve(Work(title=ref.title, year=2021, first_author="Li Y"), {"zh": chinese}) is None
