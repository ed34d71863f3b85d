"""The `outcomes` plugin: reported numbers for endpoints: rates, medians, survival at a time point, ratios,
AE by grade.

Each sentence is read as a row of tokens on the folded key: endpoint mentions,
numbers with their units, groups (`HAIC组`) and time points (`1 年`). Numbers
are attached to endpoints by the written forms papers use:

- `ORR 为 16.7%（4/24）`, `mPFS 为 3.4（1.0~12.0）个月`, `达 PR 者 10例（43.5%）`: label then number;
- `33% 的 PR`, `36% 达 PR`: number then label;
- `(52.6% 比 9.8%; 83.8% 比 52.5%)`, `52.6% vs. 9.8%`: comparisons, one per endpoint, one number per group;
- `分别为 5.8、3.2和2.4个月`, `... respectively`: lists, paired with as many endpoints, groups or time points;
- `索拉非尼组为61.2%,TACE组为35.0%`: one number per group;
- `HR = 2.35, 95% CI 1.16–4.76`, `相对危险度:0.52`: ratios, unit HR / OR / RR.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.results import sentences as result_reader
from evkg.extract.results import tables as result_tables
from evkg.extract.results import tokens as result_tokens
from evkg.extract.results.source import source_of
from evkg.extract.results.tokens import P_VALUE, word_pattern
from evkg.extract.text.arms import SIZE, Arm, arm_text, arms
from evkg.extract.text.context import DocContext
from evkg.extract.text.numbers import NUM, in_range, to_float, unit_at
from evkg.extract.text.views import View, view
from evkg.extract.vocabulary.cues import cue_alternation, cue_table

_CI = re.compile(rf"95\s*%\s*(?:ci|confidence intervals?|可信区间|置信区间)\s*[:,=]?\s*\(?({NUM})\s*(?:[~\-,]|to)\s*({NUM})")
_CI_BRACKET = re.compile(rf"\s*[(\[]\s*{_CI.pattern}\s*(?:个月|月|months?)?\s*[)\]]")
# `HR = 0.52`, `hazard ratio (HR) of 0.48`, `the hazard ratio for progression-free survival was 0.48`,
# `hazard ratio for death, 0.41`.
_RATIO = re.compile(rf"(hazard ratio|odds ratio|relative risk|risk ratio|\bhr\b|\bor\b|\brr\b|相对危险度|相对风险|风险比|危险比|比值比)"
                    rf"\s*(?:\(hr\)|\(or\)|\(rr\))?(?:\s+for\s+[a-z\- ]{{3,50}}?(?=\s*[,:=]|\s+(?:was|of)\b))?"
                    rf"\s*(?:[:=,]|was|of|为|是)?\s*({NUM})")
_RATIO_UNIT = {"hazard ratio": "HR", "hr": "HR", "风险比": "HR", "危险比": "HR", "odds ratio": "OR", "or": "OR",
               "比值比": "OR", "relative risk": "RR", "risk ratio": "RR", "rr": "RR", "相对危险度": "RR", "相对风险": "RR"}
_BOUND = re.compile(r"(?:[<>≤≥]|低于|高于|超过|大于|小于|不足|少于|多于|不到|less than|more than|greater than|over|under|below|above|up to)\s*$")
_GRADE = re.compile(r"(?:grade\s*)?(?:[≥>]\s*(\d)|(\d)\s*(?:[~\-、,]|to|and|or)\s*(\d)|(\d))\s*(?:级|(?<=\d)(?=\s*(?:ae|adverse|toxic)))"
                    r"|grade\s*(?:[≥>]\s*(\d)|(\d)\s*(?:[~\-、,]|to|and|or)\s*(\d)|(\d))")
_TP_UNIT = r"\s*-?\s*(?:个)?\s*(?:年|月|周|years?|months?|weeks?)"
_TP_ITEM = r"(?:\d+|半|一|两|二|三|五)"
_TIMEPOINT = re.compile(rf"(?<![\d.])(?:{_TP_ITEM}(?:{_TP_UNIT}|-)?\s*(?:[、,]|和|及|与|and|-and-)\s*)*{_TP_ITEM}{_TP_UNIT}\s*(?:的|of)?\s*$")
_TP_WINDOW = 24  # room for `1-, 2- and 3-year` before its endpoint
_COMPARE = re.compile(r"\s*(?:比|vs\.?|versus|对|compared (?:with|to))\s*")
_LIST_SEP = re.compile(r"\s*(?:、|,|,?\s*and|和|及|与|;)\s*")
_RESPECTIVELY = word_pattern("respectively")
_LEAD_GAP = re.compile(r"[\s为是达到未约仅共:=,率的者有了分别时间发生为均wasreofat(]*$")
_TAIL_GAP = re.compile(r"^\s*(?:的|达|达到|of|had|achieved|with)?\s*$")
# A table cell `8(13.3)` / `8 (13.3%)`: a count and its percentage.
_ROW_CELL = re.compile(rf"(?<!\d)(\d+)\s*\(\s*({NUM})\s*%?\s*\)")  # from a number's first digit: linear
_AE_FAMILY = ("AE", "AE_G3", "SAE")
_MAX_DIGITS = 9  # of a group's size
# `Grade 3-4 adverse events were observed in 22 of 106 patients (20.8%)`: a reporting verb between.
_LEAD_VERB = re.compile(r"\s*(?:(?:was|were|is|are|has been|have been)?\s*(?:observed|occurred|seen|reported|noted|recorded|"
                        r"developed|achieved|reached)\s+(?:in\s+)?|in\s+)(?:the\s+)?")
# Where a number was measured, between its label and `was`: `in the same trial`, `among all patients`.
_SCOPE = re.compile(r"^\s*(?:in|among|across)\s+(?:the|this|that|these|our|all)\s+[a-z\- ]{1,30}?\s+(?=(?:was|were|is|reached)\b)")
# A prepositional phrase after a number, up to the next clause, bracket or conjunction.
_QUALIFIER = re.compile(r"\s*(?:in|for|with|among)\s+[a-z][^\d;:(),]{0,40}?(?=\s*(?:[,;(]|\band\b|\bwhile\b|\bwhereas\b"
                        r"|\bversus\b|\bvs\b|\bcompared\b|\.\s|\.?$))")
# Between reported numbers and the bracketed ratio that compares them: nothing, or the group of the
# last number (`11.5 months with lenvatinib alone (HR 0.45`), never another number or clause.
_RATIO_GAP = re.compile(r"\s*(?:(?:in|for|with|among)\s[^\d;:()]{0,40})?")
# Between a number and the group it belongs to: `67.4% (31/46) in the`, `87.0% for the`.
_TRAILING_GAP = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:in|for|among|with)\s+(?:the\s+|a\s+)?")
# Between two numbers each followed by its group: `... in the TACE-L group and 40.0% in ...`.
_GROUP_JOIN = re.compile(r"\s*(?:,|;)?\s*(?:and|while|whereas|but|versus|vs\.?|compared with)?\s*")


def _measures() -> dict[str, tuple[str, str, str]]:
    return {r[0]: (r[1], r[2], r[3]) for r in cue_table("endpoint_measures")}


@dataclass
class Value:
    start: int
    end: int
    value: float
    unit: str = ""
    measure: str = ""  # percent, time, ratio, or "" for a bare count
    n: int | None = None
    total: int | None = None
    details: dict = field(default_factory=dict)
    used: bool = False
    lead: int | None = None  # where the quote starts when the number has its own name (`HR = 0.52`)
    versus: object = None  # the other group of a comparison (`A组 … 高于 B组 (52.6% 比 9.8%)`)


@dataclass
class Label:
    """An endpoint as the sentence names it, with a time point when one is attached."""
    code: str
    start: int
    end: int
    timeframe: str = ""


class TokenRow:
    """One sentence (or table row) read as a row of tokens: endpoint labels, values and groups, in key offsets."""

    def __init__(self, v: View, start: int, end: int, labels: list[Label], values: list[Value], groups: list[Arm]):
        self.v, self.start, self.end = v, start, end
        self.labels, self.values, self.groups = labels, values, groups

    def labels_before(self, k: int, since: int | None = None) -> list[Label]:
        return [lb for lb in self.labels if (since if since is not None else self.start) <= lb.start and lb.end <= k]

    def groups_before(self, k: int) -> list[Arm]:
        return [g for g in self.groups if g.end <= k]

    def trailing_group(self, val: Value) -> Arm | None:
        """A group printed right after a number (`67.4% (31/46) in the TACE-L group`)."""
        g = next((g for g in self.groups if g.start >= val.end), None)
        return g if g and _TRAILING_GAP.fullmatch(self.v.key[val.end:g.start]) else None

    def group_of_label(self, lb: Label) -> Arm | None:
        """A group printed right before its endpoint (`TACE 组 1 年生存率 47.5%`)."""
        g = next((g for g in reversed(self.groups) if g.end <= lb.start), None)
        gap = self.v.key[g.end:lb.start] if g else ""
        return g if g and re.fullmatch(rf"\s*(?:的)?\s*(?:{_TP_ITEM}{_TP_UNIT})?\s*(?:的)?\s*", gap) else None

    def direct_group(self, k: int) -> Arm | None:
        """A group printed right before a number (`TACE组为33.3%`, `TACE组分别为 76.7%、50.0%`)."""
        for g in reversed(self.groups_before(k)):
            gap = self.v.key[g.end:k]
            return g if re.fullmatch(r"\s*(?:\(?\$?n\s*=\s*\d+\$?\)?)?\s*(?:则|的)?\s*(?:分别)?\s*(?:为|是|达|:|was|of|,)?\s*\(?",
                                     gap) else None
        return None


class Outcomes(Plugin):
    name = "outcomes"
    version = "3"
    doctypes = PROSE_TYPES
    requires = ("sentences", "mentions", "markers")
    assigns = ("outcome",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        v = view(ctx)
        measures = _measures()
        masked = _masks(v)
        labels = _labels(v, measures)
        values = _values(v, masked)
        criteria = _criteria(v)
        refs = doc.section("references")
        facts, carried = [], None
        labels.sort(key=lambda x: x.start)
        values.sort(key=lambda x: x.start)
        label_starts, value_starts = [x.start for x in labels], [x.start for x in values]
        for s, e in v.sentences:
            if refs and v.span(s, e)[0] >= refs.start:
                break
            sent = TokenRow(v, s, e, labels[bisect_left(label_starts, s):bisect_left(label_starts, e)],
                            values[bisect_left(value_starts, s):bisect_left(value_starts, e)], arms(v, s, e))
            found, carried = _read(sent, measures, carried)
            for code, val, group, tf in found:
                facts.append(self._fact(ctx, v, doc, code, val, group, tf, criteria, measures, sent))
        for sent, code, val, group in _table_rows(v, labels):
            facts.append(self._fact(ctx, v, doc, code, val, group, "", criteria, measures, sent))
        facts = [f for f in facts if f is not None]
        return result_tables.with_tables(doc, ctx, self.fact, facts + self._open_results(ctx, v, facts))

    def _open_results(self, ctx, v: View, known: list[Fact]) -> list[Fact]:
        """Results in any field and measure (extract/results/), where the endpoint reader found none."""
        refs = v.ctx.doc.section("references")
        taken = sorted((f.provenance.start, f.provenance.end) for f in known)
        flags = result_tokens.masks(v.key, v.citations)
        endpoints = [m for m in v.mentions_of("endpoint") if not _deviation(v, m, v.mentions_of("endpoint"))]
        out = []
        for s, e in v.sentences:
            if refs and v.span(s, e)[0] >= refs.start:
                break
            for res in result_reader.read(v, s, e, flags, endpoints):
                ns, ne = v.span(res.num.start, res.num.end)
                if any(a < ne and ns < b for a, b in taken):
                    continue
                out.append(self._open_fact(ctx, v, res, s, e))
        return out

    def _open_fact(self, ctx, v: View, res, s: int, e: int) -> Fact:
        num, m = res.num, res.measure
        src = source_of(v, num.start, s, e)
        details = {k: val for k, val in num.details.items() if val}
        details["source"] = src.kind
        if src.name:
            details["source_name"] = src.name
        if m.end > m.start:
            details["measure"] = ctx.doc.text[slice(*v.span(m.start, m.end))]
        if res.comparator:
            details["comparator"] = arm_text(v, res.comparator)
        size = SIZE.match(v.key, res.arm.end) if res.arm else None
        written = (size.group(1) or size.group(2)) if size else ""
        if 0 < len(written) <= _MAX_DIGITS:  # `the placebo group (n = 30)`; a run of digits is no size
            details["arm_size"] = int(written)
        details.setdefault("statistic", {"percent": "rate", "count": "count"}.get(num.kind, "value"))
        start, end = v.span(result_reader.quote_start(res), num.end)
        return self.fact(ctx, "outcome", start, end, name=m.code, value=num.value, unit=num.unit,
                         n=num.n if num.n is not None else src.n, total=num.total if num.total is not None else src.total,
                         arm=arm_text(v, res.arm) if res.arm else "", details=details, ref=src.ref)

    def _fact(self, ctx, v, doc, code, val, group, timeframe, criteria, measures, sent) -> Fact | None:
        measure, rate_code, family = measures.get(code, ("rate", "", ""))
        if val.measure == "percent" and measure == "time":
            if not rate_code:
                return None
            code, family = rate_code, measures.get(rate_code, ("rate", "", ""))[2]
        elif val.measure == "time" and measure != "time":
            return None
        near = [lb.start for lb in sent.labels if lb.end <= val.start and val.start - lb.end < 30]
        qs = val.lead if val.lead is not None else max(near) if near else val.start
        start, end = v.span(qs, val.end)
        details = dict(val.details)
        if val.versus is not None and group:
            details["comparator"] = arm_text(v, val.versus)
        src = source_of(v, val.start, sent.start, sent.end)
        details["source"] = src.kind
        if src.name:
            details["source_name"] = src.name
        n = val.n if val.n is not None else src.n
        total = val.total if val.total is not None else src.total
        return self.fact(ctx, "outcome", start, end, name=code, value=val.value, unit=val.unit, n=n,
                         total=total, arm=arm_text(v, group) if group else "", timeframe=timeframe,
                         criteria=criteria(family, val.start), details=details, ref=src.ref)


def _masks(v: View) -> bytearray:
    """Key positions whose numbers are not results: confidence intervals, p-values, citations,
    versions (one flag per position, so each number is checked in constant time)."""
    key = v.key
    spans = [m.span() for m in _CI.finditer(key)] + [m.span() for m in P_VALUE.finditer(key)]
    spans += [(c[0], c[1]) for c in v.citations]
    spans += [m.span() for m in re.finditer(r"(?:recist|ctcae|easl|spss|version|版)\s*v?\d+(?:\.\d+)*", key)]
    flags = bytearray(len(key))
    for s, e in spans:
        flags[s:e] = b"\x01" * (e - s)
    return flags


def _labels(v: View, measures) -> list[Label]:
    """Endpoint mentions minus those defining another in brackets (`客观缓解率(CR+PR)`, `(mPFS)`)."""
    key = v.key
    ms = v.mentions_of("endpoint")
    ends = {m.end for m in ms}
    drop = set()
    for i, c in enumerate(key):
        if c == "(" and (i in ends or (key[i - 1:i] == " " and i - 1 in ends)):
            close = key.find(")", i)
            if close > 0:
                drop.update(j for j, m in enumerate(ms) if i < m.start < close)
    out = []
    for j, m in enumerate(ms):
        if j in drop or _deviation(v, m, ms):
            continue
        lb = Label(m.code, m.start, m.end)
        inner = re.match(r"(半|\d+)\s*(?:个)?\s*(年|月)", key[m.start:m.end])
        if inner:
            lb.timeframe = v.ctx.doc.text[slice(*v.span(m.start, m.start + inner.end()))]
        grade = _grade_before(key, m.start)
        if grade and m.code in ("AE", "SAE"):
            lb = Label("AE_G3" if grade[0] >= 3 else m.code, grade[1], m.end)
        out.append(lb)
    # A grade alone (`其中 1~2 级 79.2%`) names the adverse events of the sentence it is in.
    for m in _GRADE.finditer(key):
        if any(lb.start <= m.start() < lb.end for lb in out):
            continue
        nums = [int(g) for g in m.groups() if g]
        if nums and unit_at(key, m.end(), "percent") is None and _at(r"\s*\d", key, m.end()):
            out.append(Label("AE_G3" if min(nums) >= 3 else "AE", m.start(), m.end()))
    out.sort(key=lambda lb: lb.start)
    return _with_timepoints(v, out)


def _deviation(v: View, m, mentions) -> bool:
    """`SD` with no other response category near it is a standard deviation, not stable disease."""
    if m.code != "SD":
        return False
    near = [x for x in mentions if x is not m and abs(x.start - m.start) < 120 and x.code in ("CR", "PR", "PD", "ORR", "DCR")]
    return not near and "稳定" not in v.key[max(0, m.start - 10):m.end + 10]


def _grade_before(key: str, k: int) -> tuple[int, int] | None:
    m = re.search(r"(?:grade\s*)?(?:[≥>]\s*(\d)|(\d)\s*(?:[~\-、,]|to|and|or)\s*(\d)|(\d))\s*(?:级)?\s*$", key[max(0, k - 14):k])
    if not m or not (m.group(0).startswith("grade") or "级" in m.group(0) or m.group(0).strip().endswith(tuple("0123456789"))):
        return None
    nums = [int(g) for g in m.groups() if g]
    return min(nums), k - len(key[max(0, k - 14):k]) + m.start()


def _with_timepoints(v: View, labels: list[Label]) -> list[Label]:
    """`1 年生存率`, `6 个月的 DCR`: a time point printed before an endpoint belongs to it."""
    out = []
    for lb in labels:
        before = v.key[max(0, lb.start - _TP_WINDOW):lb.start]
        m = _TIMEPOINT.search(before)
        if m and not lb.timeframe:
            s, e = v.span(lb.start - (len(before) - m.start()), lb.start)
            lb = Label(lb.code, lb.start, lb.end, v.ctx.doc.text[s:e].strip(" 的"))
        out.append(lb)
    return out


def _timepoints(tf: str) -> list[str]:
    """`1、2 年`, `1年和2年` -> [`1年`, `2年`]; one time point stays as written."""
    items = re.findall(rf"({_TP_ITEM})((?:{_TP_UNIT})?)", tf)
    if len(items) < 2:
        return [tf] if tf else []
    last = items[-1][1].strip()
    return [n + (u.strip() or last) for n, u in items]


def _masked(k: int, masks: bytearray) -> bool:
    return k < len(masks) and masks[k] == 1


def _abbreviation_as_written(v: View, m: re.Match) -> bool:
    """`OR 0.5` is an odds ratio, `grade 1 or 2` is not: a two-letter ratio name counts in capitals only."""
    if len(m.group(1)) > 2 or not m.group(1).isascii():
        return True
    s, e = v.span(m.start(1), m.end(1))
    return v.ctx.doc.text[s:e].isupper()


def _values(v: View, masks) -> list[Value]:
    """Every number that could be a result, with its unit, (n/N), range and CI."""
    key = v.key
    out = []
    skip_until = 0
    for m in re.finditer(rf"(?<![\d.a-z]){NUM}", key):
        s = m.start()
        if s < skip_until or _masked(s, masks) or in_range(key, s, m.end()) or _BOUND.search(key[max(0, s - 12):s]):
            continue
        val = _parse_value(key, m)
        if val is None:
            continue
        _add_statistics(key, val)
        skip_until = val.end
        out.append(val)
    for m in _RATIO.finditer(key):
        s = m.start(2)
        if _masked(s, masks) or not _abbreviation_as_written(v, m):
            continue
        val = Value(s, m.end(2), to_float(m.group(2)), _RATIO_UNIT[m.group(1)], "ratio", lead=m.start())
        if "cox" in key[max(0, s - 200):s] and val.unit == "RR":
            val.unit = "HR"  # a Cox model's relative risk is a hazard ratio
        _add_statistics(key, val)
        out = [x for x in out if not (x.start <= s < x.end)] + [val]
    return sorted(out, key=lambda x: x.start)


def _at(pattern: str, key: str, pos: int) -> re.Match | None:
    """`pattern` matched at `pos` of `key` (offsets are of `key`). Not `re.match(p, key[pos:])`:
    that copies the rest of the text for every number, quadratic in the document's length."""
    return re.compile(pattern).match(key, pos)


