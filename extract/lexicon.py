"""Bilingual lexicons (ontology/lexicon/*.tsv) and an Aho-Corasick matcher over matching keys."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from core.fold import Folded, fold
from core.resources import ontology_dir
from core.errors import EvkgError

LEXICON_DIR = ontology_dir() / "lexicon"


@dataclass(frozen=True)
class Entry:
    kind: str
    code: str
    label: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """A lexicon term found in a text: original offsets [start, end)."""
    kind: str
    code: str
    start: int
    end: int


def _is_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _is_acronym(term: str) -> bool:
    # Short upper-case abbreviations (CR, OS, AE, ICC) must match in their own case,
    # or 'or', 'os', 'ae' in running English would count.
    letters = [c for c in term if c.isalpha()]
    return len(term) <= 4 and bool(letters) and all(c.isupper() for c in letters) and term.isascii()


class Lexicon:
    """All lexicon entries, matched longest-first with word boundaries for Latin script."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_code = {(e.kind, e.code): e for e in entries}
        self._auto = ahocorasick.Automaton()
        keyed: dict[str, list[tuple[str, str, str]]] = {}
        for e in entries:
            for syn in e.synonyms:
                keyed.setdefault(fold(syn), []).append((e.kind, e.code, syn))
        for key, values in keyed.items():
            self._auto.add_word(key, (len(key), values))
        if keyed:
            self._auto.make_automaton()

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR) -> Lexicon:
        entries = []
        for path in sorted(directory.glob("*.tsv")):
            kind = path.stem
            with path.open(encoding="utf-8", newline="") as f:
                rows = csv.reader(f, delimiter="\t")
                next(rows, None)
                for i, row in enumerate(rows, start=2):
                    if not row or row[0].startswith("#"):
                        continue
                    if len(row) < 3:
                        raise EvkgError(f"{path}:{i}: expected code, label and synonyms separated by tabs")
                    syns = tuple(s.strip() for s in row[2].split("|") if s.strip())
                    entries.append(Entry(kind, row[0].strip(), row[1].strip(), syns))
        return cls(entries)

    def entry(self, kind: str, code: str) -> Entry | None:
        return self._by_code.get((kind, code))

    def terms(self, kinds: tuple[str, ...] | None = None) -> list[str]:
        return [s for e in self.entries if kinds is None or e.kind in kinds for s in e.synonyms]

    def find(self, text: str, folded: Folded, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        """Non-overlapping mentions, leftmost-longest, in text order."""
        if not self.entries:
            return []
        key = folded.key
        candidates = []
        for kend, (length, values) in self._auto.iter(key):
            kstart = kend - length + 1
            start, end = folded.span(kstart, kend + 1)
            if start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
                continue
            if end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
                continue
            for kind, code, syn in values:
                if kinds is not None and kind not in kinds:
                    continue
                if _is_acronym(syn) and text[start:end] != syn:
                    continue
                candidates.append(Mention(kind, code, start, end))
        candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out, last_end = [], -1
        for m in candidates:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
            elif out and (m.start, m.end) == (out[-1].start, out[-1].end):
                out.append(m)  # one term, several kinds: keep each reading
        return out
