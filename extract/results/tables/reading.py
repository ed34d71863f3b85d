"""Table cells as results: each cell of a value column is one result, with the row's measure and
the column's arm (or, beside a measure column, the row's group), the p of the row's p column, the
CI of its bound columns or of the `(95% CI)` row under it, and the group size its header prints.

The measure is the row label under its section and parent rows (`Overall survival:` > `Median,
months (95% CI)`), with the grade of a grade column; its code is the endpoint the label names, else
the section's, else the table's kind (an adverse-event table codes its rows AE, AE_G3 from grade 3,
SAE when serious; a survival table codes its estimates OS). A percentage of a time endpoint named
only by the section (`Overall survival:` > `Events, n (%)`) is no survival rate: it has no code.
Rows of group sizes (`n`, `N analysed`, `例数`), baseline rows and columns give no results.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from evkg.core.fold import fold
from evkg.core.text import HAN_CHAR
from evkg.extract.results.tables import axes, roles, values
from evkg.extract.results.tables.axes import _VALUE_KINDS, Col, Row, Table, value_cols
from evkg.extract.results.tables.cells import CellValue
from evkg.extract.results.tables.grid import Name
from evkg.extract.text.numbers import unit_at
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_table, cue_words

_DESCRIPTOR = re.compile(r"\s*[,;]?\s*(?:(?:n|no\.|number)(?:\s*/\s*n)?\s*[(\[]\s*%\s*[)\]]|"
                         r"[(\[]\s*(?:n\s*=\s*\d+|%|n\s*/\s*n|"
                         r"95\.?0?\s*%\s*ci|sd|se|iqr|range|mean\s*±\s*sd|n)\s*[)\]]|95\.?0?\s*%\s*ci|[(\[]\s*n\s*\(\s*%\s*\)\s*[)\]])",
                         re.I)
_BRACKET = re.compile(r"[\[(（]\s*([^\[\]()（）]{1,14}?)\s*[\])）]\s*$")
# `mOS/月`, `年龄/岁`, `肿瘤最大直径/cm`: a Chinese header's unit after a slash (`µmol/l` is one unit).
_SLASH_UNIT = re.compile(r"(?:(?<=[\u3400-\u9fff])\s*/\s*([^\s/]{1,6})|/\s*([\u3400-\u9fff]{1,3}))\s*$")
_ATTRIBUTE_ROLES = ("size", "count", "percent", "mean", "median", "baseline", "p")
_GROUP_WORD = re.compile(r"\b(?:group|arm|cohort|placebo|control|controls|boys|girls|men|women|males|females)\b|组")
_VERSUS = re.compile(r"\b(?:vs\.?|versus|compared (?:with|to))\s+(.+?)\s*(?:\(|$)", re.I)


@dataclass
class Pending:
    """One result before it is a fact: where it is printed and what it says."""
    cell: CellValue
    reading: values.Reading
    code: str
    measure: str
    arm: str = ""
    timeframe: str = ""
    details: dict = field(default_factory=dict)
    row: int = 0
    col: int = 0


@dataclass
class Doc:
    """What the reading needs of the document: its text, its endpoint mentions and its words."""
    text: str
    mentions: list  # endpoint mentions (start, end, code), by start
    words: dict
    starts: list[int] = field(default_factory=list)
    cox: bool = False  # the document names a Cox model: an `Exp(B)` is a hazard ratio
    treatments: list = field(default_factory=list)  # (start, end) of drug and procedure mentions, by start

    def treats(self, start: int, end: int) -> bool:
        i = bisect_left(self.treatments, (start, -1))
        return i < len(self.treatments) and self.treatments[i][0] < end

    def codes(self, start: int, end: int) -> list[str]:
        """The endpoint codes named in [start, end); `SD` printed as a spread (`(SD)`, `± SD`) is none."""
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            s, e, code = self.mentions[i]
            if e <= end and not (code == "SD" and re.search(r"[(±]\s*$|mean", self.text[max(start, s - 40):s], re.I)):
                out.append(code)
            i += 1
        return out


def _time_codes() -> dict[str, str]:
    return {r[0]: r[2] for r in cue_table("endpoint_measures") if r[1] == "time"}


def clean(doc: Doc, name: Name | None) -> str:
    """A name as a measure or arm: without descriptors (`, n (%)`, `(95% CI)`), its group size, a
    footnote letter the document never prints on the word (`Deathc`) and a trailing colon."""
    if name is None:
        return ""
    t = roles.MARKS.sub("", name.text)
    t = _DESCRIPTOR.sub("", t)
    t = roles.without_size(t)
    t = re.sub(r"\s+", " ", t).strip(" ,;:")
    if "," in t and roles.role_of(t.rsplit(",", 1)[1], row=True).role in _ATTRIBUTE_ROLES:
        t = t.rsplit(",", 1)[0].strip()  # `Systolic BP, N analysed` as a parent is `Systolic BP`
    m = re.search(r"([A-Za-z]{3,})([a-d])$", t)
    if m and doc.words.get(m.group(1) + m.group(2), 0) <= 1 and \
            (doc.words.get(m.group(1), 0) + doc.words.get(m.group(1).lower(), 0) +
             doc.words.get(m.group(1).capitalize(), 0)) > 0:
        t = t[:-1]
    return t


def unit_of(text: str) -> tuple[str, str]:
    """(unit, the printed unit) a name gives its cells: `[°C]`, `(mmHg)`, `mOS/月`, `…, months`."""
    for rx in (_BRACKET, _SLASH_UNIT):
        m = rx.search(text)
        unit = next((g for g in m.groups() if g), "") if m else ""
        if m and re.search(r"[A-Za-z°%\u4e00-\u9fff]", unit) and not roles.announced(unit) \
                and not re.fullmatch(r"(?i)n|yes/no|%|.*\d.*=.*", unit.strip()):
            key = fold(unit)
            got = unit_at(key, 0, "time", "quantity", "percent")
            if not (got and got[0] == len(key)) and re.fullmatch(r"[\u3400-\u9fff]{3,}", unit):
                continue  # `社会/家庭状况`: words after a slash name a measure's other half, not its unit
            return (got[1] if got and got[0] == len(key) else unit), m.group(0)
    m = re.search(r",\s*([^\s,]{1,10})\s*$", text)
    if m and not roles.announced(m.group(1)):
        key = fold(m.group(1))
        got = unit_at(key, 0, "quantity", "time")
        if got and got[0] == len(key):  # `BW, kg`, `Median, months`
            return got[1], m.group(0)
    m = re.search(r"(?:[,(]|\bin)\s*(months?|weeks?|days?|years?|hours?|minutes?|seconds?)\b", text, re.I)
    if m:
        got = unit_at(m.group(1).lower(), 0, "time", "quantity")
        return (got[1] if got else m.group(1)), ""
    return "", ""


def _arm(doc: Doc, col: Col) -> str:
    if col.arm is None or glued(doc, col.arm.text):
        return ""
    t = clean(doc, col.arm)
    return re.sub(r"\s*[,;]?\s*(?:n\s*\(%\)|n\(%\))\s*$", "", t, flags=re.I).strip(" ,;")


def glued(doc: Doc, text: str) -> bool:
    """Whether a header name holds header names glued together that the splitting could not part (`BLBLW`,
    `CTRLSTRIDEE.S.`, `Statisticsp`, `nDuration`): a word of four letters or more that the document never prints
    alone, in capitals or glued to a letter. Such a name is no arm: a wrong arm is worse than none."""
    def alone(w: str) -> bool:
        return any(doc.words.get(v, 0) for v in (w, w.lower(), w.capitalize(), w.upper()))

    half = len(text.strip()) // 2
    if half >= 3 and text.strip()[:half] == text.strip()[half:]:
        return True  # one name printed twice (`Mean cost (SD) $Mean cost (SD) $`): two sub-columns glued
    for w in re.findall(r"[A-Za-z0-9]{4,}", text):
        if w.isdigit() or alone(w):
            continue
        if w.isupper() or re.search(r"[a-z][A-Z]", w) or alone(w[:-1]) or alone(w[1:]):
            return True  # capitals glued (`BLBLW`), a name glued to a letter (`nDuration`, `Shamn`)
    return False


def read(t: Table, doc: Doc, title: Name, kinds: set[str]) -> list[Pending]:
    """The results of one table."""
    vcols = value_cols(t)
    if not vcols or not t.rows:
        return []
    title_say = roles.announced(title.text)
    if "ae" in kinds and "sd" not in title_say:
        title_say.add("count_pct")  # an adverse-event table counts patients: `12 (8.0)` is n (%)
    arms = [_arm(doc, t.cols[j]) for j in range(len(t.cols))]
    arm_cols = [j for j in vcols if t.cols[j].kind == "arm"]
    two = {arms[j] for j in arm_cols}
    pair = list(dict.fromkeys(arms[j] for j in vcols if t.cols[j].kind in ("arm", "time") and arms[j]))
    if any(roles.role_of(a).role for a in pair):
        pair = []  # `Mean` taken for a group: the header was not read, the difference compares no known groups
    counts = {j: _count_pct(t, j, title_say, arms) for j in vcols}
    out: list[Pending] = []
    last: dict[int, Pending] = {}
    block: dict[int, list[Pending]] = {}  # per column, the results since the last `P` row
    sizes: dict[int, int] = {}  # per column, the group size of a `例数` / `n` row
    for i, row in enumerate(t.rows):
        if row.kind == "size":
            sizes.update(_sizes(t, i, doc.text))
            continue
        if row.kind in ("baseline", "skip") or (row.name is not None and before_treatment(row.name.text, doc.text)):
            continue
        if row.kind in ("ci_row", "p"):
            _attach(t, i, row.kind, last, block)
            if row.kind == "p":
                block = {}
            continue
        row_say = roles.announced(" ".join(n.text for n in row.parents + [row.name]))
        for j in vcols:
            cell = t.cells[i][j] if j < len(t.cells[i]) else None
            if cell is None or cell.empty:
                continue
            extras = _row_extras(t, i, j)
            if "p_value" not in extras and is_group(doc, row.name) and (above := _p_above(t, i, doc)):
                extras["p_value"] = above
            got = _pending(t, doc, (i, j), cell, title_say | row_say, counts[j], kinds, extras, title)
            if got is None:
                continue
            if t.cols[j].kind == "arm" and len(two) == 2 and len(arm_cols) == 2 and row.kind != "effect":
                got.details["comparator"] = next(a for a in two if a != got.arm)
            elif t.cols[j].kind == "effect" and len(pair) == 2 and "comparator" not in got.details:
                got.details["comparator"] = pair[-1]  # a difference between the table's two groups: the second
            out.append(got)
            last[j] = got
            # a P row under rows of groups compares them all; under rows of measures it is the last row's
            block[j] = block.get(j, []) + [got] if is_group(doc, row.name) else [got]
    _title_time(out, title)
    whole = roles.size_of(title.text) if not any(c.kind == "arm" for c in t.cols) else None
    for p in out:
        if p.col in sizes and "arm_size" not in p.details and p.arm:
            p.details["arm_size"] = sizes[p.col]
        if whole and not p.arm and p.reading.n is not None and p.reading.total is None and p.reading.n <= whole:
            p.reading.total = whole  # a table of one group (`不良反应［例（%），n=36］`): its counts are of all
    return out


_SIZE_PCT = re.compile(r"\s*(\d+)\s*[(\[]\s*%\s*[)\]]\s*")


def _sizes(t: Table, i: int, text: str) -> dict[int, int]:
    """The group size a row of sizes prints under each arm column (`627`, or `627 (%)` over n (%) cells), or
    under a group's time point (`观察组` over `干预后`)."""
    out = {}
    for j, c in enumerate(t.cols):
        cell = t.cells[i][j] if j < len(t.cells[i]) else None
        if not (c.kind == "arm" or (c.kind == "time" and c.arm is not None)) or cell is None:
            continue
        if cell.form == "bare" and cell.value is not None and cell.value.is_integer() and cell.value > 0:
            out[j] = int(cell.value)
        elif (m := _SIZE_PCT.fullmatch(text[cell.start:cell.end])) and int(m.group(1)) > 0:
            out[j] = int(m.group(1))
    return out


