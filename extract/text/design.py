"""How a report names its design: features (`double-blind`, `crossover`, `phase II`, `多中心`,
`单臂`, `病例对照`) and the design codes they imply, from ontology/cues/design_features.tsv.

Each feature has its own pattern, so overlapping cues of different features are all found
(`retrospective cohort` gives timing=retrospective and observation=cohort). A space or a
hyphen in a cue matches a space, a hyphen or nothing; a Latin cue does not match inside a
longer word (`phase ii` not in `phase iii`) nor after a hyphen
(`randomised` in `non-randomised`). Offsets are key offsets of the folded text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from evkg.core.fold import fold
from evkg.extract.vocabulary.cues import cue_table

FEATURES = ("allocation", "masking", "model", "phase", "centres", "timing", "hypothesis", "control", "observation")


@dataclass(frozen=True)
class DesignCue:
    start: int
    end: int
    feature: str
    value: str
    implies: str  # a design code, or ""


def _cue_regex(cue: str) -> tuple[str, str]:
    """The cue's pattern as (lookbehind, the rest)."""
    parts = []
    for i, c in enumerate(cue):
        prev = cue[i - 1] if i else ""
        if c in " -":
            parts.append(r"[\s-]*")
            continue
        # `ii期临床` is also written `II 期临床`.
        if prev and prev not in " -" and prev.isascii() != c.isascii():
            parts.append(r"\s*")
        parts.append(re.escape(c))
    # Nor after a hyphen: `randomised` is no cue inside `non-randomised`.
    lead = r"(?<![a-z0-9-])" if cue[:1].isascii() and cue[:1].isalnum() else ""
    trail = r"(?![a-z0-9])" if cue[-1:].isascii() and cue[-1:].isalnum() else ""
    return lead, "".join(parts) + trail


def _alternation(cues: list[str]) -> re.Pattern:
    """One pattern of the cues, in their order, each ending in an empty group (`lastindex` says
    which matched). Neighbours with the same lookbehind share it: `L(?:a()|b())` tries what
    `La()|Lb()` does, but each branch starts with its literal, which the regex engine checks
    before entering the branch (with the lookbehind first, every branch is entered at every
    character: this was the costliest regex of the study reader)."""
    runs: list[tuple[str, list[str]]] = []
    for cue in cues:
        lead, rest = _cue_regex(cue)
        if not runs or runs[-1][0] != lead:
            runs.append((lead, []))
        runs[-1][1].append(rest + "()")
    return re.compile("|".join(f"{lead}(?:{'|'.join(alts)})" for lead, alts in runs))


@cache
def _tables() -> dict[str, tuple[re.Pattern, dict[str, tuple[str, str]]]]:
    """Per feature: one pattern of its cues (longest first) and cue -> (value, implied code)."""
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for cue, feature, value, implies, *_ in cue_table("design_features"):
        rows.setdefault(feature, []).append((fold(cue), value, implies))
    out = {}
    for feature, cues in rows.items():
        ordered = sorted(cues, key=lambda r: len(r[0]), reverse=True)
        pattern = _alternation([c for c, _, _ in ordered])
        out[feature] = (pattern, {str(i): (v, imp) for i, (_, v, imp) in enumerate(ordered)})
    return out


def design_cues(key: str, start: int, end: int) -> list[DesignCue]:
    """The design features named in key[start:end], in text order."""
    out = []
    for feature, (pattern, values) in _tables().items():
        for m in pattern.finditer(key, start, end):
            value, implies = values[str(m.lastindex - 1)]
            out.append(DesignCue(m.start(), m.end(), feature, value, implies))
    return sorted(out, key=lambda c: (c.start, c.end))
