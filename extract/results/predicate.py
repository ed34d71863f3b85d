"""Measures a clause says with its predicate: what the people counted did or had.

Two English forms name the measure after the people instead of before the number:

- the values open the clause and their groups follow, then the predicate: `22 of 80 participants (27.5%)
  in the exercise group and 35 of 80 (43.8%) in the leaflet group reported a flare of knee pain` -> the
  measure is `reported a flare of knee pain` (`after_groups`);
- the subject is a count of people, the share printed after the predicate: `Eight participants in the
  exercise group reported transient knee swelling (10.0%)` -> `reported transient knee swelling`, and the
  count (`Eight`, `one in the placebo group (1.2%)`) is the share's n (`predicate_of_count`, `count_before`).

The verbs are ontology/cues/result_words.tsv `verb` and `event_verb` (or any past tense in `-ed`); the
people nouns ontology/cues/study_size.tsv `noun`; numbers in words ontology/cues/number_words.tsv.
"""
from __future__ import annotations

import re
from functools import cache

from evkg.extract.text.counts import number_pattern, number_value
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern

_MAX_WORDS = 10
# Where a predicate ends: a bracket, a clause break, a comparison with the other group.
_PREDICATE_END = re.compile(r"[()\[\];:,.]|\s(?:compared|versus|vs|than|whereas|while|respectively|"
                            r"in|among)\s|\s(?:and|but)\s+\d")
# `in the ____ group` (blanked) or `in the yoga group` after a count of people.
_GROUP_AFTER = re.compile(r"\s*(?:(?:in|among|from|of)\s+(?:the\s+)?(?: {2,}|[a-z\-]+\s+(?:group|arm))\s*)?")
_AUXILIARY = re.compile(r"(?:(?:were|was|had been|have been|has been)\s+)(?=[a-z]+ed\b|[a-z]+en\b)")


@cache
def _verb() -> re.Pattern:
    words = "|".join(w for w in (cue_alternation("result_words", "verb"), cue_alternation("result_words", "event_verb"))
                     if w)
    return re.compile(rf"(?:{words})(?![a-z])|[a-z]{{3,}}ed(?![a-z])")


@cache
def _group_head() -> re.Pattern:
    """Spaces and a group's head word left after its blanked name (`____ subgroup had …`: result_words `group_head`)."""
    return re.compile(rf"\s*(?:(?:{cue_alternation('result_words', 'group_head')})(?![a-z])\s*)?")


@cache
def _people() -> str:
    return cue_alternation("study_size", "noun")


@cache
def _count_subject() -> re.Pattern:
    """A clause's subject that is a count of people: `Eight participants`, `12 patients`, `Five women`."""
    return re.compile(rf"\s*(?P<num>{number_pattern()})\s+(?:[a-z\-]+\s+)?(?:{_people()})(?![a-z])\s*")


def _predicate(seg: str, at: int) -> tuple[int, int] | None:
    """The predicate starting with a verb at `at` in seg: to the first bracket, break or comparison, at most
    _MAX_WORDS words, without a leading auxiliary (`were admitted to hospital` -> `admitted to hospital`)."""
    verb = _verb().match(seg, at)
    if verb is None:
        return None
    stop = _PREDICATE_END.search(seg, verb.end())
    if re.search(r"(?<![a-z])(?:whom|which)(?![a-z])", seg[at:stop.start() if stop else len(seg)]):
        return None  # `… received questionnaires, of whom 119 (97%) …`: the value counts someone else
    end = stop.start() if stop else len(seg)
    words = list(re.finditer(r"[a-z0-9][a-z0-9'\-/]*", seg[at:end]))[:_MAX_WORDS]
    if len(words) < 2:
        return None  # a verb alone (`improved`) names nothing
    aux = _AUXILIARY.match(seg, at)
    return (aux.end() if aux else at), at + words[-1].end()


# What may stand between a clause's values and the group that ends their list: `in the`, `and`, the other
# values with their counts (`35 of 89 (50.6%)`), other groups (blanked).
_BETWEEN = re.compile(r"[\s\d.,%()/:;]*(?:(?:in|among|for|with|on|receiving|the|and|of|vs|versus|"
                      r"n|patients|participants|subjects)(?![a-z])[\s\d.,%()/=:;]*)*")


def after_groups(seg: str) -> tuple[int, int] | None:
    """In the stretch after a clause's value (groups blanked to spaces): `in the ____ group and 35 of 89 (50.6%)
    in the ____ group fell at least once` -> the span of `fell at least once` (offsets into seg). Only after a
    group name (something blanked), so `45.8% of patients achieved` stays the reader's `of patients` form."""
    for run in re.finditer(r" {3,}", seg):
        if not _BETWEEN.fullmatch(seg, 0, run.start()):
            return None
        nxt = _group_head().match(seg, run.end()).end()
        if _verb().match(seg, nxt):
            return _predicate(seg, nxt)
    return None


def predicate_at(seg: str, at: int) -> tuple[int, int] | None:
    """The predicate opening on a verb at `at` after spaces (`… (82%) rated the sessions as helpful`), as offsets
    into seg; None when no verb opens it or the verb stands alone."""
    space = re.match(r"\s*", seg[at:])
    return _predicate(seg, at + space.end())


def predicate_of_count(seg: str, start: int) -> tuple[int, int] | None:
    """When the clause in seg (its groups blanked) opens at `start` on a count of people (`Eight participants
    in the ____ group`), the predicate after them (`reported transient knee swelling`)."""
    m = _count_subject().match(seg, start)
    if m is None:
        return None
    group = _GROUP_AFTER.match(seg, m.end())
    return _predicate(seg, group.end())


def count_before(key: str, s: int, open_: int) -> int | None:
    """The n of a share printed in a bracket at `open_` after the people it counts, said in words or digits:
    `Eight participants … reported … (10.0%)`, `one in the placebo group (1.2%)`; None when no count of
    people stands in [s, open_) with no other number between."""
    seg = key[s:open_]
    last = None
    for m in re.finditer(rf"(?P<num>{number_pattern()})(?P<rest>\s+(?:(?:{_people()})(?![a-z])|"
                         rf"(?:in|among)\s+the\s)[^\d()]*)$", seg):
        last = m
    if last is None or re.search(r"(?:\bof|/)\s*\Z", seg[:last.start()]):
        return None  # `18 of 64 residents (28.1%)`: 64 is the total
    value = number_value(last.group("num"))
    return value if value is not None and value > 0 else None


def describes_course(key: str, clause: int, measure: tuple[int, int], value_stop: int) -> bool:
    """Whether a predicate this module made the measure of (after the values, or after a count of people
    opening the clause) says what the people went through or were given (`completed the study`, `were lost
    to follow-up`, `received a priming dose`: result_words `disposition`, `given`): no result."""
    start, end = measure
    if not (start >= value_stop or _count_subject().match(key, clause)):
        return False
    return any(cue_pattern("result_words", role).match(key, start, end) for role in ("disposition", "given"))
