"""A level of evidence given once for a block of statements (`【推荐意见】` bullets each with its strength,
then `【证据级别】Ⅰ` on a line of its own, or that line before them): each statement of the block takes it.

A block is a run of statements with nothing but white space and closing punctuation between them; the
level line must touch it (only white space, or a short bracketed heading such as `【推荐意见】`, between).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from evkg.core.fold import Folded
from evkg.extract.guidelines.notation import LEVEL_LINE, normalise_level

if TYPE_CHECKING:
    from evkg.extract.guidelines.statements import Statement

_BETWEEN = re.compile(r"[\s.。;；]*")
# what may stand between a level line and the block after it: a heading line of the block (`【推荐意见】`)
_BLOCK_HEADING = re.compile(r"\s*(?:[【\[][^\n】\]]{1,20}[】\]]|\*\*[^\n*]{1,20}\*\*|#+[^\n]{1,20})?\s*")


def with_block_levels(text: str, folded: Folded, found: list[Statement], body_end: int) -> list[Statement]:
    """`found` (in text order), the statements printed without a level taking the level of their block."""
    out = list(found)
    key_end = next((i for i, o in enumerate(folded.origin) if o >= body_end), len(folded.key))
    for m in LEVEL_LINE.finditer(folded.key, 0, key_end):
        start, end = folded.span(m.start(), m.end())
        printed = text[slice(*folded.span(*m.span("level")))]
        block = _block_before(text, out, start) or _block_after(text, out, end)
        for i in block:
            if out[i].strength and not out[i].level:
                out[i] = replace(out[i], level=normalise_level(printed), level_printed=printed)
    return out


def _touching(text: str, a: int, b: int, gap: re.Pattern) -> bool:
    return a <= b and gap.fullmatch(text, a, b) is not None


def _block_before(text: str, found: list[Statement], line_start: int) -> list[int]:
    """The statements of the block that ends right above the level line, last first."""
    last = next((i for i in range(len(found) - 1, -1, -1) if found[i].end <= line_start), None)
    if last is None or not _touching(text, found[last].end, line_start, _BETWEEN):
        return []
    block = [last]
    while block[-1] > 0 and _touching(text, found[block[-1] - 1].end, found[block[-1]].start, _BETWEEN):
        block.append(block[-1] - 1)
    return block


def _block_after(text: str, found: list[Statement], line_end: int) -> list[int]:
    """The statements of the block that starts right under the level line."""
    first = next((i for i, s in enumerate(found) if s.start >= line_end), None)
    if first is None or not _touching(text, line_end, found[first].start, _BLOCK_HEADING):
        return []
    block = [first]
    while block[-1] + 1 < len(found) and _touching(text, found[block[-1]].end, found[block[-1] + 1].start, _BETWEEN):
        block.append(block[-1] + 1)
    return block
