"""Stage 3 of reading results: the measure a number reports, as the text names it.

Three sources, in this order: an endpoint the lexicon knows, named before the number in its clause
(`ORR 为 16.7%`, `median overall survival was 14.2 months`) or right after it (`33% 的 PR`); the
measure phrase the clause is about (the subject before its verb, `the incidence of cardiopulmonary
adverse events was higher …`; the words after the number when the number is the subject, `45.8% of
patients achieved LDA or remission`); the measure of the clause or sentence before, when this one
names none (`…; the corresponding values were …`). Group names, time points, lead clauses and
discourse words are never part of it. An abbreviation the document defines (`vital sign fluctuation
(VSF)`) is written with its long form. The time point the clause names (`at week 12`, `1 年`) is
kept apart as the timeframe.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from evkg.core.text import HAN
from evkg.extract.results import predicate
from evkg.extract.results.tokens import names_measure_after, trait_before, word_pattern
from evkg.extract.results.tokens import words as words_of
from evkg.extract.text.views import View
from evkg.extract.vocabulary.cues import cue_alternation, cue_table, cue_words

_WORD = re.compile(r"[a-z][a-z0-9'\-/]*|[a-z0-9]*\d[a-z0-9\-]*[a-z][a-z0-9\-]*")
_MAX_WORDS = 12
# A clause's own words end at these (the measure never crosses them).
_BOUNDARY = re.compile(r"[;:\[\]\n=]|,\s|\.\s|，|；|：|。")
# A full stop the text printed with no space after a bracket (`… n = 744).The primary …`): a sentence ends there.
_JOINED_STOP = re.compile(r"\)\.(?=[a-z]{2})")
# Numbers spelt out before a time unit (`at six months`; ontology/cues/number_words.tsv, 1-19).
_SPELT = "(?:" + "|".join(sorted((w for w, v, role, *_ in cue_table("number_words") if role == "unit" and int(v)),
                                 key=len, reverse=True)) + ")"
_TIME = re.compile(r"(?<![a-z0-9.])"
                   r"(?:(?:at|after|by|within|up to|over|through|during|from|to|between|towards?|until)\s+)?"
                   r"(?:the\s+)?"
                   r"(?:(?:end|start) of (?:the )?(?:study|treatment|follow-up)(?: period)?|"
                   r"(?:week|day|month|year|visit|cycle)s?\s*\d+(?:\s*(?:and|to|-)\s*\d+)?|"
                   rf"(?:\d+(?:\.\d+)?\s*-?|{_SPELT}\s)\s*(?:weeks?|months?|years?|days?|hours?|h|min(?:utes)?)"
                   r"(?:\s+(?:post|after)"
                   r"[a-z\-]*)?)(?![a-z])|(?:半|\d+)\s*(?:个)?\s*(?:年|月|周)(?=[\u4e00-\u9fff]{0,4}(?:生存|存活|率))")


@dataclass(frozen=True)
class Measure:
    code: str  # vocabulary code, or "" when none names it
    text: str  # the measure as the text names it (with a defined abbreviation's long form)
    start: int  # key span of the measure as written (start == end when unknown)
    end: int
    timeframe: str = ""


def stop_words() -> frozenset[str]:
    return frozenset(cue_words("result_words", "measure_stop"))


@cache
def _verbs() -> re.Pattern:
    return word_pattern("verb")


def abbreviations(v: View) -> dict[str, str]:
    """ABBR -> its long form as written (`VSF` -> `vital sign fluctuation`), from the document's own
    `long form (ABBR)` (the Schwartz-Hearst rule: the letters of the short form appear in order in
    the long form, the first at a word start)."""
    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        text = v.ctx.doc.text
        for m in re.finditer(r"\(\s*([A-Za-z][A-Za-z0-9\-]{1,9})\s*[),;]", text):
            short = m.group(1)
            if short.lower() in out or not re.search(r"[A-Z]", short) or " " in short:
                continue
            before = text[max(0, m.start() - 120):m.start()].rstrip()
            words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'\-/]*", before)[-min(len(short) + 5, 2 * len(short)):]
            long = _long_form(short, words)
            if long:
                out[short.lower()] = long
        return out
    return v.ctx.memo("result_abbreviations", build)


def _long_form(short: str, words: list[str]) -> str:
    letters = [c.lower() for c in short if c.isalnum()]
    for i in range(len(words) - 1, -1, -1):
        cand = " ".join(words[i:])
        if cand[0].lower() != letters[0]:
            continue
        s = cand.lower()
        pos = len(s)
        ok = True
        for c in reversed(letters):
            pos = s.rfind(c, 0, pos)
            if pos < 0:
                ok = False
                break
        if ok and pos == 0 and len(words) - i <= len(letters) + 2:
            return cand
    return ""


def timeframe(v: View, s: int, e: int, k: int, values=()) -> str:
    """The time point the clause [s, e) names nearest before the number at k (else after it), as written;
    never a reported value itself (`20.1 months`)."""
    best = None
    for m in _TIME.finditer(v.key, s, e):
        if any(x.first <= m.start() < x.stop or m.start() <= x.start < m.end() for x in values) or \
                trait_before(v.key, m.start()):
            continue  # a value, or a trait (`mean age of 67 years`), is no time point
        if m.end() <= k:
            best = m
        elif best is None and m.start() >= k and not names_measure_after(v.key, m.end()):
            best = m  # (not `…, 60 min plasma insulin (326 …)`: the time of the measure after it)
            break
    if best is None:
        return ""
    a, b = v.span(best.start(), best.end())
    return re.sub(r"^the\s+", "", v.ctx.doc.text[a:b].strip(), flags=re.I)


# A time point printed right after a value (`1.8 ± 1.0 at 4 weeks`, `64% and 70% at 26 weeks`) is that value's.
_TIME_AFTER = re.compile(r"\s*(?=(?:at|after|by|on)\s)")


def timeframe_after(v: View, stop: int, e: int) -> str:
    """The time point printed right after a value ending at key offset stop (`… at 4 weeks`), as written; none
    when it names a measure of its own (`… at 60 min plasma insulin (326 …)`)."""
    lead = _TIME_AFTER.match(v.key, stop, e)
    m = _TIME.match(v.key, lead.end(), e) if lead else None
    if m is None or m.end() == m.start() or names_measure_after(v.key, m.end()):
        return ""
    a, b = v.span(m.start(), m.end())
    return re.sub(r"^the\s+", "", v.ctx.doc.text[a:b].strip(), flags=re.I)


def anchor(key: str, s: int, k: int) -> int:
    """Where the words naming the number at k end: at the bracket it is printed in (`pain (41% vs 27%)`
    is about `pain`), else at the number."""
    depth, i = 0, k - 1
    while i >= s:
        c = key[i]
        if c in ")]）":
            depth += 1
        elif c in "([（":
            if depth == 0:
                return i
            depth -= 1
        i -= 1
    return k


@cache
def _MEDIAN_OPEN() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"[(\[]\s*(?:{cue_alternation('median_words')})(?![a-z])")


@cache
def _MEAN_WORD() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"(?:the\s+)?(?:{cue_alternation('result_words', 'mean_word')})\s+", re.I)


@cache
def _SUBGROUP_LEAD() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    heads, people = cue_alternation("result_words", "subgroup_head"), cue_alternation("result_words", "people")
    which = cue_alternation("result_words", "subgroup_which")
    return re.compile(rf"\s*((?:in|among|within|for)\s+(?:the\s+)?(?:[^,;.()\d]{{1,40}}?\s(?:{heads})"
                      rf"|(?:{people})\s+(?:{which})\s[^,;.()]{{1,40}}?)),\s")


@cache
def _MEDIAN_WORD() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"(?:{cue_alternation('median_words')})\s+", re.I)


def subgroup_lead(key: str, s: int) -> tuple[int, int] | None:
    """The subgroup a sentence opens on (`In the open-surgery subgroup, …`, `Among patients with diabetes, …`), whose
    numbers its measure is of: the lead's span without its comma."""
    m = _SUBGROUP_LEAD().match(key, s)
    return m.span(1) if m else None


