"""Bilingual lexicons and an Aho-Corasick matcher over matching keys.

Terms come from the tables `ontology/lexicon/KIND[.variant].tsv` (code, label, synonyms, and for
drugs optionally DrugBank and MeSH ids: `drug.zh.tsv` maps Chinese names to the English INN) and,
for English drug names, from the maintained dictionary of `drug-named-entity-recognition`
(`extract/vocabulary/drugs.py`). A table's term wins over the dictionary's for the same key.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from evkg.core.errors import EvkgError
from evkg.core.fold import Folded, fold
from evkg.core.resources import ontology_dir
from evkg.extract.vocabulary import drugs as drug_dictionary

LEXICON_DIR = ontology_dir() / "lexicon"


@dataclass(frozen=True)
class Entry:
    kind: str
    code: str
    label: str
    synonyms: tuple[str, ...]
    drugbank: str = ""
    mesh: str = ""
    # From a `KIND.open.tsv` table: the open vocabulary's names (the code is the English name in lower case),
    # not the coded vocabulary of vocabulary.tsv.
    open: bool = False


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

    def __init__(self, entries: list[Entry], dictionary: tuple[drug_dictionary.DrugName, ...] = ()):
        self.entries = entries
        self._by_code: dict[tuple[str, str], Entry] = {}
        for e in entries:
            known = self._by_code.get((e.kind, e.code))
            # A code in two tables (drug.tsv and drug.zh.tsv) is one entry with the ids either gives.
            self._by_code[(e.kind, e.code)] = e if known is None else Entry(
                e.kind, e.code, known.label, known.synonyms + e.synonyms,
                known.drugbank or e.drugbank, known.mesh or e.mesh)
        self._dictionary = {n.name: n for n in dictionary}
        self._auto = ahocorasick.Automaton()
        # key -> (kind, code, synonym, capital): `capital` marks a dictionary brand name, which
        # counts only when written with a capital (`Modus` the brand, not `modus operandi`).
        keyed: dict[str, list[tuple[str, str, str, bool]]] = {}
        for e in entries:
            for syn in e.synonyms:
                values = keyed.setdefault(fold(syn), [])
                if not any(v[:2] == (e.kind, e.code) for v in values):
                    values.append((e.kind, e.code, syn, False))
        for n in dictionary:
            keyed.setdefault(fold(n.name), [("drug", n.inn, n.name, n.brand)])
        for key, values in keyed.items():
            self._auto.add_word(key, (len(key), values))
        if keyed:
            self._auto.make_automaton()

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR, dictionary: bool = True) -> Lexicon:
        """The tables of `directory`, plus the drug dictionary's names unless `dictionary` is False.
        The shipped lexicon is built once per process (0.3 s: 43,000 names folded into the
        automaton) and shared: nothing changes a Lexicon after it is built."""
        if directory == LEXICON_DIR and dictionary:
            return _shipped()
        return cls(_load_tables(directory), drug_dictionary.drug_names() if dictionary else ())

    def entry(self, kind: str, code: str) -> Entry | None:
        return self._by_code.get((kind, code))

    def is_open(self, kind: str, code: str) -> bool:
        """Whether the code is an open-vocabulary name (a `KIND.open.tsv` row), not a code of the vocabulary."""
        e = self._by_code.get((kind, code))
        return e is not None and e.open

    def grounding(self, kind: str, code: str) -> dict[str, str]:
        """DrugBank and MeSH ids of a drug code, from its table row or else the dictionary."""
        if kind != "drug":
            return {}
        e = self._by_code.get((kind, code))
        n = self._dictionary.get(code.lower())
        drugbank = (e.drugbank if e else "") or (n.drugbank if n else "")
        mesh = (e.mesh if e else "") or (n.mesh if n else "")
        return {k: v for k, v in (("drugbank_id", drugbank), ("mesh_id", mesh)) if v}

    def terms(self, kinds: tuple[str, ...] | None = None) -> list[str]:
        """The tables' terms (the dictionary's English names are not segmentation words)."""
        return [s for e in self.entries if kinds is None or e.kind in kinds for s in e.synonyms]

    def find(self, text: str, folded: Folded, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        """Non-overlapping mentions, leftmost-longest, in text order."""
        if not self.entries and not self._dictionary:
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
            for kind, code, syn, capital in values:
                if kinds is not None and kind not in kinds:
                    continue
                if _is_acronym(syn) and text[start:end] != syn:
                    continue
                if capital and not text[start:start + 1].isupper():
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


@cache
def _shipped() -> Lexicon:
    return Lexicon(_load_tables(LEXICON_DIR), drug_dictionary.drug_names())


def _load_tables(directory: Path) -> list[Entry]:
    entries = []
    for path in sorted(directory.glob("*.tsv")):
        kind = path.name.split(".")[0]
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f, delimiter="\t")
            next(rows, None)
            for i, row in enumerate(rows, start=2):
                if not row or row[0].startswith("#"):
                    continue
                if len(row) < 3:
                    raise EvkgError(f"{path}:{i}: expected code, label and synonyms separated by tabs")
                syns = tuple(s.strip() for s in row[2].split("|") if s.strip())
                ids = [c.strip() for c in row[3:5]] + ["", ""]
                entries.append(Entry(kind, row[0].strip(), row[1].strip(), syns, ids[0], ids[1],
                                     open=".open." in path.name))
    return entries
