"""A flattened table made a grid again.

Flattening writes one cell per line, and both of its orders come to the same thing: the names of
one dimension first (`A`: the column headers of a table flattened row by row, or the row labels of
one flattened column by column, as Chinese PDFs are), then, for each name of the other dimension
(`B`: a row label, or a column header), that name followed by its `K` cells in the order of `A`.
So `K` is the commonest length of the runs of cells after a name, the first name followed by `K`
cells is the first `B`, and the names before it are the `A` region: its last `K` names are the
`A` names, the ones before them their corner and spanning headers (`Fotemustine efficacy` over
three columns, a factor `年龄/岁` over its levels). Which dimension holds the arms is decided by
reading.py.

A `B` name with no cells, or with only blank cells, is a section (`Overall survival:`) and the parent
of the names under it; an indented name is the child of the one above it. A run of `K / m` cells
after a name gives one cell per `A` parent (a log-rank P per factor). A name whose run fits none of
these gives nothing; two in a row end the table.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from evkg.extract.results.tables import header as hdr
from evkg.extract.results.tables import roles
from evkg.extract.results.tables.cells import CellValue, numeric_looking, parse_cell
from evkg.extract.results.tables.zones import Line, Zone

_GRADE_RUN = re.compile(r"[0-5]")
_MAX_WIDTH = 1000  # cells after one name: a table flattened column by column has one per row
_SIZE_ONLY = re.compile(r"\s*[(\[]?\s*[nN]\s*=\s*\d+\s*[)\]]?\s*")
_FIT = 0.75  # share of the rows after the header whose cells must fit the width
_STAT_ROWS = ("p", "skip")  # rows of test statistics and p-values (`t值`, `P值`)


@dataclass(frozen=True)
class Name:
    """A printed name (header or label) at document offsets [start, end)."""
    start: int
    end: int
    text: str
    indent: int = 0


@dataclass
class Entry:
    """One `B` name with its cells (in `A` order) and the names above it (outermost first)."""
    name: Name
    cells: list[CellValue | None]
    parents: list[Name] = field(default_factory=list)
    per_parent: bool = False  # one cell per `A` parent (`P (Log-rank)` beside factor levels)


@dataclass
class Grid:
    a: list[Name]                      # the K `A` names
    a_parents: list[list[Name]]        # per `A` name: the names above it, outermost first
    entries: list[Entry]
    corner: Name | None = None
    a_groups: list[int] = field(default_factory=list)  # per `A` name: its parent group (for per-parent cells)
    grouped: bool = False  # the `A` names repeat under groups (`Day 5 Day 45 Delta` under each arm)


@dataclass
class _Block:
    names: list[Line]
    cells: list[Line]


def _kind(line: Line, blanks: bool) -> str:
    if line.blank:
        return "blank" if blanks else "skip"
    if line.text[:1].isspace() and roles.role_of(line.text).role == "time":
        return "text"  # an indented time point under a measure (`\u20036 months`) labels a row; it is no cell
    return "cell" if parse_cell(line.text, line.start) is not None else "text"


def _blocks(body: tuple[Line, ...], blanks: bool) -> list[_Block]:
    out: list[_Block] = []
    for line in body:
        kind = _kind(line, blanks)
        if kind == "skip" or (kind == "blank" and not out):
            continue
        if kind == "text":
            if not out or out[-1].cells:
                out.append(_Block([], []))
            out[-1].names.append(line)
        elif out:
            out[-1].cells.append(line)
    return out


def _filled(block: _Block) -> bool:
    return any(not c.blank for c in block.cells)


def _trimmed(block: _Block) -> int:
    """The length of a block's run without its trailing blank cells."""
    n = len(block.cells)
    while n and block.cells[n - 1].blank:
        n -= 1
    return n


def _fits_width(block: _Block, k: int) -> bool:
    """Whether a run of cells is K cells long, counting trailing blank cells as needed (the last row of a
    table is followed by the blank line before the next heading)."""
    return _filled(block) and _trimmed(block) <= k <= len(block.cells)


def _width(blocks: list[_Block]) -> tuple[int, int] | None:
    """(K, index of the first block with K cells): the width explaining most cells."""
    sizes = {n for b in blocks if _filled(b) for n in (len(b.cells), _trimmed(b)) if 0 < n <= _MAX_WIDTH}
    if not sizes:
        return None
    score = Counter({k: sum(_trimmed(b) for b in blocks if _fits_width(b, k)) for k in sizes})
    k = max(score, key=lambda n: (score[n], -n))
    j0 = next(i for i, b in enumerate(blocks) if _fits_width(b, k))
    return k, j0


