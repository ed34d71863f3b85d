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
    assert found[("background", "Background:")] == "Background: TACE is common.\n"
    assert found[("methods", "2 Materials and Methods")].endswith("Sixty patients.\n")  # holds 2.1
    assert found[("methods", "2.1 Patients")] == "2.1 Patients\nSixty patients.\n"  # parent's name
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


PMC = ("TITLE: \nAn invented trial\n\n"
       "ABSTRACT.BACKGROUND::\nWhy.\n\nABSTRACT.RESULTS::\nIt worked in 45%.\n\n"
       "BODY.INTRODUCTION:\nIntro.\n"
       "BODY.I:NTRODUCTION DETAILS\nMore intro.\n"
       "BODY.METHODS:\nWe did.\n"
       "BODY.OUTCOMES:\nThe outcomes were pain and sleep.\n"
       "2.1BODY.PATIENTS:\nSixty.\n"
       "BODY.RESULTS:\nResults text.\n"
       "BODY.PATIENT POPULATION:\nAge 61 years.\n"
       "Table 1Baseline characteristics\nAge\n25.8 ± 4.7\n12 Months\n"
       "Abbreviations: BMI, body mass index\n"
       "BODY.DISCUSSION:\nWe found.\n"
       "BODY.COMPETING INTERESTS:\nNone.\n")


def _names(text):
    return [(s.name, s.title) for s in find_sections(text)]


def test_the_pubmed_central_layout_gives_top_level_sections_and_subsections_that_carry_their_name():
    found = {title: name for name, title in _names(PMC)}
    assert found["ABSTRACT.RESULTS::"] == "results" and found["BODY.METHODS:"] == "methods"
    # not named by the vocabulary: a subsection of the section it sits in, whatever its own name says
    assert found["BODY.OUTCOMES:"] == "methods" and found["2.1BODY.PATIENTS:"] == "methods"
    assert found["BODY.PATIENT POPULATION:"] == "results"
    assert found["BODY.COMPETING INTERESTS:"] == "back" and found["BODY.DISCUSSION:"] == "discussion"
    abstract = next(s for s in find_sections(PMC) if s.name == "abstract")
    inside = PMC[abstract.start:abstract.end]
    assert inside.startswith("ABSTRACT.BACKGROUND") and "BODY" not in inside


def test_table_cells_list_items_and_footnotes_are_no_headings():
    titles = [t for _, t in _names(PMC)]
    assert not any(t.startswith(("25.8", "12 Months", "Abbreviations", "Table")) for t in titles)
    plain = "1 Introduction\nText.\n2 Results\nAge\n25.8 ± 4.7\n12 Months\n0 (0 to 0)\n3 Discussion\n"
    assert [t for _, t in _names(plain)] == ["1 Introduction", "2 Results", "3 Discussion"]


def test_an_abstract_printed_again_as_the_body_ends_where_its_labels_go_back():
    text = ("TITLE: \nT\n\nABSTRACT.BACKGROUND:\nA.\nABSTRACT.RESULTS:\nB 45%.\nABSTRACT.CONCLUSIONS:\nC.\n"
            "ABSTRACT.INTRODUCTION:\nIntro of the body.\nABSTRACT.PARTICIPANTS:\nSixty.\n"
            "ABSTRACT.RESULTS:\nBody results.\n")
    secs = find_sections(text)
    abstract = next(s for s in secs if s.name == "abstract")
    assert text[abstract.end:].startswith("ABSTRACT.INTRODUCTION")
    # outside the abstract, PARTICIPANTS is a subsection of the introduction, not the abstract's methods
    assert ("background", "ABSTRACT.PARTICIPANTS:") in [(s.name, s.title) for s in secs]


def test_inline_labels_of_a_chinese_abstract_and_numbered_chinese_headings():
    text = ("摘要： 目的\u3000探讨疗效。方法\u3000回顾分析 24 例。结果\u300024 例患者 ORR 为 16.7%。结论\u3000有效。\n"
            "关键词：肝转移\n0 前言\n背景。\n1\u3000材料与方法\n1.1\u3000临床资料\n共 24 例。\n"
            "2\u3000结果\n2.1\u3000疗效评价\n"
            "ORR 为 16.7%。\n3\u3000讨论\n讨论。\n")
    secs = find_sections(text)
    at = {name: text[s.start:s.end] for s in secs for name in [s.name] if s.title != "关键词：肝转移"}
    assert next(s for s in secs if s.name == "results" and s.title == "结果")
    res = next(s for s in secs if s.title == "结果")
    assert text[res.start:res.end].startswith("结果\u300024 例") and text[res.start:res.end].endswith("16.7%。")
    assert [s.name for s in secs if s.title.startswith(("2.1", "1.1"))] == ["methods", "results"]
    assert "讨论。" in at["discussion"]


