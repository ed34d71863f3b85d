"""Guideline and consensus statements: where each one lies, its label, and its grade when it has one.

A graded statement runs from its start (a label such as `共识 4` / `Recommendation 2`,
a bullet, a table row, or the start of its paragraph) to the end of its grade,
across PDF-wrapped lines. Labelled statements without a grade are kept too:
they bound the supporting text of the statement before them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from core.fold import Folded, fold
from extract.grade_notation import GRADE_FORMS, normalise_level, normalise_strength
from extract.grading import named_by_notation, system_from_notation, system_mentions
from extract.lexicon import Lexicon
from core.model import Document

if TYPE_CHECKING:
    from extract.context import DocContext

_LABEL_WORDS = (r"(?:专家共识|共识意见|共识|推荐意见|推荐|建议|意见|条目|声明"
                r"|consensus statement|recommendation|statement|rec\.)")
_EXPLICIT_LABEL = re.compile(
    rf"[\s\-•·*#]*(?P<label>{_LABEL_WORDS}[ \t\u3000]*(?:\d+(?:\.\d+)*|[一二三四五六七八九十]+|[IVX]+\b))"
    r"(?=[\s\u3000:：.．、)）]|$)", re.I)
_NUMBER_LABEL = re.compile(r"[\s\-•·*#]*(?:(?P<label>\d{1,3}(?:\.\d{1,3})*)(?:[.．、)）]\s*|\s+)|[(（](?P<paren>\d{1,3})[)）]\s*)"
                           r"(?=\D)")
# A heading: a section number (`3.1.4`, `II.A`, `2`) and a short title without a full stop.
_HEADING = re.compile(r"^[ \t#*]*(?P<num>(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}(?:\.[A-Z0-9]{1,2})*))\.?[ \t\u3000]+"
                      r"(?P<title>[^\n]{1,80}?)[ \t*]*$", re.M)
# Table headers of class-of-recommendation / level-of-evidence tables.
_COR_HEADER = re.compile(r"^(?:cor|class(?: of recommendation)?|推荐(?:强度|级别|等级))$")
_LOE_HEADER = re.compile(r"^(?:loe|level(?: of evidence)?|证据(?:等级|级别|质量|水平))$")
_TABLE_SEPARATOR = re.compile(r"^[\s|:\-]+$")
# A system named near these words is the one the document grades with.
_GRADING_CUE = re.compile(r"分级|证据|推荐|级别|grading|graded|grade|evidence|recommendation|levels?\b", re.I)
_CUE_WINDOW = 120
_BLANK_LINE = re.compile(r"[ \t]*\n[ \t\u3000]*\n")
_MIN_STATEMENT = 8


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    label: str = ""          # as printed (`共识 4`, `1`), "" when unlabeled
    name: str = ""           # the label, qualified by its section where numbering restarts
    level: str = ""
    strength: str = ""
    level_printed: str = ""
    strength_printed: str = ""
    form: str = ""           # the grade notation (grade_notation.GRADE_FORMS names, `cor_loe`)
    system: str = ""
    section: str = ""        # number of the section heading it sits under

    @property
    def graded(self) -> bool:
        return bool(self.level or self.strength)


def find_statements(ctx: DocContext) -> tuple[Statement, ...]:
    """All statements of the document body (before the reference list), in text order."""
    return ctx.memo("statements", lambda: _find_statements(ctx))


def _find_statements(ctx: DocContext) -> tuple[Statement, ...]:
    doc, lexicon = ctx.doc, ctx.lexicon
    refs = doc.section("references")
    body_end = refs.start if refs else len(doc.text)
    folded = ctx.folded
    found = _graded(doc, folded, body_end) + _table_rows(doc.text, body_end)
    found = _without_overlaps(found)
    found = _without_overlaps(found + _ungraded(doc.text, folded, body_end, found))
    found = [replace(s, section=n) for s, n in zip(found, _section_numbers(doc.text, found))]
    found = _named(found)
    return tuple(_with_systems(doc, lexicon, folded, found, body_end))


def _graded(doc: Document, folded: Folded, body_end: int) -> list[Statement]:
    text, key = doc.text, folded.key
    key_end = bisect_left(folded.origin, body_end)
    hits = []
    for form, rx in GRADE_FORMS:
        hits.extend((m, form) for m in rx.finditer(key, 0, key_end))
    hits.sort(key=lambda h: (h[0].start(), -h[0].end()))
    out, last_kend = [], -1
    for m, form in hits:
        if m.start() < last_kend:
            continue
        line_start = key.rfind("\n", 0, m.start()) + 1
        if line_start and not key[line_start:m.start()].strip():
            # A grade on a line of its own grades the statement on the line above.
            line_start = key.rfind("\n", 0, line_start - 1) + 1
        kstart = max(line_start, last_kend)  # after an earlier grade on the same line
        last_kend = m.end()
        grade_start = folded.span(m.start(), m.end())[0]
        start = _statement_start(doc, folded.origin[kstart] if kstart < m.start() else grade_start, grade_start)
        end = folded.span(m.start(), m.end())[1]
        level_printed = text[slice(*folded.span(*m.span("level")))]
        strength_printed = text[slice(*folded.span(*m.span("strength")))]
        label = _label(text, start)
        out.append(Statement(start, end, label=label, level=normalise_level(level_printed),
                             strength=normalise_strength(strength_printed), level_printed=level_printed,
                             strength_printed=strength_printed, form=form))
    return out


def _statement_start(doc: Document, start: int, grade_start: int) -> int:
    """Skip separators and any heading that a wrapped paragraph joined to the statement."""
    text = doc.text
    for s in doc.sections:
        if start <= s.start < grade_start:
            nl = text.find("\n", s.start, grade_start)
            if nl >= 0:
                start = nl + 1
    while start < grade_start and (text[start].isspace() or text[start] in ".。;；,，)）"):
        start += 1
    # `1. Patient selection` and a blank line above the statement: a heading the reader did not
    # take as a section, not the statement's label.
    h = _HEADING.match(text, start)
    if h and h.end() < grade_start and not _EXPLICIT_LABEL.match(text, start) \
            and h.group("title").strip()[-1:] not in ".。;；,，" and _BLANK_LINE.match(text, h.end()):
        start = _statement_start(doc, h.end(), grade_start)
    return start


def _label(text: str, start: int) -> str:
    """The statement's label as printed (whitespace runs as one space), or ""."""
    m = _EXPLICIT_LABEL.match(text, start) or _NUMBER_LABEL.match(text, start)
    if not m:
        return ""
    return re.sub(r"\s+", " ", m.group("label") or m.group("paren"))


