"""Splitting a table's header line into its column names.

Flattening often glues a table's header cells into one line (`EventDrug A (n = 150)Placebo (n = 148)`,
`AB/CD/EF + AB/CDCD/EF + CDHR* (95% CI)…`), sometimes with the first row's label at its
end. The places where two names touch are found by how printed names end and start:

- rows: a no-break space, a tab or a run of spaces separates header rows (an empty corner cell);
- strong: after a closing bracket glued to the next name (`(n = 290)INF`, `n(%)FM+DTIC`);
- medium: a lower-case word of three letters or more glued to a capital (`eventPlacebo`), a capital
  glued to a capitalised word (`ADrug`, `PNause`, `WMWFisher`), a number glued to a capitalised word
  (`Day 7Day 14`), a CI's name glued to a lower-case word (`means95% CI`), a run of grades (`01234`) split
  into its digits;
- weak, used only when the table needs more names: a statistic's name glued to the name before it
  (`DTICHR*`), and a run of capitals and digits that the document never prints alone, split where
  both parts are words the document prints alone (`TMZTMZ`, `IFNXM`, `TEAEPB3`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from evkg.extract.results.tables import roles
from evkg.extract.vocabulary.cues import cue_table

# A no-break space between header rows; not one inside a name (`108\u00a0pts`, `n\u00a0=\u00a043`).
_ROW_SEP = re.compile(r"(?<![\d=])[\u00a0\t]+(?![=\d]*\s*(?:pts|patients|=))|\s{3,}")
_STRONG = re.compile(r"(?<=[)\]）])(?=[A-Za-z0-9\u3400-\u9fff≥≤<>])|(?<=[a-z][*†‡])(?=[A-Z])")
# A group's size, then the next group after a space: `Oral (N = 64) Topical (N = 61)`.
_SIZE_THEN = re.compile(r"[(\[]\s*[nN]\s*=\s*\d+\s*[)\]]\s+(?=[A-Z\u3400-\u9fff])")
_MEDIUM = re.compile(r"(?<=[a-z]{3})(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})|(?<=\d)(?=[A-Z][a-z]{2})")
# A CI's name glued to a word before it: `Difference in means95% confidence interval`.
_CI_GLUED = re.compile(r"(?<=[a-z]{3})(?=9[059](?:\.0)?\s*%\s*(?:CI|C\.I\.|confidence))")
_GRADES = re.compile(r"(?:0?1234(?:5)?){2,}|0123|01234")
_RUN = re.compile(r"[A-Za-z0-9]{4,40}")
# A P name glued to the words of a section after it (`p value7-day intervention period`).
_P_GLUED = re.compile(r"(?<=[Pp][\s-]value)(?=\d+-?[A-Za-z]{3})")
_CAPS = re.compile(r"(?<![A-Za-z0-9])[A-Z0-9]{4,30}(?![a-z0-9])")
_MAX_PIECES = 200


@dataclass(frozen=True)
class Piece:
    """One header name: document offsets of its printed text and the header row it stands in."""
    start: int
    end: int
    row: int


def doc_words(text: str) -> Counter:
    """How often each word (letters and digits) stands alone in the document."""
    return Counter(re.findall(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?![A-Za-z0-9])", text))


def _stat_words() -> tuple[str, ...]:
    """The names of statistic columns as printed in a header (`HR`, `P`, `Difference`)."""
    rows = cue_table("table_headers")
    return tuple(dict.fromkeys(w.upper() if len(w) <= 3 else w.capitalize() for w, role, *_ in rows
                               if role in ("p", "effect") and w.isascii() and w[:1].isalpha()))


def _stat_cuts(text: str, short: bool) -> set[int]:
    """Before a statistic's name glued to the name before it: long names (`placebop Value`, `…Hazard ratio`)
    always, short ones (`DTICHR*`) only when the table needs them; a lone `P` only before `value`."""
    cuts = set()
    for w in _stat_words():
        if (len(w) >= 4) == short:
            continue
        if w == "P":
            rx = r"(?<=[A-Za-z])P(?=[\s-]*value|\s*$)"
        else:
            rx = rf"(?<=[A-Za-z]){re.escape(w)}(?![A-Za-z])" if len(w) < 4 else \
                rf"(?<=[A-Za-z])(?i:{re.escape(w)})(?![a-z])"
        cuts.update(m.start() for m in re.finditer(rx, text))
    return cuts


def _runs(text: str, fixed: set[int]):
    """The runs of letters and digits in `text`, each cut where a stronger cut already falls (`ValueButton` is
    `Value` and `Button` once the capital has cut it): (start, run)."""
    for m in _RUN.finditer(text):
        inner = sorted(c for c in fixed if m.start() < c < m.end())
        for s, e in zip([m.start()] + inner, inner + [m.end()]):
            if e - s >= 4:
                yield s, text[s:e]


def _weak_cuts(text: str, words: Counter, fixed: set[int] = frozenset()) -> set[int]:
    cuts = _stat_cuts(text, short=True)
    for start, run in _runs(text, set(fixed)):
        if words.get(run, 0) > 1:
            continue
        best = None
        for i in range(2, len(run) - 1):
            left, right = run[:i], run[i:]
            if right[0].islower():
                continue  # a glued name starts with a capital or a digit (`TMZTMZ`, `TEAEPB3`), never `Butt|on`
            if words.get(right, 0) > 1 and (words.get(left, 0) > 1 or (start > 0 and text[start - 1] == " ")):
                score = words[right] + words.get(left, 0)
                if best is None or score > best[0]:
                    best = (score, start + i)
        if best:
            cuts.add(best[1])
    return cuts


def _caps_cuts(text: str, words: Counter) -> set[int]:
    """Inside a run of capitals the document never prints alone, where it splits wholly into names it does print
    alone, fewest first (`BLBLW` -> `BL` `BLW` when both stand alone elsewhere, as in the table's footnote)."""
    cuts: set[int] = set()
    for m in _CAPS.finditer(text):
        run = m.group(0)
        if words.get(run, 0) or run.isdigit():
            continue
        best: list[list[int] | None] = [[]] + [None] * len(run)
        for i in range(2, len(run) + 1):
            for j in range(0, i - 1):
                part = run[j:i]
                if best[j] is not None and words.get(part, 0) and not part.isdigit() and \
                        (best[i] is None or len(best[j]) + 1 < len(best[i])):
                    best[i] = best[j] + [i]
        if best[-1] is not None and len(best[-1]) >= 2:
            cuts.update(m.start() + c for c in best[-1][:-1])
    return cuts


# The names a header cell prints two of with a space between (`Baseline 6 Months`, `Week 0 Week 4`).
_PAIRED = ("baseline", "time", "p", "effect", "ci")


def _role_cuts(text: str) -> set[int]:
    """Where a name that has no role of its own is two names that each have one: `Baseline 6 Months`,
    `Baseline6 Months`, `Week 0 Week 4`."""
    if roles.role_of(text).role:
        return set()
    for m in re.finditer(r"\s+|(?<=[A-Za-z])(?=\d)", text):
        left, right = text[:m.start()].strip(), text[m.end():].strip()
        if roles.role_of(left).role in _PAIRED and roles.role_of(right).role in _PAIRED:
            return {m.end()} | {m.end() + c for c in _role_cuts(text[m.end():])}
    return set()


def _n_cuts(text: str, words: Counter) -> set[int]:
    """An `n` column's name glued to the name beside it: `nDuration (minutes)`, `Shamn` (when the document prints
    `Sham` alone and never `Shamn`)."""
    out = set()
    if re.match(r"n[A-Z][a-z]", text):
        out.add(1)
    m = re.match(r"([A-Za-z]{3,}[a-z])n(?=\s*$|\s*\()", text)
    if m and not any(words.get(v, 0) for v in (m.group(0), m.group(0).lower())) and \
            any(words.get(v, 0) for v in (m.group(1), m.group(1).lower(), m.group(1).capitalize())):
        out.add(m.end(1))
    return out


def _twice(text: str) -> set[int]:
    """A name printed twice with nothing between (`Mean cost (SD) $Mean cost (SD) $`): the sub-columns of two
    groups."""
    half = len(text) // 2
    return {half} if len(text) % 2 == 0 and half >= 3 and text[:half] == text[half:] else set()


def _inner_cuts(seg: str, cuts: set[int], words: Counter) -> set[int]:
    """Cuts inside the pieces the other cuts leave: glued capitals, two header names in one, an `n` glued on."""
    bounds = sorted(c for c in cuts if 0 < c < len(seg))
    out: set[int] = set()
    for s, e in zip([0] + bounds, bounds + [len(seg)]):
        piece = seg[s:e]
        lead = len(piece) - len(piece.lstrip())
        out |= {s + c for c in _caps_cuts(piece, words)}
        out |= {s + lead + c for c in _role_cuts(piece.strip()) | _n_cuts(piece.strip(), words) | _twice(piece.strip())}
    return out


def _grade_cuts(text: str) -> set[int]:
    cuts = set()
    for m in _GRADES.finditer(text):
        cuts.update(range(m.start(), m.end() + 1))
    return cuts


def _shifted(seg: str, c: int, words: Counter) -> int:
    """A cut before a capital moved one letter back when the letter before it opens the next name (`Statisticsp|H`
    is `Statistics|pH` when the document prints `Statistics` and `pH` alone and never `Statisticsp`)."""
    left = re.search(r"[A-Z]?[a-z]+$", seg[:c])
    right = re.match(r"[A-Za-z0-9]+", seg[c:])
    if not left or not right or len(left.group(0)) < 4 or not seg[c - 1].islower():
        return c
    lw, rw = left.group(0), right.group(0)
    stem = lw[:-1]
    if words.get(lw, 0) or not (words.get(stem, 0) or words.get(stem.lower(), 0)) or not words.get(lw[-1] + rw, 0):
        return c
    return c - 1


def split(text: str, base: int, words: Counter, weak: bool = False) -> list[Piece]:
    """The names printed in `text` (one line of the document, starting at offset `base`)."""
    out: list[Piece] = []
    pos, row = 0, 0
    seps = [m for m in _ROW_SEP.finditer(text) if text.count("(", 0, m.start()) <= text.count(")", 0, m.start())]
    for sep in seps + [None]:
        end = sep.start() if sep else len(text)
        seg = text[pos:end]
        cuts = {m.start() for rx in (_STRONG, _MEDIUM, _CI_GLUED, _P_GLUED) for m in rx.finditer(seg)} | \
            _grade_cuts(seg) | _stat_cuts(seg, short=False) | {m.end() for m in _SIZE_THEN.finditer(seg)}
        cuts |= _inner_cuts(seg, cuts, words)
        if weak:
            cuts |= _weak_cuts(seg, words, cuts)
        bounds = sorted({_shifted(seg, c, words) for c in cuts if 0 < c < len(seg)})
        for s, e in zip([0] + bounds, bounds + [len(seg)]):
            piece = seg[s:e]
            lead = len(piece) - len(piece.lstrip())
            stripped = piece.strip()
            if stripped and len(out) < _MAX_PIECES:
                out.append(Piece(base + pos + s + lead, base + pos + s + lead + len(stripped), row))
        if sep:
            pos, row = sep.end(), row + 1
    return out


def corner_cut(text: str, piece: Piece, words: Counter) -> int | None:
    """Where a column name glued to the table's corner cell starts (`Type of TEAE|SB2 (n = 290)`,
    `Event|Arm A`): after a stub that is several words or a corner word of ontology/cues/table_headers.tsv."""
    seg = text[piece.start:piece.end]
    cuts = sorted(({m.start() for m in _MEDIUM.finditer(seg)} | _weak_cuts(seg, words)) - {0})
    corners = {r[0].lower() for r in cue_table("table_headers") if r[1] == "corner"}
    for c in cuts:
        stub = seg[:c].strip()
        if " " in stub or stub.lower() in corners:
            return piece.start + c
    return None


def pieces_of(lines: Iterable[tuple[str, int]], words: Counter, weak: bool = False) -> list[Piece]:
    """The names of several header lines, in order; each line starts a new header row."""
    out: list[Piece] = []
    row = 0
    for text, base in lines:
        got = split(text, base, words, weak)
        out += [Piece(p.start, p.end, row + p.row) for p in got]
        row += (got[-1].row + 1) if got else 1
    return out
