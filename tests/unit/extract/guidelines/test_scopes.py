"""Where a statement's citations are read (extract/guidelines/scopes.py), on invented text: a table row's
supporting text is the body paragraph that names it in brackets."""
from helpers.guidelines import cites

REFS = "\n\n参考文献\n" + "".join(f"[{n}] 王小明，李华. 虚构研究第 {n} 号[J]. 虚构杂志，2020，{n}：1-9.\n"
                                   for n in range(1, 9))
TABLE_ONLY = ("成人痛风诊治指南（虚构文本）\n\n一、背景\n\n痛风在我国成年男性中常见，患病率约为 1.1%[1]。\n\n"
              "二、推荐意见汇总\n\n表 1  推荐意见\n编号\t推荐意见\t证据级别\t推荐强度\n"
              "1\t急性发作的患者推荐尽早使用小剂量秋水仙碱\tⅡ\t强\n"
              "2\t合并慢性肾病的患者可考虑使用糖皮质激素\tⅢ\t弱\n\n三、治疗\n\n"
              "（推荐意见 1）小剂量秋水仙碱与大剂量疗效相当，不良反应更少[2-3]。\n\n"
              "糖皮质激素与非甾体抗炎药止痛效果相当[4]，且肾脏安全性更好（推荐意见 2）。\n\n"
              "降尿酸治疗的时机仍有争议[5]。" + REFS)


def test_a_table_row_takes_the_citations_of_the_paragraph_that_names_it():
    assert cites(TABLE_ONLY) == [("1", 2), ("1", 3), ("2", 4)]
