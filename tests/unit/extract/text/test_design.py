"""Design features named in English and Chinese, with the design codes they imply."""
import pytest

from evkg.core.fold import fold
from evkg.extract.text.design import design_cues


def features(text: str) -> dict[str, str]:
    key = fold(text)
    return {c.feature: c.value for c in design_cues(key, 0, len(key))}


@pytest.mark.parametrize("text, expected", [
    ("A phase III, multi-centre, open label, crossover, randomised trial",
     {"phase": "3", "centres": "multi", "masking": "none", "model": "crossover", "allocation": "randomized"}),
    ("a cluster-randomised, non-inferiority trial",
     {"model": "cluster", "allocation": "randomized", "hypothesis": "non_inferiority"}),
    ("a randomized, placebo-controlled, double blind, parallel-group study",
     {"allocation": "randomized", "masking": "double", "control": "placebo", "model": "parallel"}),
    ("本研究为单中心、单臂、Ⅱ期临床研究", {"centres": "single", "model": "single_group", "phase": "2"}),
    ("多中心回顾性队列研究", {"centres": "multi", "timing": "retrospective", "observation": "cohort"}),
    ("一项病例对照研究", {"observation": "case_control"}),
    ("前瞻性随机对照研究", {"timing": "prospective", "allocation": "randomized"}),
])
def test_features_as_named(text, expected):
    assert features(text) == expected


def test_overlapping_cues_of_two_features_are_both_read():
    key = fold("a retrospective cohort study")
    cues = design_cues(key, 0, len(key))
    assert {(c.feature, c.value, c.implies) for c in cues} == {
        ("timing", "retrospective", ""), ("observation", "cohort", "retrospective_cohort")}


@pytest.mark.parametrize("text", ["phase iii", "phase 2/3"])
def test_a_phase_is_not_read_inside_a_longer_one(text):
    assert features(text)["phase"] in ("3", "2/3")
    assert features("stage III hepatocellular carcinoma, III期患者") == {}
