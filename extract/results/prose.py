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
from dataclasses import replace
from functools import cache

from evkg.core.text import HAN_CHAR
from evkg.extract.results import arm as arm_stage
from evkg.extract.results import (
    attributes,
    clause_scope,
    comparison,
    han_lead,
    han_lists,
    han_subgroup,
    han_time,
    naming,
    order,
    predicate,
    unnamed,
)
from evkg.extract.results import measure as measure_stage
from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.measure import Measure
from evkg.extract.results.mention import Assigned, Mention, Unit
from evkg.extract.results.tokens import Num, numbers, word_pattern, words
from evkg.extract.text.views import View
from evkg.extract.vocabulary.cues import cue_alternation

# No sentence of a report runs this long (the longest of 125 real ones: 1,860 characters).
LONGEST_SENTENCE = 2000

_LIST_SEP = re.compile(r"\s*(?:,|;|、|和|及|与|或|,?\s*(?:and|or))\s*(?:in\s+)?")
# Values each in its own bracket with their unit after it, listed the Chinese way (`（1.40±0.81）分、（1.27±0.74）分`).
_HAN_BRACKET_SEP = re.compile(r"\s*(?:\)\s*(?:[^\d\s,;:。()、\u4e00-\u9fff]{1,10}|分)?\s*)?(?:、|和|及)\s*\(\s*")
# Clause breaks: `;`, a Chinese comma (folded to `,` next to a Chinese character), `, and`, `whereas`.
_CLAUSE = re.compile(r";|,(?=\s*[a-z0-9+\-]{0,12}\s*[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]),|"
                     r",\s*(?:and|but|while|whereas)\s|"
                     r"\bwhereas\b|\bwhile\b")
_MAX_GAP = 80
# Between a Chinese label and its value: a copula, hedges, `的`, `者` (`ORR 为`, `达 PR 者`).
_HAN_GAP = re.compile(r"[\s为是达到未约仅共:=,率的者有了分别时间发生均(]*")
# `, decaffeinated = `, `; Control: `, ` versus MP: ` right before a value: a name and its equals sign or colon
# opening a list item.
_NAME_EQUAL = re.compile(r"(?:^|[(\[,;]\s*|\b(?:versus|vs\.?)\s+)([a-z][a-z+/\-]*(?: [a-z+/\-]+){0,2}?)\s*[=:]\s*\Z")
# `(URO, 240 …; PL, 13 …)`: a short name and a comma opening a bracket or an item after `;`.
_NAME_COMMA = re.compile(r"[(\[;]\s*([a-z][a-z0-9\-]{1,5}),\s*\Z")
# `(CBT: Mpost = …`: a label and its colon right before a statistic's name.
_GROUP_LABEL = re.compile(r"(?:^|[(\[,;]\s*)([a-z][a-z0-9+/\-]*(?: [a-z0-9+/\-]+){0,2}?)\s*:\s*\Z")
# `improved in`, `decreased significantly within the`: a change said of the group named next.
_CHANGED_IN = re.compile(r"\b(?:improved|increased|decreased|reduced|rose|fell|declined|dropped|changed|improvement|"
                         r"reduction|increase|decrease)\b(?:\s+[a-z]+ly)?(?:\s+[a-z0-9]+){0,6}?\s+(?:in|within|for)\s+"
                         r"(?:the\s+)?\Z")
# A lead phrase of the sentence's own (`In the conventional therapy, …`), an arm or not: nothing is carried over it.
_OWN_LEAD = re.compile(r"\s*(?:in|among|within|for|with|after)\s+(?:the\s+)?[^,;.]{1,40},")
# Words opening a sentence whose subject is the group named next (`Patients in the`, `The`).
_SUBJECT_OPENING = re.compile(rf"\s*(?:(?:{cue_alternation('result_words', 'people')})\s+(?:in|of)\s+)?"
                              r"(?:the\s+)?")
# `than with placebo`, `versus the control group`: an arm named as the other side of a comparison.
# `improved over placebo with drug A by …`: the comparator after `over`, the arm after `with`.
_OVER = re.compile(r"\b(?:over|relative to|compared (?:with|to))\s+(?:the\s+)?")
_WITH = re.compile(r"\s+(?:with|for|in)\s+(?:the\s+)?")
_BY = re.compile(r"\bby\s+(?:about\s+|approximately\s+|a mean of\s+|an average of\s+)?[-+]?\s*\Z")
# `…, respectively)` closing a bracket after a list's last value.
_RESPECTIVELY_CLOSE = re.compile(r"[\s%]*,?\s*respectively\s*\)")
# `p caffeine = 0.759`: the p-value of one group's test, named for the group: no value.
_P_NAMED = re.compile(r"(?<![a-z])p\s+[a-z][^=,;()\d]{0,40}=\s*\Z")
_VERSUS_BEFORE = re.compile(r"\b(?:than|versus|vs\.?|compared (?:with|to))\s+(?:(?:in|with|for)\s+)?(?:the\s+)?\Z")
# `, while group Z was intermediate (`: a clause whose subject is a group and whose bracket holds its value.
_SUBJECT_LEAD = re.compile(r"\b(?:while|whereas|but)\s+(?:the\s+)?\Z")
_SUBJECT_LEAD_IN = re.compile(r"(?:while|whereas|but)\s+(?:the\s+)?(?=\S)")
_SUBJECT_TAIL = re.compile(r"\s+(?:was|were)\s+[a-z][a-z\- ]{0,30}?\s*\(\s*")
# After a group: the next item of a list of names (`with drug A and Zorbex, respectively`).
_NEXT_ITEM = re.compile(r"\s*(?:,|and\b|or\b|vs\.?|versus\b)")
# Words listing names before a group (`for A, B and the C group were`).
_LISTING = re.compile(r",|\b(?:and|or|vs|versus)\b")
# A list item `name, value` / `name: value` opening after a bracket, `;` or `,`.
_ITEM_OPEN = re.compile(r"[(\[;,]\s*\Z")
_ITEM_GAP = re.compile(r"\s*[:=,]\s*")
# `in the North (`, `) and Remin Pro (`: a group named right before the bracket its value stands in.
_OWNER_BEFORE = re.compile(r"(\bin|\bfor|\bamong|\bwith|(?<=\) )and)\s+(?:the\s+)?"
                           r"([a-z][a-z\-]+(?: [a-z][a-z\-]+){0,2})\s*\Z")
# `% for RX-1 and RX-2,` before `respectively`: the names a list of values goes with.
_LISTED = re.compile(r"[\s%)\]]*(?:[a-z/]+\s*)?(?:for|in|with|among)\s+(?:the\s+)?([^;()\d]+?)"
                     r"(?:\s+(?:groups|arms|cohorts))?\s*,?\s*\Z")
# What a Chinese clause says around its numbers without naming a measure (`而 B 组对应的数据分别为`).
_HAN_FILLER = re.compile(r"分别|均|则|为|是|的|而|且|对应|数据|者|有|达|高于|低于|优于|差于|长于|短于|多于|少于"
                         r"|较|与|和")
# A Chinese count or share followed by its event (`3 例(12%)死于 TACE 并发症`).
_HAN_EVENT_AFTER = re.compile(r"\s*(?:例|名)?\s*(?:患者)?\s*((?:死于|死亡|发生|出现|存活)[^,;。]{0,20}?)(?=[,;。]|$)")


@cache
def _count_verb() -> re.Pattern:
    """A verb of a count (result_words `count_verb`), maybe after `patients`, opening what follows an arm."""
    return re.compile(rf"\s*(?:patients\s+|participants\s+|subjects\s+)?"
                      rf"(?:{cue_alternation('result_words', 'count_verb')})(?![a-z])")


# Between a group and the first value of the pair it opens: the bracket, a statistic's name (`(mean 1.4 vs 2.3)`).
_PAIR_OPEN = re.compile(r"\s*[(\[]\s*(?:(?:mean|median|average)\s*,?\s*)?")


@cache
def _changed_from_baseline() -> re.Pattern:
    """`HADS-D scores changed from baseline` (a change verb of result_words `change_verb`, then `from baseline`)
    as a measure: the scale, its change from baseline."""
    verbs = sorted({w.split()[-2] for w in words("change_verb") if len(w.split()) >= 2}, key=len, reverse=True)
    return re.compile(rf"(.+?)\s+(?:were\s+|was\s+)?(?:{'|'.join(map(re.escape, verbs))})\s+from\s+baseline"
                      r"(\s*\([^()]*\))?$", re.I)


@cache
def _stat_before() -> re.Pattern:
    """A statistic's name, a time point as its subscript or not, and `=` right before a value (`Mpost = `)."""
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'stat_label')})"
                      rf"(?:{cue_alternation('result_words', 'stat_subscript')}|t?\d)?\s*[=:]\s*\Z")