def _title_time(out: list[Pending], title: Name) -> None:
    """`两组术后1年MACE发生情况比较`: the title's time point is each cell's, unless its own column or row says one."""
    timed = roles.TITLE_TIME.search(title.text)
    for p in out if timed else []:
        p.timeframe = p.timeframe or timed.group(0)


def _count_pct(t: Table, j: int, title_say: set[str], arms: list[str]) -> bool:
    pairs = [(c.value, c.second) for r in t.cells if j < len(r) and (c := r[j]) is not None
             and c.form == "pair" and c.value is not None and c.second is not None]
    col = t.cols[j]
    # a `Total (n = 108)` column is named, not armed: its size is in its name
    named = col.arm if col.arm is not None else col.name if col.kind == "total" else None
    size = roles.size_of(named.text) if named is not None else None
    return values.fits_one_denominator(pairs, size)


def _block(t: Table, j: int) -> range:
    """The attribute columns printed after effect column j up to the next value column (`HR  95%CI  P` under
    `单因素分析`, then again under `多因素分析`), or none when j is no effect column."""
    if t.cols[j].kind != "effect":
        return range(0)
    end = next((k for k in range(j + 1, len(t.cols)) if t.cols[k].kind in _VALUE_KINDS), len(t.cols))
    return range(j + 1, end)


