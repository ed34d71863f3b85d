"""Shared helpers for extractor plugins."""
from __future__ import annotations

from typing import Any

from extract.context import DocContext
from kg.model import Fact


class Plugin:
    """Base for extractors: `fact(...)` builds a Fact whose provenance is a span of the document."""
    name = ""
    version = "1"

    def fact(self, ctx: DocContext, kind: str, start: int, end: int, **fields: Any) -> Fact:
        prov = ctx.doc.span(start, end).provenance(self.name, self.version)
        return Fact(kind=kind, provenance=prov, **fields)
