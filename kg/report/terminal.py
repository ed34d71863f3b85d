"""Tables for the terminal, padded by display width (a Chinese character takes two columns),
cut with `…`, with newlines inside a cell shown as `⏎` so that one row stays one line."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from wcwidth import wcswidth, wcwidth

ELLIPSIS = "…"
NEWLINE = "⏎"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _char_width(ch: str) -> int:
    w = wcwidth(ch)
    return 1 if w < 0 else w   # unassigned: one column, as most terminals draw them


def width(s: str) -> int:
    w = wcswidth(s)
    return w if w >= 0 else sum(_char_width(ch) for ch in s)


def one_line(v: Any) -> str:
    """A cell on one line: newlines as ⏎, tabs as spaces, other control characters (a document's
    escape sequences would restyle the terminal) as U+FFFD."""
    if v is None:
        return ""
    s = str(v).replace("\r\n", NEWLINE).replace("\n", NEWLINE).replace("\r", NEWLINE).replace("\t", " ")
    s = _CONTROL.sub("\ufffd", s)
    # A mark opening a cell would join the padding before it (and widen it); shown on a dotted circle
    # as Unicode shows a lone mark, the columns stay where the widths say.
    return "\u25cc" + s if s and unicodedata.category(s[0]).startswith("M") else s


def cut(s: str, limit: int) -> str:
    """`s` within `limit` columns, ending in `…` when something was cut."""
    if width(s) <= limit:
        return s
    # The prefix's own width, not a sum per character: a spacing mark widens the letter before it.
    out = ""
    for ch in s:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + ELLIPSIS


def pad(s: str, columns: int) -> str:
    return s + " " * max(columns - width(s), 0)


def render_table(variables: Sequence[str], rows: Iterable[dict[str, Any]], max_width: int = 60) -> list[str]:
    """The header and one line per row, columns separated by two spaces."""
    cells = [[cut(one_line(r.get(v)), max_width) for v in variables] for r in rows]
    widths = [max([width(v)] + [width(row[i]) for row in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(pad(v, widths[i]) for i, v in enumerate(variables)).rstrip()]
    lines += ["  ".join(pad(c, widths[i]) for i, c in enumerate(row)).rstrip() for row in cells]
    return lines
