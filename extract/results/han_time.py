"""Chinese time points said once before a sentence's values (R33).

`干预后1个月、3个月，观察组Barthel指数分别为a、b，均高于对照组的c、d`: a list of durations after what the time is
counted from (result_words `han_time_lead`) opening the sentence gives each value of one group's list its time
point in order (a and c at 1 month, b and d at 3). An abstract's label before it (`结果　干预后3个月，…`) is no
part of the sentence's words.
"""
from __future__ import annotations

import re
from functools import cache

from evkg.core.text import HAN_CHAR
from evkg.extract.vocabulary.cues import cue_alternation, cue_table

# A Chinese duration (`3个月`, `12周`, `24 h`), also read by prose.py's time lead.
DURATION = r"\d+\s*(?:个)?\s*(?:d|天|周|个月|月|年|h|小时)"


@cache
def label() -> str:
    """A Chinese label of the results section (section_names.tsv `results`) that may open an abstract's sentence."""
    words = sorted((w for w, name, *_ in cue_table("section_names") if name == "results" and HAN_CHAR.search(w)),
                   key=len, reverse=True)
    return rf"(?:(?:{'|'.join(map(re.escape, words))})\s*[:：]?\s*)?"


@cache
def _list_lead() -> re.Pattern:
    """`干预后1个月、3个月，`, `治疗4周、8周后，` opening a sentence: the lead word and the durations."""
    words = cue_alternation("result_words", "han_time_lead")
    durations = rf"{DURATION}(?:\s*[、和及与]\s*{DURATION})+"
    return re.compile(rf"\s*{label()}((?:{words})\s*后?)\s*({durations})\s*(后?)\s*[,，]")


def time_list(r, k: int, arms: list, measures: list) -> list[str] | None:
    """The time point of each of k values of one group and one measure, from a list of as many durations opening
    the sentence; None when the values are of several groups or measures (`两组…分别为a、b` are the groups')."""
    if k < 2 or len({id(a) if a is None else (a.start, a.end) for a in arms}) != 1 or arms[0] is None or \
            len({m.text for m in measures}) != 1:
        return None
    m = _list_lead().match(r.key, r.s)
    if m is None:
        return None
    durations = [d for d in re.split(r"\s*[、和及与]\s*", r.text(*m.span(2))) if d]
    if len(durations) != k:
        return None
    lead = r.text(*m.span(1))
    tail = "后" if m.group(3) else ""
    return [f"{lead}{d}{tail}" for d in durations]
