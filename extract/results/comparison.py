"""Stage 7 of reading results: comparisons and effects.

An effect estimate named before its value (`HR 0.72`, `odds ratio and 95% confidence interval: 2.35`,
`相对危险度:0.461`, `r = −0.21`, `a number needed to treat of 16`) is one result with no arm, its
name part of its measure (`death (hazard ratio)`) and the group after `versus`/`compared with` as
comparator. Two values of one measure are the two sides of a comparison when their arms are printed
the same way (`58% of patients with X versus 41% with placebo`); one value may stand for two arms
(`identical rates (95.0%)` in both). The functions take the sentence reader (prose.py) as `r`.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from evkg.core.text import HAN_CHAR
from evkg.extract.results import arm as arm_stage
from evkg.extract.results import measure as measure_stage
from evkg.extract.results import naming
from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.measure import Measure
from evkg.extract.results.mention import Mention, Unit
from evkg.extract.results.tokens import Num, word_pattern
from evkg.extract.text.allocation import study_arms
from evkg.extract.vocabulary.cues import cue_alternation, cue_table


@cache
def compare() -> re.Pattern:
    return re.compile(rf"(?:{cue_alternation('result_words', 'compare')}|than)(?![a-z])")


@cache
def _han_than() -> re.Pattern:
    """The gap between two values compared in the Chinese way (`…为 4.4%，低于对照组的 17.8%`, `（2.1±0.7）分，
    明显低于对照组的（`): the first value's unit or bracket, a comma, a comparative (result_words `han_than`)
    and the other group, nothing else."""
    than = cue_alternation("result_words", "han_than")
    return re.compile(rf"[^\d,;。均]{{0,6}}?,?\s*(?:明显|显著|亦|也|略)?\s*(?:{than})[^\d,;。]{{0,16}}")


def han_than(gap: str) -> bool:
    """Whether the gap between two values compares them in the Chinese way (see `_han_than`)."""
    return _han_than().fullmatch(gap) is not None


@cache
def _han_all_than() -> re.Pattern:
    """`均短于对照组`: a list of values compared, all at once, with the other group's list after it."""
    return re.compile(rf"均\s*(?:{cue_alternation('result_words', 'han_than')})")


def _han_list_at(r, x: Num):
    """(the comparative before x, the value's place in the list after it) when x stands in the second list of
    `A组 M1 a1、M2 a2 均短于 B组 b1、b2`, with nothing but units, brackets and `、` between the values."""
    first = r.first(x)
    found = list(_han_all_than().finditer(r.key, r.s, first))
    if not found:
        return None
    m = found[-1]
    after = [n for n in r.nums if n.is_value and m.end() <= r.first(n) and n.start <= x.start]
    for a, b in zip(after, after[1:]):
        if not re.fullmatch(r"[a-z%)\s]*、\s*\(?", r.key[a.stop:r.first(b)]):
            return None
    if not after or re.search(r"[\u4e00-\u9fff]{2}", measure_stage.blank(r.key, r.arms, m.end(), r.first(after[0]))):
        return None  # the values after the comparative name their own measure
    return m, len(after) - 1


def han_list_side(r, x: Num) -> Mention | None:
    """The result of the first list that the value x of the second list is compared with (same place)."""
    at = _han_list_at(r, x)
    if at is None:
        return None
    m, i = at
    before = [b for b in r.bound if b.num.stop <= m.start() and not b.effect and b.arm is not None]
    return before[i] if len(before) > i and len({b.measure.text for b in before}) == len(before) else None


def han_list_sides(r, vals: list[Num]) -> list[Mention] | None:
    """The results of the first list a whole second list is compared with, value by value (`治疗组咳嗽、咳痰积分分别为
    a、b，均低于对照组的c、d`): the last len(vals) results bound before the comparative, one measure each."""
    at = _han_list_at(r, vals[0])
    if at is None or at[1] != 0 or len(vals) < 2:
        return None
    before = [b for b in r.bound if b.num.stop <= at[0].start() and not b.effect and b.arm is not None]
    side = before[-len(vals):]
    return side if len(side) == len(vals) and len({b.measure.text for b in side}) == len(vals) else None