def stat_lead(text: str) -> str:
    """The word naming a statistic a measure opens with (`mean ` of `mean systolic`), else ""."""
    lead = _MEAN_WORD().match(text) or _MEDIAN_WORD().match(text)
    return text[:lead.end()] if lead else ""


def median_bracket(key: str, s: int, k: int) -> bool:
    """Whether the number at k stands in a bracket that opens with a median word (`was 5.8 h (median 4.2 h)`,
    `(median, 3.1 hours versus 1.6 hours`): a median, whatever statistic the measure before it names."""
    open_ = anchor(key, s, k)
    return open_ < k and _MEDIAN_OPEN().match(key, open_) is not None


def as_median(m: Measure) -> Measure:
    """A measure named for its mean (`mean time to first stool`) as the median's: without the mean's word."""
    lead = _MEAN_WORD().match(m.text)
    return Measure(m.code, m.text[lead.end():], m.start, m.end, m.timeframe) if lead and m.text[lead.end():] else m


def phrase(v: View, s: int, k: int, arms, after: int | None = None, e: int | None = None) -> tuple[int, int] | None:
    """Key span of the measure phrase of the number at k (see _phrase): a measure named right before its number
    in a clause that leaves out its verb first (`sensitivity was 61% and its specificity 94%`), and a bare plural
    head the sentence named with its object before (`incidences` after `the incidence of cysts`) takes that."""
    labelled = _stat_labelled(v.key, s, k)
    if labelled and not any(g.start < labelled[1] and labelled[0] < g.end for g in arms) and \
            not written(v, *labelled).isupper():
        return labelled  # (`CBT: Mpost = …` names a group, no measure; a short name in capitals may be one)
    gapped = _gapped(v.key, s, anchor(v.key, s, k))
    if gapped:
        return gapped
    span = _phrase(v, s, k, arms, after, e)
    last = re.search(r"(?:^|:\s*)([a-z0-9\-]+)\Z", v.key[span[0]:span[1]]) if span else None
    if last and stat_name(last.group(1)) and not word_pattern("stat_label").fullmatch(last.group(0)):
        return None  # `PDT: Mpost = 3.4`: a statistic's name with its subscript is no measure (`AUC` may be one)
    return _past_method(v.key, s, _named_after(v.key, _plural_head(v.key, s, span))) if span else span


@cache
def _METHOD() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"(?:{cue_alternation('result_words', 'method_lead')})\s+[^,;()]{{1,60}}?\s(?=(?:an?|the)\s)")


def _past_method(key: str, s: int, span: tuple[int, int]) -> tuple[int, int]:
    """`Using imputed data an increase in utility`: the measure starts after the clause opening its sentence that
    says how it was found (result_words `method_lead`), at the determiner after it (not `had been using ICS …`)."""
    m = _METHOD().match(key, span[0], span[1])
    opening = not re.search(r"[a-z0-9]", key[max(s, key.rfind("\n", s, span[0]) + 1):span[0]])
    if m is None or not opening or not names_measure(key[m.end():span[1]]):
        return span
    return _words(key, m.end(), span[1]) or span


@cache
def _SUBSCRIPTED() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"(.+?)(?:{cue_alternation('result_words', 'stat_subscript')}|t?\d)?")


def stat_name(name: str) -> bool:
    """A statistic's name (result_words `stat_label`), with a time point as its subscript or not (`Mpre`, `SDpost`,
    `M1`): never a group's."""
    m = _SUBSCRIPTED().fullmatch(name)
    return bool(word_pattern("stat_label").fullmatch(name) or m and word_pattern("stat_label").fullmatch(m.group(1)))


@cache
def _STAT_LABELLED() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    sub = cue_alternation("result_words", "stat_subscript")
    return re.compile(rf"(?:^\s*|[(;]\s*)([a-z][a-z0-9\-]*(?: [a-z0-9\-]+){{0,3}})\s*:\s*"
                      rf"(?:{cue_alternation('result_words', 'stat_label')})(?:{sub}|t?\d)?\s*[=:]\s*\Z")


def _stat_labelled(key: str, s: int, k: int) -> tuple[int, int] | None:
    """`(anxiety: Mpre = 3.6, SDpre = 1.1 vs. …)`: the label before a statistic's name (APA style) is the measure."""
    a = max(s, k - 70)
    m = _STAT_LABELLED().search(key[a:k])
    return (a + m.start(1), a + m.end(1)) if m else None


@cache
def _APPOSITION() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"(?:the\s+)?(?:[a-z\-]+\s+)?(?:{cue_alternation('result_words', 'apposed')}),\s+")


def _named_after(key: str, span: tuple[int, int]) -> tuple[int, int]:
    """`primary outcome, 30-day mortality`: the measure the apposition names, not the role it plays."""
    m = _APPOSITION().match(key, span[0], span[1])
    rest = key[m.end():span[1]].rstrip(", ") if m else ""
    return (m.end(), m.end() + len(rest)) if m and names_measure(rest) else span


# `… 61.2% and its specificity 94.8%`: after a value, `and`, a determiner (result_words `gap_lead`), a noun
# phrase printed right before the number it names.
@cache
def _GAP() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"\d\s*%?\s*,?\s+and\s+(?:{cue_alternation('result_words', 'gap_lead')})\s+"
                      r"([a-z][a-z'\-]*(?:\s+[a-z][a-z'\-]*){0,3})\s*\Z")


def _gapped(key: str, s: int, end: int) -> tuple[int, int] | None:
    m = _GAP().search(key, s, end)
    if m is None or _verbs().search(m.group(1)) or _finite().search(m.group(1)):
        return None
    return m.span(1) if names_measure(m.group(1)) else None


# ` of (the) benign cysts` before the clause's verb, a comma or a preposition of where or among whom: what a
# measure word counts.
@cache
def _of_object() -> str:
    return (r"\s+of\s+(?:the\s+)?[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,3}?"
            rf"(?=\s+(?:was|were|is|are|did|had|remained|{cue_alternation('result_words', 'object_end')})\b|\s*[,;(])")


def _plural_head(key: str, s: int, span: tuple[int, int]) -> tuple[int, int]:
    """`incidences` whose sentence said `the incidence of benign cysts` before it: that phrase."""
    word = key[span[0]:span[1]]
    if not re.fullmatch(r"[a-z]{4,}s", word):
        return span
    said = list(re.finditer(rf"(?<![a-z]){re.escape(word[:-1])}{_of_object()}", key[s:span[0]]))
    m = said[-1] if said else None
    return (s + m.start(), s + m.end()) if m else span


