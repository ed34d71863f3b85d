"""The evidence table: its columns, a fact as a row, and safe CSV writing."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Mapping

from evkg.core.model import Fact
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
    p = f.provenance
    return {"doc": p.doc_id, "kind": f.kind, "name": f.name, "value": format_number(f.value),
            "unit": f.unit, "n": format_number(f.n), "total": format_number(f.total), "arm": f.arm,
            "role": f.role, "timeframe": f.timeframe, "criteria": f.criteria, "level": f.level,
            "strength": f.strength, "system": f.system, "ref": f.ref, "quote": p.quote,
            "start": str(p.start), "end": str(p.end)}


def safe_cell(column: str, value: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if column not in NUMERIC and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[Mapping[str, str]], out: Path, columns: tuple[str, ...] = COLUMNS) -> int:
    """UTF-8 with BOM so spreadsheets show Chinese; returns the number of rows written."""
    count = 0
    with Path(out).open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for row in rows:
            w.writerow([safe_cell(c, row.get(c) or "") for c in columns])
            count += 1
    return count