def _ungraded(text: str, folded: Folded, body_end: int, graded: list[Statement]) -> list[Statement]:
    """Paragraphs that open with a statement label (`共识 1`, `Recommendation 3:`) but carry no grade."""
    out = []
    for line in re.finditer(r"^[^\n]*", text[:body_end], re.M):
        m = _EXPLICIT_LABEL.match(line.group(0))
        if not m or len(line.group(0).strip()) - len(m.group(0).strip()) < _MIN_STATEMENT:
            continue
        start = line.start() + m.start("label")
        if any(g.start <= start < g.end for g in graded):
            continue
        kstart = bisect_left(folded.origin, start)
        kend = folded.key.find("\n", kstart)
        end = folded.span(kstart, kend if kend >= 0 else len(folded.key))[1]
        out.append(Statement(start, min(end, body_end), label=re.sub(r"\s+", " ", m.group("label"))))
    return out


def _table_rows(text: str, body_end: int) -> list[Statement]:
    """Rows of `COR | LOE | Recommendation` tables; a row without grades continues the one above."""
    out = []
    columns = None
    for line in re.finditer(r"^[^\n]*", text[:body_end], re.M):
        cells = _cells(line.group(0), line.start())
        if len(cells) < 3:
            columns = None
            continue
        heads = [fold(c[2]).strip() for c in cells]
        cor = next((i for i, h in enumerate(heads) if _COR_HEADER.match(h)), None)
        loe = next((i for i, h in enumerate(heads) if _LOE_HEADER.match(h)), None)
        if cor is not None and loe is not None:
            columns = (cor, loe, next(i for i in range(len(cells)) if i not in (cor, loe)))
            continue
        if columns is None or _TABLE_SEPARATOR.match(line.group(0)) or len(cells) <= max(columns):
            continue
        cor_cell, loe_cell, text_cell = (cells[i] for i in columns)
        row_start, row_end = cells[0][0], cells[-1][1]
        if not cor_cell[2].strip() and not loe_cell[2].strip():
            if out and out[-1].form == "cor_loe":
                out[-1] = replace(out[-1], end=row_end)
            continue
        out.append(Statement(row_start, row_end, label=_label(text, text_cell[0]),
                             level=normalise_level(loe_cell[2]), strength=normalise_strength(cor_cell[2]),
                             level_printed=loe_cell[2].strip(), strength_printed=cor_cell[2].strip(),
                             form="cor_loe"))
    return out


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the non-blank-trimmed cells of a `|` table line; [] for other lines."""
    if line.count("|") < 2:
        return []
    cells, pos = [], 0
    for part in line.split("|"):
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        cells.append((offset + pos + lead, offset + pos + lead + len(body), body))
        pos += len(part) + 1
    if line.strip().startswith("|"):
        cells = cells[1:]
    if line.strip().endswith("|"):
        cells = cells[:-1]
    return cells


def _without_overlaps(found: list[Statement]) -> list[Statement]:
    out = []
    for s in sorted(found, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def _section_numbers(text: str, statements: list[Statement]) -> list[str]:
    """For each statement, the number of the nearest heading above it that is not itself a
    statement. One scan of the text for all statements (a scan per statement was quadratic)."""
    line_start = [text.rfind("\n", 0, s.start) + 1 for s in statements]
    starts = set(line_start)
    heads = [(m.start(), m.group("num")) for m in _HEADING.finditer(text)
             if m.start() not in starts and (t := m.group("title").strip())[-1:] not in ".。;；,，" and len(t) >= 2]
    positions = [h[0] for h in heads]
    return [heads[i - 1][1] if (i := bisect_left(positions, ls)) else "" for ls in line_start]


def _named(found: list[Statement]) -> list[Statement]:
    """Names: the label; qualified by the section where labels repeat; unlabeled ones by position."""
    counts: dict[str, int] = {}
    for s in found:
        if s.label:
            k = fold(s.label).replace(" ", "")
            counts[k] = counts.get(k, 0) + 1
    restarts = any(c > 1 for c in counts.values())  # numbering restarts: every label needs its section
    position: dict[str, int] = {}
    out = []
    for s in found:
        if s.label:
            name = f"{s.section} {s.label}" if restarts and s.section else s.label
        else:
            position[s.section] = position.get(s.section, 0) + 1
            name = f"{s.section} {position[s.section]}".strip()
        out.append(replace(s, name=name))
    return out


def _with_systems(doc: Document, lexicon: Lexicon, folded: Folded, found: list[Statement],
                  body_end: int) -> list[Statement]:
    """A system named in the statement, else the one the document declares nearest before it
    (or first), else the one its notation implies."""
    text = doc.text
    synonyms = {e.code: e.synonyms for e in lexicon.entries if e.kind == "system"}
    mentions = system_mentions(text, lexicon.find(text, folded, ("system",)), synonyms)
    mentions = [m for m in mentions if m.end <= body_end]
    declared = [m for m in mentions if _GRADING_CUE.search(text, max(0, m.start - _CUE_WINDOW),
                                                           min(body_end, m.end + _CUE_WINDOW))]
    out = []
    for s in found:
        if not s.graded:
            out.append(s)
            continue
        inside = [m for m in mentions if s.start <= m.start < s.end]
        before = [m for m in declared if m.end <= s.start]
        pick = inside[0] if inside else before[-1] if before else declared[0] if declared else None
        # A notation that names its system outranks a system the document declares for other grades.
        named = "" if inside else named_by_notation(s.form)
        system = named or (pick.code if pick else system_from_notation(s.level, s.strength, s.form))
        out.append(replace(s, system=system))
    return out
