"""The document's own study: design, sample size and groups, never those of the studies it cites."""
from pathlib import Path

import pytest

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context
from helpers.corpus import ROOT

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
RUN = Context()


def facts(text: str, kind: str) -> list:
    return [f for f in extract_facts(read_plain(Path("fixture.txt"), text), RUN, ["study"]) if f.kind == kind]


def seed_facts(prefix: str, kind: str) -> list:
    doc = read_document(next(SEEDS.glob(prefix + "_*.txt")))
    return [f for f in extract_facts(doc, RUN, ["study"]) if f.kind == kind]


def test_chinese_paper_design_and_sample_size_from_its_own_methods():
    text = ("摘要：目的　探讨疗效。方法　收集我院 2019 年 3 月至 2020 年 6 月接受 HAIC 治疗的患者 31 例，"
            "其中男性 22 例。\n本研究采用回顾性设计评价 HAIC 的安全性。\n"
            "讨论\nSmith 等[12]回顾性分析了 95例患者，为随机对照研究。")
    assert [f.name for f in facts(text, "design")] == ["retrospective_cohort"]
    assert [f.value for f in facts(text, "sample_size")] == [31]


def test_english_randomised_trial():
    text = "Abstract: Methods: In this randomized controlled trial we enrolled 120 patients with HCC."
    assert [f.name for f in facts(text, "design")] == ["rct"]
    sizes = facts(text, "sample_size")
    assert [(f.value, f.unit) for f in sizes] == [(120, "patients")]


def test_reviews_take_their_design_from_the_document_type_and_have_no_sample_size():
    text = "·综 述·\n肝癌介入治疗研究进展\n\n该研究共纳入 66 例患者,HAIC 组 30 例,TACE 组 36 例,索拉非尼组($n=40$)。"
    assert [f.name for f in facts(text, "design")] == ["review"]
    assert facts(text, "sample_size") == []
    assert [(f.name, f.value) for f in facts(text, "arm")] == [("HAIC 组", 30), ("TACE 组", 36), ("索拉非尼组", 40)]


def test_english_groups_with_their_sizes():
    text = "Patients were allocated to the HAIC group (n = 30) or the TACE group (n = 31)."
    assert [(f.name, f.value) for f in facts(text, "arm")] == [("HAIC group", 30), ("TACE group", 31)]


@pytest.mark.parametrize("prefix, design", [("002", "consensus"), ("003", "retrospective_cohort"), ("004", "review")])
def test_seed_designs(prefix, design):
    assert [f.name for f in seed_facts(prefix, "design")] == [design]


def test_seed_sample_sizes():
    assert {f.value for f in seed_facts("003", "sample_size")} == {24}
    assert seed_facts("004", "sample_size") == []
    assert seed_facts("000", "design") == [], "registrations are read by the registration plugin"
