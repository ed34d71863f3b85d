"""The label-free route: a sentence that recommends, with a grade-like code near it, is a graded statement,
whatever its label or house style.

The patterns of notation.py know the notations guidelines have printed so far; a new house style prints
its grade in a way they do not know. Here the grade is found where it stands rather than by its notation:
in brackets closing the sentence, on a line of its own under (or above) the statement, in a margin column
beside it, or in the cells of its table row printed one per line; and the code is read by codes.py (its
level and strength through the grading systems' tables, an unknown code kept as printed). The sentence
must recommend (ontology/cues/recommending_words.tsv): a grade beside a finding is no recommendation, and
a recommending sentence with no grade near it is an ungraded statement, no row.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from evkg.core.fold import fold
from evkg.extract.guidelines.codes import Code, axis_of_key, key_words, read_code
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_words

_BRACKET = re.compile(r"[(\[（【]\s*(?P<code>[^()\[\]（）【】\n]{1,80}?)\s*[)\]）】]")
# A bracketed grade closes its sentence: a stop or the line end follows.
_CLOSES = re.compile(r"[ \t]*(?:[.。;；]|\n|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")
_MARGIN = re.compile(r"^(?P<left>[^\n]*\S)(?:[ \t]{3,}|\t)(?P<code>[^\s][^\n]{0,30}?)[ \t]*$", re.M)
_GAP = re.compile(r"[ \t]{3,}|\t")
_PIPES = re.compile(r"[ \t]*\|[ \t]*")
_MIN_LEFT = 15
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")
_CELL = 14  # a grade cell printed on a line of its own is short
_MARKUP = " \t*_>#-•·"


_NOT_CUES = re.compile(cue_alternation("recommending_words", "not"))


def recommends(text: str) -> bool:
    """The text holds a recommending word (`we suggest`, `should`, `推荐`, `可考虑`), not only inside a longer
    word that does not recommend (`应用`, `推荐强度`)."""
    return bool(cue_pattern("recommending_words", "cue").search(_NOT_CUES.sub(" ", fold(text))))


def _label_word(line: str) -> bool:
    return fold(line).strip(" :：") in cue_words("label_words")


def _key_only(line: str) -> bool:
    """A header cell: grade key words and nothing else (`Grade`, `证据质量`)."""
    return bool(re.fullmatch(rf"(?:{key_words()})(?:[ \t]+(?:{key_words()}))*", fold(line).strip(" :：*")))


Site = tuple[int, int, int, Code]  # (statement start, statement end, grade start, code)


def graded_sentences(text: str, body_end: int, start_of: Callable[[int, int], int]) -> list[Site]:
    """Graded statements found by a recommending sentence and a grade-like code near it. `start_of(block
    start, grade start)` gives the statement's start in its block (statements.py: a label above, a
    question, or the sentence the grade closes)."""
    out: list[Site] = []
    # The nearest grade first: a code closing a sentence, then table cells, a margin, a line of its own (which
    # grades the sentences above it that no nearer grade has taken).
    for find in (lambda: _bracketed(text, body_end, start_of), lambda: _cell_rows(text, body_end),
                 lambda: _margins(text, body_end, start_of), lambda: _code_lines(text, body_end, start_of, out)):
        for site in find():
            if not any(site[0] < o[1] and o[0] < site[1] for o in out):
                out.append(site)
    return sorted(out, key=lambda s: s[0])


def _paragraph_start(text: str, pos: int) -> int:
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, max(0, pos - 1500), pos)]
    return breaks[-1] if breaks else max(0, text.rfind("\n\n", 0, pos) + 2)


def _bracketed(text: str, body_end: int, start_of) -> list[Site]:
    """A code in brackets closing a recommending sentence (`… (A1).`), or opening one at its line start
    (`(Grade A) Patients should …`)."""
    out = []
    for m in _BRACKET.finditer(text, 0, body_end):
        closes = _CLOSES.match(text, m.end())
        opens = not closes and not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip(_MARKUP)
        if not (closes or opens):
            continue
        code = read_code(m.group("code"))
        if code is None or _glosses(text, m.start()):
            continue
        if opens:
            stop = _SENTENCE_END.search(text, m.end(), body_end)
            end = stop.end() if stop else body_end
            if recommends(text[m.end():end]):
                out.append((m.start(), end, m.start(), code))
            continue
        start = start_of(_paragraph_start(text, m.start()), m.start())
        if start < m.start() and recommends(text[start:m.start()]) and not _legend(text, start, m.start()):
            out.append((start, m.end(), m.start(), code))
    return out


_BEFORE = re.compile(r"(?:^|[\s,;(（])(?P<token>[^\s,;(（]{1,4}(?:[ \t]*[级級类類])?)[ \t]*$")


def _glosses(text: str, bracket: int) -> bool:
    """The bracket glosses a grade printed just before it (`D (weak)`, `1（强）`): a legend, no statement."""
    m = _BEFORE.search(text, max(0, bracket - 8), bracket)
    return bool(m and read_code(m.group("token"), bare_digits=True))


def _legend(text: str, start: int, end: int) -> bool:
    """The sentence glosses grades (`COR 1 (strong), 2a (moderate)`, `A 级（强推荐）`): it explains the grading, it
    recommends nothing."""
    return any(_glosses(text, b.start()) and read_code(b.group("code"))
               for b in _BRACKET.finditer(text, start, end))


_LINE = re.compile(r"^[^\n]*", re.M)


def _lines(text: str, start: int, end: int):
    """The lines of text[:end] from the one holding `start` (scanned from that line, not from the top)."""
    return _LINE.finditer(text, text.rfind("\n", 0, start) + 1, end)


def _code_lines(text: str, body_end: int, start_of, taken: list[Site]) -> list[Site]:
    """A keyed code on a line of its own (`Grade of recommendation: 1, Strength of evidence: B`): it grades
    the paragraph right above it, or, with none above, the one right under it."""
    out = []
    for line in _lines(text, 0, body_end):
        tail = _TAIL.search(line.group(0))
        if tail and len(tail.group("code")) <= 80 and (code := read_code(_unbracketed(tail.group("code")))) \
                and code.keyed:
            # `…使用抗菌药物。【证据等级】B【推荐强度】强`: the fields after the statement's full stop, on its line
            grade_at = line.start() + tail.start("code")
            start = start_of(_paragraph_start(text, line.start()), grade_at)
            if recommends(text[start:grade_at]):
                out.append((start, line.end(), grade_at, code))
                continue
        body = _unbracketed(line.group(0).strip(_MARKUP))
        if not body or len(body) > 80:
            continue
        code = read_code(body)
        if code is None or not code.keyed:
            continue
        above = _block_above(text, line.start())
        if above is not None:  # not over a statement graded already
            above = max([above] + [o[1] for o in taken if above <= o[1] <= line.start()])
            above += len(text[above:line.start()]) - len(text[above:line.start()].lstrip(" \t\n.。;；"))
        if above is not None and above < line.start():
            start = start_of(above, line.start())
            if recommends(text[start:line.start()]):
                out.append((start, line.end(), line.start(), code))
                continue
        # a level alone above a paragraph is the level of a block (blocks.py), or a finding's
        below = _block_below(text, line.end(), body_end) if code.strength else None
        if below is not None:
            stop = _SENTENCE_END.search(text, line.end() + 1, below)  # the statement, not the text after it
            below = stop.end() if stop else below
            if recommends(text[line.end():below]):
                out.append((line.start(), below, line.start(), code))
    return out


# What follows the last full stop of a line with a statement before it.
_TAIL = re.compile(r"\S[.。!?！？][ \t]*(?P<code>[^.。!?！？\n]*\S)[ \t]*$")


def _unbracketed(s: str) -> str:
    """Keys printed in brackets as separators (`【证据等级】B【推荐强度】强`) as `key: value` parts; a bracket
    round the whole code dropped (`【推荐等级：A】`)."""
    s = re.sub(r"【([^【】]{1,12})】(?=[^【】\s])", r"，\1：", s.strip()).strip("，")
    return s.strip("【】[]()（）")


def _block_above(text: str, pos: int) -> int | None:
    """The start of the run of non-blank lines ending right above `pos`, or None (a blank line above)."""
    if pos < 2 or text[pos - 2] == "\n":
        return None
    return _paragraph_start(text, pos - 1)


def _block_below(text: str, pos: int, limit: int) -> int | None:
    """The end of the run of non-blank lines starting right under `pos`, or None."""
    if pos + 1 >= limit or text[pos + 1] == "\n":
        return None
    m = _PARAGRAPH_BREAK.search(text, pos + 1, limit)
    return m.start() if m else limit


def _margins(text: str, body_end: int, start_of) -> list[Site]:
    """A code in a margin column on a line of the statement (`… offered to patients with melanoma     B`, `…
    first line of treatment     1     B`), or in the last cells of its table row (`| 1 | … | B | 强 |`): the
    statement is the sentence holding that line (after a header line that names the column, `… Grade`), or
    the row."""
    out = []
    for m in _lines(text, 0, body_end):
        found = _margin_code(m.group(0))
        if found is None:
            continue
        code, at, first = found
        if _PIPES.search(m.group(0)):  # a table row is its statement, its number cell the label
            if recommends(m.group(0)[first:at]):
                out.append((m.start() + first, m.end(), m.start() + at, code))
            continue
        start = _paragraph_start(text, m.start())
        for head in _lines(text, start, m.start()):
            cells = _GAP.split(head.group(0).strip())
            if len(cells) > 1 and _key_only(cells[-1]):
                start = head.end() + 1
        block_end = _PARAGRAPH_BREAK.search(text, m.end(), body_end)
        block_end = block_end.start() if block_end else body_end
        start = max(start, start_of(start, m.start() + at)) if start <= m.start() else start
        stop = _SENTENCE_END.search(text, m.start(), block_end)  # the sentence the graded line is part of
        end = max(m.end(), stop.end()) if stop else block_end
        if start <= m.start() and recommends(text[start:end]):
            out.append((start, end, m.start() + at, code))
    return out


def _margin_code(line: str) -> tuple[Code, int, int] | None:
    """(the code, its offset in the line, the offset of the row's first cell) of a line of text with one or two
    grade cells after it (and before it at most a number cell)."""
    cells = _line_cells(line)
    for n in (1, 2):
        grades = [c for _, c in cells[-n:]]
        body = cells[:-n]
        if not 1 <= len(body) <= 2 or (len(body) == 2 and not re.fullmatch(r"\d{1,3}[.、]?", body[0][1])):
            continue
        left = body[-1][1]
        if _width(left) < _MIN_LEFT or re.search(r"\S[ \t]{2,}\S", left) or any(len(g) > _CELL for g in grades):
            continue
        code = read_code(", ".join(grades))
        if code is None or code.keyed and not (code.level and code.strength):
            continue
        return code, cells[-n][0], body[0][0]
    return None


def _width(s: str) -> int:
    """Characters, a Chinese one counting as two (it says as much as a short word)."""
    return len(s) + len(re.findall(r"[\u3400-\u9fff]", s))


def _line_cells(line: str) -> list[tuple[int, str]]:
    """(offset, text) of the cells of a line: between pipes in a Markdown row, else set apart by wide gaps."""
    gaps = list(_PIPES.finditer(line)) if _PIPES.search(line) and line.count("|") >= 3 else list(_GAP.finditer(line))
    out, pos = [], 0
    for g in [*gaps, None]:
        stop = g.start() if g else len(line)
        if line[pos:stop].strip():
            out.append((pos + len(line[pos:stop]) - len(line[pos:stop].lstrip()), line[pos:stop].strip()))
        pos = g.end() if g else len(line)
    return out


def _cell_rows(text: str, body_end: int) -> list[Site]:
    """A table printed one cell per line: a recommending cell, then its grade cells (as many as the header
    names after its statement column), a number cell before it being its label."""
    out: list[Site] = []
    lines = list(_lines(text, 0, body_end))
    header: list[str] = []
    i = 0
    while i < len(lines):
        cols = _header_at(lines, i)
        if cols is not None:
            header, i = cols
            continue
        cells = _grade_cells(lines, i, len(header) or 2)
        if not cells:
            i += 1
            continue
        row = _row_text(lines, i)
        if row is None:
            i += len(cells)
            continue
        code = _header_code([c.group(0).strip() for c in cells], header)
        if code is not None and recommends(text[row:lines[i - 1].end()]):
            out.append((row, cells[-1].end(), cells[0].start(), code))
        i += len(cells)
    return out


def _header_at(lines, i: int) -> tuple[list[str], int] | None:
    """(axes of the grade columns, the index after the header) of a header printed one cell per line at `i`:
    a statement column (`推荐意见`), then grade columns (`证据质量`, `推荐强度`)."""
    j = i
    while j < len(lines) and j - i < 3 and not _label_word(lines[j].group(0)):
        if len(lines[j].group(0).strip()) > 6 or not lines[j].group(0).strip():
            return None
        j += 1
    if j >= len(lines) or not _label_word(lines[j].group(0)):
        return None
    axes = []
    k = j + 1
    while k < len(lines) and _key_only(lines[k].group(0)) and lines[k].group(0).strip():
        axes.append(axis_of_key(lines[k].group(0)))
        k += 1
    return (axes, k) if axes else None


def _grade_cells(lines, i: int, width: int) -> list:
    cells = []
    for line in lines[i:i + width]:
        body = line.group(0).strip()
        if not body or len(body) > _CELL or read_code(body, bare_digits=True) is None:
            break
        cells.append(line)
    if not cells or i == 0 or not lines[i - 1].group(0).strip() or read_code(lines[i - 1].group(0), True):
        return []
    return cells


def _row_text(lines, i: int) -> int | None:
    """The start of the statement cell above the grade cells at `i` (its wrapped lines; a number cell above
    it included), or None."""
    j = i - 1
    while j > 0 and lines[j - 1].group(0).strip() and not read_code(lines[j - 1].group(0).strip(), True) \
            and not re.fullmatch(r"\d{1,3}", lines[j - 1].group(0).strip()) and i - j < 4:
        j -= 1
    if j > 0 and re.fullmatch(r"[ \t]*\d{1,3}[ \t]*", lines[j - 1].group(0)):
        j -= 1
    return lines[j].start()


def _header_code(cells: list[str], axes: list[str]) -> Code | None:
    if len(axes) == len(cells) and len(set(axes)) == len(axes):
        values = dict(zip(axes, cells))
        return Code(level=values.get("level", ""), strength=values.get("strength", ""), keyed=True)
    return read_code(", ".join(cells), bare_digits=True)