def han_list_than(r, vals: list[Num], split: int) -> tuple[list[ArmSpan], ArmSpan] | None:
    """`A组、B组总有效率均高于C组（a、b vs c）`: the `split` groups listed before the comparative and the one after it,
    when the bracket of values follows that one; else None."""
    first = r.first(vals[0])
    before = arm_stage.distinct(r.v, [g for g in r.arms if g.end <= first and not g.subgroup])
    if len(before) < split + 1 or not HAN_CHAR.search(r.key[before[-split - 1].end:first]):
        return None
    *listed, versus = before[-split - 1:]
    if not _than_word().search(r.key, listed[-1].end, versus.start) or \
            not re.fullmatch(r"\s*的?\s*\(\s*", r.key[versus.end:first]):
        return None
    joined = all(_list_joint().fullmatch(r.key, a.end, b.start) for a, b in zip(listed, listed[1:]))
    return (listed, versus) if joined else None


@cache
def _list_joint() -> re.Pattern:
    """A comma or a Chinese `and` (result_words `han_and`) between two groups of a list."""
    return re.compile(r"\s*(?:,|" + cue_alternation("result_words", "han_and") + r")\s*")


@cache
def _than_word() -> re.Pattern:
    return re.compile(rf"(?:{cue_alternation('result_words', 'han_than')})")


@cache
def _against_lead() -> re.Pattern:
    """`与西药组比较，` / `与对照组相比，` opening a sentence (result_words `han_against_open`, `han_against_tail`)."""
    return re.compile(rf"\s*(?:{cue_alternation('result_words', 'han_against_open')})\s*(\S+?)\s*"
                      rf"(?:{cue_alternation('result_words', 'han_against_tail')})\s*,")


def han_against_pair(r, vals: list[Num]) -> tuple[Measure, list[ArmSpan]] | None:
    """`与西药组比较，联合组HAMD评分降低（9.8±2.2 vs 13.5±2.6）`: a pair after a verb of change (result_words
    `han_change`) in a sentence set against one group: the words before the verb are its measure, the one group
    named after the lead has the first value, the lead's group the second."""
    lead = _against_lead().match(r.key, r.s)
    first = r.first(vals[0])
    if lead is None or len(vals) != 2 or lead.end() > first:
        return None
    against = next((g for g in r.arms if g.start == lead.start(1) and g.end == lead.end(1)), None)
    own = arm_stage.distinct(r.v, [g for g in r.arms if lead.end() <= g.start and g.end <= first])
    verb = _change_end().search(r.key, lead.end(), measure_stage.anchor(r.key, r.s, first))
    if against is None or len(own) != 1 or verb is None or r.arm_name(own[0]) == r.arm_name(against):
        return None
    span = measure_stage.han_phrase(r.key, r.arms, own[0].end, verb.start(), True)
    if span is None:
        return None
    lb = naming.code_in(r.v, *span)
    measure = Measure(lb.code if lb else "", measure_stage.written(r.v, *span), *span, lb.timeframe if lb else "")
    return measure, [own[0], against]


@cache
def _change_end() -> re.Pattern:
    """A verb of change right before the bracket of values (`降低（`)."""
    return re.compile(rf"(?:{cue_alternation('result_words', 'han_degree')})*"
                      rf"(?:{cue_alternation('result_words', 'han_change')})\s*\(?\s*\Z")


def han_third_side(r, x: Num) -> Mention | None:
    """`联合组复发率（a）低于西药组（b）和中药组（c）`: c, printed after a group joined (result_words `han_and`) right
    after the value b before it, is compared with the same first value: b's result, whose measure c reports."""
    first = r.first(x)
    before = [b for b in r.bound if b.num.stop <= first and not b.effect and b.arm is not None]
    if not before or not HAN_CHAR.search(r.key[before[-1].num.stop:first]):
        return None
    b = before[-1]
    g = next((g for g in r.arms if b.num.stop <= g.start and g.end <= first), None)
    if g is None or not _han_and().fullmatch(r.key, b.num.stop, g.start):
        return None
    return b if re.fullmatch(r"\s*的?\s*\(?\s*", r.key[g.end:first]) else None