def _p_above(t: Table, i: int, doc: Doc) -> str | None:
    """The p the table's one P column prints once, on the first of the group rows above row i with none of their
    own (a merged cell: `观察组 … 6.222 0.013` over `对照组 …`): the p comparing them all."""
    ps = [j for j, c in enumerate(t.cols) if c.kind == "p"]
    if len(ps) != 1:
        return None
    for k in range(i - 1, -1, -1):
        if not is_group(doc, t.rows[k].name):
            return None
        cell = t.cells[k][ps[0]] if ps[0] < len(t.cells[k]) else None
        if cell is not None and not cell.empty and cell.value is not None:
            return cell.bound + (cell.written or str(cell.value))
    return None


def _row_extras(t: Table, i: int, at: int) -> dict:
    """The p, CI bounds and group size the row's attribute columns print for its cell in column `at`: the
    table's one P column, or the P and CI columns of the effect's own block when the table repeats them."""
    out: dict = {}
    ps = [j for j, c in enumerate(t.cols) if c.kind == "p"]
    block = _block(t, at)
    own_p = [j for j in ps if j in block] + [_p_beside(t, at), _p_of_set(t, at)]
    for j, c in enumerate(t.cols):
        cell = t.cells[i][j] if j < len(t.cells[i]) else None
        if c.kind == "ci" and j in block and cell is not None and cell.form == "bounds":
            out["ci_low"], out["ci_high"] = cell.low, cell.high
        if cell is None or cell.empty or cell.value is None:
            continue
        if c.kind == "p" and (len(ps) == 1 or j in own_p):
            out["p_value"] = cell.bound + (cell.written or str(cell.value))
        elif c.kind in ("ci_low", "ci_high"):
            out[c.kind] = cell.written
        elif c.kind == "size" and cell.form == "bare" and cell.value.is_integer():
            out["size"] = int(cell.value)
            if _size_of_column(t, j, at):
                out["own_size"] = int(cell.value)
    return out


