"""What a cell's numbers are, once the table says it.

`19 (6.6)` is a count and its percentage (value 6.6, n 19) when the table, column or row announces
`n (%)` (`例（%）`, `[n（%）]`), when a `%` is printed, or when the column's pairs fit one denominator
(19/290 = 6.6 %, 21/293 = 7.2 %); otherwise it is a mean and its SD only where an SD is announced,
and else just the value. `7.9 (6.6−10.2)` carries a CI when a CI is announced (`Median, months (95% CI)`)
or the cell is an effect (`HR (95% CI)`), an IQR or a range when those are, and a range by default.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from evkg.extract.results.tables.cells import CellValue


@dataclass
class Reading:
    value: float
    vspan: tuple[int, int]
    unit: str = ""
    n: int | None = None
    total: int | None = None
    statistic: str = "value"
    details: dict = field(default_factory=dict)
    bound: str = ""  # `<` of `<0.001`


def _decimals(x: float, written: str = "") -> int:
    s = written or repr(x)
    return len(s.split(".", 1)[1]) if "." in s else 0


_FIT = 0.8  # share of a column's pairs that must fit (a misprint or a subgroup's denominator is allowed)


def _fits(n: float, p: float, size: int) -> bool:
    return abs(n / size * 100 - p) <= 0.5 * 10 ** -_decimals(p) + 0.051


def fits_one_denominator(pairs: list[tuple[float, float]], size: int | None = None) -> bool:
    """Whether counts and percentages `(n, p)` fit one denominator: the header's size when printed,
    else one integer shared by most of three pairs or more."""
    pairs = [(n, p) for n, p in pairs if n > 0 and 0 < p <= 100 and float(n).is_integer()]
    if size:
        return bool(pairs) and sum(_fits(n, p, size) for n, p in pairs) >= _FIT * len(pairs)
    if len(pairs) < 3:
        return False
    votes: Counter = Counter()  # each pair votes for the denominators it fits
    for n, p in pairs:
        h = 0.5 * 10 ** -_decimals(p) + 0.05
        lo, hi = max(n * 100 / (p + h), n), n * 100 / max(p - h, 1e-9)
        if hi - lo < 1000:
            votes.update(range(math.ceil(lo), math.floor(hi) + 1))
    return bool(votes) and max(votes.values()) >= _FIT * len(pairs)


def read(cell: CellValue, say: set[str], unit: str = "", effect: str = "", count_pct: bool = False) -> Reading | None:
    """The reading of one cell, given what the table announces (`say`, roles.announced) and whether
    its column's pairs fit one denominator (`count_pct`)."""
    form = cell.form
    if form in ("empty", "bounds", "opaque") or cell.value is None:
        return None
    r = Reading(cell.value, cell.vspan, unit)
    if form == "bare":
        r.unit = "%" if cell.pct else (cell.unit or unit)
        r.statistic = "proportion" if cell.pct else "count" if "count" in say and cell.value.is_integer() \
            else _stat(say)
        r.bound = cell.bound
    elif form == "pair":
        _pair(cell, r, say, count_pct)
    elif form == "sd":
        r.statistic = "mean"
        if "se" not in say:
            r.details["sd"] = cell.second_written
        if cell.pct or cell.second_pct:
            r.unit = "%"
    elif form == "interval":
        lo, hi = _interval_keys(say, effect)
        r.details.update({lo: cell.low, hi: cell.high})
        r.statistic = "median" if "median" in say and not effect else _stat(say)
        if cell.pct:
            r.unit = "%"
    elif form in ("frac_pct", "pct_frac"):
        r.unit, r.n, r.total, r.statistic = "%", cell.n, cell.total, "proportion"
    elif form == "frac":
        r.n, r.total, r.statistic = cell.n, cell.total, "count"
    if effect:
        r.details["effect"] = effect
        r.statistic = "ratio" if effect in ("HR", "OR", "RR", "IRR") else "difference"
        r.unit = "" if r.unit != "%" else r.unit
    return r


def _pair(cell: CellValue, r: Reading, say: set[str], count_pct: bool) -> None:
    a, b = cell.value, cell.second
    as_pct = cell.second_pct or (a.is_integer() and b is not None and b <= 100 and
                                 ("count_pct" in say or count_pct) and "sd" not in say)
    if as_pct and a.is_integer() and b is not None:
        r.value, r.vspan, r.n, r.unit, r.statistic = b, cell.sspan, int(a), "%", "proportion"
    elif "sd" in say and b is not None:
        r.details["sd"] = cell.second_written
        r.statistic = "mean"
    elif "percent" in say and cell.pct:
        r.unit, r.statistic = "%", "proportion"
    else:
        r.statistic = _stat(say)


def _interval_keys(say: set[str], effect: str) -> tuple[str, str]:
    if effect or "ci" in say:
        return "ci_low", "ci_high"
    if "iqr" in say:
        return "iqr_low", "iqr_high"
    return "range_low", "range_high"


def _stat(say: set[str]) -> str:
    for s in ("median", "mean"):
        if s in say:
            return s
    return "value"
