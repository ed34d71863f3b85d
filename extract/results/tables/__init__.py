"""Flattened tables read as grids: every cell of a results table one result, in English and Chinese.

Stages: zones.py finds the tables on the printed lines (title, body, footnotes); grid.py makes a
table's lines a grid again (header names split by header.py, cells parsed by cells.py); axes.py
decides which dimension holds the columns and what each column and row is (roles.py, from the cue
tables ontology/cues/table_*.tsv); reading.py and values.py make each value cell a result. Tables
whose title names only the baseline or the methods give none. A table as a PDF-to-text export prints it (columns
aligned by spaces, a row's label, cells or header names wrapped onto the next line, a part continued on the next
page after its running head) is made one row a line again: layout.py (the lines of a row), zones.py (the parts).

`read_tables(doc, ctx, make_fact)` gives the outcome facts, built with `make_fact` (a plugin's
`Plugin.fact`); `table_zones(ctx)` every table, found once (the results scope takes them); `owned`
says whether a number is this reader's (the plugin drops the prose readers' facts there);
`unread_zones(ctx)` the tables whose lines make no grid (tables/group_rows.py reads their group rows).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from evkg.core.model import Document, Fact
from evkg.extract.results.tables import axes, delimited, grid, header, marks, reading, roles, zones
from evkg.extract.results.tables import cells as cell_forms
from evkg.extract.text.context import DocContext
from evkg.extract.vocabulary.cues import cue_pattern

__all__ = ["describes_sample", "owned", "read_tables", "table_zones", "unread_zones"]

MakeFact = Callable[..., Fact]


def _zones(ctx: DocContext) -> list[zones.Zone]:
    return ctx.memo("result_table_zones", lambda: zones.zones(ctx.doc))


def table_zones(ctx: DocContext) -> list[zones.Zone]:
    """The document's tables as zones.py finds them, found once per document."""
    return _zones(ctx)


def _doc(ctx: DocContext) -> reading.Doc:
    def build() -> reading.Doc:
        ms = sorted((m.start, m.end, m.code) for m in ctx.mentions_of("endpoint"))
        return reading.Doc(ctx.doc.text, ms, header.doc_words(ctx.doc.text), [m[0] for m in ms],
                           cox=re.search(r"\bcox\b", ctx.doc.text, re.I) is not None,
                           treatments=sorted((m.start, m.end) for m in ctx.mentions_of("drug", "procedure")))
    return ctx.memo("result_table_doc", build)


def _grid(z: zones.Zone, text: str, d: reading.Doc, blanks: bool) -> axes.Table | None:
    """The table of a zone: blank lines read as the document's layout says (empty cells, or layout), then
    the other way when that makes no grid."""
    split = delimited.build(z, text, d.words)
    if split is not None:
        t = axes.table(split, lambda n: n is not None and bool(d.codes(n.start, n.end)),
                       lambda n: reading.is_group(d, n))
        if axes.consistent(t):
            return t
    for mode, ci_span in ((blanks, False), (not blanks, False), (blanks, True)):
        g = grid.build(z, text, d.words, mode, ci_span)
        if g is None:
            continue
        t = axes.table(g, lambda n: n is not None and bool(d.codes(n.start, n.end)), lambda n: reading.is_group(d, n))
        if axes.consistent(t):
            return t
    return None


def _tables(ctx: DocContext) -> list[tuple[zones.Zone, str, list[reading.Pending]]]:
    """Each table with what became of it: `skipped` (baseline, methods), `read` (its results) or `unread`
    (its lines make no grid)."""
    def build():
        doc, d = ctx.doc, _doc(ctx)
        blanks = not zones.blank_separated(zones.lines(doc.text))
        out = []
        for z in (part for whole in _zones(ctx) for part in _sections(whole, d.words)):
            kinds = roles.kinds_of(z.titles)
            if not roles.reads_results(kinds):
                out.append((z, "skipped", []))
                continue
            t = _grid(z, doc.text, d, blanks)
            if t is None:
                out.append((z, "unread", []))
                continue
            if not kinds & roles.RESULT_KINDS and describes_sample(t):
                out.append((z, "skipped", []))
                continue
            _defined_baseline(z, t, doc.text)
            title = grid.Name(z.title[0], z.title[1], doc.text[z.title[0]:z.title[1]])
            found = reading.read(t, d, title, kinds)
            marks.p_of_marks(z, doc.text, found)  # `1.40±0.81*#`, `#P<0.05` in the notes: the p between groups
            out.append((z, "read", found))
        return out
    return ctx.memo("result_tables", build)


def _names(line: zones.Line, sep: str | None, words) -> list[str]:
    if sep is not None:
        return [c.text for c in delimited._cells(line, sep) if c.text]
    if cell_forms.parse_cell(line.text, line.start) is not None:
        return []
    return [line.text[p.start - line.start:p.end - line.start] for p in header.split(line.text, line.start, words)]


def _sized(names: list[str]) -> int:
    return sum(1 for n in names if roles.size_of(n) is not None)


