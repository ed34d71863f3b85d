"""Linking a reference-list entry to a document we hold (pure: no store access).

A DOI or PMID decides when both sides have one. Otherwise the titles must be
near-identical (in any of the languages either side gives) and the year must
agree, together with the first author (or, when a side has no author, the
journal when both give one). A document that prints no year (a dataset's plain
text, a preprint) is linked by its title and first author, or, without an author
either, by a title that is all but the same and long enough to be one paper's
(TITLE_STRONG, TITLE_WORDS). A wrong link is worse than none: anything less certain, or two
candidates equally good, stays unresolved.
"""
from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path

from rapidfuzz import fuzz

from evkg.core.fold import fold
from evkg.core.model import Metadata
from evkg.core.text import DOI_PREFIX, HAN, HAN_CHAR, has_han

TITLE_MIN = 0.92     # normalised edit similarity of two titles
TITLE_STRONG = 0.97  # ... when the title alone decides (no year on one side, no author on one side)
TITLE_WORDS = 6      # ... and the title has at least this many words
JOURNAL_MIN = 0.90   # only used when a first author is missing
TIE_MARGIN = 0.02    # two candidates closer than this are ambiguous

_NOT_WORD = re.compile(rf"[^\w{HAN}]+")
_HAN_GAP = re.compile(rf"(?<=[{HAN}]) (?=[{HAN}])")


@dataclass(frozen=True)
class Work:
    """A bibliographic description: a cited reference or a document's own metadata."""
    title: str = ""
    year: int | None = None
    first_author: str = ""
    journal: str = ""
    doi: str = ""
    pmid: str = ""
    other_titles: tuple[str, ...] = ()   # the same title in another language

    @classmethod
    def from_reference(cls, details: Mapping[str, str], first_author: str = "", year: int | None = None,
                       other_titles: Iterable[str] = ()) -> Work:
        """From a reference fact: its details, its name (first author) and value (year)."""
        return cls(title=details.get("title", ""), year=year, first_author=first_author,
                   journal=details.get("journal", ""), doi=details.get("doi", ""), pmid=details.get("pmid", ""),
                   other_titles=tuple(other_titles))

    @classmethod
    def from_metadata(cls, md: Metadata, other_titles: Iterable[str] = ()) -> Work:
        return cls(title=md.title, year=md.year, first_author=md.authors[0] if md.authors else "",
                   journal=md.journal, doi=md.doi, pmid=md.pmid, other_titles=tuple(other_titles))

    def titles(self) -> list[str]:
        return [t for t in (_norm(x) for x in (self.title, *self.other_titles)) if t]


@dataclass(frozen=True)
class Match:
    doc_id: str
    method: str    # doi | pmid | title
    score: float   # 1.0 for identifiers, title similarity otherwise


def resolve(ref: Work, candidates: Mapping[str, Work]) -> Match | None:
    """The one candidate document (by id) that `ref` cites, or None."""
    for method in ("doi", "pmid"):
        mine = identifier(method, getattr(ref, method))
        if mine:
            hits = [d for d, c in candidates.items() if identifier(method, getattr(c, method)) == mine]
            if len(hits) == 1:
                return Match(hits[0], method, 1.0)
            if hits:
                return None  # two documents claim one identifier: not ours to choose
    scored = sorted(((score, d) for d, c in candidates.items()
                     if (need := _title_needed(ref, c)) is not None and (score := _title_score(ref, c)) >= need),
                    reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] - scored[1][0] < TIE_MARGIN):
        return None
    return Match(scored[0][1], "title", round(scored[0][0], 3))


def identifier(kind: str, value: str) -> str:
    """The comparable form of a DOI or PMID (a DOI without its prefix, case-folded)."""
    value = (value or "").strip()
    if kind == "doi":
        return DOI_PREFIX.sub("", value).rstrip(".").casefold()
    return value


def _title_needed(ref: Work, cand: Work) -> float | None:
    """The title similarity that links `ref` to `cand`, or None when they cannot be one work: an
    identifier or a year that differs, or first authors that differ."""
    for kind in ("doi", "pmid"):
        a, b = identifier(kind, getattr(ref, kind)), identifier(kind, getattr(cand, kind))
        if a and b and a != b:
            return None
    if ref.year is not None and cand.year is not None and int(ref.year) != int(cand.year):
        return None
    if ref.first_author and cand.first_author:
        if not _same_author(ref.first_author, cand.first_author):
            return None
        return TITLE_MIN
    if ref.year is None or cand.year is None:
        # Neither a year nor an author on both sides: only a long title, all but identical, tells.
        return TITLE_STRONG if min(_words(ref), _words(cand)) >= TITLE_WORDS else None
    # A document without an author line (a group, a guideline): title and year, and the
    # journal when both sides give one.
    a, b = _norm(ref.journal), _norm(cand.journal)
    return TITLE_MIN if not (a and b) or fuzz.ratio(a, b) / 100 >= JOURNAL_MIN else None


