"""Stage 2 of reading a result: the measure a number reports.

Open vocabulary: the endpoint the lexicon knows nearest before the number in its
clause gives a code; otherwise the measure phrase written before the number (the
subject of `… was 85.9%`, or what follows `in`/`of` in `… difference in pain
(41% vs 27%)`) gives a normalised label (lower case, spaces collapsed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.extract.results.tokens import word_pattern

_BOUNDARY = re.compile(r"[;:()\[\]\n=]|,\s|\.\s")
_STOP = set(["the", "a", "an", "of", "in", "for", "with", "on", "to", "and", "or", "than", "that", "this", "these", "those", "their", "its", "was", "were", "is", "are", "be", "been", "had", "has", "have", "there", "significant", "significantly", "statistically", "both", "all", "two", "three", "group", "groups", "patients", "participants", "subjects", "mean", "median", "average", "total", "overall", "also", "not", "no", "by", "as", "at", "from", "into", "who", "which", "when", "than", "compared", "versus", "vs", "study", "data", "but", "it", "therefore", "finally", "week", "weeks", "day", "days", "month", "months", "year", "years", "night", "hour", "hours", "visit", "follow-up", "post", "pre", "they", "end", "tended", "contrast", "results", "result", "instance", "example", "only", "approximately", "treated", "addition", "however", "moreover", "furthermore", "respectively", "there", "whereas", "while"])
_MAX_WORDS = 6
# Words after which a measure phrase names the arms, not the measure (`pain scores between the groups`).
_CUT = {"between", "among", "across", "versus", "vs", "than", "when", "whereas", "while", "following"}


@dataclass(frozen=True)
class Measure:
    code: str  # vocabulary code, or the normalised label
    start: int  # key span of the measure as written (start == end when unknown)
    end: int


def _anchor(key: str, s: int, k: int) -> int:
    """Where the text naming a number ends: the bracket it is printed in, if any (`pain (41% vs 27%)`)."""
    depth, i = 0, k - 1
    while i >= s:
        c = key[i]
        if c in ")]":
            depth += 1
        elif c in "([":
            if depth == 0:
                return i
            depth -= 1
        i -= 1
    return k


def _phrase(seg: str, s: int, e: int) -> tuple[int, int] | None:
    """The measure words in seg = key[s:e]: the subject before a verb, else the words after the
    last `in`/`of`, else the last words of the segment."""
    tries = [(0, v.start()) for v in word_pattern("verb").finditer(seg) if re.search(r"[a-z]{3}", seg[:v.start()])][:1]
    tries += [(p.end(), len(seg)) for p in re.finditer(r"(?<![a-z])(?:in|of|for|on)\s", seg)][-1:]
    tries.append((0, len(seg)))
    for a, b in tries:
        span = _words(seg, a, b)
        if span:
            return s + span[0], s + span[1]
    return None


def _words(seg: str, a: int, b: int) -> tuple[int, int] | None:
    toks = [t for t in re.finditer(r"[a-z][a-z0-9'\-/]*", seg[a:b]) if not t.group(0).isdigit()]
    cut = next((i for i, t in enumerate(toks) if t.group(0) in _CUT), None)
    if cut:
        toks = toks[:cut]
    while toks and toks[-1].group(0) in _STOP:
        toks.pop()
    toks = toks[-_MAX_WORDS:]
    while toks and toks[0].group(0) in _STOP:
        toks.pop(0)
    if not any(len(t.group(0)) >= 3 and t.group(0) not in _STOP for t in toks):
        return None
    return a + toks[0].start(), a + toks[-1].end()


def measure_of(key: str, sent_start: int, k: int, endpoints, arm_spans, after: int | None = None) -> Measure | None:
    """The measure of the number at key offset k in the sentence starting at sent_start; with `after`
    (where the number's printing ends), the words after it when none before name it (`13 (8.4%) deaths`)."""
    anchor = _anchor(key, sent_start, k)
    cut = max([m.end() for m in _BOUNDARY.finditer(key, sent_start, anchor)], default=sent_start)
    near = [m for m in endpoints if sent_start <= m.start and m.end <= k and m.start >= cut - 80]
    if near:
        m = near[-1]
        return Measure(m.code, m.start, m.end)
    for s, e in ((cut, anchor), (sent_start, anchor)):
        seg = _without(key, arm_spans, s, e)
        span = _phrase(seg, s, e)
        if span:
            label = re.sub(r"\s+", " ", seg[span[0] - s:span[1] - s]).strip()
            return Measure(label, *span)
    if after is not None:
        stop = _BOUNDARY.search(key, after)
        end = min(stop.start() if stop else len(key), after + 60)
        verb = word_pattern("verb").search(key, after, end)
        end = verb.start() if verb else end
        span = _words(_without(key, arm_spans, after, end), 0, end - after)
        if span:
            return Measure(re.sub(r"\s+", " ", key[after + span[0]:after + span[1]]), after + span[0], after + span[1])
    return None


def _without(key: str, spans, s: int, e: int) -> str:
    """key[s:e] with the arm names in it blanked, so a group is never taken for a measure."""
    out = list(key[s:e])
    for a, b in spans:
        if s <= a < e:
            out[a - s:min(b, e) - s] = " " * (min(b, e) - a)
    return "".join(out)
