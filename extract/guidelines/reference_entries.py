"""The `references` plugin: the entries of the reference list its reader handed over (readers/reference_list.py
parses them) as `reference` facts: number, first author, year and the bibliographic fields."""
from __future__ import annotations

from collections.abc import Iterable

from evkg.core.model import Document, Fact
from evkg.extract.plugin import Plugin
from evkg.extract.readers.reference_list import reference_list
from evkg.extract.text.context import DocContext


class References(Plugin):
    name = "references"
    version = "2"
    requires = ("references",)
    assigns = ("reference",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        for r in reference_list(doc):
            yield self.fact(ctx, "reference", r.start, r.end, name=r.first_author, ref=str(r.number),
                            value=r.year, details=r.details())
