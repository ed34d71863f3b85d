"""The results of one prose sentence: its numbers (stage 1) bound to measures (3), arms (4), their
CI and p (5) and comparisons (7), in one pass over the sentence's structure.

A sentence's values fall into units: a comparison (`41% vs 27%`, `12.5 比 9.8`, and the cross form
`25.4 and 19.8 vs 18.6 and 13.1 months`), a list (`48%, 35% and 20%`, `5.8、3.2和2.4个月`), or a single
value. A list said `respectively` (`分别`) pairs its values in order with as many measures, arms or
time points the sentence names; a comparison gives each side its arm and the other as comparator;
an effect estimate named before its value (`HR 0.72`, `odds ratio … 1.80`) is one result with no arm
and the reference group as comparator. An arm printed next to a value wins over a lead clause's
arm (`In group N, …`), which wins over the one arm a sentence names. A value whose clause describes
the sample, who was treated or the protocol (ontology/cues/result_words.tsv: baseline, disposition,
methods) is no result, nor is a bare number nothing marks as one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from evkg.extract.results import arm as arm_stage
from evkg.extract.results import measure as measure_stage
from evkg.extract.results import naming
from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.measure import Measure
from evkg.extract.results.tokens import P_VALUE, Num, numbers, p_written, word_pattern
from evkg.extract.text.views import View
from evkg.extract.vocabulary.cues import cue_alternation, cue_table

_LIST_SEP = re.compile(r"\s*(?:,|;|、|和|及|与|或|,?\s*(?:and|or))\s*(?:in\s+)?")
# Clause breaks: `;`, a Chinese comma (folded to `,` next to a Chinese character), `, and`, `whereas`.
_CLAUSE = re.compile(r";|,(?=\s*[a-z0-9+\-]{0,12}\s*[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]),|,\s*(?:and|but|while|whereas)\s|"
                     r"\bwhereas\b|\bwhile\b")
_MAX_GAP = 80
# Measures that describe who was studied, not what happened to them.
_BASELINE_MEASURE = re.compile(r"(?:the\s+)?(?:mean\s+|median\s+|average\s+)?(?:age|sex|gender|height|baseline|"
                               r"年龄|性别|身高|基线)\b(?!-)")
# A Chinese count or share followed by its event (`3 例(12%)死于 TACE 并发症`).
_HAN_EVENT_AFTER = re.compile(r"\s*(?:例|名)?\s*(?:患者)?\s*((?:死于|死亡|发生|出现|存活)[^,;。]{0,20}?)(?=[,;。]|$)")
# Before a count: the event it counts (`occurred in 8 patients`, `was identified 16 patients`).
_EVENT_BEFORE = re.compile(r"\b(?:occurred|developed|experienced|observed|identified|documented|detected|reported|"
                           r"found|present|seen|recorded|died|had|required|needed|achieved|reached)\b")
# After a count: the event it counts (`21例患者发生不良反应`, `1例存活`, `250 deaths`, `8 patients developed`).
_EVENT_AFTER = re.compile(r"\s*(?:例|名)?\s*(?:患者)?\s*(?:均|仍|尚)?\s*(?:发生|出现|死亡|存活|生存|达到|达|获得|缓解|复发|进展|"
                          r"转化|deaths?|died|events?|episodes?|relapses?|progressions?|recurrences?|"
                          r"(?:patients?\s+)?(?:had|developed|experienced|died|survived|relapsed|progressed|responded))")


@dataclass
class Mention:
    """A number a sentence reports as a result, with what it reports on."""
    num: Num
    measure: Measure
    arm: ArmSpan | None = None
    comparator: ArmSpan | None = None
    subgroup: ArmSpan | None = None  # `women` in `Among women, … with drug A`: the arm is `women (drug A)`
    effect: str = ""  # HR, OR, RR, MD … when the number compares two arms
    statistic: str = ""
    code: str = ""
    timeframe: str = ""
    quote_start: int = -1  # where the quote starts when the reader knows (an effect: at its name)
    carried: bool = False  # its measure was named in a clause before
    explicit: bool = False  # its arm is printed next to it
    kind: str = "single"  # of the unit it was read in


@dataclass
class _Unit:
    values: list[Num]
    kind: str = "single"  # single | pair | run | cross
    split: int = 0  # cross: the number of values on each side
    assigned: bool = False  # its label was given by a series of comparisons or lists


class _Assigned(list):
    """The one label a unit of a series goes with (not to be weighed against the clause's words)."""
    assigned = True


@cache
def _compare() -> re.Pattern:
    return re.compile(rf"(?:{cue_alternation('result_words', 'compare')}|than)(?![a-z])")


@cache
def _effects() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    rows = cue_table("effects")
    names = sorted((r[0].lower() for r in rows), key=len, reverse=True)
    rx = re.compile(r"(?<![a-z])(%s)(?![a-z])(?:[^\d;]|\d{2}\s*%%)(?:[^\d;]|\d{2}\s*%%){0,89}?"
                    r"(?:[:=,]|\bof\b|\bwas\b|\bwere\b|\bis\b|\bare\b|为|是)?\s*[(\[]?\s*$"
                    % "|".join(re.escape(n) for n in names))
    return rx, {r[0].lower(): (r[1], r[2]) for r in rows}


@cache
def _criteria_phrase() -> re.Pattern:
    """`by mRECIST`, `per RECIST 1.1`, `按照RECIST标准`: response criteria named with their preposition."""
    return re.compile(r"\s*(?:by|per|according to|using|按照|根据|采用)?\s*(?:%s)(?:\s*v?\d(?:\.\d)?)?\s*(?:标准)?\s*"
                      % cue_alternation("criteria"))


# `21% lower risk`, `27% reduction`: a relative change named after its number.
_RELATIVE = re.compile(r"\s+((?:relative\s+)?(?:lower|higher|greater|smaller|less|more|reduced|increased|excess)\s+"
                       r"(?:risk|odds|rate|incidence|hazard|likelihood|chance)|(?:relative\s+)?(?:risk\s+)?"
                       r"(?:reduction|increase|decrease))\b")
# Effects that are their own measure.
_SELF_NAMED = ("NNT",)


def _trim(key: str, a: int, b: int) -> tuple[int, int] | None:
    """[a, b) without spaces and punctuation at its ends, at most twelve words back; None when empty."""
    text = key[a:b]
    words = list(re.finditer(r"\S+", text))[-12:]
    if not words:
        return None
    start, end = a + words[0].start(), a + words[-1].end()
    while end > start and key[end - 1] in " ,;:([":
        end -= 1
    return (start, end) if end > start else None


_STATISTIC = {"HR": "hr", "OR": "or", "RR": "rr", "IRR": "rr", "MD": "difference", "SMD": "difference",
              "RD": "difference"}


class SentenceReader:
    """Reads the sentences of one document (the plugin makes one per document)."""

    def __init__(self, v: View, flags: bytearray):
        self.v, self.key, self.flags = v, v.key, flags
        self.labels = naming.labels(v)
        self._label_starts = [lb.start for lb in self.labels]

    def read(self, s: int, e: int, carried: list[Measure] | None) -> tuple[list[Mention], list[Measure] | None]:
        """The results of sentence [s, e) and the measures it leaves for the next one (a list said
        `respectively` leaves its measures for the next list: `…分别为 95%、14.2 个月；而 B 组分别为 …`)."""
        key = self.key
        nums = numbers(key, s, e, self.flags)
        arms = arm_stage.candidates(self.v, s, e)
        values = [n for n in nums if n.is_value and not any(a.start < n.stop and self._first_of(n) < a.end for a in arms)]
        if not values:
            return [], carried
        self.s, self.e, self.nums, self.arms = s, e, nums, arms
        self.lead = arm_stage.lead(self.v, arms, s, values[0].first)
        self.lead_sub = self._lead_subgroup(values[0].first)
        out: list[Mention] = []
        last = carried
        units = self._units(values)
        for unit, labels in zip(units, self._series(units)):
            unit.assigned = len(labels) == 1 and labels is not None and getattr(labels, "assigned", False)
            found = self._bind(unit, labels, last)
            if found:
                out += found
                last = [m.measure for m in found] if unit.kind == "run" and self._respectively(unit.values) \
                    else [found[-1].measure]
        self._parallel_singles(out)
        self._share_p(out)
        self._distant_ci(out)
        return [m for m in out if self._is_result(m)], last

    def _series(self, units: list["_Unit"]) -> list[list[naming.Label]]:
        """The labels each unit goes with. Comparisons or lists in a row with no label between them share
        the labels named before the first, one each (`PR 和 DCR 均高于 B组 (47.5% 比 12.5%; 80.0% 比 55.0%)`)."""
        own = [self._labels_before(self._first(u.values[0]), u.values) for u in units]
        out = list(own)
        i = 0
        while i < len(units):
            j = i + 1
            while j < len(units) and not own[j] and units[j].kind == units[i].kind and units[i].kind in ("pair", "run") \
                    and self._same_bracket_or_list(units[j - 1], units[j]):
                j += 1
            if j - i > 1 and len(own[i]) == j - i:
                for k in range(i, j):
                    out[k] = _Assigned([own[i][k - i]])
            i = j
        return out

    def _same_bracket_or_list(self, a: "_Unit", b: "_Unit") -> bool:
        gap = self.key[a.values[-1].stop:self._first(b.values[0])]
        return len(gap) < 60 and not re.search(r"[a-z\u4e00-\u9fff]{4}", re.sub(r"p\s*[<=>≤≥]\s*[\d.]+", "", gap))

    @staticmethod
    def _first_of(x: Num) -> int:
        return x.first if x.first >= 0 else x.start

    @staticmethod
    def _first(x: Num) -> int:
        return x.first if x.first >= 0 else x.start

    # -- structure ---------------------------------------------------------------------------------------

    def _gap(self, a: Num, b: Num) -> str:
        return self.key[a.stop:b.first if b.first >= 0 else b.start]

    def _units(self, values: list[Num]) -> list[_Unit]:
        units: list[_Unit] = []
        for x in values:
            prev = units[-1] if units else None
            if prev and self._effect(x) is None and self._effect(prev.values[-1]) is None:
                gap = self._gap(prev.values[-1], x)
                if prev.kind in ("single", "run") and len(gap) < _MAX_GAP and _compare().search(gap) \
                        and not re.search(r"\d", gap):
                    if prev.kind == "run" and len(prev.values) >= 2:
                        units[-1] = _Unit(prev.values + [x], "cross", len(prev.values))
                    else:
                        units[-1] = _Unit(prev.values + [x], "pair")
                    continue
                if _LIST_SEP.fullmatch(gap) and prev.kind in ("single", "run") or \
                        prev.kind == "cross" and len(prev.values) < 2 * prev.split and _LIST_SEP.fullmatch(gap):
                    units[-1] = _Unit(prev.values + [x], "run" if prev.kind != "cross" else "cross", prev.split)
                    continue
            units.append(_Unit([x]))
        for u in units:  # `25.4 and 19.8 months`: a list takes the unit printed at its end
            unit = next((x for x in reversed(u.values) if x.unit), None)
            for x in u.values:
                if unit and not x.unit and x.kind in ("", "count") and not x.details.get("sd"):
                    x.unit, x.kind = unit.unit, unit.kind
        return units

    # -- binding -----------------------------------------------------------------------------------------

    def _bind(self, unit: _Unit, labels: list[naming.Label], carried: list[Measure] | None) -> list[Mention]:
        vals = unit.values
        effect = self._effect(vals[0]) if len(vals) == 1 else None
        if effect:
            return [self._effect_mention(vals[0], effect, carried)]
        respectively = self._respectively(vals)
        measures = self._measures(unit, labels, respectively, carried)
        if measures is None:
            return []
        arms, comparators = self._arms(unit, respectively, labels)
        tfs = self._timepoints(unit, labels, respectively)
        chunked = self._chunks(unit, labels, tfs, respectively)
        if chunked:
            measures, arms, tfs = chunked
        both = self._both_arms(unit) if len(vals) == 1 and arms[0] is None else None
        if both:  # `identical CR rates (98.0%)` in two arms, `4.05 in both SB2 and INF`: one row each
            x = vals[0]
            return [Mention(x, measures[0], both[0], both[1], timeframe=tfs[0], kind="pair"),
                    Mention(x, measures[0], both[1], both[0], timeframe=tfs[0], kind="pair")]
        out = []
        for i, x in enumerate(vals):
            change = _RELATIVE.match(self.key, x.stop)
            if change and x.kind == "percent":  # `a 21% lower risk`: the number is a relative change
                measures[i] = replace(measures[i], text=f"{measures[i].text} ({self._text(*change.span(1))})")
            if tfs[i] and tfs[i] != measures[i].timeframe:  # `1、2年生存率分别为 …`: each value its time point
                measures[i] = replace(measures[i], timeframe=tfs[i])
            m = Mention(x, measures[i], arms[i], comparators[i], timeframe=tfs[i], kind=unit.kind)
            m.subgroup = self.lead_sub
            m.carried = bool(carried) and any(measures[i].start == c.start for c in carried)
            m.explicit = arms[i] is not None and (arms[i] == arm_stage.after(self.v, self.arms, x.stop)
                                                  or arms[i] == arm_stage.before(self.v, self.arms, self._first(x))
                                                  or arms[i] == self._inside(x))
            out.append(m)
        return out

    def _chunks(self, unit: _Unit, labels, tfs: list[str], respectively: bool):
        """`A组和B组的ORR和DCR分别为84%、94%和58%、80%`, `A组与B组的1、3年生存率分别为90%、70%和80%、50%`: a list
        of arms × measures (or time points), one chunk per arm."""
        vals, k = unit.values, len(unit.values)
        if unit.kind != "run" or not respectively or k < 4:
            return None
        groups = arm_stage.distinct(self.v, [g for g in self.arms if g.end <= vals[0].start])
        per = len(labels) if len(labels) > 1 and k % len(labels) == 0 else None
        points = naming.timepoints(labels[-1].timeframe) if labels else []
        if per and len(groups) >= k // per:
            arms = [groups[-(k // per):][i // per] for i in range(k)]
            return [self._label_measure(labels[i % per]) for i in range(k)], arms, \
                [labels[i % per].timeframe for i in range(k)]
        if len(points) > 1 and k % len(points) == 0 and len(groups) >= k // len(points):
            per = len(points)
            arms = [groups[-(k // per):][i // per] for i in range(k)]
            return [self._label_measure(labels[-1])] * k, arms, [points[i % per] for i in range(k)]
        return None

    def _respectively(self, vals: list[Num]) -> bool:
        key = self.key
        rx = word_pattern("respectively")
        return bool(rx.search(key, max(self.s, vals[0].start - 14), vals[0].start)
                    or rx.search(key, vals[-1].stop, min(self.e, vals[-1].stop + 80)))

    def _labels_before(self, k: int, vals: list[Num]) -> list[naming.Label]:
        """Endpoint labels of the clause before key offset k, since the last value printed before it."""
        from bisect import bisect_left
        prev = max([n.stop for n in self.nums if n.stop <= k and n.is_value], default=self.s)
        lo = bisect_left(self._label_starts, prev)
        hi = bisect_left(self._label_starts, k)
        return [lb for lb in self.labels[lo:hi] if lb.end <= k]

    def _label_after(self, x: Num) -> naming.Label | None:
        """`33% 的 PR`, `36% 达 PR`, `10 例达 PR`: an endpoint right after its number."""
        from bisect import bisect_left
        i = bisect_left(self._label_starts, x.stop)
        if i < len(self.labels):
            lb = self.labels[i]
            if re.fullmatch(r"\s*(?:的|达|达到|of|had|achieved|with|例|患者|者|发生|出现|有|均)*\s*",
                            self.key[x.stop:lb.start]):
                return lb
        return None

    def _measures(self, unit: _Unit, labels, respectively: bool, carried) -> list[Measure] | None:
        vals, k = unit.values, len(unit.values)
        if unit.kind == "cross" and len(labels) >= unit.split:
            return [self._label_measure(labels[-unit.split:][i % unit.split]) for i in range(k)]
        if (respectively or unit.kind == "run") and len(labels) == k and k > 1:
            return [self._label_measure(lb) for lb in labels]  # one label each: written as printed
        if unit.kind == "cross":
            m = self._phrase_measure(vals, carried)
            return [m] * k if m else None
        after = self._label_after(vals[0]) if k == 1 else None
        if after is not None:
            return [self._label_measure(after)]  # `有 28% 的 PR 和 22% 的 SD`
        bracketed = unit.kind in ("pair", "cross") and measure_stage.anchor(self.key, self.s, vals[0].start) < vals[0].start
        if labels and (unit.assigned or bracketed or self._close(labels[-1].end, vals[0])):
            return [self._label_measure(labels[-1], vals[0])] * k  # `mPFS 长于 B 组 (25.2 个月比 13.5 个月)`
        if respectively and k > 1 and carried and len(carried) == k and self._no_words_before(vals[0]):
            return list(carried)  # `…；而 TACE 组对应的数据分别为 61.7%、5.4 个月和 19.8 个月`
        m = self._phrase_measure(vals, carried)
        if m is None and labels and unit.kind != "single":
            m = self._label_measure(labels[-1], vals[0])
        return [m] * k if m else None

    def _no_words_before(self, x: Num) -> bool:
        """Whether the clause of x names no measure of its own (only arms, `the corresponding values`)."""
        cs = self._clause_start(self._first(x))
        seg = measure_stage.blank(self.key, self.arms, cs, self._first(x))
        if re.search(r"对应|相应|corresponding|respective", seg):
            return True
        if re.search(r"[\u4e00-\u9fff]", seg):
            return not re.search(r"[\u4e00-\u9fff]{2}", re.sub(r"分别|均|则|为|是|的|而|且|对应|数据|者|有|达", "", seg))
        return measure_stage.subject_words(seg) is None

    def _close(self, end: int, x: Num) -> bool:
        """Whether a label ending at `end` names the value x: in Chinese only a copula, a criteria or
        scope phrase, an arm, a time point or an alias in brackets between (`ORR 为 16.7%`, `ORR by
        mRECIST was 54.1%`, `客观缓解率(CR+PR)索拉非尼组为61.2%`); in English the clause's own words."""
        key = self.key
        first = self._first(x)
        gap = measure_stage.blank(key, self.arms, end, first)
        if re.search(r"[\u4e00-\u9fff]", key[max(self.s, end - 4):first]):
            gap = re.sub(r"\([^()\d]*\)", " ", gap)
            gap = _criteria_phrase().sub(" ", gap)
            return len(gap.strip()) <= 14 and re.fullmatch(r"[\s为是达到未约仅共:=,率的者有了分别时间发生均(]*", gap) is not None
        return len(gap) < 120 and not re.search(r"[;；]", gap) and not _CLAUSE.search(gap) and \
            not re.search(r"\d", gap)

    def _label_measure(self, lb: naming.Label, x: Num | None = None) -> Measure:
        """An endpoint label as the measure; in English, written as the phrase it heads or ends
        (`ACR20 response rate in the PPS`), whose code it keeps unless a qualifier in capitals makes it
        another endpoint (`ACR20 response rate` is no ORR)."""
        measure = Measure(lb.code, self._text(lb.start, lb.end), lb.start, lb.end, lb.timeframe)
        if x is None or re.search(r"[\u4e00-\u9fff]", self.key[lb.start:lb.end]):
            return measure
        first = self._first(x)
        span = measure_stage.phrase(self.v, self._clause_start(first), first, self.arms)
        if span is None or not (span[0] <= lb.start and lb.end <= span[1]) or span == (lb.start, lb.end):
            return measure
        code = lb.code
        before = self.v.ctx.doc.text[slice(*self.v.span(max(span[0], lb.start - 12), lb.start))]
        if re.search(r"\b[A-Z][A-Za-z]*\d+[A-Za-z]*\s*$|\b[A-Z]{2,}\s*$", before) and \
                not naming.code_in(self.v, max(span[0], lb.start - 12), lb.start):
            code = ""
        return Measure(code, measure_stage.written(self.v, *span), span[0], span[1], lb.timeframe)

    def _phrase_measure(self, vals: list[Num], carried: list[Measure] | None) -> Measure | None:
        key = self.key
        x = vals[0]
        first = x.first if x.first >= 0 else x.start
        cs = self._clause_start(first)
        if re.search(r"[\u4e00-\u9fff]", key[max(cs, first - 6):first] + key[x.end:x.end + 3]):
            after = _HAN_EVENT_AFTER.match(key, vals[-1].stop)
            if after:  # `3 例(12%)死于 TACE 并发症`: the event the count and share report
                return Measure("", measure_stage.written(self.v, *after.span(1)), *after.span(1))
            span = measure_stage.han_phrase(key, self.arms, cs, first)
        else:
            span = measure_stage.phrase(self.v, cs, first, self.arms, after=vals[-1].stop,
                                        e=self._clause_end(vals[-1].stop))
        pronoun = span is not None and re.fullmatch(rf"(?:{cue_alternation('result_words', 'pronoun')})",
                                                    key[span[0]:span[1]])
        if span is None or pronoun:
            # `This increase was 5% …`, `TACE 组为 22.5%`: the measure of the clause before
            if carried and (pronoun or self._no_words_before(x)):
                return carried[-1]
            if span is None:
                return None
        lb = naming.code_in(self.v, *span)
        return Measure(lb.code if lb else "", measure_stage.written(self.v, *span), span[0], span[1],
                       lb.timeframe if lb else "")

    def _clause_start(self, k: int) -> int:
        breaks = [m.end() for m in _CLAUSE.finditer(self.key, self.s, k)]
        return breaks[-1] if breaks else self.s

    def _clause_end(self, k: int) -> int:
        m = _CLAUSE.search(self.key, k, self.e)
        return m.start() if m else self.e

    def _arms(self, unit: _Unit, respectively: bool, labels) -> tuple[list, list]:
        v, arms, vals = self.v, self.arms, unit.values
        k = len(vals)
        own = [self._inside(x) or self._without(arm_stage.after(v, arms, x.stop), x) or
               arm_stage.before(v, arms, self._first(x)) or self._bracket_owner(x) for x in vals]
        if k == 1 and own[0] is None and labels:
            own[0] = arm_stage.of_label(v, arms, labels[-1].start)  # `索拉非尼组 2 年生存率 55.0%`
        comps: list[ArmSpan | None] = [None] * k
        named = arm_stage.distinct(v, arms)
        if unit.kind in ("pair", "run") and len(vals) == 2 and sum(o is not None for o in own) <= 1:
            own = self._parallel(vals, own)
        if unit.kind == "pair":
            if not (all(own) and self._arm_name(own[0]) != self._arm_name(own[1])):
                # `… than in the B group (82% vs 70%)`: the two arms named before the comparison
                before = arm_stage.distinct(v, [g for g in arms if g.end <= vals[0].start])
                pick = before[-2:] if len(before) >= 2 else named[:2] if len(named) >= 2 else [None, None]
                own = list(pick)
            comps = [own[1], own[0]] if all(own) else comps
        elif unit.kind == "cross":
            sides = [arm_stage.after(v, arms, vals[unit.split - 1].stop), arm_stage.after(v, arms, vals[-1].stop)]
            if not all(sides) and len(named) >= 2:
                sides = named[:2]
            own = [sides[0] if i < unit.split else sides[1] for i in range(k)]
            comps = [sides[1] if i < unit.split else sides[0] for i in range(k)]
        elif k > 1 and (respectively or not all(own)):
            listed = self._arm_list(vals, k)
            if listed and respectively:
                own = list(listed)  # `30% and 12% … in the ketamine and placebo groups, respectively`
            elif listed and unit.kind == "run":
                own = [o or g for o, g in zip(own, listed)]
        if k == 2 and all(own) and self._arm_name(own[0]) != self._arm_name(own[1]) and not any(comps):
            comps = [own[1], own[0]]
        # the one arm a sentence names, when it names it as a group (not a drug it mentions)
        default = self.lead or (named[0] if len(named) == 1 and not named[0].treatment else None)
        own = [o or (default if not (unit.kind == "pair" and not all(own)) else None) for o in own]
        return own, comps

    def _arm_name(self, g: ArmSpan) -> str:
        return self.key[g.start:g.end] if self.key.startswith("without", g.start) else arm_stage.name(self.v, g)

    def _without(self, g: ArmSpan | None, x: Num) -> ArmSpan | None:
        """`8.6 months without fotemustine`: the arm is what the patients went without."""
        if g is None:
            return None
        w = re.compile(r"[\s)\]]*,?\s*(without)\s+").match(self.key, x.stop)
        return ArmSpan(w.start(1), g.end) if w and w.end() == g.start else g

    def _bracket_owner(self, x: Num) -> ArmSpan | None:
        """`in the North (19.7%) than … in the South (18.2%)`: a name printed right before the bracket a
        value stands in, after `in`/`for`/`among`, is its group."""
        open_ = measure_stage.anchor(self.key, self.s, self._first(x))
        if open_ >= self._first(x) or not re.fullmatch(r"\(\s*", self.key[open_:self._first(x)]):
            return None
        m = re.search(r"(?:\bin|\bfor|\bamong|\bwith)\s+(?:the\s+)?([a-z][a-z\-]+(?: [a-z][a-z\-]+)?)\s*\Z",
                      self.key[max(self.s, open_ - 40):open_])
        if not m or word_pattern("measure_stop").fullmatch(m.group(1)):
            return None
        a = open_ - (len(self.key[max(self.s, open_ - 40):open_]) - m.start(1))
        written = self.v.ctx.doc.text[slice(*self.v.span(a, a + len(m.group(1))))]
        # a capitalised name (`the North`), or any name set against another (`than with standard testing (9%)`)
        contrast = re.search(r"\b(?:than|versus|vs|compared)\b", self.key[self.s:self.e])
        return ArmSpan(a, a + len(m.group(1))) if written[:1].isupper() or contrast else None

    def _both_arms(self, unit: _Unit) -> tuple[ArmSpan, ArmSpan] | None:
        """The two arms one number stands for: `in both X and Y` after it, or two arms named before it
        with `identical`, `same`, `both` (`the drug A and placebo groups achieved identical rates (95.0%)`)."""
        x, key = unit.values[0], self.key
        named = arm_stage.distinct(self.v, self.arms)
        after = re.compile(r"[\s)\]]*,?\s*in\s+both\s+").match(key, x.stop)
        if after:
            pair = [g for g in named if g.start >= after.end()][:2]
            return (pair[0], pair[1]) if len(pair) == 2 else None
        before = [g for g in named if g.end <= x.start]
        if len(before) == 2 and re.search(r"\b(?:identical|same|equal|both)\b", key[before[-1].end:x.start]):
            return before[0], before[1]
        return None

    def _parallel(self, vals: list[Num], own: list) -> list:
        """`58% of patients with sumeprin versus 41% with placebo`, `9/120 (7.5%) given cefarol and 17/118
        (14.4%) given placebo`: the side without a known arm names one where the other does."""
        pattern = re.compile(r"[\s)\]]*,?\s*(?:of\s+)?(?:patients\s+|participants\s+)?(with|given|receiving|on|for|in)\s+"
                             r"(?:the\s+)?([a-z][a-z0-9\-]*(?:\s+[a-z][a-z0-9\-]*){0,2}?)(?=\s*(?:[,;.)(\[\]]|versus|vs|and|compared|$))")
        found = [pattern.match(self.key, x.stop) for x in vals]
        if not all(found) or found[0].group(1) != found[1].group(1):
            return own
        return [o or ArmSpan(f.start(2), f.end(2)) for o, f in zip(own, found)]

    def _inside(self, x: Num) -> ArmSpan | None:
        """An arm printed inside a value's own printing (`2 in the C group (10%)`)."""
        return next((g for g in self.arms if self._first(x) <= g.start and g.end <= x.start and not g.subgroup), None)

    def _arm_list(self, vals: list[Num], k: int) -> list[ArmSpan] | None:
        """The k arms a list of k values goes with: named after the list, else before it."""
        v = self.v
        after = arm_stage.distinct(v, [g for g in self.arms if g.start >= vals[-1].stop])
        if len(after) >= k:
            return after[:k]
        before = arm_stage.distinct(v, [g for g in self.arms if g.end <= vals[0].start])
        if len(before) >= k:
            return before[-k:]
        # `A组与B组的1、3年生存率分别为 90%、70%和 80%、50%`: chunks of values per arm
        return None

    def _timepoints(self, unit: _Unit, labels, respectively: bool) -> list[str]:
        vals, k = unit.values, len(unit.values)
        tf = labels[-1].timeframe if labels else ""
        tps = naming.timepoints(tf)
        if len(tps) == k and k > 1:
            return tps
        if not tf:
            first = vals[0].first if vals[0].first >= 0 else vals[0].start
            tf = measure_stage.timeframe(self.v, self._clause_start(first), self._clause_end(vals[-1].stop), first,
                                         [n for n in self.nums if n.is_value])
        return [tf] * k

    # -- effects ----------------------------------------------------------------------------------------

    def _effect(self, x: Num) -> tuple[str, str, int] | None:
        """(effect, statistic, where its name starts) when x is an effect estimate named before it."""
        rx, table = _effects()
        lo = max(self.s, x.start - 100)
        prev = max([n.stop for n in self.nums if n.stop <= x.start and n is not x], default=lo)
        m = rx.search(self.key, max(lo, prev), x.first if x.first >= 0 else x.start)
        if not m:
            return None
        word = m.group(1)
        if word == "r" and not re.match(r"r\s*[=:]", self.key[m.start(1):m.start(1) + 4]):
            return None  # `r = −0.21` is a correlation; a lone r is a letter
        if len(word) <= 3 and word.isascii() and word != "r":
            s, e = self.v.span(m.start(1), m.end(1))
            if not self.v.ctx.doc.text[s:e].isupper():
                return None  # `grade 1 or 2`
        effect, kind = table[word]
        return effect, _STATISTIC.get(effect, "other" if kind != "difference" else "difference"), m.start(1)

    def _effect_mention(self, x: Num, effect: tuple[str, str, int], carried: list[Measure] | None) -> Mention:
        name, statistic, at = effect
        key = self.key
        labels = self._labels_before(at, [x])
        open_ = measure_stage.anchor(key, self.s, at)
        if name in _SELF_NAMED:  # `a number needed to treat of 16`: the effect names its measure
            measure = Measure("", self._text(at, at + len(re.match(r"[^\d:=(]*", key[at:x.start]).group(0).rstrip(" of"))),
                              at, at)
        elif labels and self._close(labels[-1].end, x):
            measure = self._label_measure(labels[-1])
        elif open_ < at and open_ > self._clause_start(at):
            # `FMD correlated weakly with carotid IMT (r = −0.21)`, `… lower risk [adjusted OR …]`: the effect in
            # brackets measures what the words before the bracket say
            cs = max(self._clause_start(at), key.rfind(", ", self.s, open_) + 2 if ", " in key[self.s:open_] else self.s)
            span = _trim(key, cs, open_)
            lb = naming.code_in(self.v, *span) if span else None
            measure = Measure(lb.code if lb else "", measure_stage.written(self.v, *span), *span) if span \
                else (carried[-1] if carried else Measure("", "", x.start, x.start))
        else:
            span = measure_stage.phrase(self.v, self._clause_start(at), x.start, self.arms + self._effect_words(at, x))
            if span is None and re.search(r"[\u4e00-\u9fff]", key[max(self.s, at - 4):at]):
                span = _trim(key, self._clause_start(at), open_ if open_ < at else at)
            lb = naming.code_in(self.v, *span) if span else None
            measure = Measure(lb.code if lb else "", measure_stage.written(self.v, *span), *span) if span \
                else (carried[-1] if carried else Measure("", "", x.start, x.start))
        if x.kind in ("", "count") and effect_is_ratio(name):
            x.unit = name
        if name not in _SELF_NAMED:  # `death (hazard ratio)`: the effect is part of what the number measures
            words = self._effect_words(at, x)[0]
            written = self._text(words.start, words.end)
            if written and written.lower() not in measure.text.lower():
                measure = replace(measure, text=f"{measure.text} ({written})" if measure.text else written)
        comp = self._reference(at, x)
        return Mention(x, measure, None, comp, effect=name, statistic=statistic, quote_start=at,
                       timeframe=measure_stage.timeframe(self.v, self._clause_start(at), self._clause_end(x.stop), x.start,
                                                         [n for n in self.nums if n.is_value]))

    def _effect_words(self, at: int, x: Num) -> list[ArmSpan]:
        """The effect's own name (`odds ratio`, `mean difference`) and a CI label after it, blanked from its measure."""
        name = re.match(r"[a-z\u4e00-\u9fff]+(?:\s+[a-z]+){0,3}?(?=\s*(?:\(|and|with|for|of|in|was|were|:|=|,|$))",
                        self.key[at:self._first(x)])
        spans = [ArmSpan(at, at + (name.end() if name else 2))]
        ci = re.search(r"(?:and|with)\s+\d{2}\s*%\s*(?:ci|confidence intervals?)", self.key[at:self._first(x)])
        if ci:
            spans.append(ArmSpan(at + ci.start(), at + ci.end()))
        return spans

    def _reference(self, at: int, x: Num) -> ArmSpan | None:
        """The reference group of an effect: the arm after `versus`/`compared with`/`vs` in its clause."""
        cs = self._clause_start(at)
        for m in _compare().finditer(self.key, cs, self._clause_end(x.stop)):
            nxt = next((g for g in self.arms if g.start >= m.end() and g.start - m.end() < 12 and not g.subgroup), None)
            if nxt:
                return nxt
        return None

    # -- CI, p and what is no result ---------------------------------------------------------------------

    def _parallel_singles(self, out: list[Mention]) -> None:
        """Two values of one measure read apart (`9/120 (7.5%) patients given cefarol and in 17/118 (14.4%)
        given placebo`): the arm printed the same way after each is each one's, and each the other's comparator."""
        for a, b in zip(out, out[1:]):
            if a.kind != "single" or b.kind != "single" or a.measure.text != b.measure.text or a.effect or b.effect:
                continue
            if a.explicit and b.explicit:
                continue
            arms = self._parallel([a.num, b.num], [a.arm if a.explicit else None, b.arm if b.explicit else None])
            if all(arms) and self._arm_name(arms[0]) != self._arm_name(arms[1]):
                a.arm, b.arm, a.comparator, b.comparator = arms[0], arms[1], arms[1], arms[0]
                a.explicit = b.explicit = True

    def _distant_ci(self, out: list[Mention]) -> None:
        """`odds ratio and 95% confidence interval: 1.80 (1.53, 2.11)`, `9.6 months (9.3, 9.9)` after `(95% CI)`:
        the pair in brackets is the CI its clause announces before the number."""
        for m in out:
            d = m.num.details
            if "range_low" not in d or "ci_low" in d:
                continue
            seg = self.key[max(self.s, self._segment_start(self._first(m.num)) - 60):self._first(m.num)]
            label = re.search(r"(?:(\d{2})\s*%\s*)?(?:confidence intervals?|\bci\b|可信区间|置信区间)(?![^()]*\d\s*(?:-|to|,)\s*\d)", seg)
            if label:
                d["ci_low"], d["ci_high"] = d.pop("range_low"), d.pop("range_high")
                if label.group(1):
                    d["ci_level"] = label.group(1)

    def _share_p(self, out: list[Mention]) -> None:
        """A p-value printed after a comparison or list goes on each of its values; `P 值均 < 0.05` on all."""
        key = self.key
        for i, m in enumerate(out):
            if "p_value" in m.num.details:
                continue
            nxt = out[i + 1].num.first if i + 1 < len(out) else self.e
            p = P_VALUE.search(key, m.num.stop, max(m.num.stop, min(nxt, self._clause_end(m.num.stop) + 1, self.e)))
            if p is not None and len(key[m.num.stop:p.start()]) < 90:
                m.num.details["p_value"] = p_written(p.group(0))
        for a, b in zip(out, out[1:]):  # the two sides of a comparison share its p
            if a.comparator is not None and b.arm is not None and a.comparator == b.arm:
                pa, pb = a.num.details.get("p_value"), b.num.details.get("p_value")
                if pb and not pa:
                    a.num.details["p_value"] = pb
                elif pa and not pb:
                    b.num.details["p_value"] = pa
        shared = re.search(r"p\s*值?\s*均\s*([<>≤≥=])\s*(\d*\.?\d+)", key[self.s:self.e])
        if shared:
            for m in out:
                m.num.details.setdefault("p_value", shared.group(1).replace("=", "") + shared.group(2))

    def _is_result(self, m: Mention) -> bool:
        x = m.num
        if m.effect:  # an effect is a result unless its clause is the protocol's (`90% power to detect a 15% difference`)
            tail = re.compile(r"[^,;()\[\]]{0,40}").match(self.key, x.stop)
            return not word_pattern("methods").search(self.key, self._segment_start(self._first(x)), tail.end())
        first = self._first(x)
        clause = self.key[self._clause_start(first):self._clause_end(x.stop)]
        if self._describes_sample(m, clause):
            return False
        if x.kind == "count" and x.n is None:
            return self._counted(m)
        han = re.search(r"[\u4e00-\u9fff]", self.key[max(self.s, first - 6):x.stop + 3])
        if han and m.kind == "single" and x.kind not in ("percent", "time") and x.n is None and not x.details.get("sd"):
            return False  # a Chinese paper reports a single result as a rate or a time (`1 mm`, `24 h` are not)
        if x.formed:
            return True
        if m.kind in ("pair", "cross") and self._han_bare_pair(m):
            return False
        # a bare number: one side of a comparison or list, its arm printed by it, or `mean … was 20`
        return m.kind in ("pair", "cross", "run") or m.explicit or bool(m.measure.code and not m.carried) or re.search(
            r"(?:mean|median|average|score|level|index|rate|value|count|number|time|duration|为|是)\s*"
            r"(?:was|were|of|=|:)?\s*\Z", self.key[max(self.s, first - 40):first]) is not None

    def _describes_sample(self, m: Mention, clause: str) -> bool:
        """Whether the number describes the sample, who went through the trial or the protocol: its clause
        says baseline or a method (`at baseline`, `defined as`, `power`), a sentence opens so (`At
        baseline, …`), its measure is a baseline trait (`mean age`), or it counts patients by what they
        went through (`188 (94%) completed the study`, `randomised 200`)."""
        key, x = self.key, m.num
        first = self._first(x)
        tail = re.compile(r"[^,;()\[\]]{0,40}").match(key, x.stop)
        segment = key[self._segment_start(first):tail.end()]
        if word_pattern("baseline").search(segment) or word_pattern("methods").search(segment):
            return True
        opening = word_pattern("baseline").match(key, self.s) or word_pattern("methods").match(key, self.s)
        if opening or re.match(r"\s*(?:at|in)?\s*baseline\b", key[self.s:self.s + 14]):
            return True
        text = key[m.measure.start:m.measure.end]
        if m.measure.start < m.measure.end and _BASELINE_MEASURE.match(text):
            return True
        near = key[max(self._clause_start(first), first - 25):min(self._clause_end(x.stop), x.stop + 60)]
        disposition = word_pattern("disposition").search(near)
        return bool(disposition) and not (x.kind == "percent" and m.measure.code)

    def _segment_start(self, k: int) -> int:
        """Where the words about the number at k start: the comma-delimited stretch before the bracket it
        is printed in (`… at baseline (Exercise = 2.4 ± 1.1 …)`), or before it."""
        a = measure_stage.anchor(self.key, self.s, k)
        cut = max(self.key.rfind(", ", self.s, a), self.key.rfind(";", self.s, a), self.key.rfind("(", self.s, a))
        return max(self.s, cut + 1, self._clause_start(k))

    def _han_bare_pair(self, m: Mention) -> bool:
        """`(10 比 2)`: bare numbers compared in Chinese count only with their label inside the brackets
        (`(3、4 级 AEs:13 比 27)`); a count of patients who did something else is no result."""
        x = m.num
        open_ = self.key.rfind("(", self.s, x.start)
        han = re.search(r"[\u4e00-\u9fff]", self.key[max(self.s, open_ - 6):x.start])
        return bool(han) and not x.unit and not (open_ >= 0 and m.measure.start > open_)

    def _counted(self, m: Mention) -> bool:
        """A count of people or events is a result when it is compared or listed, when its endpoint or
        an event follows it (`10 例达 PR`, `21例患者发生不良反应`, `250 deaths`), or (English) when its
        arm is printed by it with a measure of its own clause (`16 patients in group I`)."""
        x = m.num
        if m.kind in ("pair", "cross"):
            return not self._han_bare_pair(m)
        if self._label_after(x) is not None:
            return True
        if _EVENT_AFTER.match(self.key, x.stop):
            # the count's measure is its endpoint right before it (`达 PR 者 10 例`) or the event after it
            return not m.carried and (m.measure.end <= x.start and x.start - m.measure.end <= 8
                                      or m.measure.start >= x.stop)
        # `… were still present in the sputum of 8 patients in group C`: an event verb before, the arm after
        latin = not re.search(r"[\u4e00-\u9fff]", self.key[max(self.s, x.start - 8):x.stop + 8])
        before = self.key[self._segment_start(self._first(x)):self._first(x)]
        return latin and m.explicit and not m.carried and m.measure.start < m.measure.end and \
            _EVENT_BEFORE.search(before) is not None

    # -- helpers ----------------------------------------------------------------------------------------

    def _text(self, a: int, b: int) -> str:
        s, e = self.v.span(a, b)
        return measure_stage.tidy(self.v.ctx.doc.text[s:e])

    def _lead_subgroup(self, first: int) -> ArmSpan | None:
        """`Among women, …`, `In boys, …`: a subgroup the whole sentence reports on."""
        for g in self.arms:
            if g.start >= first:
                break
            if g.subgroup and re.fullmatch(r"\s*(?:in|among|for|within)\s+(?:the\s+)?", self.key[self.s:g.start]):
                return g
        return None


def effect_is_ratio(name: str) -> bool:
    return name in ("HR", "OR", "RR", "IRR")
