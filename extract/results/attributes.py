"""Stage 5 of reading results: the CI and p-value each value keeps, beyond what is printed right after it.

A p-value printed after a comparison or list goes on each of its values (and the two sides of a
comparison share it); `P 值均 < 0.05` goes on all the sentence's values; a bracketed pair after a
value is its CI when the clause announces one before it (`odds ratio and 95% confidence interval:
1.80 (1.53, 2.11)`). The functions take the sentence reader (prose.py) as `r`.
"""
from __future__ import annotations

import re
from functools import cache

from evkg.extract.results import clause_scope, comparison
from evkg.extract.results.mention import Mention
from evkg.extract.results.tokens import P_VALUE, p_written, to_value
from evkg.extract.vocabulary.cues import cue_alternation

# `95% confidence interval:` with no bounds of its own after it
_CI_ANNOUNCED = re.compile(r"(?:(\d{2})\s*%\s*)?(?:confidence intervals?|\bci\b|可信区间|置信区间)"
                           r"(?![^()]*\d\s*(?:-|to|,)\s*\d)")


def distant_ci(r, out: list[Mention]) -> None:
    """`odds ratio and 95% confidence interval: 2.35 (1.62, 3.08)`, `9.6 months (9.3, 9.9)` after `(95% CI)`:
    the pair in brackets is the CI its clause announces before the number."""
    for m in out:
        d = m.num.details
        if "range_low" not in d or "ci_low" in d:
            continue
        first = r.first(m.num)
        seg = r.key[max(r.s, clause_scope.segment_start(r, first) - 60):first]
        label = _CI_ANNOUNCED.search(seg)
        if label or _ratio_interval(m):
            d["ci_low"], d["ci_high"] = d.pop("range_low"), d.pop("range_high")
            if label and label.group(1):
                d["ci_level"] = label.group(1)


def _ratio_interval(m: Mention) -> bool:
    """`the odds ratio for DPN was 0.85 (0.65-1.11, P = 0.22)`: a ratio or a difference between groups has no
    range of its own, so a pair in brackets after it that holds it is its confidence interval, labelled or not."""
    d = m.num.details
    try:
        low, high = to_value(d["range_low"]), to_value(d["range_high"])  # `−3·1`: a mid-dot decimal too
    except ValueError:
        return False
    if m.statistic == "difference":  # `between-group difference −1·9 points [−3·1 to −0·7]`: no range either
        return low <= m.num.value <= high and low < high
    return m.effect in comparison.ratio_effects() and 0 <= low <= m.num.value <= high


@cache
def _significance() -> re.Pattern:
    """A clause saying a difference is significant (result_words `significance`), right after a comma."""
    return re.compile(rf"[,;]\s*(?:{cue_alternation('result_words', 'significance')})")


def share_p(r, out: list[Mention]) -> None:
    """A p-value printed after a comparison or list goes on each of its values; `P 值均 < 0.05` on all."""
    key = r.key
    for i, m in enumerate(out):
        if "p_value" in m.num.details:
            continue
        nxt = out[i + 1].num.first if i + 1 < len(out) else r.e
        end = r.clause_end(m.num.stop)
        said = _significance().match(key, end)
        if said:  # `…低于对照组的 17.8%，差异有统计学意义（χ²=4.05，P=0.044）`: the p of the comparison said before
            end = r.clause_end(said.end())
        p = P_VALUE.search(key, m.num.stop, max(m.num.stop, min(nxt, end + 1, r.e)))
        if p is not None and len(key[m.num.stop:p.start()]) < 90:
            m.num.details["p_value"] = p_written(p.group(0))
    # the two sides of a comparison (one measure) share its p: first the p printed after the second side goes to
    # the first, so a list of comparisons (`(18% vs 33%, p=0.12) and treatment (26% vs 45%, p=0.07)`) gives each
    # pair its own before a first side's p (`93% was higher (P < 0.01) than … (41%)`) goes on to the second
    for second_to_first in (True, False):
        for a, b in zip(out, out[1:]):
            if a.comparator is None or b.arm is None or a.comparator != b.arm or a.measure.text != b.measure.text:
                continue
            pa, pb = a.num.details.get("p_value"), b.num.details.get("p_value")
            if second_to_first and pb and not pa:
                a.num.details["p_value"] = pb
            elif not second_to_first and pa and not pb:
                b.num.details["p_value"] = pa
    for i, m in enumerate(out):  # `45% in A and 20% in B (OR 3.3 …; p = 0.004)`: the arms keep the effect's p
        p = m.num.details.get("p_value") if m.effect and m.comparator is not None else None
        for side in out[max(0, i - 2):i] if p else ():
            if not side.effect and side.arm is not None and side.measure.text == m.measure.text:
                side.num.details.setdefault("p_value", p)
    _one_p_after_one_measure(r, out)
    shared = re.search(r"p\s*值?\s*均\s*([<>≤≥=])\s*(\d*\.?\d+)", key[r.s:r.e])
    if shared:
        for m in out:
            m.num.details.setdefault("p_value", shared.group(1).replace("=", "") + shared.group(2))


def _one_p_after_one_measure(r, out: list[Mention]) -> None:
    """`A组1、3、5年总生存率分别为a、b、c，B组分别为d、e、f，两组比较（P=0.412）`: a sentence's only p, printed
    after all its values, all of one measure and none an effect, is the comparison of them all."""
    ps = list(P_VALUE.finditer(r.key, r.s, r.e))
    if len(ps) != 1 or len(out) < 2 or not all(m.num.end <= ps[0].start() for m in out):
        return
    if any(m.effect for m in out) or len({m.measure.text for m in out}) != 1:
        return
    for m in out:
        m.num.details.setdefault("p_value", p_written(ps[0].group(0)))
