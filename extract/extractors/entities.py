"""Conditions, procedures, drugs and devices: lexicon mentions, once per code and document."""
from __future__ import annotations

from typing import Iterable

from extract.context import DocContext
from extract.extractors.base import Plugin
from extract.registry import register
from kg.model import Document, Fact

ENTITY_KINDS = ("condition", "procedure", "drug", "device")


@register
class Entities(Plugin):
    name = "entities"
    version = "1"

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        # The first mention of each code stands for the document; later ones add nothing to the table.
        seen = set()
        refs = doc.section("references")
        for m in ctx.mentions_of(*ENTITY_KINDS):
            if refs and refs.start <= m.start < refs.end:
                continue  # a title in the reference list is not something this document discusses
            if (m.kind, m.code) in seen:
                continue
            seen.add((m.kind, m.code))
            yield self.fact(ctx, m.kind, m.start, m.end, name=m.code)