def _name(doc_text: str, start: int, end: int) -> Name:
    ls = doc_text.rfind("\n", 0, start) + 1
    indent = len(doc_text[ls:start]) - len(doc_text[ls:start].lstrip(" \u2003\u2002\u00a0\u3000\t"))
    return Name(start, end, doc_text[start:end], indent)


def _line_name(doc_text: str, line: Line) -> Name:
    t = line.text
    s = line.start + len(t) - len(t.lstrip())
    return _name(doc_text, s, s + len(t.strip()))


def build(zone: Zone, doc_text: str, words: Counter, blanks: bool, ci_span: bool = False) -> Grid | None:
    """The grid of a table zone, or None when its lines make no grid. `ci_span`: a CI's name spans two
    columns, its bounds (`95% CI` over `-1.5` and `-0.3`), when the table reads no other way."""
    blocks = _blocks(zone.body, blanks)
    found = _width(blocks)
    if found is None:
        return None
    k, j0 = found
    region: list[tuple[Line, str]] = []  # (line, "text" | "cell" | "glued")
    for b in blocks[:j0]:
        region += [(ln, "text") for ln in b.names]
        if b.names and b.cells and not _filled(b):
            region[-1] = (region[-1][0], "glued")  # a header line followed by blank cells: maybe a section glued to it
        region += [(c, "cell") for c in b.cells if not c.blank]
    region += [(ln, "text") for ln in blocks[j0].names[:-1]]
    b1 = blocks[j0].names[-1]
    later = [b.names[0].text for b in blocks[j0 + 1:] if len(b.names) >= 2 or (b.names and not _filled(b))]
    head = _header(region, b1, k, doc_text, words, later, ci_span)
    if head is None:
        return None
    a, a_parents, corner, grouped, first, sections, groups = head
    entries = _entries(blocks[j0:], first, sections, k, len(set(groups)) if groups else 0, doc_text)
    if not entries:
        return None
    if k > 1 and len(a) == k and all(not e.per_parent and e.cells[0] is None for e in entries):
        # a first column blank in every row is a spacer: its header is a name above the others
        a, a_parents = a[1:], a_parents[1:]
        for e in entries:
            e.cells = e.cells[1:]
        groups = groups[1:] if groups else groups
    return Grid(a, a_parents, entries, corner, groups, grouped)


def _before_line(pieces, line: Line):
    return [(p, kind) for p, kind in pieces if p.start < line.start]


def _first_word(text: str) -> str:
    m = re.match(r"\s*([^\W\d_]+)", text)
    return m.group(1).lower() if m else ""


def _header(region, b1: Line, k: int, doc_text: str, words: Counter, later: list[str], ci_span: bool = False):
    """The `A` names, their parents, the corner, the first `B` name and the sections glued before it."""
    sections: list[Name] = []
    if not region:
        got = hdr.split(b1.text, b1.start, words)
        if len(got) - 1 < k and k > 1:
            got = hdr.split(b1.text, b1.start, words, weak=True)
        if len(got) < 2:
            return ([], [], None, False, _line_name(doc_text, b1), [], []) if k == 1 else None
        first = _name(doc_text, got[-1].start, got[-1].end)
        pieces = [(p, "text") for p in got[:-1]]
        rows = got[-1].row > 0 or any(p.row for p in got)
    else:
        first = _line_name(doc_text, b1)
        lined = _a_cell_a_line(region, first, k, doc_text)
        if lined is not None:
            return lined
        pieces, rows = [], False
        for weak in (False, True):
            pieces, sections = _region_pieces(region, words, weak, doc_text)
            if len(pieces) >= k:
                break
        pieces, sections = _first_section(region, pieces, sections, b1, k, doc_text, later)
        glued = hdr.split(b1.text, b1.start, words)
        if len(glued) >= 2 and pieces:
            more = pieces + [(hdr.Piece(p.start, p.end, pieces[-1][0].row), "text") for p in glued[:-1]]
            corner = roles.role_of(doc_text[pieces[0][0].start:pieces[0][0].end]).role == "corner"
            if (corner and len(pieces) == k) or _shape(more, k, doc_text) > _shape(pieces, k, doc_text):
                # the first label glued to the last header name (`P value (Fisher's Exact test)Redness`,
                # `Between groups, p valueWeight (kg)`)
                pieces, first = more, _name(doc_text, glued[-1].start, glued[-1].end)
        rows = len([r for r in region if r[1] != "cell"]) == 1 and any(p.row for p, _ in pieces)
    if ci_span:
        pieces = _ci_twice(pieces, doc_text)
    if len(pieces) < k:
        return ([], [], None, False, first, sections, []) if k == 1 and not pieces else None
    levels = _levels(pieces, k, doc_text, words, rows)
    if levels is None or not _names_ok(levels[0], levels[1], first):
        return None
    return levels + (first, sections, _groups_of(pieces, k))


