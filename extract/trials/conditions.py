"""The `paper_conditions` plugin: the condition a paper studies when no lexicon knows it (the open vocabulary).

A paper names what it studies in its title, its objective (`Objective:`, `目的`, `we aimed to`) and its
inclusion criteria (`纳入标准`); there a condition's name is a noun phrase ending on a disease noun
(`gastric cancer`, `idiopathic pulmonary fibrosis`, `bronchiolitis`, `特发性肺纤维化`), read without its stage
and severity words (`locally advanced`, `中重度`) and named in lower case as written (the open vocabulary's name).
Words are data (ontology/cues/condition_frames.tsv). A phrase the lexicon knows is the `entities` plugin's (with
its code); what only the exclusion criteria name is not studied; a disease noun that modifies another
(`cancer centre`, `disease-free`, `食管癌根治术`) names no condition.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from evkg.core.model import Document, Fact
from evkg.extract.plugin import Plugin
from evkg.extract.text.context import DocContext
from evkg.extract.text.views import View, view
from evkg.extract.trials.eligibility import criteria_spans, in_criteria
from evkg.extract.trials.entities import negated
from evkg.extract.trials.study import document_title
from evkg.extract.vocabulary.cues import cue_pattern, cue_words

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_STAGE = re.compile(r"(?:[ivx]+|[ivx]+[abc]|[ctnm]\d\S*|\d[abc])")
_MAX_WORDS = 6
_MAX_HAN = 14
_OBJECTIVE_AT = 12  # characters from a sentence's start within which its objective label stands


@cache
def _words(role: str) -> frozenset[str]:
    return frozenset(cue_words("condition_frames", role))


@cache
def _longest(role: str) -> tuple[str, ...]:
    return tuple(sorted(_words(role), key=len, reverse=True))


@cache
def _zh_head() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in _longest("zh_head")))


class PaperConditions(Plugin):
    name = "paper_conditions"
    version = "1"
    doctypes = ("paper", "review")
    requires = ("sentences", "mentions")
    assigns = ("condition",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        v = view(ctx)
        known = [(m.start, m.end) for m in v.mentions]
        seen: set[str] = set()
        for s, e in _zones(doc, ctx, v):
            for ks, hs, ke, name in (*_english(v.key, s, e), *_chinese(v.key, s, e)):
                # A head the lexicon knows is its name (`乙肝相关肝细胞癌` is HCC); words before it may be
                # known (`糖尿病周围神经病变` is more than diabetes).
                if name in seen or any(ms < ke and hs < me for ms, me in known) \
                        or any(n.endswith(" " + name) for n in seen):
                    continue  # `glaucoma` after `open-angle glaucoma` is the same condition
                start, end = v.span(ks, ke)
                if in_criteria(ctx, "exclusion", start) or negated(doc.text, start):
                    continue
                seen.add(name)
                yield self.fact(ctx, "condition", start, end, name=name)


def _zones(doc: Document, ctx: DocContext, v: View) -> Iterator[tuple[int, int]]:
    """Key ranges where a paper says what it studies: its title, objective sentences, inclusion criteria."""
    ts, te = document_title(doc)
    if te > ts:
        yield v.to_key(ts), v.to_key(te)
    refs = doc.section("references")
    limit = v.to_key(refs.start) if refs else len(v.key)
    label = cue_pattern("condition_frames", "objective")
    for s, e in v.sentences:
        if s >= limit:
            break
        m = label.search(v.key, s, e)
        if not m:
            continue
        # The line the label opens (the key may have joined a title and the abstract's first line).
        line = max(s, v.to_key(doc.text.rfind("\n", 0, v.span(m.start(), m.end())[0]) + 1))
        if m.start() - line <= _OBJECTIVE_AT:
            yield line, e
    for s, e in criteria_spans(ctx, "inclusion"):
        yield v.to_key(s), v.to_key(e)


def _english(key: str, s: int, e: int) -> Iterator[tuple[int, int, int, str]]:
    """(key start, head start, key end, name) of each noun phrase in key[s:e] ending on a disease noun."""
    tokens = list(_WORD.finditer(key, s, e))
    for i, tok in enumerate(tokens):
        word = tok.group()
        whole = word in _words("whole") or (word.endswith(_longest("suffix")) and len(word) > 5
                                            and word not in _words("not") and word not in _words("head"))
        if not whole and word not in _words("head"):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt and not key[tok.end():nxt.start()].strip() and nxt.group() in _words("follow"):
            continue  # `cancer centre`, `disease control`
        words = [tok]
        for j in range(i - 1, max(-1, i - _MAX_WORDS), -1):
            prev = tokens[j]
            if key[prev.end():words[0].start()].strip() or prev.group() in _words("stop") \
                    or prev.group().endswith("ing"):
                break
            words.insert(0, prev)
        words = _without_qualifiers(words)
        if len(words) < (1 if whole else 2):
            continue
        yield words[0].start(), tok.start(), tok.end(), " ".join(w.group() for w in words)


def _without_qualifiers(words: list[re.Match]) -> list[re.Match]:
    """The phrase without its leading stage, severity and setting words (`locally advanced`, `stage iii`)."""
    changed = True
    while changed and words:
        changed = False
        text = " ".join(w.group() for w in words)
        for q in _longest("qualifier"):
            if text.startswith(q + " "):
                words = words[len(q.split()):]
                changed = True
                break
        if not changed and len(words) > 1 and _STAGE.fullmatch(words[0].group()):
            words, changed = words[1:], True
    return words


def _chinese(key: str, s: int, e: int) -> Iterator[tuple[int, int, int, str]]:
    """(key start, head start, key end, name) of each run of Chinese characters in key[s:e] ending on a disease noun and
    followed by what may follow a name (`患者`, `的`, a mark), from the word before it that ends a name."""
    after = _longest("zh_after")
    stops = _longest("zh_stop")
    for m in _zh_head().finditer(key, s, e):
        end = m.end()
        if end < e and _HAN.match(key, end) and not key.startswith(after, end):
            continue  # `食管癌根治术`: the name goes on, or is a part of another word
        start = m.start()
        while start > max(s, end - _MAX_HAN) and _HAN.match(key, start - 1) \
                and not any(key.startswith(w, start - len(w)) for w in stops):
            start -= 1
        start = _without_zh_qualifiers(key, start, m.start())
        name = key[start:end]
        if (start < m.start() or name in _words("zh_whole")) and name not in _words("zh_not") \
                and not name.endswith(_longest("zh_not_end")):
            yield start, m.start(), end, name


def _without_zh_qualifiers(key: str, start: int, head: int) -> int:
    qualifiers = _longest("zh_qualifier")
    moved = True
    while moved:
        moved = False
        for q in qualifiers:
            if key.startswith(q, start) and start + len(q) <= head:
                start += len(q)
                moved = True
                break
    return start
