"""Citations of recommendations: each reference cited in a graded statement or in its supporting text.

The supporting text runs from the statement to the next statement (graded or
not), or to the end of its section. A table row's statement has no running
text after it in the table, so only the row itself counts.
"""
from __future__ import annotations

import re
from typing import Iterable

from extract.citation_markers import document_markers
from extract.context import DocContext
from extract.extractors.base import Plugin
from extract.registry import register
from extract.statements import find_statements
from core.model import Document, Fact

# The quote is the clause that ends with the marker: back to the last clause break, at most this far.
_CLAUSE_BREAK = re.compile(r".*(?:[。！？!?；;，,：:\n]|\.\s)", re.S)
_CONTEXT = 80


@register
class Citations(Plugin):
    name = "citations"
    version = "3"

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        refs = doc.section("references")
        body_end = refs.start if refs else len(doc.text)
        statements = find_statements(ctx)
        markers = document_markers(ctx)
        for i, s in enumerate(statements):
            if not s.graded:
                continue
            scope_end = s.end if s.form == "cor_loe" else self._scope_end(doc, statements, i, body_end)
            for m in markers:
                if s.start <= m.start < scope_end:
                    start = self._clause_start(doc.text, m.start)
                    for ref in m.refs:
                        yield self.fact(ctx, "citation", start, m.end, name=s.name, ref=str(ref))

    @staticmethod
    def _scope_end(doc: Document, statements: tuple, i: int, body_end: int) -> int:
        following = statements[i + 1].start if i + 1 < len(statements) else body_end
        section = doc.section_at(statements[i].start)
        return min(following, section.end if section else body_end, body_end)

    @staticmethod
    def _clause_start(text: str, marker_start: int) -> int:
        window_start = max(0, marker_start - _CONTEXT)
        m = _CLAUSE_BREAK.match(text, window_start, marker_start)
        start = m.end() if m else window_start
        while start < marker_start and text[start].isspace():
            start += 1
        return start
