"""Stage 2 at the clause: whether a number the reader bound is a result, or describes the sample, who
went through the trial or the protocol (`At baseline, …`, `188 (94%) completed the study`, `90% power`,
`mean age`), or is a bare number nothing marks as a result. A count is a result when it is compared,
when its endpoint or event follows it (`10 例达 PR`, `250 deaths`), or when its arm and an event verb
stand by it (`… were present in 8 patients in group C`). The functions take the sentence reader as `r`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from evkg.core.text import HAN_CHAR
from evkg.extract.results import han_subgroup, predicate
from evkg.extract.results import measure as measure_stage
from evkg.extract.results.mention import Mention
from evkg.extract.results.tokens import word_pattern
from evkg.extract.vocabulary.cues import cue_alternation

# Measures that describe who was studied, not what happened to them (`mean (SD) for the education variable`):
# result_words `baseline_measure` at the measure's head.
_BASELINE_MEASURE = re.compile(r"(?:the\s+)?(?:mean\s+|median\s+|average\s+)?"
                               r"(?:\(?(?:±\s*|\+/-\s*)?(?:sd|se|iqr)\)?\s+)?"
                               r"(?:(?:for|of)\s+(?:the\s+)?)?"
                               rf"(?:{cue_alternation('result_words', 'baseline_measure')})(?![a-z\-])")
# A measure that is an interval (`the 95% confidence interval for the difference … ranged from -0.21 to 0.18`):
# its numbers are bounds, never a result (result_words `interval_measure`).
_INTERVAL_MEASURE = re.compile(r"\s*(?:the\s+)?(?:\d+(?:\.\d+)?\s*%\s*)?(?:(?:non-?parametric|bootstrap|exact)\s+)*"
                               rf"(?:{cue_alternation('result_words', 'interval_measure')})(?![a-z\-])")
# A disposition word right before a bracket: `randomized (A, 240; B, 238)`.
_P_SAID = re.compile(r"\bp\s*(?:value\s*)?[=<>≤]")
_DISPOSED = re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'disposition')})\s*\Z")
# Between a measure and its number: a change, so the number is what happened to it (ontology/cues/result_words.tsv).
_CHANGED = word_pattern("change_verb")
# Before a count: the event it counts (`occurred in 8 patients`, `was identified 16 patients`).
_EVENT_BEFORE = re.compile(r"\b(?:occurred|developed|experienced|observed|identified|documented|detected|reported|"
                           r"found|present|seen|recorded|died|had|required|needed|achieved|reached)\b")
# After a count: the event it counts (`21例患者发生不良反应`, `1例存活`, `250 deaths`, `8 patients developed`).
_EVENT_AFTER = re.compile(r"\s*(?:例|名)?\s*(?:患者)?\s*(?:均|仍|尚)?\s*"
                          r"(?:发生|出现|死亡|存活|生存|达到|达|获得|缓解|复发|进展|"
                          r"转化|deaths?|died|events?|episodes?|relapses?|progressions?|recurrences?|"
                          r"(?:patients?\s+)?(?:had|developed|experienced|died|survived|relapsed|progressed|responded))")


def is_result(r, m: Mention) -> bool:
    x = m.num
    if m.effect and x.value == 1 and not x.details.get("ci_low") and not x.details.get("p_value"):
        return False  # `相对风险: 1.000`, `HR 1 (reference)`: the reference level a ratio is taken against
    if m.effect:  # an effect is a result unless its clause is the protocol's (`90% power to detect a 15% difference`)
        tail = re.compile(r"[^,;()\[\]]{0,40}").match(r.key, x.stop)
        return not word_pattern("methods").search(r.key, segment_start(r, r.first(x)), tail.end())
    first = r.first(x)
    clause = r.key[r.clause_start(first):r.clause_end(x.stop)]
    if describes_sample(r, m, clause):
        return False
    if x.kind == "count" and x.n is None:
        return counted(r, m)
    han = HAN_CHAR.search(r.key[max(r.s, first - 6):x.stop + 3])
    if han and m.kind == "single" and x.kind not in ("percent", "time") and x.n is None and not x.details.get("sd"):
        return False  # a Chinese paper reports a single result as a rate or a time (`1 mm`, `24 h` are not)
    if x.formed:
        return True
    if m.kind in ("pair", "cross") and han_bare_pair(r, m):
        return False
    # a bare number: one side of a comparison or list, its arm printed by it, in brackets right after the drug its
    # measure names (`the mean total dose of drug K (14`), or `mean … was 20`
    drug = next((g for g in r.arms if g.treatment and m.measure.end < g.start and g.end <= first), None)
    if drug and m.measure.start < m.measure.end and \
            re.fullmatch(r"\s+of\s+(?:the\s+)?", r.key[m.measure.end:drug.start]) and \
            re.fullmatch(r"\s*\(\s*", r.key[drug.end:first]):
        return True
    return m.kind in ("pair", "cross", "run") or m.explicit or bool(m.measure.code and not m.carried) or re.search(
        r"(?:mean|median|average|score|level|index|rate|value|count|number|time|duration|为|是)\s*"
        r"(?:was|were|of|=|:)?\s*\Z", r.key[max(r.s, first - 40):first]) is not None


@lru_cache(maxsize=1)
def _few_subjects() -> re.Pattern:
    """A clause whose subject is a few single people and whose values follow `of` (`the other two patients had
    peak levels of 4.1 and 5.3`): each value is one person's, no result of a group."""
    people = cue_alternation("result_words", "people")
    return re.compile(rf"(?:\A|(?<=[,;:.\n]))\s*(?:the\s+)?(?:remaining\s+|other\s+)?"
                      rf"(?:one|two|three|four|five|[1-5])\s+(?:{people})"
                      rf"\s+(?:each\s+)?[a-z]+\s+(?:[^,;()\d]|(?<=[a-z])\d){{0,50}}?\bof\s+(?:about\s+)?"
                      rf"(?:[-+]?\d+(?:\.\d+)?\s*%?\s*(?:,\s*(?:and\s+)?|and\s+)?)*\Z")


