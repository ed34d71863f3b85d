"""Cue words, kept as data in ontology/cues/NAME.tsv: one loader and one matching convention.

A table's first row is its header; its first column is the cue as written and, in tables that
sort cues into roles (`result_words`, `study_intro`, `intervention_frames`), the second column
is the role. Cues are matched on folded text (core/fold.py), so they are folded here too.

The convention: a cue that begins or ends with a Latin letter does not match inside a longer
Latin word (`or` not in `for`, `arm` not in `alarm`); digits and Chinese characters may touch it
(`HR为`, `arm2`). Chinese cues have no word boundaries. `cue_pattern` gives the standalone
pattern, `cue_alternation` the same words (longest first) for a pattern of one's own.
"""
from __future__ import annotations

import csv
import re
from functools import cache

from evkg.core.fold import fold
from evkg.core.namespace import ONTOLOGY_DIR

CUE_DIR = ONTOLOGY_DIR / "cues"


@cache
def cue_table(name: str) -> tuple[tuple[str, ...], ...]:
    """All columns of ontology/cues/NAME.tsv (header dropped), each row padded to the header's width."""
    with (CUE_DIR / f"{name}.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    width = len(rows[0]) if rows else 0
    return tuple(tuple(c.strip() for c in r) + ("",) * (width - len(r)) for r in rows[1:] if r and r[0].strip())


@cache
def cue_words(name: str, role: str | None = None) -> tuple[str, ...]:
    """The folded cues of a table (those of one `role`, the second column, when given)."""
    return tuple(fold(r[0]) for r in cue_table(name) if role is None or r[1] == role)


def _longest_first(words) -> list[str]:
    return sorted(dict.fromkeys(words), key=len, reverse=True)


@cache
def cue_alternation(name: str, role: str | None = None) -> str:
    """The cues as a regex alternation, longest first, without boundaries (for a larger pattern)."""
    return "|".join(re.escape(w) for w in _longest_first(cue_words(name, role)))


def _bounded(word: str) -> tuple[str, str]:
    """(lookbehind, the rest) of a word's pattern: not inside a longer Latin word."""
    lead = r"(?<![a-z])" if word[:1].isascii() and word[:1].isalpha() else ""
    trail = r"(?![a-z])" if word[-1:].isascii() and word[-1:].isalpha() else ""
    return lead, re.escape(word) + trail


def bounded_alternation(words) -> str:
    """The words as one alternation, in their order, each not inside a longer Latin word.
    Neighbours with the same lookbehind share it (`L(?:a|b)` tries what `La|Lb` does), so each
    branch starts with its literal, which the regex engine checks before entering the branch;
    with the lookbehind first, every branch is entered at every character (5-9x the time)."""
    runs: list[tuple[str, list[str]]] = []
    for w in words:
        lead, rest = _bounded(w)
        if not runs or runs[-1][0] != lead:
            runs.append((lead, []))
        runs[-1][1].append(rest)
    return "|".join(f"{lead}(?:{'|'.join(alts)})" if lead else "|".join(alts) for lead, alts in runs)


@cache
def cue_pattern(name: str, role: str | None = None) -> re.Pattern:
    """One regex over folded text for the cues of a table (or of one role), by the module's convention."""
    return re.compile(bounded_alternation(_longest_first(cue_words(name, role))))
