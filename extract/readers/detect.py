"""Language and document-type detection from the text."""
from __future__ import annotations

import csv
import re
from functools import cache

from evkg.core.fold import fold
from evkg.core.namespace import ONTOLOGY_DIR
from evkg.core.text import HAN, HAN_CHAR

_LATIN = re.compile(r"[A-Za-z]")

_TYPES = ("consensus", "guideline", "review", "paper")
_HAN_GAP = re.compile(rf"(?<=[{HAN}])\s+(?=[{HAN}])")  # `综 述` as a PDF spaces it


@cache
def _cues(where: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(type, pattern) per document type, from ontology/cues/doctype.tsv: `title` or `head` cues, in the
    order the types are tried. A Latin cue does not match inside a longer word."""
    with (ONTOLOGY_DIR / "cues" / "doctype.tsv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in list(csv.reader(f, delimiter="\t"))[1:] if r and r[0].strip()]
    out = []
    for kind in _TYPES:
        words = sorted((fold(r[0]) for r in rows if r[1] == kind and r[2] in (where, "both")), key=len, reverse=True)
        if words:
            out.append((kind, re.compile("|".join(rf"(?<![a-z]){re.escape(w)}(?![a-z])" for w in words))))
    return tuple(out)


def language(text: str) -> str:
    cjk = len(HAN_CHAR.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk == 0:
        return "en"
    # A Chinese character carries about as much as a short English word.
    if cjk * 3 >= latin:
        return "zh"
    return "mixed" if cjk * 20 >= latin else "en"


_CITED_TITLE = re.compile(r"《[^》\n]{1,80}》")


def doctype(text: str, title: str = "") -> str:
    """consensus / guideline / review / paper: by the title when it says (`… : A Narrative Review`,
    `Phase I Dose-Escalation Study of …`, `… Recommendation Statement`), else from cues near the start
    of the text (give it the text before the reference list: a short paper's cited titles say nothing
    of its own type)."""
    for where, sample in (("title", title), ("head", text[:1500])):
        # a name in title marks is a cited document (`参照《慢性阻塞性肺疾病诊治指南》`), not this one
        key = _HAN_GAP.sub("", fold(_CITED_TITLE.sub(" ", sample)))
        for name, cue in _cues(where):
            if cue.search(key):
                return name
    return "paper"
