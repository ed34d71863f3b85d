"""The `recommendations` plugin: guideline / consensus statements as `recommendation` facts, graded or not.

An ungraded statement (a labelled consensus item without a grade) is a
recommendation with empty level and strength: the trace and the checks see it,
and the evidence table leaves it out (an ungraded statement is no scored row).
Each carries the interventions it is about (`interventions`: codes of the drugs,
procedures and devices named in it), so a trace can put the results of the
arms that received them first.
"""
from __future__ import annotations

from collections.abc import Iterable

from evkg.core.model import Document, Fact
from evkg.extract.guidelines.crosswalk import load_crosswalk
from evkg.extract.guidelines.statements import find_statements
from evkg.extract.plugin import Plugin
from evkg.extract.text.context import DocContext
from evkg.extract.vocabulary.intervention_codes import INTERVENTION_KINDS, codes_between


class Recommendations(Plugin):
    name = "recommendations"
    version = "4"
    requires = ("statements", "mentions")
    assigns = ("recommendation",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        crosswalk = load_crosswalk()
        for s in find_statements(ctx):
            details = {"level_printed": s.level_printed, "strength_printed": s.strength_printed,
                       "certainty": crosswalk.certainty(s.system, s.level),
                       "strength_class": crosswalk.strength_class(s.system, s.strength),
                       "interventions": "; ".join(codes_between(ctx.mentions_of(*INTERVENTION_KINDS),
                                                                s.start, s.end))}
            yield self.fact(ctx, "recommendation", s.start, s.end, name=s.name, level=s.level,
                            strength=s.strength, system=s.system,
                            details={k: v for k, v in details.items() if v})

