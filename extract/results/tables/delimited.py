"""Tables printed one row a line with their cells separated: by tabs, by `|` (Markdown), or by runs of two
spaces or more (plain text laid out in columns).

A line holds a whole row, so no width need be guessed as grid.py does for tables flattened one cell a
line: the header rows are the lines before the first row with a number in a cell after its label, the
last of them names the columns (with the corner above the labels when it prints one cell more than the
rows' cells, or when the rows print their label under a blank corner), and a header row above it names
spans of columns (`Exercise` over `Baseline` and `6 months`) where its cells stand: tab and `|` cells by
their place, space-aligned cells by their printed column. A line with one cell (`Secondary outcomes`) is a
section over the rows under it. The result is the same Grid the flattened tables make, so axes.py decides
which way the arms run (arms as rows and measures as columns in the Chinese way: `组别  例数  首次排气时间（h）`).
A Chinese table ruled with `｜` or laid out with one fullwidth space between cells keeps its empty cells (`｜治疗后`:
the group printed once above; `t值　　0.140`); one laid out by runs of fullwidth spaces only is read by its printed
columns, as the two-space tables are. A second column naming the group (`Measure  Group  Week 0  Week 4`) makes
each measure a block of group rows: read as the groups over their time points (`group_blocks`).
"""
from __future__ import annotations

import re
from collections import Counter

from evkg.extract.results.tables import layout, roles
from evkg.extract.results.tables.cells import CellValue, parse_cell
from evkg.extract.results.tables.grid import Entry, Grid, Name
from evkg.extract.results.tables.zones import Line, Zone
from evkg.extract.vocabulary.cues import cue_pattern

TAB, PIPE, SPACES, SINGLE, WIDE = "\t", "|", "  ", " ", "\u3000"
_SPLIT = {TAB: re.compile(r"\t"), PIPE: re.compile(r"[|\uff5c]"), WIDE: re.compile("\u3000"),
          SPACES: re.compile(r"[ \u3000\u00a0]{2,}|\t"),
          SINGLE: re.compile(r"[ \u3000\u00a0]+")}
_HAN = re.compile(r"[\u3400-\u9fff]")
_RULE = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")  # `|---|:--:|`
_MIN_ROWS = 2  # lines split into two cells or more before a table counts as delimited
# One fullwidth space between two cells (runs of them then are empty cells). A line whose cells are never one
# fullwidth space apart (`恶心　　　　12（33.3）　　　　2（5.6）`) is laid out in columns, read as two-space
# tables are; the lines decide by majority, and a table with no single gap at all is read by columns.
_WIDE_GAP = re.compile("[^\\s\u3000]\u3000[^\\s\u3000]")


def _cells(line: Line, sep: str, framed: bool = True) -> list[Name]:
    """The cells of a line, blank ones kept (an empty tab cell keeps its column's place), with offsets. A bar
    opening or closing the line frames it (Markdown) when every line of the table is `framed`; else it opens or
    closes an empty cell (`｜治疗后｜2.84±0.96`: the group's name printed once above)."""
    text = line.text
    if sep == PIPE and framed:
        text = re.sub(r"^(\s*)[|\uff5c]", lambda m: m.group(1) + " ", text)
        text = re.sub(r"[|\uff5c](\s*)$", lambda m: " " + m.group(1), text)
    out, pos = [], 0
    for m in [*_SPLIT[sep].finditer(text), None]:
        end = m.start() if m else len(text)
        raw = text[pos:end]
        s = pos + len(raw) - len(raw.lstrip())
        out.append(Name(line.start + s, line.start + s + len(raw.strip()), raw.strip()))
        pos = m.end() if m else pos
    if sep == SPACES:
        out = [c for c in out if c.text] or out
    if sep == SINGLE:  # a blank before the first cell keeps the corner's place; no other blank is printed
        out = [c for k, c in enumerate(out) if c.text or k == 0]
        out = out[:-1] if len(out) > 1 and not out[-1].text else out
        out = _units_joined(out)
    return out


def _units_joined(cells: list[Name]) -> list[Name]:
    """Single-spaced cells with the unit a Chinese name's number prints apart joined back (`术后6 h` is one
    header cell, not `术后6` and `h`)."""
    out: list[Name] = []
    for c in cells:
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"[A-Za-z]{1,3}", c.text) and re.search(r"[\u3400-\u9fff][^\s]*\d\Z",
                                                                                      prev.text):
            out[-1] = Name(prev.start, c.end, f"{prev.text} {c.text}")
            continue
        out.append(c)
    return out


