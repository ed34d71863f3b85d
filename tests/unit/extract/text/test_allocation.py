"""The study's arms: one per folded name and study, with the N of the allocation and what it received."""
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evkg.core.fold import fold
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.allocation import match_arm, study_arms
from evkg.extract.text.arms import arm_key
from evkg.extract.text.context import Context
from evkg.extract.vocabulary.cues import cue_pattern

RUN = Context()


def arms_of(text: str, name: str = "fixture.txt"):
    return study_arms(RUN.for_document(read_plain(Path(name), text)))


def sizes(text: str) -> dict[str, int | None]:
    return {a.key: a.size for a in arms_of(text)}


@pytest.mark.parametrize("names", [
    ("Drug A", "Drug A arm", "drug A group", "the Drug A group", "A组", "A 组", "Group A"),
    ("sorafenib", "sorafenib arm", "the sorafenib group", "Sorafenib Group", "sorafenib (n = 30)"),
    ("HAIC组", "HAIC 组", "HAIC组38例", "the HAIC group"),
    ("TACE plus sorafenib", "the TACE plus sorafenib group", "TACE plus sorafenib (n=75)"),
])
def test_the_ways_an_arm_is_written_fold_to_one_key(names):
    assert len({arm_key(n) for n in names}) == 1


def test_different_arms_keep_different_keys():
    names = ("Group A", "Group B", "placebo", "TACE alone", "TACE plus sorafenib", "对照组", "观察组")
    keys = [arm_key(n) for n in names]
    assert len(set(keys)) == len(keys)


# A name of group words alone (`arm`, `the group`) has nothing to keep but them: not a name this property is about.
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-+ ", min_size=1, max_size=20).filter(
    lambda s: cue_pattern("arm_words", "group").sub("", fold(s)).strip(" -+"))


@given(NAME)
def test_group_words_case_and_spaces_never_change_the_key(name):
    key = arm_key(name)
    assert arm_key(f"the {name} group") == arm_key(name.upper()) == arm_key(f"  {name}  ") == key
    assert arm_key(key) == key


def test_sizes_printed_after_before_and_for_each_arm():
    text = ("Of 120 patients randomised, 58 were assigned to sorafenib and 62 to placebo. "
            "Adverse events occurred in 9 patients in the sorafenib group and 5 in the placebo group.")
    assert sizes(text) == {"sorafenib": 58, "placebo": 62}
    text = "Sixty students were randomly allocated to an intervention group and a control group (n = 30 per group)."
    assert sizes(text) == {"intervention": 30, "control": 30}
    text = "共纳入 60 例，A 组 30 例，B 组 30 例。A 组 3 例出现发热，B 组 2 例出现发热。"
    assert sizes(text) == {"a": 30, "b": 30}
    text = "按随机数字表法将 96 例患者分为观察组和对照组，各 48 例。"
    assert sizes(text) == {"观察": 48, "对照": 48}


def test_an_allocation_by_treatment_names_the_arm_its_group_is_called_later():
    text = ("We randomly assigned 150 patients to TACE plus sorafenib (n=75) or TACE alone (n=75). "
            "The ORR was 62.7% in the TACE plus sorafenib group and 44.0% in the TACE alone group.")
    found = arms_of(text)
    assert {(a.key, a.size) for a in found} == {("taceplussorafenib", 75), ("tacealone", 75)}
    assert all(len(a.mentions) == 2 for a in found)
    assert {c for a in found for c in a.interventions} >= {"TACE", "sorafenib"}


def test_a_part_of_an_arm_is_no_arm_size():
    text = ("Patients were randomized to the SLED group or the CVVH group. "
            "Two patients were randomized to the SLED group but changed to CVVH because of bleeding. "
            "Mortality did not differ between the SLED group and the CVVH group.")
    assert sizes(text) == {"sled": None, "cvvh": None}


def test_arms_of_another_study_cited_in_a_paper_are_not_the_papers():
    text = ("Wang et al. randomised 200 patients to a TACE group (n = 100) and a HAIC group (n = 100). "
            "In this study, 60 patients were enrolled: 30 in the TACE group and 30 in the HAIC group.")
    assert sizes(text) == {"tace": 30, "haic": 30}


def test_a_review_keeps_the_arms_of_each_cited_trial_apart():
    text = ("·综 述·\n肝癌介入治疗研究进展\n\n王等[1]报道共纳入 80 例患者，HAIC组 40 例，TACE组 40 例。\n"
            "李等[2]报道共纳入 150 例患者，HAIC组 70 例，TACE组 80 例。\n")
    found = {(a.key, a.ref): a.size for a in arms_of(text)}
    assert found == {("haic", "1"): 40, ("tace", "1"): 40, ("haic", "2"): 70, ("tace", "2"): 80}


def test_match_arm_finds_the_arm_a_header_or_mention_stands_for():
    found = arms_of("Patients were allocated to the HAIC group (n = 30) or the TACE group (n = 31). "
                    "The HAIC group did better than the TACE group.")
    assert match_arm(found, "HAIC (n = 30)").size == 30
    assert match_arm(found, "the tace arm").size == 31
    assert match_arm(found, "placebo") is None


def test_words_that_only_look_like_groups_are_no_arms():
    text = ("No group differences were found in the prospective cohort. "
            "The Eastern Cooperative Oncology Group score was 1. Both groups did well.")
    assert arms_of(text) == ()
