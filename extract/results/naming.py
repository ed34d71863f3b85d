"""The naming layer over the reader: vocabulary codes for the measures it read.

Endpoint mentions the lexicon finds (`ORR`, `中位生存期`, `overall survival`, ontology/lexicon/endpoint.tsv)
are the labels the reader pairs numbers with; a grade before an adverse-event label (`3~4 级`) makes
it AE_G3, and a grade alone (`其中 1~2 级 79.2%`) names the adverse events of its sentence. A measure
the reader took from the text gets the code of the endpoint named inside it, when one is. A rate
printed for a time endpoint is its rate at a time point (`1 年生存率 50%`, `5-year overall survival
78%` -> OS_RATE with the time point; ontology/cues/endpoint_measures.tsv), a duration printed for a
rate endpoint names no code. The response and toxicity criteria in force (RECIST 1.1, CTCAE 5.0)
come with a code of their family.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from evkg.extract.results.tokens import Num
from evkg.extract.text.views import View
from evkg.extract.vocabulary.cues import cue_table

_GRADE = re.compile(r"(?:grade\s*)?(?:[≥>]\s*(\d)|(\d)\s*(?:[~\-、,/]|to|and|or)\s*(\d)|(\d))\s*"
                    r"(?:级|(?<=\d)(?=\s*(?:ae|adverse|toxic)))"
                    r"|grade\s*(?:[≥>]\s*(\d)|(\d)\s*(?:[~\-、,/]|to|and|or)\s*(\d)|(\d))")
_TP_UNIT = r"\s*-?\s*(?:个)?\s*(?:年|月|周|years?|months?|weeks?)"
_TP_ITEM = r"(?:\d+|半|一|两|二|三|五)"
_TIMEPOINT = re.compile(rf"(?<![\d.])(?:{_TP_ITEM}(?:{_TP_UNIT}|-)?\s*(?:[、,]|和|及|与|and|-and-)\s*)*"
                        rf"{_TP_ITEM}{_TP_UNIT}"
                        rf"\s*(?:的|of)?\s*$")
_TP_WINDOW = 24  # room for `1-, 2- and 3-year` before its endpoint


@dataclass(frozen=True)
class Label:
    """An endpoint as the text names it, with a time point when one is attached."""
    code: str
    start: int
    end: int
    timeframe: str = ""


@cache
def _measures() -> dict[str, tuple[str, str, str]]:
    return {r[0]: (r[1], r[2], r[3]) for r in cue_table("endpoint_measures")}


def labels(v: View) -> list[Label]:
    """The document's endpoint labels in key offsets, in text order (built once per document)."""
    return v.ctx.memo("result_labels", lambda: _labels(v))


def _labels(v: View) -> list[Label]:
    key = v.key
    ms = v.mentions_of("endpoint")
    starts = [m.start for m in ms]  # in text order: what a bracket holds by bisection
    ends = {m.end for m in ms}
    drop = set()
    for m in ms:  # `客观缓解率(CR+PR)`, `ORR (CR + PR)`: what the brackets hold defines it
        j = m.end + (1 if key[m.end:m.end + 1] == " " else 0)
        if key[j:j + 1] == "(" and j - (key[m.end:m.end + 1] == " ") in ends:
            close = key.find(")", j, j + 60)
            if close > 0:
                drop.update(range(bisect_right(starts, j), bisect_left(starts, close)))
    out = []
    for j, m in enumerate(ms):
        if j in drop or _deviation(v, m):
            continue
        lb = Label(m.code, m.start, m.end)
        inner = re.match(r"(半|\d+)\s*(?:个)?\s*(年|月)", key[m.start:m.end])
        if inner:
            lb = Label(m.code, m.start, m.end, _text(v, m.start, m.start + inner.end()))
        grade = _grade_before(key, m.start)
        if grade and m.code in ("AE", "SAE"):
            lb = Label("AE_G3" if grade[0] >= 3 else m.code, grade[1], m.end)
        out.append(lb)
    # A grade alone (`其中 1~2 级 79.2%`) names the adverse events of the sentence it is in.
    for m in _GRADE.finditer(key):
        if any(lb.start <= m.start() < lb.end for lb in out):
            continue
        nums = [int(g) for g in m.groups() if g]
        if nums and "级" in m.group(0) and re.match(r"\s*\d", key[m.end():m.end() + 3]):
            out.append(Label("AE_G3" if min(nums) >= 3 else "AE", m.start(), m.end()))
    out.sort(key=lambda lb: lb.start)
    return [_with_timepoint(v, lb) for lb in out]


def _text(v: View, a: int, b: int) -> str:
    s, e = v.span(a, b)
    return v.ctx.doc.text[s:e].strip()