def _bars(text: str) -> int:
    """The `|` (Markdown) or fullwidth `｜` (a Chinese table's rule) in a line."""
    return text.count("|") + text.count("\uff5c")


def delimiter(body: tuple[Line, ...]) -> str | None:
    """How the rows of a table body separate their cells, or None when they print one cell a line."""
    counts: Counter = Counter()
    for line in body:
        if line.blank:
            continue
        if "\t" in line.text.strip():
            counts[TAB] += 1
        elif _bars(line.text) >= 2:
            counts[PIPE] += 1
        elif _WIDE_GAP.search(line.text.strip()):
            counts[WIDE] += 1  # each fullwidth space a cell's edge, two in a row an empty cell (`t值　　0.140`)
        elif len(_cells(line, SPACES)) >= 2:
            counts[SPACES] += 1
    if counts and counts.most_common(1)[0][1] >= _MIN_ROWS:
        sep = counts.most_common(1)[0][0]
        # cells two fullwidth spaces apart in every line (`TC　　TG`), never one: a run of them is one gap (R20)
        if sep == WIDE and not any(_WIDE_GAP.search(ln.text.strip()) for ln in body if not ln.blank):
            return SPACES
        return sep
    return SINGLE if _single_spaced(body) else None


def _single_spaced(body: tuple[Line, ...]) -> bool:
    """A Chinese table whose cells one space apart (`对照组 46 17（36.96） 19（41.30）`, a CNKI export, or one
    fullwidth space): rows of one width, two or more of them with values, and Chinese in the header."""
    rows = [_cells(ln, SINGLE) for ln in body if not ln.blank]
    data = Counter(len(r) for r in rows if len(r) >= 3 and _is_row(r))
    return bool(data) and data.most_common(1)[0][1] >= _MIN_ROWS and any(_HAN.search(ln.text) for ln in body[:3])


def _is_row(cells: list[Name]) -> bool:
    """A data row: a label, then at least one cell that prints a number and none in words (a header line
    `Outcome  Baseline  12 months  P` has a time point that reads as a number beside names)."""
    rest = cells[1:]
    return len(cells) >= 2 and any(_value(c) for c in rest) and \
        not any(c.text and parse_cell(c.text, c.start) is None and not _time_cell(c) for c in rest)


def _time_cell(c: Name) -> bool:
    """A Chinese cell naming a time point (`治疗前`, `治疗后`): the time of its row, under a group printed once above
    (an English header line, `Outcome  Baseline  12 months`, stays no row)."""
    return bool(_HAN.search(c.text)) and roles.role_of(c.text).role in ("time", "baseline")


def _value(c: Name) -> bool:
    v = parse_cell(c.text, c.start) if c.text else None
    return v is not None and not v.empty


def build(zone: Zone, doc_text: str, words: Counter) -> Grid | None:
    """The grid of a table whose rows are delimited lines, or None when its body is not one."""
    sep = delimiter(zone.body)
    if sep is None:
        return None
    lines = [ln for ln in zone.body if not ln.blank and not (sep == PIPE and _RULE.fullmatch(ln.text))]
    framed = all(ln.text.strip()[:1] in "|\uff5c" for ln in lines)
    rows = [_cells(ln, sep, framed) for ln in lines]
    if sep == SPACES:
        rows = layout.joined(rows, doc_text)  # a row printed over two lines or more is one (PDF text)
    blocks = group_blocks(rows, sep == SPACES, doc_text)
    if blocks is not None:
        return blocks
    first = next((i for i, r in enumerate(rows) if _is_row(r)), None)
    if first is None or first == 0:
        return None
    head = _merge_sizes([r for r in rows[:first] if len(r) >= 2 or _sizes(r)], sep, doc_text)
    if not head:
        return None
    if sep in (TAB, PIPE, WIDE):
        head = _dropped_down(head)
    widths = Counter(len(r) for r in rows[first:] if _is_row(r))
    width = widths.most_common(1)[0][0]
    leaves_row = head[-1]
    corner: Name | None = None
    if len(leaves_row) == width:
        corner = leaves_row[0] if leaves_row[0].text else None
        leaves = leaves_row[1:]
    elif len(leaves_row) == width - 1:
        leaves = leaves_row
    else:
        return None
    if not leaves or any(not n.text for n in leaves):
        return None
    k = len(leaves)
    parents: list[list[Name]] = [[] for _ in range(k)]
    for upper in reversed(head[:-1]):
        if sep != SPACES and len(leaves_row) == width:
            upper = upper[1:]  # the cell above the corner names no column
        for j, p in enumerate(_spans(upper, leaves, sep, doc_text)):
            if p is not None:
                parents[j].insert(0, p)
    if sep == SPACES and _in_columns(rows[first:], leaves, doc_text):
        rows = [_aligned(r, leaves, doc_text) for r in rows]
    elif sep == SPACES:
        rows = rows[:first] + [_in_order(r, k) for r in rows[first:]]
    lead = first
    while sep != SINGLE and lead > 1 and sum(1 for c in rows[lead - 1] if c.text) == 1 and rows[lead - 1][0].text:
        lead -= 1  # a group's name on its own line over the first rows (`Ginger (n = 40)` over `Week 0`, `Week 4`)
    body_rows = [r for r in rows[lead:] if sep != SINGLE or _is_row(r)]  # one-space lines: a heading after is no row
    timed = _time_rows(body_rows, k, {j for j, n in enumerate(leaves) if roles.role_of(n.text).role == "size"})
    groups: dict[int, Name] = {}
    if timed is not None:
        body_rows, groups, j = timed
        leaves, parents, k = leaves[:j] + leaves[j + 1:], parents[:j] + parents[j + 1:], k - 1
    entries = _entries(body_rows, k, right=sep == SINGLE)
    if not entries:
        return None
    for e in entries:
        if e.name.start in groups:
            e.parents = [*e.parents, groups[e.name.start]]
    return Grid(leaves, parents, entries, corner)