def _size_of_column(t: Table, j: int, at: int) -> bool:
    """Whether size column j gives value column `at` its N: the one size column under the same group (`Ginger`
    over `n` and `Mean (SD)`, `治疗组` over `例数  治疗前  治疗后`), or beside each other with no group over them
    (`Ginger | n | Placebo | n`: the n after its group)."""
    c, v = t.cols[j], t.cols[at]
    if c.parents and v.parents:
        return c.parents[-1] is v.parents[-1] and \
            sum(1 for o in t.cols if o.kind == "size" and o.parents and o.parents[-1] is c.parents[-1]) == 1
    return j == at + 1 and not c.parents and not v.parents


def _p_beside(t: Table, at: int) -> int:
    """The P column right after value column `at` when every value column has one of its own (`Placebo` /
    `p value` / `Metformin` / `p value`: each group's change and its within-group p), else -1."""
    def next_of(j: int) -> int:
        return next((k for k in range(j + 1, len(t.cols)) if t.cols[k].kind in _VALUE_KINDS + ("p",)), -1)
    cols = [j for j in value_cols(t) if t.cols[j].kind != "effect"]
    if len(cols) < 2 or any(next_of(j) < 0 or t.cols[next_of(j)].kind != "p" for j in cols):
        return -1
    return next_of(at) if at in cols else -1


