from evkg.core.fold import fold_text
from evkg.core.model import Document
from evkg.extract.text.context import Context
from evkg.extract.trials.entities import negated
from evkg.extract.vocabulary.lexicon import Lexicon


def mentions(text, lang_layout="plain"):
    lex = Lexicon.load()
    return [(m.kind, m.code, text[m.start:m.end]) for m in lex.find(text, fold_text(text, join_wraps=True))]


def test_longest_term_wins_across_kinds():
    found = mentions("Patients received DEB-TACE and PD-1 inhibitors.")
    assert ("procedure", "DEB-TACE", "DEB-TACE") in found
    assert not any(code == "TACE" for _, code, _ in found)
    assert not any(code == "PD" for _, code, _ in found)


def test_latin_terms_need_word_boundaries_and_acronyms_their_case():
    assert mentions("The HCCs were small") == []
    assert mentions("the os and cr of it") == []
    assert ("endpoint", "OS", "OS") in mentions("median OS was 13 months")


def test_chinese_terms_match_across_pdf_wraps_and_spaces():
    text = "既往接受过奥沙利铂、伊立替这是一个很长的换行测试\n\n康治疗的病例"
    assert ("drug", "oxaliplatin", "奥沙利铂") in mentions(text)
    spaced = "治疗后出现肝 外 转 移"
    assert ("condition", "EHS", "肝 外 转 移") in mentions(spaced)


def test_names_containing_terms_yield_no_entity():
    found = mentions("巴塞罗那临床肝癌(Barcelona Clinic Liver Cancer, BCLC)分期")
    assert all(kind == "ignore" for kind, _, _ in found)


def test_negated_mentions():
    text = "入组患者没有门静脉癌栓或肝外转移。出现肝外转移时"
    first, second = text.index("肝外转移"), text.rindex("肝外转移")
    assert negated(text, first) and not negated(text, second)
    en = "patients not suitable for surgical resection; resection was done"
    assert negated(en, en.index("surgical")) and not negated(en, en.rindex("resection"))


def test_entities_plugin_reports_each_code_once():
    from evkg.extract.pipeline import extract_facts
    doc = Document(id="t", text="TACE 联合索拉非尼。TACE 联合仑伐替尼。没有使用阿霉素。", language="zh")
    facts = extract_facts(doc, Context(), ["entities"])
    assert sorted((f.kind, f.name) for f in facts) == [
        ("drug", "lenvatinib"), ("drug", "sorafenib"), ("procedure", "TACE")]


def test_terms_inside_organisation_names_are_not_entities():
    from evkg.extract.trials.entities import in_organisation_name
    text = "中国抗癌协会肝癌介入专业委员会推荐。肝癌患者接受 TACE。the Liver Cancer Study Group of Japan"
    assert in_organisation_name(text, text.index("肝癌") + 2)
    assert not in_organisation_name(text, text.rindex("肝癌") + 2)
    assert in_organisation_name(text, text.index("Liver Cancer") + len("Liver Cancer"))


def test_terms_inside_work_titles_are_not_entities():
    from evkg.extract.trials.entities import in_work_title
    text = "我国《原发性肝癌诊疗指南(2022年版)》推荐 TACE 治疗肝癌"
    assert in_work_title(text, text.index("肝癌")) and not in_work_title(text, text.rindex("肝癌"))