def _time_rows(rows: list[list[Name]], k: int, sizes: set[int] = frozenset()) -> \
        tuple[list[list[Name]], dict[int, Name], int] | None:
    """Rows that are a group then its time points (`对照组  43  治疗前  5.12±1.08 …` with `治疗后  3.24±0.96 …` under
    it, the group printed once): the column of time points becomes the rows' names, each under its group, and a
    row under its group takes the group's size from the size columns (`sizes`, by column) its group's row prints.
    Returns the rows so named, the group of each row (by the offset of its name) and the column taken out."""
    data = [r for r in rows if len(r) == k + 1 and any(_value(c) for c in r[1:]) and not _statistic(r[0])]
    if len(data) < 2 or not data[0][0].text:
        return None
    # a row under its group prints its time point where the group's name stands (`治疗后` laid left of the column)
    at = [j for j in range(k) if any(_time_cell(r[j + 1]) for r in data)
          and all(_time_cell(r[j + 1]) or (not r[j + 1].text and _time_cell(r[0])) for r in data)]
    if len(at) != 1:
        return None
    j = at[0]
    out, groups, group, head = [], {}, None, None
    for r in rows:
        if r not in data:  # a statistic row leaves the column of time points blank
            out.append(r[:j + 1] + r[j + 2:] if len(r) == k + 1 and not r[j + 1].text else r)
            continue
        if _time_cell(r[j + 1]):
            group, t = (r[0] if r[0].text else group), r[j + 1]
            head = r if r[0].text else head
        else:
            t = r[0]
        if group is None:
            return None
        if head is not None and r is not head:
            r = [head[q] if q - 1 in sizes and not c.text else c for q, c in enumerate(r)]
        groups[t.start] = group
        out.append([t] + r[1:j + 1] + r[j + 2:])
    return out, groups, j


def _statistic(label: Name) -> bool:
    """A row of test statistics or p-values under the groups (`t值`, `P值`): no group's row."""
    return roles.statistic_row(label.text) or roles.role_of(label.text, row=True).role == "p"


def _dropped_down(head: list[list[Name]]) -> list[list[Name]]:
    """A header cell printed in the upper row over a blank in the last (`例数` beside `SAS` over `干预前 干预后`)
    names its column from the upper row: it moves down, and no upper cell spans into that column."""
    leaves, uppers = list(head[-1]), [list(r) for r in head[:-1]]
    for j, c in enumerate(leaves):
        if c.text:
            continue
        for up in reversed(uppers):
            if j < len(up) and up[j].text and not (j + 1 < len(up) and not up[j + 1].text and
                                                   j + 1 < len(leaves) and leaves[j + 1].text):
                leaves[j], up[j] = up[j], Name(0, 0, "")
                break
    return uppers + [leaves]


_SIZE_CELL = re.compile(r"[(\[（]?\s*[nN]\s*=\s*\d+\s*[)\]）]?")


def _sizes(row: list[Name]) -> bool:
    named = [c for c in row if c.text]
    return bool(named) and all(_SIZE_CELL.fullmatch(c.text) for c in named)


