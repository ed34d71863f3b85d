"""Sentences with absolute offsets, as jieba's words (Chinese) or spaCy's English tokens fall.

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

# spaCy and jieba are imported by `pipeline`, on the first document to split: a command
# that only reads the store (`evkg stats`, a named query) imports this module through the plugins
# (for their versions) and must not pay 1 s of spaCy imports for it.

_ENDS = set(SENTENCE_ENDS)
_OPEN, _CLOSE = set("([（［"), set(")]）］")
_BRACKETS = frozenset(_OPEN | _CLOSE)


@cache
def _spacy():
    import spacy
    return spacy


@cache
def _jieba():
    import jieba
    jieba.setLogLevel(logging.WARNING)  # it prints its dictionary loading to stderr; keep the CLI quiet
    return jieba


@cache
def pipeline(lang: str, user_words: tuple[str, ...] = ()):
    """What splits sentences in `lang`: for Chinese, jieba with the lexicon's terms joined to its
    dictionary; for English, a blank spaCy pipeline (its tokenizer)."""
    if lang == "zh":
        jieba = _jieba()
        for w in user_words:
            if has_han(w):
                jieba.add_word(w, freq=10_000)
        return jieba
    nlp = _spacy().blank("en")
    nlp.max_length = 10_000_000
    return nlp


# Characters per piece split at once. Each piece starts a sentence (spaCy's Chinese tokenizer,
# which split Chinese text until December 2026, was quadratic in a piece's length); sentences end
# at line breaks, so cutting after one changes nothing.
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
        spans = _chinese_sentences(piece, nlp) if zh else _english_sentences(_flatten_runs(piece), nlp.tokenizer)
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
# Abbreviations that never end a sentence (`73.7 % vs. 71.4 % at six months` is one comparison).
_NO_END = frozenset({"vs."})
# Abbreviations that end no sentence when a bracket, a digit or a lower-case word follows (`Brown et al. (2004),
# sterol …`: the cited study's sentence goes on), though they may end one before a capital.
_NO_END_BEFORE_LOWER = frozenset({"al."})
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
                    text.endswith(".") and spaced and not (len(text) > 1 and text[-2].isdigit())
                    and text.lower() not in _NO_END and not _goes_on(piece, word, end))):
                starts.append(end + spaced)
    ends = starts[1:] + [len(piece)]
    return [(s, e) for s, e in zip(starts, ends) if e > s]


def _goes_on(piece: str, word: str, end: int) -> bool:
    """Whether the sentence goes on after a word that is an abbreviation of `_NO_END_BEFORE_LOWER` (`et al. (2004),
    …`; spaCy gives its full stop as a token of its own)."""
    if word.lower() not in _NO_END_BEFORE_LOWER:
        return False
    nxt = piece[end:end + 3].lstrip()[:1]
    return bool(nxt) and (nxt in "([" or nxt.isdigit() or nxt.islower())


# What a Chinese sentence split looks at. jieba cuts a text into blocks of `_JIEBA_BLOCK`'s
# characters, each cut into words by its dictionary, and yields every other character as a word
# of its own: so the sentence ends and brackets are always words of one character, and only a
# `.` before a space (always the end of a block) needs jieba's word, to tell `0.05.` from `45.5`.
# The rest of the text is never segmented: the same sentences as spaCy's Chinese pipeline over
# jieba's words with the rule above (tests/unit/extract/text/test_sentences.py checks both).
_ZH_EVENTS = re.compile(rf"[{re.escape(SENTENCE_ENDS + ''.join(sorted(_BRACKETS)))}]|\n\s*|\.(?= )")
_JIEBA_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._%\\-]")  # jieba's re_han_default, one character


def _block_start(piece: str, end: int) -> int:
    """Where jieba's block holding piece[end - 1] starts."""
    i = end - 1
    while i > 0 and _JIEBA_BLOCK.match(piece, i - 1):
        i -= 1
    return i


def _chinese_sentences(piece: str, jieba) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a Chinese (or mixed) piece, before whitespace is trimmed:
    a sentence starts after a sentence end outside brackets, and after a line break, which also
    closes every bracket (spaCy started it after the whitespace: the same once trimmed)."""
    starts, depth = [0], 0
    for m in _ZH_EVENTS.finditer(piece):
        c = m.group()
        if c[0] == "\n":
            depth = 0
            starts.append(m.end())
        elif c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c == ".":
            end = m.end()
            word = [w for w in jieba.cut(piece[_block_start(piece, end):end], cut_all=False) if w][-1]
            if not (len(word) > 1 and word[-2].isdigit()):
                starts.append(end)
        elif depth == 0:
            starts.append(m.end())
    ends = starts[1:] + [len(piece)]
    return [(s, e) for s, e in zip(starts, ends) if e > s]
