"""Sections of running text from its headings (numbered, bracketed, structured-abstract labels)."""
from __future__ import annotations

import re

from evkg.core.model import Section
from evkg.core.text import HAN

# Container sections end only at another container or a top-level numbered heading.
_CONTAINERS = {
    "abstract": r"【\s*摘\s*要\s*】|\[\s*abstract\s*\]|【\s*abstract\s*】|(?:摘\s*要|abstract)\s*(?:[:：]|$)",
    "keywords": r"【\s*关\s*键\s*词\s*】|\[\s*key\s*words?\s*\]|(?:关\s*键\s*词|key\s*words?)\s*[:：]",
    "references": r"\[\s*参考文献\s*\]|【\s*参考文献\s*】|(?:参考文献|references|bibliography)\s*[:：]?\s*$",
}
# Labels of structured abstracts and of unnumbered headings.
_LABELS = {
    "background": r"背景|前言|引言|目的|background|introduction|objectives?|purpose",
    "methods": r"方法|材料与方法|资料与方法|methods?|materials and methods|patients and methods",
    "results": r"结果|results?|findings",
    "conclusions": r"结论|讨论|conclusions?|discussion|interpretation",
}
_CONTAINER_RE = {k: re.compile(v, re.I) for k, v in _CONTAINERS.items()}
# A label is followed by a colon or the end of its line; a Chinese one also by a space
# (`目的　探讨…`). `Objective response rate was 45%` is a sentence, not a heading.
_LABEL_RE = re.compile("(?:" + "|".join(f"(?P<{k}>(?:{v}))" for k, v in _LABELS.items()) + ")"
                       + rf"(?=\s*[:：]|\s*$|(?<=[{HAN}])\s)", re.I | re.M)
_NUMBERED = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,3})[\s\u3000]+(\S.{0,23})$")
_NOT_TITLE = re.compile(r"[，,。；;%=<>≥≤]|\d\s*(?:例|次|个|mg|g|h|ml)", re.I)


def _mark(line: str) -> tuple[str, str, int] | None:
    """(name, title, depth) when the line is a heading; depth 0 for unnumbered ones."""
    s = line.strip(" \t\r\n\u3000#*-·")
    if not s:
        return None
    for name, rx in _CONTAINER_RE.items():
        if rx.match(s):
            return name, s[:80], 0
    m = _NUMBERED.match(s)
    if m and not _NOT_TITLE.search(m.group(2)):
        label = _LABEL_RE.match(m.group(2))
        name = label.lastgroup if label else "section " + m.group(1)
        return name, s, m.group(1).count(".") + 1
    label = _LABEL_RE.match(s)
    if label:
        return label.lastgroup, s[:80], 0
    return None


def heading_name(title: str) -> str | None:
    """The section a heading names (`Materials and Methods` -> methods), or None for another title."""
    found = _mark(re.sub(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+", "", title))
    return found[0] if found and not found[0].startswith("section ") else None


def find_sections(text: str) -> tuple[Section, ...]:
    marks = []  # (start, name, title, depth)
    pos = 0
    for line in text.splitlines(keepends=True):
        found = _mark(line)
        if found:
            lead = len(line) - len(line.lstrip(" \t\u3000#*-·"))
            marks.append((pos + lead, *found))
        pos += len(line)
    sections = []
    for i, (start, name, title, depth) in enumerate(marks):
        end = len(text)
        for later_start, later_name, _, later_depth in marks[i + 1:]:
            if depth:
                stop = (later_depth and later_depth <= depth) or later_name in _CONTAINERS
            elif name in _CONTAINERS:
                stop = later_name in _CONTAINERS or later_depth == 1
            else:
                stop = later_depth <= 1
            if stop:
                end = later_start
                break
        sections.append(Section(name, start, end, title))
    return tuple(sections)
