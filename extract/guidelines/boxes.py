"""Recommendation boxes flattened one cell per line, as PDF-to-text leaves AWMF-style boxes:

    3.1 Evidence-based recommendation            checked 2025
    Grade of recommendation
    B
    In patients with cirrhosis … should be performed …
    Level of evidence
    2a
    [2, 5]
    Strong consensus (97%)

A box opens with a numbered title line that names a statement (`Evidence-based recommendation`,
`Consensus-based recommendation`); its cells run to the first blank line. A grade is a key line
(a level or strength label from ontology/cues/grade_words.tsv, alone on its line) followed by its
value line; a short code alone right under the title (`EC`) is the box's strength. Lines that are
neither (the statement, its citations, the consensus strength) stay in the box's span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.core.fold import fold
from evkg.extract.vocabulary.cues import cue_alternation

_KEY = {role: re.compile(rf"(?:{cue_alternation('grade_words', role)})\s*[:：]?")
        for role in ("level_label", "strength_label")}
_VALUE = re.compile(r"[A-Za-z0-9+\-]{1,4}|[\u2160-\u216b]{1,3}")  # `B`, `2a`, `0`, `EC`, `1++`, `Ⅱ`
_MAX_TITLE = 80


@dataclass(frozen=True)
class Box:
    start: int
    end: int
    label_end: int          # the box number is text[start:label_end]
    level_printed: str
    strength_printed: str


def boxes(text: str, body_end: int, title: re.Pattern) -> list[Box]:
    """The graded boxes of text[:body_end]; `title` matches a box's title line (number, then words naming a
    statement) with the group `label`."""
    out = []
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"^[^\n]*", text[:body_end], re.M)]
    i = 0
    while i < len(lines):
        start, line = lines[i]
        head = title.match(line)
        if not head or len(line.strip()) > _MAX_TITLE + 20:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j][1].strip() and not title.match(lines[j][1]):
            j += 1
        box = _read_cells(lines[i + 1:j])
        if box is not None and j > i + 1:
            last_start, last = lines[j - 1]
            out.append(Box(start + head.start("label"), last_start + len(last.rstrip()),
                           start + head.end("label"), *box))
        i = j
    return out


def _read_cells(cells: list[tuple[int, str]]) -> tuple[str, str] | None:
    """(level, strength) as printed from a box's cell lines; None when it carries no grade."""
    grades = {"level_label": "", "strength_label": ""}
    words = 0
    k = 0
    while k < len(cells):
        cell = cells[k][1].strip()
        role = next((r for r, rx in _KEY.items() if rx.fullmatch(fold(cell))), None)
        value = cells[k + 1][1].strip() if k + 1 < len(cells) else ""
        if role and _VALUE.fullmatch(value):
            grades[role] = grades[role] or value
            k += 2
            continue
        same_line = _same_line(cell)  # `Level of evidence: 2a`, the two cells on one line
        if same_line:
            grades[same_line[0]] = grades[same_line[0]] or same_line[1]
            k += 1
            continue
        if k == 0 and _VALUE.fullmatch(cell):  # a code alone under the title: the strength (`EC`)
            grades["strength_label"] = cell
        else:
            words += len(cell.split())
        k += 1
    if not (grades["level_label"] or grades["strength_label"]) or words < 3:
        return None
    return grades["level_label"], grades["strength_label"]


def _same_line(cell: str) -> tuple[str, str] | None:
    """(role, value) of a key and its value printed on one line, or None."""
    head, _, value = cell.rpartition(" ")
    head = head.strip()
    if not head or not _VALUE.fullmatch(value):
        return None
    role = next((r for r, rx in _KEY.items() if rx.fullmatch(fold(head))), None)
    return (role, value) if role else None