def _p_of_set(t: Table, at: int) -> int:
    """The one P column under the same name as arm column `at`, when that name is a subgroup over the arms
    (`Colour | Dots | P` under `Single datasets`), else -1."""
    c = t.cols[at]
    if c.kind != "arm" or not c.parents or c.qualifier is not c.parents[-1] or c.arm is not c.name:
        return -1
    ps = [j for j, o in enumerate(t.cols) if o.kind == "p" and o.parents and o.parents[-1] is c.parents[-1]]
    return ps[0] if len(ps) == 1 else -1


def _attach(t: Table, i: int, kind: str, last: dict[int, Pending], block: dict[int, list[Pending]]) -> None:
    """A `(95% CI)` row gives its bounds to the result above it, a `P` row its p to the results above it in
    its column (the groups compared: `观察组`, `对照组`, then `P值`)."""
    for j, p in last.items():
        cell = t.cells[i][j] if j < len(t.cells[i]) else None
        if cell is None:
            continue
        if kind == "ci_row" and cell.form == "bounds":
            p.details.update(ci_low=cell.low, ci_high=cell.high)
        elif kind == "p" and cell.form == "bare":
            for q in block.get(j, [p]):
                q.details["p_value"] = cell.bound + cell.written
    if kind == "p":
        for j in value_cols(t):
            cell = t.cells[i][j] if j < len(t.cells[i]) else None
            if cell is not None and cell.form == "bare" and j not in last:
                for p in last.values():
                    p.details["p_value"] = cell.bound + cell.written


def _pending(t: Table, doc: Doc, at: tuple[int, int], cell: CellValue, say: set[str], count_pct: bool,
             kinds: set[str], extras: dict, title: Name) -> Pending | None:
    i, j = at
    row, col = t.rows[i], t.cols[j]
    if any(roles.role_of(n.text).role == "p" for n in row.parents + col.parents):
        return None  # a cell under a P name (`p-valuea` over a column or a section of rows) is a p, never a value
    col_say = roles.announced(" ".join(n.text for n in col.parents + ([col.name] if col.name else [])))
    say = say | col_say
    # rows of groups under time points: the measure is the title's, or the name over the time points when that
    # is no group (`SAS` over `干预前  干预后`)
    over = col.arm if col.kind == "time" and col.arm is not None and _measure_over_groups(doc, col.arm, row) else None
    group_rows = col.kind == "measure" or (col.kind == "time" and (col.arm is None or over is not None)
                                           and _row_is_group(doc, row))
    unit, _ = unit_of(col.name.text if col.kind == "measure" and col.name else row.name.text)
    if not unit and col.kind != "measure":
        unit, _ = unit_of(" ".join(n.text for n in row.parents))
    effect = _effect(col.detail, kinds, doc) if col.kind == "effect" else \
        _effect(row.detail, kinds, doc) if row.kind == "effect" else ""
    if "own_size" in extras and cell.form == "pair" and cell.second is not None and \
            values.fits_one_denominator([(cell.value, cell.second)], extras["own_size"]):
        count_pct = True  # `9 (23.7)` beside an n of 38: a count and its share of the group
    reading = values.read(cell, say, unit, effect, count_pct)
    if reading is None:
        return None
    if count_pct and reading.n is not None and reading.total is None and "own_size" in extras:
        reading.total = extras["own_size"]
    if col.kind == "coefficient":
        reading.statistic = "coefficient"
    elif col.kind == "measure" and reading.statistic == "value" and col.name is not None and \
            re.match(r"m[A-Z]{2,}|median|中位", col.name.text.strip(), re.I):
        reading.statistic = "median"
    scale = bool(row.parents) and col.kind == "time" and _row_is_group(doc, row)  # `ISI` over `mCoach (n = 45)`
    named_by = None if scale else (over or title) if group_rows and col.kind == "time" else \
        title if col.kind == "measure" and col.name is not None and axes.change_word(col.name) else \
        title if not row.parents and _time_row(row) and col.kind in ("arm", "value") else None  # rows `Day 1`, `Day 2`
    code, measure = _measure(t, doc, (i, j), reading, kinds, named_by)
    p = Pending(cell, reading, code, measure, row=i, col=j)
    p.details.update(reading.details)
    _place(p, t, doc, say, extras, group_rows, named_by)
    return p


