"""The `paper_endpoints` plugin: endpoints of papers and reviews, the roles the text states and what a
paper's own study measures.

Registrations have their own plugin (registration.py); here a stated role
(`主要终点为 mPFS 和 mOS`, `the primary endpoint was OS`) gives primary / secondary /
exploratory, and in a paper the endpoints named in its own abstract, methods and
results (not in cited work) are reported with role `other`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from evkg.core.fold import fold
from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.text.context import DocContext
from evkg.extract.vocabulary.cues import cue_alternation, cue_table

_OWN_SECTIONS = {"abstract", "methods", "results"}
_HEADING_MAX = 20  # a longer "title" is a run-in label followed by text (`摘要：目的 …`)
_SCOPE_END = re.compile(r"[。;；\n]|\.\s")
_CITED = re.compile(r"\[\d|［\d|\^\[|et al|等\s*\[")


@cache
def _roles() -> tuple[dict[str, str], re.Pattern]:
    roles = {fold(r[0]): r[1] for r in cue_table("endpoint_roles")}
    words = cue_alternation("endpoint_roles")
    qualifier = r"(?:efficacy\s+|safety\s+|study\s+)?"
    nouns = r"end\s*-?\s*points?|outcomes?(?:\s+measures?)?|终点(?:指标)?|研究终点|(?:观察|疗效|评价|结局)指标"
    noun = rf"{qualifier}(?:{nouns})"
    return roles, re.compile(rf"(?<![a-z])(?P<role>{words})\s*{noun}")


class PaperEndpoints(Plugin):
    name = "paper_endpoints"
    version = "2"
    doctypes = PROSE_TYPES
    requires = ("sentences", "mentions")
    assigns = ("endpoint",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        stated = set()
        for fact in self._stated_roles(doc, ctx):
            stated.add(fact.name)
            yield fact
        if doc.doctype == "paper":
            yield from self._reported(doc, ctx, stated)

    def _stated_roles(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        roles, pattern = _roles()
        key, folded = ctx.folded.key, ctx.folded
        endpoints = ctx.mentions_of("endpoint")
        cues = list(pattern.finditer(key))
        for i, m in enumerate(cues):
            stop = _SCOPE_END.search(key, m.end())
            kend = min(stop.start() if stop else len(key), cues[i + 1].start() if i + 1 < len(cues) else len(key))
            cue_start, _ = folded.span(m.start(), m.end())
            _, scope_end = folded.span(m.start(), kend)
            for e in endpoints:
                # `ORR(CR+PR)`: what stands in brackets defines, it is not another endpoint.
                if cue_start < e.start and e.end <= scope_end and not _in_brackets(doc.text, cue_start, e.start):
                    yield self.fact(ctx, "endpoint", cue_start, e.end, name=e.code, role=roles[m.group("role")])

    def _reported(self, doc: Document, ctx: DocContext, stated: set[str]) -> Iterable[Fact]:
        seen = set(stated)
        for e in ctx.mentions_of("endpoint"):
            own = any(s.start <= e.start < s.end and s.name in _OWN_SECTIONS for s in doc.sections)
            heading = any(s.start <= e.start < s.start + len(s.title) <= s.start + _HEADING_MAX
                          for s in doc.sections)  # `2.1 疗效评价` names a section, not an endpoint
            if e.code in seen or not own or heading:
                continue
            sent = ctx.sentence_at(e.start)
            if sent and _CITED.search(doc.text, sent.start, sent.end):
                continue  # a number of someone else's study
            seen.add(e.code)
            yield self.fact(ctx, "endpoint", e.start, e.end, name=e.code, role="other")


def _in_brackets(text: str, start: int, pos: int) -> bool:
    depth = 0
    for c in text[start:pos]:
        depth += c in "(（[［"
        depth -= c in ")）]］" and depth > 0
    return depth > 0