def _phrase(v: View, s: int, k: int, arms, after: int | None = None, e: int | None = None) -> tuple[int, int] | None:
    """Key span of the measure phrase of the number at k whose clause runs from s: the subject before
    the clause's verb (in the stretch before the number, else in the whole clause before it); when that
    subject is only a generic word (`the proportion`, `the increase`) or missing, the words after the
    number (`45.8% of patients achieved LDA`); else the words after the last `in`/`of` before it."""
    key = v.key
    end = anchor(key, s, k)
    s = max([m.end() for m in _JOINED_STOP.finditer(key, s, end)], default=s)
    cut = _list_start(key, s, max([m.end() for m in _BOUNDARY.finditer(key, s, end)], default=s), end, arms)
    # `the test time (12.8 min) and the mean dose of X (3 mg)`: the words after the value printed before
    cut = max([m.end() for m in _VALUE_BRACKET.finditer(key, cut, end)], default=cut)
    said = [m.end() for m in _that_clause().finditer(key, cut, end)]
    if said:  # `the analysis indicates that walkers recorded …`: the clause after `that`
        s = cut = said[-1]
    attached = _attached(blank(key, arms, cut, end), cut)
    if attached:
        return attached  # `decreased LDL cholesterol by 4.9%`, `a total cost saving of about €1,500`
    if after is not None and _opens_clause(key, s, cut, end):
        found = after_words(key, arms, after, e)
        if found:
            return found  # `…, 13.5% were current smokers`: the number is its clause's subject
    generic = None
    lead = _LEAD.match(key, s, end)  # `According to this model, …`: a sentence's lead is no part of its subject
    lead_end = lead.end() if lead.end() <= cut else s
    absolute = _WITH_GIVEN().fullmatch(key, cut, end) if cut > s and re.search(r"\d", key[s:cut]) else None
    if absolute and names_measure(absolute.group(1)):
        return absolute.span(1)  # `…, with additional oxygen given in 6 (1.0%)`: not the clause before's subject
    passes = ((cut, end), (s, end))
    for a, b in passes:
        seg = blank(key, arms, a, b)
        counted = predicate.predicate_of_count(seg, 0)
        if counted:
            return a + counted[0], a + counted[1]  # `Eight participants … reported knee swelling (10.0%)`
        span = _past_lead(key, _verb_subject(seg, a), lead_end)
        acted = _object_of(seg, a, span)
        if acted:
            return acted  # `Treatment with golimumab yielded higher MDA response rates`: what the agent changed
        if span is None or _names_people(seg[:span[0] - a]):
            compared = _compared(seg, a)
            if compared:
                return compared  # `subjects on X had more weight loss (…)`: who was measured is no measure
        if span and not _generic(key[span[0]:span[1]]):
            return span
        attained = _attained(key, seg, a, span) if span else None
        if attained:
            return attained  # `a higher proportion of subjects … achieved HbA1c < 7.0% (…)`: the responders' target
        generic = generic or span
    if after is not None:
        found = after_words(key, arms, after, e)
        if found:
            return found
    if generic:
        return generic
    for a, b in passes:
        span = _subject(blank(key, arms, a, b), a)
        if span:
            return span
    return None


# A comma-separated item of a list of names: one to three words, no digit, bracket or verb-like break.
_ITEM = re.compile(r"\s*([a-z][a-z\-/']*(?:\s+[a-z][a-z\-/']*){0,2})\s*,\s*\Z")


# After a list's comma: more items, then `and`/`or` and the last one.
_LIST_GOES_ON = re.compile(r"\s*(?:([a-z][a-z\-/']*(?:\s+[a-z\-/']+){0,2}?)\s*,?\s+)?(?:and|or)\s")


def _plain_item(item: str) -> bool:
    """A list item naming something: its first word no stop word, preposition, discourse word or past participle
    (`followed by`), no verb in it."""
    words = item.split()
    return bool(words) and words[0] not in _not_alone() and not re.fullmatch(r"[a-z]{4,}ed", words[0]) and \
        _verbs().search(item) is None and _finite().search(item) is None


def in_name_list(key: str, s: int, comma: int, arms=()) -> bool:
    """Whether the `, and` at comma ends a list of names (`the Skin, subcutaneous, and connective tissue class`): the
    item before it is a plain one of one to three words after a comma of its own, and no arm is listed."""
    item = _ITEM.search(key, s, comma + 1) if key[comma:comma + 1] == "," else None
    if item is None or any(item.start(1) <= g.start < comma + 40 for g in arms):
        return False
    return _plain_item(item.group(1)) and key[:item.start(1)].rstrip().endswith(",")


def _list_start(key: str, s: int, cut: int, end: int, arms=()) -> int:
    """Where the words of a number's clause start when the comma they were cut at is inside a list of names ending
    in `and`/`or` (`PPV, NPV and accuracy were`, `the Skin, subcutaneous, and connective tissue class was`): at the
    list's first item; else at cut."""
    goes_on = _LIST_GOES_ON.match(key, cut, end)
    if cut <= s or key[cut - 2:cut].strip() != "," or not goes_on or goes_on.group(1) and \
            not _plain_item(goes_on.group(1)):
        return cut
    crossed = 0
    while cut > s:  # back over the items after a comma of their own
        item = _ITEM.search(key, s, cut)
        if item is None or not _plain_item(item.group(1)) or not key[:item.start(1)].rstrip().endswith(","):
            break
        cut, crossed = item.start(1), crossed + 1
    # the list's first item: with the words before it up to the clause's last break after two commas (`the rate in
    # the Skin, subcutaneous, and …`), a plain item of its own after one (`PPV, NPV and accuracy`)
    before = max([m.end() for m in _BOUNDARY.finditer(key, s, key.rfind(",", s, cut))], default=s)
    first = _ITEM.fullmatch(key, before, cut)
    if any(before <= g.start < goes_on.end() + 40 for g in arms):
        return cut  # `Girls receiving glutamine, zinc, and vitamin A had …`: a list of what groups were given
    if crossed and names_measure(key[before:cut]) and not _verbs().search(key, before, cut) or \
            first and _plain_item(first.group(1)):
        return before
    return cut


# A threshold printed right after a target (`HbA1c < 7.0%`, `LDL ≤ 2.6 mmol/L`): part of a responder's definition.
_THRESHOLD = re.compile(r"\s*(?:[<>≤≥]=?|<=|>=)\s*\d+(?:[.,]\d+)?\s*(?:%|[a-zμ/]{1,8}(?:/[a-z]{1,4})?)?")


def _attained(key: str, seg: str, base: int, subject: tuple[int, int]) -> tuple[int, int] | None:
    """The verb and target after a generic subject (`the proportion of subjects … achieved HbA1c < 7.0%`) when the verb
    says a target was reached (result_words `attain_verb`): `achieved HbA1c < 7.0%`, with its threshold."""
    verb = word_pattern("attain_verb").search(seg, subject[1] - base)
    first = _verbs().search(seg, subject[1] - base)
    if verb is None or first is not None and first.start() < verb.start():
        return None
    stop = re.search(r"[(\[,;]", seg[verb.end():])  # (`_words` cuts at `than`, `versus`, …)
    obj = _words(seg, verb.end(), verb.end() + (stop.start() if stop else len(seg) - verb.end()))
    if obj is None:
        return None
    threshold = _THRESHOLD.match(key, base + obj[1])
    return base + verb.start(), threshold.end() if threshold else base + obj[1]


@cache
def _WITH_GIVEN() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    """`with additional oxygen given in `: an absolute clause after a comma naming what its number counts."""
    return re.compile(rf"\s*with\s+([a-z][^,;()\d]{{1,40}}?\s(?:{cue_alternation('result_words', 'dose_given')}|"
                      r"[a-z]{3,}ed))\s+(?:in|to|for|by)\s*")


def _past_lead(key: str, span: tuple[int, int] | None, lead_end: int) -> tuple[int, int] | None:
    """A subject span without the sentence's lead (`At the start of therapy, new samples were …` -> `new samples`);
    None when it lies in the lead (`According to this model`)."""
    if span is None or span[0] >= lead_end:
        return span
    words = _words(key, lead_end, span[1]) if span[1] > lead_end and names_measure(key[lead_end:span[1]]) else None
    if words:
        return words
    # `For the grade of food residue, there were 12 cases`: the lead names the measure of an existential clause;
    # `According to this model, …`, `In the multivariate analysis, the X group had …` name none
    there = re.match(r"[\s,]*there\b", key[lead_end:span[1] + 8])
    return span if there and not re.search(r"(?<![a-z])according\s+to\b", key[max(0, span[0] - 13):lead_end]) else None


# A bracket holding a value and its unit, closed before a number's words (`(12.8 min) and`), not an interval's name.
_VALUE_BRACKET = re.compile(r"[-+]?\d[\d.,]*\s*(?!\s*%?\s*(?:ci|confidence|iqr|range|sd|se)\b)[^()\d]{0,12}\)"
                            r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as|while|whereas)\s+)")


