"""Outcomes: reported numbers for endpoints, in the written forms of Chinese and English papers and reviews."""
import csv
from pathlib import Path

import pytest

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.results.tables.zones import zones
from evkg.extract.text.context import Context
from helpers.corpus import ROOT

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seeds"
RUN = Context()


def outcomes(text: str) -> list:
    doc = read_plain(Path("fixture.txt"), text)
    return [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]


def keys(facts) -> set:
    return {(f.name, round(f.value, 3)) for f in facts}


def one(facts, name, value):
    found = [f for f in facts if f.name == name and f.value == value]
    assert found, f"no {name} {value} in {[(f.name, f.value) for f in facts]}"
    return found[0]


def test_rates_with_counts_and_medians_in_a_chinese_abstract():
    fs = outcomes("结果　ORR 为 23.3%（7/30），DCR 为 70.0%（21/30），3~4 级 AE 发生率 36.7%（11/30），"
                  "中位无进展生存期（mPFS）4.2 个月，中位生存期（mOS）15.1 个月。")
    assert keys(fs) == {("ORR", 23.3), ("DCR", 70.0), ("AE_G3", 36.7), ("PFS", 4.2), ("OS", 15.1)}
    orr = one(fs, "ORR", 23.3)
    assert (orr.unit, orr.n, orr.total) == ("%", 7, 30)
    assert orr.provenance.quote == "ORR 为 23.3%（7/30）"
    assert one(fs, "PFS", 4.2).unit == "months"


def test_median_with_its_range_and_survival_at_time_points():
    fs = outcomes("本组 mPFS 为 4.2（1.5~10.5）个月，半年生存率 86.7%（26/30），1 年生存率 56.7%（17/30）。")
    pfs = one(fs, "PFS", 4.2)
    assert pfs.detail("range_low") == "1.5" and pfs.detail("range_high") == "10.5"
    assert one(fs, "OS_RATE", 86.7).timeframe == "半年"
    assert one(fs, "OS_RATE", 56.7).timeframe == "1 年"
    assert keys(fs) == {("PFS", 4.2), ("OS_RATE", 86.7), ("OS_RATE", 56.7)}


def test_adverse_events_overall_and_by_grade():
    fs = outcomes("总体不良反应发生率 80.0%（24/30），其中 1~2 级 63.3%（19/30），3~4级 36.7%（11/30）。")
    assert keys(fs) == {("AE", 80.0), ("AE", 63.3), ("AE_G3", 36.7)}


def test_hazard_ratios_with_confidence_interval_and_p_value():
    fs = outcomes("For OS, HR = 2.35, 95% CI 1.16-4.76, P = 0.03.\n"
                  "Overall survival favoured HAIC (HR 0.52, 95% CI 0.31-0.87).")
    hr = one(fs, "OS", 2.35)
    assert hr.unit == "HR" and (hr.detail("ci_low"), hr.detail("ci_high")) == ("1.16", "4.76")
    assert hr.detail("p_value") == "0.03"
    assert one(fs, "OS", 0.52).unit == "HR"
    assert ("OS", 95) not in keys(fs), "the CI's level is no result"


def test_comparisons_in_brackets_one_per_endpoint_one_number_per_group():
    fs = outcomes("末次随访时 HAIC 组的 PR 和 DCR 均高于 TACE 组(47.5% 比 12.5%, P<0.001; 80.0% 比 55.0%, P=0.006)。")
    assert keys(fs) == {("PR", 47.5), ("PR", 12.5), ("DCR", 80.0), ("DCR", 55.0)}
    assert one(fs, "PR", 12.5).arm == "TACE 组"
    en = outcomes("The ORR was higher in the HAIC group than in the TACE group (47.5% vs. 12.5%, P < 0.001).")
    assert keys(en) == {("ORR", 47.5), ("ORR", 12.5)}
    assert one(en, "ORR", 47.5).arm == "HAIC group"


def test_labelled_counts_inside_a_comparison():
    fs = outcomes("HAIC 组不良事件的比例低于 TACE 组(3、4 级 AEs:11 比 24, P=0.009; SAE:5 比 13, P=0.047)。")
    assert keys(fs) == {("AE_G3", 11), ("AE_G3", 24), ("SAE", 5), ("SAE", 13)}