def _deviation(v: View, m) -> bool:
    """`SD` with no other response category near it is a standard deviation, not stable disease."""
    if m.code != "SD":
        return False
    near = [x for x in v.mentions_in(m.start - 119, m.start + 120, "endpoint") if x is not m
            and x.code in ("CR", "PR", "PD", "ORR", "DCR")]
    return not near and "稳定" not in v.key[max(0, m.start - 10):m.end + 10]


_GRADE_BEFORE = re.compile(r"(?:grade\s*)?(?:[≥>]\s*(\d)|(\d)\s*(?:[~\-、,/]|to|and|or)\s*(\d)|(\d))\s*(?:级)?\s*$")


def _grade_before(key: str, k: int) -> tuple[int, int] | None:
    m = _GRADE_BEFORE.search(key[max(0, k - 14):k])
    if not m or not (m.group(0).startswith("grade") or "级" in m.group(0) or m.group(0).strip()[-1:].isdigit()):
        return None
    nums = [int(g) for g in m.groups() if g]
    return min(nums), k - len(key[max(0, k - 14):k]) + m.start()


def _with_timepoint(v: View, lb: Label) -> Label:
    """`1 年生存率`, `6 个月的 DCR`, `5-year overall survival`: a time point printed before an endpoint
    belongs to it."""
    if lb.timeframe:
        return lb
    before = v.key[max(0, lb.start - _TP_WINDOW):lb.start]
    m = _TIMEPOINT.search(before)
    if not m:
        return lb
    a = lb.start - (len(before) - m.start())
    return Label(lb.code, lb.start, lb.end, _text(v, a, lb.start).strip(" 的").rstrip(" -of").strip())


def timepoints(tf: str) -> list[str]:
    """`1、2 年`, `1年和2年` -> [`1年`, `2年`]; one time point stays as written."""
    items = re.findall(rf"({_TP_ITEM})((?:{_TP_UNIT})?)", tf)
    if len(items) < 2:
        return [tf] if tf else []
    last = items[-1][1].strip()
    return [n + (u.strip() or last) for n, u in items]


def code_in(v: View, start: int, end: int) -> Label | None:
    """The last endpoint label inside the key span [start, end) of a measure phrase."""
    inside = [lb for lb in labels(v) if start <= lb.start and lb.end <= end]
    return inside[-1] if inside else None


def name(code: str, num: Num) -> str:
    """The code a number of `code` is filed under: a rate of a time endpoint is its rate at a time
    point (OS -> OS_RATE); a duration of a rate endpoint has no code."""
    if not code:
        return ""
    measure, rate_code, _ = _measures().get(code, ("rate", "", ""))
    if num.kind == "percent" and measure == "time":
        return rate_code
    if num.kind == "time" and measure != "time":
        return ""
    return code


def family(code: str) -> str:
    return _measures().get(code, ("rate", "", ""))[2]


def criteria(v: View):
    """criteria(code, k): the response or toxicity criteria in force at key offset k for a code's family.
    The same paragraph wins, then the nearest statement before it; a paper states them once for all."""
    def build():
        found = []  # (offset, family, name)
        for written, crit, fam, *_ in cue_table("criteria"):
            for m in re.finditer(re.escape(written.lower()), v.key):
                if crit == "RECIST" and v.key[max(0, m.start() - 1):m.start()] == "m":
                    continue
                ver = re.match(r"[\s)\]]*(?:v|version)?\s*(\d(?:\.\d)?)", v.key[m.end():m.end() + 12])
                label = f"{crit} {ver.group(1)}" if ver and crit in ("RECIST", "CTCAE") else crit
                found.append((m.start(), fam, label))
        found.sort()
        ks = [k for k, _, _ in found]  # the window of each by bisection: a scan of all was quadratic
        # `实体瘤疗效评价标准（... RECIST）1.1版`: the version printed next to a name applies to it.
        return [(k, fam, next((lab for k2, f2, lab in found[bisect_left(ks, k - 99):bisect_right(ks, k + 99)]
                               if f2 == fam and lab.startswith(label) and " " in lab), label))
                for k, fam, label in found]
    found = v.ctx.memo("result_criteria", build)
    paper = v.ctx.doc.doctype == "paper"
    by_family: dict[str, list[tuple[int, str, str]]] = {}
    for f in found:
        by_family.setdefault(f[1], []).append(f)
    offsets = {fam: [f[0] for f in fs] for fam, fs in by_family.items()}

    def of(code: str, k: int) -> str:
        cands = by_family.get(family(code), [])
        if not cands:
            return ""
        i = bisect_right(offsets[family(code)], k)  # the last statement at or before k
        if i and (paper or v.paragraph_at(cands[i - 1][0]) == v.paragraph_at(k)):
            return cands[i - 1][2]
        return cands[0][2] if paper else ""
    return of