@cache
def _VALUE_WHO() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    """A value's count of people and what they were on, then `and`, right before the next value (`4 (5%) participants
    receiving nasal spray and `)."""
    people, on = cue_alternation("result_words", "people"), cue_alternation("result_words", "who_on")
    return re.compile(rf"\d[\d.,]*\s*%?\s*\)?\s+(?:{people})\s+(?:{on})\s+"
                      r"[^,;()\d]{1,40}?\s*(?:,\s*)?(?:and|or|versus|vs\.?)\s*\Z")


def counted_before(key: str, s: int, k: int) -> bool:
    """Whether the words before the number at k are who the value before it counted (`4 (5%) participants receiving
    X and 2 (3%) …`): no words of its own, so the measure of the value before is its."""
    who = _VALUE_WHO().search(key, s, anchor(key, s, k))
    return who is not None and not _verbs().search(who.group(0)) and not _finite().search(who.group(0))


_FROM = re.compile(r"\sfrom\s")


@cache
def _change_verbs() -> re.Pattern:
    """The verbs of result_words `change_verb` (`decreased by` -> `decreased`), whose object `to N` reaches."""
    verbs = sorted({w.split()[-2] for w in words_of("change_verb") if len(w.split()) >= 2}, key=len, reverse=True)
    return re.compile(rf"(?<![a-z])(?:{'|'.join(map(re.escape, verbs))})(?![a-z])")


# `increased the mean energy to 1331`: the object of an effect verb before `to N` (not `compared to N`, `up to N`).
_RAISED_TO = re.compile(r"(?<![a-z])(?<!compared )(?<!relative )(?<!similar )(?<!equal )(?<!up )to\s+[$€£¥]?\s*\Z")


@cache
def _lead_in(word: str) -> re.Pattern:
    """`by` / `of` (with a hedge, `of about`, and a currency sign) ending right before a number."""
    return re.compile(rf"(?<![a-z]){word}\s+(?:(?:{cue_alternation('result_words', 'approx')})\s+)?[$€£¥]?\s*\Z")


def _attached(seg: str, base: int) -> tuple[int, int] | None:
    """The noun phrase a number is attached to in its own words: the object of an effect verb before
    `by N` or `to N` (`reduced the exacerbation rate by 27%`, `increased the mean energy to 1331`), or the phrase
    before `of N` after a verb or `with`
    (`received a mean proportion of the energy target of 105%`); never a generic word alone."""
    seg = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), seg)  # `saving (42 patients) of`
    by = _lead_in("by").search(seg)
    to = None if by else _RAISED_TO.search(seg)
    if by or to:
        # `to N` ends the object of a verb of change only (`increased X to N`, not `reported to range … to N`)
        verbs = list((_change_verbs() if to else word_pattern("effect_verb")).finditer(seg, 0, (by or to).start()))
        end = (by or to).start()
        if to and verbs:  # `increased urine sodium from 22 to 78`: the object ends before its `from`
            end = next((m.start() for m in _FROM.finditer(seg, verbs[-1].end(), end)), end)
        span = _words(seg, verbs[-1].end(), end) if verbs else None
        if span and not _generic(seg[span[0]:span[1]]) and not _verbs().search(seg, span[0], span[1]):
            return base + span[0], base + span[1]
        return None
    of = _lead_in("of").search(seg)
    if not of:
        return None
    leads = list(word_pattern("np_lead").finditer(seg, 0, of.start()))
    if not leads:
        return None
    span = _words(seg, leads[-1].end(), of.start())
    if span is None or _generic(seg[span[0]:span[1]]) or len(seg[span[0]:span[1]].split()) > 8:
        return None
    return base + span[0], base + span[1]


@cache
def _that_clause() -> re.Pattern:
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'that_verb')})\s+that\s+")


def _opens_clause(key: str, s: int, cut: int, end: int) -> bool:
    """Whether a number opens its clause (`, 13.5% were …`, `showed that 37.7% had …`); not after a label's
    colon or equals sign (`ACR20 in FAS: 63.6% …`)."""
    if re.search(r"(?<![a-z])that\s*\Z", key[cut:end]):
        return True
    return not key[cut:end].strip() and (cut == s or key[:cut].rstrip().endswith(","))


# `1.8 times more likely to`, `twice as likely to`: the verb phrase after it names what the number compares.
_TIMES_LIKELY = re.compile(r"\s*(?:times\s+)?(?:more|less|as)\s+likely\s+(?:to\s+|not\s+to\s+)?(?=[a-z])")
_OF_PATIENTS = re.compile(r"\s*(?:[a-z\-]*\s+)?(?:of\s+(?:the\s+)?(?:[a-z\-]+\s+)?"
                          r"(?:patients|participants|subjects|cases|children|women|men)?\s*(?:who\s+|that\s+)?)")


def after_words(key: str, arms, after: int, e: int | None) -> tuple[int, int] | None:
    """`45.8% of patients achieved LDA or remission`, `250 deaths`: the measure printed after the number."""
    end = e if e is not None else len(key)
    stop = _BOUNDARY.search(key, after, end)
    end = min(stop.start() if stop else end, after + 100)
    seg = blank(key, arms, after, end)
    pred = predicate.after_groups(seg)
    if pred:  # `… (43.8%) in the usual-care group fell at least once`
        return after + pred[0], after + pred[1]
    m = _OF_PATIENTS.match(seg)
    if m and m.group(0).strip():
        words = _words(seg, m.end(), len(seg))
        return (after + words[0], after + words[1]) if words else None
    likely = _TIMES_LIKELY.match(seg)
    if likely:  # `1.8 times more likely to stop treatment`: what the number says is likelier
        words = _words(seg, likely.end(), len(seg))
        return (after + words[0], after + words[1]) if words else None
    said = _COUNT_VERB_AS().match(seg)
    if said:  # `12.4% were identified as current smokers`, `31.5% had tried snuff`: what the number counts
        digit = re.search(r"(?:,?\s+(?:and|or)\s+)?[-+]?\d", seg[said.end():])
        words = _words(seg, said.end(), said.end() + digit.start() if digit else len(seg))
        return (after + words[0], after + words[1]) if words else None
    # `112 deaths and 140 progressions were recorded`: the noun a count counts
    noun = re.match(r"\s+((?!(?:in|of|for|with|and|or|to|at|on|by|vs|versus|than|patients|participants)\b)[a-z][a-z\-]+"
                    r"(?:\s+[a-z][a-z\-]+){0,2}?)(?=\s+(?:and|or|were|was|in|of|occurred|had)\b|\s*[,;.)]|$)", seg)
    if noun and not _verbs().fullmatch(noun.group(1)) and noun.group(1).split()[0] not in _unit_words():
        return after + noun.start(1), after + noun.end(1)
    return None


@cache
def _COUNT_VERB_AS() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    verbs, as_ = cue_alternation("result_words", "count_verb"), cue_alternation("result_words", "as_verb")
    return re.compile(rf"\s*(?:{verbs})\s+(?:(?:{as_})\s+(?:as|with)\s+)?(?:being\s+)?(?=[a-z])")


@cache
def _unit_words() -> frozenset[str]:
    """Units as written (ontology/cues/units.tsv) and nouns of a unit (result_words `unit_noun`): `14 ± 5 mg` counts no
    `mg`, `0.19 (…) units` no `units`."""
    return frozenset(w for w in cue_words("units") if re.fullmatch(r"[a-z/]+", w)) | \
        frozenset(cue_words("result_words", "unit_noun"))


