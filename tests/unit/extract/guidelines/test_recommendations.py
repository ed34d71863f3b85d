"""Graded statements, their grades, systems and crosswalk classes; citations of recommendations."""
from pathlib import Path

import pytest

from evkg.core.errors import EvkgError
from evkg.core.fold import fold_text
from evkg.extract.guidelines.crosswalk import load_crosswalk
from evkg.extract.guidelines.notation import normalise_level, normalise_strength
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document
from evkg.extract.readers.plain import read_plain
from evkg.extract.readers.reference_list import reference_list
from evkg.extract.text.context import Context
from evkg.extract.text.markers import expand, find_markers
from helpers.corpus import SEEDS

RUN = Context()
PLUGINS = ["recommendations", "citations", "references"]


def facts(text: str, doc_id: str = "fixture"):
    return extract_facts(read_plain(Path(f"{doc_id}.txt"), text), RUN, PLUGINS)


def of_kind(fs, kind):
    return [f for f in fs if f.kind == kind]


def graded(fs):
    return [f for f in of_kind(fs, "recommendation") if f.level or f.strength]


def ungraded(fs):
    return [f for f in of_kind(fs, "recommendation") if not (f.level or f.strength)]


def citations(fs):
    return sorted((f.name, int(f.ref)) for f in of_kind(fs, "citation"))


ENGLISH = """Practice guideline for transarterial therapy (invented)

1 Methods
Evidence was graded with the U.S. Preventive Services Task Force system of evidence levels.

2 Recommendations

2.1 Patient selection
1. TACE is recommended for patients with intermediate-stage HCC and preserved liver
function (Level II-2, Grade B).
Two randomised trials showed a survival benefit [1-3].
2. Repeat TACE should be stopped after two sessions without response (Level III, Grade C).
Observational series support this [4].

2.2 Follow-up
1. Contrast CT should be done four weeks after each session (Level II-3, Grade B).
Imaging timing was studied by Kudo et al. (2020), see also (Lo and Ngan, 2002).

References
1. Smith J, Brown A, et al. An invented trial of embolisation. Lancet. 2002;359:1734-9.
2. Lo CM, Ngan H. An invented trial of lipiodol. Hepatology. 2002;35:210-8.
3. Garcia P. Invented review of chemoembolisation. J Hepatol. 2010;52:10-20.
4. Miller T. An invented series. Radiology. 2015;275:100-10.
5. Kudo M, Ueshima K. Invented timing study. Liver Cancer. 2020;9:1-10.
"""

CHINESE = """中国肝癌介入治疗专家共识（示例）

本共识采用牛津循证医学中心证据分级标准评价证据等级与推荐强度。

1 治疗
推荐意见 1：对于中期肝细胞癌患者，推荐 TACE 作为一线治疗（证据等级：1，推荐强度：A）。
多项随机对照研究证实其生存获益［1，2］。
推荐意见 2：TACE 联合消融可用于直径 3～5 cm 的肿瘤（证据等级：2b，推荐强度：B）。
推荐意见 3：不建议对 Child-Pugh C 级患者行 TACE 治疗。
研究显示其预后较差［3］。

参考文献
[1] 张三, 李四. 肝癌介入治疗研究[J]. 中华医学杂志, 2020, 100(3): 12-15.
[2] Lo CM, Ngan H, Tso WK, et al. An invented randomised trial[J]. Hepatology, 2002, 35: 210-218.
[3] 王五. 肝癌诊疗[M]. 北京: 人民卫生出版社, 2019: 20-30.
"""

ACC_AHA = """Invented guideline with recommendation tables

4.2 Systemic therapy

| COR | LOE | Recommendations |
|-----|-----|-----------------|
| 1 | A | 1. In adults with advanced HCC, first-line systemic therapy is recommended [1]. |
| 2a | B-NR | 2. In adults with portal vein invasion, combined therapy is reasonable |
| | | when liver function is preserved [2]. |
| 3: Harm | C-LD | 3. In adults with Child-Pugh C cirrhosis, systemic therapy should not be given. |

4.3 Locoregional therapy

COR | LOE | Recommendations
2a | B-NR | 1. In adults with a single tumour below 3 cm, ablation is reasonable.

References
[1] Adams B. Invented first-line trial[J]. Lancet Oncol, 2020, 21: 1-9.
[2] Baker C. Invented invasion study[J]. J Hepatol, 2021, 74: 10-19.
"""

