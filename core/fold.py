"""Matching keys: a folded copy of a text with a map back to the original offsets.

Full-width and half-width forms, `Ⅱ`/`II`, the tildes and dashes, superscript
digits, case, and traditional and simplified Chinese characters are made equal
here, and only here; the document text itself is never rewritten.

Traditional characters (Taiwan, Hong Kong) fold to simplified ones character by
character with OpenCC's character tables (`opencc-python-reimplemented`): one
character for one, so offsets map back exactly. Phrase-level conversions are not
applied; the lexicons list the few terms that differ by more than characters.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import util as importlib_util
from pathlib import Path

from evkg.core.text import CJK, is_cjk

# Characters NFKC leaves alone but which are the same thing for matching.
_EXTRA = {
    "～": "~", "〜": "~", "∼": "~", "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "－": "-",
    "﹣": "-", "•": "·", "・": "·", "“": '"', "”": '"', "‘": "'", "’": "'",
    "，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "【": "[", "】": "]",
    "［": "[", "］": "]", "〔": "[", "〕": "]", "®": "", "™": "",
    "\u00a0": " ", "\u3000": " ",
}


# OpenCC tables read in this order: regional variants to OpenCC's standard forms, then
# traditional to simplified. The first candidate of a line is OpenCC's default.
_OPENCC_TABLES = ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt")


@lru_cache(maxsize=1)
def _simplified() -> dict[str, str]:
    """Traditional (and regional variant) character -> simplified character; empty without OpenCC."""
    spec = importlib_util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    table: dict[str, str] = {}
    for name in _OPENCC_TABLES:
        path = folder / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            src, _, targets = line.partition("\t")
            dst = targets.split(" ")[0] if targets else ""
            if len(src) == 1 and len(dst) == 1:
                table[src] = dst
    # A regional variant goes on to its simplified form (`綫` -> `線` -> `线`).
    return {src: table.get(dst, dst) for src, dst in table.items()}


@cache
def _traditional() -> dict[str, str]:
    """Simplified character -> the characters that fold to it (itself first)."""
    out: dict[str, str] = {}
    for src, dst in _simplified().items():
        out[dst] = out.get(dst, dst) + src
    return out


def any_script(word: str) -> str:
    """A regex for `word` as printed in either script: each Chinese character a class of its simplified and
    traditional forms (`共识` -> `共[识識]`), for patterns that must run on the text itself, not on its key."""
    table = _traditional()
    return "".join(f"[{table[c]}]" if len(table.get(c, "")) > 1 else re.escape(c) for c in word)


@cache
def fold_char(c: str) -> str:
    """The matching form of one character (may be empty or several characters)."""
    if c in _EXTRA:
        return _EXTRA[c]
    if c.isascii():
        return c.lower()
    f = unicodedata.normalize("NFKC", c).casefold()
    return _simplified().get(f, f) if len(f) == 1 else f


class _FoldTable(dict):
    """Code point -> its matching form, filled on first use, for `str.translate`. Characters whose
    form is not exactly one character (`①` -> `1`, `㎎` -> `mg`, `®` -> ``) are also kept in
    `irregular`, so a run without them maps one to one and its offsets need no per-character work."""

    def __init__(self):
        super().__init__()
        self.irregular: set[str] = set()
        self._pattern: re.Pattern | None = None

    def __missing__(self, code: int) -> str:
        f = self[code] = fold_char(chr(code))
        if len(f) != 1:
            self.irregular.add(chr(code))
            self._pattern = None
        return f

    def has_irregular(self, run: str) -> bool:
        if not self.irregular:
            return False
        if self._pattern is None:
            self._pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(self.irregular)) + "]")
        return self._pattern.search(run) is not None


_TABLE = _FoldTable()


def fold(s: str) -> str:
    """The matching key of a string (for lexicon entries and comparisons)."""
    return s.translate(_TABLE)


@dataclass(frozen=True)
class Folded:
    """`key` is the folded text; `origin[i]` is the offset in the original text of key[i] (a packed array:
    8 bytes an offset, where a tuple of ints took 36; a 10 MB text's map was 350 MB)."""
    key: str
    origin: Sequence[int] = field(compare=False, hash=False)
    length: int

    def span(self, kstart: int, kend: int) -> tuple[int, int]:
        """Original (start, end) of the key range [kstart, kend)."""
        start = self.origin[kstart] if kstart < len(self.origin) else self.length
        end = self.origin[kend - 1] + 1 if kend > 0 else 0
        return start, max(start, end)


_BLOCK_START = re.compile(r"\s*(?:\d+(?:\.\d+)*(?:[、．]|\.(?!\d))|[（(]\d+[)）]|[-•·*]\s|\[\d+\]|[①-⑳]|"
                          r"共识|推荐|表\s*\d|图\s*\d|tab\.?\s*\d|fig\.?\s*\d|【|\[)", re.I)
# `2.1 疗效评价` opens a section; `6 例（26.1%）；4 例患者…` is a wrapped sentence going on.
_NUMBERED_HEADING = re.compile(r"\s*\d+(?:\.\d+)*\s[^\n，,。;；%]{0,30}$", re.M)
_TERMINAL = "。！？!?；;:：】]."
_WRAP_MIN = 15


def _is_soft_break(text: str, prev_line: str, next_start: int) -> bool:
    """A line break inside a paragraph (PDF or two-column text wrapped at the margin)."""
    prev = prev_line.rstrip()
    if len(prev) < _WRAP_MIN or prev[-1] in _TERMINAL:
        return False
    return not (_BLOCK_START.match(text, next_start) or _NUMBERED_HEADING.match(text, next_start))


# The whitespace runs fold_text must look at: longer than one character, any whitespace but the
# plain space, and a plain space beside a CJK character. Every other run is one space between
# two words, which stays where it is (a space folds to itself), inside a stretch copied whole.
_SPECIAL_SPACE = re.compile(rf"\s{{2,}}|[^\S ]|(?<=[{CJK}]) | (?=[{CJK}])")


def _fold_stretch(text: str, start: int, end: int, parts: list[str], origin: array) -> None:
    """The matching form of text[start:end] and each key character's origin; character by
    character only where a character does not fold to exactly one."""
    run = text[start:end]
    f = run.translate(_TABLE)
    if len(f) == len(run) and not _TABLE.has_irregular(run):
        parts.append(f)
        origin.extend(range(start, end))
        return
    for i in range(start, end):
        f = fold_char(text[i])
        parts.append(f)
        origin.extend([i] * len(f))


def fold_text(text: str, join_wraps: bool = False, breaks: frozenset[int] = frozenset()) -> Folded:
    """The matching view of a whole text.

    Whitespace runs become one space, and vanish next to a CJK character
    (PDF debris like `反 应 发 生 率`, `HAIC 治疗`). With `join_wraps`, line breaks inside a
    paragraph are treated like spaces; other line breaks stay as one newline, as do the line
    breaks at `breaks` (the end of a heading the reader found: `3.2 Flares of knee pain` is no
    wrapped line of the sentence under it).
    """
    parts: list[str] = []
    origin = array("q")
    n, prev = len(text), 0
    for m in _SPECIAL_SPACE.finditer(text):
        i, j = m.span()
        if i > prev:
            _fold_stretch(text, prev, i, parts, origin)
        prev = j
        run = m.group(0)
        before = text[i - 1] if i else ""
        after = text[j] if j < n else ""
        hard = "\n" in run and not (join_wraps and i + run.index("\n") not in breaks and _is_soft_break(
            text, text[text.rfind("\n", 0, i) + 1:i], j))
        if hard:
            sep = "\n"
        elif is_cjk(before) or is_cjk(after):
            sep = ""
        else:
            sep = " "
        if sep:
            parts.append(sep)
            origin.append(i + run.index("\n") if sep == "\n" else i)
    if prev < n:
        _fold_stretch(text, prev, n, parts, origin)
    return Folded("".join(parts), origin, n)


def _space(m: re.Match) -> str:
    """What fold_text makes of one whitespace run (without join_wraps)."""
    run, i, j = m.group(0), m.start(), m.end()
    if "\n" in run:
        return "\n"
    text = m.string
    return "" if is_cjk(text[i - 1] if i else "") or is_cjk(text[j] if j < len(text) else "") else " "


def fold_key(text: str) -> str:
    """`fold_text(text).key` without the map back to offsets (the search index's keys need no
    offsets, and the map cost as much as the folding)."""
    return _SPECIAL_SPACE.sub(_space, text).translate(_TABLE)
