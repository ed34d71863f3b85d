"""Chinese lists of values whose arms the sentence does not name (R15).

`两组不良反应总发生率分别为13.3%、17.8%`: `两组` (`三组`) says the list runs over the study's groups, and a Chinese
report lists them in the order it allocated them (`分为对照组和观察组`), whatever order the sentence before
named them in.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from evkg.core.text import HAN
from evkg.extract.results import arm as arm_stage
from evkg.extract.results import measure as measure_stage
from evkg.extract.results import naming
from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.measure import Measure
from evkg.extract.results.tokens import P_VALUE, Num, p_written
from evkg.extract.text.allocation import study_arms
from evkg.extract.vocabulary.cues import cue_alternation

_HAN = re.compile(r"[\u4e00-\u9fff]")
_GROUPS = re.compile(r"([两二三四])\s*组")
ALL_GROUPS = re.compile(r"[两二三四各]\s*组")  # `两组分别为a和b`: the study's groups, no measure
_HOW_MANY = {"两": 2, "二": 2, "三": 3, "四": 4}


def groups_in_order(r, vals: list[Num]) -> list[ArmSpan] | None:
    """The study's k groups in allocation order for a list of k values said of `两组` before it, when the
    study allocates exactly k groups with their sizes; else None."""
    k = len(vals)
    said = list(_GROUPS.finditer(r.key, r.s, r.first(vals[0])))
    if not said or _HOW_MANY[said[-1].group(1)] != k:
        return None
    # the order of the sentence that allocates them with their sizes (`分为A组（94例）和B组（118例）`)
    own = sorted((a for a in study_arms(r.v.ctx) if not a.ref and a.size), key=lambda a: a.span)
    if len(own) != k:
        return None
    return [ArmSpan(r.v.to_key(a.mentions[0][0]), r.v.to_key(a.mentions[0][1])) for a in own]


def names_measure_before(r, label, x: Num) -> bool:
    """`两组患者的1、3、5年无进展生存率比较，A组分别为58.5%、27.7%、19.1%`: a Chinese measure the sentence names in a
    clause of its own before a list said `分别` of an arm whose own clause names none (not the measure of the
    sentence before, carried over)."""
    return bool(_HAN.search(r.key[label.start:label.end])) and r.no_words_before(x)


def elliptic_event(r, out: list) -> None:
    """`甲组因病情加重再住院4例（6.7%），乙组再住院12例（20.0%）`: the second group's event said shorter is the one the
    first group's is said of, so the two are one measure compared (and share the sentence's p)."""
    for a, b in zip(out, out[1:]):
        ta, tb = a.measure.text, b.measure.text
        if a.kind != "single" or b.kind != "single" or a.effect or b.effect or ta == tb or a.arm is None \
                or b.arm is None or not _HAN.search(ta):
            continue
        if ta.endswith(tb) and len(tb) >= 2:
            b.measure = replace(b.measure, text=ta)
        elif tb.endswith(ta) and len(ta) >= 2:
            a.measure = replace(a.measure, text=tb)


def other_side(r, vals: list[Num], own: list, named: list) -> list | None:
    """The two arms of a Chinese comparison that names one of the study's two groups (`NT-proBNP为a，低于对照组的b`,
    `A组…较多，主要为…（18.1%比4.2%）`): the one named is its side, the other group the other side. None when
    the study does not allocate exactly two groups or the comparison names neither or both."""
    if not _HAN.search(r.key[max(r.s, r.first(vals[0]) - 8):vals[-1].stop]):
        return None
    groups = sorted((a for a in study_arms(r.v.ctx) if not a.ref and a.size), key=lambda a: a.span)
    if len(groups) != 2:
        return None
    sides = list(own)
    if not any(sides) and not named:
        return groups_in_order(r, vals)  # `两组ORR（40.0%比20.0%）`: the groups in allocation order
    if not any(sides) and len(named) == 1 and named[0].end <= vals[0].start:
        sides = [named[0], None]  # the sentence's one group, named before the comparison, is its subject
    if sum(g is not None for g in sides) != 1:
        return None
    span = other_group(r, next(g for g in sides if g is not None))
    return [g if g is not None else span for g in sides] if span is not None else None


def other_group(r, known: ArmSpan) -> ArmSpan | None:
    """The study's other group when it allocates exactly two (with their sizes) and `known` is one of them."""
    return arm_stage.other_arm(r.v, r.arm_name(known))