def describes_sample(r, m: Mention, clause: str) -> bool:
    """Whether the number describes the sample, who went through the trial or the protocol: its clause
    says baseline or a method (`at baseline`, `defined as`, `power`), a sentence opens so (`At
    baseline, …`), its measure is a baseline trait (`mean age`), or it counts patients by what they
    went through (`188 (94%) completed the study`, `randomised 200`)."""
    key, x = r.key, m.num
    first = r.first(x)
    tail = re.compile(r"[^,;()\[\]]{0,40}").match(key, x.stop)
    start = segment_start(r, first)
    segment = key[start:tail.end()]
    sub = han_subgroup.subgroup_before(r, first) or (0, 0)
    # `男性患者中，A组…`: a trait naming the subgroup the values are of is no baseline of the sample
    if any(not sub[0] <= start + b.start() < sub[1] for b in word_pattern("baseline").finditer(segment)) or \
            word_pattern("methods").search(segment):
        return True
    if word_pattern("sample_clause").search(clause):
        return True  # `contained mainly cellulose (70%) and lignin (30%)`: what was given, not what happened
    if _before_intervention(key, r.s, r.e):
        return True  # `… was 26 and 27, respectively, showing moderate anxiety before the procedure`
    lead = r.s + len(key[r.s:r.s + 8]) - len(key[r.s:r.s + 8].lstrip())
    if word_pattern("sample_subject").match(key, lead):
        return True  # `The excluded participants were older (64 vs 62 years), …`: people outside the analysis
    opening = word_pattern("baseline").match(key, r.s) if not han_subgroup.opens_clause(r, r.s) else None
    opening = opening or word_pattern("methods").match(key, r.s)
    if opening or re.match(r"\s*(?:at|in)?\s*baseline\b", key[r.s:r.s + 14]):
        return True
    if _few_subjects().search(key, max(r.s, first - 160), first):
        return True  # `the remaining two subjects had maximum falls of 14.55% and 14.85%`: single subjects' values
    text = key[m.measure.start:m.measure.end]
    if m.measure.start < m.measure.end <= first and _opens_on_interval(key, m.measure.start, first) or \
            _opens_on_interval(key, r.clause_start(first), first):
        return True  # a bound of an interval read as the value: its measure or its clause opens on the interval
    if m.measure.start < m.measure.end and _BASELINE_MEASURE.match(text) and not (
            m.measure.end <= first and _CHANGED.search(key, m.measure.end, first)):
        return True  # `mean age 61`; not `the baseline CHI3L1 concentration decreased by 34% per day`
    if m.measure.start < m.measure.end and \
            predicate.describes_course(key, r.clause_start(first), (m.measure.start, m.measure.end), x.stop):
        return True  # `… (85%) completed the study`, `14 (19%) … received a priming dose`
    if _dose_given(r, m, first):
        return True
    near = key[max(r.clause_start(first), first - 25):min(r.clause_end(x.stop), x.stop + 60)]
    disposition = word_pattern("disposition").search(near)
    return bool(disposition) and not (x.kind == "percent" and m.measure.code) or _allocated(r, first)


