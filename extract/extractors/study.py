"""The document's own study: its design, how many patients it enrolled, and its groups.

Registrations are read by the registration plugin. For consensus statements,
guidelines and reviews the document type is the design. For a paper, the design
is the one named where the paper speaks of itself (`本研究采用回顾性设计`, `In this
retrospective study`), else in its abstract; the sample size is an enrolment
sentence of its own abstract, methods or results (`收集...患者 24 例`), never of a
study it cites. Groups with their sizes (`HAIC组38例`, `仑伐替尼组(n=45)`) are arm facts.
"""
from __future__ import annotations

import re
from typing import Iterable

from extract.arms import SIZE, arm_text, arms
from extract.context import DocContext
from extract.extractors.base import PROSE_TYPES, Plugin
from extract.registry import register
from extract.textview import View, view
from core.model import Document, Fact

# Most specific first: a randomised trial may also call itself prospective.
_DESIGN_ORDER = ("meta_analysis", "rct", "nonrandomized_trial", "retrospective_cohort", "prospective_cohort",
                 "registry", "survey")
_OWN = re.compile(r"本研究|本文|我们|我院|本院|本组|this study|the present study|this trial|\bwe\b|\bour\b|in this")
_ENROL = re.compile(r"收集|纳入|入组|入选|招募|选取|收治|回顾性分析|随机分为|随机分配|共计"
                    r"|enrolled|included|recruited|analy[sz]ed|a total of|randomi[sz]ed|randomly assigned|allocated"
                    r"|\b(?:study|trial|cohort|series) (?:of|in|including|involving)\b")
# `120 consecutive patients`, `150 were randomized` (the noun said before: `Of 168 patients screened, 150 ...`).
_COUNT = re.compile(r"(?:患者|病例|病人)\s*(?:共)?\s*(\d+)\s*例|(\d+)\s*(?:例|名)(?:患者|病人)?"
                    r"|(\d+)\s*(?:(?:consecutive|eligible|evaluable)\s+)?(?:patients|subjects|participants)"
                    r"|(\d+)\s+(?:were|was)\s+(?:randomi[sz]ed|randomly assigned|enrolled|included)")
_SUBGROUP = re.compile(r"其中|of whom|of these|分别|among them")
_OWN_SECTIONS = ("abstract", "methods", "results")


@register
class Study(Plugin):
    name = "study"
    version = "3"
    doctypes = PROSE_TYPES

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        v = view(ctx)
        facts = list(self._design(doc, ctx, v))
        if doc.doctype == "paper":
            facts += self._sample_size(doc, ctx, v)
        facts += self._arms(doc, ctx, v)
        return facts

    def _design(self, doc, ctx, v: View):
        designs = v.mentions_of("design")
        if doc.doctype != "paper":
            title = _title(doc)
            # A review whose title calls it a meta-analysis is a study of its own (`……疗效的Meta分析`).
            meta = next((d for d in designs if d.code == "meta_analysis" and doc.doctype == "review"
                         and title[0] <= v.span(d.start, d.end)[0] < title[1]), None)
            m = meta or next((d for d in designs if d.code == doc.doctype), None)
            s, e = v.span(m.start, m.end) if m else title
            if e > s:
                yield self.fact(ctx, "design", s, e, name=m.code if m else doc.doctype)
            return
        chosen = None
        for s, e in v.sentences:
            own = [d for d in designs if s <= d.start < e and d.code in _DESIGN_ORDER]
            if own and _OWN.search(v.key, s, e) and not v.cites_other(s, e):
                chosen = min(own, key=lambda d: _DESIGN_ORDER.index(d.code))
                break
        if chosen is None:
            abstract = doc.section("abstract")
            inside = [d for d in designs if d.code in _DESIGN_ORDER and abstract
                      and abstract.start <= v.span(d.start, d.end)[0] < abstract.end]
            chosen = min(inside, key=lambda d: _DESIGN_ORDER.index(d.code)) if inside else None
        if chosen:
            sent = next(((s, e) for s, e in v.sentences if s <= chosen.start < e), (chosen.start, chosen.end))
            # The clause that says it (`本研究采用回顾性设计分析 TACE`), cut at clause marks, never mid-word.
            s, e = v.span(*_clause(v.key, sent, chosen.start, chosen.end))
            yield self.fact(ctx, "design", s, e, name=chosen.code)

    def _sample_size(self, doc, ctx, v: View):
        refs = doc.section("references")
        for s, e in v.sentences:
            start = v.span(s, e)[0]
            if refs and start >= refs.start:
                break
            sec = doc.section_at(start)
            if doc.sections and (sec is None or sec.name not in _OWN_SECTIONS) or v.cites_other(s, e):
                continue
            clause_start = s
            for c in re.finditer(r"[,;]|$", v.key[s:e]):
                cs, ce = clause_start, s + c.start()
                clause_start = s + c.end()
                text = v.key[cs:ce]
                if not _ENROL.search(text) or _SUBGROUP.search(text):
                    continue
                m = _COUNT.search(text)
                if m:
                    qs, qe = v.span(cs + m.start(), cs + m.end())
                    yield self.fact(ctx, "sample_size", qs, qe, value=float(next(g for g in m.groups() if g)),
                                    unit="patients")

    def _arms(self, doc, ctx, v: View):
        for s, e in v.sentences:
            for a in arms(v, s, e):
                m = SIZE.match(v.key, a.end)
                if m:
                    qs, qe = v.span(a.start, a.end + m.end() - m.start())
                    yield self.fact(ctx, "arm", qs, qe, name=arm_text(v, a), value=float(m.group(1) or m.group(2)),
                                    unit="patients", ref=v.ref_at(a.start) if doc.doctype == "review" else "")


def _title(doc: Document) -> tuple[int, int]:
    """The first non-blank line: the document's title."""
    m = re.search(r"\S[^\n]*", doc.text)
    return (m.start(), m.end()) if m else (0, 0)


_CLAUSE_MARK = re.compile(r"[,，;；:：。]|\.\s")


def _clause(key: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause of `key[sent]` around [start, end)."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(key, sent[0], start)]
    lo = marks[-1] if marks else sent[0]
    after = _CLAUSE_MARK.search(key, end, sent[1])
    return lo, after.start() if after else sent[1]
