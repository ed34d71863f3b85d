"""The data model: documents, spans, provenance and facts.

A `Provenance` can only be obtained from a `Span`, and a `Span` only from a
`Document`, so every fact's quote is by construction `doc.text[start:end]`.
"""
from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from evkg.core.details import checked_details
from evkg.core.errors import ModelError, SpanError
from evkg.core.fold import Folded
from evkg.core.records import Reference, TrialRecord
from evkg.core.text import PLAIN_NUMBER

LANGUAGES = ("zh", "en", "mixed")
DOC_TYPES = ("registration", "guideline", "consensus", "paper", "review")

# Kinds exported in the evidence table, in the spec's order.
TABLE_KINDS = ("condition", "procedure", "drug", "device", "dose", "endpoint", "outcome",
               "recommendation", "citation", "reference", "sample_size", "design")
# Kinds kept in the graph but not rows of the evidence table.
GRAPH_KINDS = ("arm", "regimen", "statement")
KINDS = TABLE_KINDS + GRAPH_KINDS
ROLES = ("", "primary", "secondary", "exploratory", "other")

_WHITESPACE = " \t\r\n\u3000\u00a0"


@dataclass(frozen=True)
class Section:
    """A titled stretch of a document, `text[start:end]`."""
    name: str
    start: int
    end: int
    title: str = ""


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    authors: tuple[str, ...] = ()
    journal: str = ""
    year: int | None = None
    doi: str = ""
    pmid: str = ""
    nct_id: str = ""
    # The title printed again in another language (a Chinese paper's English title).
    other_titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A document exactly as decoded from its file; `text` is never modified.

    A reader parses its file once and hands over what it parsed with the text: the trial
    `record` of a registration, the `references` of a reference list, the matching `view` of a
    markup file and the `pages` of a PDF. Extraction reads these fields and never goes back to
    the file. They follow from the text, so they take no part in equality or hashing.
    """
    id: str
    text: str = field(repr=False)
    path: str = ""
    language: str = "en"
    doctype: str = "paper"
    sections: tuple[Section, ...] = ()
    metadata: Metadata = Metadata()
    # Which reader built it (plain, registration-flat, ctgov-json ...): a description, stored in
    # the graph; nothing branches on it.
    layout: str = "plain"
    # Where `text` starts in the decoded file: a record of a multi-record file (PubMed set, CT.gov
    # list, JATS bundle) holds only its own slice, and file offset = base + offset in `text`.
    base: int = 0
    # The registration fields of a trial registration (None for other documents).
    record: TrialRecord | None = field(default=None, repr=False, compare=False)
    # The reference list as the reader found it: JATS `<ref>`s, or the entries of a plain text's
    # references section parsed at read time; None when no reader looked (a Document built by hand).
    references: tuple[Reference, ...] | None = field(default=None, repr=False, compare=False)
    # The matching view of a markup file (PubMed, JATS): its prose with the markup masked; None
    # for text, whose view is the folded text.
    view: Folded | None = field(default=None, repr=False, compare=False)
    # Whether lines wrap at a margin (running text, PDF): its matching view joins wrapped lines.
    # Registrations keep every line break.
    wrapped: bool = field(default=True, compare=False)
    # Offsets where the pages of a PDF start (first 0); empty for documents without pages.
    pages: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self):
        if self.language not in LANGUAGES:
            raise ModelError(f"unknown language {self.language!r}; use one of {LANGUAGES}")
        if self.doctype not in DOC_TYPES:
            raise ModelError(f"unknown document type {self.doctype!r}; use one of {DOC_TYPES}")
        if not (isinstance(self.base, int) and self.base >= 0):
            raise ModelError(f"{self.id}: offset base {self.base!r} must be a non-negative integer")
        for s in self.sections:
            if not 0 <= s.start <= s.end <= len(self.text):
                raise SpanError(f"{self.id}: section {s.name!r} [{s.start}:{s.end}] lies outside the text")

    def span(self, start: int, end: int) -> Span:
        return Span(self, start, end)

    def page_of(self, offset: int) -> int | None:
        """The 1-based page on which `offset` lies, or None for a document without pages."""
        return bisect_right(self.pages, offset) if self.pages else None

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing `offset` (the shortest; of equally short ones the
        first listed). A lookup in `_innermost`, so a reader asking once per number stays linear."""
        bounds, owners = self._innermost
        i = bisect_right(bounds, offset) - 1
        return owners[i] if 0 <= i < len(owners) else None

    @cached_property
    def _innermost(self) -> tuple[list[int], list[Section | None]]:
        """Every section boundary in order, and the innermost section over [bounds[i], bounds[i+1]).
        One sweep over the sections' starts and ends with a heap of the open ones (shortest on
        top; one that ended is dropped when it reaches the top). Cached outside the fields."""
        bounds = sorted({b for s in self.sections if s.start < s.end for b in (s.start, s.end)})
        starts: dict[int, list[tuple[int, int, Section]]] = {}
        for i, s in enumerate(self.sections):
            if s.start < s.end:
                starts.setdefault(s.start, []).append((s.end - s.start, i, s))
        owners: list[Section | None] = []
        open_: list[tuple[int, int, Section]] = []
        for b in bounds[:-1]:
            for item in starts.get(b, ()):
                heapq.heappush(open_, item)
            while open_ and open_[0][2].end <= b:
                heapq.heappop(open_)
            owners.append(open_[0][2] if open_ else None)
        return bounds, owners