def _verb_subject(seg: str, base: int) -> tuple[int, int] | None:
    """The words before the clause's verb (a verb after `who`/`that`/`which` is a relative clause's)."""
    for m in _verbs().finditer(seg):
        if re.search(r"(?:who|that|which)\s+\Z", seg[:m.start()]) or not re.search(r"[a-z]{3}", seg[:m.start()]):
            continue
        aside = _ASIDE.search(seg, 0, m.start())  # `the proportion who improved, which was assessed …`
        span = _words(seg, 0, aside.start() if aside else m.start())
        return (base + span[0], base + span[1]) if span else None
    return None


# A non-restrictive relative clause (`, which was assessed at week 4,`): an aside, never part of a measure.
_ASIDE = re.compile(r",\s*(?:which|whose)\b")


def _object_of(seg: str, base: int, subject: tuple[int, int] | None) -> tuple[int, int] | None:
    """The object of an effect verb whose subject names who or what acted, not a measure (ontology/cues/
    result_words.tsv `agent`, `effect_verb`): `per protocol analysis found the rate of relapse to be
    lower`, `[drug] significantly reduced sVCAM-1 level` -> `the rate of relapse`, `sVCAM-1 level`."""
    verb = word_pattern("effect_verb").search(seg, subject[1] - base if subject else 0)
    first = _verbs().search(seg, subject[1] - base if subject else 0)
    if verb is None or first is not None and first.start() < verb.start():
        return None
    words = [w for w in re.findall(r"[a-z][a-z\-]*", seg[:verb.start()]) if w not in stop_words()]
    if any(w not in cue_words("result_words", "agent") for w in words) and not _agent_of(seg[:verb.start()]):
        return None
    rest = seg[verb.end():]
    stop = re.search(r"\s(?:to be|in|among|for|with|when|after|by|compared|relative|than|versus|vs)\s|[(\[,;]", rest)
    obj = _words(rest, 0, stop.start() if stop else len(rest))
    if obj is None:
        return None
    head = re.match(rf"(?:\s*(?:{cue_alternation('result_words', 'measure_stop')})(?![a-z]))*\s*", rest[obj[0]:obj[1]])
    a = verb.end() + obj[0] + (head.end() if head else 0)
    return (base + a, base + verb.end() + obj[1]) if a < verb.end() + obj[1] else None


@cache
def _AGENT_OF() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    return re.compile(rf"\s*(?:the\s+)?(?:{cue_alternation('result_words', 'agent')})\s+(?:of|with)\s+[^,;()]{{1,40}}")


def _agent_of(subject: str) -> bool:
    """`The injection of X`, `Treatment with X`: a subject naming what was given, whatever it is called."""
    return _AGENT_OF().fullmatch(subject.rstrip()) is not None


@cache
def _comparative() -> re.Pattern:
    """A comparative adjective and the words after it up to the arms' words (`more weight loss`, `a higher
    ovulation rate than`)."""
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'comparative')})\s+"
                      r"((?:(?!(?:than|in|among|for|with|compared|versus|vs|between|after|at|during)\b)[a-z0-9][a-z0-9'\-/]*\s*)+)")


@cache
def _people() -> re.Pattern:
    return re.compile(rf"(?:^|[,;]\s*)\s*(?:the\s+|all\s+|most\s+)?(?:{cue_alternation('result_words', 'people')})\s+"
                      r"(?:who\b|on\b|in\b|with\b|receiving\b|treated\b|given\b|allocated\b|randomi[sz]ed\b)?\s*(?:the\s+)?\Z")


def _names_people(before: str) -> bool:
    """Whether the words before a subject's phrase say who (`those on`, `patients receiving`): the phrase then names
    what they were given, not the measure."""
    return _people().search(before) is not None


def _compared(seg: str, base: int) -> tuple[int, int] | None:
    """The noun phrase after the last comparative of a clause's words (see `_comparative`), when it names a
    measure."""
    found = [m for m in _comparative().finditer(seg) if names_measure(m.group(1))]
    if not found:
        return None
    span = _words(seg, *found[-1].span(1))
    return (base + span[0], base + span[1]) if span else None


def compared_object(key: str, arms, a: int, b: int) -> tuple[int, int] | None:
    """`The X group gained less weight`: the noun phrase after a comparative in [a, b) when the words before it name
    only who (an arm, people, a verb), not a measure."""
    seg = blank(key, arms, a, b)
    found = _compared(seg, a)
    if found is None:
        return None
    before = re.sub(r"(?<![a-z])[a-z]+ed(?![a-z])", " ", seg[:found[0] - a])
    return None if names_measure(before) else found


def _generic(text: str) -> bool:
    """A subject that names no measure by itself (`the proportion`, `the increase`, `particularly`)."""
    words = [w for w in re.findall(r"[a-z][a-z\-]*", text.lower()) if w not in stop_words()]
    return not words or all(w in cue_words("result_words", "measure_generic") for w in words)


@cache
def _not_alone() -> frozenset[str]:
    """Words no measure is made of alone: stop words, generic heads and `not_measure` (`first`, `Among`)."""
    return stop_words() | frozenset(cue_words("result_words", "measure_generic")) | \
        frozenset(cue_words("result_words", "not_measure"))


@cache
def _WHO_OPENING() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    """Who a clause is about, opening it (`Students in the Long-Menu group`, `the usual care patients`)."""
    people = cue_alternation("result_words", "people")
    return re.compile(rf"\s*(?:the\s+)?(?:(?!of\s)[a-z\-]+\s+){{0,3}}?(?:{people})"
                      r"(?:\s+(?:in|on|of|receiving|given)\s+(?:the\s+)?[^,;()]{1,40}?\s(?:group|arm|cohort)s?)?(?![a-z])")


def did_only(key: str, a: int, b: int, arms=()) -> bool:
    """Whether the phrase [a, b) says only what people did (`profited`, `benefited slightly`, `Students in the X group
    entered`): a past tense, with adverbs, after who did it, no noun naming what was measured; not an adjective after
    a copula or a comparative (`were more satisfied`), nor a verb whose object is an arm (`preferred X to Y`)."""
    if any(b <= g.start <= b + 2 for g in arms):
        return False
    low = key[a:b]
    who = _WHO_OPENING().match(low)
    words = [w for w in re.findall(r"[a-z][a-z\-]*", low[who.end() if who else 0:]) if w not in stop_words()]
    if re.search(r"(?<![a-z])(?:who|that|which)\s", low):
        return False  # `the number of patients that received X`: a relative clause in a noun phrase
    before = re.search(r"([a-z]+)\s+\Z", key[max(0, a - 20):a])
    if before and (_finite().fullmatch(before.group(1)) or _comparative().match(before.group(1) + " x")):
        return False
    return any(re.fullmatch(r"[a-z]{4,}ed", w) for w in words) and \
        all(re.fullmatch(r"[a-z]{4,}ed|[a-z]{3,}ly", w) for w in words)


# A list of measure names: `, ` / `, and ` / ` and ` between them; where their shared words start (`… of the test`).
_CONJUNCT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_SHARED_TAIL = re.compile(r"\s+(?:of|in|for|at|on)\s")


def conjuncts(key: str, a: int, b: int, k: int) -> list[tuple[int, int, int]] | None:
    """`sensitivity and specificity of the test` read for k = 2 values: each name its own measure with the words they
    share (`sensitivity of the test`), as (start, end, start of the shared words) in key; None unless the names are
    exactly k, each a measure of at most three words."""
    tail = _SHARED_TAIL.search(key, a, b)
    head_end = tail.start() if tail else b
    cuts = list(_CONJUNCT.finditer(key, a, head_end))
    if len(cuts) != k - 1:
        return None
    bounds = [a] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [head_end]
    out = []
    for s, e in zip(bounds, ends):
        part = key[s:e]
        if not names_measure(part) or len(part.split()) > 3:
            return None
        out.append((s, e, head_end))
    return out


