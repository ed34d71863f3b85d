"""The two dimensions of a grid as rows and columns, and what each column and row is.

grid.py leaves open which dimension is which; the one whose names are more often header names
(ontology/cues/table_headers.tsv: `P`, `HR (95% CI)`, `例（%）`, `任何级别`, `Day 7`, or a group with
its size `SB2 (n = 290)`) holds the columns. A column is one of:

- `arm`: a group (`Drug A`, `FM+DTIC (N=62), n(%)`; under a descriptor such as `Number of events`
  the group is the name above it);
- `value` (`例（%）`, `n (%)`), `total`, `grade` (`任何级别`, `3~4级`, `0`…`4` under an arm), `time`
  (`Day 7`): cells of the row's measure, with no arm (a grade under an arm keeps the arm);
- `measure` (`mOS/月`): its cells are the measure, and the rows are groups (`年龄 <50`);
- `effect` (`HR (95% CI)`, `Exp(B)`) and `coefficient` (`B`): between-group estimates, no arm;
- `p`, `ci_low` / `ci_high` (`下部`, `上部`), `size` (`例数`): attributes of the row's results;
- `baseline`, `skip` (`SE`, `Wald`, `df`): no results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.extract.results.tables import roles
from evkg.extract.results.tables.cells import CellValue
from evkg.extract.results.tables.grid import Grid, Name
from evkg.extract.vocabulary.cues import cue_pattern

_DESCRIPTORS = ("count", "percent", "mean", "median")
_VALUE_KINDS = ("arm", "value", "total", "grade", "time", "measure", "effect", "coefficient")


@dataclass
class Col:
    name: Name | None
    parents: list[Name]
    kind: str
    detail: str = ""          # the effect of an `effect` column, the grade of a `grade` column
    arm: Name | None = None   # the group an `arm` column (or a grade under an arm) is for
    qualifier: Name | None = None  # a sub-column under the group (`Delta` under `Cell group`): part of the measure
    time: Name | None = None  # the time point a column stands under (`Week 6` over `Music`, `Standard care`)


@dataclass
class Row:
    name: Name
    parents: list[Name]
    kind: str                 # "" (a measure or a group), size, baseline, ci_row, p, effect
    detail: str = ""          # the effect of an `effect` row (`Difference vs placebo`)


@dataclass
class Table:
    rows: list[Row]
    cols: list[Col]
    cells: list[list[CellValue | None]]   # [row][col]
    column_major: bool
    groups: list[int]                     # per row: its parent group (factor levels), or []


# Roles only a column has: a row may be a CI row, a baseline row, a total, a mean (`Median, months`) or the
# groups' sizes (`n`); `例数` among column names is told by the others (`P`, `mOS/月`).
_COLUMN_ROLES = {"p", "effect", "coefficient", "ci_low", "ci_high", "skip", "grade", "percent", "count", "time"}


def _header_like(text: str, row: bool = False) -> bool:
    role = roles.role_of(text).role
    if row:
        return role in _COLUMN_ROLES or roles.size_of(text) is not None
    return bool(role) or roles.size_of(text) is not None or roles.time_statistic(text) is not None


def table(g: Grid, has_endpoint, is_group=lambda n: False) -> Table:
    """Rows and columns of a grid. `has_endpoint(name)` tells whether a name names an endpoint, `is_group(name)`
    whether a row label names a group."""
    a_score = sum(_header_like(n.text) for n in g.a) / max(len(g.a), 1)
    b_score = sum(_header_like(e.name.text, row=True) for e in g.entries) / max(len(g.entries), 1)
    if g.grouped:
        b_score = 0.0  # groups over repeated sub-columns are column headers
    column_major = b_score > a_score
    if column_major:
        rows = [Row(n, list(ps), "") for n, ps in zip(g.a, g.a_parents)]
        cols_src = [(e.name, e.parents) for e in g.entries]
        cells = [[(e.cells[g.a_groups[i]] if e.per_parent else e.cells[i]) if _fits(e, i, g) else None
                  for e in g.entries] for i in range(len(g.a))]
        groups = g.a_groups
    else:
        rows = [Row(e.name, e.parents, "") for e in g.entries if not e.per_parent]
        cols_src = list(zip(g.a, g.a_parents))
        cells = [list(e.cells) for e in g.entries if not e.per_parent]
        groups = []
    cols = [_col(n, ps, g.grouped and not column_major, is_group) for n, ps in cols_src]
    if not any(c.kind in ("effect", "skip", "p") for c in cols):
        for c in cols:  # a column `B` beside no SE, Wald or Exp(B) is group B, no coefficient
            if c.kind == "coefficient":
                c.kind, c.arm = "arm", c.name
    _conditions_under_sets(cols)
    for j, c in enumerate(cols):
        if c.kind in ("arm", "value") and _p_cells([r[j] for r in cells if j < len(r)]):
            c.kind = "p"  # `0.013`, `<0.001` under a header read wrong: the P column
    for j in range(len(cols) - 1):  # one CI name over two columns: its bounds
        if cols[j].kind == cols[j + 1].kind == "ci" and cols[j].name == cols[j + 1].name:
            cols[j].kind, cols[j + 1].kind = "ci_low", "ci_high"
    _interval_columns(cols, cells)
    rows_are_groups = _rows_are_groups(rows, cols, has_endpoint)
    grouped_rows = sum(1 for r in rows if is_group(r.name)) * 2 > len(rows) or _arms_corner(g.corner, column_major)
    # no arm column names a group or prints a group's size (`CHO (n = 21)` beside `S-Chol 0` is a group)
    no_groups = not any(c.kind == "arm" and (is_group(c.name) or roles.size_of(c.name.text) is not None) for c in cols)
    for c in cols:
        if c.kind == "arm" and has_endpoint(c.name) and rows_are_groups:
            c.kind = "measure"
        elif c.kind == "arm" and (column_major or grouped_rows) and _measure_word(c.name) and c.qualifier is None:
            c.kind = "measure"  # `mOS/月` beside `年龄 <50`, `Mean age (years)` beside `Boys`
        elif c.kind == "arm" and grouped_rows and not column_major and no_groups and c.qualifier is None \
                and not c.parents:
            c.kind = "measure"  # `显效` beside rows `对照组`, `观察组`: columns that name no group beside groups
    for r in rows:
        r.kind, r.detail = _row_kind(r.name.text)
    _first_visits(cols, rows)
    if grouped_rows and any(c.kind in ("time", "baseline") for c in cols):
        for c in cols:  # `Change` beside `Visit 1  Visit 2` over rows of groups: a measure of each group
            if c.kind == "arm" and not c.parents and change_word(c.name):
                c.kind, c.arm = "measure", None
    return Table(rows, cols, cells, column_major, groups)


def _first_visits(cols: list[Col], rows: list[Row]) -> None:
    """Columns (or rows) `Visit 1`, `Visit 2`, `Visit 3`: the first visit is the measurement before treatment, no
    result, as `Baseline` or `Day 0` are (table_headers.tsv); a change column beside them stays a result."""
    def visit(name: Name | None) -> tuple[str, int] | None:
        m = roles.VISIT.fullmatch(roles.bare(name.text)) if name is not None else None
        return (m.group(1).lower(), int(m.group(2))) if m else None

    for items, kind in ((cols, "time"), (rows, "")):
        seen = [(x, visit(x.name)) for x in items if x.kind in (kind, "arm", "value") and visit(x.name)]
        for x, (word, number) in seen:
            if number == 1 and any(w == word and n > 1 for _, (w, n) in seen):
                x.kind = "baseline"
                if isinstance(x, Col):
                    x.arm = None


def _blocks_by_parent(cols: list[Col]) -> dict[int, list[int]]:
    """The columns under each name over them (by its start), in order."""
    out: dict[int, list[int]] = {}
    for j, c in enumerate(cols):
        if c.parents:
            out.setdefault(c.parents[-1].start, []).append(j)
    return out


def _conditions_under_sets(cols: list[Col]) -> None:
    """The same conditions and a P under each of several names (`Colour | Dots | P` under `Single datasets` and
    under `Combined datasets`): each P compares the conditions beside it, so the conditions are the arms and
    the name over them a subgroup, part of the measure."""
    blocks = _blocks_by_parent(cols)
    if len(blocks) < 2:
        return
    for js in blocks.values():
        arms = [j for j in js if cols[j].kind == "arm"]
        if sum(cols[j].kind == "p" for j in js) != 1 or len(arms) < 2 or \
                any(cols[j].arm is not cols[j].parents[-1] or cols[j].qualifier is not cols[j].name for j in arms):
            return
    for c in cols:
        if c.kind == "arm":
            c.arm, c.qualifier = c.name, c.parents[-1]


def _interval_columns(cols: list[Col], cells: list[list[CellValue | None]]) -> None:
    """Two columns of bare numbers that hold, row by row, the number beside them between them, in a table
    whose header announces a CI, after the groups' columns: the estimate's CI bounds, and a column of numbers
    from 0 to 1 after them its p (`0.37 | -1.11 | 1.87 | 0.62` under a header glued past reading). Only one
    such estimate per table: one CI per group is another layout."""
    names = " ".join(n.text for c in cols for n in ([c.name] if c.name else []) + c.parents)
    if "ci" not in roles.announced(names):
        return
    found = [j for j in range(1, len(cols) - 2) if _brackets(cols, cells, j)]
    if len(found) != 1:
        return
    j = found[0]
    if sum(1 for c in cols[:j] if c.kind == "arm") < 2:
        return
    if cols[j].kind != "effect":
        cols[j].kind, cols[j].arm = "effect", None
        cols[j].detail = "MD" if re.search(r"(?i)\bdiff|difference", names) else ""
    cols[j + 1].kind, cols[j + 2].kind = "ci_low", "ci_high"
    after = j + 3
    if after < len(cols) and cols[after].kind in ("arm", "value") and _unit_interval([r[after] for r in cells
                                                                                       if after < len(r)]):
        cols[after].kind = "p"


def _brackets(cols: list[Col], cells: list[list[CellValue | None]], j: int) -> bool:
    if any(cols[k].kind not in ("arm", "value", "effect") for k in (j, j + 1, j + 2)):
        return False
    rows = 0
    for r in cells:
        got = [r[k] if k < len(r) else None for k in (j, j + 1, j + 2)]
        if all(c is None or c.empty for c in got):
            continue
        if any(c is None or c.value is None for c in got) or any(c.form != "bare" for c in got[1:]):
            return False
        v, low, high = (c.value for c in got)
        if not low <= v <= high or low == high:
            return False
        rows += 1
    return rows >= 2


def _unit_interval(column: list[CellValue | None]) -> bool:
    cells = [c for c in column if c is not None and not c.empty]
    return bool(cells) and all(c.form == "bare" and c.value is not None and 0 <= c.value <= 1 for c in cells)


def _fits(e, i: int, g: Grid) -> bool:
    if e.per_parent:
        return bool(g.a_groups) and g.a_groups[i] < len(e.cells)
    return i < len(e.cells)


def _measure_word(name: Name | None) -> bool:
    return name is not None and bool(cue_pattern("table_words", "measure").search(roles.bare(name.text)))


def _arms_corner(corner: Name | None, column_major: bool) -> bool:
    """A corner that names the row labels as the groups or methods compared (`组别`, `诊断方法`; table_words
    `arms_corner`): the rows are arms whatever their names (`常规超声`, `联合诊断`)."""
    return corner is not None and not column_major and \
        cue_pattern("table_words", "arms_corner").fullmatch(roles.bare(corner.text).strip()) is not None


def _rows_are_groups(rows: list[Row], cols: list[Col], has_endpoint) -> bool:
    named = sum(1 for r in rows if has_endpoint(r.name))
    return named * 2 < len(rows)


def _col(name: Name, parents: list[Name], grouped: bool = False, is_group=lambda n: False) -> Col:
    role = roles.role_of(name.text)
    split = roles.time_statistic(name.text) if not role.role else None
    if split is not None:  # `Post M (SD)`: the time point is the column's, the statistic only what its cells are
        end, kind = split
        return Col(name, parents, kind, time=Name(name.start, name.start + end, name.text[:end]))
    joined = _joined_time(name, parents, role)
    if joined is not None:
        return joined
    under = _under_time(name, parents, role.role)
    if under is not None:
        return under
    framed = _under_window(name, parents, role.role, is_group)
    if framed is not None:
        return framed
    if grouped and not role.role and parents and not roles.role_of(parents[-1].text).role:
        if is_group(name) and not is_group(parents[-1]):  # `Drug A test` under `AE on day 1`
            return Col(name, parents, "arm", arm=name, qualifier=parents[-1])
        return Col(name, parents, "arm", arm=parents[-1], qualifier=name)
    if role.role in _DESCRIPTORS:
        if parents and roles.role_of(parents[-1].text).role == "total":
            return Col(name, parents, "total")  # `Mean ± SD` under `Total group`: the whole sample, no arm
        above = next((p for p in reversed(parents) if not roles.role_of(p.text).role), None)
        joined = _joined_time(above, [], roles.Role("")) if above is not None else None
        if joined is not None:  # `M (SD)` under `Exercise week 12 (n = 78)`: the group at its time point
            return Col(name, parents, joined.kind, arm=joined.arm, time=joined.time)
        if above is not None:
            return Col(name, parents, "arm", arm=above)
        return Col(name, parents, "value")
    if role.role in ("grade", "time"):
        above = next((p for p in reversed(parents) if not roles.role_of(p.text).role), None)
        return Col(name, parents, role.role, role.detail, arm=above)
    if role.role:
        return Col(name, parents, role.role, role.detail)
    for p in reversed(parents):  # `下部` under `95.0% CI` is a bound; `HR` under a header is an effect
        prole = roles.role_of(p.text)
        if prole.role in ("effect", "p", "baseline", "skip"):
            return Col(name, parents, prole.role, prole.detail)
    return Col(name, parents, "arm", arm=name)


def _joined_time(name: Name, parents: list[Name], role: roles.Role) -> Col | None:
    """A group and its time point in one name (`Exercise week 12 (n=78)`, `Usual care baseline`): the group is
    the arm and the time point its time, as when one stands over the other; a group at baseline gives no result.
    An effect at a time point (`Adjusted difference at week 12`) keeps the time point."""
    if role.role not in ("", "effect") or any(roles.role_of(p.text).role == "time" for p in parents):
        return None
    split = roles.time_tail(name.text)
    if split is None:
        return None
    head_end, tail_start = split
    tail = Name(name.start + tail_start, name.start + len(roles.without_size(name.text).rstrip()),
                roles.without_size(name.text)[tail_start:].strip())
    if role.role == "effect":
        return Col(name, parents, "effect", role.detail, time=tail)
    if roles.role_of(tail.text).role == "baseline":
        return Col(name, parents, "baseline")
    return Col(name, parents, "arm", arm=Name(name.start, name.start + head_end, name.text[:head_end]), time=tail)


def _under_time(name: Name, parents: list[Name], role: str) -> Col | None:
    """A group under a time point (`Week 6` over `Music`) or under a change (`Change from week 0` over `Music`):
    the group is the arm, the time point its time, the change part of its measure. A group under a baseline
    gives no result (the parents loop of `_col`)."""
    if role or not parents:
        return None
    above = parents[-1]
    prole = roles.role_of(above.text).role
    if prole == "time":
        return Col(name, parents, "arm", arm=name, time=above)
    if not prole and change_word(above):
        return Col(name, parents, "arm", arm=name, qualifier=above)
    return None


def _under_window(name: Name, parents: list[Name], role: str, is_group) -> Col | None:
    """A group under a header phrase that names no group: a time window (`Events starting between 2 & 6 days after`
    over `Drug A test`) is the group's time point, a phrase cut short (`… as`) part of its measure. The
    phrase is never the arm."""
    if role or not parents or change_word(name) or _measure_word(name) or roles.window_span(name.text) or \
            roles.dangling(name.text):
        return None
    above = parents[-1]
    if roles.role_of(above.text).role or is_group(above):
        return None
    span = roles.window_span(above.text)
    if span is not None:
        s, e = span
        return Col(name, parents, "arm", arm=name, time=Name(above.start + s, above.start + e, above.text[s:e]))
    if roles.dangling(above.text):
        return Col(name, parents, "arm", arm=name, qualifier=above)
    return None


def change_word(name: Name) -> bool:
    return cue_pattern("table_words", "change").match(roles.bare(name.text)) is not None


def _row_kind(text: str) -> tuple[str, str]:
    if roles.statistic_row(text):
        return "skip", ""
    role = roles.role_of(text, row=True)
    if role.role in ("size", "baseline", "p", "effect"):
        return role.role, role.detail
    if role.role in ("ci", "ci_row"):
        return "ci_row", ""
    return "", ""


def _p_cells(column: list[CellValue | None]) -> bool:
    cells = [c for c in column if c is not None and not c.empty]
    return bool(cells) and any(c.bound == "<" for c in cells) and \
        all(c.form == "bare" and c.value is not None and 0 <= c.value <= 1 and not c.unit for c in cells)


_CELL_NAME = re.compile(r"[-−+]?\d+(?:[.:·]\d+)?\s*(?:±\s*\d+(?:\.\d+)?|\([^()]*\))?")


def consistent(t: Table) -> bool:
    """Whether each attribute column holds what its header says: p-values in a P column, whole numbers in
    a size column. A column that does not is another column's cells under a misread header."""
    for j, c in enumerate(t.cols):
        cells = [r[j] for r in t.cells if j < len(r) and r[j] is not None and not r[j].empty]
        if c.kind == "p" and any(x.form != "bare" or x.value is None or not 0 <= x.value <= 1 for x in cells):
            return False
        if c.kind == "size" and any(x.form != "bare" or x.value is None or not x.value.is_integer() for x in cells):
            return False
        if c.kind == "ci" and cells and all(x.form == "bare" for x in cells):
            return False  # a CI column of single numbers: the CI's name spans its two bounds
    for i, r in enumerate(t.rows):  # a P row of means is a header name taken for a row label
        cells = [x for x in t.cells[i] if x is not None and not x.empty]
        if r.kind == "p" and any(x.form != "bare" or x.value is None or not 0 <= x.value <= 1 for x in cells):
            return False
    for c in t.cols:  # a cell taken for a column's name (`24.90±2.36`, `8:00`): the grid is out of step
        if c.kind in ("arm", "value") and c.name is not None and _CELL_NAME.fullmatch(c.name.text.strip()):
            return False
    seen = set()
    for c in t.cols:  # two value columns named alike: the header was not made columns
        if c.kind in ("arm", "value", "grade", "time", "total", "measure"):
            sig = (c.kind, roles.bare(c.arm.text) if c.arm else "", roles.bare(c.name.text) if c.name else "",
                   tuple(roles.bare(p.text) for p in c.parents))
            if sig in seen:
                return False
            seen.add(sig)
    return True


def value_cols(t: Table) -> list[int]:
    return [j for j, c in enumerate(t.cols) if c.kind in _VALUE_KINDS]
