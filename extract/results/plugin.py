"""The `outcomes` plugin: one staged reader of reported results for every document kind.

Stages, each a module of this room: tokens (1: numbers with unit, spread, n/N, CI, p and why a number
is no result), scope (2: where it stands), measure (3), arm (4), the CI and p a value keeps and the
comparison it belongs to (5, 7: prose.py reads one sentence through 3-7), source (6: whose result),
then here: the naming layer (naming.py: vocabulary codes, rates at a time point, criteria), the
discussion's restatements, and one row per printed number. Table cells come from the table reader.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.results import naming, p_list
from evkg.extract.results import tables as result_tables
from evkg.extract.results.prose import LONGEST_SENTENCE, Mention, SentenceReader, changed_from_baseline
from evkg.extract.results.scope import CITED, OWN, RESTATE, TABLE, Scope
from evkg.extract.results.source import Source, names_other, source_of
from evkg.extract.results.tables.group_rows import group_rows
from evkg.extract.results.tokens import masks
from evkg.extract.text.arms import SIZE
from evkg.extract.text.context import DocContext
from evkg.extract.text.views import View, view
from evkg.extract.vocabulary.cues import cue_pattern

_MAX_DIGITS = 9  # of a group's size
# Where a paper prints its own results: a citation there backs a method, not the number.
_RESULTS_ZONES = ("results", "abstract results", "abstract conclusions")
_QUOTE_REACH = 60  # a measure printed this close before its number starts the quote
# A longer run (a table without line breaks, a converter's garbage) is read in clause-sized pieces, so each
# number's measure and arm are looked for in a bounded stretch and the cost stays linear in the text.
_LONGEST = LONGEST_SENTENCE
_MOST_NUMBERS = 80
_DIGITS = re.compile(r"\d+")


class Outcomes(Plugin):
    name = "outcomes"
    version = "4"
    doctypes = PROSE_TYPES
    requires = ("sentences", "mentions", "markers")
    assigns = ("outcome",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        v = view(ctx)
        scope = Scope(doc, result_tables.table_zones(ctx))  # the tables the table reader finds, found once
        flags = masks(v.key, v.citations)
        reader = SentenceReader(v, flags)
        criteria = naming.criteria(v)
        restated, facts = [], []
        own_cue = cue_pattern("result_words", "own_study")
        carried, para, rows, last = None, None, [], []  # last: the rows of the last sentences that had results
        said = False  # whether the piece before gave results: `last` holds the rows of the run of such pieces
        ends = sorted(v.to_key(z.end) for z in result_tables.table_zones(ctx))
        for s, e in (cut for sent in v.sentences for piece in _pieces(v.key, *sent) for cut in _after(ends, *piece)):
            ds, de = v.span(s, e)
            zone = scope.at(ds)
            if zone.reading not in (OWN, RESTATE, CITED) and zone.end >= de:
                carried = None
                continue
            here = v.paragraph_at(s)
            carried = carried if here == para else None
            rows = rows if here == para else []  # this paragraph's own rows, for a p list said after them
            last = last if here == para else []
            para = here
            mentions, carried = reader.read(s, e, carried)
            if not mentions:
                p_list.give(facts, rows, p_list.named_ps(v, s, e))
                p_list.give_unnamed(v, s, e, facts, last)
            elif not said:
                last = []
            said = bool(mentions)
            for m in mentions:
                at = scope.at(v.span(m.num.start, m.num.end)[0])
                if at.reading not in (OWN, RESTATE, CITED):
                    continue
                src = source_of(v, m.num.start, s, e, own_zone=at.where in _RESULTS_ZONES, review=at.where == "review")
                if src.kind == "own" and at.reading == CITED:
                    continue
                fact = (v.span(m.num.start, m.num.end), self._fact(ctx, v, m, src, criteria, s, e, at.where, reader))
                if src.kind == "own" and at.reading == RESTATE and not _said_own(v.key, m.num.start, s, e, own_cue):
                    restated.append((fact, None))  # kept below if it restates an own result
                    continue
                if src.kind != "own" and src.loose and at.reading == RESTATE:
                    # `The 45.0% response rate exceeds the 33% reported earlier [1]`: own if it restates one
                    restated.append((self._fact_as_own(ctx, v, m, criteria, s, e, at.where, reader), fact))
                    continue
                rows.append(len(facts))
                last.append(len(facts))
                facts.append(fact)
        facts = self._with_tables(doc, ctx, facts, scope)
        # what a discussion's number may restate: a number its sentence gives to no study, only a result of the
        # results section or its tables; one its sentence cites loosely, any of the study's own (as before R26)
        printed: dict[str, list[Fact]] = {}
        own: dict[str, list[Fact]] = {}
        for digits, g in facts:
            if g.detail("source") in ("", "own"):
                own.setdefault(_value_key(g.value), []).append(g)
                if scope.at(digits[0]).reading in (OWN, TABLE):
                    printed.setdefault(_value_key(g.value), []).append(g)
        for candidate, otherwise in restated:
            pool = printed if otherwise is None else own
            if _restates(candidate[1], pool.get(_value_key(candidate[1].value), [])):
                facts.append(candidate)
            elif otherwise is not None:
                facts.append(otherwise)
        return _one_row_per_number(facts)

    def _fact(self, ctx: DocContext, v: View, m: Mention, src: Source, criteria, s: int, e: int, where: str,
              reader: SentenceReader | None = None) -> Fact:
        x, measure = m.num, changed_from_baseline(m.measure)
        code = naming.name(measure.code, x)
        details = {k: str(val) for k, val in x.details.items() if val not in (None, "")}
        details["source"] = src.kind
        if src.name:
            details["source_name"] = src.name
        if measure.text:
            details["measure"] = measure.text
        if m.effect and m.subgroup is not None:  # `HR … in older women`: an effect within a subgroup has no arm
            sub = _written(v, m.subgroup.start, m.subgroup.end)
            if sub.lower() not in measure.text.lower():
                details["measure"] = f"{measure.text}, {sub}" if measure.text else sub
        if m.effect:
            details["effect"] = m.effect
        details["statistic"] = m.statistic or _statistic(x, measure.text, details)
        arm = _arm_text(v, m)
        if m.comparator is not None:
            details["comparator"] = _written(v, m.comparator.start, m.comparator.end)
        if m.arm is not None:
            size = SIZE.match(v.key, m.arm.end)
            written = (size.group(1) or size.group(2)) if size else ""
            if 0 < len(written) <= _MAX_DIGITS:  # `the placebo group (n = 30)`; a run of digits is no size
                details["arm_size"] = int(written)
        first = x.first if x.first >= 0 else x.start
        qs = first
        between = [n for n in reader.nums if n.is_value and measure.end <= n.start < first] if reader else []
        if m.quote_start >= 0:
            qs = m.quote_start  # an effect: from its name (`HR=0.61`)
        elif measure.end > measure.start and s <= measure.start and 0 <= first - measure.end <= _QUOTE_REACH \
                and not between:
            qs = measure.start
        elif m.arm is not None and s <= m.arm.start < first and first - m.arm.end <= _QUOTE_REACH and \
                not [n for n in reader.nums if n.is_value and m.arm.end <= n.start < first]:
            qs = m.arm.start
        start, end = v.span(qs, max(x.core, x.end))
        brk = ctx.doc.text.rfind("\n\n", start, v.span(first, first)[0])
        if brk >= 0:  # a quote never reaches back over a blank line (the folded view joins wrapped lines)
            start = brk + 2 + len(ctx.doc.text[brk + 2:end]) - len(ctx.doc.text[brk + 2:end].lstrip())
        tf = m.timeframe or measure.timeframe or x.when
        return self.fact(ctx, "outcome", start, end, name=code or measure.text or UNNAMED, value=x.value, unit=x.unit,
                         n=x.n if x.n is not None else src.n, total=x.total if x.total is not None else src.total,
                         arm=arm, timeframe=tf, criteria=criteria(code, x.start) if code else "",
                         details=_typed(details), ref=src.ref)

    def _fact_as_own(self, ctx: DocContext, v: View, m: Mention, criteria, s: int, e: int, where: str,
                     reader: SentenceReader) -> tuple[tuple[int, int], Fact]:
        return v.span(m.num.start, m.num.end), self._fact(ctx, v, m, Source(), criteria, s, e, where, reader)

    def _with_tables(self, doc: Document, ctx: DocContext, facts: list[tuple[tuple[int, int], Fact]],
                     scope: Scope) -> list[tuple[tuple[int, int], Fact]]:
        """The table reader's cells in place of what the prose readers took inside its tables, those of the
        tables where the study's results stand (not a baseline table, one in the methods, the introduction
        or a review's body: scope.py)."""
        kept = [(d, f) for d, f in facts if not result_tables.owned(ctx, f.provenance.start, f.provenance.end)]
        cells = [((f.provenance.start, f.provenance.end), f) for f in result_tables.read_tables(doc, ctx, self.fact)]
        cells += self._group_rows(ctx)
        return kept + [(d, f) for d, f in cells if scope.at(d[0]).reading == TABLE]

    def _group_rows(self, ctx: DocContext) -> list[tuple[tuple[int, int], Fact]]:
        """Cells of the space-separated group rows in tables the grid reader leaves unread."""
        v = view(ctx)
        zones = result_tables.unread_zones(ctx)
        out = []
        for c in group_rows(v, naming.labels(v), zones) if zones else ():
            label = re.sub(r"\s+", " ", _written(v, *c.measure))[:80]
            details = {"source": "own", "measure": label, "statistic": "proportion"}
            start, end = v.span(c.first, c.stop)
            out.append((v.span(c.start, c.end), self.fact(
                ctx, "outcome", start, end, name=c.code or label, value=c.value, unit="%", n=c.n, total=c.total,
                arm=_written(v, *c.arm), details=_typed(details))))
        return out


