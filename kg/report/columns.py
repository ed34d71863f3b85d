"""The evidence table's columns, a fact as a row of them, and the one rule for a cell a
spreadsheet would run as a formula (the CSV and the workbook both apply it)."""
from __future__ import annotations

from evkg.core.model import Fact
from evkg.core.text import PLAIN_NUMBER
from evkg.kg.graph.terms import format_number

COLUMNS = ("doc", "kind", "name", "value", "unit", "n", "total", "arm", "role", "timeframe",
           "criteria", "level", "strength", "system", "ref", "quote", "start", "end")
# Columns after the spec's: the result a mention belongs to and what a reviewer extracts for it.
EXTRA_COLUMNS = ("result", "study", "section", "measure", "statistic", "effect", "ci_low", "ci_high", "ci_level",
                 "p_value", "comparator", "arm_size", "comparator_size", "sd", "source", "source_name",
                 "interventions")
TABLE_COLUMNS = COLUMNS + EXTRA_COLUMNS
NUMERIC = {"value", "n", "total", "start", "end"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def fact_row(f: Fact) -> dict[str, str]:
    """The spec's columns of a fact read in memory (`evkg extract`, before anything is stored)."""
    p = f.provenance
    return {"doc": p.doc_id, "kind": f.kind, "name": f.name, "value": format_number(f.value),
            "unit": f.unit, "n": format_number(f.n), "total": format_number(f.total), "arm": f.arm,
            "role": f.role, "timeframe": f.timeframe, "criteria": f.criteria, "level": f.level,
            "strength": f.strength, "system": f.system, "ref": f.ref, "quote": p.quote,
            "start": str(p.start), "end": str(p.end)}


def safe_cell(column: str, value: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (a number stays a number)."""
    if column not in NUMERIC and value.startswith(_FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