# The name right before the bracket a Chinese pair stands in, back to the word that lists it (`主要为`, `、`, `和`).
_BEFORE_BRACKET = re.compile(r"(?:^|[,;:、]|和|及|与|主要为|包括|为|是)\s*((?:[≥≤<>]?\s*\d(?:\s*[~～-]\s*\d)?\s*级)?"
                             r"[\u4e00-\u9fff][^\s,;:()、\d]{1,20}?)\s*\(\s*\Z")


def bracket_name(r, vals: list[Num], label_end: int) -> tuple[int, int] | None:
    """`主要为≥3级中性粒细胞减少（18.1%比4.2%）`: a Chinese comparison in a bracket reports the name right before the
    bracket, when a measure the sentence named earlier (ending at `label_end`) is not that name."""
    first = r.first(vals[0])
    if "(" in r.key[vals[0].stop:r.first(vals[-1])]:
        return None  # `（1.9±0.6）分，低于B组的（3.1±0.8）分`: a bracket per value, not the pair in one
    m = _BEFORE_BRACKET.search(r.key, max(r.s, first - 40), first)
    if not m or m.start(1) < label_end or any(m.start(1) < g.end and g.start < m.end(1) for g in r.arms):
        return None
    return m.span(1)


def time_lead_before(r, lead) -> str:
    """`干预后，观察组SAS评分为…；观察组SDS评分为…`: a clause after `；` is read as a sentence of its own, but the time
    point opening the sentence it continues is its time point too. The lead's text, or ""."""
    before = r._sentence_before()
    if before is None or not re.search(r";\s*\Z", r.key[before[0]:r.s]):
        return ""
    m = lead.match(r.key, before[0])
    return r.text(*m.span(1)) if m else ""


_P_ALL = re.compile(r"p\s*值?\s*均\s*([<>≤≥=])\s*(\d*\.?\d+)")


def p_all_after(r, out: list) -> None:
    """`观察组LVEF为a，高于对照组的b；NT-proBNP为c，低于对照组的d（P均<0.001）`: a `P均` closing the sentence a clause
    after `；` continues is the p of this clause's values too."""
    if not out or not re.search(r";\s*\Z", r.key[r.s:r.e]):
        return
    i = r.v.sentence_index(r.s)
    para = r.v.paragraph_at(r.s)
    for s, e in r.v.sentences[i + 1:i + 4]:
        if r.v.paragraph_at(s) != para:
            return
        said = _P_ALL.search(r.key, s, e)
        if said:
            for m in out:
                m.num.details.setdefault("p_value", said.group(1).replace("=", "") + said.group(2))
            return
        if not re.search(r";\s*\Z", r.key[s:e]):
            _both_compared_after(r, out, s, e)
            return


# `两组比较，差异有统计学意义`, `两组复发率比较差异…`: the two groups just reported compared.
_BOTH_COMPARED = re.compile(r"两组[^,;。\d]{0,12}?比较\s*,?\s*差异")


def _both_compared_after(r, out: list, s: int, e: int) -> None:
    """`HIPEC组…腹膜复发率为7.3%；对照组…为18.7%，两组比较差异有统计学意义（χ²=5.836，P=0.016）`: the comparison of the
    two groups closing the sentence a clause after `；` continues gives its p to this clause's group values."""
    both = _BOTH_COMPARED.search(r.key, s, e)
    p = P_VALUE.search(r.key, both.end(), e) if both else None
    for m in out if p else ():
        if m.arm is not None and not m.effect:
            m.num.details.setdefault("p_value", p_written(p.group(0)))


# A Chinese list of names with a head they share (`咳嗽、咳痰、喘息积分`, `TC、TG及LDL-C水平`): the names, then the head
# (result_words `han_shared_head`).
_NAME = r"[a-z0-9\-\u4e00-\u9fff]{1,12}?"


