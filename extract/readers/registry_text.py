"""Registry pages in the `pairs` layout: one `label: TAB value` per field (ChiCTR, Chinese and English); the
pairs, registry words and record fields both layouts share (registry_page.py reads a page).

A line holds one or more pairs (`组别：TAB 试验组 TAB 样本量：TAB 88`); a line without a label goes on
the value before it (numbered criteria). The labels and the field each names are data
(ontology/cues/registry_fields.tsv), as are the registry's words for its design and outcome types
(registry_values.tsv, mapped to ClinicalTrials.gov's enumerations). The page is parsed once into a
`TrialRecord`: groups with their size and intervention, outcome blocks (name, name in the other
language, type, time point, method), the design and size fields; the eligibility criteria are kept
out of the record's narrative, so what only they name is not what the trial studies.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from evkg.core.fold import fold
from evkg.core.namespace import ONTOLOGY_DIR
from evkg.core.records import ArmGroup, Design, Field, Intervention, Outcome, TrialRecord

# A label not listed counts when a colon and a tab end it; its value runs to the next label or the line's end.
_PAIR = re.compile(r"(?:^|(?<=\t))([^\t\n:：]{1,120}?)\s*[:：][ \t]*\t[ \t]*", re.M)
SECTION_FIELDS = ("title", "official_title", "other_title", "condition", "summary", "description", "eligibility")
_PHASE_NUMBER = re.compile(r"\bIV\b|\bI{1,3}\b|[ⅠⅡⅢⅣ]|\d")
_ROMAN_PHASE = {"Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4", "IV": "4", "III": "3", "II": "2", "I": "1"}


@dataclass(frozen=True)
class Pair:
    field: str  # the field the label names, '' for a label not listed
    label_start: int
    value: Field | None


def read_table(name: str) -> list[list[str]]:
    with (ONTOLOGY_DIR / "cues" / f"{name}.tsv").open(encoding="utf-8", newline="") as fh:
        return [r for r in list(csv.reader(fh, delimiter="\t"))[1:] if r and r[0].strip()]


@cache
def labels(layout: str) -> dict[str, str]:
    """Folded label -> field of one layout (`pairs`, `headed`). Read here rather than through vocabulary/
    (readers may not import it)."""
    return {fold(r[0]).strip(): r[1].strip() for r in read_table("registry_fields") if r[2].strip() == layout}


@cache
def _values() -> dict[str, list[tuple[str, str]]]:
    """Field -> (folded registry word, code), longest word first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in read_table("registry_values"):
        out.setdefault(r[1].strip(), []).append((fold(r[0]).strip(), r[2].strip()))
    return {k: sorted(v, key=lambda wc: -len(wc[0])) for k, v in out.items()}


def registry_words(field: str) -> list[tuple[str, str]]:
    """(folded word, code) of one field of registry_values.tsv, longest first."""
    return _values().get(field, [])


def coded(field: str, value: str) -> str:
    """The code of the longest registry word of `field` inside `value` (`随机平行对照` -> RANDOMIZED), or ''."""
    key = fold(value)
    return next((code for word, code in _values().get(field, ()) if word in key), "")


@cache
def _known_label() -> re.Pattern:
    """A listed label and its colon, at a line's start or after a tab or a wide space, tab or not after it
    (`注册号：ChiCTR…`, `组别：试验组  样本量：88`)."""
    words = sorted({r[0].strip() for r in read_table("registry_fields") if r[2].strip() == "pairs"}, key=len,
                   reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:^|(?<=\t)|(?<=\s\s)|(?<=\u3000))({alternation})[ \t]*[:：][ \t]*", re.I | re.M)


