"""When the words an English clause gives for a number's measure name no quantity (`Most`, `there`, `treatment`,
`differences`): the nearest phrase that does, else no measure at all (an unnamed measure) rather than a fragment.

In order: the predicate after the bracket the value is printed in (`Most patients (68% vs 61%) were not involved in
…`); the subject of the sentence; the measure said before in the paragraph; the subject of the sentence before; the
heading of the subsection the number stands under in a results section (`Surgical success`), when it names a measure
and no part of a paper's frame (result_words `heading_generic`). A measure whose words all are stop words, generic
heads or words that are never a measure alone (`names_measure`), or only who was counted, names no quantity.
"""
from __future__ import annotations

import re
from functools import cache

from evkg.extract.results import measure as measure_stage
from evkg.extract.results import predicate
from evkg.extract.results.measure import Measure
from evkg.extract.results.tokens import word_pattern
from evkg.extract.vocabulary.cues import cue_words

# `ABSTRACT.RESULTS:`, `2.1BODY.PATIENTS:`, `3.2 Falls`: the layout's prefix or numbering before a heading's words.
_HEADING_PREFIX = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s*)?(?:(?:ABSTRACT|BODY)\.)?")
_MAX_HEADING_WORDS = 5
# A negation right before a predicate's words (`were not involved`, `had no relapse`): part of what was counted.
_NEGATION = re.compile(r"(?<![a-z])(not|no|never)\s+\Z")


def names_quantity(text: str) -> bool:
    """Whether a measure's words name something measured: not only `Most`, `there`, `the differences`, nor only who
    was counted (`Most caregivers`, `the majority of residents`: result_words `people`, study_size `noun`)."""
    if not measure_stage.names_measure(text):
        return False
    words = [w for w in re.findall(r"[a-z][a-z0-9'\-]*", text.lower()) if measure_stage.names_measure(w)]
    return not all(w in _people() for w in words)


@cache
def _people() -> frozenset[str]:
    return frozenset(cue_words("result_words", "people")) | frozenset(cue_words("study_size", "noun"))


def nearest(reader, x, carried: list[Measure] | None) -> Measure:
    """The measure of the value x whose own clause names none: see the module's docstring."""
    key, first = reader.key, reader.first(x)
    after = _after_bracket(reader, x)
    if after is not None:
        return Measure("", measure_stage.written(reader.v, *after), *after)
    own = measure_stage.opening_subject(key, reader.arms, reader.s, first)
    if own and names_quantity(key[own[0]:own[1]]):  # `Increases in serum magnesium were seen …, whereas no change …`
        return Measure("", measure_stage.written(reader.v, *own), *own)
    if carried and names_quantity(carried[-1].text):
        return carried[-1]
    said = reader.subject_said(first)  # (the sentence before's)
    if said and names_quantity(key[said[0]:said[1]]):
        return Measure("", measure_stage.written(reader.v, *said), *said)
    heading = heading_measure(reader.v, first)
    if heading:
        return Measure("", heading, first, first)
    return Measure("", "", first, first)


def _after_bracket(reader, x) -> tuple[int, int] | None:
    """`Most patients (71% app vs. 64% usual care, p=0.41) were not asked …`: the words after the bracket the value
    stands in, when they open on a verb (what the people counted did or had)."""
    key = reader.key
    open_ = measure_stage.anchor(key, reader.s, reader.first(x))
    if open_ >= reader.first(x):
        return None
    close = _closing(key, open_, reader.e)
    if close is None:
        return None
    end = reader.clause_end(close)
    seg = measure_stage.blank(key, reader.arms, close, end)
    found = predicate.predicate_at(seg, 0)
    if found is None or word_pattern("compare").match(seg, found[0]):
        return None  # (`… (47%) as were X`, `…) compared with placebo (…)`: no predicate of the people counted)
    if word_pattern("baseline").search(key, close, close + found[1]) or \
            word_pattern("sex_share").search(key, close + found[0], close + found[1]):
        return None  # `Most subjects (81.4%) were female`: who was studied, no measure
    words = measure_stage.after_words(key, reader.arms, close, end) or (close + found[0], close + found[1])
    negated = _NEGATION.search(key, close, words[0])  # `were not involved in …`: the negation stays
    return (negated.start(1) if negated else words[0]), words[1]


def _closing(key: str, open_: int, e: int) -> int | None:
    """The offset after the bracket opened at open_ closes, within e."""
    depth = 0
    for i in range(open_, e):
        if key[i] in "([":
            depth += 1
        elif key[i] in ")]":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


@cache
def _frame_words() -> frozenset[str]:
    return frozenset(cue_words("result_words", "heading_generic"))


def heading_measure(v, k: int) -> str:
    """The heading of the subsection the offset k stands under, as written, when it names a measure: a short title
    with a word that is no part of a paper's frame (`Surgical success`, not `Results` or `Secondary outcomes`)."""
    section = v.ctx.doc.section_at(v.span(k, k)[0])
    if section is None or not section.title or section.name != "results":
        return ""  # (a discussion's `Strengths and limitations` names no measure)
    title = _HEADING_PREFIX.sub("", section.title).strip(" :.")
    words = re.findall(r"[a-z][a-z0-9'\-]*", title.lower())
    if not words or len(words) > _MAX_HEADING_WORDS or re.search(r"\d", title):
        return ""
    content = [w for w in words if w not in _frame_words()]
    return title if content and names_quantity(" ".join(content)) else ""
