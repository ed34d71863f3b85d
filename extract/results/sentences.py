"""Reading the results of one sentence in any field: numbers (stage 1), their measure (2)
and arms (3); the plugin adds whose they are (stage 4, source.py).

A sentence is read when it reports results (a p-value, a comparison, a result word)
and does not describe the design, the sample or the baseline. A number is a result
when it is printed as one (unit, spread, interval, count, effect estimate) or is one
side of a comparison (`1.7 vs. 1.35`, `(2.3) … than … (1.8)`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from evkg.core.text import HAN_CHAR
from evkg.extract.results import groups as arms_of
from evkg.extract.results import tables
from evkg.extract.results.measure import Measure, measure_of
from evkg.extract.results.tokens import NUMBER, Num, numbers, word_pattern
from evkg.extract.text.arms import Arm
from evkg.extract.text.numbers import unit_at
from evkg.extract.text.views import View
from evkg.extract.vocabulary.cues import cue_table

_P_ANY = re.compile(r"\bp\s*(?:-?\s*values?)?\s*[<=>≤≥]")
_LIST_SEP = re.compile(r"\s*(?:,|;|,?\s*and)\s*")
_RESPECTIVELY = word_pattern("respectively")


@dataclass(frozen=True)
class ResultMention:
    """A number one sentence reports as a result: the number, its measure, its arm and the arm compared."""
    num: Num
    measure: Measure
    arm: Arm | None = None
    comparator: Arm | None = None
    cell: bool = False  # a table cell: its quote is the cell, the label and column are details


@cache
def _effects() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    rows = cue_table("effects")
    names = sorted((r[0].lower() for r in rows), key=len, reverse=True)
    rx = re.compile(r"(?<![a-z])(%s)(?![a-z])\s*(?:\([a-z]{2,4}\))?\s*(?:for\s+[a-z\- ]{3,80}?\s*)?[:=,]?\s*"
                    r"(?:of|was|is)?\s*$" % "|".join(re.escape(n) for n in names))
    return rx, {r[0].lower(): (r[1], r[2]) for r in rows}


def _effect(v: View, num: Num) -> tuple[str, str] | None:
    """(effect, statistic) when the number is an effect estimate named right before it (`OR 0.18`)."""
    rx, table = _effects()
    m = rx.search(v.key, max(0, num.start - 60), num.start)
    if not m:
        return None
    word = m.group(1)
    if len(word) <= 3 and word.isascii():
        s, e = v.span(m.start(1), m.end(1))
        if not v.ctx.doc.text[s:e].isupper():
            return None  # `grade 1 or 2`
    return table[word]


_HEADING = re.compile(r"^[A-Z][A-Z0-9 .,&/\-]{2,80}:?[ \t]*$", re.M)


def _headings(v: View) -> tuple[list[int], list[bool]]:
    """Offsets of the capitalised heading lines (`BODY.METHODS:`) and whether each opens text that
    reports no results (methods and their subsections, an introduction itself); a heading naming neither (`BODY.SAMPLE COLLECTION:`) keeps the state of the one before."""
    def build():
        offsets, outside, state = [], [], False
        for m in _HEADING.finditer(v.ctx.doc.text):
            name = m.group(0).lower()
            if word_pattern("resultsection").search(name):
                state = False
            elif word_pattern("nosection").search(name):
                state = True
            offsets.append(m.start())
            # an introduction's subsections (a review's chapters) may well report results
            outside.append(state or bool(word_pattern("introsection").search(name)))
        return offsets, outside
    return v.ctx.memo("result_headings", build)


def _outside_results(v: View, s: int) -> bool:
    """Whether the sentence at key offset s is under a methods, background or introduction heading."""
    start = v.span(s, s + 1)[0]
    sec = v.ctx.doc.section_at(start)
    if sec is not None and sec.name in ("methods", "background", "introduction"):
        return True
    offsets, outside = _headings(v)
    i = bisect_right(offsets, start) - 1
    return i >= 0 and outside[i]


def reads(v: View, s: int, e: int) -> bool:
    """Whether the sentence [s, e) reports results."""
    key = v.key
    # Chinese sentences are read by the endpoint reader (results/outcomes.py).
    if not re.search(r"\d", key[s:e]) or HAN_CHAR.search(key, s, e) or _outside_results(v, s):
        return False
    cue = _P_ANY.search(key, s, e) or word_pattern("compare").search(key, s, e)
    if word_pattern("skip").search(key, s, e) and not cue:
        return False
    # a table cell row (`25.0 (37.2)`, `38.1 ± 18.4`) reports values with their spread
    spread = re.search(r"\d\s*(?:±|\(\s*\d)", key[s:e])
    return bool(cue or spread or word_pattern("result").search(key, s, e) or "%" in key[s:e])


def _pairs(key: str, nums: list[Num]) -> list[tuple[Num, Num]]:
    """`41% vs 27%`, `(1.7 vs. 1.35)`, `3.58 … vs. … 3.59`: two numbers joined by a comparison word."""
    out = []
    for a, b in zip(nums, nums[1:]):
        gap = key[a.end:b.start]
        if len(gap) < 60 and word_pattern("compare").search(gap) and not re.search(rf"{NUMBER}", gap) \
                and (a.kind == b.kind or not a.kind or not b.kind):
            out.append((a, b))
    return out


def _runs(key: str, nums: list[Num], s: int, e: int) -> list[list[Num]]:
    """`84% and 94%, respectively`: numbers joined by list separators in a `respectively` sentence."""
    if not _RESPECTIVELY.search(key, s, e):
        return []
    runs, cur = [], []
    for x in nums:
        if cur and _LIST_SEP.fullmatch(key[cur[-1].end:x.start]):
            cur.append(x)
        else:
            runs.append(cur)
            cur = [x]
    runs.append(cur)
    return [r for r in runs if len(r) > 1]


def read(v: View, s: int, e: int, flags: bytearray, endpoints) -> list[ResultMention]:
    """The results of sentence [s, e)."""
    if not reads(v, s, e):
        return []
    key = v.key
    # `60 mg` is a dose given, `1,375 ± 2,573 ml` a volume measured
    nums = [n for n in numbers(key, s, e, flags) if n.details or not unit_at(key, n.end, "dose")]
    groups = arms_of.candidates(v, s, e)
    named = arms_of.distinct(v, groups)
    spans = [(g.start, g.end) for g in groups]
    # `the 15-mg group`, `the 1/10 dose arm`: a number in an arm's name is no result
    nums = [n for n in nums if not any(a <= n.start < b for a, b in spans)]
    side: dict[int, tuple[Arm | None, Arm | None]] = {}
    for a, b in _pairs(key, nums):
        ga = arms_of.after(v, groups, a.end) or arms_of.before(v, groups, a.start)
        gb = arms_of.after(v, groups, b.end) or arms_of.before(v, groups, b.start)
        if not (ga and gb) and len(named) >= 2:
            ga, gb = named[0], named[1]
        side[id(a)], side[id(b)] = (ga, gb), (gb, ga)
        a.kind, b.kind = a.kind or b.kind, b.kind or a.kind
        a.unit, b.unit = a.unit or b.unit, b.unit or a.unit
    for run in _runs(key, nums, s, e):
        for x, g in zip(run, named if len(named) == len(run) else [None] * len(run)):
            side.setdefault(id(x), (g, None))
    out = []
    for n in nums:
        cell = _cell(v, n.start)
        if cell is not None:
            if not any(HAN_CHAR.search(key, x, y) for x, y in [cell.label, cell.column or (0, 0)]):
                out.append(_cell_result(v, n, cell))
            continue  # a Chinese table is the endpoint reader's
        res = _prose_result(v, s, n, side, groups, spans, endpoints)
        if res is not None:
            out.append(res)
    return out


def _named_bare(v: View, n: Num, s: int, groups) -> bool:
    """A bare number still reports a result right after its arm (`the sitagliptin group (2.3) than …`) or
    after a mean, median or score (`mean HAM-A score in Group I was 20`)."""
    key = v.key
    g = arms_of.before(v, groups, n.start)
    if g and "(" in key[g.end:n.start] and word_pattern("result").search(key, s, n.start + 200):
        return True
    # The clause since the last `;`, `,` or `(`, found backwards (a forward scan per number is quadratic).
    cut = max(key.rfind(c, s, n.start) for c in ";,(")
    clause = key[cut + 1 if cut >= 0 else s:n.start]
    return bool(re.search(r"\b(?:was|were|of|=)\s*\Z", clause)) and bool(re.search(r"\b(?:mean|median|average|score)\b", clause))


def _prose_result(v: View, s: int, n: Num, side, groups, spans, endpoints) -> ResultMention | None:
    """A number of running text: an effect estimate, a value printed as a result, or one side of a comparison."""
    key = v.key
    eff = _effect(v, n)
    if eff:
        n.details.update(effect=eff[0], statistic=eff[1])
        n.unit = n.unit if n.unit == "%" else eff[0]
    elif not (n.formed or id(n) in side or _named_bare(v, n, s, groups)):
        return None
    # `for 10 minutes`, `6 weeks`: a duration is a result when measured (`median time to … 4.0 days`)
    if n.kind == "time" and id(n) not in side and not n.details and not word_pattern("duration").search(key, s, n.start):
        return None
    if re.fullmatch(r"\s*", key[key.rfind("\n", 0, n.start) + 1:n.start]) and HAN_CHAR.search(key, max(0, s - 200), s):
        return None
    measure = measure_of(key, s, n.start, endpoints, spans, n.end)
    if measure is None:
        return None
    arm, comp = side.get(id(n), (None, None))
    arm = arm or arms_of.after(v, groups, n.end) or arms_of.before(v, groups, n.start)
    if arm is None and id(n) not in side:
        named = arms_of.distinct(v, groups)
        arm = named[0] if len(named) == 1 else None  # the one arm the sentence names
    return ResultMention(n, measure, arm, comp)


def _cell_result(v: View, n: Num, cell: tables.Cell) -> ResultMention:
    """A cell's measure is its row and its arm the column. A time-point row (`Week 8`) leaves the measure to
    the table's title; under time-point columns a row naming an arm (`Placebo`) is the arm."""
    key = v.key
    title = Measure(_title_label(key, cell.title), *cell.title) if cell.title[1] > cell.title[0] else None
    row = Measure(re.sub(r"\s+", " ", key[cell.label[0]:cell.label[1]]).strip()[:80], *cell.label)
    column = Arm(*cell.column) if cell.column else None
    if tables.timed(key, cell.label) and title:
        return ResultMention(n, title, None if tables.timed(key, cell.column) else column, cell=True)
    if tables.timed(key, cell.column):
        if title and arms_of.candidates(v, *cell.label):
            return ResultMention(n, title, Arm(*cell.label), cell=True)
        return ResultMention(n, row, None, cell=True)
    return ResultMention(n, row, column, cell=True)


def _title_label(key: str, span: tuple[int, int]) -> str:
    return re.sub(r"[\s,;:]+$", "", " ".join(re.findall(r"[^\s]+", key[span[0]:span[1]])[:8]))


def _cell(v: View, k: int) -> tables.Cell | None:
    """The table cell a number alone on its line belongs to (extract/results/tables.py)."""
    line = v.key.rfind("\n", 0, k) + 1
    return tables.cells(v).get(line) if not v.key[line:k].strip() else None


def quote_start(res: ResultMention) -> int:
    """A quote starts at the measure when it is printed close before the number, else at the number."""
    m = res.measure
    if res.cell:
        return res.num.start
    return m.start if m.end > m.start and 0 <= res.num.start - m.end < 40 else res.num.start