def _sections(z: zones.Zone, words) -> list[zones.Zone]:
    """A table printed in two sections: a second header line half-way down naming other groups (`Adductor block
    (n = 28)  Infiltration (n = 29)  P` under rows of `Femoral block (n = 30)`, `Infiltration (n = 31)`) starts a
    table of its own under the same title, so its rows take its groups. A header line is one of two names or more
    of which two print a group size, as the first header's do, after a line of values."""
    sep = delimited.delimiter(z.body)
    lines = [ln for ln in z.body if not ln.blank]
    if len(lines) < 4 or _sized(_names(lines[0], sep, words)) < 2:
        return [z]
    cut = None
    for i, ln in enumerate(lines[2:], 2):
        got = _names(ln, sep, words)
        if len(got) >= 2 and _sized(got) >= 2 and not any(cell_forms.parse_cell(n, 0) for n in got) and \
                any(cell_forms.parse_cell(x.text, x.start) is not None or (sep and _names(x, sep, words) != [])
                    for x in lines[1:i]):
            cut = ln
            break
    if cut is None:
        return [z]
    at = z.body.index(cut)
    head, rest = z.body[:at], z.body[at:]
    last = max((ln.end for ln in head if not ln.blank), default=z.title[1])
    return [zones.Zone(z.start, last, z.number, z.title, z.titles, head, ()),
            *_sections(zones.Zone(cut.start, z.end, z.number, z.title, z.titles, rest, z.notes), words)]


# An age and a sex among the first row labels: `Age, years` but not a subgroup `Age ≥65` (a comparison of levels).
_SUBGROUP = re.compile(r"[<>≤≥=]|\d")


def describes_sample(t: axes.Table) -> bool:
    """A table of traits at entry whatever its title says: rows of age and of sex, no effect or coefficient
    column (a subgroup table compares levels of age and sex by an effect)."""
    if any(c.kind in ("effect", "coefficient") for c in t.cols):
        return False
    found = set()
    for r in t.rows[:8]:
        label = roles.bare(r.name.text).split(",")[0].strip()
        for trait in ("age", "sex"):
            if not _SUBGROUP.search(label) and cue_pattern("table_words", trait).fullmatch(label):
                found.add(trait)
    return found == {"age", "sex"}


# `BL, baseline`, `T0 = before surgery`: an abbreviation a table's footnote spells out.
_DEFINED = re.compile(r"(?:^|[;.]\s*)([A-Za-z][A-Za-z0-9]{0,7})\s*[,=:]\s*([^;,.=:]{3,40})")


def _defined_baseline(z: zones.Zone, t: axes.Table, text: str) -> None:
    """A column named by an abbreviation its table's footnote spells as a baseline (`BL` with `BL, baseline`) is
    the baseline column, no group. The footnotes are the zone's, its last lines and the three lines after it (a
    footnote written as a sentence ends the zone)."""
    after = text[z.end:].lstrip("\n").split("\n")[:3]
    defs = {m.group(1): m.group(2).strip() for ln in [n.text for n in z.body[-3:] + z.notes] + after
            for m in _DEFINED.finditer(ln.strip())}
    for c in t.cols:
        if c.kind == "arm" and c.arm is c.name and c.name is not None and \
                roles.role_of(defs.get(c.name.text.strip(), "")).role == "baseline":
            c.kind, c.arm = "baseline", None


def unread_zones(ctx: DocContext) -> list[tuple[int, int]]:
    """(start, end) of each table whose lines make no grid."""
    return [(z.start, z.end) for z, status, _ in _tables(ctx) if status == "unread"]


def pending(doc: Document, ctx: DocContext) -> list[reading.Pending]:
    """The results of the document's tables, before they are facts."""
    return [p for _, status, ps in _tables(ctx) if status == "read" for p in ps]


def read_tables(doc: Document, ctx: DocContext, make_fact: MakeFact) -> list[Fact]:
    """One outcome fact per value cell of the document's results tables; its quote is the cell."""
    out = []
    for p in pending(doc, ctx):
        r = p.reading
        details: dict[str, Any] = {k: v for k, v in p.details.items() if v not in ("", None)}
        details["statistic"] = r.statistic
        details["source"] = "own"
        if p.measure:
            details["measure"] = p.measure
        name = p.code or " ".join(p.measure.lower().split())[:120] or "result"
        end = _quote_end(doc.text, p.cell.start, p.cell.end)
        out.append(make_fact(ctx, "outcome", p.cell.start, end, name=name, value=r.value, unit=r.unit,
                             n=r.n, total=r.total, arm=p.arm, timeframe=p.timeframe, details=details))
    return out


def _quote_end(text: str, start: int, end: int) -> int:
    """The end of a cell's quote on its printed line: a cell wrapped onto the next line (`0.48 (0.26 to` / `0.86)`,
    layout.py) is quoted as far as its first line prints it, the columns between never in its quote."""
    cut = text.find("\n", start, end)
    end = end if cut < 0 else cut
    while end > start + 1 and text[end - 1] in " \t\u3000":
        end -= 1
    return end


def owned(ctx: DocContext, start: int, end: int) -> bool:
    """Whether the number printed at [start, end) is the table reader's: inside a table read as a grid or
    given no results (baseline, methods), or on a cell line of any table (`19 (6.6)`, `25.8 ± 4.7`), which
    read as prose gives a count for a percentage or a mean without its arm."""
    text = ctx.doc.text
    at = max(start, end - 1)  # a quote ends with its number; its measure may start in a table's title
    for z, status, _ in _tables(ctx):
        if z.start <= at < z.end:
            if status != "unread":
                return True
            ls, le = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            line = text[ls:le if le >= 0 else len(text)]
            return cell_forms.parse_cell(line, ls) is not None
    return False
