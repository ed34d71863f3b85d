"""Footnote marks that stand for a p-value: `1.40±0.81*#` under `注：与本组治疗前比较，*P<0.05；与对照组治疗后比较，
#P<0.05`. A mark whose note compares the cell's group with another group (ontology/cues/table_words.tsv
`mark_between`, not `mark_within`: `本组`, `组内`) gives its cell that p; a mark comparing a group with its own
baseline gives none (the p of a result is its comparison between the groups)."""
from __future__ import annotations

import re

from evkg.extract.results.tables.zones import Zone
from evkg.extract.vocabulary.cues import cue_pattern

_SYMBOLS = "*#△▲☆★※§†‡"
# `与对照组治疗后比较，#P<0.05`: what the mark compares, the mark, its p.
_NOTE_P = re.compile(rf"([^;；。]*?)[,，]?\s*([{_SYMBOLS}]+)\s*[Pp]\s*([<>≤≥=＜＞])\s*(\d*\.\d+)")
_TOKEN = re.compile(r"[^\s|\uff5c\u3000]+")
_TAIL = re.compile(rf"[{_SYMBOLS}]+\Z")


def _between(notes: str) -> dict[str, str]:
    """The marks of the notes that compare groups, each with its p as printed (`<0.05`)."""
    out = {}
    for m in _NOTE_P.finditer(notes):
        what = m.group(1)
        if cue_pattern("table_words", "mark_between").search(what) and \
                not cue_pattern("table_words", "mark_within").search(what):
            op = {"＜": "<", "＞": ">", "=": ""}.get(m.group(3), m.group(3))
            out[m.group(2)] = op + m.group(4)
    return out


def p_of_marks(z: Zone, text: str, pending: list) -> None:
    """Each result of the table whose cell carries a between-group mark and no p of its own gets the mark's p."""
    marks = _between(" ".join(ln.text for ln in z.notes))
    for p in pending if marks else ():
        tok = _TOKEN.match(text, p.cell.start)
        tail = _TAIL.search(tok.group(0)) if tok else None
        said = next((v for mark, v in marks.items() if tail and mark in tail.group(0)), None)
        if said and not p.details.get("p_value"):
            p.details["p_value"] = said
