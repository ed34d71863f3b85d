"""Trial registry pages exported or printed to text, in either layout registry_fields.tsv knows:
`pairs` (ChiCTR: `label: TAB value`, registry_text.py) or `headed` (ISRCTN and ClinicalTrials.gov web
pages: a heading on its own line, its value on the lines after it; registry_headed.py). Each parses the page
once into a `TrialRecord` handed over on the Document.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from evkg.core.model import Document, Metadata, Section
from evkg.core.records import TrialRecord
from evkg.extract.readers import detect
from evkg.extract.readers import registry_headed as headed
from evkg.extract.readers import registry_labelled as labelled
from evkg.extract.readers import registry_labels as labels
from evkg.extract.readers import registry_text as paired

LAYOUT = "registration-registry-text"
_HEAD = 8000  # a page shows its registration fields in its first lines
# (layout, fewest distinct listed fields, fewest of them only a registration has): a protocol paper may head
# `Study design`, `Intervention` and `Primary outcome measures` too, but no enrolment with allocation.
_LAYOUTS = (("pairs", 4, 1), ("headed", 6, 2))
_REGISTRY_ONLY = {"id", "design", "outcome", "primary_outcomes", "enrollment", "arm", "allocation", "arms_table"}


def _pairs(layout: str, text: str, limit: int | None = None) -> list[paired.Pair]:
    return paired.pairs(text, limit) if layout == "pairs" else headed.pairs(text, limit)


# The reader asks once whether a text is a registry page, then reads it: the page's head is parsed once.
@lru_cache(maxsize=1)
def layout_of(text: str) -> str:
    """The layout whose listed labels the text's first lines show, with fields only a registration has; ''."""
    for layout, least, registry in _LAYOUTS:
        fields = {p.field for p in _pairs(layout, text, _HEAD) if p.field and p.field != "-"}
        if len(fields) >= least and len(fields & _REGISTRY_ONLY) >= registry:
            return layout
    return "labelled" if _labelled(text) else ""


# A page of another registry: the WHO data set's items, a title or registration number among them, and fields
# only a registration has (a protocol paper heads `Primary outcome` and `Sample size` too, but no public title).
_WHO_LEAST = 6
_WHO_NAMED = {"id", "title", "official_title"}
_WHO_REGISTRY = {"enrollment", "primary_outcomes", "secondary_outcomes", "outcomes", "study_type", "allocation",
                 "condition", "eligibility", "phase", "interventions"}
_WHO_REGISTRY_LEAST = 3


def _labelled(text: str) -> bool:
    items = {en.item for en in labels.entries(text, _HEAD)} - {"-", "", "heading", "table"}
    return len(items) >= _WHO_LEAST and bool(items & _WHO_NAMED) and len(items & _WHO_REGISTRY) >= _WHO_REGISTRY_LEAST


def _completeness(record: TrialRecord) -> int:
    """How much of a registration a reading found: its outcomes, size, arms and (a few) conditions."""
    return len(record.outcomes) + 2 * bool(record.enrollment) + min(len(record.conditions), 3) + len(record.arms)


def looks_like_registry_page(text: str) -> bool:
    return bool(layout_of(text))


def read_registry_page(path: Path, text: str) -> Document:
    layout = layout_of(text)
    if layout == "labelled":
        return _read_labelled(path, text, *labelled.read_record(text))
    found = _pairs(layout, text)
    record = paired.registry_record(found) if layout == "pairs" else headed.record(text, found)
    if _labelled(text):
        other, entries = labelled.read_record(text)
        if _completeness(other) > _completeness(record):  # the labels it knows are a registry's, the page another's
            return _read_labelled(path, text, other, entries)
    sections = tuple(Section(p.field, p.value.start, p.value.end) for p in found
                     if p.field in paired.SECTION_FIELDS and p.value)
    heading = record.title or record.official_title
    title = heading.value if heading else ""
    others = tuple(p.value.value for p in found if p.field == "other_title" and p.value)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype="registration", sections=sections, layout=LAYOUT, references=(), wrapped=False,
                    metadata=Metadata(title=title, other_titles=others), record=record)


def _read_labelled(path: Path, text: str, record: TrialRecord, found: list[labels.Entry]) -> Document:
    sections = tuple(Section(en.item, en.value.start, en.value.end) for en in found
                     if en.item in paired.SECTION_FIELDS and en.value)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype="registration", sections=sections, layout=LAYOUT, references=(), wrapped=False,
                    metadata=Metadata(title=record.title.value if record.title else "",
                                      other_titles=labelled.other_titles(found)), record=record)