GRADE_WORDS = """Invented statement on embolisation

Recommendations

- We recommend TACE over bland embolisation for unresectable HCC (strong recommendation, moderate-quality evidence).
- We suggest drug-eluting beads when lipiodol cannot be given (conditional recommendation, low-quality evidence).
"""


def test_seed_002_consensus_statements():
    fs = facts_of_seed("002")
    recs = {f.name: f for f in graded(fs)}
    assert sorted(recs) == [f"共识 {i}" for i in range(2, 10)]
    assert (recs["共识 4"].level, recs["共识 4"].strength, recs["共识 4"].system) == ("Ib", "A", "USPSTF")
    assert {f.level for f in recs.values()} == {"Ib", "IIb"}
    # The grade of 共识 4 sits on the next wrapped line: the statement still ends with it.
    assert recs["共识 4"].provenance.quote.startswith("共识 4 TACE")
    assert recs["共识 4"].provenance.quote.endswith("推荐强度 A)")
    assert recs["共识 2"].detail("certainty") == "moderate" and recs["共识 4"].detail("strength_class") == "strong"
    # The ungraded statement is a recommendation without a grade.
    assert [f.name for f in ungraded(fs)] == ["共识 1"]


def test_seed_002_citations_belong_to_the_statement_before_them():
    cites = citations(facts_of_seed("002"))
    assert ("共识 4", 15) in cites and ("共识 4", 30) in cites and ("共识 4", 29) in cites
    assert ("共识 7", 43) in cites  # cited inside the statement itself
    assert ("共识 5", 38) in cites and ("共识 5", 39) not in cites
    assert not [c for c in cites if c[0] == "共识 9"]  # its section ends before any marker
    assert not [c for c in cites if c[1] in (1, 2, 10)]  # background text cites no statement


def facts_of_seed(prefix: str):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    return extract_facts(read_document(path), RUN, PLUGINS)


def test_english_levels_grades_and_restarting_numbers():
    fs = facts(ENGLISH)
    recs = {f.name: f for f in of_kind(fs, "recommendation")}
    assert sorted(recs) == ["2.1 1", "2.1 2", "2.2 1"]
    r = recs["2.1 1"]
    assert (r.level, r.strength, r.system) == ("II-2", "B", "USPSTF")
    assert r.provenance.quote.startswith("1. TACE") and r.provenance.quote.endswith("Grade B)")
    assert recs["2.1 2"].level == "III" and recs["2.1 2"].detail("strength_class") == "weak"
    assert citations(fs) == [("2.1 1", 1), ("2.1 1", 2), ("2.1 1", 3), ("2.1 2", 4), ("2.2 1", 2), ("2.2 1", 5)]


def test_chinese_recommendation_opinions_and_an_ungraded_one():
    fs = facts(CHINESE)
    recs = {f.name: f for f in graded(fs)}
    assert sorted(recs) == ["推荐意见 1", "推荐意见 2"]
    assert (recs["推荐意见 1"].level, recs["推荐意见 1"].strength, recs["推荐意见 1"].system) == ("1", "A", "OCEBM")
    assert recs["推荐意见 2"].level == "2b" and recs["推荐意见 2"].detail("certainty") == "moderate"
    assert [f.name for f in ungraded(fs)] == ["推荐意见 3"]
    # [3] supports the ungraded statement 3, so it is no recommendation's citation.
    assert citations(fs) == [("推荐意见 1", 1), ("推荐意见 1", 2)]


