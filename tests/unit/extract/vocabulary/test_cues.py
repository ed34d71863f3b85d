"""Cue words: one loader, one convention for where a Latin cue may match."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from evkg.extract.vocabulary.cues import bounded_alternation, cue_alternation, cue_pattern, cue_words


def test_a_latin_cue_never_matches_inside_a_longer_latin_word():
    compare = cue_pattern("result_words", "compare")
    assert compare.search("41% vs 27%") and compare.search("41%vs.27%")
    assert not compare.search("canvas")
    arm = cue_pattern("arm_words", "group")
    assert arm.sub("", "the haic group") == " haic " and arm.sub("", "subgroups bathe") == "subgroups bathe"


def test_digits_and_chinese_characters_may_touch_a_cue_and_chinese_cues_have_no_boundaries():
    labels = cue_pattern("label_words")
    assert labels.match("recommendation4") and labels.match("共识4")
    assert cue_pattern("study_intro", "intro").search("he 等[13]发表了一项研究")


def test_words_of_one_role_folded_and_alternations_longest_first():
    assert "respectively" in cue_words("result_words", "respectively")
    assert set(cue_words("result_words", "compare")) < set(cue_words("result_words"))
    alternation = [w.replace("\\", "") for w in cue_alternation("label_words").split("|")]
    assert [len(w) for w in alternation] == sorted((len(w) for w in alternation), reverse=True)
    assert "rec." in alternation


_LETTERS = st.text(alphabet="ab-1 组x", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LETTERS, min_size=1, max_size=6, unique=True), st.text(alphabet="ab-1 组xy", max_size=30))
def test_bounded_alternation_finds_what_each_word_bounded_on_its_own_finds(words, text):
    def naive(w):
        lead = r"(?<![a-z])" if w[:1].isascii() and w[:1].isalpha() else ""
        trail = r"(?![a-z])" if w[-1:].isascii() and w[-1:].isalpha() else ""
        return lead + re.escape(w) + trail
    shared = re.compile(bounded_alternation(words))
    assert [m.span() for m in shared.finditer(text)] == \
        [m.span() for m in re.compile("|".join(naive(w) for w in words)).finditer(text)]