def names_measure(text: str) -> bool:
    """Whether a phrase names something measured: one word of it is no stop word, generic head, ordinal,
    preposition, discourse word or adjective of degree (`intermediate`, `first`, `Among`, `there` name nothing)."""
    words = re.findall(r"[a-z][a-z0-9'\-/]*|\d+[a-z][a-z0-9\-]*", text.lower())
    return any(w not in _not_alone() and w not in _unit_words() and len(w) >= 2 for w in words)


@cache
def _about() -> re.Pattern:
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'about')})\s+")


def topic_words(key: str, arms, s: int, k: int) -> tuple[int, int] | None:
    """The noun phrase after the last `concerning`/`regarding`/`in`/`of` before the number at k in the clause from s
    (`Comparable results were seen regarding the need to repeat dosing (0.41 …)`), when it names a measure."""
    end = anchor(key, s, k)
    s = max([m.end() for m in _BOUNDARY.finditer(key, s, end)], default=s)  # the number's own words
    seg = blank(key, arms, s, end)
    for m in reversed(list(_about().finditer(seg))):
        span = noun_phrase(seg, m.end(), len(seg))
        if span:
            span = _words(seg, *span)
        if span and not _generic(seg[span[0]:span[1]]) and not re.search(r"[\d=]", seg[span[0]:span[1]]):
            return s + span[0], s + span[1]
    return None


