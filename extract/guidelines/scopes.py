"""Where a statement's citations are read: its own text, the running text after it, and the
supportive-text paragraphs numbered like it (`Recommendation-Specific Supportive Text` `1. …`).

The running text stops at the next statement, numbered heading, section end, paragraph owned by
another statement, or unnumbered heading, unless that heading opens supporting text (`Rationale`,
`推荐理由`: ontology/cues/supporting_text.tsv). A table row has no running text after it; its supporting text is
the paragraphs of the body that name it in brackets (`（推荐意见 4）`, `(Recommendation 4)`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evkg.core.fold import fold
from evkg.core.text import HAN
from evkg.extract.guidelines.labels import label_key
from evkg.extract.guidelines.statements import TABLE_FORMS, find_statements, headings
from evkg.extract.readers.columns import broken_by_page
from evkg.extract.readers.reference_list import body_end as reference_body_end
from evkg.extract.readers.reference_list import reference_zones
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern

if TYPE_CHECKING:
    from evkg.extract.text.context import DocContext

# An unnumbered heading: a short line of its own without a full stop (`Management of advanced disease`).
_PLAIN_HEADING = re.compile(rf"(?<=\n\n)[ \t#*【\[]*[A-Z{HAN}][^\n.。:：;；!?！？，]{{0,60}}"
                            rf"(?=\n[ \t]*\n|\n[ \t]*[A-Z{HAN}•·\-])")


# A statement named in brackets by its label (`（推荐意见 4）`): the paragraph holding it discusses that statement.
_MENTION = re.compile(rf"[(（][ \t]*(?P<label>(?:{cue_alternation('label_words')})[ \t]*\d+(?:\.\d+)*)[ \t]*[)）]",
                      re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")


@dataclass(frozen=True)
class Scope:
    """Where a statement's citations are read: its own text, the running text after it,
    and paragraphs of supportive text numbered like it (`1. Two trials …` under
    `Recommendation-Specific Supportive Text`)."""
    spans: tuple[tuple[int, int], ...]

    def covers(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.spans)


def statement_scopes(ctx: DocContext) -> tuple[Scope, ...]:
    """One scope per statement of `find_statements`, in the same order."""
    return ctx.memo("statement_scopes", lambda: _scopes(ctx))


def _scopes(ctx: DocContext) -> tuple[Scope, ...]:
    doc, statements = ctx.doc, find_statements(ctx)
    body_end = reference_body_end(doc)
    lists = [a for a, _ in reference_zones(doc)]
    heads = headings(doc.text, body_end, statements)
    paragraphs = _numbered_paragraphs(doc.text, body_end, statements, heads)
    owned: dict[int, list[tuple[int, int]]] = {}
    for number, section, start, end in paragraphs:
        owner = _owner(statements, number, section, start)
        if owner is not None:
            owned.setdefault(owner, []).append((start, end))
    for i, span in _mentioned(doc.text, body_end, statements):
        owned.setdefault(i, []).append(span)
    first_owned = sorted(a for spans in owned.values() for a, _ in spans)
    starts = {s.start for s in statements}
    # What each statement's stop is the first of after it, sorted once for bisection (a pass over
    # every section and heading per statement was quadratic in a long text).
    named = sorted(x.start for x in doc.sections if not x.name.startswith("section ")
                   and not _supporting(x.title))  # `Rationale` is a section of a paper, the statement's here
    head_starts = [h for h, _ in heads]  # in text order
    out = []
    for i, s in enumerate(statements):
        spans = [(s.start, s.end)]
        if s.form not in TABLE_FORMS:  # a table row has no running text after it in the table
            stop = min(statements[i + 1].start if i + 1 < len(statements) else body_end,
                       _first_after(named, s.end, body_end), body_end,
                       _first_after(first_owned, s.start, body_end),
                       _first_after(head_starts, s.end, body_end),
                       next((a for a in lists if a > s.end), body_end),
                       next((m.start() for m in _PLAIN_HEADING.finditer(doc.text, s.end, body_end)
                             if m.start() not in starts and not _supporting(m.group(0))
                             and not broken_by_page(doc.text, m.end())), body_end))
            spans.append((s.start, max(stop, s.end)))
        out.append(Scope(tuple(spans + owned.get(i, []))))
    return tuple(out)


def _mentioned(text: str, body_end: int, statements) -> list[tuple[int, tuple[int, int]]]:
    """(statement index, paragraph) for each paragraph after a table that names a table row in brackets: a
    table row has no running text, the body discusses it by its label."""
    rows = {label_key(s.label): i for i, s in enumerate(statements) if s.form in TABLE_FORMS and s.label}
    if not rows:
        return []
    last_row = max(statements[i].end for i in rows.values())
    # the paragraph breaks after the table, found once (not a scan from the table per mention)
    breaks = [b.span() for b in _PARAGRAPH_BREAK.finditer(text, last_row, body_end)]
    break_starts, break_ends = [a for a, _ in breaks], [b for _, b in breaks]
    out = []
    for m in _MENTION.finditer(text, last_row, body_end):
        i = rows.get(label_key(m.group("label")))
        if i is None:
            continue
        k = bisect_right(break_ends, m.start())  # a bracket is no break: none spans the mention
        j = bisect_left(break_starts, m.end())
        out.append((i, (break_ends[k - 1] if k else m.start(), break_starts[j] if j < len(breaks) else body_end)))
    return out


def _first_after(ordered: list[int], offset: int, default: int) -> int:
    """The first of the ascending `ordered` after `offset`, or `default`."""
    k = bisect_right(ordered, offset)
    return ordered[k] if k < len(ordered) else default


_NUMBERED_LINE = re.compile(r"^[ \t\u3000]*(?:\|[ \t]*)?(?P<num>\d{1,3})[.．)）][ \t\u3000]*(?=\S)", re.M)


def _supporting(heading: str) -> bool:
    """A heading that opens the supporting text of the statement above it (`Rationale`, `推荐理由`)."""
    return cue_pattern("supporting_text").search(fold(heading)) is not None


def _numbered_paragraphs(text: str, body_end: int, statements, heads) -> list[tuple[str, str, int, int]]:
    """(number, section number, start, end) of numbered paragraphs that are neither statements nor headings;
    each runs to the next numbered line, heading or statement."""
    heading_starts = {h for h, _ in heads}
    stops = sorted(heading_starts | {s.start for s in statements} | {body_end})
    found = []
    for m in _NUMBERED_LINE.finditer(text, 0, body_end):
        if m.start() in heading_starts or any(s.start <= m.end() < s.end or s.start == m.start("num")
                                              for s in statements):
            continue
        found.append(m)
    out = []
    for k, m in enumerate(found):
        nxt = found[k + 1].start() if k + 1 < len(found) else body_end
        end = min(nxt, next((x for x in stops if x > m.start()), body_end))
        section = next((num for h, num in reversed(heads) if h < m.start()), "")
        out.append((m.group("num"), section, m.start("num"), end))
    return out


def _owner(statements, number: str, section: str, start: int) -> int | None:
    """The statement before `start`, in the same section, whose label has this number."""
    best = None
    for i, s in enumerate(statements):
        if s.start >= start:
            break
        tail = re.search(r"(\d+)$", s.label)
        if s.section == section and tail and tail.group(1) == number:
            best = i
    return best
