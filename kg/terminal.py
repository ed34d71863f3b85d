"""Tables for the terminal, padded by display width (a Chinese character takes two columns),
cut with `…`, with newlines inside a cell shown as `⏎` so that one row stays one line."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from wcwidth import wcswidth, wcwidth

ELLIPSIS = "…"
NEWLINE = "⏎"


def width(s: str) -> int:
    w = wcswidth(s)
    # Control or unassigned characters make wcswidth give up (-1); count them one column each.
    return w if w >= 0 else sum(max(wcwidth(ch), 1) if wcwidth(ch) != 0 else 0 for ch in s)


def one_line(v: Any) -> str:
    if v is None:
        return ""
    return str(v).replace("\r\n", NEWLINE).replace("\n", NEWLINE).replace("\r", NEWLINE).replace("\t", " ")


def cut(s: str, limit: int) -> str:
    """`s` within `limit` columns, ending in `…` when something was cut."""
    if width(s) <= limit:
        return s
    out, used = [], 0
    for ch in s:
        w = max(wcwidth(ch), 0)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS


def pad(s: str, columns: int) -> str:
    return s + " " * max(columns - width(s), 0)


def render_table(variables: Sequence[str], rows: Iterable[dict[str, Any]], max_width: int = 60) -> list[str]:
    """The header and one line per row, columns separated by two spaces."""
    cells = [[cut(one_line(r.get(v)), max_width) for v in variables] for r in rows]
    widths = [max([width(v)] + [width(row[i]) for row in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(pad(v, widths[i]) for i, v in enumerate(variables)).rstrip()]
    lines += ["  ".join(pad(c, widths[i]) for i, c in enumerate(row)).rstrip() for row in cells]
    return lines
