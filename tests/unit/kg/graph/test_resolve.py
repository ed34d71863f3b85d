"""Reference resolution: identifiers first, else strict title + year + author (or journal); ties stay unresolved."""
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
    zh = Work(title="一项虚构的肝动脉灌注化疗研究", year=2019, first_author="张三",
              other_titles=("An invented study of hepatic arterial infusion chemotherapy",))
    ref = Work(title="An invented study of hepatic arterial infusion chemotherapy", year=2019, first_author="张三")
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