def _add_statistics(key: str, val: Value) -> None:
    """The CI and p-value printed right after a number (`HR = 2.35, 95% CI 1.16–4.76, P = 0.03`)."""
    pos = val.end
    ci = re.compile(rf"[\s,;:(]*{_CI.pattern}").match(key, pos)
    if ci:
        val.details.update(ci_low=ci.group(1), ci_high=ci.group(2))
        pos = ci.end()
        # A CI in its own brackets belongs to the number: `18.5个月(95%ci:15.2~21.8)和12.3个月`.
        closed = _CI_BRACKET.match(key, val.end)
        if closed and val.measure != "ratio":
            val.end = closed.end()
    p = _at(r"[\s,;:()]*\$?p\s*([<=>≤≥])\s*(\d*\.?\d+)", key, pos)
    if p:
        val.details["p_value"] = (p.group(1) if p.group(1) != "=" else "") + p.group(2)


def _parse_value(key: str, m: re.Match) -> Value | None:
    s, pos = m.start(), m.end()
    num = to_float(m.group(0))
    # `10例（43.5%）`, `4（16.7%）`: a count with its percentage.
    cp = _at(rf"\s*(?:(?:of|/)\s*(\d+)\s*)?(?:例|名|patients?|cases?)?\s*\(\s*({NUM})\s*%\s*\)", key, pos)
    if cp and float(num).is_integer():
        # `22 of 106 patients (20.8%)`: the denominator printed with the count.
        total = int(cp.group(1)) if cp.group(1) else None
        return Value(s, cp.end(), to_float(cp.group(2)), "%", "percent", n=int(num), total=total)
    sd = _at(rf"\s*±\s*{NUM}\s*\)?", key, pos)
    if sd:
        pos = sd.end()
    details = {}
    # `8.6(95%ci:6.9~10.3)个月`: the CI printed before the unit.
    ci = _CI_BRACKET.match(key, pos)
    if ci and unit_at(key, ci.end(), "percent", "time"):
        details.update(ci_low=ci.group(1), ci_high=ci.group(2))
        pos = ci.end()
    rng = _at(rf"\s*\(\s*({NUM})\s*[~\-]\s*({NUM})\s*\)", key, pos)
    if rng:
        details.update(range_low=rng.group(1), range_high=rng.group(2))
        pos = rng.end()
    u = unit_at(key, pos, "percent", "time")
    if u is None:
        return Value(s, m.end(), num) if not sd and not rng else None
    pos, unit, measure = u
    val = Value(s, pos, num, unit, measure, details=details)
    frac = _at(r"\s*\(\s*(\d+)\s*(?:/|of)\s*(\d+)(?:\s*(?:patients?|cases?))?\s*\)", key, pos)
    if frac:
        val.n, val.total, val.end = int(frac.group(1)), int(frac.group(2)), frac.end()
    return val


