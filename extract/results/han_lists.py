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