@cache
def _names() -> re.Pattern:
    heads = cue_alternation("result_words", "han_shared_head")
    return re.compile(rf"({_NAME}(?:、{_NAME})*(?:、|及|和|与){_NAME})({heads})?")


_SEP = re.compile(r"、|及|和|与")


def listed_names(r, m, k: int) -> list | None:
    """`治疗组咳嗽、咳痰、喘息积分分别为a、b、c`: a measure that lists k names with the head they share is one measure
    per value, in order (each written with the head: `咳嗽积分`); None when it lists another number of names."""
    text = r.key[m.start:m.end]
    said = _names().fullmatch(text) if "、" in text else None
    if said is None or k < 2:
        return None
    names, head = said.group(1), said.group(2) or ""
    parts = [(p.start(), p.end()) for p in re.finditer(rf"(?:(?!{_SEP.pattern}).)+", names)]
    if len(parts) != k or any(b - a < 2 and not re.fullmatch(r"[a-z]", names[a:b]) for a, b in parts):
        return None
    out = []
    for a, b in parts:
        span = (m.start + a, m.start + b)
        lb = naming.code_in(r.v, *span)
        out.append(replace(m, code=lb.code if lb else "", text=r.text(*span) + (r.text(
            m.start + said.start(2), m.end) if head else ""), start=span[0], end=span[1]))
    return out


_LIST_NAME = r"(?:[a-z\u03b1-\u03c9][a-z0-9\u03b1-\u03c9\-]{0,10}|[\u4e00-\u9fff]{2,6})"  # `TNF-α`, `MCV`, `咳嗽`
_NAME_LIST = re.compile(rf"{_LIST_NAME}(?:、{_LIST_NAME})+")


def names_before(r, vals: list[Num]) -> list | None:
    """`两组正中神经MCV、SCV均较治疗前提高，且观察组分别为a、b`: a list said `分别` whose clause names nothing
    takes, one each, the k names listed earlier in its sentence (the last list of exactly k names before it)."""
    first = r.first(vals[0])
    seg = measure_stage.blank(r.key, r.arms, r.s, first)
    found = [m for m in _NAME_LIST.finditer(seg) if m.group(0).count("、") + 1 == len(vals)]
    if not found or not _HAN.search(r.key[r.s:first]):
        return None
    out, at = [], r.s + found[-1].start()
    for name in found[-1].group(0).split("、"):
        span = (at, at + len(name))
        lb = naming.code_in(r.v, *span)
        out.append(Measure(lb.code if lb else "", r.text(*span), *span, lb.timeframe if lb else ""))
        at = span[1] + 1
    return out


def p_of_compared_lists(r, out: list) -> None:
    """`治疗组…分别为a、b、c，均低于对照组的d、e、f（P<0.05）`: the p printed after the second list is the p of each
    value of both lists (each value of the second is compared with its place in the first)."""
    i = 0
    while i < len(out):
        j = i + 1
        while j < len(out) and _same_list(out[i], out[j]):
            j += 1
        p = out[j - 1].num.details.get("p_value") if j - i >= 2 and _HAN.search(r.key[r.s:r.e]) else None
        for m in out[i:j] if p else ():
            m.num.details.setdefault("p_value", p)
            for o in out:
                if o.arm is not None and o.arm == m.comparator and o.measure.text == m.measure.text:
                    o.num.details.setdefault("p_value", p)
        i = j


def _same_list(a, b) -> bool:
    """Whether b goes on the list a opens: a list compared with the one before (`run`, its comparator set), or both
    lists printed as one unit (`A组分别为a、b，高于B组的c、d`: `cross`)."""
    if a.kind == "cross":
        return b.kind == "cross"
    return a.kind == b.kind == "run" and a.comparator is not None and b.comparator is not None and a.arm == b.arm


# Chinese words right before a measure's name that qualify it (`腹膜复发率`, `局部控制率`): two to four characters
# that name no group, time, place in the sentence or verb (result_words `han_not_qualifier`).
_QUALIFIER_REACH = 10


