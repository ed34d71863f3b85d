"""spaCy pipelines: blank `zh` with the jieba segmenter, blank `en`; sentences with absolute offsets.

Sentences are cut on the folded matching view (core/fold.py), so PDF line wraps are
already joined, by one rule for both languages: a sentence ends at `。！？!?；;` or a line
break, and at `.` before a space unless it closes a number; but never inside brackets,
where `;` and `.` separate items of one sentence (`(HR=0.52; 95% CI ...)`).
"""
from __future__ import annotations

import logging
import re
from functools import cache

from evkg.core.text import SENTENCE_ENDS, has_han

# spaCy, numpy and jieba are imported by `pipeline`, on the first document to split: a command
# that only reads the store (`evkg stats`, a named query) imports this module through the plugins
# (for their versions) and must not pay 1 s of spaCy imports for it.

_ENDS = set(SENTENCE_ENDS)
_OPEN, _CLOSE = set("([（［"), set(")]）］")
_BRACKETS = frozenset(_OPEN | _CLOSE)


def _starts(tokens) -> list[bool]:
    """Which tokens start a sentence, by the rule in the module docstring; `tokens` are (text,
    followed by a space) pairs."""
    out = []
    depth, start_next = 0, True
    for text, spaced in tokens:
        out.append(start_next)
        if not _BRACKETS.isdisjoint(text):  # most tokens hold no bracket: skip the count
            depth = max(0, depth + sum(c in _OPEN for c in text) - sum(c in _CLOSE for c in text))
        if "\n" in text:
            depth, start_next = 0, True
        elif depth == 0 and text[-1] in _ENDS:
            start_next = True
        else:
            start_next = depth == 0 and text.endswith(".") and spaced and not (len(text) > 1 and text[-2].isdigit())
    return out


def bracket_sentencizer(doc):
    """Mark sentence starts by `_starts`, set in one array write (setting `Token.is_sent_start`
    one by one is quadratic in spaCy)."""
    import numpy
    from spacy.attrs import SENT_START
    if len(doc):
        starts = _starts((tok.text, bool(tok.whitespace_)) for tok in doc)
        doc.from_array([SENT_START], numpy.array([[1 if s else -1] for s in starts], dtype="int32").astype("uint64"))
    return doc


@cache
def _spacy():
    """spaCy, with the sentencizer registered (once per process)."""
    import spacy
    from spacy.language import Language
    if not Language.has_factory("bracket_sentencizer"):
        Language.component("bracket_sentencizer", func=bracket_sentencizer)
    return spacy


@cache
def _jieba():
    import jieba
    jieba.setLogLevel(logging.WARNING)  # it prints its dictionary loading to stderr; keep the CLI quiet
    return jieba


@cache
def pipeline(lang: str, user_words: tuple[str, ...] = ()):
    """A blank pipeline; for Chinese the lexicon's terms join jieba's dictionary."""
    spacy = _spacy()
    if lang == "zh":
        jieba = _jieba()
        for w in user_words:
            if has_han(w):
                jieba.add_word(w, freq=10_000)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("bracket_sentencizer")
    nlp.max_length = 10_000_000
    return nlp


# Characters per spaCy call. Its Chinese tokenizer aligns jieba's words by slicing the rest of
# the text for each word (quadratic: minutes for a few MB); sentences end at line breaks, so
# cutting after one changes nothing.
_CHUNK = 50_000


def _chunks(key: str):
    """(offset, piece) of `key` in pieces of at most _CHUNK characters, cut after a line break
    where there is one (a line longer than that is cut where it reaches the limit)."""
    i = 0
    while i < len(key):
        j = min(len(key), i + _CHUNK)
        if j < len(key) and (nl := key.rfind("\n", i, j)) > i:
            j = nl + 1
        yield i, key[i:j]
        i = j


# A run this long without a space is no English word (noise, a damaged text layer). spaCy's
# English tokenizer strips suffixes from a token one by one, each time scanning the whole
# token: quadratic, minutes for a few thousand `)`. Chinese runs are normal and go to jieba.
_LONG_RUN = re.compile(r"\S{400,}")


def _flatten_runs(piece: str) -> str:
    """Each over-long run as one plain token of the same length that keeps its last character
    (which may end a sentence), so offsets stay the same."""
    return _LONG_RUN.sub(lambda m: "x" * (len(m.group(0)) - 1) + m.group(0)[-1], piece)


def sentences(key: str, lang: str, user_words: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Sentences of `key` as (start, end) offsets into it, whitespace trimmed."""
    zh = lang in ("zh", "mixed")
    nlp = pipeline("zh" if zh else "en", user_words)
    out = []
    for offset, piece in _chunks(key):
        spans = ((sent.start_char, sent.end_char) for sent in nlp(piece).sents) if zh else \
            _english_sentences(_flatten_runs(piece), nlp.tokenizer)
        for s, e in spans:
            while s < e and piece[s].isspace():
                s += 1
            while e > s and piece[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((offset + s, offset + e))
    return out


# What an English sentence split looks at: the tokens that hold a character of the rule (a
# sentence end, `.`, a bracket) and the whitespace that holds a line break. Every other token
# neither ends a sentence nor changes the bracket depth, so only the words around those
# characters go through spaCy's English tokenizer (once per distinct word: `al.`, `(n`,
# `0.001).` recur), and the rest of the text is never tokenized. Same sentences as running
# spaCy over the whole text (checked on the corpora when this was written), in a third of the time.
_RULE_CHARS = "".join(sorted(frozenset(SENTENCE_ENDS) | {"."} | _BRACKETS))
_RELEVANT = re.compile(rf"(?<!\S)(\S*[{re.escape(_RULE_CHARS)}]\S*)|\s*\n\s*")
_TOKEN_CACHE: dict[str, tuple[tuple[int, str], ...]] = {}
_CACHE_SIZE = 200_000


def _word_tokens(tokenizer, word: str) -> tuple[tuple[int, str], ...]:
    """(offset, text) of spaCy's tokens of one whitespace-free word."""
    found = _TOKEN_CACHE.get(word)
    if found is None:
        if len(_TOKEN_CACHE) >= _CACHE_SIZE:
            _TOKEN_CACHE.clear()
        found = _TOKEN_CACHE[word] = tuple((t.idx, t.text) for t in tokenizer(word))
    return found


def _english_sentences(piece: str, tokenizer) -> list[tuple[int, int]]:
    """(start, end) of each sentence of an English piece, as spaCy's English tokenizer with
    `bracket_sentencizer` cuts them (`_starts`'s rule), before whitespace is trimmed: a sentence
    starts at the token after one that ends a sentence, which is right after it, or after the
    one space that spaCy counts as that token's own."""
    starts, depth = [0], 0
    for m in _RELEVANT.finditer(piece):
        word = m.group(1)
        if word is None:  # whitespace holding a line break: the next token starts a sentence
            depth = 0
            starts.append(m.end())
            continue
        tokens = _word_tokens(tokenizer, word)
        for i, (idx, text) in enumerate(tokens):
            if not _BRACKETS.isdisjoint(text):
                depth = max(0, depth + sum(c in _OPEN for c in text) - sum(c in _CLOSE for c in text))
            end = m.start() + idx + len(text)
            spaced = i == len(tokens) - 1 and piece.startswith(" ", end)
            if depth == 0 and (text[-1] in _ENDS or (
                    text.endswith(".") and spaced and not (len(text) > 1 and text[-2].isdigit()))):
                starts.append(end + spaced)
    ends = starts[1:] + [len(piece)]
    return [(s, e) for s, e in zip(starts, ends) if e > s]
