"""A Chinese subgroup said before the values of its clause (`在糖尿病患者中，A组1年MACE发生率为12.3%`,
`女性患者中分别为11.5%和19.3%`): the values are the subgroup's inside the groups the sentence compares, so the
subgroup goes into the measure (`糖尿病患者MACE发生率`), as a reviewer names a subgroup's result, and the arm stays
the treatment group. Who the subgroup is ends in a word of result_words `han_subgroup_head` (患者, 患儿, 人群)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from evkg.core.text import HAN_CHAR
from evkg.extract.vocabulary.cues import cue_alternation

_NEAR = 20  # a subgroup lead opens its clause: this many characters into it at most


@cache
def _lead() -> tuple[re.Pattern, re.Pattern]:
    """`X患者中，` opening a clause (after `在`, result_words `han_among`, or not), and `在X患者中，` near its start (a
    section label may stand glued before it: `结果在糖尿病患者中`)."""
    heads = cue_alternation("result_words", "han_subgroup_head")
    among = cue_alternation("result_words", "han_among")
    who = rf"(?!{cue_alternation('result_words', 'han_whole')})([^\s,;:。()\d%]{{1,10}}?(?:{heads}))\s*中\s*,?"
    return re.compile(rf"\s*(?:{among})?{who}"), re.compile(rf"(?:{among}){who}")


def subgroup_before(r, first: int) -> tuple[int, int] | None:
    """The span of the subgroup said last before key offset `first` near the start of a clause of the sentence
    (not the whole sample, `所有患者中`, nor a group of the study: `两组患者中`, `观察组患者中` name arms)."""
    found = None
    opening, among = _lead()
    starts = [r.s] + [i + 1 for i in range(r.s, first) if r.key[i] in ",;"]
    for p in starts:
        m = opening.match(r.key, p, first) or among.search(r.key, p, min(first, p + _NEAR))
        if m and "组" not in m.group(1):
            found = m.span(1)
    return found


def opens_clause(r, p: int) -> bool:
    """Whether the clause at key offset p opens on a subgroup (`男性患者中，…`)."""
    m = _lead()[0].match(r.key, p, r.e)
    return m is not None and "组" not in m.group(1)


def qualify(r, out: list) -> None:
    """Each Chinese value said after a subgroup lead has the subgroup in its measure."""
    for m in out:
        text = m.measure.text if m.measure is not None else ""
        if not HAN_CHAR.search(text):
            continue
        sub = subgroup_before(r, r.first(m.num))
        if sub is None:
            continue
        name = r.text(*sub)
        if name not in text:
            m.measure = replace(m.measure, text=f"{name}{text}")
