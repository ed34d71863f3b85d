"""Trial registrations in the flat layout: one field per line, items separated by `|`.

The lines are, in order: title; brief summary; conditions; interventions
(`TYPE: name|TYPE: name`); primary, secondary and other outcomes (`measure,
description, time frame|...`); detailed description (the rest of the file).
An empty field's line may be missing, so lines are placed by their content and
by position: an interventions line has `TYPE:` items, an outcome line has items
whose last comma field is a time frame, and free text fills the slots before them.
"""
from __future__ import annotations

import re
from pathlib import Path

from evkg.core.model import Document, Section
from evkg.core.records import Field, Intervention, Outcome, TrialRecord
from evkg.extract.readers import detect
from evkg.extract.readers.plain import metadata

LAYOUT = "registration-flat"
SLOTS = ("title", "summary", "conditions", "interventions", "primary_outcomes",
         "secondary_outcomes", "other_outcomes", "description")
OUTCOME_ROLES = {"primary_outcomes": "primary", "secondary_outcomes": "secondary",
                 "other_outcomes": "exploratory"}
_FIRST_OUTCOME = SLOTS.index("primary_outcomes")
_LAST_OUTCOME = SLOTS.index("other_outcomes")
_DESCRIPTION = SLOTS.index("description")

# ClinicalTrials.gov intervention types.
INTERVENTION_TYPES = ("DRUG", "DEVICE", "BIOLOGICAL", "PROCEDURE", "RADIATION", "BEHAVIORAL", "GENETIC",
                      "DIETARY_SUPPLEMENT", "COMBINATION_PRODUCT", "DIAGNOSTIC_TEST", "OTHER")
_INTERVENTION = re.compile(r"\s*(" + "|".join(INTERVENTION_TYPES) + r")\s*:\s*(?=\S)")
# A time frame names a duration or a time point; a bare number (a postcode, a year) is not one.
_DURATION = r"\d+(?:\.\d+)?\s*-?\s*(?:hours?|days?|weeks?|months?|years?|cycles?|h|d|wk|mo)\b"
_TIME_POINT = r"baseline|up to|until|through|end of (?:study|treatment)|(?:day|week|month|year|cycle) \d+"
_SPAN_ADJECTIVE = r"\d+-(?:day|week|month|year)"
_TIMEFRAME = re.compile(rf"{_DURATION}|\b(?:{_TIME_POINT}|{_SPAN_ADJECTIVE})", re.I)
_MAX_TIMEFRAME = 160
_SENTENCE_END = re.compile(r"[.!?。！？]\s*$")
_MAX_CONDITION = 120
_MAX_TITLE = 400


