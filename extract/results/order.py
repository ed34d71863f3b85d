"""Arms implied by order: a comparison or list whose values name no arm takes the arms the paragraph
compared last, in the order it named them.

Abstracts say the arms once and then only the numbers: `Median OS was 12.9 months with A versus 9.0
months with B. Median PFS was 5.6 versus 3.7 months, and the response rate was 40.8% versus 18.4%.`
The second sentence's pairs are A's and B's in that order; so are `53.4% and 38.9%` and `50.5% and
55.4% of patients, respectively`, and a later clause of the comparing sentence itself (`…, with skin
rashes seen in 12.6% and 17.2%, respectively`). Only when an earlier sentence of the same paragraph set exactly as
many arms against each other as the unit has values, the sentence itself names no group, subgroup or
lead, its values are one measure at one time point, and nothing says they are one group's values
over time or other groups set against each other (result_words `order_stop`: `baseline`, `before`,
`than`, `between`). A single-arm or unknown-arm paragraph gets no arm. The functions take the
sentence reader (prose.py) as `r`.
"""
from __future__ import annotations

import re
from functools import cache

from evkg.core.text import HAN_CHAR
from evkg.extract.results import arm as arm_stage
from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.measure import Measure
from evkg.extract.results.mention import Mention, Unit
from evkg.extract.results.tokens import word_pattern
from evkg.extract.vocabulary.cues import cue_table

_MOST_ARMS = 4


@cache
def _effect_names() -> re.Pattern:
    """The effects' names in words (ontology/cues/effects.tsv, `hazard ratios`): values they name compare arms."""
    names = sorted({r[0].lower() for r in cue_table("effects") if len(r[0]) >= 4}, key=len, reverse=True)
    return re.compile(rf"(?<![a-z])(?:{'|'.join(re.escape(n) for n in names)})s?(?![a-z])")


@cache
def _effect_abbreviations() -> re.Pattern:
    """Their abbreviations, matched in capitals on the text as printed (`HR of death`, not `or`)."""
    names = sorted({r[0].upper() for r in cue_table("effects") if 2 <= len(r[0]) < 4 and r[0].isascii()},
                   key=len, reverse=True)
    return re.compile(rf"(?<![A-Za-z])(?:{'|'.join(re.escape(n) for n in names)})s?(?![A-Za-z])")


def _names_effect(r, a: int, b: int) -> bool:
    """Whether the words in key [a, b) name an effect (`hazard ratios`, `HR`)."""
    s, e = r.v.span(a, b)
    return bool(_effect_names().search(r.key, a, b) or _effect_abbreviations().search(r.v.ctx.doc.text, s, e))


def _compared(r, out: list[Mention]) -> list[ArmSpan]:
    """The arms results compared, in the order of their values (each printed with its value or listed for it)."""
    names, order = [], []
    for m in out:
        if m.effect or m.arm is None or m.arm.subgroup or m.kind == "single" and m.comparator is None:
            continue
        name = arm_stage.name(r.v, m.arm)
        if name and name not in names:
            names.append(name)
            order.append(m.arm)
    return order


def remember(r, out: list[Mention]) -> None:
    """After a sentence: the arms its own comparison or list named, as the paragraph's order (two or more); none
    after a sentence about one group (`In the A group, …`, `Pain fell to 3.1 in the A group`): the paragraph has
    turned to that group, and a later pair is no longer the two arms in order."""
    order = _compared(r, out)
    if 2 <= len(order) <= _MOST_ARMS:
        r.order = (r.v.paragraph_at(r.s), order)
    elif r.lead is not None or _one_group(r, out):
        r.order = None


def forget(r, arms: list[ArmSpan], s: int, e: int) -> None:
    """After a sentence with no values that leads with one group (`In the A group, two patients withdrew.`)."""
    if r.order is not None and arm_stage.lead(r.v, arms, s, e) is not None:
        r.order = None


def _one_group(r, out: list[Mention]) -> bool:
    """Whether a sentence's results are all one group's, the only group it names."""
    named = {arm_stage.name(r.v, m.arm) for m in out if m.arm is not None and not m.effect}
    return len(named) == 1 and len(arm_stage.distinct(r.v, r.arms)) == 1 and all(m.arm is not None for m in out)