def _first_section(region, pieces, sections, b1: Line, k: int, doc_text: str, later: list[str]):
    """(pieces, sections) once a section over the first row, read as part of the header, is taken out of it."""
    if sections:
        return pieces, sections
    last_line = [p for p, _ in pieces if p.start >= region[-1][0].start]
    if region[-1][1] == "glued" and len(last_line) == 1 and len(pieces) - 1 >= k:
        # a section row (`Summary of AEs`, blank cells) between the header and the first row
        sections = [_name(doc_text, last_line[0].start, last_line[0].end)]
        pieces = pieces[:-1]
    elif region[-1][1] == "text" and len(pieces) >= 2 and \
            pieces[-1][0].row == pieces[-2][0].row and \
            _shape(pieces[:-1], k, doc_text) > _shape(pieces, k, doc_text):
        # the first row's section glued to the header line (`…Number of eventsUnrelated (…)`)
        sections = [_name(doc_text, pieces[-1][0].start, pieces[-1][0].end)]
        pieces = pieces[:-1]
    elif region[-1][1] == "text" and len(pieces) > k and _first_word(region[-1][0].text) and \
            any(_first_word(t) == _first_word(region[-1][0].text) for t in later):
        # a section line above the first row, like the ones above later rows (`Year 8` … `Year 9`)
        sections = [_line_name(doc_text, region[-1][0])]
        pieces = [(p, kind) for p, kind in pieces if p.start < region[-1][0].start]
    elif region[-1][1] == "text" and len(region) >= 2 and later and \
            (b1.text[:1].isspace() or roles.role_of(b1.text).role == "time") and \
            len(_before_line(pieces, region[-1][0])) >= k and \
            len(pieces) - len(_before_line(pieces, region[-1][0])) == 1:
        # a section line above a first row that is indented or a time point, where later rows have sections
        # too (`Global health status` / `6 months`, then `Physical functioning` / `6 months`), and the header
        # makes K columns without it
        sections = [_line_name(doc_text, region[-1][0])]
        pieces = _before_line(pieces, region[-1][0])
    return pieces, sections


def _ci_twice(pieces, doc_text: str):
    """The header with its one CI name counted twice, a column per bound; unchanged when it has no CI name or
    several."""
    at = [i for i, (p, _) in enumerate(pieces) if roles.role_of(doc_text[p.start:p.end]).role == "ci"]
    return pieces[:at[0] + 1] + pieces[at[0]:] if len(at) == 1 else pieces


def _shape(pieces, k: int, doc_text: str) -> int:
    """How well header names make K columns: a repeated sub-header under K names (3), K names with or
    without a corner (2), names spanning the K evenly (1), nothing (0)."""
    n = len(pieces)
    if n < k:
        return -1
    names = [_name(doc_text, p.start, p.end) for p, _ in pieces[-k:]]
    unit, tail = _repeat(names)
    rest = n - k
    if k > 1 and unit and rest >= (k - tail) // unit:
        return 3
    if rest in (0, 1):
        return 2
    if (rest >= 2 and k % rest == 0) or (rest >= 3 and k % (rest - 1) == 0):
        return 1
    return 0


def _names_ok(leaves: list[Name], parents: list[list[Name]], first: Name) -> bool:
    """Whether the names read as names: a column or first label that reads as numbers (`372.9 ± 62.4`) is a
    cell taken for a name, so the grid is out of step. Grades (`0`…`4`), time points and the levels under a
    factor (`<50` under `年龄/岁`) are names."""
    for n, ps in zip(leaves, parents):
        if numeric_looking(n.text) and not ps and roles.role_of(n.text).role not in ("grade", "time"):
            return False
        if any(numeric_looking(p.text) for p in ps):
            return False
    return not numeric_looking(first.text)


