"""What readers parse out of a file besides its text: a trial's registration record and the
entries of a reference list, each located in the document text.

Pure data (no parsing here): readers build them once and hand them over on the `Document`
(`Document.record`, `Document.references`), so extraction never goes back to the file.

A `TrialRecord` is one trial registration, whatever file it came from: the flat layout,
ClinicalTrials.gov JSON and the legacy XML each parse into one, so the registration plugins
read one structure and give the same facts for the same trial. Every `Field` is a stretch of
`doc.text` (for JSON and XML the raw, still escaped value in the file) and its decoded value.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    start: int
    end: int
    value: str

    @classmethod
    def trimmed(cls, text: str, start: int, end: int) -> Field | None:
        """text[start:end] without the spaces at its ends, as a field of the file's text; None when nothing is left."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(start, end, text[start:end]) if end > start else None


@dataclass(frozen=True)
class Intervention:
    type: str  # DRUG, DEVICE, PROCEDURE ... (upper case, underscores)
    name: Field
    description: Field | None = None


@dataclass(frozen=True)
class ArmGroup:
    """An arm group as registered: its label, type, description and the interventions it receives."""
    label: Field
    type: str = ""  # EXPERIMENTAL, ACTIVE_COMPARATOR ...
    description: Field | None = None
    interventions: tuple[str, ...] = ()  # intervention names as written, without their type prefix
    size: Field | None = None  # the group's planned size, when the registry prints one (ChiCTR)


@dataclass(frozen=True)
class Outcome:
    """A registered outcome measure; `start`, `end` cover the whole item."""
    role: str  # primary / secondary / exploratory
    start: int
    end: int
    measure: Field
    description: Field | None = None
    timeframe: Field | None = None
    other_measure: Field | None = None  # the measure's name in the registry's other language (ChiCTR)


@dataclass(frozen=True)
class Measurement:
    """One group's number in a results table."""
    group: str  # the group's title, as written
    value: Field
    category: str = ""  # the row of the results table (`Complete Response`), when it has several
    total: int | None = None
    lower: str = ""
    upper: str = ""


@dataclass(frozen=True)
class Analysis:
    """A statistical comparison between groups (hazard ratio, p-value ...)."""
    groups: tuple[str, ...]
    param_type: str = ""
    value: Field | None = None
    p_value: Field | None = None
    ci_low: str = ""
    ci_high: str = ""


@dataclass(frozen=True)
class ResultMeasure:
    role: str
    title: Field
    description: Field | None = None
    timeframe: Field | None = None
    unit: str = ""  # unit of measure, as written
    param: str = ""  # MEDIAN, MEAN, COUNT_OF_PARTICIPANTS ...
    dispersion: str = ""  # 95% Confidence Interval, Standard Deviation ...
    measurements: tuple[Measurement, ...] = ()
    analyses: tuple[Analysis, ...] = ()


@dataclass(frozen=True)
class Design:
    """Design fields as registered; values upper case with underscores (RANDOMIZED, NA ...)."""
    study_type: Field | None = None
    allocation: Field | None = None
    model: Field | None = None
    masking: Field | None = None
    time_perspective: Field | None = None
    patient_registry: bool = False
    phases: tuple[Field, ...] = ()


@dataclass(frozen=True)
class TrialRecord:
    nct_id: str = ""
    title: Field | None = None
    official_title: Field | None = None
    summary: Field | None = None
    description: Field | None = None
    conditions: tuple[Field, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    arms: tuple[ArmGroup, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    design: Design = Design()
    enrollment: Field | None = None
    enrollment_type: str = ""  # planned / actual, when registered
    results: tuple[ResultMeasure, ...] = ()

    def narrative(self) -> tuple[Field, ...]:
        """The free-text fields in which the trial names what it studies (not eligibility)."""
        fields = [self.title, self.official_title, self.summary, *self.conditions]
        for i in self.interventions:
            fields += [i.name, i.description]
        for a in self.arms:
            fields += [a.label, a.description]
        for o in self.outcomes:
            fields += [o.measure, o.other_measure, o.description, o.timeframe]
        fields.append(self.description)
        return tuple(f for f in fields if f is not None and f.end > f.start)


def upper_code(value: str) -> str:
    """Registry enumerations in one spelling: 'Non-Randomized' and 'NON_RANDOMIZED', 'N/A' and 'NA' alike."""
    return "_".join(value.replace("/", "").replace("-", " ").upper().split())


@dataclass(frozen=True)
class Reference:
    """One entry of a reference list: its number, its span in the document and its bibliographic fields."""
    number: int
    start: int
    end: int
    first_author: str
    year: int | None
    authors: str = ""
    title: str = ""
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    pub_type: str = ""

    def details(self) -> dict[str, str]:
        fields = {"authors": self.authors, "title": self.title, "journal": self.journal, "volume": self.volume,
                  "issue": self.issue, "pages": self.pages, "doi": self.doi, "pmid": self.pmid,
                  "pub_type": self.pub_type}
        return {k: v for k, v in fields.items() if v}
