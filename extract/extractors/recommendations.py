"""Guideline / consensus statements: graded ones as `recommendation`, ungraded labelled ones as `statement`."""
from __future__ import annotations

from typing import Iterable

from extract.context import DocContext
from extract.extractors.base import Plugin
from extract.grading import load_crosswalk
from extract.registry import register
from extract.statements import find_statements
from core.model import Document, Fact


@register
class Recommendations(Plugin):
    name = "recommendations"
    version = "3"

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        crosswalk = load_crosswalk()
        for s in find_statements(ctx):
            if not s.graded:
                yield self.fact(ctx, "statement", s.start, s.end, name=s.name)
                continue
            details = {"level_printed": s.level_printed, "strength_printed": s.strength_printed,
                       "certainty": crosswalk.certainty(s.system, s.level),
                       "strength_class": crosswalk.strength_class(s.system, s.strength)}
            yield self.fact(ctx, "recommendation", s.start, s.end, name=s.name, level=s.level,
                            strength=s.strength, system=s.system,
                            details={k: v for k, v in details.items() if v})
