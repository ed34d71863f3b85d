"""Guidelines in their house styles (invented fixtures in tests/fixtures/guidelines, each with its
gold), bare citation numbers, label lookup as people type it, and a trace that puts the results of
the arms that received a recommendation's interventions first."""
import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evkg.core.details import Offsets
from evkg.core.errors import EvkgError
from evkg.core.fold import fold_text
from evkg.core.records import Reference
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context
from evkg.extract.text.markers import find_markers
from evkg.kg.ingest.batch import ingest
from evkg.kg.report.trace import find_label, render_text, trace
from evkg.kg.store.backends import open_store
from helpers.corpus import FIXTURES, ROOT

GUIDELINES_FIXTURES = FIXTURES / "guidelines"

STYLES = sorted(p.stem for p in GUIDELINES_FIXTURES.glob("*.txt"))
RUN = Context()
PLUGINS = ["recommendations", "citations", "references"]


def _bench():
    """bench/guidelines.py, whose row keys the tests score with (so a test and the bench agree)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_guidelines", ROOT / "bench" / "guidelines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


def _keys(rows) -> set[tuple]:
    return {BENCH.key(r) for r in rows} - {None}


def _extracted(stem: str) -> set[tuple]:
    fs = extract_facts(read_document(GUIDELINES_FIXTURES / f"{stem}.txt"), RUN, PLUGINS)
    # The table rule (queries/fragments/table_row.rq): an ungraded statement is no row, nor are its citations.
    recs = [f for f in fs if f.kind == "recommendation"]
    graded = {f.name for f in recs if f.level or f.strength}
    ungraded = {f.name for f in recs} - graded
    rows = [{"kind": f.kind, "name": f.name, "level": f.level or "", "strength": f.strength or "",
             "ref": f.ref or "", "value": "" if f.value is None else str(int(f.value))}
            for f in fs if not (f.kind == "recommendation" and not f.level and not f.strength)
            and not (f.kind == "citation" and f.name in ungraded)]
    for f in fs:  # provenance is a span of the text, whatever the style
        assert f.provenance.quote == f.provenance.span.doc.text[f.provenance.start:f.provenance.end]
    return _keys(rows)


# The F1 a style must keep (recommendation, citation, reference) where it is not read exactly as its gold.
# Every style is read exactly now (the first-run figures of the styles of issue #19 are in
# bench/guidelines-first-run.tsv); a style added later gets a floor here at its measured level until it is.
MINIMUM_F1: dict[str, tuple[float, float, float]] = {
    # g-styles-5 (holdout_g3), at their measured level until each reads as its gold
    "apasl_two_column_en": (0.0, 0.0, 1.0),
}
KINDS = ("recommendation", "citation", "reference")


def _f1(gold: set, got: set) -> float:
    if not gold and not got:
        return 1.0
    hit = len(gold & got)
    return 2 * hit / (len(gold) + len(got))


@pytest.mark.parametrize("stem", STYLES)
def test_each_house_style_reads_as_its_gold(stem):
    with open(GUIDELINES_FIXTURES / f"{stem}.gold.tsv", encoding="utf-8", newline="") as f:
        gold = _keys(csv.DictReader(f, delimiter="\t"))
    got = _extracted(stem)
    for kind, floor in zip(KINDS, MINIMUM_F1.get(stem, (None,) * 3)):
        g, p = {k for k in gold if k[0] == kind}, {k for k in got if k[0] == kind}
        if floor is None:
            assert g == p, kind
        else:
            assert _f1(g, p) >= floor - 0.005, (kind, sorted(g - p, key=str)[:5], sorted(p - g, key=str)[:5])


def test_every_style_is_covered():
    assert set(MINIMUM_F1) <= set(STYLES)
    first_run = {ln.split("\t")[0] for ln in (ROOT / "bench" / "guidelines-first-run.tsv").read_text().splitlines()
                 if ln and not ln.startswith("#")}
    assert first_run - {"style", "all styles"} <= set(STYLES)  # each measured style has its fixture


def test_every_style_of_the_first_rounds_is_covered():
    assert {"acc_aha_cor_loe_en", "acc_aha_pdf_text_en", "grade_brackets_en", "kdigo_en", "nccn_categories_en",
            "oxford_cebm_en", "chinese_grades_zh", "pdf_bare_numbers_en", "esmo_en", "easl_en", "csco_zh",
            "idsa_questions_en", "sign_grades_en", "chinese_table_zh", "csco_classes_zh", "level_words_en",
            "chapters_restart_en", "rationale_headings_zh"} <= set(STYLES)


def _facts(text: str):
    return extract_facts(read_plain(Path("invented.txt"), text), RUN, PLUGINS)


def test_grades_of_each_notation_and_their_crosswalk_classes():
    fs = _facts(GRADES)
    recs = {f.name: f for f in fs if f.kind == "recommendation"}
    assert (recs["Recommendation 1"].strength, recs["Recommendation 1"].level,
            recs["Recommendation 1"].system) == ("conditional", "very low", "GRADE")
    assert recs["Recommendation 1"].detail("strength_class") == "weak"
    # A good practice statement and a statement that makes no recommendation are ungraded on purpose: no grade
    # (so no evidence-table row), their kind as printed and its class kept for the trace and the checks.
    assert (recs["Recommendation 2"].strength, recs["Recommendation 2"].detail("strength_printed"),
            recs["Recommendation 2"].detail("strength_class")) == ("", "Good Practice Statement", "strong")
    assert (recs["Recommendation 3"].strength, recs["Recommendation 3"].level) == ("", "")
    assert recs["Recommendation 3"].detail("strength_class") == "unclear"
    # The statement runs on to the end of its sentence past the phrase.
    assert recs["Recommendation 3"].provenance.quote.endswith("a second antibiotic.")
    assert (recs["Recommendation 4"].strength, recs["Recommendation 4"].level) == ("1", "B")
    assert recs["Recommendation 4"].detail("certainty") == "moderate"
    assert (recs["Recommendation 5"].level, recs["Recommendation 5"].system) == ("2B", "NCCN")
    assert recs["Recommendation 5"].detail("certainty") == "low"
    assert (recs["Recommendation 6"].level, recs["Recommendation 6"].strength) == ("2", "strong")
    assert recs["Recommendation 7"].level == "2b" and not recs["Recommendation 7"].strength
    assert recs["Recommendation 1"].detail("interventions") == "sorafenib"


GRADES = """Invented guideline: grading examples

