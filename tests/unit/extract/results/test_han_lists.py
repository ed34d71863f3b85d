"""Chinese result lists (issue 18): adverse events counted one after another after a group (`A组出现恶心14例（28.0%）、
乏力10例（20.0%）`), a list opened by `包括` with no group, and response counts after their endpoint (`完全缓解（CR）
5例`, `对照组分别为CR 2例、PR 12例`). Each item is one result: the item its measure, the group opening the clause its
arm, the share its value and the count its n (or the count its value when no share is printed). Invented sentences
in several fields, read in a numbered results section (`2　结果`)."""

from helpers.results import outcomes

HEAD = "某方案治疗的临床观察\n\n1　资料与方法\n1.1　一般资料\n选取患者。\n\n2　结果\n2.1　疗效与安全性\n"
TAIL = "\n\n3　讨论\n方案可行。\n"


def read(sentence: str) -> list:
    text = HEAD + sentence + TAIL
    return outcomes(text, "论文.txt")


def rows(out) -> list[tuple]:
    return [(f.detail("measure"), f.arm, f.value, f.n, f.detail("statistic")) for f in out]


def test_adverse_events_listed_after_each_group():
    out = read("研究组发生口腔溃疡9例（18.0%）、转氨酶升高7例（14.0%）、血小板减少4例（8.0%）；"
               "常规组发生口腔溃疡3例（6.0%）、转氨酶升高2例（4.0%）。")
    assert rows(out) == [
        ("口腔溃疡", "研究组", 18.0, 9, "proportion"),
        ("转氨酶升高", "研究组", 14.0, 7, "proportion"),
        ("血小板减少", "研究组", 8.0, 4, "proportion"),
        ("口腔溃疡", "常规组", 6.0, 3, "proportion"),
        ("转氨酶升高", "常规组", 4.0, 2, "proportion"),
    ]


def test_a_list_of_events_opened_by_baokuo_has_no_arm():
    out = read("主要不良反应包括头痛13例（21.7%）、失眠8例（13.3%）及便秘5例（8.3%）。")
    assert [(m, a, v, n) for m, a, v, n, _ in rows(out)] == [
        ("头痛", "", 21.7, 13), ("失眠", "", 13.3, 8), ("便秘", "", 8.3, 5)]


def test_counts_listed_without_shares():
    out = read("B组出现咳嗽4例、声音嘶哑3例、呛咳1例。")
    assert rows(out) == [("咳嗽", "B组", 4.0, None, "count"), ("声音嘶哑", "B组", 3.0, None, "count"),
                         ("呛咳", "B组", 1.0, None, "count")]


def test_response_counts_after_their_endpoint_take_its_code():
    out = read("试验组完全缓解（CR）6例，部分缓解（PR）17例；对照组分别为CR 1例、PR 11例。")
    assert [(f.name, f.detail("measure"), f.arm, f.value, f.detail("statistic")) for f in out] == [
        ("CR", "完全缓解", "试验组", 6.0, "count"),
        ("PR", "部分缓解", "试验组", 17.0, "count"),
        ("CR", "CR", "对照组", 1.0, "count"),
        ("PR", "PR", "对照组", 11.0, "count"),
    ]


def test_sample_counts_stay_out():
    """Who was studied is no result: a count after a word that is neither an endpoint nor an event."""
    assert read("共纳入患者64例，其中男性35例，女性29例。") == []
    assert read("甲组32例，乙组32例。") == []
    assert read("观察组临床分期Ⅲ期20例，疼痛评分低于3分者30例。") == [], "a stage or a score counted is no event"


def p_of(out) -> dict:
    return {(f.name, f.arm): f.detail("p_value") for f in out}


def test_a_p_list_after_two_compared_measures_goes_to_each_measures_rows():
    out = read("甲组ORR为52.5%（21/40），DCR为87.5%（35/40）；乙组ORR为30.0%（12/40），DCR为70.0%（28/40）。"
               "两组ORR、DCR比较，差异均有统计学意义（P=0.042、0.031）。")
    assert p_of(out) == {("ORR", "甲组"): "0.042", ("DCR", "甲组"): "0.031",
                         ("ORR", "乙组"): "0.042", ("DCR", "乙组"): "0.031"}


def test_a_p_list_is_not_given_when_the_names_and_ps_do_not_pair_or_the_paragraph_changed():
    out = read("甲组ORR为52.5%，乙组为30.0%。两组ORR、DCR比较，差异有统计学意义（P=0.042）。")
    assert set(p_of(out).values()) == {""}
    out = read("甲组ORR为52.5%，乙组为30.0%。\n\n2.2　安全性\n两组ORR、DCR比较（P=0.042、0.031）。")
    assert set(p_of(out).values()) == {""}


def test_a_row_keeps_the_p_printed_by_it():
    out = read("甲组DCR为87.5%，高于乙组的70.0%（P=0.048）。两组ORR、DCR比较，差异均有统计学意义（P=0.042、0.031）。")
    assert set(p_of(out).values()) == {"0.048"}


def test_a_p_list_naming_the_measures_in_full_reaches_rows_named_by_their_code():
    out = read("甲组ORR为52.5%，DCR为87.5%；乙组ORR为30.0%，DCR为70.0%。"
               "两组客观缓解率、疾病控制率比较，差异均有统计学意义（P=0.042、0.031）。")
    assert p_of(out) == {("ORR", "甲组"): "0.042", ("DCR", "甲组"): "0.031",
                         ("ORR", "乙组"): "0.042", ("DCR", "乙组"): "0.031"}


def test_the_group_opening_each_clause_is_its_arm():
    out = read("随访12个月，试验组复发3例（6.0%），对照组复发9例（18.0%）。")
    assert rows(out) == [("复发", "试验组", 6.0, 3, "proportion"), ("复发", "对照组", 18.0, 9, "proportion")]


def test_the_first_item_of_a_list_of_events_said_after_a_colon():
    out = read("两组不良反应：C组头晕6例（12.0%）、嗜睡4例（8.0%）。")
    assert rows(out) == [("头晕", "C组", 12.0, 6, "proportion"), ("嗜睡", "C组", 8.0, 4, "proportion")]


def test_a_list_of_who_was_studied_is_no_result():
    assert read("观察组高中学历11例（36.7%）、初中学历19例（63.3%）。") == []