def _after(ends: list[int], s: int, e: int):
    """[s, e) cut where a table ends inside it: the text after a table's last row is a sentence of its own
    (`…\t0\n\nIn the X arm, …`), whatever the sentence splitter joined."""
    i = bisect.bisect_right(ends, s)
    while i < len(ends) and ends[i] < e:
        yield s, ends[i]
        s, i = ends[i], i + 1
    yield s, e


def _pieces(key: str, s: int, e: int):
    """[s, e) cut after a clause end (`;`, line break) into stretches of at most _LONGEST characters and
    _MOST_NUMBERS numbers (the most of 125 real reports: 72)."""
    while True:
        limit = min(e, s + _LONGEST)
        nth = next(itertools.islice(_DIGITS.finditer(key, s, limit), _MOST_NUMBERS, None), None)
        limit = nth.start() if nth else limit
        if limit >= e:
            yield s, e
            return
        cut = max(key.rfind(c, s, limit) for c in ";；\n") + 1
        if cut <= s + 1:  # no clause end: cut at the limit, after the number running over it if a short one
            run = _DIGITS.match(key, limit) if key[limit - 1].isdigit() else None
            cut = run.end() if run and run.end() - limit <= 40 else limit
        yield s, cut
        if cut >= e:
            return
        s = cut


