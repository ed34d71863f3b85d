"""What extractors share during one run: the lexicon, the pipelines, per-document caches."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from evkg.core.fold import Folded, fold_text
from evkg.core.model import Document
from evkg.extract.text.sentences import sentences
from evkg.extract.vocabulary.lexicon import Lexicon, Mention


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int

T = TypeVar("T")


class Context:
    """Built once per ingest run; `for_document` gives the per-document view. The lexicon is
    loaded when the first document asks for it: a run that finds every file unchanged needs none."""

    def __init__(self, lexicon: Lexicon | None = None):
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon.load()
        return self._lexicon

    @cached_property
    def user_words(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.lexicon.terms())))

    def for_document(self, doc: Document) -> DocContext:
        return DocContext(self, doc)


class DocContext:
    """Lazily computed views of one document: folded text, sentences, lexicon mentions."""

    def __init__(self, run: Context, doc: Document):
        self.run = run
        self.doc = doc
        self.lexicon = run.lexicon
        self._memo: dict[str, object] = {}

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A derived view several plugins share (statements, text views), built once per document
        and dropped with this context, so nothing outlives the document."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    @cached_property
    def folded(self) -> Folded:
        # A markup file's reader hands over a view of its prose with the markup masked.
        if self.doc.view is not None:
            return self.doc.view
        # Running text joins lines wrapped at a margin; registrations keep every line break.
        return fold_text(self.doc.text, join_wraps=self.doc.wrapped, breaks=self._heading_breaks())

    def _heading_breaks(self) -> frozenset[int]:
        """The line break ending each section heading the reader found (none is a wrapped line)."""
        text, out = self.doc.text, set()
        for s in self.doc.sections:
            if s.title and text.startswith(s.title, s.start):
                nl = text.find("\n", s.start + len(s.title))
                if nl >= 0 and not text[s.start + len(s.title):nl].strip():
                    out.add(nl)
        return frozenset(out)

    @cached_property
    def key_sentences(self) -> list[tuple[int, int]]:
        """Sentences as offsets into the folded view (what regex-based readers work on)."""
        return sentences(self.folded.key, self.doc.language, self.run.user_words)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences as offsets into the document text."""
        return [Sentence(*self.folded.span(s, e)) for s, e in self.key_sentences]

    @cached_property
    def mentions(self) -> list[Mention]:
        return self.lexicon.find(self.doc.text, self.folded)

    def mentions_of(self, *kinds: str) -> list[Mention]:
        """Mentions of these kinds; where terms overlap the longest won, whatever its kind."""
        return [m for m in self.mentions if m.kind in kinds]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]
