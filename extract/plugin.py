"""Shared helpers for extractor plugins."""
from __future__ import annotations

from typing import Any

from evkg.extract.text.context import DocContext
from evkg.core.model import DOC_TYPES, Fact

# Everything but registrations, which registration.py reads field by field from the trial record.
PROSE_TYPES = tuple(t for t in DOC_TYPES if t != "registration")


class Plugin:
    """Base for extractors: `fact(...)` builds a Fact whose provenance is a span of the document."""
    name = ""
    version = "1"
    # The document types the plugin reads; the pipeline does not call it for others.
    doctypes: tuple[str, ...] = DOC_TYPES

    def fact(self, ctx: DocContext, kind: str, start: int, end: int, **fields: Any) -> Fact:
        prov = ctx.doc.span(start, end).provenance(self.name, self.version)
        return Fact(kind=kind, provenance=prov, **fields)
