"""A Chinese sentence whose lead names the measure its groups' values report (R33).

`三组患者总有效率比较，高剂量组为a，低剂量组为b，对照组为c`, `三组术后第1天VAS评分：A组（a）分，B组（b）分`: the
lead, after `两组`/`三组`/`各组` and before `比较` or a colon (result_words `han_lead_tail`), is the measure of each
value whose own clause names only its group; a time point opening it (`术后第1天`) is their time point.
"""
from __future__ import annotations

import re
from functools import cache

from evkg.extract.results import measure as measure_stage
from evkg.extract.results import naming
from evkg.extract.results.han_time import label
from evkg.extract.results.measure import Measure
from evkg.extract.results.tokens import Num
from evkg.extract.vocabulary.cues import cue_alternation

_COPULA = re.compile(r"[为是的]")


@cache
def _lead() -> re.Pattern:
    tail = cue_alternation("result_words", "han_lead_tail")
    return re.compile(rf"\s*{label()}[两二三四各]\s*组(?:患者)?\s*([^,:;。()]{{2,30}}?)\s*(?:{tail})?\s*[,:]")


def lead_measure(r, x: Num) -> Measure | None:
    """The measure the sentence's lead names for the value x, whose clause names only its group; else None."""
    m = _lead().match(r.key, r.s)
    first = r.first(x)
    if m is None or m.end() > first:
        return None
    own = measure_stage.blank(r.key, r.arms, max(m.end(), r.clause_start(first)), first)
    if re.search(r"[\u4e00-\u9fff]{2}", _COPULA.sub("", own)):
        return None  # the value's clause names a measure of its own
    a, b = m.span(1)
    start = measure_stage.han_time_head(r.key, a, b)
    tf = measure_stage.han_time_before(r.v, a, start)
    lb = naming.code_in(r.v, start, b)
    return Measure(lb.code if lb else "", measure_stage.written(r.v, start, b), start, b, lb.timeframe if lb else tf)