def _order_for(r, vals) -> list[ArmSpan] | None:
    """The arms a unit naming none takes: the paragraph's, when the sentence names no group; the ones this
    sentence compared already, when it names groups only before (`… of A and 44.1% of B patients (p=0.382),
    with skin rashes seen in 12.6% and 17.2%, respectively`)."""
    if r.lead is not None or r.lead_sub is not None:
        return None
    if not r.arms:
        if word_pattern("other_study").search(r.key, r.s, r.e):
            return None  # `… similar to those reported by Lee et al (26.2 and 25.5)`: another study's groups
        return r.order[1] if r.order and r.order[0] == r.v.paragraph_at(r.s) else None
    done = [m for m in r.bound if m.num.stop <= r.first(vals[0])]
    if not done or any(g.end > done[-1].num.stop for g in r.arms):
        return None  # the sentence names its own groups (or subgroups) by these values: read as printed
    return _compared(r, done)


_JOINS = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or)\s*")
_TIME_HEAD = re.compile(r"([a-z]{3,})\s+\Z")


def time_list(r, vals) -> list[str] | None:
    """The time points a list of values goes over, in order, when the sentence lists as many before them (`at 3 and
    6 months, … 45% and 52%, respectively`, `at weeks 4 and 8 … 3.1 and 2.2`): `3 months`, `6 months`; else None.
    Such a list is one group's (or every group's) values over time, never the arms in the order said."""
    before = _run([n for n in r.nums if n.role == "timepoint" and n.stop <= r.first(vals[0])], r)
    after = _run([n for n in r.nums if n.role == "timepoint" and n.start >= vals[-1].stop][::-1], r)
    run = before if len(before) == len(vals) else after[::-1]
    if len(run) != len(vals) or len(run) < 2:
        return None
    unit = r.text(run[-1].end, run[-1].stop)
    if unit:  # (`3 months`; `1年`, no space in Chinese)
        space = "" if HAN_CHAR.search(unit) else " "
        return [f"{r.text(n.start, n.end)}{space}{unit}" for n in run]
    head = _TIME_HEAD.search(r.key, max(r.s, r.first(run[0]) - 16), r.first(run[0]))
    word = r.text(*head.span(1)).removesuffix("s") if head else ""
    return [f"{word} {r.text(n.start, n.end)}".strip() for n in run]


def _run(points: list, r) -> list:
    """The last run of time points joined by `,` / `and` / `or` in `points` (text order, or reversed)."""
    run: list = []
    for n in points:
        a, b = sorted((run[-1], n), key=lambda x: x.start) if run else (n, n)
        run = run + [n] if run and _JOINS.fullmatch(r.key, a.stop, r.first(b)) else [n]
    return run


def implied(r, unit: Unit, measures: list[Measure], tfs: list[str]) -> tuple[list, list] | None:
    """(arms, comparators) of a unit whose values take the paragraph's arms in order, else None."""
    vals, k = unit.values, len(unit.values)
    if unit.kind not in ("pair", "run") or not 2 <= k <= _MOST_ARMS:
        return None
    order = _order_for(r, vals)
    if not order or len(order) != k:
        return None
    if len({m.text for m in measures}) != 1 or len(set(tfs)) != 1 or time_list(r, vals):
        return None  # a list of measures or of time points, not of arms
    if any(re.search(r"\bor\b", r.key[a.stop:r.first(b)]) for a, b in zip(vals, vals[1:])):
        return None  # `a score of 0 or 1`: alternatives, not one value per arm
    first = r.first(vals[0])
    if word_pattern("order_stop").search(r.key, r.s, r.e) or _names_effect(r, r.clause_start(first), first):
        return None  # one group over time, other groups, or effects (`hazard ratios … were 0.91 and 0.97`)
    arms = list(order)
    comps: list[ArmSpan | None] = [arms[1], arms[0]] if k == 2 else [None] * k
    return arms, comps