def _words(work: Work) -> int:
    """Words in the longest title (a Chinese character counts as half a word)."""
    return max((len(t.split()) + len(HAN_CHAR.findall(t)) // 2 for t in work.titles()), default=0)


def _same_author(cited: str, printed: str) -> bool:
    """`Kudo` (a cited surname) is `Kudo M`, `Kudo, Masatoshi` or `Masatoshi Kudo`; Chinese names
    compare whole, or by their pinyin across scripts (`Chen X` is `陈晓明`)."""
    a, b = _norm(cited), _norm(printed)
    if has_han(a) != has_han(b):
        han, latin = (a, b) if has_han(a) else (b, a)
        return _romanizes(han.replace(" ", ""), latin)
    return bool(a) and (a == b or b.startswith(a + " ") or b.endswith(" " + a))


def _romanizes(han: str, latin: str) -> bool:
    """Whether a Latin name (`chen x`, `chen xiaoming`, `ouyang n`) is the pinyin of a Chinese one.

    The surname is the first character, or the first two for compound surnames (欧阳);
    a given-name initial, when written, must agree too. Every reading of a character counts
    (单 is `shan` as a surname)."""
    tokens = latin.split()
    if not han or not tokens:
        return False
    readings = [_readings(c) for c in han]
    surname, rest = tokens[0], "".join(tokens[1:])
    for size in (1, 2):
        if size > len(readings) - 1:
            break
        forms = {"".join(p) for p in product(*readings[:size])}
        if surname in forms or (not rest and any(surname.startswith(f) and surname != f for f in forms)):
            given = readings[size]
            return not rest or any(g.startswith(rest[0]) for g in given)
    return False


_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"))


def _readings(c: str) -> set[str]:
    """Every pinyin reading of one character, without tones (`单`: dan, chan, shan; `吕`: lv); the
    character itself when it has none."""
    found = _pinyin_table().get(ord(c))
    if not found:
        return {c}
    return {unicodedata.normalize("NFC", unicodedata.normalize("NFD", r).translate(_TONE_MARKS).replace("u\u0308", "v"))
            for r in found.split(",")}


@cache
def _pinyin_table() -> dict[int, str]:
    """pypinyin's table of each character's readings, read from its data file: importing pypinyin
    loads its phrase dictionary and segmenter too (0.5 s), and a name wants every reading of each
    character, not one per phrase. Empty without pypinyin."""
    spec = importlib.util.find_spec("pypinyin")  # finds, does not import
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"
    return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()} if path.is_file() else {}


def _title_score(ref: Work, cand: Work) -> float:
    return max((fuzz.ratio(a, b) / 100 for a in ref.titles() for b in cand.titles()), default=0.0)


def _norm(s: str) -> str:
    """Folded, punctuation as spaces, no spaces between Chinese characters."""
    s = " ".join(_NOT_WORD.sub(" ", fold(s or "")).split())
    return _HAN_GAP.sub("", s)


class CandidateIndex:
    """Documents indexed by DOI, PMID, year and title words, so each reference is scored only against
    the documents that could match it: the same identifier, the same year, or, where a year is missing
    on one side, a title sharing most of its words (the title then decides, so it must be all but the
    same)."""

    def __init__(self, works: Mapping[str, Work]):
        self.works = dict(works)
        self._by: dict[tuple[str, object], list[str]] = {}
        for doc_id, w in self.works.items():
            for kind in ("doi", "pmid"):
                key = identifier(kind, getattr(w, kind))
                if key:
                    self._by.setdefault((kind, key), []).append(doc_id)
            self._by.setdefault(("year", None if w.year is None else int(w.year)), []).append(doc_id)
            for word in _title_words(w):
                self._by.setdefault(("word", word), []).append(doc_id)

    def candidates(self, ref: Work, exclude: str = "") -> dict[str, Work]:
        ids = set()
        for kind in ("doi", "pmid"):
            key = identifier(kind, getattr(ref, kind))
            if key:
                ids.update(self._by.get((kind, key), ()))
        undated = set(self._by.get(("year", None), ()))
        if ref.year is not None:
            ids.update(d for d in self._by.get(("year", int(ref.year)), ()) if d not in undated)
        ids.update(d for d in self._sharing_words(ref) if ref.year is None or d in undated)
        ids.discard(exclude)
        return {d: self.works[d] for d in sorted(ids)}

    def _sharing_words(self, ref: Work) -> set[str]:
        """Documents whose titles hold at least half of the reference's title words."""
        words = _title_words(ref)
        counts: dict[str, int] = {}
        for word in words:
            for d in set(self._by.get(("word", word), ())):
                counts[d] = counts.get(d, 0) + 1
        return {d for d, n in counts.items() if n * 2 >= len(words)}


def _title_words(work: Work) -> set[str]:
    """The distinctive words of a work's titles (four letters or more; Chinese titles by character pairs)."""
    out = set()
    for t in work.titles():
        out.update(w for w in t.split() if len(w) >= 4 and not has_han(w))
        han = "".join(HAN_CHAR.findall(t))
        out.update(han[i:i + 2] for i in range(len(han) - 1))
    return out
