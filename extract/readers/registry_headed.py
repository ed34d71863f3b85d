"""Registry pages in the `headed` layout: a heading on its own line and its value on the lines after it, or
`Heading: value` on one line (ISRCTN and ClinicalTrials.gov web pages printed to text).

Headings are data (ontology/cues/registry_fields.tsv, layout `headed`; a trailing `(Estimated)` or colon
is dropped before looking one up). Lists are read line by line: conditions one a line, interventions as
`Type: name`, outcomes one a line (`1. ...`) or as a table `measure TAB description TAB time frame`, and
ClinicalTrials.gov's arms table (`Experimental: name`, then its description TAB its interventions).
"""
from __future__ import annotations

import re

from evkg.core.fold import fold
from evkg.core.records import ArmGroup, Field, Intervention, Outcome, TrialRecord, upper_code
from evkg.extract.readers.flat_registration import pieces
from evkg.extract.readers.registry_text import Pair, coded, design, first, labels, line_spans

# `Enrollment (Estimated)`, ANZCTR's `Primary outcome [1]`: the heading without its qualifier or number.
_QUALIFIER = re.compile(r"\s*(?:\((?:estimated|actual|anticipated)\)|\[\d{1,3}\])\s*$", re.I)
_INLINE = re.compile(r"([^:\t]{2,60}):[ \t]+(\S[^\t]*)$")
_NUMBERED = re.compile(r"\s*(?:\d{1,2}[.)]|[-•*])\s+")
_TYPED = re.compile(r"([A-Za-z][A-Za-z /_-]{1,30}):\s*(\S.*)$")
_OUTCOME_ROLES = {"primary_outcomes": "primary", "secondary_outcomes": "secondary", "other_outcomes": "exploratory"}
_ID_LINE = re.compile(r"\S+")  # a registration number alone on a line is no title


def _heading(line: str) -> str | None:
    """The field a heading line names, '' for a heading not listed, None for no heading."""
    key = fold(_QUALIFIER.sub("", line.strip().rstrip(":：")))
    return labels("headed").get(key)


def pairs(text: str, limit: int | None = None) -> list[Pair]:
    """The page's headings with their values, in order; a line no heading names goes on the value before it."""
    out: list[Pair] = []
    for s, e in line_spans(text, 0, limit):
        line = text[s:e]
        if not line.strip():
            continue
        field = _heading(line)
        inline = _INLINE.match(line) if field is None else None
        if inline and (named := _heading(inline.group(1))) is not None:
            out.append(Pair(named, s, Field.trimmed(text, s + inline.start(2), e)))
        elif field is not None:
            out.append(Pair(field, s, None))
        elif out and out[-1].field:
            last = out[-1]
            out[-1] = Pair(last.field, last.label_start, Field.trimmed(text, last.value.start if last.value else s, e))
        else:
            out.append(Pair("", s, Field.trimmed(text, s, e)))  # a line before any heading (the title) or unlisted
    return out


def _value_lines(text: str, f: Field | None) -> list[Field]:
    """The lines of a value, without their numbering (`1. `), as fields."""
    out = []
    for s, e in line_spans(text, f.start, f.end) if f else []:
        numbered = _NUMBERED.match(text, s, e)
        if (found := Field.trimmed(text, numbered.end() if numbered else s, e)) is not None:
            out.append(found)
    return out


def _cells(text: str, f: Field) -> list[Field]:
    return [c for p in pieces(text, f.start, f.end, "\t") if (c := Field.trimmed(text, *p)) is not None]


def _outcomes(text: str, found: list[Pair]) -> tuple[Outcome, ...]:
    """One outcome a line: `measure TAB description TAB time frame`, or the whole line as the measure."""
    out = []
    for p in found:
        role = _OUTCOME_ROLES.get(p.field)
        for line in _value_lines(text, p.value) if role else []:
            cells = _cells(text, line)
            if all(_heading(c.value) is not None for c in cells):
                continue  # the table's header
            timeframe = cells[-1] if len(cells) >= 3 else None
            description = cells[1] if len(cells) >= 2 else None
            out.append(Outcome(role, line.start, line.end, cells[0], description, timeframe))
    return tuple(out)


def _interventions(text: str, found: list[Pair]) -> tuple[Intervention, ...]:
    out = []
    for line in (x for p in found if p.field == "interventions" for x in _value_lines(text, p.value)):
        typed = _TYPED.match(line.value)
        if typed:
            name = Field(line.start + typed.start(2), line.end, typed.group(2))
            out.append(Intervention(upper_code(typed.group(1)), name))
    return tuple(out)


def _arms(text: str, found: list[Pair]) -> tuple[ArmGroup, ...]:
    """ClinicalTrials.gov's arms table: `Type: name`, then the description TAB the first intervention,
    then one intervention a line."""
    arms: list[dict] = []
    for line in (x for p in found if p.field == "arms_table" for x in _value_lines(text, p.value)):
        typed = _TYPED.match(line.value)
        kind = coded("arm_type", typed.group(1)) if typed else ""
        if kind:
            arms.append({"label": Field(line.start + typed.start(2), line.end, typed.group(2)), "type": kind,
                         "description": None, "interventions": []})
        elif arms:
            cells = _cells(text, line)
            if arms[-1]["description"] is None and not _TYPED.match(cells[0].value):
                arms[-1]["description"] = cells.pop(0)
            arms[-1]["interventions"] += [t.group(2) for c in cells if (t := _TYPED.match(c.value))]
    return tuple(ArmGroup(a["label"], a["type"], a["description"], tuple(a["interventions"])) for a in arms)


def record(text: str, found: list[Pair]) -> TrialRecord:
    """The record of a headed page, from its headings and values."""
    before = [p for p in found[:next((i for i, p in enumerate(found) if p.field), len(found))] if p.value]
    title = first(found, "title") or next((p.value for p in before if not _ID_LINE.fullmatch(p.value.value)), None)
    conditions = tuple(x for p in found if p.field == "condition" for x in _value_lines(text, p.value))
    return TrialRecord(title=title, official_title=first(found, "official_title"), summary=first(found, "summary"),
                       description=first(found, "description"), conditions=conditions,
                       interventions=_interventions(text, found), arms=_arms(text, found),
                       outcomes=_outcomes(text, found), design=design(found), enrollment=first(found, "enrollment"))