@cache
def _qualifier() -> re.Pattern:
    stop = cue_alternation("result_words", "han_not_qualifier")
    return re.compile(rf"(?:(?!{stop})[\u4e00-\u9fff]){{2,4}}\Z")


@cache
def _latin_qualifier() -> re.Pattern:
    """`无MACE生存率`: a word that qualifies and an abbreviation."""
    stop = cue_alternation("result_words", "han_not_qualifier")
    return re.compile(rf"(?<![a-z0-9\-])(?:(?!{stop})[{HAN}])[a-z][a-z0-9\-]{{1,8}}\Z")


def qualified(r, m: Measure) -> Measure:
    """A Chinese endpoint name with the words that qualify it right before it (`HIPEC组腹膜复发率为7.3%`:
    腹膜复发率, not 复发率; the group, `两组`, `治疗后` are no part of it)."""
    a = m.start
    seg = measure_stage.blank(r.key, r.arms, max(r.s, a - 4), a)
    q = _qualifier().search(seg)
    if q is None or a - 4 + q.start() < r.s:
        q = _latin_qualifier().search(measure_stage.blank(r.key, r.arms, max(r.s, a - _QUALIFIER_REACH), a))
        if q is None:
            return m
        start = max(r.s, a - _QUALIFIER_REACH) + q.start()
        return replace(m, text=r.text(start, m.end), start=start)
    start = max(r.s, a - 4) + q.start()
    return replace(m, text=r.text(start, m.end), start=start)


# `由治疗前的（4.27±1.05）分降至（1.13±0.62）分`: the value a measure went to (result_words `han_went_to`).
@cache
def _went_to() -> re.Pattern:
    return re.compile(rf"(?:{cue_alternation('result_words', 'han_went_to')})\s*\(?\s*\Z")


def went_to(r, x: Num, carried: list | None) -> Measure | None:
    """The measure of a value a Chinese clause says it went to from another (`A组X积分由（a）分降至（b）分`: X积分;
    `B组由（c）分降至（d）分`: the measure said before); None when x is no such value. The value it went from is the
    baseline, no result (no measure is given to it)."""
    first = r.first(x)
    if not _went_to().search(r.key, max(r.s, first - 8), first):
        return None
    frm = r.key.rfind("由", r.clause_start(first), first)
    if frm < 0:
        return None
    span = measure_stage.han_phrase(r.key, r.arms, r.clause_start(frm), frm)
    if span is None:
        return carried[-1] if carried else None
    lb = naming.code_in(r.v, *span)
    return Measure(lb.code if lb else "", r.text(*span), *span, lb.timeframe if lb else "")


_FROM = re.compile(r"由[^,;:\d()]{0,8}?\(?\s*\Z")


@cache
def _went_to() -> re.Pattern:
    """A few words, then a verb of where a measure went (result_words `han_went_to`: `降至`), after a value."""
    return re.compile(r"[^,;:\d(]{0,6}?\(?\s*(?:" + cue_alternation("result_words", "han_went_to") + ")")


def came_from(r, x: Num) -> bool:
    """`由（4.20±1.12）分降至…`: the value a measure went from, the baseline; no result."""
    first = r.first(x)
    return bool(_FROM.search(r.key, max(r.s, first - 12), first)) and _went_to().match(r.key, x.stop) is not None


_ALL_SIGNIFICANT = re.compile(r"差异均\s*(?:有|无|具有|不具有)")


def p_of_all_compared(r, out: list) -> None:
    """`总有效率（93.3%）高于对照组（76.7%），Hp根除率（86.7%）高于对照组（70.0%），差异均有统计学意义（P<0.05）`:
    `差异均…` says every comparison of the sentence has the p printed after it."""
    said = _ALL_SIGNIFICANT.search(r.key, r.s, r.e)
    p = P_VALUE.search(r.key, said.end(), r.e) if said else None
    for m in out if p else ():
        if m.arm is not None and not m.effect:
            m.num.details.setdefault("p_value", p_written(p.group(0)))
