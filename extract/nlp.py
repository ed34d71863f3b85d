"""spaCy pipelines: blank `zh` with the jieba segmenter, blank `en`; sentences with absolute offsets."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba
import spacy

# jieba prints its dictionary loading to stderr; keep the CLI quiet.
jieba.setLogLevel(logging.WARNING)

_ZH_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@lru_cache(maxsize=None)
def pipeline(lang: str, user_words: tuple[str, ...] = ()):
    """A blank pipeline; for Chinese the lexicon's terms join jieba's dictionary."""
    if lang == "zh":
        for w in user_words:
            if _ZH_CHAR.search(w):
                jieba.add_word(w, freq=10_000)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": ["。", "！", "？", ".", "!", "?", "；", ";"]})
    return nlp


def sentences(text: str, lang: str, user_words: tuple[str, ...] = ()) -> list[Sentence]:
    """Sentences of `text` with absolute offsets, never crossing a line break.

    Lines are segmented one by one: registrations and reference lists are line-structured,
    and a sentence running over a blank line is a layout accident, not a sentence.
    """
    nlp = pipeline("zh" if lang in ("zh", "mixed") else "en", user_words)
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            for sent in nlp(body).sents:
                s, e = sent.start_char, sent.end_char
                while s < e and body[s].isspace():
                    s += 1
                while e > s and body[e - 1].isspace():
                    e -= 1
                if e > s:
                    out.append(Sentence(pos + s, pos + e))
        pos += len(line)
    return out
