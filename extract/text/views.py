"""Sentences, paragraphs, mentions and citations in key offsets, shared by the number extractors.

The extractors of outcomes, doses and study facts match patterns on the folded key
(`ctx.folded`, where wrapped lines are joined); `View.span` maps a key range back
to document offsets for provenance.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from evkg.core.fold import Folded
from evkg.extract.text.context import DocContext
from evkg.extract.text.markers import document_markers

# A citation right after authors (`Wang 等[3]`) reports another study.
_AUTHOR_CUE = re.compile(r"(?:等|et al\.?|团队)\s*$")


@dataclass(frozen=True)
class KMention:
    """A lexicon mention in key offsets."""
    kind: str
    code: str
    start: int
    end: int


class View:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.folded: Folded = ctx.folded
        self.key = self.folded.key
        self._by_kinds: dict[tuple[str, ...], object] = {}

    def span(self, kstart: int, kend: int) -> tuple[int, int]:
        return self.folded.span(kstart, kend)

    def to_key(self, offset: int) -> int:
        return bisect_left(self.folded.origin, offset)

    @cached_property
    def mentions(self) -> list[KMention]:
        return [KMention(m.kind, m.code, self.to_key(m.start), self.to_key(m.end)) for m in self.ctx.mentions]

    def mentions_of(self, *kinds: str) -> list[KMention]:
        """Mentions of these kinds, in text order (kept: plugins ask per sentence)."""
        if kinds not in self._by_kinds:
            self._by_kinds[kinds] = [m for m in self.mentions if m.kind in kinds]
        return self._by_kinds[kinds]

    def mentions_in(self, start: int, end: int, *kinds: str) -> list[KMention]:
        """Mentions of these kinds starting in key range [start, end), by bisection (readers ask per sentence)."""
        ms = self.mentions_of(*kinds)
        key = ("starts",) + kinds
        if key not in self._by_kinds:
            self._by_kinds[key] = [m.start for m in ms]
        starts = self._by_kinds[key]
        return ms[bisect_left(starts, start):bisect_left(starts, end)]

    def starts_by_end(self, *kinds: str) -> dict[int, int]:
        """Key end -> key start of the mentions of these kinds (`TACE` ending right before `组`)."""
        key = ("ends",) + kinds
        if key not in self._by_kinds:
            self._by_kinds[key] = {m.end: m.start for m in self.mentions_of(*kinds)}
        return self._by_kinds[key]

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences in key offsets (the spaCy pipeline's, see extract/text/sentences.py)."""
        return self.ctx.key_sentences

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        out, start = [], 0
        for m in re.finditer(r"\n", self.key):
            if self.key[start:m.start()].strip():
                out.append((start, m.start()))
            start = m.end()
        if self.key[start:].strip():
            out.append((start, len(self.key)))
        return out

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def paragraph_at(self, k: int) -> tuple[int, int]:
        """The paragraph [start, end] holding `k` (its closing line break included), else (k, k)."""
        i = bisect_right(self._paragraph_starts, k) - 1
        if i >= 0 and k <= self.paragraphs[i][1]:
            return self.paragraphs[i]
        return (k, k)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @property
    def sentence_starts(self) -> list[int]:
        return self._sentence_starts

    def sentence_index(self, k: int) -> int | None:
        """The index in `sentences` of the sentence holding key offset k, or None."""
        i = bisect_right(self._sentence_starts, k) - 1
        return i if i >= 0 and k < self.sentences[i][1] else None

    def sentence_at(self, k: int) -> tuple[int, int] | None:
        """The sentence (start, end) in key offsets holding `k`, or None between sentences."""
        i = bisect_right(self._sentence_starts, k) - 1
        if i >= 0 and k < self.sentences[i][1]:
            return self.sentences[i]
        return None

    @cached_property
    def citations(self) -> list[tuple[int, int, str, bool]]:
        """(kstart, kend, first reference number, attributed to authors) of each citation marker."""
        out = []
        for m in document_markers(self.ctx):
            ks, ke = self.to_key(m.start), self.to_key(m.end)
            out.append((ks, ke, str(m.refs[0]), bool(_AUTHOR_CUE.search(self.key[max(0, ks - 8):ks]))))
        return out  # in text order: the markers are, and key offsets keep their order

    @cached_property
    def _citation_starts(self) -> list[int]:
        return [c[0] for c in self.citations]

    @cached_property
    def _named_starts(self) -> list[int]:
        return [c[0] for c in self.citations if c[3]]

    def citations_between(self, start: int, end: int) -> list[tuple[int, int, str, bool]]:
        """The citations whose marker starts in [start, end), in text order."""
        starts = self._citation_starts
        return self.citations[bisect_left(starts, start):bisect_left(starts, end)]

    def cites_other(self, start: int, end: int) -> bool:
        """Whether the sentence [start, end) reports another study: it, or its paragraph before it,
        names authors with a citation (`Wang 等[27]`)."""
        lo = min(self.paragraph_at(start)[0], start)
        starts = self._named_starts
        return bisect_left(starts, lo) < bisect_left(starts, end)

    def ref_at(self, k: int) -> str:
        """The reference a number at key offset `k` is reported from, in a review.

        A citation earlier in the same sentence wins; otherwise the last citation of the
        paragraph that names its authors (`Kudo 等[4]`), else the last one before `k`.
        """
        ps, _ = self.paragraph_at(k)
        sent = self.sentence_at(k)
        ss, se = sent if sent else (ps, k)
        before = self.citations_between(ps, k)
        in_sentence = [c for c in before if c[0] >= ss]
        if in_sentence:
            return in_sentence[0][2]
        # `...的 ORR 为 67.4%，均优于单纯 TACE 组[1]`: the sentence's citation after the number.
        after = self.citations_between(k, se)
        if after:
            return after[0][2]
        named = [c for c in before if c[3]]
        return (named or before or [(0, 0, "", False)])[-1][2]

    def reported_ref(self, k: int, start: int, end: int) -> str:
        """The reference a number at `k` in the sentence [start, end) is reported from, or "" for the
        document's own: every number of a review, a cited sentence of a consensus or guideline, and a
        sentence of a paper that names another study's authors."""
        doctype = self.ctx.doc.doctype
        cited = bool(self.citations_between(start, end))
        if doctype == "review" or self.cites_other(start, end) or (doctype != "paper" and cited):
            return self.ref_at(k)
        return ""


def view(ctx: DocContext) -> View:
    """The view of a document, built once and shared by the plugins of one run."""
    return ctx.memo("textview", lambda: View(ctx))