def test_respectively_lists_pair_with_groups_endpoints_or_time_points():
    fs = outcomes("HAIC组和TACE组的中位TTP分别为5.9个月和3.6个月。")
    assert [(f.name, f.value, f.arm) for f in fs] == [("TTP", 5.9, "HAIC组"), ("TTP", 3.6, "TACE组")]
    fs = outcomes("索拉非尼组、瑞戈非尼组和TACE组中位PFS时间分别为6.1、3.9和2.7个月。")
    assert [(f.value, f.unit) for f in fs] == [(6.1, "months"), (3.9, "months"), (2.7, "months")]
    fs = outcomes("AT组的1,2年生存率分别为86%和61%,非AT组分别为70%和35%。")
    assert [(f.name, f.value, f.timeframe) for f in fs] == [
        ("OS_RATE", 86, "1年"), ("OS_RATE", 61, "2年"), ("OS_RATE", 70, "1年"), ("OS_RATE", 35, "2年")]
    fs = outcomes("A组和B组的ORR和DCR分别为84%、94%和58%、80%。")
    assert [(f.name, f.value) for f in fs] == [("ORR", 84), ("DCR", 94), ("ORR", 58), ("DCR", 80)]
    fs = outcomes("The ORR and DCR were 45% and 80%, respectively.")
    assert keys(fs) == {("ORR", 45), ("DCR", 80)}


def test_a_list_carries_its_endpoints_into_the_next_sentence():
    fs = outcomes("疾病控制率(DCR)、中位PFS(mPFS)和中位OS(mOS)甲组分别为95%,14.2个月和33.5个月;"
                  "而TACE组对应的数据分别为61.7%,5.4个月和19.8个月。")
    assert keys(fs) == {("DCR", 95), ("PFS", 14.2), ("OS", 33.5), ("DCR", 61.7), ("PFS", 5.4), ("OS", 19.8)}


def test_one_number_per_group_and_definitions_in_brackets_are_no_endpoints():
    fs = outcomes("结果为客观反应率(CR+PR)索拉非尼组为61.2%,TACE组为35.0%。")
    assert [(f.name, f.value, f.arm) for f in fs] == [("ORR", 61.2, "索拉非尼组"), ("ORR", 35.0, "TACE组")]


def test_number_before_its_label_and_count_with_percentage():
    fs = outcomes("在无肝外转移的患者中，有 28% 的 PR 和 22% 的 SD，疾病进展时间（time to progression，TTP）为 16 周。")
    assert keys(fs) == {("PR", 28), ("SD", 22), ("TTP", 16)}
    assert one(fs, "TTP", 16).unit == "weeks"
    fs = outcomes("其中达 PR 者 9例（39.1%）。\n部分缓解（PR） 5（20.8%）")
    assert keys(fs) == {("PR", 39.1), ("PR", 20.8)}
    assert one(fs, "PR", 20.8).n == 5


def test_bounds_ranges_p_values_and_unlabelled_numbers_are_not_outcomes():
    assert outcomes("仅约 20% 的患者初始可切除。不可切除者5年生存率低于5%。") == []
    assert outcomes("总体 PFS（1.9~3.7 个月）和 OS（7.8~9.3 个月）仍然较低，P<0.05。") == []
    assert outcomes("25例患者中合并肝外转移的占48%（12/25）。") == []


def test_criteria_stated_in_the_methods_apply_to_response_and_toxicity():
    fs = outcomes("根据 RECIST 1.1 版评估疗效，参照CTCAE 5.0版记录不良反应。\nORR 为 20.0%，不良反应发生率 50.0%。")
    assert one(fs, "ORR", 20.0).criteria == "RECIST 1.1"
    assert one(fs, "AE", 50.0).criteria == "CTCAE 5.0"


def test_review_numbers_carry_the_reference_they_came_from():
    fs = outcomes("·综 述·\n介入治疗研究进展\n\nKudo 等[4]报道了一项研究，仑伐替尼组 ORR 为 40.0%。"
                  "该研究中位 OS 为 20.1 个月。")
    assert {f.ref for f in fs} == {"4"}


def _gold(prefix: str) -> set:
    path = next(GOLD.glob(prefix + "_*.csv"))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {(r["name"], round(float(r["value"]), 3)) for r in csv.DictReader(fh) if r["kind"] == "outcome"}


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_seed_outcomes_score_at_least_0_9(prefix):
    doc_path = next(SEEDS.glob(prefix + "_*.txt"))
    from evkg.extract.readers import read_document
    doc = read_document(doc_path)
    tables = [(z.start, z.end) for z in zones(doc)]  # the seeds' gold leaves table cells out (test_tables.py)
    fs = [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"
          and not any(s <= f.provenance.start < e for s, e in tables)]
    got, gold = keys(fs), _gold(prefix)
    tp = len(got & gold)
    precision, recall = tp / len(got), tp / len(gold)
    assert 2 * precision * recall / (precision + recall) >= 0.9, (sorted(gold - got), sorted(got - gold))
    assert all(f.provenance.quote == f.provenance.span.doc.text[f.provenance.start:f.provenance.end] for f in fs)


