"""Rules for the running text of trial registrations (summary, description, outcome fields).

Each rule reads one field of a `TrialRecord` in document offsets; the structured
fields of JSON and XML records make most of them unnecessary, but the flat
layout states design, enrolment and doses only in prose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from evkg.core.fold import fold
from evkg.core.records import Field
from evkg.extract.text.counts import number_pattern, number_value
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_table

_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n\s*\n")

# Numbers of people as digits or words (`Seventy-two patients`, `1,200`): extract/text/counts.py.
NUMBER = number_pattern()

_PEOPLE = r"(?:patients|participants|subjects|cases|individuals|volunteers|persons|people)"
_ENROL = r"(?:enrolled|enroled|recruited|included|randomi[sz]ed|registered|accrued)"
_ABOUT = r"(?:a total of\s+|approximately\s+|about\s+|up to\s+)?"
_ENROLMENT = [
    re.compile(rf"\b(?P<num>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b[^.;]{{0,200}}?"
               rf"\b(?P<tense>will be|are to be|to be|were|was|have been|had been|are|is planned to be)\s+"
               rf"(?:\w+\s+)?{_ENROL}\b", re.I),
    re.compile(rf"\b(?:(?P<tense>plan(?:s|ned)? to|will|aims? to|expects? to)\s+)?"
               rf"(?:enrol|enroll|recruit|include|randomi[sz]e)(?:d|s)?\s+{_ABOUT}(?P<num>{NUMBER})\s+"
               rf"(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b", re.I),
    re.compile(rf"\bsample size (?:of|is|was|will be)\s+(?:\w+\s+){{0,2}}?(?P<num>{NUMBER})\b", re.I),
    # `The planned enrolment is 262 participants`, `target accrual of 120 patients`.
    re.compile(rf"\b(?P<tense>planned|target|anticipated|expected|estimated)\s+(?:enrol(?:l)?ment|accrual)\s+"
               rf"(?:of|is|will be)\s+{_ABOUT}(?P<num>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b", re.I),
]
_PLANNED = re.compile(r"will|to be|plan|aim|expect|target|anticipated|estimated", re.I)
_ACTUAL = re.compile(r"were|was|have been|had been", re.I)

_PHASE = re.compile(r"\bphase\s*(IV|I{1,3}|[1-4])(?:\s*[/-]\s*(?:phase\s*)?(IV|I{1,3}|[1-4]))?\b", re.I)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_MASKING = (("none", re.compile(r"\bopen[- ]label\b", re.I)), ("single", re.compile(r"\bsingle[- ]blind", re.I)),
            ("double", re.compile(r"\bdouble[- ]blind", re.I)), ("triple", re.compile(r"\btriple[- ]blind", re.I)))

_ENDPOINT_NOUN = r"(?:end[\s-]?points?|outcomes?(?:\s+measures?)?|objectives?|aims?)"
_CRITERIA_VERSION = re.compile(r"\s*\)?\s*(?:v|ver\.?|version)?\s*(\d+)(?:\.(\d+))?")


def sentences(text: str, f: Field) -> list[tuple[int, int]]:
    """Sentences of a field: (start, end) in document offsets."""
    out, s = [], f.start
    for m in _SENTENCE_END.finditer(text, f.start, f.end):
        out.append((s, m.end()))
        s = m.end()
    out.append((s, f.end))
    return [(a, b) for a, b in out if text[a:b].strip()]


_BLOCK_END = re.compile(r"\n\s*\n")


def exclusions(text: str, fields) -> list[tuple[int, int]]:
    """What the fields say of exclusion criteria: a sentence with the cue (`Key exclusion criteria are ...`),
    or a heading ending its line (`Exclusion Criteria:`) and its list, up to the next blank line."""
    cue = cue_pattern("eligibility", "exclusion")
    out = []
    for f in fields:
        for s, e in sentences(text, f):
            m = cue.search(fold(text[s:e]))
            if not m:
                continue
            line_end = text.find("\n", s + m.end(), f.end)
            if line_end >= 0 and not text[s + m.end():line_end].strip(" \t:："):
                block = _BLOCK_END.search(text, line_end, f.end)
                e = block.start() if block else f.end
            out.append((s, e))
    return out


def speaks_of_itself(text: str, start: int, end: int) -> bool:
    """`This trial was designed to ...`, `本研究`: the sentence speaks of the registered trial."""
    return bool(cue_pattern("study_size", "self").search(fold(text[start:end])))


def speaks_of_others(text: str, start: int, end: int) -> bool:
    """A sentence about other studies (`Wang et al`) or studies to come (`further trials are needed`)."""
    key = fold(text[start:end])
    others = cue_pattern("study_size", "other_study")
    return bool(others.search(key) or cue_pattern("design_words", "future").search(key))


_OTHERS_AFTER = 24  # characters between a design word and the plural noun that makes it other studies'


def names_other_studies(text: str, end: int) -> bool:
    """A design word on a plural noun names other studies (`retrospective series`, `randomised trials`): a
    registration speaks of its own study in the singular."""
    return bool(cue_pattern("design_words", "others").match(fold(text[end:end + _OTHERS_AFTER]).lstrip(" ,-")))


def words_to_int(s: str) -> int | None:
    """`72`, `1,200`, `Seventy-two`, `one hundred and twenty` as an integer."""
    return number_value(s)


@dataclass(frozen=True)
class Enrolment:
    value: int
    start: int
    end: int
    status: str  # planned / actual / ''


def enrolment_in(text: str, f: Field) -> Enrolment | None:
    """The first sentence stating how many patients the study enrols."""
    for rx in _ENROLMENT:
        m = rx.search(text, f.start, f.end)
        if m and (value := words_to_int(m.group("num"))):
            tense = m.groupdict().get("tense") or ""
            status = "planned" if _PLANNED.search(tense) else "actual" if _ACTUAL.search(tense) else ""
            return Enrolment(value, m.start(), m.end(), status)
    return None


def phase_in(text: str) -> str:
    """`2`, `2/3` from `Phase II`, `phase 2/3`; '' when not stated."""
    m = _PHASE.search(text)
    if not m:
        return ""
    parts = [_ROMAN.get(p.lower(), p) for p in m.groups() if p]
    return "/".join(parts)


def phase_at(text: str, f: Field) -> tuple[int, int] | None:
    """(start, end) of the first trial phase a field names (`phase 2`, `Phase II/III`)."""
    m = _PHASE.search(text, f.start, f.end)
    return (m.start(), m.end()) if m else None


def masking_in(text: str) -> str:
    return next((name for name, rx in _MASKING if rx.search(text)), "")


@cache
def _role_pattern() -> re.Pattern:
    qualifier = r"(?:(?:efficacy|safety|study|trial)\s+)?"
    return re.compile(rf"\b(?P<role>{cue_alternation('endpoint_roles')})\s+{qualifier}{_ENDPOINT_NOUN}\b", re.I)


def role_scopes(text: str, f: Field) -> list[tuple[str, int, int, int]]:
    """(role, cue start, scope start, scope end): where a narrative restates endpoints of a role.

    A heading (`2. Secondary Objectives:` ending its line) rules until the next such cue;
    a cue inside a sentence (`The primary end point of this study is ...`) rules the rest of it.
    """
    roles = {fold(r[0]): r[1] for r in cue_table("endpoint_roles")}
    cues = list(_role_pattern().finditer(text, f.start, f.end))
    out = []
    for i, m in enumerate(cues):
        role = roles[fold(m.group("role"))]
        line_end = text.find("\n", m.end(), f.end)
        line_end = f.end if line_end < 0 else line_end
        if not text[m.end():line_end].strip(" \t:：-"):
            end = cues[i + 1].start() if i + 1 < len(cues) else f.end
        else:
            stop = _SENTENCE_END.search(text, m.end(), f.end)
            end = stop.start() if stop else f.end
            if i + 1 < len(cues):
                end = min(end, cues[i + 1].start())
        out.append((role, m.start(), m.end(), end))
    return out


def criteria_in(text: str) -> tuple[str, ...]:
    """Response / toxicity criteria named in a text, with their version (`RECIST 1.1`, `CTCAE 5.0`)."""
    key = fold(text)
    written = {fold(r[0]): r[1] for r in cue_table("criteria")}
    found: list[str] = []
    for m in cue_pattern("criteria").finditer(key):
        name = written.get(m.group(0), "")
        v = _CRITERIA_VERSION.match(key, m.end())
        if name == "RECIST" and v and v.group(2):
            name = f"RECIST {v.group(1)}.{v.group(2)}"
        elif name == "CTCAE" and v:
            name = f"CTCAE {v.group(1)}.0"
        if name and name not in found:
            found.append(name)
    # A bare family name adds nothing when a versioned one was found.
    return tuple(n for n in found if not any(o != n and o.startswith(n + " ") for o in found))


@cache
def _arm_pattern() -> re.Pattern:
    # `treatment group`, or a group by letter or number (`arm B`, `group II`).
    named = rf"(?:{cue_alternation('arm_heads')})\s+(?:group|arm|cohort)"
    lettered = r"(?:group|arm|cohort)\s+(?:[A-D]|[1-4]|I{1,3})"
    return re.compile(rf"\b(?:{named}|{lettered}\b)", re.I)


def arm_before(text: str, sentence_start: int, pos: int) -> str:
    """The arm named last before `pos` in its sentence (`the experimental group received ...`), as written."""
    found = list(_arm_pattern().finditer(text, sentence_start, pos))
    return found[-1].group(0) if found else ""