def _criteria(v: View):
    """criteria(family, k): the response / toxicity criteria in force at key offset k.

    The same sentence wins, then the nearest statement before it; a paper's methods
    state them once for the whole document.
    """
    found = []  # (offset, family, name)
    for written, name, family, *_ in cue_table("criteria"):
        for m in re.finditer(re.escape(written.lower()), v.key):
            if name == "RECIST" and v.key[max(0, m.start() - 1):m.start()] == "m":
                continue
            ver = re.match(r"[\s)\]]*(?:v|version)?\s*(\d(?:\.\d)?)", v.key[m.end():m.end() + 12])
            label = f"{name} {ver.group(1)}" if ver and name in ("RECIST", "CTCAE") else name
            found.append((m.start(), family, label))
    found.sort()
    # `实体瘤疗效评价标准（... RECIST）1.1版`: the version printed next to a name applies to it.
    found = [(k, fam, next((lab for k2, f2, lab in found if f2 == fam and abs(k2 - k) < 100
                            and lab.startswith(label) and " " in lab), label)) for k, fam, label in found]
    paper = v.ctx.doc.doctype == "paper"

    def criteria(family: str, k: int) -> str:
        if not family:
            return ""
        cands = [f for f in found if f[1] == family]
        before = [f for f in cands if f[0] <= k and (paper or v.paragraph_at(f[0]) == v.paragraph_at(k))]
        if before:
            return before[-1][2]
        return cands[0][2] if paper and cands else ""
    return criteria