def changed_from_baseline(m: Measure) -> Measure:
    """The measure `X changed from baseline` written `X (change from baseline)`; any other as it is."""
    found = _changed_from_baseline().fullmatch(m.text)
    return replace(m, text=f"{found.group(1)}{found.group(2) or ''} (change from baseline)") if found else m


@cache
def _criteria_phrase() -> re.Pattern:
    """`by mRECIST`, `per RECIST 1.1`, `按照RECIST标准`: response criteria named with their preposition."""
    names = cue_alternation("criteria")
    return re.compile(rf"\s*(?:by|per|according to|using|按照|根据|采用)?\s*(?:{names})"
                      r"(?:\s*v?\d(?:\.\d)?)?\s*(?:标准)?\s*")


@cache
def _han_time_lead() -> re.Pattern:
    """`干预后，`, `治疗12周后，`, `术后3个月，` opening a sentence (result_words `han_time_lead`)."""
    duration = han_time.DURATION
    words = cue_alternation("result_words", "han_time_lead")
    return re.compile(rf"\s*{han_time.label()}((?:{words})\s*(?:{duration}\s*)?[前后]|(?:{words})\s*后?\s*{duration})"
                      r"\s*[,，]")


def _one_each(found: list[Mention]) -> bool:
    """Whether a list's values are one measure each (`Stroke and MI occurred in 8.1% and 6.0%`), so a list after it
    with no words of its own (`Corresponding values … were 12.5% and 9.8%`) takes them in order."""
    return len(found) > 1 and len({(m.measure.start, m.measure.end) for m in found}) == len(found)