def _merge_sizes(head: list[list[Name]], sep: str, doc_text: str) -> list[list[Name]]:
    """A header row of group sizes only (`(n = 64)` under `Home programme`) joined to the names above it."""
    out: list[list[Name]] = []
    for row in head:
        if not (out and _sizes(row)):
            out.append(row)
            continue
        above = list(out[-1])
        for c in (c for c in row if c.text):
            if sep == SPACES:
                j = _nearest(above, c, doc_text)
            else:
                j = row.index(c) if len(row) == len(above) else len(above) - len(row) + row.index(c)
            if j is not None and 0 <= j < len(above) and above[j].text:
                a = above[j]
                above[j] = Name(a.start, a.end, f"{a.text} {c.text}")
        out[-1] = above
    return out


def _nearest(names: list[Name], cell: Name, doc_text: str) -> int | None:
    """The index of the name whose printed column overlaps the cell's most (the nearest one when none does)."""
    cs = layout.column(doc_text, cell.start)
    ce = cs + len(cell.text)
    best, score = None, None
    for j, n in enumerate(names):
        if not n.text:
            continue
        ns = layout.column(doc_text, n.start)
        ne = next((layout.column(doc_text, m.start) for m in names[j + 1:] if m.text), 10 ** 6)
        overlap = min(ce, ne) - max(cs, ns)
        key = overlap if overlap > 0 else -min(abs(cs - ns), abs(ce - ns - len(n.text)))
        if score is None or key > score:
            best, score = j, key
    return best


def _aligned(row: list[Name], leaves: list[Name], doc_text: str) -> list[Name]:
    """A row of a space-laid table as a label and one cell per column, placed where they are printed (a row
    of test statistics that leaves the first columns blank keeps its cells under their columns)."""
    if not row:
        return row
    first = layout.column(doc_text, leaves[0].start)
    label = row[0] if layout.column(doc_text, row[0].start) < first - 1 or not _value(row[0]) else Name(0, 0, "")
    out = [label] + [Name(0, 0, "")] * len(leaves)
    for c in row[1:] if label.text else row:
        j = _nearest(leaves, c, doc_text)
        if j is not None and not out[j + 1].text:
            out[j + 1] = c
    return out


def _in_columns(rows: list[list[Name]], leaves: list[Name], doc_text: str) -> bool:
    """Whether a space-separated table is laid out in columns: each row printing a cell for every column has them
    placed, by printed column, one under each. Cells set apart by two fullwidth spaces (`TC　　TG` over
    `4.21±0.62　　1.58±0.41`) stand where their lengths put them, under no column."""
    full = [r for r in rows if len(r) == len(leaves) + 1 and _is_row(r)]
    return all(sum(bool(c.text) for c in _aligned(r, leaves, doc_text)) == len(r) for r in full)


def _in_order(row: list[Name], k: int) -> list[Name]:
    """A row of a table not laid in columns: its label and its cells in order; a row printing fewer (`治疗后` and its
    values under a group's row, `t值` and its statistics) leaves out the first columns (the group's size)."""
    if len(row) >= k + 1 or not row:
        return row
    return [row[0]] + [Name(0, 0, "")] * (k + 1 - len(row)) + row[1:]