Recommendation 1: We suggest sorafenib after embolisation (conditional recommendation; very low certainty of evidence).
Recommendation 2: Screen every patient for prior biliary surgery (Good Practice Statement).
Recommendation 3: In adults with a biliary stent, we make no recommendation for or against a second antibiotic.
Recommendation 4: We recommend hydration before contrast in kidney disease (1B).
Recommendation 5: Radioembolization may be considered with portal invasion (category 2B).
Recommendation 6: Surveillance should be offered to adults with cirrhosis (LoE 2, strong recommendation, 95% consensus).
Recommendation 7: Embolisation may be repeated on demand (level of evidence: 2b).
"""


def test_short_notations_are_no_grades_in_a_paper():
    paper = """An invented randomised trial of neck exercise

Results
Exercise reduced pain more than rest in middle-aged women (level of evidence = 1B).
Acetate (C2)
Stretching was as good as massage (Grade C).
"""
    assert not [f for f in _facts(paper) if f.kind == "recommendation"]


def _refs(n: int) -> list[Reference]:
    return [Reference(i, 0, 0, "Author", 2000) for i in range(1, n + 1)]


def _marked(text: str, n: int = 20) -> list[tuple[str, tuple[int, ...]]]:
    return [(text[m.start:m.end], m.refs) for m in find_markers(text, fold_text(text), len(text), _refs(n))]


def test_bare_numbers_after_a_sentence_are_citations_in_the_lists_range():
    assert _marked("Bridging is not advised before the procedure. 4-7\n") == [("4-7", (4, 5, 6, 7))]
    assert _marked("It lowered the risk of bleeding. 12,15 Two trials agreed.") == [("12,15", (12, 15))]
    assert _marked("It lowered the risk of bleeding.12,15 Two trials agreed.") == [("12,15", (12, 15))]
    assert _marked("Infections were rare (1,2). A cohort agreed (3).") == [("(1,2)", (1, 2)), ("(3)", (3,))]
    assert _marked("| 1 | A | 1. TACE is recommended.1-3 |\n") == [("1-3", (1, 2, 3))]  # in a table cell


@pytest.mark.parametrize("text", [
    "The registry opened in 2019. 12 patients were enrolled.",       # a count
    "Doses of 1 mg/kg were given. 2 mg/kg was the highest dose.",   # a dose
    "The rate was 12.5 and 3.4 in the two groups.",                   # decimals
    "See Section 4. 2 The details follow.",                           # a section number: no word before
    "As shown in Fig. 3 The curves separate.",                        # an abbreviation's full stop
    "Criteria were (1) age over 18 and (2) preserved liver function.",  # enumerated items
    "包括：(1)日本肝病学会定义；(2)欧洲定义。",                            # enumerated items in Chinese
    "疗效更好。3、4 级不良事件较少。2 个疗程之间间隔 3 周。",                # counts and grades after 。
    "The trial ended. 45 Patients were followed up.",                 # beyond the reference list
])
def test_numbers_that_are_not_citations(text):
    assert _marked(text, 20) == []


def test_markers_as_converters_leave_them():
    # PDF-to-Markdown: LaTeX-like superscripts
    assert _marked("advanced disease^{1,2}. Trials agreed${ }^{3}$ and$^{4-5}$ so.") == [
        ("^{1,2}", (1, 2)), ("${ }^{3}$", (3,)), ("$^{4-5}$", (4, 5))]
    assert _marked("confirmed<sup>[7-8]</sup> twice") == [("<sup>[7-8]</sup>", (7, 8))]
    # PDF-to-text: numbers glued to the last word, a percentage, a footnote letter, a list after capitals
    assert _marked("colorectal cancer1,2 and most") == [("1,2", (1, 2))]
    assert _marked("from 40% to 58%12–14 in series") == [("12–14", (12, 13, 14))]
    assert _marked("in a randomised trialb,7 but not") == [("7", (7,))]
    assert _marked("more metastases than CT4,5 and PET") == [("4,5", (4, 5))]


@pytest.mark.parametrize("text", [
    "a dose of 100 mg/m<sup>2</sup> every week",   # a unit's power
    "a dose of 100 mg/m$^{2}$ every week",         # the same in LaTeX
    "neutrophils above 1.5 × 10^9/L before",        # a power of ten
    "neutrophils above 1.5 × 10<sup>9</sup>/L",
    "the FOLFOX4 regimen and CD4 counts",            # names with a digit
    "on day1 and cycle2 of treatment",               # counted things
    "COVID19 and HER2 status",
])
def test_raised_and_glued_numbers_that_are_not_citations(text):
    assert _marked(text, 20) == []


def test_bare_numbers_need_a_reference_list():
    text = "Bleeding was rare. 4-7\n"
    assert find_markers(text, fold_text(text), len(text), []) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Bleeding fell.", " ", "\n", "3", "12", "2019", ",", "-", "(", ")", "Two",
                                 "mg", "。", "出血", "[4]", "¹²"]), max_size=30),
       st.integers(min_value=1, max_value=30))
def test_markers_cite_only_numbers_of_the_list(parts, n):
    text = "".join(parts)
    for m in find_markers(text, fold_text(text), len(text), _refs(n)):
        assert m.refs and all(1 <= r <= n for r in m.refs)
        assert 0 <= m.start < m.end <= len(text)


LABELS = ["共识 1", "共识 2", "共识 4", "4.1 2", "4.2 1", "4.2 3", "5.1 3"]


@pytest.mark.parametrize("typed,label", [("共识4", "共识 4"), ("共识 4", "共识 4"), ("Consensus 4", "共识 4"),
                                         ("4", "共识 4"), ("4.1 2", "4.1 2"), ("4.1/2", "4.1 2"),
                                         ("1", "共识 1"), (" 共识  2 ", "共识 2")])
def test_labels_as_people_type_them(typed, label):
    assert find_label(LABELS, typed) == label


def test_a_label_within_its_section():
    labels = ["1 1", "1 2", "2 1"]
    assert find_label(labels, "Recommendation 2") == "1 2"
    assert find_label(labels, "2 / recommendation 1") == "2 1"
    with pytest.raises(EvkgError, match="several"):
        find_label(labels, "Recommendation 1")


def test_labels_as_printed_are_found():
    labels = ["Recommendation 3.1.1", "Recommendation 3a", "Recommendation 3b", "共识 4", "II 3", "I 3"]
    assert find_label(labels, "Recommendation 3.1.1") == "Recommendation 3.1.1"
    assert find_label(labels, "3.1.1") == "Recommendation 3.1.1"
    assert find_label(labels, "3a") == "Recommendation 3a"
    assert find_label(labels, "recommendation 3B") == "Recommendation 3b"
    assert find_label(labels, "共识4") == "共识 4" and find_label(labels, "II 3") == "II 3"
    with pytest.raises(EvkgError, match=r"several .*II 3, I 3"):
        find_label(labels, "Recommendation 3")   # restarting numbering: the candidates, not all of them
    with pytest.raises(EvkgError, match=r"did you mean Recommendation 3\.1\.1\?"):
        find_label(labels, "3.1.2")


def test_one_name_never_stands_for_two_statements():
    text = """Invented guideline on naming