def pieces(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """(start, end) of the `sep`-separated pieces of text[start:end]."""
    out, s = [], start
    for m in re.finditer(re.escape(sep), text[start:end]):
        out.append((s, start + m.start()))
        s = start + m.end()
    out.append((s, end))
    return out


def _outcome_fields(text: str, start: int, end: int) -> tuple[Field | None, Field | None, Field | None]:
    """(measure, description, time frame): descriptions hold commas, so the measure is the
    first comma field and the time frame the last, when it reads as one."""
    commas = pieces(text, start, end, ",")
    last = Field.trimmed(text, *commas[-1])
    if len(commas) == 1 or last is None or not _is_timeframe(last.value):
        rest = Field.trimmed(text, commas[1][0], end) if len(commas) > 1 else None
        return Field.trimmed(text, *commas[0]), rest, None
    middle = Field.trimmed(text, commas[1][0], commas[-2][1]) if len(commas) > 2 else None
    return Field.trimmed(text, *commas[0]), middle, last


def _is_timeframe(s: str) -> bool:
    """A time frame names a time and ends without a full stop: a summary's last clause (`..., improves
    control over 24 weeks in adults.`) names a time too, but ends a sentence."""
    return len(s) <= _MAX_TIMEFRAME and bool(_TIMEFRAME.search(s)) and not _SENTENCE_END.search(s)


def _classify(line: str) -> str:
    """interventions / outcomes / conditions / text, from the line's items."""
    items = [it for it in line.split("|") if it.strip()]
    if items and all(_INTERVENTION.match(it) for it in items):
        return "interventions"
    with_time = sum(1 for it in items if "," in it and _is_timeframe(it.rsplit(",", 1)[1].strip()))
    if with_time and with_time * 2 >= len(items):
        return "outcomes"
    if all(len(it.strip()) <= _MAX_CONDITION and not re.search(r"[.!?;。](?:\s|$)", it) for it in items):
        return "conditions"
    return "text"


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


def parse_slots(text: str) -> dict[str, tuple[int, int]] | None:
    """Slot name -> (start, end) of its line(s); None when the text is not in the flat layout."""
    lines = _lines(text)
    kinds = [_classify(text[s:e]) if text[s:e].strip() else "" for s, e in lines]
    found: dict[str, tuple[int, int]] = {}
    slot = 0
    for k, (s, e) in enumerate(lines):
        kind = kinds[k]
        if slot == _DESCRIPTION:
            found["description"] = (s, len(text))
            break
        if not kind:
            slot += slot > 0  # an empty field kept as an empty line
            continue
        if slot == 0:
            if e - s > _MAX_TITLE or kind in ("interventions", "outcomes"):
                return None
            found["title"], slot = (s, e), 1
        elif kind == "interventions" and slot <= SLOTS.index("interventions"):
            found["interventions"], slot = (s, e), _FIRST_OUTCOME
        elif kind == "outcomes" and slot <= _LAST_OUTCOME:
            slot = max(slot, _FIRST_OUTCOME)
            found[SLOTS[slot]], slot = (s, e), slot + 1
        elif slot == 1 and not (kind == "conditions" and _next_is_structured(kinds, k)):
            found["summary"], slot = (s, e), 2
        elif slot <= 2 and kind == "conditions":
            found["conditions"], slot = (s, e), 3
        else:
            found["description"] = (s, len(text))
            break
    structured = {"interventions", *OUTCOME_ROLES}
    return found if "title" in found and structured & found.keys() else None


def _next_is_structured(kinds: list[str], k: int) -> bool:
    later = [kd for kd in kinds[k + 1:] if kd]
    return bool(later) and later[0] in ("interventions", "outcomes")


def looks_like_registration(text: str) -> bool:
    """True when the text is a registration in the flat layout."""
    return parse_slots(text) is not None


def read_registration_flat(path: Path, text: str) -> Document:
    slots = parse_slots(text) or {}
    sections = []
    for name in SLOTS:
        if name in slots and (f := Field.trimmed(text, *slots[name])):
            sections.append(Section(name, f.start, f.end))
    meta = metadata(text)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype="registration", sections=tuple(sections), metadata=meta, layout=LAYOUT,
                    record=flat_record(text, {s.name: s for s in sections}, meta.nct_id), references=(),
                    wrapped=False)


def flat_record(text: str, sections: dict[str, Section], nct_id: str) -> TrialRecord:
    """The record of a flat-layout registration, from its sections (slot name -> section)."""
    def one(name: str) -> Field | None:
        sec = sections.get(name)
        return Field.trimmed(text, sec.start, sec.end) if sec else None

    def items(name: str) -> list[tuple[int, int]]:
        sec = sections.get(name)
        return [p for p in pieces(text, sec.start, sec.end, "|") if text[p[0]:p[1]].strip()] if sec else []

    interventions = []
    for s, e in items("interventions"):
        m = _INTERVENTION.match(text, s, e)
        name = Field.trimmed(text, m.end() if m else s, e)
        if name:
            interventions.append(Intervention(m.group(1) if m else "OTHER", name))
    outcomes = []
    for slot, role in OUTCOME_ROLES.items():
        for s, e in items(slot):
            measure, description, timeframe = _outcome_fields(text, s, e)
            if measure:
                whole = Field.trimmed(text, s, e)
                outcomes.append(Outcome(role, whole.start, whole.end, measure, description, timeframe))
    return TrialRecord(nct_id=nct_id, title=one("title"), summary=one("summary"),
                       description=one("description"),
                       conditions=tuple(f for p in items("conditions") if (f := Field.trimmed(text, *p))),
                       interventions=tuple(interventions), outcomes=tuple(outcomes))
