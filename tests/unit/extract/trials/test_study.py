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


# --- the invented reports of tests/fixtures/study (bench/study.py prints their figures) ---------------

STUDY = ROOT / "tests" / "fixtures" / "study"


def _expected() -> dict[str, list[dict]]:
    import csv
    with open(STUDY / "expected.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["fixture"], []).append(r)
    return out


EXPECTED = _expected()


# Known misses, kept visible: an arm the allocation names with its amount (`up to 12 acupuncture
# sessions plus usual care (n=259)`) is not the `acupuncture` the results name.
KNOWN_MISSES = {"en_bmj_style"}


@pytest.mark.parametrize("fixture", [pytest.param(f, marks=pytest.mark.xfail(strict=True)) if f in KNOWN_MISSES else f
                                     for f in sorted(EXPECTED)])
def test_study_fixture_design_sizes_and_arms(fixture):
    from evkg.extract.text.arms import arm_key
    rows = EXPECTED[fixture]
    found = extract_facts(read_document(STUDY / f"{fixture}.txt"), RUN, ["study"])
    design = [f for f in found if f.kind == "design"]
    want = next(r for r in rows if r["kind"] == "design")
    assert [f.name for f in design] == [want["name"]]
    assert {f"{k}={v}" for k, v in design[0].details} == {x for x in want["features"].split(";") if x}
    sizes = {(int(f.value), f.detail("size_type")) for f in found if f.kind == "sample_size"}
    assert {v for v, _ in sizes} == {int(r["value"]) for r in rows if r["kind"] == "sample_size"}
    for r in (r for r in rows if r["kind"] == "sample_size"):
        assert any(v == int(r["value"]) and t in r["size_type"].split("|") for v, t in sizes), r
    single = any(r["name"] == "*" for r in rows if r["kind"] == "arm")
    arms = {("*" if single else arm_key(f.name), f.total) for f in found if f.kind == "arm" and f.total is not None}
    assert arms == {(r["name"] if single else arm_key(r["name"]), int(r["value"])) for r in rows if r["kind"] == "arm"}


def test_an_arms_size_is_never_the_studys_n():
    text = "Methods: 120 patients were randomised; 58 were assigned to sorafenib and 62 to placebo."
    assert [f.value for f in facts(text, "sample_size")] == [120]
    assert sorted(f.total for f in facts(text, "arm")) == [58, 62]


def test_a_randomised_study_with_no_named_group_has_no_single_arm():
    text = "Methods: In this randomised crossover trial, 24 patients were enrolled and received both treatments."
    assert facts(text, "arm") == []
    text = "Methods: In this single-arm study, 41 patients were enrolled; 38 were evaluable."
    assert [(f.total, f.name) for f in facts(text, "arm")] == [(41, "41 patients")]


def test_a_design_word_of_an_instrument_or_a_registration_names_no_design():
    text = ("Methods: Patients completed a questionnaire. The trial was registered in a public registry. "
            "Children were randomly assigned to two groups.")
    assert [f.name for f in facts(text, "design")] == ["rct"]


# --- invariants over generated allocation sentences ------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

N = st.integers(min_value=2, max_value=900)
ZH_ARMS = st.sampled_from([("A 组", "B 组"), ("观察组", "对照组"), ("HAIC组", "TACE组"), ("研究组", "对照组")])
EN_ARMS = st.sampled_from([("sorafenib", "placebo"), ("the TACE group", "the HAIC group"), ("usual care", "exercise")])


def _study(text: str) -> tuple[set, dict]:
    from evkg.extract.text.arms import arm_key
    found = facts(text, "sample_size") + facts(text, "arm")
    sizes = {int(f.value) for f in found if f.kind == "sample_size"}
    return sizes, {arm_key(f.name): f.total for f in found if f.kind == "arm"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=N, b=N, names=ZH_ARMS)
def test_an_arms_n_is_its_own_and_the_total_the_studys_chinese(a, b, names):
    from evkg.extract.text.arms import arm_key
    x, y = names
    sizes, arms = _study(f"方法 回顾性分析我院收治的患者，共纳入 {a + b} 例，{x} {a} 例，{y} {b} 例。")
    assert sizes == {a + b}
    assert arms == {arm_key(x): a, arm_key(y): b}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=N, b=N, names=EN_ARMS)
def test_an_arms_n_is_its_own_and_the_total_the_studys_english(a, b, names):
    from evkg.extract.text.arms import arm_key
    x, y = names
    sizes, arms = _study(f"Methods: Of {a + b} patients randomised, {a} were assigned to {x} and {b} to {y}.")
    assert sizes == {a + b}
    assert arms == {arm_key(x): a, arm_key(y): b}