def _place(p: Pending, t: Table, doc: Doc, say: set[str], extras: dict, group_rows: bool,
           named_by: Name | None) -> None:
    """What a read cell takes from its row, its column and the table's extras: CI level, p, CI, comparator,
    arm and its size, time point."""
    i, j = p.row, p.col
    row, col = t.rows[i], t.cols[j]
    if "ci" in say and "ci_low" in p.details:
        m = re.search(r"(\d+(?:\.\d+)?)\s*%\s*ci", fold(" ".join([row.name.text] + [n.text for n in col.parents]
                                                                  + ([col.name.text] if col.name else []))))
        if m:
            p.details["ci_level"] = m.group(1)
    if "p_value" in extras:
        p.details["p_value"] = extras["p_value"]
    if col.kind in ("effect",) and "ci_low" in extras and "ci_high" in extras:
        p.details.update(ci_low=extras["ci_low"], ci_high=extras["ci_high"])
    if _effect_of_group_row(t, j) and (against := roles.compared_group(col.name.text)):
        p.details["comparator"] = against  # `Risk ratio vs placebo` beside `5 mg`
    if row.kind == "effect":
        versus = _VERSUS.search(row.name.text)
        if versus:
            p.details["comparator"] = clean(doc, Name(0, 0, versus.group(1)))
    elif group_rows:
        p.arm = clean(doc, row.name) if col.kind == "time" and row.parents else _group(doc, t, i)
        if "size" in extras:
            p.details["arm_size"] = extras["size"]
    elif col.kind in ("arm", "grade", "time"):
        p.arm = _arm(doc, col)
        size = roles.size_of(col.arm.text) if col.arm is not None else None
        if size or "own_size" in extras:
            p.details["arm_size"] = size or extras["own_size"]
    if col.kind == "time":
        p.timeframe = clean(doc, col.time or col.name)
    elif col.time is not None:
        p.timeframe = clean(doc, col.time)
    elif _time_row(row) and (row.parents or named_by is not None):
        p.timeframe = clean(doc, row.name)


def _effect_of_group_row(t: Table, j: int) -> bool:
    """Column j holds effects and the rows are groups (the other value columns are measures): each cell is the
    row's group against the one the column names or the reference row."""
    return t.cols[j].kind == "effect" and t.cols[j].name is not None and any(c.kind == "measure" for c in t.cols)


def _time_row(row: Row) -> bool:
    return roles.role_of(row.name.text, row=True).role == "time"


def _effect(detail: str, kinds: set[str], doc: Doc) -> str:
    if detail == "EXPB":
        return "HR" if "survival" in kinds or doc.cox else "OR"
    return detail


def _measure_over_groups(doc: Doc, above: Name, row: Row) -> bool:
    """The name over time-point columns is a measure, not an arm: it names no group, or the row is named by a
    group word (`观察组`) while the name above is only capitals (`SAS`) and no treatment."""
    if not is_group(doc, above):
        return True
    return bool(_GROUP_WORD.search(fold(row.name.text))) and not _GROUP_WORD.search(fold(above.text)) \
        and not doc.treats(above.start, above.end)


def _row_is_group(doc: Doc, row: Row) -> bool:
    return is_group(doc, row.name)