Recommendation 1: We recommend A for adults with cirrhosis (strong recommendation, high-quality evidence).

Recommendation 1: We suggest B for adults with cirrhosis (conditional recommendation, low-quality evidence).

Recommendation 2: We recommend C (strong recommendation, moderate-quality evidence).
"""
    names = [f.name for f in _facts(text) if f.kind == "recommendation"]
    assert len(names) == len(set(names)) == 3
    assert names[:2] == ["Recommendation 1 #1", "Recommendation 1 #2"]


def test_label_lookup_lists_labels_or_candidates():
    with pytest.raises(EvkgError, match=r"no recommendation labelled '9'.*共识 1, 共识 2"):
        find_label(LABELS, "9", "doc")
    with pytest.raises(EvkgError, match=r"several .*4\.2 3, 5\.1 3"):
        find_label(LABELS, "3", "doc")


@pytest.fixture(scope="module")
def trace_store(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("gl") / "store")
    assert ingest([GUIDELINES_FIXTURES.parent / "guideline_trace"], store).ok
    return store


def test_trace_puts_the_arms_that_received_the_interventions_first(trace_store):
    with open_store(trace_store, read_only=True) as st:
        t = trace(st, "grade_guideline_en", "Recommendation 1")
    (rec,) = t["recommendations"]
    assert rec["level"] == "low" and rec["strength"] == "strong"
    assert {"TACE", "lenvatinib"} <= set(rec["interventions"])
    (ref,) = [r for r in rec["references"] if r["resolved"]]
    first = [c for c in ref["comparisons"] if c["matches"]]
    assert first and ref["comparisons"][:len(first)] == first
    # the arm that received both (TACE plus lenvatinib) is marked, not TACE alone
    for c in first:
        assert [a["arm"].lower() for a in c["arms"] if a["received"]] == ["tace plus lenvatinib group"]
        assert any(not a["received"] for a in c["arms"])  # the comparator arm is shown beside it
    assert "★" in render_text(t)


def test_trace_of_an_ungraded_statement_and_lookup_errors(trace_store):
    with open_store(trace_store, read_only=True) as st:
        t = trace(st, "grade_guideline_en", "3")
        assert t["recommendations"][0]["label"] == "Recommendation 3" and not t["recommendations"][0]["level"]
        with pytest.raises(EvkgError, match="its labels are: Recommendation 1, Recommendation 2"):
            trace(st, "grade_guideline_en", "Recommendation 7")


def test_web_trace_accepts_typed_labels_and_marks_the_matching_arms(trace_store):
    import urllib.parse

    from helpers.serve import request, running_server
    with running_server(trace_store, workers=1) as (base, _):
        page = request(f"{base}/trace/grade_guideline_en?" + urllib.parse.urlencode({"label": "recommendation1"}))
        assert page.status == 200 and "<h1>Recommendation 1</h1>" in page.text
        assert 'class="match"' in page.text and "★" in page.text
        missing = request(f"{base}/trace/grade_guideline_en?" + urllib.parse.urlencode({"label": "9"}))
        assert missing.status >= 400 and "Recommendation 1, Recommendation 2" in missing.text


def test_trace_cli_on_a_cor_loe_and_a_grade_guideline(trace_store):
    from click.testing import CliRunner

    from evkg.kg.cli import main
    runner = CliRunner()
    res = runner.invoke(main, ["trace", "--store", trace_store, "cor_loe_guideline_en", "1"])
    assert res.exit_code == 0, res.output
    # one section: no restart; the grade in words, and as printed
    assert "├─ 1  [moderate certainty (level B-R) · weak or conditional recommendation (2a) · ACC/AHA]" in res.output
    assert "grade as printed: level B-R, strength 2a" in res.output
    assert "→ paper_combination_en" in res.output
    assert "★ objective response rate [ORR] (proportion): ★TACE plus lenvatinib group" in res.output
    res = runner.invoke(main, ["trace", "--store", trace_store, "grade_guideline_en"])
    assert res.exit_code == 0 and "[low certainty (level low) · strong recommendation (strong) · GRADE]" in res.output
    assert "Recommendation 3  [no grade printed]" in res.output and "[PFS] (median): ★TACE plus" in res.output


def test_citations_name_the_span_of_the_statement_they_support():
    fs = extract_facts(read_document(GUIDELINES_FIXTURES / "grade_brackets_en.txt"), RUN, PLUGINS)
    recs = [f for f in fs if f.kind == "recommendation" and f.name == "Recommendation 1"]
    assert len(recs) == 2  # printed in the executive summary and again in the body
    body = max(recs, key=lambda f: f.provenance.start)
    cites = [f for f in fs if f.kind == "citation" and f.name == "Recommendation 1"]
    assert cites
    assert {f.detail("statement_span") for f in cites} == {Offsets(body.provenance.start, body.provenance.end)}


def test_ungraded_statements_are_asked_for_by_kind_only(trace_store):
    from evkg.kg.report.rows import selected_rows
    with open_store(trace_store, read_only=True) as st:
        table = [r["name"] for r in selected_rows(st, ["grade_guideline_en"]) if r["kind"] == "recommendation"]
        asked = [r["name"] for r in selected_rows(st, ["grade_guideline_en"], ["recommendation"])]
    assert table == ["Recommendation 1", "Recommendation 2"]
    assert asked == ["Recommendation 1", "Recommendation 2", "Recommendation 3"]


def test_without_a_reference_list_only_numbers_glued_to_a_full_stop_are_citations():
    text = ("It was reported previously.9, 16, 28 Therefore we tested it. Bleeding was rare. 4-7 Two trials agreed. "
            "It raised service use3, 5, 6 than before, and FEV1 was low in group A2 patients: 15 (8.4%) for SB2, 11 "
            "(6.5%) for INF.")
    assert [(text[m.start:m.end], m.refs) for m in find_markers(text, fold_text(text), len(text), [])] == \
        [("9, 16, 28", (9, 16, 28)), ("3, 5, 6", (3, 5, 6))]
