"""Stage 2: where a number stands (extract/results/scope.py), on an invented text in the PubMed Central
layout and an invented Chinese paper: own results, restatements, cited numbers, tables, nothing."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.results.scope import CITED, OWN, RESTATE, SKIP, TABLE, Scope
from evkg.extract.text.context import Context

PMC = ("TITLE: \nAn invented trial of drug A\n\n"
       "ABSTRACT.METHODS:\nWe randomised 120 patients.\n\n"
       "ABSTRACT.RESULTS:\nThe response rate was 45.0% with drug A and 30.0% with placebo (p = 0.04).\n\n"
       "BODY.INTRODUCTION:\nAn earlier trial reported a response rate of 33% [1].\n"
       "BODY.METHODS:\nBlood pressure was recorded every 5 minutes.\n"
       "BODY.RESULTS:\n"
       "BODY.PATIENTS:\nMean age was 61 years; 58% were men.\n"
       "BODY.EFFICACY:\nThe response rate was 45.0% with drug A and 30.0% with placebo (p = 0.04).\n"
       "Table 1Baseline characteristics\nDrug ADrug B\nAge, years\n61 ± 9\n60 ± 8\n"
       "Table 2Adverse events\nDrug ADrug B\nHeadache\n12 (8.0)\n5 (3.4)\n"
       "BODY.DISCUSSION:\nThe 45.0% response rate with drug A exceeds the 33% reported earlier [1]. "
       "In a cohort, 52% responded.\n"
       "BODY.COMPETING INTERESTS:\nNone in 100% of authors.\n")
RUN = Context()


def test_zones_of_a_paper():
    doc = read_plain(Path("p.txt"), PMC)
    scope = Scope(doc)

    def at(needle: str, nth: int = 0) -> str:
        pos = -1
        for _ in range(nth + 1):
            pos = PMC.index(needle, pos + 1)
        return scope.at(pos).reading

    assert at("We randomised") == SKIP and at("The response rate") == OWN
    assert at("An earlier trial") == CITED and at("Blood pressure") == SKIP
    assert at("Mean age") == SKIP  # a results subsection about the sample
    assert at("The response rate", 1) == OWN
    assert at("61 ± 9") == SKIP and at("12 (8.0)") == TABLE
    assert at("The 45.0% response") == RESTATE and at("None in 100%") == SKIP
    assert at("BODY.RESULTS") == SKIP  # a heading line


def test_only_own_results_restatements_and_cited_numbers_are_read():
    doc = read_plain(Path("p.txt"), PMC)
    got = {(f.value, f.detail("source"), f.provenance.start > PMC.index("BODY.DISCUSSION"))
           for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"}
    assert (61.0, "own", False) not in got and (58.0, "own", False) not in got and (120.0, "own", False) not in got
    assert (45.0, "own", False) in got and (30.0, "own", False) in got
    assert (45.0, "own", True) in got  # the discussion restates an own result
    assert (52.0, "own", True) not in got  # and says another number of no result of this study
    assert (100.0, "own", True) not in got


def test_a_chinese_paper_reads_its_abstract_results_and_results_section():
    text = ("摘要： 目的\u3000探讨疗效。方法\u3000回顾分析 24 例。结果\u300024 例患者 ORR 为 16.7%（4/24）。"
            "结论\u3000有效。\n关键词：肝转移\n0 前言\n既往报道 ORR 为 30%［1］。\n1\u3000材料与方法\n"
            "1.1\u3000临床资料\n共纳入 24 例，ORR 按 30% 估计。\n2\u3000结果\n2.1\u3000疗效评价\n"
            "ORR 为 16.7%（4/24），DCR 为 62.5%（15/24）。\n3\u3000讨论\n本研究 ORR 为 16.7%。\n")
    doc = read_plain(Path("zh.txt"), text)
    got = sorted((f.name, f.value, f.detail("source")) for f in extract_facts(doc, RUN, ["outcomes"])
                 if f.kind == "outcome")
    assert got.count(("ORR", 16.7, "own")) == 3  # abstract, results, discussion (`本研究`)
    assert ("DCR", 62.5, "own") in got
    assert ("ORR", 30.0, "cited") in got and ("ORR", 30.0, "own") not in got  # introduction; the methods' 30% is none


# An invented report in the PubMed Central layout: an abstract printed with no label after the title (an
# abstract heading of its own after it), a
# results section whose only subsection is named for its sample, a paragraph that begins with `Table 2
# shows`, and a sentence on its own line after a table title with no table below it.
PMC_FORMS = ("TITLE: \nAn invented trial of drug B\n\n\n"
             "Drug B was compared with placebo in 80 adults with knee pain. Pain relief at week 4 was reached "
             "by 41% with drug B and 22% with placebo (p = 0.01). These findings support a larger trial of "
             "drug B in older adults with knee pain and stiffness in the morning.\n"
             "ABSTRACT.KEY MESSAGES:\nDrug B relieves knee pain.\n"
             "BODY.METHODS:\nEighty adults were randomised.\n"
             "BODY.RESULTS:\n"
             "BODY.STUDY PARTICIPANTS:\nWalking distance improved by 18% in the drug B group (p < 0.01).\n"
             "Table 1Patient Characteristics\n"
             "In the drug B group, 12% of patients reported nausea against none in the placebo group (P = 0.04).\n"
             "Table 2 shows that stiffness fell by 27% in the drug B group and 9% in the placebo group.\n"
             "Table 2Stiffness\nDrug BPlacebo\nStiffness\n27\n9\n"
             "BODY.DISCUSSION:\nDrug B relieved pain.\n")


def test_forms_of_scope_in_a_pmc_text():
    doc = read_plain(Path("p.txt"), PMC_FORMS)
    scope = Scope(doc)
    at = lambda needle: scope.at(PMC_FORMS.index(needle)).reading  # noqa: E731
    assert at("Pain relief") == OWN  # the text between the title and the first heading is the abstract
    assert at("Walking distance") == OWN  # the results' only subsection, whatever its name
    assert at("12% of patients") == OWN  # a sentence below a table title is no table row
    assert at("Table 2 shows") == OWN and at("Stiffness\n27") == TABLE  # running text about a table
    got = {f.value for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"}
    assert {41.0, 22.0, 18.0, 12.0, 27.0, 9.0} <= got


def test_a_discussion_sentence_that_opens_on_a_cited_study_is_that_study_s():
    """`有研究对 23 例…，mOS 为 14.0 个月［2］。` in a discussion: the 14.0 is the cited study's even though
    the study's own median is 14.0 too (a restatement would be own)."""
    text = ("摘要： 目的\u3000探讨疗效。结果\u3000mOS 为 14.0 个月。\n关键词：肝转移\n"
            "1\u3000材料与方法\n回顾分析 30 例。\n2\u3000结果\n30 例患者 mOS 为 14.0 个月。\n3\u3000讨论\n"
            "有研究对 23 例患者采用肝动脉灌注，DCR 为 69.6%；mPFS为 9.0 个月，mOS为 14.0 个\n\n月［2］。\n"
            "参考文献\n[1] 张三. 肝转移. 中华医学杂志, 2019.\n[2] 李四. 灌注化疗. 中华肿瘤杂志, 2020.\n")
    doc = read_plain(Path("zh.txt"), text)
    got = [(f.value, f.detail("source"), f.ref) for f in extract_facts(doc, RUN, ["outcomes"])
           if f.kind == "outcome" and f.provenance.start > text.index("讨论")]
    assert (14.0, "cited", "2") in got and (14.0, "own", "") not in got


