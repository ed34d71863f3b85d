"""Numbers and units as papers print them, matched on the folded view.

Units come from ontology/cues/units.tsv. A dose unit may be typeset in LaTeX
(`$130\\text{ mg}/\\text{m}^2$`), so markup is tolerated between a unit's parts.
"""
from __future__ import annotations

import re
from functools import cache

from evkg.extract.vocabulary.cues import cue_table as table

# `0·62` (the Lancet's middle dot) is a decimal point like `0.62`.
NUM = r"\d+(?:[.·]\d+)?"
# `2 400 mg/m²`: a space as thousands separator, only where a unit must follow.
NUM_SPACED = r"\d{1,3}(?: \d{3})+(?!\d)|\d+(?:\.\d+)?"
_MARKUP = r"(?:\\(?:text|mathrm|rm)\s*\{|[{}$^ ])*"
# A unit ends where no letter, `/` or `·` continues it (`g·L-1`, `mL·min-1`, `mg/支` are not doses).
# A time unit written in Chinese (`个月`) ends at its last character: `9.5个月vs 6.2个月`.
_UNIT_END = {"dose": r"(?![a-z/·∶:])", "time": r"(?![a-z])", "percent": "", "quantity": r"(?![a-z/])"}


def to_float(s: str) -> float:
    return float(s.replace(" ", "").replace(",", "").replace("·", "."))


def _tokens(written: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+|[^\sa-z\d]", written)


@cache
def unit_regex(*measures: str) -> re.Pattern:
    """Alternation of the written units of these measures, longest first; group `u<i>` names the row."""
    rows = [(i, r) for i, r in enumerate(table("units")) if r[2] in measures]
    rows.sort(key=lambda ir: -len(ir[1][0]))
    alts = []
    for i, (written, _, measure, *_) in rows:
        body = _MARKUP.join(re.escape(t) for t in _tokens(written.lower()))
        end = _UNIT_END[measure] if measure == "dose" or written[-1:].isascii() else ""
        alts.append(f"(?P<u{i}>{body}){end}")
    return re.compile("|".join(alts))


def unit_of(m: re.Match) -> tuple[str, str]:
    """(normalized unit, measure) of a match of `unit_regex`."""
    row = table("units")[int(m.lastgroup[1:])]
    return row[1], row[2]


def unit_at(key: str, pos: int, *measures: str) -> tuple[int, str, str] | None:
    """(end, unit, measure) when a unit of these measures starts at `pos` (after markup and spaces)."""
    lead = re.compile(_MARKUP).match(key, pos)
    m = unit_regex(*measures).match(key, lead.end())
    if not m or m.end() == lead.end():
        return None
    unit, measure = unit_of(m)
    return m.end(), unit, measure


def in_range(key: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) is one bound of a range (`15%~25%`, `1.9~3.7 个月`)."""
    after = re.match(r"\s*%?\s*[~-]\s*\d", key[end:end + 8])
    before = re.search(r"\d\s*%?\s*~\s*$", key[max(0, start - 8):start])
    return bool(after or before)