def is_group(doc: Doc, name: Name) -> bool:
    """A row label names a group (beside time-point or measure columns) when it names a treatment, a group
    word (`group`, `placebo`, `组`) or is a short name in capitals with no unit (`CQ`, `AQ+SP`, `Drug A`)."""
    if doc.codes(name.start, name.end) or len(name.text) > 40:
        return False
    text = name.text.strip()
    if roles.size_of(text) is not None:
        return True  # a label printing its size (`mCoach (n = 45)`) is a group
    if unit_of(text)[0]:
        return False  # `IL-6 (pg/mL)` is a measure
    if doc.treats(name.start, name.end) or _GROUP_WORD.search(fold(text)):
        return True
    # a short name in capitals (`CQ`, `AQ+SP`, `Drug A`) with no unit: an arm's abbreviation
    return len(text.split()) <= 3 and "," not in text and \
        bool(re.search(r"(?<![A-Za-z])[A-Z](?:[A-Z0-9+/-]*[A-Z0-9])?(?![a-z])", text)) and \
        not re.search(r"[a-z]{3,}(?!.*\b[A-Z]\b)", text.split()[-1])


def _group(doc: Doc, t: Table, i: int) -> str:
    """A row that is a group: its factor, level and unit (`年龄/岁` + `<50` -> `年龄<50岁`)."""
    row = t.rows[i]
    level = clean(doc, row.name)
    if not row.parents:
        return level
    factor = row.parents[-1].text.strip()
    unit = ""
    m = re.match(r"(.*?)\s*/\s*([^\s/]{1,4})$", factor)
    if m:
        factor, unit = m.group(1), m.group(2)
    joined = factor + (" " if factor[-1:].isascii() and level[:1].isascii() and factor[-1:].isalnum() else "") + level
    if unit and re.search(r"\d", level):
        joined += (" " if unit.isascii() and unit.isalpha() else "") + unit
    return joined


def _title_name(title: Name) -> Name:
    """The measure a table's title names (`Knowledge score by visit, mean (SD)` -> `Knowledge score`)."""
    head = re.split(r"[,;:(，：（]", title.text, maxsplit=1)[0]
    head = re.sub(r"\s+(?:on|at|by|in|over)\s+(?:days?|weeks?|months?|visits?)\s*\d*$", "", head, flags=re.I)
    lead, tail = _title_frame(head)
    return Name(title.start + lead, title.start + tail, head[lead:tail])


def _measure(t: Table, doc: Doc, at: tuple[int, int], reading: values.Reading, kinds: set[str],
             title: Name | None) -> tuple[str, str]:
    """(code, measure) of the result in row i, column j; `title` names the measure when the rows are groups
    under time points."""
    i, j = at
    row, col = t.rows[i], t.cols[j]
    own = doc.codes(row.name.start, row.name.end)
    parents = [p for p in row.parents if not (own and doc.codes(p.start, p.end) and
                                               doc.codes(p.start, p.end)[0] != own[0])]
    if col.kind == "measure" and col.name is not None and title is not None and axes.change_word(col.name):
        names, own, parents = [_title_name(title), col.name], doc.codes(title.start, title.end), []  # `…, Change`
    elif col.kind == "measure" and col.name is not None:
        names, own, parents = [col.name], doc.codes(col.name.start, col.name.end), []
    elif title is not None:
        names = [_title_name(title)]
        own, parents = doc.codes(title.start, title.end), []
    elif _effect_of_group_row(t, j):
        names, own, parents = [col.name], doc.codes(col.name.start, col.name.end), []  # `Risk ratio vs placebo`
    elif parents and (_time_row(row) or (col.kind == "time" and _row_is_group(doc, row))):
        names = parents  # `Global health status` > `6 months`: the time point is the result's, not its measure
    else:
        names = parents + [row.name]
    text = ", ".join(x for x in (_unitless(clean(doc, n)) for n in names) if x)
    inherited = [c for p in parents for c in doc.codes(p.start, p.end)]
    code = own[0] if own else inherited[0] if inherited else ""
    if col.kind == "grade":
        grade = clean(doc, col.name)
        text += f" ({grade})" if HAN_CHAR.search(text) else f", grade {grade}"
    if col.qualifier is not None:
        text += f", {clean(doc, col.qualifier)}"
    if _effect_of_group_row(t, j):
        text += f", {clean(doc, row.name)} ({reading.details.get('effect', 'effect')})"
    elif col.kind == "effect":
        text += f" ({reading.details.get('effect', 'effect')})"
    if col.kind == "coefficient":
        text += f" ({clean(doc, col.name)})"
    code = _coded(code, bool(own), reading, kinds, col, " ".join(n.text for n in names))
    return code, text