class SentenceReader:
    """Reads the sentences of one document (the plugin makes one per document)."""

    def __init__(self, v: View, flags: bytearray):
        self.v, self.key, self.flags = v, v.key, flags
        self.labels = naming.labels(v)
        self._label_starts = [lb.start for lb in self.labels]
        self._named: tuple[int, dict] | None = None  # the `name = value` groups of the sentence at offset s
        self.order: tuple[tuple[int, int], list[ArmSpan]] | None = None  # the paragraph's arms in order (order.py)

    def read(self, s: int, e: int, carried: list[Measure] | None) -> tuple[list[Mention], list[Measure] | None]:
        """The results of sentence [s, e) and the measures it leaves for the next one (a list said
        `respectively` leaves its measures for the next list: `…分别为 95%、14.2 个月；而 B 组分别为 …`)."""
        key = self.key
        nums = numbers(key, s, e, self.flags)
        arms = arm_stage.candidates(self.v, s, e)
        # a number inside an arm's name is no result (`the 1/10 dose arm`, `the 15-mg group`)
        named = [(a.start, a.end) for a in arms] + arm_stage.collective_spans(self.v, s, e)  # `the 2 groups`
        values = [n for n in nums if n.is_value and not any(a < n.stop and self.first(n) < b for a, b in named)
                  and not _P_NAMED.search(key, max(s, self.first(n) - 50), self.first(n))]
        if not values:
            order.forget(self, arms, s, e)
            return [], carried
        self.s, self.e, self.nums, self.arms = s, e, nums, arms
        self.lead = arm_stage.lead(self.v, arms, s, values[0].first)
        if self.lead is None and not [g for g in arms if not g.subgroup] and not _OWN_LEAD.match(self.key, s):
            self.lead = self.lead_said_before()  # `In the vehicle group, … . Fibrosis covered 24.5% …`
        self.lead_sub = self._lead_subgroup(values[0].first)
        self.sub_lead = self._subgroup_lead(values[0].first)
        out: list[Mention] = []
        self.bound = out  # the sentence's results so far (a list compared the Chinese way takes their measures)
        last = carried
        units = self._units(values)
        for unit, labels in zip(units, self._series(units)):
            unit.assigned = len(labels) == 1 and labels is not None and getattr(labels, "assigned", False)
            found = self._bind(unit, labels, last)
            if found:
                out += found
                last = [m.measure for m in found] if unit.kind == "run" and (
                    self._respectively(unit.values) or _one_each(found)) else [found[-1].measure]
        han_lists.elliptic_event(self, out)
        han_subgroup.qualify(self, out)
        comparison.parallel_singles(self, out)
        attributes.share_p(self, out)
        han_lists.p_of_compared_lists(self, out)
        han_lists.p_of_all_compared(self, out)
        han_lists.p_all_after(self, out)
        attributes.distant_ci(self, out)
        order.remember(self, out)
        return [m for m in out if clause_scope.is_result(self, m)], last

    def _series(self, units: list[Unit]) -> list[list[naming.Label]]:
        """The labels each unit goes with. Comparisons or lists in a row with no label between them share
        the labels named before the first, one each (`PR 和 DCR 均高于 B组 (47.5% 比 12.5%; 80.0% 比 55.0%)`)."""
        own = [self.labels_before(self.first(u.values[0]), u.values) for u in units]
        out = list(own)
        i = 0
        while i < len(units):
            j = i + 1
            while j < len(units) and not own[j] and units[j].kind == units[i].kind \
                    and units[i].kind in ("pair", "run") \
                    and self._same_bracket_or_list(units[j - 1], units[j]):
                j += 1
            if j - i > 1 and len(own[i]) == j - i:
                for k in range(i, j):
                    out[k] = Assigned([own[i][k - i]])
            i = j
        return out

    def _same_bracket_or_list(self, a: Unit, b: Unit) -> bool:
        gap = self.key[a.values[-1].stop:self.first(b.values[0])]
        return len(gap) < 60 and not re.search(r"[a-z\u4e00-\u9fff]{4}", re.sub(r"p\s*[<=>≤≥]\s*[\d.]+", "", gap))

    @staticmethod
    def first(x: Num) -> int:
        return x.first if x.first >= 0 else x.start

    # -- structure ---------------------------------------------------------------------------------------

    def _gap(self, a: Num, b: Num) -> str:
        return self.key[a.stop:b.first if b.first >= 0 else b.start]

    def _units(self, values: list[Num]) -> list[Unit]:
        units: list[Unit] = []
        for x in values:
            prev = units[-1] if units else None
            if prev and comparison.effect(self, x) is None and comparison.effect(self, prev.values[-1]) is None:
                gap = self._gap(prev.values[-1], x)
                if prev.kind in ("single", "run") and len(gap) < _MAX_GAP and not re.search(r"\d", gap) and \
                        (comparison.compare().search(gap) or comparison.han_than(gap)):
                    if prev.kind == "run" and len(prev.values) >= 2:
                        units[-1] = Unit(prev.values + [x], "cross", len(prev.values))
                    else:
                        units[-1] = Unit(prev.values + [x], "pair")
                    continue
                sep = _LIST_SEP.fullmatch(gap) or _HAN_BRACKET_SEP.fullmatch(gap)
                if sep and prev.kind in ("single", "run") or \
                        prev.kind == "cross" and len(prev.values) < 2 * prev.split and sep:
                    units[-1] = Unit(prev.values + [x], "run" if prev.kind != "cross" else "cross", prev.split)
                    continue
            units.append(Unit([x]))
        for u in units:  # `25.4 and 19.8 months`: a list takes the unit printed at its end
            unit = next((x for x in reversed(u.values) if x.unit), None)
            for x in u.values:
                if unit and not x.unit and x.kind in ("", "count") and not x.details.get("sd"):
                    x.unit, x.kind = unit.unit, unit.kind
        return units

    # -- binding -----------------------------------------------------------------------------------------

    def _bind(self, unit: Unit, labels: list[naming.Label], carried: list[Measure] | None) -> list[Mention]:
        vals = unit.values
        effect = comparison.effect(self, vals[0]) if len(vals) == 1 else None
        if effect:
            return [comparison.effect_mention(self, vals[0], effect, carried)]
        series = comparison.series_effect(self, vals[0]) if len(vals) == 1 else None
        if series:
            return [series]
        respectively = self._respectively(vals)
        measures = self._measures(unit, labels, respectively, carried)
        if measures is None:
            return []
        arms, comparators = self._arms(unit, respectively, labels)
        tfs = han_time.time_list(self, len(vals), arms, measures) or self._timepoints(unit, labels, respectively)
        chunked = self._chunks(unit, labels, tfs, respectively)
        if chunked:
            measures, arms, tfs = chunked
        elif not any(arms) and (implied := order.implied(self, unit, measures, tfs)):
            arms, comparators = implied  # `Median PFS was 5.6 versus 3.7 months`: the paragraph's arms in order
        direct = arm_stage.before(self.v, self.arms, self.first(vals[0])) if len(vals) > 1 else None
        if direct and respectively and len({(m.text, m.timeframe, t) for m, t in zip(measures, tfs)}) == len(vals):
            arms, comparators = [direct] * len(vals), [None] * len(vals)  # `cTACE组分别为 76.7%、50.0%`: one arm
        over = self.improved_over(vals[0]) if len(vals) == 1 else None
        if over is not None:  # `FEV1 improved over placebo with drug A by 0.15 L`: drug A's difference from placebo
            return [Mention(vals[0], measures[0], over[0], over[1], effect="MD", statistic="difference",
                            timeframe=tfs[0])]
        against = self.changed_more_than(vals[0]) if len(vals) == 1 else None
        if against is not None:  # `fell by 2·2 points more in the CBT group than in usual care`: their difference
            return [Mention(vals[0], measures[0], None, against, effect="MD", statistic="difference",
                            timeframe=tfs[0])]
        both = comparison.both_arms(self, unit) if len(vals) == 1 and arms[0] is None else None
        if both:  # `identical CR rates (98.0%)` in two arms, `4.05 in both SB2 and INF`: one row each
            x = vals[0]
            return [Mention(x, measures[0], both[0], both[1], timeframe=tfs[0], kind="pair"),
                    Mention(x, measures[0], both[1], both[0], timeframe=tfs[0], kind="pair")]
        measures = self._conjuncts(unit, measures, arms)
        out = []
        for i, x in enumerate(vals):
            change = comparison.RELATIVE.match(self.key, x.stop)
            if change and x.kind == "percent":  # `a 21% lower risk`: the number is a relative change
                measures[i] = replace(measures[i], text=f"{measures[i].text} ({self.text(*change.span(1))})")
            if tfs[i] and tfs[i] != measures[i].timeframe:  # `1、2年生存率分别为 …`: each value its time point
                measures[i] = replace(measures[i], timeframe=tfs[i])
            if x.kind == "percent" and x.n is None:
                x.n = self._count_before(x)
            measures[i], statistic = self._value_measure(x, measures[i])
            m = Mention(x, measures[i], arms[i], comparators[i], timeframe=tfs[i], kind=unit.kind, statistic=statistic)
            # `in women (18.5 mmHg) … in the drug K group`: a subgroup of a treatment arm is written with it
            m.subgroup = self.lead_sub or (self.subgroup_at(x) if arms[i] is not None and not arms[i].subgroup
                                           and not arms[i].treatment else None)
            m.carried = bool(carried) and any(measures[i].start == c.start for c in carried)
            printed = arm_stage.before(self.v, self.arms, self.first(x))
            m.explicit = arms[i] is not None and (arms[i] == arm_stage.after(self.v, self.arms, x.stop)
                                                  or printed is not None and printed in (arms[i], comparators[i])
                                                  or arms[i] == self.inside(x))
            out.append(m)
        return out

    def _value_measure(self, x: Num, measure: Measure) -> tuple[Measure, str]:
        """One value's measure with the subgroup its sentence opens on (`In the open-surgery subgroup, time to first
        flatus was …`), and its statistic when its bracket names one (`was 5.8 h (median 4.2 h)`: a median)."""
        if self.sub_lead and measure.text and not measure.start <= self.sub_lead[0] < measure.end:
            lead = self.text(*self.sub_lead)
            measure = replace(measure, text=f"{measure.text} {lead[:1].lower()}{lead[1:]}")
        if measure_stage.median_bracket(self.key, self.s, self.first(x)):
            return measure_stage.as_median(measure), "median"
        return measure, ""

    def _conjuncts(self, unit: Unit, measures: list[Measure], arms: list) -> list[Measure]:
        """`Sensitivity and specificity were 95.2% and 88.1%`: a list of values for one arm (or none) under a list of as
        many measure names is one value each, in order (`specificity` is never the first value's)."""
        k = len(unit.values)
        if unit.kind != "run" or len(set(arms)) != 1 or len({(m.start, m.end) for m in measures}) != 1 or k < 2:
            return measures
        m = measures[0]
        before = m.start < m.end <= self.first(unit.values[0])  # a subject's names, not words after the values
        parts = measure_stage.conjuncts(self.key, m.start, m.end, k) if before else None
        if parts is None:
            return measures
        out = []
        lead = measure_stage.stat_lead(self.text(*parts[0][:2]))  # `mean systolic and diastolic pressure`: both means
        for a, b, shared in parts:
            lb = naming.code_in(self.v, a, b)
            text = measure_stage.written(self.v, a, b) + self.v.ctx.doc.text[slice(*self.v.span(shared, m.end))]
            text = text if measure_stage.stat_lead(text) else lead + text
            out.append(Measure(lb.code if lb else "", measure_stage.tidy(text), a, b, m.timeframe))
        return out

    def _chunks(self, unit: Unit, labels, tfs: list[str], respectively: bool):
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
            return [self.label_measure(labels[i % per]) for i in range(k)], arms, \
                [labels[i % per].timeframe for i in range(k)]
        if len(points) > 1 and k % len(points) == 0 and len(groups) >= k // len(points):
            per = len(points)
            arms = [groups[-(k // per):][i // per] for i in range(k)]
            return [self.label_measure(labels[-1])] * k, arms, [points[i % per] for i in range(k)]
        return None

    def _count_before(self, x: Num) -> int | None:
        """`Eight participants … reported swelling (10.0%)`, `one in the placebo group (1.2%)`: the count of
        people before the bracket a share is printed in is its n."""
        open_ = measure_stage.anchor(self.key, self.s, self.first(x))
        if open_ >= self.first(x) or self.key[open_] != "(" or self.key[open_ + 1:self.first(x)].strip():
            return None
        return predicate.count_before(self.key, self.s, open_)

    def _respectively(self, vals: list[Num]) -> bool:
        key = self.key
        rx = word_pattern("respectively")
        return bool(rx.search(key, max(self.s, vals[0].start - 14), vals[0].start)
                    or rx.search(key, vals[-1].stop, min(self.e, vals[-1].stop + 80)))

    def labels_before(self, k: int, vals: list[Num]) -> list[naming.Label]:
        """Endpoint labels of the clause before key offset k, since the last value printed before it."""
        from bisect import bisect_left
        prev = max([n.stop for n in self.nums if n.stop <= k and n.is_value], default=self.s)
        lo = bisect_left(self._label_starts, prev)
        hi = bisect_left(self._label_starts, k)
        return [lb for lb in self.labels[lo:hi] if lb.end <= k]

    def label_after(self, x: Num) -> naming.Label | None:
        """`33% 的 PR`, `36% 达 PR`, `10 例达 PR`: an endpoint right after its number."""
        from bisect import bisect_left
        i = bisect_left(self._label_starts, x.stop)
        if i < len(self.labels):
            lb = self.labels[i]
            if re.fullmatch(r"\s*(?:的|达|达到|of|had|achieved|with|例|患者|者|发生|出现|有|均)*\s*",
                            self.key[x.stop:lb.start]) and \
                    not re.match(r"\s*(?:为|是|was|were|of|:|=)\s*[-+]?\d", self.key[lb.end:lb.end + 12]):
                return lb  # (a label followed by its own value, `24 例患者 ORR 为 16.7%`, is that value's)
        return None

    def _measures(self, unit: Unit, labels, respectively: bool, carried) -> list[Measure] | None:
        vals, k = unit.values, len(unit.values)
        if unit.kind == "cross" and len(labels) >= unit.split:
            return [self.label_measure(labels[-unit.split:][i % unit.split]) for i in range(k)]
        if (respectively or unit.kind == "run") and len(labels) == k and k > 1:
            return [self.label_measure(lb) for lb in labels]  # one label each: written as printed
        if unit.kind == "cross":
            m = self._phrase_measure(vals, carried)
            listed = han_lists.listed_names(self, m, unit.split) if m else None
            if m is None and self._respectively(vals) and self.no_words_before(vals[0]):
                listed = han_lists.names_before(self, vals[:unit.split])  # `GAS、MTL…，A组分别为a、b，高于B组的c、d`
            return [listed[i % unit.split] for i in range(k)] if listed else [m] * k if m else None
        after = self.label_after(vals[0]) if k == 1 else None
        if after is not None:
            return [self.label_measure(after)]  # `有 28% 的 PR 和 22% 的 SD`
        opening = measure_stage.anchor(self.key, self.s, vals[0].start)
        bracketed = unit.kind in ("pair", "cross") and opening < vals[0].start
        named = han_lists.bracket_name(self, vals, labels[-1].end if labels else self.s) if bracketed else None
        if named is not None:  # `主要为≥3级中性粒细胞减少（18.1%比4.2%）`: the name before the bracket
            lb = naming.code_in(self.v, *named)
            return [Measure(lb.code if lb else "", measure_stage.written(self.v, *named), *named,
                            lb.timeframe if lb else "")] * k
        if labels and (unit.assigned or bracketed or self.close(labels[-1].end, vals[0])):
            return [self.label_measure(labels[-1], vals[0])] * k  # `mPFS 长于 B 组 (25.2 个月比 13.5 个月)`
        if respectively and k > 1 and labels and han_lists.names_measure_before(self, labels[-1], vals[0]):
            return [self.label_measure(labels[-1])] * k  # `1、3年生存率比较，A组分别为…`: the sentence's measure
        if respectively and k > 1 and self.no_words_before(vals[0]) and (listed := han_lists.names_before(self, vals)):
            return listed  # `两组MCV、SCV均较治疗前提高，且观察组分别为a、b`: the names listed earlier, one each
        if (respectively or unit.kind == "run") and k > 1 and carried and len(carried) == k and \
                self.no_words_before(vals[0]):
            return list(carried)  # `…；而 TACE 组对应的数据分别为 61.7%、5.4 个月和 19.8 个月`
        sides = comparison.han_list_sides(self, vals) if unit.kind == "run" else None
        if sides:
            return [b.measure for b in sides]  # `…分别为a、b，均低于对照组的c、d`: c is a's measure, d b's
        if k == 1 and han_lists.came_from(self, vals[0]):
            return None  # `由（a）分降至（b）分`: a is where it started
        went = han_lists.went_to(self, vals[0], carried) if k == 1 else None
        if went is not None:
            return [went]  # `X积分由（a）分降至（b）分`: b is X's
        side = comparison.han_list_side(self, vals[0]) if k == 1 else None
        if side is not None:
            return [side.measure]  # `…（6.2±1.4）d 均短于对照组（28.7±6.3）h、（8.9±2.0）d`: the i-th value's measure
        against = comparison.han_against_pair(self, vals) if unit.kind == "pair" else None
        if against is not None:
            return [against[0]] * k  # `与B组比较，A组X降低（a vs b）`: X
        third = comparison.han_third_side(self, vals[0]) if k == 1 or unit.kind == "pair" else None
        if third is not None:
            return [third.measure] * k  # `A组（a）低于B组（b）和C组（c）`: c reports b's measure
        m = self._phrase_measure(vals, carried) or han_lead.lead_measure(self, vals[0])
        if m is None and labels and unit.kind != "single":
            m = self.label_measure(labels[-1], vals[0])
        listed = han_lists.listed_names(self, m, k) if m and unit.kind == "run" else None
        return listed or ([m] * k if m else None)

    def no_words_before(self, x: Num) -> bool:
        """Whether the clause of x names no measure of its own (only arms, `the corresponding values`)."""
        cs = self.clause_start(self.first(x))
        seg = measure_stage.blank(self.key, self.arms, cs, self.first(x))
        stat = _stat_before().search(seg)
        seg = seg[:stat.start()] if stat else seg  # `PDT: Mpost = 3.4`: the statistic's name names no measure
        if re.search(r"对应|相应|corresponding|respective", seg):
            return True
        if HAN_CHAR.search(seg):
            sub = han_subgroup.subgroup_before(self, self.first(x))
            if sub and cs < sub[1]:  # `女性患者中分别为a和b`: who the values are of names no measure
                seg = seg[sub[1] - cs:]
            rest = _HAN_FILLER.sub("", han_lists.ALL_GROUPS.sub("", seg))
            return not re.search(r"[\u4e00-\u9fff]{2}", rest)
        return measure_stage.subject_words(seg) is None

    def close(self, end: int, x: Num) -> bool:
        """Whether a label ending at `end` names the value x: in Chinese only a copula, a criteria or
        scope phrase, an arm, a time point or an alias in brackets between (`ORR 为 16.7%`, `ORR by
        mRECIST was 54.1%`, `客观缓解率(CR+PR)索拉非尼组为61.2%`); in English the clause's own words."""
        key = self.key
        first = self.first(x)
        gap = measure_stage.blank(key, self.arms, end, first)
        if HAN_CHAR.search(key[max(self.s, end - 4):first]):
            gap = re.sub(r"\([^()\d]*\)", " ", gap)
            gap = _criteria_phrase().sub(" ", gap)
            return len(gap.strip()) <= 14 and _HAN_GAP.fullmatch(gap) is not None
        return len(gap) < 120 and not re.search(r"[;；]", gap) and not _CLAUSE.search(gap) and \
            not re.search(r"\d", gap)

    def label_measure(self, lb: naming.Label, x: Num | None = None) -> Measure:
        """An endpoint label as the measure; in English, written as the phrase it heads or ends
        (`ACR20 response rate in the PPS`), whose code it keeps unless a qualifier in capitals makes it
        another endpoint (`ACR20 response rate` is no ORR)."""
        measure = Measure(lb.code, self.text(lb.start, lb.end), lb.start, lb.end, lb.timeframe)
        if HAN_CHAR.search(self.key[lb.start:lb.end]):
            return han_lists.qualified(self, measure)
        if x is None:
            return measure
        first = self.first(x)
        span = measure_stage.phrase(self.v, self.clause_start(first), first, self.arms)
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
        cs = self.clause_start(first)
        if HAN_CHAR.search(key[max(cs, first - 6):first] + key[x.end:x.end + 3]):
            after = _HAN_EVENT_AFTER.match(key, vals[-1].stop)
            if after:  # `3 例(12%)死于 TACE 并发症`: the event the count and share report
                return Measure("", measure_stage.written(self.v, *after.span(1)), *after.span(1))
            span = measure_stage.han_phrase(key, self.arms, cs, first, measure_stage.measured_unit(x.unit))
        elif carried and measure_stage.counted_before(key, cs, first):
            return carried[-1]  # `4 (5%) participants receiving X and 2 (3%) …`: the measure of the value before
        else:
            span = measure_stage.phrase(self.v, cs, first, self.arms, after=vals[-1].stop,
                                        e=self.clause_end(vals[-1].stop))
        pronoun = span is not None and re.fullmatch(rf"(?:{cue_alternation('result_words', 'pronoun')})",
                                                    key[span[0]:span[1]])
        # (words printed after the value name what it counts, a predicate with its verb: `had vivid dreams`)
        if span is not None and not pronoun and span[1] <= first and measure_stage.did_only(key, *span, self.arms):
            # `younger patients profited more (1.4 vs 0.8 days)`: a verb names no measure; the one said before, or none
            return carried[-1] if carried else Measure("", "", first, first)
        if span is not None and not pronoun and span[1] <= first and \
                not HAN_CHAR.search(key[span[0]:span[1]]):
            phrase = measure_stage.noun_phrase(key, *span) or measure_stage.topic_words(key, self.arms, cs, first)
            if phrase is None:  # `…, including 27 in the A group`: `Among` names nothing; the predicate after the
                return unnamed.nearest(self, x, carried)  # value's bracket, the measure said before, the subject's
            span = phrase
        if span is None or pronoun:
            # `This increase was 5% …`, `TACE 组为 22.5%`: the measure of the clause before
            if carried and (pronoun or self.no_words_before(x)):
                return carried[-1]
            if span is None:
                return None
        lb = naming.code_in(self.v, *span)
        if lb is None and span[1] <= first and not HAN_CHAR.search(key[span[0]:span[1]]) and \
                not unnamed.names_quantity(key[span[0]:span[1]]):
            return unnamed.nearest(self, x, carried)  # `Most`, `there`: the nearest phrase naming a quantity, or none
        tf = lb.timeframe if lb else \
            measure_stage.han_time_before(self.v, cs, span[0]) if HAN_CHAR.search(key[span[0]:span[1]]) else ""
        return Measure(lb.code if lb else "", measure_stage.written(self.v, *span), span[0], span[1], tf)

    def subject_said(self, k: int) -> tuple[int, int] | None:
        """The measure the sentence's subject names when a value's own words name none (`In Group II, the VAS
        decreased from 6.9 to 2.8, further decreased to 2.7`), else the subject of the sentence before in the same
        paragraph (`The respiratory exchange ratio is shown in Table 2. There was no difference in the first (…)`)."""
        own = measure_stage.opening_subject(self.key, self.arms, self.s, k)
        if own:
            return own
        before = self._sentence_before()
        if before is None:
            return None
        return measure_stage.opening_subject(self.key, arm_stage.candidates(self.v, *before), *before)

    def clause_start(self, k: int) -> int:
        breaks = [m.end() for m in _CLAUSE.finditer(self.key, self.s, k) if not self._listing_arms(m)
                  and not self._listing_names(m)]
        return breaks[-1] if breaks else self.s

    def _listing_names(self, m: re.Match) -> bool:
        """Whether a `, and` joins the last of a list of names (`the Skin, subcutaneous, and connective tissue`)."""
        return m.group(0).startswith(",") and measure_stage.in_name_list(self.key, self.s, m.start(), self.arms)

    def _listing_arms(self, m: re.Match) -> bool:
        """Whether a `, and` joins the last of a list of arms (`of A, B, and C was`): no clause break."""
        if not re.fullmatch(r",\s*and\s", m.group(0)):
            return False
        return any(g.start == m.end() for g in self.arms) and any(g.end == m.start() for g in self.arms)

    def clause_end(self, k: int) -> int:
        m = _CLAUSE.search(self.key, k, self.e)
        return m.start() if m else self.e

    def _arms(self, unit: Unit, respectively: bool, labels) -> tuple[list, list]:
        v, arms, vals = self.v, self.arms, unit.values
        k = len(vals)
        own = [(self.respective_single(x) if k == 1 else None) or self.inside(x) or
               self.without(arm_stage.after(v, arms, x.stop), x) or
               arm_stage.before(v, arms, self.changed_from(x)) or self.bracket_owner(x) or self.named_equal(x) or
               self.han_clause_arm(x) or self.clause_subject(x) for x in vals]
        if k == 1 and own[0] is None and labels:
            own[0] = arm_stage.of_label(v, arms, labels[-1].start)  # `索拉非尼组 2 年生存率 55.0%`
        comps: list[ArmSpan | None] = [None] * k
        named = arm_stage.distinct(v, arms)
        if unit.kind == "run" and (one := self._one_group_list(vals, own, respectively)) is not None:
            return [one] * k, comps  # `79.2 and 74.6 in Group I`: a list printed before its one group
        if unit.kind in ("pair", "run") and len(vals) == 2 and sum(o is not None for o in own) <= 1:
            own = comparison.parallel(self, vals, own)
        if unit.kind == "pair":
            own, same = self._pair_arms(vals, own, named)
            if same:
                return own, comps  # `Dyspnoea improved in group A (VAS: 3.8 vs 2.9)`: before and after
            comps = [own[1], own[0]] if all(own) else comps
        elif unit.kind == "cross":
            own, comps = self._cross_arms(unit, named)
        elif k > 1 and (respectively or not all(own)):
            own = self._list_arms(vals, own, respectively, labels, named)
        if k == 2 and all(own) and self.arm_name(own[0]) != self.arm_name(own[1]) and not any(comps):
            comps = [own[1], own[0]]
        if k == 1 and own[0] is not None and comps[0] is None and (first := self.versus_first(own[0])):
            own, comps = [first], [own[0]]  # `the effect size for X versus placebo was 1.15`: X's, against placebo
        if unit.kind == "run" and (sides := comparison.han_list_sides(self, vals)) and \
                (arm := comparison.han_list_arm(self, vals[0])):
            for b in sides:  # `…分别为a、b，均低于对照组的c、d`: the other group's list, each value against its place
                b.comparator = b.comparator or arm
            return [arm] * k, [b.arm for b in sides]
        if k == 1 and (side := comparison.han_list_side(self, vals[0])) is not None:
            own[0] = comparison.han_list_arm(self, vals[0]) or own[0]
            comps[0] = side.arm
            if own[0] is not None and side.comparator is None:
                side.comparator = own[0]
        # the one arm a sentence names, when it names it as a group (not a drug it mentions)
        default = self.lead or (named[0] if len(named) == 1 and not named[0].treatment
                                and not self.owned_elsewhere(named[0], vals) else None)
        if k > 1 and respectively and (self._listed_after(vals) or default is not self.lead and
                                       self._names_listed_before(vals, labels)):
            default = None  # `0.6, 0.8 and 0.2 with drug P, drug Q and placebo, respectively`: not all placebo's
        against = arm_stage.against(self.v, default, self.s, self.first(vals[0]), k == 1 and own[0] is None) \
            if default is not None and default is not self.lead else None
        if against is not None:  # `In comparison to placebo, X was reduced by 6%`: the other arm's, against placebo
            default, comps = against[0], [against[1]] if against[0] is not None else comps
        own = [o or (default if not (unit.kind == "pair" and not all(own)) else None) for o in own]
        # `both treatment groups`, `the three arms`: all the groups together, no one arm
        return [None if o is not None and arm_stage.together(v, o) else o for o in own], \
            [None if c is not None and arm_stage.together(v, c) else c for c in comps]

    def _pair_arms(self, vals: list[Num], own: list, named: list[ArmSpan]) -> tuple[list, bool]:
        """The two arms of a comparison, and whether both values are one arm's (before and after)."""
        v, arms = self.v, self.arms
        if all(own) and self.arm_name(own[0]) != self.arm_name(own[1]):
            return own, False
        against = comparison.han_against_pair(self, vals)
        if against is not None:
            return against[1], False  # `与B组比较，A组X降低（a vs b）`: a is A's, b B's
        again = comparison.han_third_side(self, vals[0])
        other = arm_stage.before(v, arms, self.first(vals[0])) if again is not None else None
        if other is not None and again.kind == "pair" and again.comparator is not None:
            return [again.comparator, other], False  # `A组高于B组（a vs b）及C组（a vs c）`: A against C
        # `… than in the B group (82% vs 70%)`: the two arms named before the comparison
        before = arm_stage.distinct(v, [g for g in arms if g.end <= vals[0].start])
        pick = before[-2:] if len(before) >= 2 else named[:2] if len(named) >= 2 else [None, None]
        if pick[1] is not None and not self._set_against(*pick):
            pick = [None, None]  # `higher after the third vs. second dose in arm M (39.5% vs. 7.5%)`: no two arms
        one = named[0] if len(named) == 1 else None
        if one is not None and not self.subject_arm(one, vals[0]) and self.changed_in(one, vals[0]):
            return [one] * 2, True
        if one is not None and (self.subject_arm(one, vals[0]) or self.compared_in_bracket(one, vals[0])):
            # `Diary group patients were happier (71% vs 52%)`, `Looping was more frequent in group II (1.8 vs. 1.2)`:
            # the first is theirs, the second the other group's when the study allocates exactly two
            pick = [one, han_lists.other_group(self, one)]
        printed = own[0] is not None and own[0] == arm_stage.after(v, arms, vals[0].stop)
        if printed and pick[0] is not None and self.arm_name(pick[0]) != self.arm_name(own[0]):
            pick = [own[0], None]  # `20.7% of B patients, compared with 33.6%`: B's, the other unsaid
        if own[0] is None and own[1] is not None and \
                own[1] == arm_stage.before(v, arms, self.first(vals[1])):  # `than the control (0.0)` stands
            first = self._other_before(before, own[1])
            pick = [first, own[1]] if first is not None else [None, None] if pick[1] is not None and \
                self.arm_name(pick[1]) != self.arm_name(own[1]) else pick
        return (list(pick) if not all(x is None for x in pick) else
                han_lists.other_side(self, vals, own, named) or list(pick)), False

    def _one_group_list(self, vals: list[Num], own: list, respectively: bool) -> ArmSpan | None:
        """The one group of a whole list: printed right after its last value (`79.2 and 74.6 in Group I`, `13 (8%),
        95 (62%) and 43 (28%) responders in the web group with 0, 1 to 5 and 6 to 10 blanks, respectively`) or right
        before its first (`… responders in the phone group were 3 (1%), 124 (36%) and 200 (58%), respectively`), the
        only group of its clause, and the names a `respectively` pairs the values with no list of groups."""
        v, arms, first = self.v, self.arms, self.first(vals[0])
        end = self.clause_end(vals[-1].stop)
        after = arm_stage.distinct(v, [g for g in arms if vals[-1].stop <= g.start < end])
        last = own[-1]
        if last is not None and not any(own[:-1]) and last == arm_stage.after(v, arms, vals[-1].stop) and \
                len(after) == 1 and not (respectively and _NEXT_ITEM.match(self.key, last.end)):
            return last
        if respectively and (owner := self._bracket_group(vals)) is not None:
            return owner  # `with X 100 mg (mean changes of 8.2 and 4.4%, respectively)`: X's two measures
        lead = own[0]
        cs = self.clause_start(first)
        if not respectively or lead is None or any(own[1:]) or after or \
                lead != arm_stage.before(v, arms, self.changed_from(vals[0])) or \
                len(arm_stage.distinct(v, [g for g in arms if cs <= g.start and g.end <= first])) != 1 or \
                _LISTING.search(self.key, cs, lead.start) or arm_stage.name(v, lead) == self.key[lead.start:lead.end]:
            return None  # (a name with no group word, `A, B and C were 5, 7 and 2`, may be the last of a list)
        return lead

    def _bracket_group(self, vals: list[Num]) -> ArmSpan | None:
        """The group printed right before the bracket a list said `respectively` fills, the bracket opening on words
        with no number (`X (mean changes of 8.2 and 4.4%, respectively)`)."""
        key, first = self.key, self.first(vals[0])
        opened = key.rfind("(", self.s, first)
        if opened < 0 or re.search(r"[\d()]", key[opened + 1:first]) or not re.search(r"[a-z]", key[opened:first]) or \
                not _RESPECTIVELY_CLOSE.match(key, vals[-1].stop):
            return None
        g = next((g for g in reversed(self.arms) if g.end <= opened), None)
        if g is None or key[g.end:opened].strip() or g.subgroup or \
                _VERSUS_BEFORE.search(key, max(self.s, g.start - 30), g.start):
            return None  # `less with X than with placebo (…)`: the other side is not the list's alone
        return g

    def owned_elsewhere(self, g: ArmSpan, vals: list[Num]) -> bool:
        """Whether arm g is printed right after another value of the sentence in the same unit (`36% in period B
        and 47% in the control group`): it is that value's, not every value's (`3 children in the zinc group …
        (2.0%)` is the share's count)."""
        return any(n.is_value and n not in vals and (n.kind, n.unit) == (vals[0].kind, vals[0].unit)
                   and (arm_stage.after(self.v, self.arms, n.stop) == g or self._item_of(g, n)) for n in self.nums)

    def _item_of(self, g: ArmSpan, n: Num) -> bool:
        """Whether arm g and value n are one item of a list (`(KX, 0.7 g/dl; …`): g opens the item, n follows."""
        return _ITEM_OPEN.search(self.key, max(self.s, g.start - 3), g.start) is not None and \
            _ITEM_GAP.fullmatch(self.key, g.end, self.first(n)) is not None

    def versus_first(self, g: ArmSpan) -> ArmSpan | None:
        """The arm printed right before the `versus` that names arm g (`X versus placebo`)."""
        m = _VERSUS_BEFORE.search(self.key, max(self.s, g.start - 30), g.start)
        if not m:
            return None
        return next((a for a in self.arms if a.end <= m.start() and not self.key[a.end:m.start()].strip()
                     and not a.subgroup), None)

    def _listed_after(self, vals: list[Num]) -> bool:
        """Whether the words between a list of values and its `respectively` list as many items as values."""
        said = word_pattern("respectively").search(self.key, vals[-1].stop, min(self.e, vals[-1].stop + 80))
        if not said or any(n.is_value and vals[-1].stop <= n.start < said.start() for n in self.nums):
            return False  # `72.0% … 70.0% in the B group (mean, 0.53 versus 0.59, respectively)`: another list's
        gap = self.key[vals[-1].stop:said.start()].strip(" ,")
        return len(re.findall(r",|\b(?:and|or)\b", gap)) >= len(vals) - 1 > 0

    def _lists_nothing_before(self, vals: list[Num], labels) -> bool:
        """Whether the words before a list of values list nothing (`HR of death and progression … were 0.9 and
        1.0, respectively` pairs its values with measures, `at 3 and 6 months` with time points)."""
        k = len(vals)
        if len(labels) >= k or len(naming.timepoints(labels[-1].timeframe if labels else "")) == k or \
                order.time_list(self, vals):
            return False
        return len(re.findall(r",|\b(?:and|or)\b", self.key[self.s:self.first(vals[0])])) < k - 1

    def _names_listed_before(self, vals: list[Num], labels) -> bool:
        """Whether the words before a list of values list as many names that are neither measures nor time points
        (`Scores for Alpha, Beta and the gamma group were 5.1, 6.2 and 7.3, respectively`)."""
        k = len(vals)
        return not self._lists_nothing_before(vals, labels) and len(labels) < k and \
            len(naming.timepoints(labels[-1].timeframe if labels else "")) != k and not order.time_list(self, vals)

    def _sentence_before(self) -> tuple[int, int] | None:
        """The sentence before this one, in the same paragraph; none when it is a run longer than any
        sentence (read for every number after it, it would make a long run quadratic)."""
        i = self.v.sentence_index(self.s)
        if not i:
            return None
        ps, pe = self.v.sentences[i - 1]
        if pe - ps > LONGEST_SENTENCE:
            return None
        return (ps, pe) if self.v.paragraph_at(ps) == self.v.paragraph_at(self.s) else None

    def arms_said_before(self, k: int) -> list[ArmSpan] | None:
        """The k arms the sentence before names, in the same paragraph, when it names exactly k."""
        before = self._sentence_before()
        if before is None:
            return None
        said = arm_stage.distinct(self.v, arm_stage.candidates(self.v, *before))
        return said if len(said) == k else None

    def lead_said_before(self) -> ArmSpan | None:
        """The one group the sentence before is about, for a sentence naming no arm: its lead clause's (`In the
        vehicle group, …`) or its subject's (`Patients in the lozenge group used …`, `The lozenge group used …`)."""
        before = self._sentence_before()
        if before is None:
            return None
        ps, pe = before
        arms = [g for g in arm_stage.candidates(self.v, ps, pe) if not g.subgroup]
        lead = arm_stage.lead(self.v, arms, ps, pe)
        if lead is not None or len(arm_stage.distinct(self.v, arms)) != 1 or arms[0].treatment:
            return lead
        g = arms[0]
        return g if _SUBJECT_OPENING.fullmatch(self.key[ps:g.start]) and re.match(r"\s+(?!and\b|or\b|vs\b|versus\b)"
                                                                                  r"[a-z]", self.key[g.end:]) else None

    def _cross_arms(self, unit: Unit, named: list[ArmSpan]) -> tuple[list, list]:
        """`25.4 and 19.8 vs 18.6 and 13.1 months in A and B`: each side its arm, the other its comparator;
        `with A and B (47.3 and 44.8%, respectively) compared with C (31.6%)`: a list against one arm."""
        v, vals, k, split = self.v, unit.values, len(unit.values), unit.split
        own = [arm_stage.after(v, self.arms, x.stop) for x in vals[:split]]
        if all(own) and len({self.arm_name(g) for g in own}) == split and k == 2 * split:
            # `18% of A and 20.7% of B patients, compared with 33.6% and 32.5%, respectively, of …`: each value
            # of the first list prints its arm; the second list is the same arms in another subgroup
            comps = [own[1], own[0]] if split == 2 else [None] * split
            return own * 2, comps * 2
        if k - split == 1:
            before = arm_stage.distinct(v, [g for g in self.arms if g.end <= vals[0].start])[-split:]
            versus = arm_stage.distinct(v, [g for g in self.arms if vals[split - 1].stop <= g.start < vals[-1].start])
            if len(before) == split and self._joined(before) and len(versus) == 1:
                return before + versus, versus * split + [None]
            han = comparison.han_list_than(self, vals, split)
            if han is not None:  # `A组、B组总有效率均高于C组（a、b vs c）`: the group after the comparative is c's
                return han[0] + [han[1]], [han[1]] * split + [None]
        sides = [arm_stage.after(v, self.arms, vals[split - 1].stop), arm_stage.after(v, self.arms, vals[-1].stop)]
        between = arm_stage.distinct(v, [g for g in self.arms if vals[split - 1].stop <= g.start
                                         and g.end <= self.first(vals[split]) and not g.subgroup])
        if sides[0] is None and sides[1] is not None and len(between) == 1:
            sides[0] = between[0]  # `41.3 and 44.6 months if they received X vs. 29.7 and 17.6 months for the control`
        if not all(sides) and len(named) >= 2:
            sides = named[:2]
        return [sides[0] if i < split else sides[1] for i in range(k)], \
            [sides[1] if i < split else sides[0] for i in range(k)]

    def _list_arms(self, vals: list[Num], own: list, respectively: bool, labels, named: list[ArmSpan]) -> list:
        """The arms of a list of values: in order, the arms it is said `respectively` of, or the arms listed
        right before the bracket it stands in; else the one arm whose bracket it fills."""
        k = len(vals)
        listed = self.arm_list(vals, k)
        if listed is None and respectively and not named:
            listed = han_lists.groups_in_order(self, vals)  # `两组…分别为13.3%、17.8%`: in allocation order
        if listed is None and respectively and all(arm_stage.together(self.v, g) for g in named) and \
                (together := arm_stage.collective(self.v, self.s, self.e)) and together[1] in (0, k):
            listed = arm_stage.in_allocation_order(self.v, k)  # `31.2, 28.4 and 36.9 in the three arms, respectively`
        if listed is None and respectively and not named and self._lists_nothing_before(vals, labels):
            listed = self.arms_said_before(k)  # `Patients received A, B or C. … were 5, 7 and 2, respectively`
        first = own[0]
        alone = first is not None and not any(own[1:]) and self._bracket_of(first, vals)
        in_list = bool(listed) and alone and listed[-1] == first and self._joined(listed)
        if alone and respectively and not in_list:
            if _VERSUS_BEFORE.search(self.key, max(self.s, first.start - 30), first.start):
                return [None] * k  # `less with both doses of X than with placebo (55%, 53% and 78%, respectively)`
            return [first] * k  # `decreases with X 300 mg (-4.4 and -4.3%, respectively)`: X's two measures
        if respectively and not listed and self._listed_after(vals):
            return [None] * k  # `0.6, 0.8 and 0.2 with X, Y and placebo, respectively`, X unknown: X is not 0.2's
        if listed and (respectively or in_list):
            # `30% and 12% … in the ketamine and placebo groups, respectively`; `with X 100 and 300 mg versus
            # placebo (27.3, 32.6 and 17.2%)`: a bracket of k values after k arms is theirs in order
            return list(listed)
        if listed and len(own) > 1:
            return [o or g for o, g in zip(own, listed)]
        if respectively and first is not None and not any(own[1:]) and self._names_listed_before(vals, labels):
            return [None] * k  # `Scores for Alpha, Beta and the gamma group were 5.1, 6.2 and 7.3`: gamma's is 7.3
        return own

    def _bracket_of(self, g: ArmSpan, vals: list[Num]) -> bool:
        """Whether the values stand alone in the bracket opened right after arm g (`X (52.9 and 51.2%)`)."""
        return g.end <= vals[0].start and re.fullmatch(r"\s*[(\[]\s*", self.key[g.end:self.first(vals[0])]) \
            is not None and re.match(r"[\s%]*(?:[;,]\s*(?:p\b[^()]*|respectively))?\s*[)\]]",
                                     self.key[vals[-1].stop:]) is not None

    def _joined(self, arms: list[ArmSpan]) -> bool:
        """Whether arms are printed as one list (`A, B and C`, `A 100 and 300 mg versus placebo`)."""
        return all(re.fullmatch(r"\s*(?:,|,?\s*(?:and|or|vs\.?|versus|compared with))\s*(?:(?:in|with|for)\s+)?"
                                r"(?:the\s+)?",
                                self.key[a.end:b.start]) for a, b in zip(arms, arms[1:]))

    def respective_single(self, x: Num) -> ArmSpan | None:
        """`fell from 62 to 40 and from 66 to 29 in the short and long course arms, respectively`: values printed
        apart, as many as the groups listed before `respectively` after the last, each the group of its place."""
        vals = [n for n in self.nums if n.is_value]
        if len(vals) < 2 or x not in vals:
            return None
        said = word_pattern("respectively").search(self.key, vals[-1].stop, min(self.e, vals[-1].stop + 80))
        if not said:
            return None
        listed = arm_stage.distinct(self.v, [g for g in self.arms if vals[-1].stop <= g.start < said.start()])
        return listed[vals.index(x)] if len(listed) == len(vals) else None

    def subgroup_at(self, x: Num) -> ArmSpan | None:
        """A subgroup printed right before the bracket a value stands in or right after the value (`in women
        (18.5 mmHg)`, `17% in men`)."""
        first = self.first(x)
        open_ = measure_stage.anchor(self.key, self.s, first)
        for g in self.arms:
            if not g.subgroup:
                continue
            bracketed = open_ < first and re.fullmatch(r"\s*", self.key[g.end:open_]) and \
                re.fullmatch(r"\(\s*", self.key[open_:first])
            after = g.start >= x.stop and re.fullmatch(r"[\s)\]%]*(?:in|among|for)?\s*(?:the\s+)?",
                                                       self.key[x.stop:g.start])
            if bracketed or after:
                return g
        return None

    def changed_in(self, g: ArmSpan, x: Num) -> bool:
        """Whether the clause of x says a measure changed within arm g, no comparison between arms
        (`Dyspnoea improved in group A (VAS: 3.81 vs 2.94; …)`): its two values are the arm's before and after."""
        cs = self.clause_start(self.first(x))
        said = self.key[max(self.s, cs - 200):g.start]
        opened = self.key.find("(", g.end, self.first(x))
        timed = re.search(r"\b(?:baseline|before|after|pre|post|t\d|initial|end of)\b", self.key[self.s:self.e])
        return g.start < self.first(x) and _CHANGED_IN.search(said) is not None and opened >= 0 and bool(timed) and \
            not re.search(r"\b(?:than|versus|vs|compared|between|higher|lower|greater|more|less|better|worse)\b",
                          self.key[self.s:opened])

    def _set_against(self, a: ArmSpan, b: ArmSpan) -> bool:
        """Whether two arms named apart are set against each other (`A … than B`, `A and B`, `A compared with B`;
        result_words `compare`, `pair_against`)."""
        gap = self.key[a.end:b.start]
        if HAN_CHAR.search(self.key[a.start:b.end]):
            return True  # (Chinese pairs keep the arms named before them: their comparatives are han_lists')
        return comparison.compare().search(gap) is not None or _LISTING.search(gap) is not None or \
            word_pattern("pair_against").search(gap) is not None

    def _other_before(self, before: list[ArmSpan], known: ArmSpan) -> ArmSpan | None:
        """The one arm named before a pair other than the second side's (`the caffeine group showed a higher level
        (18.7) than the control (0.0)`): the first side's; None when there are more."""
        others = [g for g in before if self.arm_name(g) != self.arm_name(known)]
        return others[0] if len(others) == 1 else None

    def compared_in_bracket(self, g: ArmSpan, x: Num) -> bool:
        """Whether arm g is printed right before the bracket a pair opens on x, after a comparative in its clause
        (`was lower in group I (1.4 vs. 2.3)`): the first value is g's, the second the other group's."""
        cs = self.clause_start(self.first(x))
        return not g.treatment and g.start >= cs and _PAIR_OPEN.fullmatch(self.key, g.end, self.first(x)) is not None \
            and word_pattern("comparative").search(self.key, cs, g.start) is not None

    def subject_arm(self, g: ArmSpan, x: Num) -> bool:
        """Whether arm g opens the clause of x as its subject (`Diary group patients were …`)."""
        cs = self.clause_start(self.first(x))
        lead = self.key[cs:g.start]
        rest = self.key[g.end:self.first(x)]
        return g.start >= cs and _SUBJECT_OPENING.fullmatch(lead) is not None and _count_verb().match(rest) is not None

    def named_equal(self, x: Num) -> ArmSpan | None:
        """`(usual care = 61.20 ± 6.45, walking = 70.85 ± 8.12, cycling = 66.07 ± 4.90)`: in a list of two or
        more `name = value` with different names (no statistic's name, result_words `stat_label`), each name is
        its value's group."""
        if self._named is None or self._named[0] != self.s:
            names = {}
            for n in self.nums:
                if n.is_value:
                    m = _NAME_EQUAL.search(self.key, max(self.s, self.first(n) - 40), self.first(n))
                    if m and not measure_stage.stat_name(m.group(1)):
                        names[n.start] = m.span(1)
                    elif (group := self._group_label(self.first(n))) is not None:
                        names[n.start] = group  # `(CBT: Mpost = 3.1, …; PDT: Mpost = 3.4, …)`
                    elif (short := self._short_name_comma(self.first(n))) is not None:
                        names[n.start] = short  # `(URO, 240 ± 258%; PL, 13 ± 60%)`: a crossover's conditions
            self._named = (self.s, names if len({self.key[a:b] for a, b in names.values()}) >= 2 else {})
        span = self._named[1].get(x.start)
        return ArmSpan(*span) if span else None

    def _short_name_comma(self, k: int) -> tuple[int, int] | None:
        """A short name in capitals opening a bracket or an item after `;`, then a comma, right before the value at k
        (`(URO, 240 …; PL, 13 …)`): the condition or group the value is of."""
        m = _NAME_COMMA.search(self.key, max(self.s, k - 12), k)
        if m is None:
            return None
        a, b = self.v.span(*m.span(1))
        written = self.v.ctx.doc.text[a:b]
        return m.span(1) if written.isupper() and not measure_stage.stat_name(m.group(1)) else None

    def _group_label(self, k: int) -> tuple[int, int] | None:
        """The group named as the label before the statistic's name right before the value at k (`PDT: Mpost = `),
        when it is one of the sentence's arms."""
        stat = _stat_before().search(self.key, max(self.s, k - 16), k)
        lab = _GROUP_LABEL.search(self.key, max(self.s, stat.start() - 30), stat.start()) if stat else None
        if lab is None or not any(g.start <= lab.start(1) and lab.end(1) <= g.end for g in self.arms):
            return None
        return lab.span(1)

    def changed_from(self, x: Num) -> int:
        """Where the words before a value start: before its `from X to` when it is the Y of one (`rose in
        the usual care arm from 31 ± 5 to 35 ± 6`), else at its first character."""
        first = self.first(x)
        start = next((n.first if n.first >= 0 else n.start for n in self.nums if n.role == "from" and n.stop <= first
                      and re.fullmatch(r"[^\d;,]{0,12}?\bto\s*", self.key[n.stop:first])), None)
        if start is None:
            return first
        m = re.search(r"\bfrom\s*(?:a\s+)?(?:mean\s+|median\s+)?(?:of\s+)?\Z", self.key[max(self.s, start - 30):start])
        return start - len(m.group(0)) if m else first

    def arm_name(self, g: ArmSpan) -> str:
        return self.key[g.start:g.end] if self.key.startswith("without", g.start) else arm_stage.name(self.v, g)

    def without(self, g: ArmSpan | None, x: Num) -> ArmSpan | None:
        """`8.6 months without fotemustine`: the arm is what the patients went without."""
        if g is None:
            return None
        w = re.compile(r"[\s)\]]*,?\s*(without)\s+").match(self.key, x.stop)
        return ArmSpan(w.start(1), g.end) if w and w.end() == g.start else g

    def han_clause_arm(self, x: Num) -> ArmSpan | None:
        """`观察组复发2例，对照组复发7例`: the group opening a Chinese clause is its values' arm (over the
        sentence's lead group), when no other group stands between it and the value."""
        first = self.first(x)
        cs = self.clause_start(first)
        inside = [g for g in self.arms if cs <= g.start and g.end <= first and not g.subgroup]
        if len(inside) != 1 or not re.fullmatch(r"\s*(?:而|其中|另|且)?\s*", self.key[cs:inside[0].start]):
            return None
        return inside[0] if HAN_CHAR.search(self.key[inside[0].end:first]) else None

    def bracket_owner(self, x: Num) -> ArmSpan | None:
        """`in the North (19.7%) than … in the South (18.2%)`: a name printed right before the bracket a
        value stands in, after `in`/`for`/`among`, is its group."""
        open_ = measure_stage.anchor(self.key, self.s, self.first(x))
        if open_ >= self.first(x) or not re.fullmatch(r"\(\s*", self.key[open_:self.first(x)]):
            return None
        m = _OWNER_BEFORE.search(self.key[max(self.s, open_ - 40):open_])
        if not m or word_pattern("measure_stop").fullmatch(m.group(2)):
            return None
        a = open_ - (len(self.key[max(self.s, open_ - 40):open_]) - m.start(2))
        written = self.v.ctx.doc.text[slice(*self.v.span(a, a + len(m.group(2))))]
        if m.group(1) == "and":  # `in the Gel Alpha (58%) and Foam Beta (52%) groups`: a proper name or a study arm's
            named = all(w[:1].isupper() for w in written.split()) or arm_stage.study_name(self.v, written)
            return ArmSpan(a, a + len(m.group(2))) if named else None
        # a capitalised name (`the North`), or any name set against another (`than with standard testing (9%)`)
        contrast = re.search(r"\b(?:than|versus|vs|compared)\b", self.key[self.s:self.e])
        return ArmSpan(a, a + len(m.group(2))) if written[:1].isupper() or contrast else None

    def clause_subject(self, x: Num) -> ArmSpan | None:
        """`…, while group Z was intermediate (63%)`: the group a `while`/`whereas`/`but` clause opens on, when only
        a copula and a few words stand between it and the bracket the value opens (the conjunction, where the arm
        reader took it into the name, left out)."""
        for g in self.arms:
            inner = _SUBJECT_LEAD_IN.match(self.key, g.start, g.end)
            if g.subgroup or not (inner or _SUBJECT_LEAD.search(self.key, max(self.s, g.start - 12), g.start)):
                continue
            tail = _SUBJECT_TAIL.match(self.key, g.end)
            if tail and tail.end() == self.first(x):
                return ArmSpan(inner.end(), g.end, treatment=g.treatment) if inner else g
        return None

    def changed_more_than(self, x: Num) -> ArmSpan | None:
        """The group a change is set against when a value says by how much one group's measure changed beyond
        another's (`improved by 4·3 points (95% CI …) with CBT compared with usual care`, `fell by 2·2 points
        more in the CBT group than in the usual care group`): the second group, else None."""
        if not _BY.search(self.key, max(self.s, self.first(x) - 12), self.first(x)):
            return None
        end = self.clause_end(x.stop)
        after = [g for g in self.arms if x.stop <= g.start < end and not g.subgroup]
        if len(after) < 2 or self.arm_name(after[0]) == self.arm_name(after[1]):
            return None
        gap = self.key[after[0].end:after[1].start]
        return after[1] if _VERSUS_BEFORE.search(gap) and len(gap) < 40 else None

    def improved_over(self, x: Num) -> tuple[ArmSpan, ArmSpan] | None:
        """`improved over placebo with drug A by 0.15 L (…) and by 0.09 L`: a value after `by` whose sentence set
        one arm `over` another before it is the first arm's difference from the second: (arm, comparator)."""
        if not _BY.search(self.key, max(self.s, self.first(x) - 12), self.first(x)):
            return None
        said = list(_OVER.finditer(self.key, self.s, self.first(x)))
        if not said:
            return None
        m = said[-1]
        groups = [g for g in self.arms if not g.subgroup]
        other = next((g for g in groups if g.start == m.end()), None)
        own = next((g for g in groups if other and g.start == _WITH.match(self.key, other.end).end()), None) \
            if other and _WITH.match(self.key, other.end) else None
        if own is None or self.arm_name(own) == self.arm_name(other) or \
                any(n.is_value and own.end <= n.start < self.first(x) and n.stop <= x.start and
                    not _BY.search(self.key, max(self.s, self.first(n) - 12), self.first(n)) for n in self.nums):
            return None
        return own, other

    def inside(self, x: Num) -> ArmSpan | None:
        """An arm printed inside a value's own printing (`2 in the C group (10%)`)."""
        return next((g for g in self.arms if self.first(x) <= g.start and g.end <= x.start and not g.subgroup), None)

    def arm_list(self, vals: list[Num], k: int) -> list[ArmSpan] | None:
        """The k arms a list of k values goes with: named after the list, else before it."""
        v = self.v
        after = arm_stage.distinct(v, [g for g in self.arms if g.start >= vals[-1].stop])
        if len(after) >= k:
            return after[:k]
        before = arm_stage.distinct(v, [g for g in self.arms if g.end <= vals[0].start])
        if len(before) >= k:
            return before[-k:]
        # `A组与B组的1、3年生存率分别为 90%、70%和 80%、50%`: chunks of values per arm
        return self.names_listed(vals, k)

    def names_listed(self, vals: list[Num], k: int) -> list[ArmSpan] | None:
        """`18.2 and 26.5% for RX-1 and RX-2, respectively`: k short names printed in a list after the values
        and before `respectively`, when no other reading names them as arms (abbreviations said once)."""
        said = word_pattern("respectively").search(self.key, vals[-1].stop, min(self.e, vals[-1].stop + 80))
        if not said:
            return None
        m = _LISTED.match(self.key, vals[-1].stop, said.start())
        if not m:
            return None
        base = m.start(1)
        spans = [(base + a.start(), base + a.end()) for a in re.finditer(r"[^,]+?(?=\s*,|\s+and\s+|\s*$)",
                                                                         m.group(1))]
        spans = [(a + len(self.key[a:b]) - len(self.key[a:b].lstrip()), b) for a, b in spans]
        spans = [(a + (4 if self.key.startswith("and ", a) else 0), b) for a, b in spans]
        if len(spans) != k or any(len(self.key[a:b].split()) > 3 or b <= a for a, b in spans):
            return None
        return [ArmSpan(a, b) for a, b in spans]

    def _timepoints(self, unit: Unit, labels, respectively: bool) -> list[str]:
        vals, k = unit.values, len(unit.values)
        tf = labels[-1].timeframe if labels else ""
        tps = naming.timepoints(tf)
        if len(tps) == k and k > 1:
            return tps
        if respectively and k > 1 and (listed := order.time_list(self, vals)):
            return listed  # `at 3 and 6 months, … 45% and 52%, respectively`: each value its time point
        if not tf:  # `… 64% and 70% at 26 weeks and 81% and 88% at 52 weeks`: the time printed after the values
            tf = measure_stage.timeframe_after(self.v, vals[-1].stop, self.e)
        if not tf:
            first = vals[0].first if vals[0].first >= 0 else vals[0].start
            tf = measure_stage.timeframe(self.v, self.clause_start(first), self.clause_end(vals[-1].stop), first,
                                         [n for n in self.nums if n.is_value])
        if not tf and (lead := _han_time_lead().match(self.key, self.s)):
            tf = self.text(*lead.span(1))  # `干预后，观察组SAS评分为…`: the sentence's time point
        if not tf and HAN_CHAR.search(self.key[self.s:self.first(vals[0])]):
            tf = han_lists.time_lead_before(self, _han_time_lead())
        return [tf] * k

    # -- effects ----------------------------------------------------------------------------------------

    def text(self, a: int, b: int) -> str:
        s, e = self.v.span(a, b)
        return measure_stage.tidy(self.v.ctx.doc.text[s:e])

    def _subgroup_lead(self, first: int) -> tuple[int, int] | None:
        """A subgroup the sentence opens on, no arm or subgroup read as one (`In the open-surgery subgroup, …`)."""
        lead = measure_stage.subgroup_lead(self.key, self.s)
        if lead is None or lead[1] > first or any(lead[0] <= g.start < lead[1] for g in self.arms):
            return None
        return lead

    def _lead_subgroup(self, first: int) -> ArmSpan | None:
        """`Among women, …`, `In boys, …`: a subgroup the whole sentence reports on."""
        for g in self.arms:
            if g.start >= first:
                break
            if g.subgroup and re.fullmatch(r"\s*(?:in|among|for|within)\s+(?:the\s+)?", self.key[self.s:g.start]):
                return g
        return None