def _labels_on(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(label start, value start, field) of the labels of one line, in order, none overlapping."""
    found = [(m.start(1), m.end(), labels("pairs").get(fold(m.group(1)).strip(), ""))
             for rx in (_known_label(), _PAIR) for m in rx.finditer(text, start, end)]
    out: list[tuple[int, int, str]] = []
    for f in sorted(found, key=lambda x: (x[0], -x[1])):
        if not out or f[0] >= out[-1][1]:
            out.append(f)
    return out


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:end], without its line break."""
    out, pos = [], start
    for line in text[start:end].splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


def pairs(text: str, limit: int | None = None) -> list[Pair]:
    """The page's pairs in order; a line without a label extends the value of the pair before it."""
    out: list[Pair] = []
    for start, end in line_spans(text, 0, limit):
        found = _labels_on(text, start, end)
        if not found:
            if out and out[-1].value is not None and text[start:end].strip():
                last = out[-1]
                out[-1] = Pair(last.field, last.label_start, Field.trimmed(text, last.value.start, end))
            continue
        for k, (label_start, value_start, field) in enumerate(found):
            value_end = found[k + 1][0] if k + 1 < len(found) else end
            out.append(Pair(field, label_start, Field.trimmed(text, value_start, value_end)))
    return out


def first(found: list[Pair], field: str) -> Field | None:
    return next((p.value for p in found if p.field == field and p.value), None)


def registry_record(found: list[Pair]) -> TrialRecord:
    """The record of a registry page, from its pairs."""
    arms, interventions = _groups(found)
    title = first(found, "title")
    official = first(found, "official_title") or first(found, "other_title")
    return TrialRecord(title=title, official_title=official, summary=first(found, "summary"),
                       description=first(found, "description"),
                       conditions=tuple(p.value for p in found if p.field == "condition" and p.value),
                       interventions=interventions, arms=arms, outcomes=_outcomes(found), design=design(found),
                       enrollment=first(found, "enrollment"))


def _groups(found: list[Pair]) -> tuple[tuple[ArmGroup, ...], tuple[Intervention, ...]]:
    """Each `group / sample size / intervention` row as an arm receiving its intervention."""
    arms, interventions = [], []
    label = size = None
    for p in found:
        if p.field == "arm":
            label, size = p.value, None
        elif p.field == "arm_size":
            size = p.value
        elif p.field == "arm_intervention" and p.value and label:
            interventions.append(Intervention("OTHER", p.value))
            arms.append(ArmGroup(label=label, interventions=(p.value.value,), size=size))
            label = None
    return tuple(arms), tuple(interventions)


def _outcomes(found: list[Pair]) -> tuple[Outcome, ...]:
    """One outcome per block that a name opens: its type, time point and method up to the next name."""
    blocks: list[list[Pair]] = []
    for p in found:
        if p.field == "outcome":
            blocks.append([p])
        elif blocks and p.field in ("outcome_other", "outcome_type", "timeframe", "outcome_method"):
            blocks[-1].append(p)
        elif p.field:
            blocks.append([])  # a listed field outside an outcome block closes it
    out = []
    for block in (b for b in blocks if b and b[0].value):
        parts = {p.field: p.value for p in block if p.value}
        role = coded("role", parts["outcome_type"].value) if "outcome_type" in parts else ""
        end = max(p.value.end for p in block if p.value)
        out.append(Outcome(role or "exploratory", block[0].label_start, end, parts["outcome"],
                           parts.get("outcome_method"), parts.get("timeframe"), parts.get("outcome_other")))
    return tuple(out)


def design(found: list[Pair]) -> Design:
    """The design fields, their values as ClinicalTrials.gov enumerates them (the span stays the registry's)."""
    def as_code(field: str, *sources: str) -> Field | None:
        for f in (first(found, source) for source in sources):
            if f and (code := coded(field, f.value)):
                return Field(f.start, f.end, code)
        return None

    phase = first(found, "phase")
    # `Ⅲ期`, `Phase II/III`: one PHASEn per number, as ClinicalTrials.gov lists them.
    numbers = [_ROMAN_PHASE.get(c, c) for c in _PHASE_NUMBER.findall(phase.value)] if phase else []
    return Design(study_type=as_code("study_type", "study_type"),
                  allocation=as_code("allocation", "allocation", "design"),
                  model=as_code("model", "model", "design"), masking=as_code("masking", "masking"),
                  phases=tuple(Field(phase.start, phase.end, f"PHASE{n}") for n in dict.fromkeys(numbers)))