def _spans(upper: list[Name], leaves: list[Name], sep: str, doc_text: str) -> list[Name | None]:
    """The name of an upper header row above each column: the nearest named cell at or before the column."""
    k = len(leaves)
    out: list[Name | None] = [None] * k
    named = [c for c in upper if c.text]
    if sep in (SINGLE, WIDE) and named and k % len(named) == 0:  # `联合组 单药组` over `1～2级 3～4级 1～2级 3～4级`
        return [named[j // (k // len(named))] for j in range(k)]
    if sep in (TAB, PIPE, SINGLE, WIDE):
        cells = upper[:k] + [Name(0, 0, "")] * (k - len(upper))
        last = None
        for j, c in enumerate(cells):
            last = c if c.text else last
            out[j] = last
        return out
    col = [layout.column(doc_text, n.start) for n in leaves]
    for c in upper:
        if not c.text:
            continue
        at = layout.column(doc_text, c.start)
        j = max((i for i, x in enumerate(col) if x <= at + 1), default=None)
        if j is None:
            continue
        span_end = next((layout.column(doc_text, d.start) for d in upper
                         if layout.column(doc_text, d.start) > at), 10 ** 6)
        for i in range(j, k):
            if col[i] < span_end:
                out[i] = c
    return out


def _entries(rows: list[list[Name]], k: int, right: bool = False) -> list[Entry]:
    out: list[Entry] = []
    section: Name | None = None
    deeper = False  # rows under the section stood further in than it (layout.py gives printed columns)
    for r in rows:
        named = [c for c in r if c.text]
        if len(named) == 1 and named[0] is r[0]:
            section, deeper = r[0], False  # a line with only a label heads the rows under it
            continue
        if section is not None and section.indent and r[0].indent:
            if deeper and r[0].indent <= section.indent:
                section = None  # a row as far out as the group row after its indented rows: the group is over
            deeper = deeper or r[0].indent > section.indent if section is not None else False
        cells: list[CellValue | None] = [parse_cell(c.text, c.start) if c.text else None for c in r[1:]]
        if len(cells) < k and r[0].text and right:
            cells = [None] * (k - len(cells)) + cells  # `χ²值 4.390` under one-space columns: the last column's
        elif len(cells) < k and r[0].text:
            cells += [None] * (k - len(cells))  # trailing blank cells dropped by the layout
        if len(cells) != k or not r[0].text:
            continue
        out.append(Entry(r[0], cells, [section] if section is not None else []))
    return out


_STAT_ROLES = ("effect", "p", "ci", "ci_low", "ci_high", "skip", "coefficient")


def _group_head(c: Name) -> bool:
    return bool(c.text) and cue_pattern("table_words", "group_column").fullmatch(roles.bare(c.text)) is not None


def group_blocks(rows: list[list[Name]], spaced: bool, doc_text: str) -> Grid | None:
    """A table whose second column names the group (`Measure  Group  Week 0  Week 4  Difference (95% CI)  P`),
    each measure a block of rows, one per group, its name printed on the first: the same grid as groups over
    their time points (`Ginger` over `Week 0  Week 4`), the block's statistic cells (printed once) the row's.
    None when the table is not so laid out or its blocks do not name the same groups in the same order."""
    h = next((i for i, r in enumerate(rows) if len(r) >= 3 and _group_head(r[1])), None)
    if h is None:
        return None
    head = rows[h]
    m = next((q for q, c in enumerate(head[2:]) if roles.role_of(c.text).role in _STAT_ROLES), len(head) - 2)
    if m == 0:
        return None
    body = [_placed(r, head, doc_text) if spaced else r for r in rows[h + 1:]]
    blocks, sections = _blocks_of(body, len(head))
    if not blocks:
        return None
    groups = [g for g, _ in blocks[0][1]]
    names = [roles.bare(g.text) for g in groups]
    if len(groups) < 2 or any([roles.bare(g.text) for g, _ in b[1]] != names for b in blocks):
        return None
    if all(r[q].text for _, members in blocks for _, r in members for q in range(2 + m, len(head))):
        m = len(head) - 2  # every group's row prints its own statistics (`t值  P值`): each group's, beside its cells
    shared = head[2 + m:]
    leaves = [c for _ in groups for c in head[2:2 + m]] + shared
    parents = [[g] for g in groups for _ in range(m)] + [[] for _ in shared]
    entries = []
    for (measure, members), section in zip(blocks, sections):
        cells = [_parsed(r[2 + q]) for _, r in members for q in range(m)]
        for s in range(len(shared)):  # printed once in the block: the block's; on every group's row: no one's
            found = [r[2 + m + s] for _, r in members if r[2 + m + s].text]
            cells.append(_parsed(found[0]) if len(found) == 1 else None)
        entries.append(Entry(measure, cells, [section] if section is not None else []))
    return Grid(leaves, parents, entries, head[0] if head[0].text else None)


def _parsed(c: Name) -> CellValue | None:
    return parse_cell(c.text, c.start) if c.text else None


def _placed(row: list[Name], head: list[Name], doc_text: str) -> list[Name]:
    """A space-laid row as one cell per header cell, each where it is printed (a group's second row leaves its
    measure blank)."""
    out = [Name(0, 0, "")] * len(head)
    for c in row:
        j = _nearest(head, c, doc_text)
        if j is not None and not out[j].text:
            out[j] = c
    return out


def _blocks_of(body: list[list[Name]], width: int):
    """The measure blocks of a group-column table: (measure, [(group, row)]) each, with the section over it."""
    blocks: list = []
    sections: list[Name | None] = []
    section = None
    for r in body:
        r = r + [Name(0, 0, "")] * (width - len(r))
        named = [c for c in r if c.text]
        if len(named) == 1 and named[0] is r[0]:
            section = r[0]
            continue
        if len(r) != width or not r[1].text or _value(r[1]):
            return [], []
        if _statistic(r[1]):
            continue
        if r[0].text:
            blocks.append((r[0], []))
            sections.append(section)
        elif not blocks:
            return [], []
        blocks[-1][1].append((r[1], r))
    return blocks, sections