def _region_pieces(region, words: Counter, weak: bool, doc_text: str):
    pieces: list[tuple[hdr.Piece, str]] = []
    sections: list[Name] = []
    row = 0
    for line, kind in region:
        if _SIZE_ONLY.fullmatch(line.text) and pieces and pieces[-1][1] == "text":
            last = pieces[-1][0]  # `Group A` / `(N = 6051)` on two lines: one name with its size
            t = line.text
            pieces[-1] = (hdr.Piece(last.start, line.start + len(t.rstrip()), last.row), "text")
            continue
        if kind == "cell":
            t = line.text
            s = line.start + len(t) - len(t.lstrip())
            pieces.append((hdr.Piece(s, s + len(t.strip()), row), "cell"))
            continue
        got = hdr.split(line.text, line.start, words, weak)
        if kind == "glued" and len(got) >= 2:
            sections = [_name(doc_text, got[-1].start, got[-1].end)]
            got = got[:-1]
        pieces += [(hdr.Piece(p.start, p.end, row + p.row), "text") for p in got]
        row += (got[-1].row + 1) if got else 1
    return pieces, sections


def _groups_of(pieces, k: int) -> list[int]:
    """Per `A` name, the index of its parent among the names before the `A` names (factor levels)."""
    rest = len(pieces) - k
    for m in (rest, rest - 1):
        if m >= 2 and k % m == 0 and k // m >= 2:
            return [i // (k // m) for i in range(k)]
    return []


def _is_grade(text: str) -> bool:
    return bool(_GRADE_RUN.fullmatch(text.strip()))


def _levels(pieces, k: int, doc_text: str, words: Counter, rows: bool):
    """(A names, their parents, corner) from the header pieces: the last K are the A names."""
    names = [_name(doc_text, p.start, p.end) for p, _ in pieces]
    leaves, rest = names[-k:], names[:-k]
    parents: list[list[Name]] = [[] for _ in range(k)]
    corner = None
    inter = _interleaved(names, k)
    if inter is not None:
        return inter
    grades = [i for i, n in enumerate(leaves) if _is_grade(n.text)]
    if len(grades) >= 4 and rest:
        # grade sub-columns under arms: `Arm A (N=40), n(%) Arm B (N=42), n(%) p-value 0123 0123`
        return _graded(names, pieces, k, doc_text)
    if not rest and leaves and k > 1:
        cut = hdr.corner_cut(doc_text, hdr.Piece(leaves[0].start, leaves[0].end, 0), words)
        if cut is not None:
            corner = _name(doc_text, leaves[0].start, cut - len(doc_text[leaves[0].start:cut]) +
                           len(doc_text[leaves[0].start:cut].rstrip()))
            leaves[0] = _name(doc_text, cut, leaves[0].end)
    unit, tail = _repeat(leaves)
    if not unit and k > 1 and all(_descriptor(n.text) for n in leaves):
        unit, tail = k, 0
    grouped = bool(unit) and len(rest) >= (k - tail) // unit
    if grouped:
        # a sub-header repeated under each group (`Baseline Follow-up P` under `Placebo`, `Cilostazol`, maybe
        # then a column for all groups), or descriptors under K groups (`627 (%)` under `Mannitol`): the groups
        # are the names before them that print a size, else the last names before them that are no statistic
        r = (k - tail) // unit
        sized = [n for n in rest if roles.size_of(n.text) is not None]
        plain = [n for n in rest if roles.role_of(n.text).role in ("", "total")]  # `Total` heads its own block
        groups = sized if len(sized) == r else plain[-r:] if len(plain) >= r else rest[-r:]
        for i in range(k - tail):
            parents[i].append(groups[i // unit])
        rest = [n for n in rest if n not in groups and not (roles.role_of(n.text).role and n.start > groups[0].start)]
        if tail and len(rest) > 1:
            rest = rest[:1]  # the spanning name over the last columns (`ANOVA …`) names no group
    if rows and pieces:
        rest = _by_rows(rest, pieces[: len(rest)], k, parents)
    if len(rest) >= 2 and k % len(rest) == 0 and k > len(rest):
        span = k // len(rest)
        for i in range(k):
            parents[i].insert(0, rest[i // span])
        rest = []
    elif len(rest) >= 2 and k % (len(rest) - 1) == 0 and k > len(rest) - 1:
        span = k // (len(rest) - 1)
        for i in range(k):
            parents[i].insert(0, rest[1 + i // span])
        rest = rest[:1]
    if len(rest) > 1:
        return None  # names the header does not explain: the columns are not known
    if rest and corner is None:
        corner = rest[0]
    return leaves, parents, corner, grouped


def _interleaved(names: list[Name], k: int):
    """Groups each followed by the same sub-header, a table printed a cell a line (`不良反应`, `A组（n=94）`,
    `1～2级`, `≥3级`, `B组（n=118）`, `1～2级`, `≥3级`): the sub-names are the K columns, each under the group
    before it; a name before the first group is the corner. None when the header is not so laid out."""
    for c in (0, 1):
        body = names[c:]
        for u in range(2, k):
            r = k // u
            if k % u or r < 2 or len(body) != r * (u + 1):
                continue
            runs = [body[i * (u + 1):(i + 1) * (u + 1)] for i in range(r)]
            subs = [tuple(n.text.strip() for n in run[1:]) for run in runs]
            heads = {run[0].text.strip() for run in runs}
            if len(set(subs)) == 1 and len(heads) == r and not heads & set(subs[0]):
                return [n for run in runs for n in run[1:]], [[run[0]] for run in runs for _ in run[1:]], \
                    (names[0] if c else None), True
    return None


def _a_cell_a_line(region, first: Name, k: int, doc_text: str):
    """The header of a table exported a cell a line whose names stand each on a line of its own, read as two levels
    (`_two_level`; a line is one name, never split where its letters change case: `TBil（μmol/L）`); else None."""
    if len(region) < 4 or any(kind != "text" for _, kind in region):
        return None
    two = _two_level([_line_name(doc_text, ln) for ln, _ in region], k)
    return two + (first, [], []) if two is not None and _names_ok(two[0], two[1], first) else None


def _two_level(names: list[Name], k: int):
    """A two-level header printed a cell a line (`组别`, `例数`, `FEV1`, `PEF`, `治疗前`, `治疗后`, `治疗前`, `治疗后`):
    the upper names each over the same run of sub-names, which follow them; an upper name of a column of its own (a
    size, a statistic: `例数`, `P值`) spans none. A name before them all is the corner. None when not so laid out."""
    for c in (0, 1):
        body = names[c:]
        for u in range(2, 5):
            for r in range(len(body) // u, 1, -1):
                top, subs = body[:len(body) - r * u], body[len(body) - r * u:]
                runs = {tuple(n.text.strip() for n in subs[i * u:(i + 1) * u]) for i in range(r)}
                alone = [roles.role_of(n.text).role in ("size", "p", "skip") for n in top]
                if len(runs) != 1 or alone.count(False) != r or alone.count(True) + r * u != k:
                    continue
                leaves, parents, spans = [], [], iter(range(r))
                for n, own in zip(top, alone):
                    if own:
                        leaves.append(n)
                        parents.append([])
                        continue
                    i = next(spans)
                    leaves += subs[i * u:(i + 1) * u]
                    parents += [[n] for _ in range(u)]
                return leaves, parents, (names[0] if c else None), False
    return None


def _descriptor(text: str) -> bool:
    return roles.role_of(text).role in ("count", "percent", "mean", "median", "size")


def _repeat(leaves: list[Name]) -> tuple[int, int]:
    """(u, t): the leaves repeat a run of u names (`N`, `Yes n (%)`, `N`, `Yes n (%)` -> 2), then t (at most
    two) columns of their own (`Between groups p`); (0, 0) when they repeat none."""
    k = len(leaves)
    texts = [re.sub(r"\s+", " ", n.text.lower()).strip(" *") for n in leaves]
    for t in (0, 1, 2):
        m = k - t
        for u in range(1, m // 2 + 1):
            if m % u == 0 and all(texts[i] == texts[i % u] for i in range(m)) and (t == 0 or u > 1 or m > 2):
                return u, t
    return 0, 0


def _by_rows(rest: list[Name], pieces, k: int, parents) -> list[Name]:
    """Header rows separated by blank corner cells: a row of K names names each column; a shorter
    row spans the columns evenly. Returns the names left (the corner)."""
    rows: dict[int, list[Name]] = {}
    for n, (p, _) in zip(rest, pieces):
        rows.setdefault(p.row, []).append(n)
    left: list[Name] = []
    for r in sorted(rows, reverse=True):
        row = rows[r]
        if len(row) == k:
            for i, n in enumerate(row):
                parents[i].insert(0, n)
        elif len(row) >= 2 and k % len(row) == 0:
            for i in range(k):
                parents[i].insert(0, row[i // (k // len(row))])
        else:
            left = row + left
    return left


def _graded(names: list[Name], pieces, k: int, doc_text: str):
    """Columns of grades under arms, then the statistic columns: each arm (a name printing a group size
    or `n (%)`) heads one run of grades, in order; names after the runs (or a `p-value` before them) are
    the columns after the graded ones."""
    runs: list[list[int]] = []
    for i, n in enumerate(names):
        if _is_grade(n.text):
            if runs and runs[-1][-1] == i - 1 and int(n.text) > int(names[i - 1].text):
                runs[-1].append(i)
            else:
                runs.append([i])
    first = runs[0][0]
    arms = [n for n in names[:first] if re.search(r"\(\s*n\s*=\s*\d+|n\s*\(%\)|n\(%\)", n.text, re.I)]
    after = list(names[runs[-1][-1] + 1:])
    graded = sum(len(r) for r in runs)
    if len(arms) != len(runs) or graded > k:
        return names[-k:], [[] for _ in range(k)], None, False
    tail = after if graded + len(after) == k else \
        [n for n in names[:first] if n not in arms][-(k - graded):] if k > graded else []
    if graded + len(tail) != k:
        return names[-k:], [[] for _ in range(k)], None, False
    leaves = [names[i] for r in runs for i in r] + tail
    parents = [[arms[j]] for j, r in enumerate(runs) for _ in r] + [[] for _ in tail]
    corner = next((n for n in names[:first] if n not in arms), None)
    return leaves, parents, corner, False


_UNIT = re.compile(r"\((?![^()]*(?:n\s*=|%))[^()\d]{0,10}[a-zA-Z/][^()\d]{0,10}\)\s*:?\s*$")


def _unit(name: Name) -> bool:
    """Whether a label ends with its unit in brackets (`Time to first flatus (h)`, `Bowel sound (/min)`)."""
    return _UNIT.search(name.text) is not None


def _entries(blocks: list[_Block], first: Name, sections: list[Name], k: int, groups: int,
             doc_text: str) -> list[Entry]:
    out: list[Entry] = []
    section: Name | None = sections[-1] if sections else None
    above: Name | None = None  # the last label at the outer indent
    misfits = total = 0
    for bi, b in enumerate(blocks):
        names = [first] if bi == 0 else [_line_name(doc_text, ln) for ln in b.names]
        for extra in names[:-1]:
            section, above = extra, None
        label = names[-1]
        lines = b.cells[:k] if _fits_width(b, k) else b.cells
        cells = [parse_cell(c.text, c.start) if not c.blank else None for c in lines]
        if not _filled(b):
            section, above = label, None
            continue
        per_parent = len(cells) != k and groups and groups != k and _trimmed(b) <= groups <= len(cells)
        if not per_parent and len(cells) == k - 1 and roles.role_of(label.text, row=True).role in _STAT_ROWS:
            cells = [None] + cells  # `P值  <0.001  <0.001` under `例数  A  B`: a statistic prints no group size
        if per_parent:
            cells = cells[:groups]
        total += 1
        if len(cells) != k and not per_parent:
            misfits += 1
            if misfits >= 2:
                total -= misfits  # the table ended before these rows
                break
            continue
        misfits = 0
        parents = [p for p in (section,) if p is not None]
        if above is not None and label.indent > above.indent:
            parents.append(above)
        elif section is not None and above is not None and label.indent < above.indent:
            section = None  # the indented rows under the section are over
            parents = []
        elif section is not None and _unit(section) and _unit(label):
            section = None  # `Time to first flatus (h)` over `Total`, `Open`; `Bowel sound (/min)` is a measure again
            parents = []
        if above is None or label.indent <= above.indent:
            above = label
        out.append(Entry(label, cells, parents, bool(per_parent)))
    if total and len(out) < _FIT * total:
        return []  # too many rows out of step: the grid is not what the lines say
    return out