def _opens_on_interval(key: str, start: int, first: int) -> bool:
    """A clause opening on an interval's name that runs to the number without closing a bracket or a clause
    (`the 95% confidence interval (−12 days, 8 days) included zero`); not `95% CI 54.9–70.2) in A, 71.3% (…) in B`,
    where the interval closes before the next group's value."""
    m = _INTERVAL_MEASURE.match(key, start, first)
    return m is not None and not re.search(r"[)\];]", key[m.end():first])


@lru_cache(maxsize=64)
def _before_intervention(key: str, start: int, end: int) -> bool:
    """A sentence that places its numbers before the intervention (result_words `before_intervention`) and names
    no later time or change (`later_time`): it describes the sample at the start."""
    befores = [m.start() for m in word_pattern("before_intervention").finditer(key, start, end)]
    if not befores:
        return False
    # `the week prior to commencement`: a time word that the period before the intervention is counted in
    return not any(not any(0 <= b - m.end() <= 3 for b in befores)
                   for m in word_pattern("later_time").finditer(key, start, end))


def _dose_given(r, m: Mention, first: int) -> bool:
    """`The mean dose of X administered was 433 ± 237 ml`, `the delivered dose was … 31 ml/kg`: the treatment as
    given, one number alone. A dose in a sentence of two groups or a p (rescue analgesia used) stays a result."""
    if m.kind in ("pair", "cross", "run") or m.num.details.get("p_value") or m.measure.start >= m.measure.end \
            or len(r.arms) >= 2:
        return False
    # the words just before the number: a measure carried over a run of numbers would make this quadratic
    said = r.key[max(m.measure.start, first - 160):max(m.measure.end, first)]
    if word_pattern("dose_noun").search(said) is None or word_pattern("dose_given").search(said) is None:
        return False
    # the sentence-wide p check last and once per piece: per number it made long runs of numbers quadratic
    return not _has_p(r.key, r.s, r.e)


@lru_cache(maxsize=64)
def _has_p(key: str, start: int, end: int) -> bool:
    return _P_SAID.search(key, start, end) is not None


def _allocated(r, first: int) -> bool:
    """`were randomized (A, 240; B, 238)`: the numbers in brackets right after a disposition word."""
    open_ = r.key.rfind("(", r.s, first)
    if open_ < 0 or ")" in r.key[open_:first]:
        return False
    return _DISPOSED.search(r.key[max(r.s, open_ - 30):open_]) is not None


def segment_start(r, k: int) -> int:
    """Where the words about the number at k start: the comma-delimited stretch before the bracket it
    is printed in (`… at baseline (Exercise = 2.4 ± 1.1 …)`), or before it."""
    a = measure_stage.anchor(r.key, r.s, k)
    cut = max(r.key.rfind(", ", r.s, a), r.key.rfind(";", r.s, a), r.key.rfind("(", r.s, a))
    return max(r.s, cut + 1, r.clause_start(k))