@cache
def _han_and() -> re.Pattern:
    return re.compile(rf"(?:[^()]*\))?[)%\s]*(?:{cue_alternation('result_words', 'han_and')})\s*")


def han_list_arm(r, x: Num) -> ArmSpan | None:
    """The group named right after the comparative (`均短于对照组`)."""
    at = _han_list_at(r, x)
    end = at[0].end() if at else -1
    return next((g for g in r.arms if at and end <= g.start <= end + 2), None)


@cache
def _effects() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    rows = cue_table("effects")
    names = sorted((r[0].lower() for r in rows), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    rx = re.compile(rf"(?<![a-z])({alternation})(?![a-z])(?:[^\d;]|\d{{2}}\s*%)(?:[^\d;]|\d{{2}}\s*%){{0,89}}?"
                    r"(?:[:=,]|\bof\b|\bwas\b|\bwere\b|\bis\b|\bare\b|为|是)?\s*[(\[]?\s*$")
    return rx, {r[0].lower(): (r[1], r[2]) for r in rows}


@cache
def ratio_effects() -> frozenset[str]:
    """The effects ontology/cues/effects.tsv types `ratio` (HR, OR, RR, IRR)."""
    return frozenset(effect for effect, statistic in _effects()[1].values() if statistic == "ratio")


# `21% lower risk`, `27% reduction`: a relative change named after its number.
RELATIVE = re.compile(r"\s+((?:relative\s+)?(?:lower|higher|greater|smaller|less|more|reduced|increased|excess)\s+"
                       r"(?:risk|odds|rate|incidence|hazard|likelihood|chance)|(?:relative\s+)?(?:risk\s+)?"
                       r"(?:reduction|increase|decrease))\b")
# Effects that are their own measure.
_SELF_NAMED = ("NNT",)




# After the bracket of one item of a list: what joins the next item (`, and`, `、`, `及`).
_AFTER_ITEM = re.compile(r"\s*(?:,\s*(?:and\b|or\b)?|、|以及|及|和|与|或|and\b|or\b)\s*")
_HAN_JOIN = re.compile(r"\s*(?:(?:而|且|以及|及|和|与|或)(?=[\u4e00-\u9fff\w]))?\s*")


def _trim(key: str, a: int, b: int) -> tuple[int, int] | None:
    """[a, b) without spaces and punctuation at its ends, at most twelve words back; None when empty."""
    text = key[a:b]
    words = list(re.finditer(r"\S+", text))[-12:]
    if not words:
        return None
    start, end = a + words[0].start(), a + words[-1].end()
    while end > start and key[end - 1] in " ,;:([":
        end -= 1
    return (start, end) if end > start else None


_STATISTIC = {"HR": "hr", "OR": "or", "RR": "rr", "IRR": "rr", "MD": "difference", "SMD": "difference",
              "RD": "difference"}


def effect_is_ratio(name: str) -> bool:
    return name in ("HR", "OR", "RR", "IRR")


# A time point right before the bracket a number opens (`at 24 weeks (−1·8`).
_TIMED_BRACKET = re.compile(r"\s+(?:at|after|by)\s+\d{1,3}\s*(?:weeks?|months?|days?|years?|hours?)"
                            r"\s*[(\[]\s*[-+]?\s*\Z")


def effect(r, x: Num) -> tuple[str, str, int] | None:
    """(effect, statistic, where its name starts) when x is an effect estimate named before it."""
    if r.named_equal(x) is not None:
        return None  # `(control = 79.33, caffeine = 84.50)` after `difference between groups`: each group's value
    rx, table = _effects()
    lo = max(r.s, x.start - 100)
    prev = max([n.stop for n in r.nums if n.stop <= x.start and n is not x and n.role != "timepoint"], default=lo)
    first = x.first if x.first >= 0 else x.start
    m = _named(r, rx, max(lo, prev), first)
    timed = _TIMED_BRACKET.search(r.key, max(lo, prev), first) if not m else None
    if timed:  # `The difference persisted at 24 weeks (−1·8, …)`: the name before the bracket's time point
        m = _named(r, rx, max(lo, prev), timed.start())
    if not m:
        return None
    effect, kind = table[m.group(1)]
    return effect, _STATISTIC.get(effect, "other" if kind != "difference" else "difference"), m.start(1)


def _named(r, rx: re.Pattern, start: int, end: int) -> re.Match | None:
    """The first effect's name in [start, end) that is one: `r` only before `=`/`:` (a lone r is a letter), a short
    name only in capitals (`grade 1 or 2`; `… or the B program (OR = 1.0`: the second `or`)."""
    while (m := rx.search(r.key, start, end)) is not None:  # each match runs to `end`: search again after it
        word, start = m.group(1), m.start(1) + 1
        if word == "r" and not re.match(r"r\s*[=:]", r.key[m.start(1):m.start(1) + 4]):
            continue  # `r = −0.21` is a correlation
        if len(word) <= 3 and word.isascii() and word != "r":
            s, e = r.v.span(m.start(1), m.end(1))
            if not r.v.ctx.doc.text[s:e].isupper():
                continue
        return m
    return None


def series_effect(r, x: Num) -> Mention | None:
    """`the risk ratio was 1.39 (95% CI …) with 5 mg, 1.72 (95% CI …) with 10 mg`: a value printed with its own CI
    right after an effect of the sentence, only a group and joining words (result_words `series_gap`) between:
    the same effect for another group, with no arm and the same comparator."""
    if "ci_low" not in x.details:
        return None
    prev = next((m for m in reversed(r.bound) if m.num.stop <= x.start), None)
    if prev is None or not prev.effect:
        return None
    start, end = prev.num.stop, x.first if x.first >= 0 else x.start
    gap = r.key[start:end]
    for g in r.arms:
        if start <= g.start and g.end <= end:
            gap = gap[:g.start - start] + " " * (g.end - g.start) + gap[g.end - start:]
    joins = set(word_pattern("series_gap").findall(gap))
    if re.sub(r"[\s,;]+", " ", word_pattern("series_gap").sub(" ", gap)).strip() or not gap.strip(" ,;") and not joins:
        return None
    return Mention(x, prev.measure, None, prev.comparator, subgroup=prev.subgroup, effect=prev.effect,
                   statistic=prev.statistic, timeframe=prev.timeframe)


def effect_mention(r, x: Num, effect: tuple[str, str, int], carried: list[Measure] | None) -> Mention:
    name, statistic, at = effect
    key, compared = r.key, False
    labels = r.labels_before(at, [x])
    open_ = measure_stage.anchor(key, r.s, at)
    if name in _SELF_NAMED:  # `a number needed to treat of 16`: the effect names its measure
        measure = Measure("", r.text(at, at + len(re.match(r"[^\d:=(]*", key[at:x.start]).group(0).rstrip(" of"))),
                          at, at)
    elif labels and r.close(labels[-1].end, x):
        measure = r.label_measure(labels[-1])
    elif carried and re.fullmatch(r"\s*(?:the|this|that)?\s*", key[r.clause_start(at):at]):
        measure = carried[-1]  # `The difference persisted at 24 weeks (−1·8, …)`: the difference of the measure before
    elif (pair := _pair_in_bracket(r, open_, at)) is not None:
        measure, compared = pair.measure, True  # `(mean score 38·2 vs 33·5; adjusted difference 4·1 …)`
    elif open_ < at and carried and _after_values(r, open_):
        measure = carried[-1]  # `11.4 months … versus 7.2 months … (HR 0.62 …)`: the ratio compares them
        compared = True
    elif open_ < at and open_ > r.clause_start(at):
        # `FMD correlated weakly with carotid IMT (r = −0.21)`, `… lower risk [adjusted OR …]`: the effect in
        # brackets measures what the words before the bracket say
        cs = max(r.clause_start(at), key.rfind(", ", r.s, open_) + 2 if ", " in key[r.s:open_] else r.s)
        closed = key.rfind(")", cs, open_) + 1
        if closed and (item := _AFTER_ITEM.match(key, closed, open_)):
            cs = item.end()  # `…) and mood (MD = …)`, `…）、未行HIPEC（HR …）`
        cs = _HAN_JOIN.match(key, cs, open_).end()  # `，而年龄≥65岁（HR …）`: the conjunction is no part of it
        # a difference measures the subject of the words before; a correlation or ratio all they say
        span = _trim(key, cs, _verb_at(r, cs, open_) if statistic == "difference" else open_)
        # `The X group gained less weight (difference …)`: `weight`; `HbA1c was more reduced in … (difference …)`:
        # `HbA1c`; not when the clause prints the values the effect compares (`73 events in women (29.7%) …`)
        if span and statistic == "difference" and not any(cs <= n.start < open_ for n in r.nums):
            span = measure_stage.compared_object(key, r.arms, cs, open_) or measure_stage.noun_phrase(key, *span) \
                or span
        if span and measure_stage.pronoun(key, *span):
            span = None  # `that effect was estimated imprecisely (OR …)`: the effect of the measure said before
        lb = naming.code_in(r.v, *span) if span else None
        measure = Measure(lb.code if lb else "", measure_stage.written(r.v, *span), *span) if span \
            else (carried[-1] if carried else Measure("", "", x.start, x.start))
    else:
        span = measure_stage.phrase(r.v, r.clause_start(at), x.start, r.arms + effect_words(r, at, x))
        if span is None and HAN_CHAR.search(key[max(r.s, at - 4):at]):
            span = _trim(key, r.clause_start(at), open_ if open_ < at else at)
        lb = naming.code_in(r.v, *span) if span else None
        measure = Measure(lb.code if lb else "", measure_stage.written(r.v, *span), *span) if span \
            else (carried[-1] if carried else Measure("", "", x.start, x.start))
    if x.kind in ("", "count") and effect_is_ratio(name):
        x.unit = name
    if name not in _SELF_NAMED and not compared:  # `death (hazard ratio)`: the effect is part of what it measures
        words = effect_words(r, at, x)[0]
        written = r.text(words.start, words.end)
        base = _named_effect(measure.text)  # a measure carried from an effect before: without that effect's name
        if written and written.lower() not in base.lower():
            measure = replace(measure, text=f"{base} ({written})" if base else written)
    comp = reference(r, at, x)
    if comp is None and statistic == "difference" and not compared:
        comp = two_arm_reference(r, at)  # `the difference was 2.1 points (95% CI …)`: the study's two arms
    if comp is None and compared:  # `… in the A group and 20% in the B group (OR 3.3 …)`: B is the reference
        cs = r.clause_start(open_)
        comp = next((g for g in reversed(r.arms) if cs <= g.start and g.end <= open_ and not g.subgroup), None)
    return Mention(x, measure, None, comp, subgroup=_subgroup_of(r, at, x), effect=name, statistic=statistic,
                   quote_start=at, timeframe=measure_stage.timeframe(r.v, r.clause_start(at), r.clause_end(x.stop),
                                                                     x.start, [n for n in r.nums if n.is_value]))


def _named_effect(text: str) -> str:
    """A measure without the effect's name it ends with (`volume change (mean difference)` -> `volume change`)."""
    m = re.search(r"\s*\(([^()]*)\)\Z", text)
    return text[:m.start()] if m and m.group(1).lower() in _effects()[1] else text


def _subgroup_of(r, at: int, x: Num) -> ArmSpan | None:
    """The subgroup an effect is estimated in, as written: the sentence's lead (`In older women, the HR …`), named in
    its clause before the value (`the OR in smokers was`), or printed right after it (`-3.4 (…) in younger men`)."""
    cs = r.clause_start(at)
    return r.lead_sub or next((g for g in r.arms if g.subgroup and cs <= g.start and g.end <= x.start), None) or \
        r.subgroup_at(x)


def _pair_in_bracket(r, open_: int, at: int) -> Mention | None:
    """The comparison of two groups read earlier in the bracket the effect stands in: the effect compares them."""
    if not open_ < at:
        return None
    return next((m for m in reversed(r.bound) if m.kind in ("pair", "cross") and open_ < m.num.start < at
                 and not m.effect), None)


def _verb_at(r, start: int, end: int) -> int:
    """Where the subject of the words [start, end) before an effect's bracket ends: at their first verb
    (result_words; `Insomnia` of `Insomnia improved more with yoga`, `Anxiety at 4 weeks` of `Anxiety at 4 weeks
    was lower with music than with usual care`), else at `end`."""
    verb = next((v for v in word_pattern("verb").finditer(r.key, start, end)
                 if not re.search(r"\b(?:a|an|the)\s+\Z", r.key[start:v.start()])), None)  # `an improved survival`
    if verb is None or not re.search(r"[a-z]{3}", r.key[start:verb.start()]):
        return end
    return verb.start()


def _after_values(r, open_: int) -> bool:
    """Whether the bracket at `open_` follows reported values right away (only arms and words between)."""
    before = [n for n in r.nums if n.is_value and r.clause_start(open_) <= n.start and n.stop <= open_]
    # `MCS (MD = 2.68, 95% CI …), SDSCA (MD = 3.79 …)`: after a closed bracket and a comma, a new item opens
    closed = r.key.rfind(")", r.s, open_) + 1
    if closed and re.match(r"\s*(?:、|以及|及|和|与)", r.key[closed:open_]):
        return False  # `…P=0.029）及BMI≥28（HR …`: the next item of a list, whatever number its name prints
    gap = r.key[before[-1].stop:open_] if before else ""
    return bool(before) and not re.search(r"[;]|\d|[)\]]\s*(?:,|and\b|、|及|和|与)|^\s*(?:、|以及|及|和|与)", gap)


def effect_words(r, at: int, x: Num) -> list[ArmSpan]:
    """The effect's own name (`odds ratio`, `mean difference`) and a CI label after it, blanked from its measure."""
    name = re.match(r"[a-z\u4e00-\u9fff]+(?:\s+[a-z]+){0,3}?(?=\s*(?:\(|and|with|for|of|in|was|were|:|=|,|$))",
                    r.key[at:r.first(x)])
    spans = [ArmSpan(at, at + (name.end() if name else 2))]
    ci = re.search(r"(?:and|with)\s+\d{2}\s*%\s*(?:ci|confidence intervals?)", r.key[at:r.first(x)])
    if ci:
        spans.append(ArmSpan(at + ci.start(), at + ci.end()))
    return spans


def two_arm_reference(r, at: int) -> ArmSpan | None:
    """The reference of a between-group difference that names no group, in a study of two arms of which one is a
    control (result_words `reference_arm`: placebo, usual care, …): that arm, as the study first names it. None in a
    study of more arms, where the text would have to say which two, or when the sentence names any group itself
    or speaks of a change within a group (`difference from baseline`)."""
    if any(not g.subgroup for g in r.arms) or _WITHIN.search(r.key, r.s, at + 40):
        return None
    own = [a for a in study_arms(r.v.ctx) if not a.ref]
    controls = [a for a in own if word_pattern("reference_arm").search(r.v.ctx.doc.text[slice(*a.span)].lower())]
    if len(own) != 2 or len(controls) != 1:
        return None
    start, end = controls[0].mentions[0]
    return ArmSpan(r.v.to_key(start), r.v.to_key(end))


_WITHIN = re.compile(r"\b(?:from|over|since|versus|vs\.?|compared (?:with|to))\s+(?:the\s+)?baseline\b|\bwithin\b")


def reference(r, at: int, x: Num) -> ArmSpan | None:
    """The reference group of an effect: the arm after `versus`/`compared with`/`vs` in its clause."""
    cs = r.clause_start(at)
    for m in compare().finditer(r.key, cs, r.clause_end(x.stop)):
        nxt = next((g for g in r.arms if g.start >= m.end() and g.start - m.end() < 12 and not g.subgroup), None)
        if nxt:
            return nxt
    # `the mean difference between X and placebo`: the second of the two arms named is the reference
    m = re.compile(r"\bbetween\s+(?:the\s+)?").search(r.key, cs, at + 40)
    pair = [g for g in r.arms if m and m.end() <= g.start < x.start and not g.subgroup][:2] if m else []
    if len(pair) == 2 and pair[0].start == m.end() and \
            re.fullmatch(r"\s*and\s+(?:the\s+)?", r.key[pair[0].end:pair[1].start]):
        return pair[1]
    return None

# -- CI, p and what is no result ---------------------------------------------------------------------


_IN_BOTH = re.compile(r"[\s)\]]*,?\s*in\s+both\s+")


def both_arms(r, unit: Unit) -> tuple[ArmSpan, ArmSpan] | None:
    """The two arms one number stands for: `in both X and Y` after it, or two arms named before it
    with `identical`, `same`, `both` (`the drug A and placebo groups achieved identical rates (95.0%)`)."""
    x, key = unit.values[0], r.key
    named = arm_stage.distinct(r.v, r.arms)
    after = _IN_BOTH.match(key, x.stop)
    if after:
        pair = [g for g in named if g.start >= after.end()][:2]
        return (pair[0], pair[1]) if len(pair) == 2 else None
    before = [g for g in named if g.end <= x.start]
    if len(before) == 2 and re.search(r"\b(?:identical|same|equal|both)\b", key[before[-1].end:x.start]):
        return before[0], before[1]
    return None


# A name as one token, a decimal point inside it kept (`flu-0.25`, never `flu-0`).
_NAME = r"[a-z](?:[a-z0-9\-+]|(?<=\d)\.(?=\d))*"


def parallel(r, vals: list[Num], own: list) -> list:
    """`58% of patients with sumeprin versus 41% with placebo`, `9/120 (7.5%) given cefarol and 17/118
    (14.4%) given placebo`: the side without a known arm names one where the other does."""
    pattern = re.compile(r"[\s)\]]*,?\s*(?:of\s+)?(?:patients\s+|participants\s+)?(with|given|receiving|on|for|in)\s+"
                         rf"(?:the\s+)?({_NAME}(?:\s+{_NAME}){{0,2}}?)(?=\s*(?:[,;)(\[\]]|\.(?!\d)|versus|vs|and|compared|$))")
    found = [pattern.match(r.key, x.stop) for x in vals]
    if not all(found) or found[0].group(1) != found[1].group(1):
        return own
    return [o or ArmSpan(f.start(2), f.end(2)) for o, f in zip(own, found)]


def parallel_singles(r, out: list[Mention]) -> None:
    """Two values of one measure read apart (`9/120 (7.5%) patients given cefarol and in 17/118 (14.4%)
    given placebo`): the arm printed the same way after each is each one's, and each the other's comparator. A value
    in an aside after one of them (`4.0 days with A (average 4.41 days), and 5.0 days with B`) stands between none."""
    main = [m for i, m in enumerate(out) if not (i and _aside(r, out[i - 1], m))]
    for a, b in zip(main, main[1:]):
        if a.kind != "single" or b.kind != "single" or a.measure.text != b.measure.text or a.effect or b.effect:
            continue
        if a.explicit and b.explicit:
            if a.arm is not None and b.arm is not None and r.arm_name(a.arm) != r.arm_name(b.arm) \
                    and a.comparator is None and b.comparator is None and not third_arm(r, b):
                a.comparator, b.comparator = b.arm, a.arm  # `x% in the A group and y% in the B group`
            continue
        arms = parallel(r, [a.num, b.num], [a.arm if a.explicit else None, b.arm if b.explicit else None])
        if all(arms) and r.arm_name(arms[0]) != r.arm_name(arms[1]):
            a.arm, b.arm, a.comparator, b.comparator = arms[0], arms[1], arms[1], arms[0]
            a.explicit = b.explicit = True


# After a value (and the arm printed with it), a bracket opening on a word: `(average 4.41`, `(mean, 12`.
_ASIDE = re.compile(r"[^()\d;]{0,40}\(\s*[a-z][a-z ,]{0,20}")


def _aside(r, a: Mention, b: Mention) -> bool:
    """Whether b's value stands in a bracket opened, on a word, right after a's value (another statistic of a's)."""
    return _ASIDE.fullmatch(r.key, a.num.stop, r.first(b.num)) is not None


def third_arm(r, b: Mention) -> bool:
    """Whether another value with its own arm follows (three groups: no pairwise comparator)."""
    later = [n for n in r.nums if n.is_value and n.start > b.num.stop]
    return any(arm_stage.after(r.v, r.arms, n.stop) for n in later[:1])
