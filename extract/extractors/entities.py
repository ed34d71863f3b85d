"""Conditions, procedures, drugs and devices: lexicon mentions, once per code and document."""
from __future__ import annotations

import re
from typing import Iterable

from extract.context import DocContext
from extract.cues import cue_pattern
from extract.extractors.base import Plugin
from extract.fold import fold
from extract.registry import register
from kg.model import Document, Fact

ENTITY_KINDS = ("condition", "procedure", "drug", "device")
_CLAUSE_BREAK = re.compile(r"[，,；;。:：()（）\[\]\n]|\.\s")
_CLAUSE_REACH = 80


def negated(text: str, start: int) -> bool:
    """A negation cue earlier in the mention's clause (`没有血管侵犯或肝外转移`, `not suitable for resection`)."""
    lo = max(0, start - _CLAUSE_REACH)
    before = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    return bool(cue_pattern("negation").search(fold(clause)))


@register
class Entities(Plugin):
    name = "entities"
    version = "2"

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        if doc.doctype == "registration":
            return  # extractors/registration.py reads registrations field by field, without eligibility
        # The first affirmed mention of each code stands for the document.
        seen = set()
        refs = doc.section("references")
        for m in ctx.mentions_of(*ENTITY_KINDS):
            if refs and refs.start <= m.start < refs.end:
                continue  # a title in the reference list is not something this document discusses
            if (m.kind, m.code) in seen or negated(doc.text, m.start):
                continue
            seen.add((m.kind, m.code))
            yield self.fact(ctx, m.kind, m.start, m.end, name=m.code)
