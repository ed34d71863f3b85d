"""Grading systems: the crosswalk to a common scale (ontology/grading.tsv) and which system a document uses."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from evkg.core.errors import EvkgError
from evkg.core.fold import fold
from evkg.core.resources import ontology_dir
from evkg.extract.vocabulary.lexicon import Mention

GRADING_FILE = ontology_dir() / "grading.tsv"
CERTAINTIES = ("high", "moderate", "low", "very low")
STRENGTH_CLASSES = ("strong", "weak", "against", "unclear")
ANY_SYSTEM = "*"


@dataclass(frozen=True)
class Crosswalk:
    """(system, axis, folded label) -> class; axis is `level` or `strength`."""
    table: dict[tuple[str, str, str], str]

    def _lookup(self, system: str, axis: str, label: str) -> str:
        key = fold(label).replace(" ", "")
        for s in (system, ANY_SYSTEM):
            found = self.table.get((s, axis, key))
            if found:
                return found
        return ""

    def certainty(self, system: str, level: str) -> str:
        return self._lookup(system, "level", level)

    def strength_class(self, system: str, strength: str) -> str:
        return self._lookup(system, "strength", strength)


@cache
def load_crosswalk(path: Path = GRADING_FILE) -> Crosswalk:
    """Read the crosswalk; a row with an unknown class is an error naming its line."""
    allowed = {"level": CERTAINTIES, "strength": STRENGTH_CLASSES}
    table = {}
    with Path(path).open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        header_seen = False
        for i, row in enumerate(rows, start=1):
            if not row or row[0].startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            if len(row) < 4 or row[1] not in allowed or row[3] not in allowed[row[1]]:
                raise EvkgError(f"{path}:{i}: expected system, level|strength, label and one of the classes "
                                f"{', '.join(CERTAINTIES + STRENGTH_CLASSES)}")
            table[(row[0], row[1], fold(row[2]).replace(" ", ""))] = row[3]
    return Crosswalk(table)


def system_mentions(text: str, mentions: list[Mention], synonyms: dict[str, tuple[str, ...]]) -> list[Mention]:
    """Lexicon mentions of grading systems, without lower-case hits of upper-case names.

    `GRADE` the system is written in capitals; `grade B` in running text is not it.
    """
    out = []
    for m in mentions:
        seen = text[m.start:m.end]
        if any(s.isupper() and fold(s) == fold(seen) and s != seen for s in synonyms.get(m.code, ())):
            continue
        out.append(m)
    return out


# Notations that name their system by themselves (no declaration needed).
_FORM_SYSTEMS = {"cor_loe": "ACC/AHA", "grade_words": "GRADE", "grade_code": "GRADE", "nccn_category": "NCCN",
                 "digit_symbols": "GRADE"}
# Notations several systems share, with the one they most often mean when the document names none.
_FORM_DEFAULTS = {"digit_letter": "GRADE", "good_practice": "GRADE"}
_NOTATION_SYSTEMS = (
    (re.compile(r"^II-[123]$"), "USPSTF"),
    (re.compile(r"^[BC]-(?:R|NR|LD|EO)$", re.I), "ACC/AHA"),
    (re.compile(r"^(?:high|moderate|low|very low)$", re.I), "GRADE"),
)


def named_by_notation(form: str) -> str:
    """The system a notation names by itself (`strong recommendation, moderate-quality evidence`), or ""."""
    return _FORM_SYSTEMS.get(form, "")


def system_from_notation(level: str, strength: str, form: str) -> str:
    """The system a grade's notation implies, or "" when several systems write it the same way."""
    if form in _FORM_SYSTEMS:
        return _FORM_SYSTEMS[form]
    if form in _FORM_DEFAULTS:
        return _FORM_DEFAULTS[form]
    for rx, system in _NOTATION_SYSTEMS:
        if rx.match(level):
            return system
    return ""