# The name of a result whose words name no measure (`younger patients profited more (1.4 vs 0.8 days)`): its
# `measure` stays empty, as the reader found none; the graph needs a name for every outcome.
UNNAMED = "unnamed measure"


def _written(v: View, a: int, b: int) -> str:
    s, e = v.span(a, b)
    return v.ctx.doc.text[s:e].strip()


def _arm_text(v: View, m: Mention) -> str:
    arm = _written(v, m.arm.start, m.arm.end) if m.arm is not None else ""
    sub = _written(v, m.subgroup.start, m.subgroup.end) if m.subgroup is not None else ""
    if sub and arm and not m.effect:
        return f"{sub} ({arm})"
    return arm or ("" if m.effect else sub)


def _statistic(x, measure: str, details: dict) -> str:
    if "statistic" in details:
        return details["statistic"]
    text = measure.lower()
    if re.search(r"median|中位", text):
        return "median"
    if re.search(r"\bmean\b|average|平均", text) or "sd" in details:
        return "mean"
    return {"percent": "proportion", "count": "count"}.get(x.kind, "value")


def _typed(details: dict) -> dict:
    """The details with the types ontology/details.tsv declares (an arm's size is an integer)."""
    out = dict(details)
    for k in ("sd_high",):
        out.pop(k, None)
    return out


# A clause's end: `;`, `:`, or a full stop after a word, a citation number allowed (`… reported data.9 Both arms`:
# the sentence reader may keep two sentences together).
_CLAUSE_BREAK = re.compile(r"[;:]|(?<=[a-z)\]])\.\d{0,3}\s+")


def _said_own(key: str, k: int, s: int, e: int, own_cue: re.Pattern) -> bool:
    """Whether a discussion's sentence says the number at k is the study's own: it names this study
    (result_words `own_study`) and the number's clause names no other study (`other_study`: `Both arms of this
    trial were close to the rate (0.49%) reported in a recent registry analysis`: 0.49 is the registry's)."""
    if not own_cue.search(key, s, e):
        return False
    breaks = [m.span() for rx in (_CLAUSE_BREAK, cue_pattern("result_words", "set_against"))
              for m in rx.finditer(key, s, e)]
    cs = max([b for a, b in breaks if b <= k], default=s)
    ce = min([a for a, b in breaks if a > k], default=e)
    return not names_other(key, cs, ce)


def _value_key(value: float | None) -> str:
    return f"{abs(value):g}" if value is not None else ""


_WORDS = re.compile(r"[a-z][a-z0-9\-]{2,}|[\u4e00-\u9fff]{2}")


def _restates(f: Fact, own: list[Fact]) -> bool:
    """Whether a discussion's number restates one of the study's own results: the same value and unit,
    and the same code or a word of its measure in common (`the 80.0% CR achieved during OP`)."""
    words = set(_WORDS.findall((f.detail("measure") or f.name).lower()))
    for g in own:
        if _value_key(g.value) != _value_key(f.value) or (g.unit and f.unit and g.unit != f.unit):
            continue
        if f.name and f.name == g.name or words & set(_WORDS.findall((g.detail("measure") or g.name).lower())):
            return True
    return False


def _one_row_per_number(facts: list[tuple[tuple[int, int], Fact]]) -> list[Fact]:
    """One row per printed number (its digits' span): where two readings took the same digits the first
    stays, unless they name different arms of one number (`4.05 in both SB2 and INF`)."""
    by_digits: dict[tuple[int, int], list[Fact]] = {}
    out = []
    for digits, f in facts:
        same = by_digits.setdefault(digits, [])
        if any(g.arm == f.arm or not f.arm or not g.arm for g in same):
            continue
        same.append(f)
        out.append(f)
    return out
