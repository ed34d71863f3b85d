"""A Chinese list of p-values after a list of compared measures, said in a sentence of its own
(`两组ORR、DCR比较，差异均有统计学意义（P=0.036、0.025）`): the first p goes on each group's row of the
first measure read earlier in the same paragraph, the second on the second's. Only when as many
measures as p-values are named and a row's code or measure is the named one; a row keeps a p it has.
One measure compared in a clause of its own gets the clause's p the same way (`两组ORR比较，…（P=0.033）；
两组DCR比较，…（P=0.228）`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from evkg.core.fold import fold
from evkg.core.model import Fact
from evkg.extract.results import naming
from evkg.extract.results.tokens import NUMBER
from evkg.extract.text.views import View

_NAME = r"(?:[a-z][a-z0-9\-]{0,11}|[\u4e00-\u9fff]{2,10})"
# `orr、dcr比较`, `两组客观缓解率、疾病控制率比较` (folded key), then `(p=0.036、0.025)` in the same sentence
_NAMES = re.compile(rf"({_NAME}(?:\s*、\s*{_NAME})+)\s*(?:的)?\s*(?:比较|对比)")
# `两组orr比较，差异有统计学意义（χ²=4.528，p=0.033）`: one measure, one p, in a clause of their own
_ONE = re.compile(rf"两组\s*({_NAME})\s*(?:的)?\s*(?:比较|对比)[^；;。]*?p\s*(?:值)?\s*([<>≤≥=])\s*({NUMBER})")
# `两组比较，差异有统计学意义（χ²=4.114，p=0.043）`: the groups compared on what the sentence before reported
_UNNAMED = re.compile(rf"\s*两组(?:间)?(?:比较|对比)[^；;。]*?p\s*(?:值)?\s*([<>≤≥=])\s*({NUMBER})")
_PS = re.compile(rf"p\s*(?:值)?\s*(?:分别)?\s*(?:为)?\s*([<>≤≥=])\s*((?:{NUMBER})(?:\s*、\s*(?:{NUMBER}))+)")


def named_ps(v: View, s: int, e: int) -> list[tuple[set[str], str]]:
    """The (names of a measure, p) pairs a sentence [s, e) gives, or none: a measure's names are the folded
    words the sentence says and the code of the lexicon they name (`客观缓解率` is ORR)."""
    key = v.key
    names, ps = _NAMES.search(key, s, e), None
    if names:
        ps = _PS.search(key, names.end(), e)
    if not names or not ps:
        return [_pair(v, m.start(1), m.group(1), m.group(2), m.group(3)) for m in _ONE.finditer(key, s, e)]
    said = [(m.group(0), m.start()) for m in re.finditer(_NAME, names.group(1))]
    if said and said[0][0].startswith("两组"):
        said[0] = (said[0][0][2:], said[0][1] + 2)
    values = [p.strip() for p in ps.group(2).split("、")]
    if len(said) != len(values) or not all(w for w, _ in said):
        return []
    return [_pair(v, names.start(1) + at, word, ps.group(1), value) for (word, at), value in zip(said, values)]


def _pair(v: View, start: int, word: str, op: str, value: str) -> tuple[set[str], str]:
    """The names of the measure `word` said at key offset `start` (with its lexicon code) and its p."""
    label = naming.code_in(v, start, start + len(word))
    return {word} | ({fold(label.code)} if label and label.code else set()), ("" if op == "=" else op) + value


def give(facts: list[tuple], rows: list[int], pairs: list[tuple[set[str], str]]) -> None:
    """Put each named p on the rows (indexes into facts) of its measure that have an arm and no p."""
    for names, p in pairs:
        for i in rows:
            span, f = facts[i]
            if not f.arm or f.detail("p_value") or not names & {fold(f.name), fold(f.detail("measure"))}:
                continue
            facts[i] = (span, _with_p(f, p))


def _with_p(f: Fact, p: str) -> Fact:
    return replace(f, details=tuple(f.details) + (("p_value", p),))


def give_unnamed(v: View, s: int, e: int, facts: list[tuple], rows: list[int]) -> None:
    """`两组比较，差异有统计学意义（P=0.043）` after a sentence that reported one measure in each group (its counts
    aside): the p goes on that measure's rows (indexes into facts, the sentence before's) that have an arm and no p."""
    m = _UNNAMED.match(v.key, s, e)
    if not m:
        return
    own = [i for i in rows if facts[i][1].arm and facts[i][1].detail("statistic") != "count"]
    measures = {fold(facts[i][1].detail("measure")) for i in own}
    if len(measures) != 1 or len({facts[i][1].arm for i in own}) < 2:
        return
    p = ("" if m.group(1) == "=" else m.group(1)) + m.group(2)
    for i in own:
        if not facts[i][1].detail("p_value"):
            facts[i] = (facts[i][0], _with_p(facts[i][1], p))
