"""The `recommendations` plugin: guideline / consensus statements as `recommendation` facts, graded or not.

An ungraded statement (a labelled consensus item without a grade) is a
recommendation with empty level and strength: the trace and the checks see it,
and the evidence table leaves it out (an ungraded statement is no scored row).
A statement printed without a strength (NICE's verbs) takes its strength class from its
verb (`Offer` -> strong, `Consider` -> weak); its strength column stays empty, as printed.
Each carries the interventions it is about (`interventions`: codes of the drugs,
procedures and devices named in it), so a trace can put the results of the
arms that received them first.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from evkg.core.fold import fold
from evkg.core.model import Document, Fact
from evkg.extract.guidelines.crosswalk import load_crosswalk
from evkg.extract.guidelines.notation import normalise_strength
from evkg.extract.guidelines.statements import find_statements
from evkg.extract.plugin import Plugin
from evkg.extract.text.context import DocContext
from evkg.extract.vocabulary.cues import cue_pattern, cue_table
from evkg.extract.vocabulary.intervention_codes import INTERVENTION_KINDS, codes_between

_OPENING = re.compile(r"^[\s\-•·*#>]*(?:\d{1,3}(?:\.\d{1,3})*[.)]?\s+)?")  # a bullet or a number before the verb


def verb_class(statement: str) -> str:
    """The strength class a statement's verb gives when no strength is printed (NICE: `Offer` -> strong,
    `Consider` -> weak, i.e. conditional), from ontology/cues/recommendation_verbs.tsv; "" for none."""
    key = fold(statement)
    opening = key[_OPENING.match(key).end():]
    for verb, cls, where in ((fold(r[0]), r[1], r[2]) for r in cue_table("recommendation_verbs")):
        bounded = rf"(?<![a-z]){re.escape(verb)}(?![a-z])"
        if (where == "start" and re.match(bounded, opening)) or (where == "within" and re.search(bounded, key)):
            return cls
    return ""


_CLAUSE_END = re.compile(r"[,;:()（）\[\]，；。]|\.(?:\s|$)")


def recommended(text: str, mentions, start: int, end: int) -> list[str]:
    """Codes of the interventions a statement recommends (or advises against): those it names, less
    those it names only as the comparator (`… rather than TACE`, up to the end of that clause)."""
    codes = codes_between(mentions, start, end)
    cue = cue_pattern("recommendation_comparators").search(text[start:end].lower())  # offsets kept
    if not cue:
        return codes
    stop = _CLAUSE_END.search(text, start + cue.end(), end)
    lo, hi = start + cue.end(), stop.start() if stop else end
    kept = set(codes_between([m for m in mentions if not lo <= m.start < hi], start, end))
    return [c for c in codes if c in kept]


class Recommendations(Plugin):
    name = "recommendations"
    version = "5"
    requires = ("statements", "mentions")
    assigns = ("recommendation",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        crosswalk = load_crosswalk()
        mentions = ctx.mentions_of(*INTERVENTION_KINDS)
        starts = [m.start for m in mentions]
        ordered = all(a <= b for a, b in zip(starts, starts[1:]))  # text order, as the lexicon finds them
        for s in find_statements(ctx):
            # Only the statement's own mentions (by bisection): a scan of all per statement was
            # quadratic in a guideline's length.
            near = mentions[bisect_left(starts, s.start):bisect_left(starts, s.end)] if ordered else mentions
            strength_class = crosswalk.strength_class(s.system, s.strength)
            if not s.strength and s.graded:
                strength_class = verb_class(doc.text[s.start:s.end])
            elif not s.graded and s.strength_printed:  # ungraded on purpose: its class is its kind's
                strength_class = crosswalk.strength_class("", normalise_strength(s.strength_printed))
            details = {"level_printed": s.level_printed, "strength_printed": s.strength_printed,
                       "certainty": crosswalk.certainty(s.system, s.level),
                       "strength_class": strength_class,
                       "interventions": "; ".join(recommended(doc.text, near,
                                                              s.start, s.end))}
            yield self.fact(ctx, "recommendation", s.start, s.end, name=s.name, level=s.level,
                            strength=s.strength, system=s.system,
                            details={k: v for k, v in details.items() if v})

