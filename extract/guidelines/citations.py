"""The `citations` plugin: each reference cited in a graded statement or in its supporting text.

The supporting text (extract/guidelines/scopes.py) runs from the
statement to the next statement, heading or section end, and takes in the
supportive-text paragraphs numbered like the statement. A table row's statement
has no running text after it in the table. Each citation carries the span of the
statement it supports (`statement_span`), so two statements with one label keep
their own citations.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from evkg.core.details import Offsets
from evkg.core.model import Document, Fact
from evkg.extract.guidelines.scopes import Scope, statement_scopes
from evkg.extract.guidelines.statements import find_statements
from evkg.extract.plugin import Plugin
from evkg.extract.text.context import DocContext
from evkg.extract.text.markers import document_markers

# The quote is the clause that ends with the marker: back to the last clause break, at most this far.
_CLAUSE_BREAK = re.compile(r".*(?:[。！？!?；;，,：:\n]|\.\s)", re.S)
_CONTEXT = 80


class Citations(Plugin):
    name = "citations"
    version = "4"
    requires = ("statements", "markers")
    assigns = ("citation",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        statements = find_statements(ctx)
        markers = document_markers(ctx)
        starts = [m.start for m in markers]
        ordered = all(a <= b for a, b in zip(starts, starts[1:]))
        for s, scope in zip(statements, statement_scopes(ctx)):
            if not s.graded and not s.strength_printed:
                continue  # a statement ungraded on purpose keeps its citations for the trace (no table rows)
            for m in _within(markers, starts, scope) if ordered else markers:
                if scope.covers(m.start):
                    start = self._clause_start(doc.text, m.start)
                    for ref in m.refs:
                        yield self.fact(ctx, "citation", start, m.end, name=s.name, ref=str(ref),
                                        details={"statement_span": Offsets(s.start, s.end)})

    @staticmethod
    def _clause_start(text: str, marker_start: int) -> int:
        # A marker after the full stop (`… started. 4-7`) quotes the sentence it follows.
        upto = len(text[:marker_start].rstrip())
        if upto and text[upto - 1] in ".。":
            upto -= 1
        window_start = max(0, upto - _CONTEXT)
        m = _CLAUSE_BREAK.match(text, window_start, upto)
        start = m.end() if m else window_start
        while start < marker_start and text[start].isspace():
            start += 1
        return start


def _within(markers: list, starts: list[int], scope: Scope) -> list:
    """The markers starting inside the scope's spans, in text order, by bisection (a scan of every
    marker per statement was quadratic in a guideline's length)."""
    picked = sorted({i for a, b in scope.spans for i in range(bisect_left(starts, a), bisect_left(starts, b))})
    return [markers[i] for i in picked]
