"""Language and document-type detection from the text."""
from __future__ import annotations

import re

from evkg.core.text import HAN_CHAR

_LATIN = re.compile(r"[A-Za-z]")

# Checked against the head of the document (title, journal column, abstract), most specific first.
_TYPE_CUES = (
    ("consensus", re.compile(r"专家共识|共识|consensus statement|expert consensus|consensus", re.I)),
    ("guideline", re.compile(r"指南|诊疗规范|guidelines?\b|practice guidance|recommendations? (?:of|from|for)", re.I)),
    ("review", re.compile(r"综\s*述|述\s*评|专\s*论|研究进展|\breview\b|meta-analysis|meta\s*分析|荟萃分析", re.I)),
)


def language(text: str) -> str:
    cjk = len(HAN_CHAR.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk == 0:
        return "en"
    # A Chinese character carries about as much as a short English word.
    if cjk * 3 >= latin:
        return "zh"
    return "mixed" if cjk * 20 >= latin else "en"


def doctype(text: str) -> str:
    """consensus / guideline / review / paper from cues near the start of the text (give it the text
    before the reference list: a short paper's cited titles say nothing of its own type)."""
    head = text[:1500]
    for name, cue in _TYPE_CUES:
        if cue.search(head):
            return name
    return "paper"