def _closed(key: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) with the bracket it opens closed when the closing one follows (`ratio (rer` -> `ratio (rer)`)."""
    close = re.match(r"[^()\d]{0,3}\)", key[e:])
    return (s, e + close.end()) if key[s:e].count("(") > key[s:e].count(")") and close else (s, e)


@cache
def _finite() -> re.Pattern:
    return re.compile(rf"(?<![a-z\-])(?:{cue_alternation('result_words', 'finite_verb')})(?![a-z\-])")


@cache
def _discourse() -> re.Pattern:
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'discourse')})(?![a-z])\s*,?\s*")


def noun_phrase(key: str, a: int, b: int) -> tuple[int, int] | None:
    """The span [a, b) of a measure cut to a noun phrase: after a discourse word inside it (`subgroup, however,
    the mean change` -> `the mean change`), before a finite verb after its first words (`HbA1c was more reduced
    in the X group` -> `HbA1c`; a relative clause's verb, `who were`, is kept), with its brackets balanced (`units
    (mg/dL` -> `units`). None when what is left names nothing measured (`first`, `Among`, `intermediate`)."""
    was = (a, b)
    aside = _ASIDE.search(key, a, b)
    if aside and names_measure(key[a:aside.start()]):
        b = aside.start()
    said = [m.end() for m in _discourse().finditer(key, a, b) if names_measure(key[m.end():b])]
    if said:
        a = said[-1]
    for m in _finite().finditer(key, a, b):
        if re.search(r"(?:who|that|which|whom)\s+(?:[a-z]+ly\s+)?\Z", key[a:m.start()]):
            continue
        if names_measure(key[a:m.start()]):
            b = m.start()
            break
    depth, cut = 0, None
    for i in range(a, b):
        if key[i] in "([":
            depth, cut = depth + 1, (i if depth == 0 else cut)
        elif key[i] in ")]":
            if depth == 0:
                a, cut = i + 1, None  # `) and units`: the bracket closed before the phrase began
            else:
                depth -= 1
                cut = cut if depth else None
    closed = re.match(r"[^()\d]{0,3}\)", key[b:]) if depth == 1 else None
    if closed:  # `the area under the curves (auc` found before `) were`: the bracket closes right after
        b += closed.end()
    elif cut is not None:
        b = cut
    if (a, b) == was:  # nothing to cut: the phrase stands as its reader found it (`had vivid dreams`)
        return was if names_measure(key[a:b]) else None
    span = _words(key, a, b)
    if span is None or not names_measure(key[span[0]:span[1]]):
        return None
    s, e = span
    close = key.find(")", e, b + 1)  # `total antioxidant capacity (TAC)`: keep a closed bracket at its end
    if key[s:e].count("(") > key[s:e].count(")") and close >= 0:
        e = close + 1
    named = re.match(r"\s*\([^()\d]{1,24}\)", key[e:b])  # `the area under the curve (AUC)`
    return s, e + (named.end() if named else 0)


# A sentence's opening lead (`In Group II, `, `After 8 weeks, `): no part of its subject.
_LEAD = re.compile(r"\s*(?:(?:in|among|within|for|after|at|during|following|by|on|with|according to)\s+[^,;.]{1,60},"
                   r"\s*)?")


def opening_subject(key: str, arms, s: int, e: int) -> tuple[int, int] | None:
    """The subject of the sentence [s, e) when it names a measure: the words after its lead, before its first verb
    (`In Group II, the VAS decreased from …` -> `VAS`, `The peak expiratory flow (PEF) is plotted in …`)."""
    seg = blank(key, arms, s, e)
    lead = _LEAD.match(seg)
    a = lead.end() if lead else 0
    verb = _verbs().search(seg, a)
    finite = _finite().search(seg, a)
    ends = [m.start() for m in (verb, finite) if m is not None]
    if not ends:
        return None
    b = min(ends)
    if re.search(r"[,;:()\d]", seg[a:b].replace("(", "").replace(")", "")):
        return None  # a subject said with numbers or over a comma is no plain measure phrase
    span = noun_phrase(seg, a, b)
    span = span and _words(seg, *span)
    span = span and _closed(seg, *span)
    if span is None or _generic(seg[span[0]:span[1]]) or \
            re.fullmatch(rf"(?:{cue_alternation('result_words', 'pronoun')})", seg[span[0]:span[1]]):
        return None
    return s + span[0], s + span[1]


def pronoun(key: str, a: int, b: int) -> bool:
    """Whether [a, b) names a measure said before and no measure of its own (`that effect was estimated …`,
    `the corresponding values`): its noun phrase is a pronoun of ontology/cues/result_words.tsv."""
    verb = _finite().search(key, a, b)
    text = key[a:verb.start() if verb else b].strip(" ,")
    return re.fullmatch(rf"(?:{cue_alternation('result_words', 'pronoun')})", text) is not None


def subject_words(seg: str) -> tuple[int, int] | None:
    """The measure words of a clause's text (see `_subject`), as offsets into it."""
    return _subject(seg, 0)


@cache
def _han_trim_end() -> re.Pattern:
    """Words ending a Chinese clause that are no part of its measure (result_words `han_trim_end`: the copula,
    hedges, `respectively`)."""
    return re.compile(rf"(?:{cue_alternation('result_words', 'han_trim_end')}|:|\s)+$")


@cache
def _han_trim_start() -> re.Pattern:
    """Words opening a Chinese clause that are no part of its measure (result_words `han_trim_start`), a
    separator, the unit of the value before (`h、住院时间`), or 有 that is not 有效."""
    return re.compile(rf"^(?:[\s,;、]|[a-z%]{{1,4}}、|{cue_alternation('result_words', 'han_trim_start')}|有(?!效))+")
# Right before an event's name: the count (and share) of the event before it in a list (`14例(28.0%)、`).
_HAN_NEXT_ITEM = re.compile(r"\d+\s*(?:例|名|次)\s*(?:\(\s*[\d.]+\s*%\s*\))?\s*(?:、|,|及|以及|和)\s*\Z")
# A count (and share) followed by the next counted item of its list (`8例(17.4%)、肝功能异常5例`).
_HAN_ITEM_AFTER = re.compile(r"\d+\s*(?:例|名|次)\s*(?:\(\s*[\d.]+\s*%\s*\))?\s*(?:、|及|以及|和)\s*"
                             r"[^\d,;:。()]{2,16}?\s*\d+\s*(?:例|名|次)")
# The counted items of a list right before a name (`恶心2例，腹泻1例，`).
_HAN_ITEMS_BEFORE = re.compile(r"(?:[^\d,;:。()、]{1,16}?\d+\s*(?:例|名|次)\s*(?:\(\s*[\d.]+\s*%\s*\))?\s*"
                               r"(?:、|,|及|以及|和)\s*)+\Z")
# The unit printed after a bracketed value, then `、` and the next item's name (`mmol/l、tg为`).


@cache
def _unit_before() -> re.Pattern:
    """The unit of the value before a name in a Chinese list (`mmol/L、`, `分、`: result_words `han_value_unit`)."""
    return re.compile(rf"(?:[a-z%/μ·0-9\-]{{1,10}}|{cue_alternation('result_words', 'han_value_unit')})、")


_HAN_PHRASE = re.compile(r"[\u4e00-\u9fffa-z0-9~\-、（）() ]{2,16}$")


def next_item(key: str, s: int, a: int, k: int) -> bool:
    """Whether a Chinese measure starting at a, its count at k, is an item of a list of counted events: after the
    count of the item before it (`恶心14例(28.0%)、乏力`) or before the next (`白细胞减少8例(17.4%)、肝功能异常5例`),
    in a clause from s that says they are events (`出现`, `包括`, `不良反应`; a list of who was studied is not)."""
    if not (_HAN_NEXT_ITEM.search(key, max(0, a - 24), a) or _HAN_ITEM_AFTER.match(key, k)):
        return False
    said = "|".join(cue_alternation("result_words", role) for role in ("han_event", "han_list_lead", "han_counted"))
    # items set apart by commas (`出现恶心2例，腹泻1例，皮疹1例`) are clauses of their own: the words saying they are
    # events stand before the list's first item
    run = _HAN_ITEMS_BEFORE.search(key, max(0, min(s, a) - 80), a)
    s = min(s, run.start()) if run else s
    return re.search(rf"(?:{said})", key[max(0, s - 12):a]) is not None


# An abbreviation naming a measure (`lvef`, `nt-probnp`, `ca125`, folded): letters first, then letters, digits, hyphens.
_LATIN_NAME = re.compile(r"[a-z][a-z0-9\-]{1,14}")


_TIME_UNITS = frozenset({"hours", "days", "weeks", "months", "years"})
_HAN_ALIAS = re.compile(rf"(?<=[{HAN}])(\(\s*[a-z][a-z0-9\-]{{0,10}}\s*\))\s*(?:为|是)?\s*$")


@cache
def _han_time_head() -> re.Pattern:
    """A time point opening a Chinese measure (`1年MACE发生率`, `术后30天病死率`, `术后第1天VAS评分`; result_words
    `han_time_lead` before it): when the measure was taken, no part of its name (units.tsv's units of time)."""
    leads = cue_alternation("result_words", "han_time_lead")
    units = "|".join(re.escape(u) for u in sorted({r[0].lower() for r in cue_table("units") if r[1] in _TIME_UNITS},
                                                   key=len, reverse=True))
    return re.compile(rf"(?:(?:{leads})\s*后?\s*)?第?\s*\d+\s*(?:个\s*)?(?:{units})(?:(?<=[{HAN}])|(?![a-z]))\s*")


def han_time_head(key: str, a: int, b: int) -> int:
    """Where the name of a Chinese measure in [a, b) starts after the time point opening it, else a."""
    m = _han_time_head().match(key, a, b)
    return m.end() if m and b - m.end() >= 2 and re.search(r"[^\d\s]", key[m.end():b]) else a


def han_time_before(v: View, s: int, a: int) -> str:
    """The time point printed right before a Chinese measure starting at a (`1年` of `1年MACE发生率`), as written."""
    for m in _han_time_head().finditer(v.key, max(s, a - 16), a):
        if m.end() == a:
            x, y = v.span(m.start(), m.end())
            return v.ctx.doc.text[x:y].strip()
    return ""


@cache
def _measured_units() -> frozenset[str]:
    """Units of a quantity measured in a sample (result_words `han_measured_unit`: `μmol/L`, `pg/mL`, `mmHg`)."""
    return frozenset(cue_words("result_words", "han_measured_unit"))


def measured_unit(unit: str) -> bool:
    """Whether a value's unit says it is a level measured (`血肌酐为（86.4±21.7）μmol/L`): the words before it
    name what was measured, whatever their last word."""
    return unit.lower().replace("µ", "μ") in _measured_units()


def han_phrase(key: str, arms, s: int, k: int, measured: bool = False) -> tuple[int, int] | None:
    """The measure of a number in a Chinese clause [s, k): the words right before it, without the arm,
    the copula and hedges (`A组发生恶心12例` -> `恶心`, `存活时间29个月` -> `存活时间`), and without a time point
    opening them (`1年MACE发生率` -> `MACE发生率`). A level with its unit (`measured`) needs no head word."""
    end = anchor(key, s, k)
    seg = blank(key, arms, s, end)
    alias = _HAN_ALIAS.search(seg)
    if alias:  # `ROC曲线下面积（AUC）为0.908`: the name before its abbreviation, with it
        named = han_phrase(key, arms, s, s + alias.start(), measured)
        return (named[0], s + alias.end(1)) if named else None
    run = re.search(r"[^\s,;:)(]+\s*$", seg)  # the last stretch the arm, a bracket or a comma does not cut
    if not run:
        return None
    text = run.group(0).rstrip()
    base = s + run.start()
    unit = _unit_before().match(text) if base > s and re.match(r"[)\d%]", key[base - 1]) else None
    if unit:  # `TC为（4.21±0.62）mmol/L、TG为`: the unit of the value before is no part of the next name
        base, text = base + unit.end(), text[unit.end():]
    # `恶心3例、乏力`: the item counted before is no part of the next one's name
    counted = list(re.finditer(r"\d+\s*(?:例|名|次)\s*(?:、|及|以及|和)", text))
    if counted:
        base, text = base + counted[-1].end(), text[counted[-1].end():]
    trimmed = _han_trim_end().sub("", _han_than_end().sub("", text) if _arm_at(arms, base + len(text)) else text)
    lead = _han_trim_start().match(trimmed)
    a = base + (lead.end() if lead else 0)
    b = base + len(trimmed)
    # `不良反应包括发热`: the words a list of events opens with are no part of the first event's name
    opener = list(word_pattern("han_list_lead").finditer(key, a, b))
    if opener and b - opener[-1].end() >= 2:
        a = opener[-1].end()
    a = han_time_head(key, a, b)
    counted = _counted_after_arm(seg, s, arms, a, key, k)
    a = counted if counted is not None else a
    return (a, b) if _han_names(key, s, a, b, k, bool(opener) or counted is not None, measured) else None


# `12例（30.0%）` right after the words: a count printed with its share
_COUNT_SHARE = re.compile(r"\s*\d+\s*(?:例|名)\s*\(\s*\d+(?:\.\d+)?\s*%?\s*\)")


@cache
def _time_gap() -> re.Pattern:
    """A time point between a group's name and what it counted, its number blanked (`术后   内`, result_words
    `han_time_lead`), and the words it leaves at the start of the name."""
    return re.compile(rf"\s*(?:(?:{cue_alternation('result_words', 'han_time_lead')})[前后]?)?\s*([内时后]?)")


def _counted_after_arm(seg: str, s: int, arms, a: int, key: str, k: int) -> int | None:
    """Where the name of what a group counted starts, when the words at a follow the group's name (a time point
    between) and are counted with their share (`B组恶心呕吐2例（6.7%）`, `A组术后24 h内补救镇痛2例（6.7%）`); a trait of
    who was studied (result_words `han_trait`: `观察组高中学历11例`) is none."""
    if not _COUNT_SHARE.match(key, k) or word_pattern("han_trait").search(key, a, k):
        return None
    for g in arms:
        if not s <= g.end <= a:
            continue
        gap = _time_gap().match(seg + key[a:k], g.end - s)
        if gap and gap.end() >= a - s:
            return s + gap.end() if gap.end(1) > gap.start(1) and gap.end() > a - s else a
    return None


@cache
def _han_than_end() -> re.Pattern:
    """A comparative ending the words before a group's name (`HAMD评分低于` of `HAMD评分低于B组（a vs b）`, `显著高于`;
    result_words `han_than`, `han_degree`): no part of the measure."""
    return re.compile(rf"(?:{cue_alternation('result_words', 'han_degree')})*"
                      rf"(?:{cue_alternation('result_words', 'han_than')})$")


def _arm_at(arms, k: int) -> bool:
    """Whether a group's name starts at k (after spaces)."""
    return any(0 <= g.start - k <= 1 for g in arms)


def _han_names(key: str, s: int, a: int, b: int, k: int, opener: bool, measured: bool) -> bool:
    """Whether the Chinese words [a, b) before the number at k name its measure: what it measures (`…率`, `…时间`,
    `…水平`), an event (`发生恶心`, `发生MACE 7例`), the next item of a list of events counted the same way
    (`恶心14例(28.0%)、乏力10例(20.0%)`) or a level with its unit (`measured`); a grade or type in it (`2～5型出血`)
    is no number of its own."""
    event = opener or re.search(rf"(?:{cue_alternation('result_words', 'han_event')})\s*$", key[max(s, a - 4):a])
    if _LATIN_NAME.fullmatch(key[a:b]) and (re.match(r"\s*[\u4e00-\u9fff]", key[b:k]) or event):
        return True  # `观察组LVEF为（45.73±5.12）%`: a measure named by its abbreviation in a Chinese clause
    if b - a < 2 or not re.search(r"[\u4e00-\u9fff]{2}", key[a:b]) or re.search(r"\d", _han_grades().sub("", key[a:b])):
        return False
    heads = word_pattern("han_head")
    event = event or next_item(key, s, a, k) or \
        re.match(r"\s*\d+\s*(?:例|名)", key[k:k + 8]) and \
        re.search(rf"(?:{cue_alternation('result_words', 'han_counted')})\Z", key[a:b])  # `临床控制8例`
    return bool(event or measured or any(m.end() == b or m.end() >= b - 1 for m in heads.finditer(key, a, b)))


@cache
def _han_grades() -> re.Pattern:
    """A grade or type qualifying an event (`2～5型`, `3级`, `Ⅲ～Ⅳ度`; result_words `han_grade`)."""
    return re.compile(rf"\d+(?:\s*[~\-、]\s*\d+)?\s*(?:{cue_alternation('result_words', 'han_grade')})")


def _subject(seg: str, base: int) -> tuple[int, int] | None:
    """The subject in seg: the words before its first verb (with at least one content word), else the
    words after its last `in`/`of`/`for`, else its last words."""
    tries = [(0, m.start()) for m in _verbs().finditer(seg) if re.search(r"[a-z]{3}", seg[:m.start()])][:1]
    tries += [(p.end(), len(seg)) for p in re.finditer(r"(?<![a-z])(?:in|of|for|on)\s", seg)][-1:]
    tries.append((0, len(seg)))
    for a, b in tries:
        span = _words(seg, a, b)
        if span:
            return base + span[0], base + span[1]
    return None


def _words(seg: str, a: int, b: int) -> tuple[int, int] | None:
    """The span of the measure words in seg[a:b]: stop words trimmed at both ends, at most _MAX_WORDS,
    cut before words that name the arms (`between the groups`, `than`)."""
    stop = stop_words()
    toks = list(_WORD.finditer(seg, a, b))
    cut = next((i for i, t in enumerate(toks) if i and t.group(0) in _CUTS and not _threshold(seg, toks, i)), None)
    if cut:
        toks = toks[:cut]
    while toks and toks[-1].group(0) in stop:
        toks.pop()
    toks = toks[-_MAX_WORDS:]
    while toks and toks[0].group(0) in stop:
        toks.pop(0)
    if not any(len(t.group(0)) >= 3 and t.group(0) not in stop for t in toks):
        return None
    return toks[0].start(), toks[-1].end()


# `than` before a number is a threshold in the measure's name (`time to less than 50 copies/ml`), no comparison.
_THRESHOLD_THAN = re.compile(r"\s*\d")


def _threshold(seg: str, toks: list, i: int) -> bool:
    """Whether the `than` at toks[i] follows a comparative of amount and comes before a number (result_words
    `threshold_than`): part of a threshold (`less than 50 copies/ml`)."""
    return toks[i].group(0) == "than" and toks[i - 1].group(0) in cue_words("result_words", "threshold_than") and \
        _THRESHOLD_THAN.match(seg, toks[i].end()) is not None
# Words after which a measure phrase names the arms or the comparison, not the measure.
_CUTS = {"between", "among", "across", "versus", "vs", "than", "when", "whereas", "while", "following", "compared",
         "respectively"}


def blank(key: str, arms, s: int, e: int) -> str:
    """key[s:e] with arm names and time points blanked, so neither is ever taken for a measure."""
    out = list(key[s:e])
    head, given = word_pattern("measure_head"), word_pattern("dose_given")
    for g in arms:
        if getattr(g, "treatment", False) and (head.match(key, g.end + 1) or given.match(key, g.end + 1)) and \
                key[g.end:g.end + 1] == " ":
            continue  # `insulin AUC`, `insulin requirements`, `additional bronchodilator given`: what is measured
        if s <= g.start < e:
            out[g.start - s:min(g.end, e) - s] = " " * (min(g.end, e) - g.start)
    for m in _TIME.finditer(key, s, e):
        if re.fullmatch(r"\d+(?:\.\d+)?-(?:week|month|year|day)", m.group(0)):
            continue  # `1-year mortality`: a time point that is part of the measure's name
        out[m.start() - s:m.end() - s] = " " * (m.end() - m.start())
    return "".join(out)


def tidy(text: str) -> str:
    """Text as written with its line breaks and spaces collapsed (none between Chinese characters)."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:(")
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


def written(v: View, a: int, b: int) -> str:
    """The measure as written in the document (spaces collapsed), with the long form of an abbreviation
    the document defines when the phrase uses only the short one."""
    s, e = v.span(a, b)
    text = tidy(v.ctx.doc.text[s:e])
    abbr = abbreviations(v)
    extra = []
    for w in re.findall(r"[A-Za-z][A-Za-z0-9\-]{1,9}", text):
        long = abbr.get(w.lower())
        if long and long.lower() not in text.lower() and w.upper() == w.upper() and re.search(r"[A-Z]", w):
            extra.append(long)
    if extra:
        return f"{text} ({'; '.join(extra)})"
    short = _short_form(text, abbr)
    return f"{text} ({short})" if short else text


# Words of a scale's measure that name no particular scale (`Anxiety scores`, `depression subscale`).
_SCALE_WORDS = frozenset({"score", "scores", "scale", "subscale", "level", "levels", "mean", "the", "total", "of"})


def _short_form(text: str, abbr: dict[str, str]) -> str:
    """The abbreviation the document defines for a scale a measure names in words (`Anxiety scores` with `HADS
    anxiety subscale (HADS-A)`): the one whose long form holds every word of the measure, the shortest when
    several do (`anxiety` is in the long forms of HADS-A and of HADS-D); none for a measure that prints one."""
    if re.search(r"\b[A-Z]{2,}", text):
        return ""
    content = [w for w in re.findall(r"[a-z][a-z\-]+", text.lower()) if w not in _SCALE_WORDS]
    if not content or len(content) > 4:
        return ""
    fits = sorted((len(long.split()), short) for short, long in abbr.items()
                  if set(content) <= set(re.findall(r"[a-z][a-z\-]+", long.lower()))
                  and len(long.split()) > len(content))
    if not fits or len(fits) > 1 and fits[0][0] == fits[1][0]:
        return ""
    return fits[0][1].upper()