def _read(sent: TokenRow, measures, carried):
    """(endpoint, value, group, timeframe) read from one sentence, and the list context it leaves."""
    key = sent.v.key
    out, new_carried = [], None
    vals = [x for x in sent.values if not _is_timepoint(sent, x)]

    def take(code, val, group, tf):
        if not val.used:
            val.used = True
            out.append((code, val, group, tf))

    # Comparisons: `(52.6% 比 9.8%, P<0.001; 83.8% 比 52.5%)`.
    comps = []
    for a, b in zip(vals, vals[1:]):
        if _COMPARE.fullmatch(key[a.end:b.start]) and (a.unit or b.unit):
            b_unit = b.unit or a.unit
            a.unit, a.measure = a.unit or b_unit, a.measure or b.measure
            b.unit, b.measure = b_unit, b.measure or a.measure
            comps.append((a, b))
        elif _COMPARE.fullmatch(key[a.end:b.start]):
            comps.append((a, b))
    if comps:
        first = comps[0][0].start
        opening = key.rfind("(", sent.start, first)
        first = opening if opening >= 0 and _inside_brackets(key, opening, first) else first
        outer = sent.labels_before(first)
        groups = sent.groups_before(first)[-2:]
        for i, (a, b) in enumerate(comps):
            # `(3、4 级 AEs:13 比 27; SAE:6 比 15)`: a label inside the brackets names its comparison.
            inner = [lb for lb in sent.labels if lb.end <= a.start and lb.start >= (comps[i - 1][1].end if i else first)]
            label = inner[-1] if inner else (outer[i] if len(outer) == len(comps) else outer[-1] if outer else None)
            if label is None or (not a.unit and not inner):
                continue
            for j, val in enumerate((a, b)):
                if len(groups) == 2:
                    val.versus = groups[1 - j]
                take(label.code, val, groups[j] if len(groups) == 2 else None, label.timeframe)

    # Lists: `分别为 5.8、3.2和2.4个月`, `were 84% and 94%, respectively`.
    for run in _runs(key, [x for x in vals if not x.used]):
        k = len(run)
        respectively = _RESPECTIVELY.search(key, max(sent.start, run[0].start - 12), run[0].start) or \
            _RESPECTIVELY.search(key, run[-1].end, sent.end)
        prev = max([x.end for x in vals if x.measure and x.end <= run[0].start], default=sent.start)
        labels = sent.labels_before(run[0].start, since=prev)
        groups = sent.groups_before(run[0].start)
        tfs = _timepoints(labels[-1].timeframe) if labels else []
        # `..., 非AT组分别为71%和28%`: a later list reuses the endpoints of the one before it.
        context = new_carried or carried
        if not labels and context and len(context[0]) in (k, 1):
            labels, tfs = context
        if not labels:
            continue
        group = sent.direct_group(run[0].start) or (groups[-1] if len(groups) == 1 else None)
        if len(tfs) == k:
            for tf, val in zip(tfs, run):
                take(labels[-1].code, val, group, tf)
            new_carried = (labels[-1:], tfs)
        elif len(tfs) > 1 and k % len(tfs) == 0 and len(groups) >= k // len(tfs):
            # `A组与B组的1、3年生存率分别为 90%、70%和 80%、50%`: one chunk of time points per group.
            for i, val in enumerate(run):
                take(labels[-1].code, val, groups[-(k // len(tfs)):][i // len(tfs)], tfs[i % len(tfs)])
        elif len(labels) == k and respectively:
            for lb, val in zip(labels, run):
                take(lb.code, val, group, lb.timeframe)
            new_carried = (labels, [])
        elif respectively and len(labels) > 1 and k % len(labels) == 0:
            # `A组和B组的ORR和DCR分别为84%、94%和58%、80%`: one chunk of endpoints per group.
            chunks = k // len(labels)
            for i, val in enumerate(run):
                g = groups[-chunks:][i // len(labels)] if len(groups) >= chunks else None
                take(labels[i % len(labels)].code, val, g, labels[i % len(labels)].timeframe)
        elif respectively and len(groups) >= k:
            for g, val in zip(groups[-k:], run):
                take(labels[-1].code, val, g, labels[-1].timeframe)
        elif respectively and len(labels) == 1 and not groups:
            # `... occurred in 28.3% and 18.0% of patients, respectively`: the groups were named before.
            for val in run:
                take(labels[0].code, val, None, labels[0].timeframe)

    # One number per label or group: `ORR 为 16.7%`, `TACE组为33.3%`, `33% 的 PR`,
    # `67.4% in the TACE-L group and 40.0% in the TACE group` (the second reuses the first's endpoint).
    # (label, end of its group or qualifier, unit) of the last number taken with a group or qualifier after it
    last = None
    for val in vals:
        if val.used or not val.measure:
            continue
        trailing = sent.trailing_group(val)
        after = next((lb for lb in sent.labels if lb.start >= val.end and _TAIL_GAP.match(key[val.end:lb.start])), None)
        if after and val.measure == "percent" and not _LEAD_LABEL(sent, val):
            take(after.code, val, sent.direct_group(val.start) or trailing, after.timeframe)
            continue
        label = _LEAD_LABEL(sent, val) or (_nearest(sent, val) if val.measure == "ratio" else None)
        qualifier = trailing.end if trailing else _qualifier_end(key, val)
        if label is None and qualifier and last and last[2] == val.unit and _GROUP_JOIN.fullmatch(key[last[1]:val.start]):
            label = last[0]
        if label:
            group = sent.direct_group(val.start) or trailing or sent.group_of_label(label) \
                or _only(sent.groups_before(val.start))
            take(label.code, val, group, label.timeframe)
            last = (label, qualifier, val.unit) if qualifier else None

    # `7.2 个月和 4.1 个月（HR=0.52，...）`: a ratio in brackets right after reported numbers compares them.
    for val in vals:
        paren = key.rfind("(", sent.start, val.start)
        if val.used or val.measure != "ratio" or paren < 0 or ")" in key[paren:val.start]:
            continue
        prev = next((o for o in reversed(out) if o[1].end <= paren and _RATIO_GAP.fullmatch(key[o[1].end:paren])), None)
        if prev:
            take(prev[0], val, None, prev[3])
    return out, new_carried


def _qualifier_end(key: str, val: Value) -> int | None:
    """End of the phrase naming whom a number is for when it is no written group:
    `36.2 months with the combination and ...`, `... in patients with PVTT (HR ...`."""
    m = _QUALIFIER.match(key, val.end)
    return m.end() if m else None


def _lines(v: View, end: int) -> Iterable[tuple[int, int]]:
    """Key ranges of the document's printed lines before offset `end` (the key joins wrapped lines)."""
    for m in re.finditer(r"[^\n]+", v.ctx.doc.text[:end]):
        yield v.to_key(m.start()), v.to_key(m.end())


def _table_rows(v: View, labels: list[Label]) -> list[tuple[TokenRow, str, Value, Arm]]:
    """Flattened table rows under a header naming the groups (`疗效 A组(n=60) B组(n=60)`):
    `完全缓解(CR) 8(13.3) 3(5.0)`, one `count (percent)` cell per group, the group's size as total."""
    refs = v.ctx.doc.section("references")
    out, header = [], None
    for s, e in _lines(v, refs.start if refs else len(v.ctx.doc.text)):
        groups = arms(v, s, e)
        if len(groups) >= 2 and not _ROW_CELL.search(v.key, s, e):
            header = groups
            continue
        row = [lb for lb in labels if s <= lb.start < e]
        cells = list(_ROW_CELL.finditer(v.key, row[0].end if row else s, e))
        if header is None or not row or len(cells) != len(header) or v.key[cells[-1].end():e].strip() \
                or not re.fullmatch(r"\s*(?:\([^()\d]*\))?\s*", v.key[row[0].end:cells[0].start()]):
            header = None
            continue
        sent = TokenRow(v, s, e, row[:1], [], header)
        for cell, group in zip(cells, header):
            size = SIZE.match(v.key, group.end)
            total = int(size.group(1) or size.group(2)) if size else None
            val = Value(cell.start(), cell.end(), to_float(cell.group(2)), "%", "percent", n=int(cell.group(1)),
                        total=total)
            out.append((sent, row[0].code, val, group))
    return out


def _only(groups):
    return groups[0] if len(groups) == 1 else None


def _nearest(sent: TokenRow, val: Value) -> Label | None:
    """A ratio belongs to the endpoint before it when it qualifies a treatment or stands alone."""
    before = sent.labels_before(val.start)
    if not before:
        return None
    key = sent.v.key
    paren = key.rfind("(", sent.start, val.start)
    if paren > 0 and key.find(")", paren) > val.start:
        anchors = sent.v.starts_by_end("procedure", "drug", "endpoint")
        if paren not in anchors and paren - 1 not in anchors and not sent.direct_group(paren + 1):
            return None
    return before[-1]


def _LEAD_LABEL(sent: TokenRow, val: Value) -> Label | None:
    """The label right before a number, or before the group that comes right before it."""
    key = sent.v.key
    group = sent.direct_group(val.start)
    anchor = group.start if group else val.start
    before = sent.labels_before(anchor)
    if not before:
        return None
    lb = before[-1]
    gap = key[lb.end:anchor]
    others = [x for x in sent.values if lb.end <= x.start < val.start and x.measure]
    if group:
        return lb
    if others:
        # `其中 1~2 级 79.2%` after a rate of the same label is taken by the grade label instead.
        return None
    # `ORR by mRECIST was 54.1%`: the criteria named between label and number do not part them.
    gap = _criteria_phrase().sub(" ", gap, count=1)
    # `Median OS in the same trial was 36.2 months`: where it was measured does not part them either.
    gap = _SCOPE.sub(" ", gap, count=1)
    return lb if len(gap) <= 14 and _LEAD_GAP.match(gap) is not None or _bracketed(gap) \
        or _LEAD_VERB.fullmatch(gap) else None


@cache
def _criteria_phrase() -> re.Pattern:
    """`by mRECIST`, `per RECIST 1.1`, `according to EASL`: response criteria named with their preposition."""
    return re.compile(r"\s*(?:by|per|according to|using)\s+(?:%s)(?:\s*v?\d(?:\.\d)?)?\s*"
                      % cue_alternation("criteria"))


def _bracketed(gap: str) -> bool:
    """`（mPFS）3.4 个月`, `（DCR）达 90.0%`: only an alias in brackets lies between label and number."""
    return bool(re.fullmatch(r"\s*\([^()\d]*\)\s*(?:为|达到|达|was|of|:)?\s*\(?", gap))


def _inside_brackets(key: str, k: int, until: int) -> bool:
    return key.rfind("(", 0, k + 1) > key.rfind(")", 0, k + 1) and key.find(")", k) >= until


def _is_timepoint(sent: TokenRow, val: Value) -> bool:
    """`6 个月的 DCR`, `1 年生存率`: a duration naming when an endpoint was measured."""
    if val.measure != "time":
        return False
    key = sent.v.key
    nxt = next((lb for lb in sent.labels if lb.start >= val.end), None)
    return bool(nxt and re.fullmatch(r"\s*(?:的|of)?\s*", key[val.end:nxt.start]))


def _runs(key: str, vals: list[Value]) -> list[list[Value]]:
    """Numbers joined only by list separators (`5.8、3.2和2.4个月`); unitless ones take the last unit."""
    runs, cur = [], []
    for x in vals:
        if cur and _LIST_SEP.fullmatch(key[cur[-1].end:x.start]):
            cur.append(x)
        else:
            if len(cur) > 1:
                runs.append(cur)
            cur = [x]
    if len(cur) > 1:
        runs.append(cur)
    out = []
    for run in runs:
        unit = next((x for x in reversed(run) if x.unit), None)
        if unit is None:
            continue
        for x in run:
            if not x.unit:
                x.unit, x.measure = unit.unit, unit.measure
        out.append(run)
    return out
