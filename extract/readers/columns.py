"""Two-column page text (a PDF converted with its layout kept: `pdftotext -layout`) in reading order.

Such text interleaves the columns line by line: `Abstract  Hepatitis B virus …      the grading below. …`.
The reader's text is the text in reading order, as a PDF reader's is its text layer in reading order: each
run of two-column lines is given as its left column, then its right one. A run is found by its column gap:
the column where prose lines of several words restart after a wide gap, line after line. It ends at a page
break (a form feed, a running head with its page number) or a line that crosses the gap (a full-width
line); what is not in such a run stays as it is. Tables (a grade beside a statement, `Strong   Moderate`)
are no second column: their right cells are not prose.
"""
from __future__ import annotations

import re
from collections import Counter

_GAP = re.compile(r"[ \t]{3,}")
_WORDS = 3          # a column's line of prose holds this many words at least
_MIN_ROWS = 4       # two-column lines in a run, at least
_SHARE = 0.3        # of the run's non-blank lines
_SLACK = 2          # a column may start a character or two off its gap
# Page furniture that ends a run: a running head or foot with its page number, a form feed.
_PAGE_LINE = re.compile(r"^[ \t]*(?:\S[^\n]*?[ \t]{6,}\d{1,4}|\d{1,4}[ \t]{6,}\S[^\n]*?|\d{1,4})[ \t]*$|\f")


_AFTER_PAGE = re.compile(r"(?:[ \t]*\n)+(?P<page>[^\n]*)\n(?:[ \t]*\n)*[ \t]*[a-z]")


def broken_by_page(text: str, end: int) -> bool:
    """The line ending at `end` goes on after a page break (`… was cost-effective` / running head / `in oncology
    cohorts …`): the last line of a page, not a heading."""
    m = _AFTER_PAGE.match(text, end)
    return bool(m and _PAGE_LINE.match(m.group("page")))


def _prose(s: str) -> bool:
    return len(s.split()) >= _WORDS and not _GAP.search(s.strip())


def _split_at(line: str) -> list[tuple[int, str, str]]:
    """(column, left, right) for each wide gap of the line with prose on both sides."""
    out = []
    for g in _GAP.finditer(line):
        left, right = line[:g.start()], line[g.end():]
        if left.strip() and _prose(left) and _prose(right):
            out.append((g.end(), left, right))
    return out


def _column(lines: list[str]) -> int | None:
    """The column the right column starts at: where most lines with prose on both sides of a gap restart."""
    starts = Counter(col for line in lines for col, _, _ in _split_at(line))
    if not starts:
        return None
    col, n = starts.most_common(1)[0]
    near = sum(c for k, c in starts.items() if abs(k - col) <= _SLACK)
    return col if near >= _MIN_ROWS else None


def _parts(line: str, col: int) -> tuple[str, str] | None:
    """(left, right) of a line of the run, or None when the line crosses the gap."""
    if not line[:max(0, col - _SLACK)].strip():
        return "", line.strip()  # the right column alone
    if len(line.rstrip()) < col - _SLACK:
        return line.rstrip(), ""  # the left column alone
    for g in _GAP.finditer(line):
        if abs(g.end() - col) <= _SLACK or g.start() < col <= g.end():
            return line[:g.start()].rstrip(), line[g.end():].strip()
    return None


def reading_order(text: str) -> str:
    """`text` with each run of two-column lines given column by column; unchanged when it has none."""
    lines = text.split("\n")
    col = _column(lines)
    if col is None:
        return text
    out: list[str] = []
    run: list[tuple[str, str, str]] = []  # (line, left, right)

    def flush() -> None:
        # Lines of the left column alone after the right one has ended and a blank line (a reference list
        # under the columns) are outside the run.
        last = max((i for i, (_, _, right) in enumerate(run) if right), default=-1)
        blank = next((i for i in range(last + 1, len(run)) if not run[i][0].strip()), len(run))
        tail = [line for line, _, _ in run[blank:]]
        del run[blank:]
        two = sum(1 for _, left, right in run if left.strip() and right.strip())
        rows = sum(1 for line, _, _ in run if line.strip())
        if two >= _MIN_ROWS and two >= _SHARE * rows:
            out.extend(left for _, left, _ in run)  # a row empty in one column is a blank line in it
            out.append("")
            out.extend(right for _, _, right in run)
        else:
            out.extend(line for line, _, _ in run)
        out.extend(tail)
        run.clear()

    for line in lines:
        parts = None if _PAGE_LINE.match(line) else _parts(line, col)
        if parts is None:
            flush()
            out.append(line)
        else:
            run.append((line, *parts))
    flush()
    return "\n".join(out)
