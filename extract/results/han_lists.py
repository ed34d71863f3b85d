"""Chinese lists of values whose arms the sentence does not name (R15).

`两组不良反应总发生率分别为13.3%、17.8%`: `两组` (`三组`) says the list runs over the study's groups, and a Chinese
report lists them in the order it allocated them (`分为对照组和观察组`), whatever order the sentence before
named them in.
"""
from __future__ import annotations

import re

from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.tokens import Num
from evkg.extract.text.allocation import study_arms

_HAN = re.compile(r"[\u4e00-\u9fff]")
_GROUPS = re.compile(r"([两二三四])\s*组")
_HOW_MANY = {"两": 2, "二": 2, "三": 3, "四": 4}


def groups_in_order(r, vals: list[Num]) -> list[ArmSpan] | None:
    """The study's k groups in allocation order for a list of k values said of `两组` before it, when the
    study allocates exactly k groups with their sizes; else None."""
    k = len(vals)
    said = [m for m in _GROUPS.finditer(r.key, r.s, r.first(vals[0]))]
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