def test_cor_loe_table_rows():
    fs = facts(ACC_AHA)
    recs = {f.name: f for f in of_kind(fs, "recommendation")}
    assert sorted(recs) == ["4.2 1", "4.2 2", "4.2 3", "4.3 1"]
    assert (recs["4.2 2"].strength, recs["4.2 2"].level, recs["4.2 2"].system) == ("2a", "B-NR", "ACC/AHA")
    assert recs["4.2 2"].provenance.quote.endswith("when liver function is preserved [2].")
    assert recs["4.2 3"].detail("strength_class") == "against"
    assert recs["4.3 1"].detail("certainty") == "moderate"
    assert citations(fs) == [("4.2 1", 1), ("4.2 2", 2)]


def test_grade_wording_bullets_are_named_by_position():
    recs = of_kind(facts(GRADE_WORDS), "recommendation")
    assert [(f.name, f.level, f.strength, f.system) for f in recs] == [
        ("1", "moderate", "strong", "GRADE"), ("2", "low", "conditional", "GRADE")]
    assert recs[1].detail("strength_class") == "weak" and recs[1].detail("certainty") == "low"
    assert recs[0].provenance.quote.startswith("We recommend")


@pytest.mark.parametrize("line, level, strength", [
    ("Sorafenib is recommended after TACE failure (GR: 1A).", "A", "1"),
    ("Resection is the treatment of choice for a single tumour (A1).", "A", "1"),
    ("Radiotherapy may be considered for bone metastases [III, B].", "III", "B"),
    ("肝移植适用于符合米兰标准的患者（推荐强度：B，证据等级：Ⅱa）。", "IIa", "B"),
    ("射频消融适用于小肝癌（强推荐，中等质量证据）。", "中等", "强"),
])
def test_other_grade_notations(line, level, strength):
    recs = of_kind(facts("Invented guideline\n\n" + line + "\n"), "recommendation")
    assert [(f.level, f.strength) for f in recs] == [(level, strength)]


def test_unrelated_brackets_are_not_grades():
    text = ("Invented paper\n\nThe response rate was high (A1 cohort, 42%). "
            "Child-Pugh class (B) patients were excluded.\n")
    assert not of_kind(facts(text), "recommendation")


def test_level_and_strength_normalisation():
    assert normalise_level("Ⅱ b") == "IIb"
    assert normalise_level("I b") == "Ib"
    assert normalise_level("ii-2") == "II-2"
    assert normalise_level("B-NR") == "B-NR"
    assert normalise_level("Moderate-quality") == "moderate"
    assert normalise_strength("Strong") == "strong"


def test_crosswalk_rejects_an_unknown_class(tmp_path):
    bad = tmp_path / "grading.tsv"
    bad.write_text("system\taxis\tlabel\tclass\nGRADE\tlevel\tA\tsuperb\n", encoding="utf-8")
    with pytest.raises(EvkgError, match="grading.tsv:2"):
        load_crosswalk(bad)
    assert load_crosswalk().strength_class("USPSTF", "D") == "against"


def test_marker_forms_and_ranges():
    assert expand("15,29-30") == (15, 29, 30)
    assert expand("1～3".replace("～", "~")) == (1, 2, 3)
    assert expand("30-15") is None
    text = ("Invented review\n\nTACE works[1-3]. It is safe［4］. Beads help¹⁻². ¹²⁵I seeds are used. "
            "Dose was 50 mg/m². Kudo et al. (2020) agreed (Lo and Ngan, 2002). In 2019 [2019] nothing.\n\n"
            "References\n" + "".join(f"[{i}] Author{i} A. Title {i}[J]. J Inv, 2002, 1: 1-2.\n" for i in range(1, 5))
            + "[5] Kudo M. Invented[J]. Liver, 2020, 1: 1-2.\n[6] Lo CM, Ngan H. Invented[J]. Hep, 2002, 1: 2-3.\n")
    doc = read_plain(Path("markers.txt"), text)
    refs = reference_list(doc)
    markers = find_markers(doc.text, fold_text(doc.text), doc.section("references").start, refs)
    assert [m.refs for m in markers] == [(1, 2, 3), (4,), (1, 2), (5,), (6,)]
    assert all(doc.text[m.start:m.end] for m in markers)
