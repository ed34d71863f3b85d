"""Chinese lists of values whose arms the sentence does not name (R15).

`两组不良反应总发生率分别为13.3%、17.8%`: `两组` (`三组`) says the list runs over the study's groups, and a Chinese
report lists them in the order it allocated them (`分为对照组和观察组`), whatever order the sentence before
named them in.
"""
from __future__ import annotations

import re
from dataclasses import replace

from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.tokens import Num
from evkg.extract.text.allocation import study_arms
from evkg.extract.text.arms import arm_key

_HAN = re.compile(r"[\u4e00-\u9fff]")
_GROUPS = re.compile(r"([两二三四])\s*组")
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
    groups = sorted((a for a in study_arms(r.v.ctx) if not a.ref and a.size), key=lambda a: a.span)
    key = arm_key(r.arm_name(known))
    other = [a for a in groups if a.key != key]
    if len(groups) != 2 or len(other) != 1:
        return None
    return ArmSpan(r.v.to_key(other[0].mentions[0][0]), r.v.to_key(other[0].mentions[0][1]))


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
            return
