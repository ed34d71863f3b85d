"""Cue word lists kept as data in ontology/cues/*.tsv (first column; first row is a header)."""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from evkg.core.fold import fold
from evkg.core.namespace import ONTOLOGY_DIR

CUE_DIR = ONTOLOGY_DIR / "cues"


@lru_cache(maxsize=None)
def cue_words(name: str) -> tuple[str, ...]:
    with (CUE_DIR / f"{name}.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))[1:]
    return tuple(fold(r[0]) for r in rows if r and r[0].strip())


@lru_cache(maxsize=None)
def cue_pattern(name: str) -> re.Pattern:
    """One regex over folded text; Latin cues match as whole words."""
    parts = sorted(cue_words(name), key=len, reverse=True)
    alts = [rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in parts]
    return re.compile("|".join(alts))


@lru_cache(maxsize=None)
def cue_table(name: str) -> tuple[tuple[str, ...], ...]:
    """All columns of ontology/cues/NAME.tsv (header dropped), each row padded to the header's width."""
    with (CUE_DIR / f"{name}.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    width = len(rows[0]) if rows else 0
    return tuple(tuple(c.strip() for c in r) + ("",) * (width - len(r)) for r in rows[1:] if r and r[0].strip())