def test_hazard_ratio_in_brackets_after_a_pair_of_medians():
    fs = outcomes("结果　A组和B组的中位OS分别为 9.1 个月和 6.3 个月（HR=0.61，95% CI 0.42~0.88，P=0.008）。")
    hr = one(fs, "OS", 0.61)
    assert (hr.unit, hr.detail("ci_low"), hr.detail("ci_high"), hr.detail("p_value")) == ("HR", "0.42", "0.88", "0.008")
    assert hr.provenance.quote == "HR=0.61"
    fs = outcomes("Median time to progression was 8.8 months versus 5.0 months (HR 0.55, 95% CI 0.36-0.84, p = 0.005).")
    assert keys(fs) == {("TTP", 8.8), ("TTP", 5.0), ("TTP", 0.55)}


def test_hazard_ratio_named_for_its_endpoint():
    fs = outcomes("The hazard ratio for overall survival was 0.72 (95% CI 0.55-0.94).")
    assert (one(fs, "OS", 0.72).unit, one(fs, "OS", 0.72).detail("ci_high")) == ("HR", "0.94")


def test_english_groups_printed_after_their_numbers():
    fs = outcomes("The disease control rate was 81.0% (34/42) in the HAIC group and 59.5% (25/42) in the TACE group. "
                  "The 2-year survival rate was 44.0% in the HAIC group and 21.0% in the TACE group.")
    assert {(f.name, f.value, f.arm, f.timeframe) for f in fs} == {
        ("DCR", 81.0, "HAIC group", ""), ("DCR", 59.5, "TACE group", ""),
        ("OS_RATE", 44.0, "HAIC group", "2-year"), ("OS_RATE", 21.0, "TACE group", "2-year")}
    assert one(fs, "DCR", 59.5).provenance.quote == "59.5% (25/42)"


def test_english_grade_3_or_higher_adverse_events_respectively():
    fs = outcomes("Grade 3 or higher adverse events occurred in 35.0% (14/40) and 20.0% (8/40) of patients, "
                  "respectively.")
    assert keys(fs) == {("AE_G3", 35.0), ("AE_G3", 20.0)}
    assert one(fs, "AE_G3", 20.0).n == 8


def test_chinese_group_before_a_time_point_endpoint():
    fs = outcomes("结果　索拉非尼组 2 年生存率 55.0%，TACE 组 2 年生存率 30.5%。")
    assert {(f.value, f.arm, f.timeframe) for f in fs} == {(55.0, "索拉非尼组", "2 年"), (30.5, "TACE 组", "2 年")}


def test_consensus_outcomes_carry_the_reference_their_sentence_cites():
    fs = outcomes("示例专家共识\n\n一项研究中，联合组的 ORR 为 52.0%，中位 PFS 为 8.4 个月，均优于单药组[3]。"
                  "本共识建议 ORR 评价采用 mRECIST，观察 ORR 为 40.0% 时应复查。\n\n参考文献\n"
                  "[1] A B. T[J]. J, 2020, 1: 1-2.\n"
                  "[2] C D. T[J]. J, 2021, 1: 1-2.\n[3] E F. T[J]. J, 2022, 1: 1-2.\n")
    assert {(f.name, f.value, f.ref) for f in fs} >= {("ORR", 52.0, "3"), ("PFS", 8.4, "3")}
    assert one(fs, "ORR", 40.0).ref == ""  # an uncited sentence is the consensus's own


def test_a_chinese_comparison_names_each_groups_comparator():
    fs = outcomes("结果　甲组的客观缓解率和疾病控制率均高于乙组（61.5% 比 30.2%，P=0.002；88.0% 比 64.1%，P=0.01）。")
    got = {(f.name, f.value, f.arm, f.detail("comparator")) for f in fs}
    assert got == {("ORR", 61.5, "甲组", "乙组"), ("ORR", 30.2, "乙组", "甲组"),
                   ("DCR", 88.0, "甲组", "乙组"), ("DCR", 64.1, "乙组", "甲组")}