@dataclass(frozen=True)
class Span:
    """`doc.text[start:end]`; checked on creation."""
    doc: Document = field(repr=False, compare=False)
    start: int
    end: int
    doc_id: str = field(init=False)

    def __post_init__(self):
        if not (isinstance(self.start, int) and isinstance(self.end, int)
                and 0 <= self.start <= self.end <= len(self.doc.text)):
            raise SpanError(f"{self.doc.id}: span [{self.start}:{self.end}] lies outside a text "
                            f"of {len(self.doc.text)} characters")
        object.__setattr__(self, "doc_id", self.doc.id)

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    def strip(self, chars: str = _WHITESPACE) -> Span:
        """The same span without leading and trailing `chars` (whitespace by default)."""
        t = self.text
        lead = len(t) - len(t.lstrip(chars))
        trail = len(t) - len(t.rstrip(chars))
        if lead == len(t):
            return Span(self.doc, self.start, self.start)
        return Span(self.doc, self.start + lead, self.end - trail)

    def provenance(self, extractor: str, version: str) -> Provenance:
        # Leading bullets and formula characters carry nothing and would be escaped in exports; the
        # sign of a number quoted alone (`-4.1`) is the number's, and no spreadsheet runs it.
        span = self.strip()
        if PLAIN_NUMBER.fullmatch(span.text):
            return Provenance(span, extractor, version)
        return Provenance(span.strip(_WHITESPACE + "-=+@*•·"), extractor, version)


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: a non-empty span and the extractor that read it (INDRA's Evidence)."""
    span: Span
    extractor: str
    version: str

    def __post_init__(self):
        if not isinstance(self.span, Span):
            raise ModelError("provenance must be made from a Span of a document")
        if self.span.start == self.span.end:
            raise SpanError(f"{self.span.doc_id}: empty span at {self.span.start} cannot be provenance")

    @property
    def doc_id(self) -> str:
        return self.span.doc_id

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def quote(self) -> str:
        return self.span.text


@dataclass(frozen=True)
class Fact:
    """One extracted fact with the evidence-table fields that apply to its kind.

    `details` carries kind-specific extras (CI, p-value, route, a reference's title ...) as
    sorted (key, value) pairs, given as a dict or pairs; each key is declared in
    ontology/details.tsv with its type and the kinds that may carry it (core/details.py).
    """
    kind: str
    provenance: Provenance
    name: str = ""
    value: float | None = None
    unit: str = ""
    n: int | None = None
    total: int | None = None
    arm: str = ""
    role: str = ""
    timeframe: str = ""
    criteria: str = ""
    level: str = ""
    strength: str = ""
    system: str = ""
    ref: str = ""
    details: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ModelError(f"unknown fact kind {self.kind!r}; use one of {KINDS}")
        if self.role not in ROLES:
            raise ModelError(f"unknown endpoint role {self.role!r}; use one of {ROLES[1:]}")
        if not isinstance(self.provenance, Provenance):
            raise ModelError("a fact needs a Provenance made from a document span")
        if self.value is not None and not isinstance(self.value, (int, float)):
            raise ModelError(f"fact value must be a number, not {self.value!r}")
        object.__setattr__(self, "details", checked_details(self.kind, self.details))

    @property
    def doc_id(self) -> str:
        return self.provenance.doc_id

    def detail(self, key: str, default: Any = "") -> Any:
        """The value of one detail (of its declared type), or `default` when the fact has none."""
        return dict(self.details).get(key, default)