# An invented report in the PubMed Central layout whose last abstract section runs on, after a blank line,
# into the body's introduction printed without a heading (a background rate and a citation list there), with
# a baseline table in its results whose title the text glues to the sentence before it.
PMC_UNLABELLED = ("TITLE: \nAn invented trial of drug C\n\n\n\n"
                  "ABSTRACT.RESULTS:\nNausea fell to 14% with drug C and 31% with placebo (p = 0.02).\n\n"
                  "ABSTRACT.CONCLUSIONS:\nDrug C relieves nausea.\n\n"
                  "Nausea troubles up to 40% of patients after surgery (3,8). Earlier trials found relief in "
                  "about half of them [2].\n"
                  "BODY.METHODS:\nAdults were randomised to drug C or placebo.\n"
                  "BODY.RESULTS:\nVomiting occurred in 6% with drug C and 17% with placebo.\n"
                  "Table 1Stature\nDrug CPlacebo\nHeight, cm\n171 ± 8\n169 ± 9\n"
                  "Table 2Nausea\nDrug CPlacebo\nNausea at 24 h\n14 (28)\n31 (62)\n"
                  "BODY.DISCUSSION:\nDrug C halved nausea.\n")


def test_an_abstract_section_in_the_pmc_layout_is_one_paragraph():
    """What follows the abstract's last section after a blank line, with no heading, is the introduction:
    its background rate (40%) and its citation numbers (3, 8) are no results of the trial."""
    doc = read_plain(Path("p.txt"), PMC_UNLABELLED)
    scope = Scope(doc)
    assert scope.at(PMC_UNLABELLED.index("Nausea fell")).reading == OWN
    assert scope.at(PMC_UNLABELLED.index("Nausea troubles")).reading == CITED
    got = {(f.value, f.detail("source")) for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"}
    assert (14.0, "own") in got and (31.0, "own") in got and (6.0, "own") in got
    assert not {(40.0, "own"), (3.0, "own"), (8.0, "own")} & got


# An invented narrative review printed as a paper: an introduction, then headings of its topics, no methods or
# results; the numbers are other studies' (named or cited) or general knowledge, and so is its table.
REVIEW = ("TITLE: \nDrug D in chronic cough\n\n\n\n"
          "Chronic cough is common. Drug D has been shown to help in up to 60% of patients.\n"
          "BODY.INTRODUCTION:\nChronic cough affects about 10% of adults.\n"
          "BODY.MECHANISM:\nDrug D blocks a receptor in 70% of nerve fibres.\n"
          "BODY.CLINICAL TRIALS:\nIn a phase III trial (Smith et al 2015), cough counts fell by 35% with drug D "
          "against 12% with placebo. Relief lasted 8 weeks in 41% of patients.\n"
          "Table 1Trials of drug D\nDrug DPlacebo\nCough reduction\n35\n12\n"
          "BODY.SAFETY:\nTaste disturbance is frequent, occurring in 48%.\n"
          "BODY.CONCLUSIONS:\nDrug D is promising.\n")


def test_a_paper_without_methods_or_results_but_with_topic_headings_is_a_narrative_review():
    doc = read_plain(Path("r.txt"), REVIEW)
    facts = [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]
    assert facts and all(f.detail("source") != "own" for f in facts)
    assert {35.0, 12.0} <= {f.value for f in facts}  # the trial it introduces, named by its authors
    assert not {10.0, 70.0, 48.0, 60.0} & {f.value for f in facts}  # general knowledge, no study's


def test_a_figure_caption_s_title_holds_no_result_but_a_sentence_after_it_may():
    text = ("TITLE: \nAn invented trial of drug F\n\n\n\nABSTRACT.RESULTS:\nDrug F helped.\n\n"
            "BODY.METHODS:\nAdults were randomised.\n"
            "BODY.RESULTS:\nWalking time rose in both groups.\n"
            "Figure 2Mean minutes of walking in the 2 weeks before each of 5 visits. Patients receiving drug F "
            "walked 180 minutes more than those receiving placebo at week 20.\n"
            "BODY.DISCUSSION:\nDrug F helped.\n")
    doc = read_plain(Path("f.txt"), text)
    scope = Scope(doc)
    assert scope.at(text.index("Mean minutes")).reading == SKIP
    assert scope.at(text.index("walked 180")).reading == OWN
    got = {f.value for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"}
    assert 180.0 in got and not {2.0, 5.0} & got