def han_bare_pair(r, m: Mention) -> bool:
    """`(10 比 2)`: bare numbers compared in Chinese count only with their label inside the brackets
    (`(3、4 级 AEs:13 比 27)`); a count of patients who did something else is no result."""
    x = m.num
    open_ = r.key.rfind("(", r.s, x.start)
    han = HAN_CHAR.search(r.key[max(r.s, open_ - 6):x.start])
    return bool(han) and not x.unit and not (open_ >= 0 and m.measure.start > open_)


def counted(r, m: Mention) -> bool:
    """A count of people or events is a result when it is compared or listed, when its endpoint or
    an event follows it (`10 例达 PR`, `21例患者发生不良反应`, `250 deaths`), or (English) when its
    arm is printed by it with a measure of its own clause (`16 patients in group I`)."""
    x = m.num
    if m.kind in ("pair", "cross"):
        return not han_bare_pair(r, m)
    if r.label_after(x) is not None:
        return True
    if _EVENT_AFTER.match(r.key, x.stop):
        # the count's measure is its endpoint right before it (`达 PR 者 10 例`) or the event after it
        return not m.carried and (m.measure.end <= x.start and x.start - m.measure.end <= 8
                                  or m.measure.start >= x.stop)
    if _han_named_count(r, m):
        return True
    later = _later_counts().match(r.key, x.stop) if m.kind == "run" else None
    if later and _EVENT_AFTER.match(r.key, later.end()):
        return not m.carried and m.measure.start >= x.stop  # `分别有2例、5例、6例发生恶心`: each count the event's
    # `… were still found in the stool of 5 children in group B`: an event verb before, the arm after
    latin = not HAN_CHAR.search(r.key[max(r.s, x.start - 8):x.stop + 8])
    before = r.key[segment_start(r, r.first(x)):r.first(x)]
    return latin and m.explicit and not m.carried and m.measure.start < m.measure.end and \
        _EVENT_BEFORE.search(before) is not None

@lru_cache(maxsize=1)
def _later_counts() -> re.Pattern:
    """The later counts of a Chinese list after one (`、5例、6例`; result_words `han_and`)."""
    return re.compile(rf"(?:\s*(?:例|名)?\s*(?:,|{cue_alternation('result_words', 'han_and')})\s*\d+)+")


def _han_named_count(r, m: Mention) -> bool:
    """`完全缓解（CR）4例`, `PR 13例`, `乏力5例`: a Chinese count of people right after the measure it counts (an
    endpoint of the lexicon, or an event or outcome the Chinese measure reader accepts), in its own clause."""
    x = m.num
    if m.carried or not (m.measure.start < m.measure.end <= x.start) or not re.search(r"例|名", r.key[x.end:x.stop]):
        return False
    gap = r.key[m.measure.end:x.start]
    named = m.measure.start, m.measure.end
    if not (m.measure.code or _han_counted_name(r.key, r.clause_start(named[0]), *named, r.first(x))):
        return False  # `临床分期Ⅲ期20例`: a stage, a level or a score counted is who was studied
    return re.fullmatch(r"\s*(?:\([a-z]{1,5}\))?\s*(?:者|为|有|共)?\s*", gap) is not None and \
        HAN_CHAR.search(r.key[max(r.s, x.start - 12):x.stop + 2]) is not None



def _han_counted_name(key: str, s: int, a: int, b: int, k: int) -> bool:
    """Whether a Chinese measure [a, b) names what people are counted for: an event right before it (`出现恶心`),
    the item before it in a list of counts (`恶心3例、乏力`), or a word of result_words `han_counted` ending it."""
    return bool(re.search(rf"(?:{cue_alternation('result_words', 'han_event')})\s*\Z", key[max(0, a - 4):a])
                or measure_stage.next_item(key, s, a, k)
                or re.search(rf"(?:{cue_alternation('result_words', 'han_counted')})\Z", key[a:b]))


# -- helpers ----------------------------------------------------------------------------------------
