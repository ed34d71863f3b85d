"""Stage 3 of reading a result: the arm a number belongs to, as written.

Candidates in a sentence are the groups it names (`the ketorolac group`, `HAIC组`),
the interventions it names (`brinzolamide/timolol`; joined names make one arm) and
arm words (`placebo`, `controls`). A number takes the arm printed right after it
(`85.9% with ABLE`) or right before it (`TCC: 38.1 ± 18.4`); the two numbers of a
comparison (`41% vs 27%`) and the numbers of a `respectively` list take the
sentence's arms in order.
"""
from __future__ import annotations

import re

from evkg.extract.results.tokens import word_pattern
from evkg.extract.text.arms import Arm, arms
from evkg.extract.text.views import View

# `the ketamine and placebo groups`: two arms named under one plural head.
_PLURAL = re.compile(r"\b([a-z0-9+\-]+) (?:and|or|vs\.?|versus) ([a-z0-9+\-]+) (?:groups|arms)\b")
_JOIN = re.compile(r"\s*(?:/|\+|plus|and|with)\s*")
_AFTER = re.compile(r"[\s)\]]*,?\s*(?:in|with|for|among|on|of|from)\s+(?:the\s+|a\s+|an\s+)?")
_BEFORE = re.compile(r"\s*(?:group)?\s*(?:\(\s*n\s*=\s*\d+\s*\))?\s*(?:(?:[:=]|\b(?:was|were|had)\b)\s*[(\[]?|[(\[])\s*$")


def candidates(v: View, s: int, e: int) -> list[Arm]:
    """Arms named in key range [s, e), in text order, overlapping names merged."""
    spans = [(a.start, a.end) for a in arms(v, s, e)]
    ivs = sorted((m.start, m.end) for m in v.mentions_of("drug", "procedure", "device") if s <= m.start < e)
    merged = []
    for a, b in ivs:  # `brinzolamide/timolol`: one arm of two drugs
        if merged and _JOIN.fullmatch(v.key[merged[-1][1]:a]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    spans += merged
    spans += [m.span() for m in word_pattern("arm").finditer(v.key, s, e)]
    for m in _PLURAL.finditer(v.key, s, e):
        spans = [x for x in spans if not (x[0] < m.end() and m.start() < x[1])]
        spans += [m.span(1), m.span(2)]
    out = []
    for a, b in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and a < out[-1].end:
            if b > out[-1].end:
                out[-1] = Arm(out[-1].start, b)
            continue
        out.append(Arm(a, b))
    return out


def distinct(v: View, groups: list[Arm]) -> list[Arm]:
    """The groups with the same name (folded) kept once, first mention first."""
    seen, out = set(), []
    for g in groups:
        name = re.sub(r"\s*\b(?:group|arm|the)\b\s*", "", v.key[g.start:g.end]).strip()
        if name not in seen:
            seen.add(name)
            out.append(g)
    return out


def after(v: View, groups: list[Arm], end: int) -> Arm | None:
    """The arm printed right after a number (`85.9% with ABLE`, `41% in the placebo group`)."""
    m = _AFTER.match(v.key, end)
    if not m:
        return None
    found = next((g for g in groups if g.start == m.end()), None)
    if found is None:
        # `85.9% with ABLE compared to 98.4% with LAmB`: an arm abbreviated in capitals
        word = re.compile(r"[a-z][a-z0-9+\-]{1,10}\b").match(v.key, m.end())
        if word:
            s, e = v.span(word.start(), word.end())
            written = v.ctx.doc.text[s:e]
            if sum(c.isupper() for c in written) >= 2 and written[0].isupper():
                found = Arm(word.start(), word.end())
    return found


def before(v: View, groups: list[Arm], start: int) -> Arm | None:
    """The arm printed right before a number (`TCC: 38.1`, `placebo group (n = 30) 12%`)."""
    g = next((g for g in reversed(groups) if g.end <= start), None)
    return g if g and start - g.end < 40 and _BEFORE.search(v.key[g.end:start]) else None
