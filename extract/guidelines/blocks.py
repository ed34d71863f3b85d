"""Levels printed apart from their statements. A level of evidence given once for a block of statements
(`【推荐意见】` bullets each with its strength, then `【证据级别】Ⅰ` on a line of its own, or that line before
them): each statement of the block takes it.

A block is a run of statements with nothing but white space and closing punctuation between them; the
level line must touch it (only white space, or a short bracketed heading such as `【推荐意见】`, between).
A statement whose strength closes it and whose level is in a profile under it (AAO-HNS: `Action Statement
Profile` / `Aggregate evidence quality: Grade B, based on …`) takes the profile's level.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

from evkg.core.fold import fold_text
from evkg.extract.guidelines.notation import LEVEL_LINE, normalise_level

# Statements are statements.Statement (not imported: statements imports this module).
Statement = Any

_BETWEEN = re.compile(r"[\s.。;；]*")
# what may stand between a level line and the block after it: a heading line of the block (`【推荐意见】`)
_BLOCK_HEADING = re.compile(r"\s*(?:[【\[][^\n】\]]{1,20}[】\]]|\*\*[^\n*]{1,20}\*\*|#+[^\n]{1,20})?\s*")


def level_lines(text: str, body_end: int) -> list[tuple[int, int, str]]:
    """(start, end, level as printed) of the level lines of the body, on a fold that keeps every line break
    (a wrapped paragraph's matching view would join a profile's lines)."""
    folded = fold_text(text[:body_end])
    return [(*folded.span(m.start(), m.end()), text[slice(*folded.span(*m.span("level")))])
            for m in LEVEL_LINE.finditer(folded.key)]


def with_block_levels(text: str, lines: list[tuple[int, int, str]], found: list[Statement]) -> list[Statement]:
    """`found` (in text order), the statements printed without a level taking the level of their block."""
    out = list(found)
    starts, ends = [s.start for s in out], [s.end for s in out]  # found by bisection: no pass per line
    for start, end, printed in lines:
        block = _block_before(text, out, bisect_right(ends, start) - 1, start) \
            or _block_after(text, out, bisect_left(starts, end), end)
        for i in block:
            if out[i].strength and not out[i].level:
                out[i] = replace(out[i], level=normalise_level(printed), level_printed=printed)
    return out


def with_profile_levels(text: str, lines: list[tuple[int, int, str]], found: list[Statement],
                        body_end: int) -> list[Statement]:
    """`found`, a statement printed with a strength and no level taking the level of the profile under it
    (`Action Statement Profile` / `Aggregate evidence quality: Grade B, based on …`): the first level line
    before the next statement, with only blank lines and short headings between."""
    out = list(found)
    line_starts = [a for a, _, _ in lines]
    for i, s in enumerate(out):
        if not s.strength or s.level:
            continue
        stop = out[i + 1].start if i + 1 < len(out) else body_end
        k = bisect_left(line_starts, s.end)
        if k < len(lines) and lines[k][0] < min(stop, s.end + _PROFILE_REACH) \
                and _PROFILE_GAP.fullmatch(text, s.end, lines[k][0]):
            out[i] = replace(s, level=normalise_level(lines[k][2]), level_printed=lines[k][2])
    return out


# between a statement and its profile's level line: line ends, headings of a few words (no sentence)
_PROFILE_GAP = re.compile(r"[ \t.。]*(?:\n[^\n.。!?]{0,40})*\n[ \t]*")
_PROFILE_REACH = 400


def _touching(text: str, a: int, b: int, gap: re.Pattern) -> bool:
    return a <= b and gap.fullmatch(text, a, b) is not None


def _block_before(text: str, found: list[Statement], last: int, line_start: int) -> list[int]:
    """The statements of the block that ends right above the level line (`last` ends before it), last first."""
    if last < 0 or not _touching(text, found[last].end, line_start, _BETWEEN):
        return []
    block = [last]
    while block[-1] > 0 and _touching(text, found[block[-1] - 1].end, found[block[-1]].start, _BETWEEN):
        block.append(block[-1] - 1)
    return block


def _block_after(text: str, found: list[Statement], first: int, line_end: int) -> list[int]:
    """The statements of the block that starts right under the level line (`first` starts after it)."""
    if first >= len(found) or not _touching(text, line_end, found[first].start, _BLOCK_HEADING):
        return []
    block = [first]
    while block[-1] + 1 < len(found) and _touching(text, found[block[-1]].end, found[block[-1] + 1].start, _BETWEEN):
        block.append(block[-1] + 1)
    return block