def test_chinese_ordinal_headings_spaced_labels_and_fullwidth_brackets():
    """`一、结果` / `（二）不良反应` number sections the Chinese way; `摘　要：` and `［摘要］` open the abstract."""
    text = ("摘\u3000要：目的\u3000观察疗效。方法\u3000纳入 40 例。结果\u3000ORR 为 45.0%。\n"
            "一、资料与方法\n（一）一般资料\n共 40 例。\n二、结果\n（一）近期疗效\nORR 为 45.0%。\n"
            "（二）不良反应\n恶心 3 例。\n三、讨论\n讨论。\n")
    assert _names(text) == [
        ("abstract", "摘\u3000要："), ("methods", "方法"), ("results", "结果"), ("methods", "一、资料与方法"),
        ("methods", "（一）一般资料"), ("results", "二、结果"), ("results", "（一）近期疗效"),
        ("results", "（二）不良反应"), ("discussion", "三、讨论")]
    assert _names("［摘要］目的\u3000探讨。结果\u3000有效。\n")[0] == ("abstract", "［摘要］")


def test_a_chinese_ordinal_list_is_no_heading():
    """An ordinal that does not count up from 一, a sentence after it, or `（一）` with no `一、` above it."""
    text = "2\u3000结果\n三、结果\n一、患者共 40 例，均完成治疗。\n（一）近期疗效\n"
    assert _names(text) == [("results", "2\u3000结果")]


def test_numbered_chinese_headings_printed_with_their_characters_spaced_apart():
    """`2　结　果` and `3　讨　论`: the characters of a short heading set apart by spaces are still its name,
    so the results do not run on as part of the methods."""
    text = ("1\u3000资料与方法\n1.1\u3000研究对象\n共 30 例。\n2\u3000结\u3000果\n2.1\u3000近期疗效\n"
            "ORR 为 50.0%。\n3\u3000讨\u3000论\n讨论。\n4 结 论\n有效。\n")
    assert _names(text) == [
        ("methods", "1\u3000资料与方法"), ("methods", "1.1\u3000研究对象"), ("results", "2\u3000结\u3000果"),
        ("results", "2.1\u3000近期疗效"), ("discussion", "3\u3000讨\u3000论"), ("conclusions", "4 结 论")]


def test_ordinal_subsections_under_unnumbered_labels_count_from_one_again():
    """`对象与方法` / `一、研究对象` / `二、随访` / `结　　果` / `一、生存情况` / `二、安全性`: under unnumbered
    top-level labels each label numbers its own subsections, so the results' `二、` is a results subsection, not a
    heading that ends the results."""
    text = ("对象与方法\n一、研究对象\n共 60 例。\n二、随访\n中位随访 40 个月。\n结\u3000\u3000果\n一、生存情况\n"
            "A组 OS 为 20.0 个月。\n二、安全性\n恶心 3 例。\n讨\u3000\u3000论\n讨论。\n")
    assert _names(text) == [
        ("methods", "对象与方法"), ("methods", "一、研究对象"), ("methods", "二、随访"),
        ("results", "结\u3000\u3000果"),
        ("results", "一、生存情况"), ("results", "二、安全性"), ("discussion", "讨\u3000\u3000论")]
    results = next(s for s in find_sections(text) if s.title == "结\u3000\u3000果")
    assert text[results.start:results.end].endswith("恶心 3 例。\n")


def test_capital_labels_of_a_structured_abstract_without_colons_close_it_before_the_body():
    # Some journals print the abstract's labels in capitals followed by spaces, no colon; the
    # body's `Participants` under `Results` then stays in the results.
    text = ("Abstract\nIMPORTANCE  Short courses are common.\nDESIGN, SETTING, AND PARTICIPANTS  A trial in 4 sites.\n"
            "RESULTS Cure occurred in 80 of 100 (80.0%).\nCONCLUSIONS AND RELEVANCE  Four days sufficed.\n"
            "Introduction\nText.\nMethods\nParticipants\nWomen aged 18 years.\nResults\nParticipants\n"
            "Of 120 screened, 100 were randomized.\nDiscussion\nText.\n")
    found = [(s.name, s.title) for s in find_sections(text)]
    assert ("background", "IMPORTANCE") in found and ("methods", "DESIGN, SETTING, AND PARTICIPANTS") in found
    assert ("results", "RESULTS") in found and ("conclusions", "CONCLUSIONS AND RELEVANCE") in found
    body = [(n, t) for n, t in found if t in ("Introduction", "Methods", "Results", "Participants")]
    assert body == [("background", "Introduction"), ("methods", "Methods"), ("results", "Results")]
    abstract = next(s for s in find_sections(text) if s.name == "abstract")
    assert text[abstract.end:].startswith("Introduction")
    # a run of capitals is a label only when the vocabulary names all of it (a table row in capitals)
    rows = "Results\nOBJECTIVE RESPONSE  12 (30%)\nTACE ALONE  8 (20%)\nRESULTS 45% responded.\n"
    assert [s.title for s in find_sections(rows)] == ["Results", "RESULTS"]