def _title_frame(head: str) -> tuple[int, int]:
    """Where the measure stands in a Chinese table title: after its lead (`两组患者干预前后`) and before its tail
    (`比较`), words of ontology/cues/table_words.tsv `title_lead`, `title_tail`."""
    if not HAN_CHAR.search(head):
        return 0, len(head)
    m = re.match(f"(?:{cue_alternation('table_words', 'title_lead')})+", head)
    lead = m.end() if m else 0
    m = re.search(f"(?:{cue_alternation('table_words', 'title_tail')})+$", head[lead:])
    tail = lead + m.start() if m and m.start() > 0 else len(head)
    return lead, tail


def _unitless(text: str) -> str:
    """A measure without the unit its name prints (`Skin temperature [°C]`, `mOS/月`, `Median, months`)."""
    for rx in (_BRACKET, _SLASH_UNIT):
        m = rx.search(text)
        if m and unit_of(text)[1] == m.group(0):
            return text[:m.start()].strip(" ,")
    unit = unit_of(text)
    if unit[1].startswith(","):
        return text[:len(text) - len(unit[1])].strip(" ,")
    return re.sub(r"\s*,\s*(?:months?|weeks?|days?|years?|hours?)$", "", text, flags=re.I)


def _coded(code: str, own: bool, reading: values.Reading, kinds: set[str], col: Col, names: str) -> str:
    if "ae" in kinds:  # the rows of an adverse-event table are adverse events, whatever else they name
        grade = int(col.detail) if col.kind == "grade" and col.detail.isdigit() else None
        code = "SAE" if roles.serious(names) else "AE_G3" if grade is not None and grade >= 3 else \
            code if code in ("AE_G3",) else "AE"
    if not code and "survival" in kinds and (col.kind in ("effect", "coefficient") or reading.statistic == "median"):
        code = "OS"
    rate = _time_codes()
    if code in rate and reading.unit == "%":
        code = rate[code] if own else ""
    return code


# `… before RRT (°C)`, `… prior to the procedure`: the word a row label's time ends on, before its unit bracket
_BEFORE_END = re.compile(r"\b(?:before|prior to)\s+(?:the\s+)?([A-Za-z][\w-]*)\s*(?:\([^()]*\))?\s*$", re.I)


def before_treatment(label: str, text: str) -> bool:
    """Whether a row label says its values were taken before the treatment began (`Body temperature before RRT`,
    `pH prior to dialysis`): `before` then a treatment noun (table_words `treatment_noun`) or an abbreviation the
    document spells out ending on one (`renal replacement therapy (RRT)`). A label opening on a duration (`Time
    before surgery`, table_words `duration_head`) is a result."""
    m = _BEFORE_END.search(label)
    first = re.match(r"\s*(\w+)", label)
    if m is None or (first and cue_pattern("table_words", "duration_head").fullmatch(fold(first.group(1)))):
        return False
    word = m.group(1)
    if _treatment_noun(word):
        return True
    if not (word.isupper() and 2 <= len(word) <= 6):
        return False
    spelt = re.search(r"([A-Za-z][A-Za-z -]{2,60}?)\s*\(\s*" + re.escape(word) + r"\s*[);,]", text)
    return spelt is not None and _treatment_noun(spelt.group(1).split()[-1])


def _treatment_noun(word: str) -> bool:
    """`therapy`, `haemodialysis`, `haemodiafiltration`: a word ending on a table_words `treatment_noun`."""
    return fold(word).endswith(cue_words("table_words", "treatment_noun"))
