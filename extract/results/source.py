"""Stage 4 of reading a result: whose number it is.

A citation marker in the number's sentence, wherever it stands, makes the number
the cited source's, unless the sentence says it is the document's own (`本研究`,
`in this study`). With no marker in the sentence, a review (or a paper passage
that names another study's authors) reports the study brought in last in the
paragraph: the sentence that introduces it (`He 等[13]发表了一项…`, `X et al.
reported`) gives its citation, or no citation when the study is uncited (a named
trial). The cited study's size (`对 23 例患者…`) is the total of its numbers.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from evkg.core.text import HAN
from evkg.extract.text.views import View
from evkg.extract.vocabulary.cues import cue_pattern

# `23 例`, `57 例患者`, `110 patients`: a study's patients as counted in the sentence.
_COHORT = re.compile(r"(?<![\d.])(\d+)\s*(?:例|名|(?=\s*patients\b))(?!\s*\(\s*\d)")
_CLAUSE_BREAK = re.compile(r"[,;:]")
# `(Maltais et al. 2005)`, `Melki et al 1999`: an author-year citation the reference list does not resolve.
_AUTHOR_YEAR = re.compile(r"\b([A-Z][A-Za-z'\-]+ et al\.?,? ?\(?(?:19|20)\d{2})")
# `the TACTICS trial`, `SHARP study`, `张华团队`: a study named without a citation.
_NAMED = re.compile(rf"\b([A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*)\s+(?:trial|study)\b|([{HAN}]{{2,3}})团队")


@dataclass(frozen=True)
class Source:
    ref: str = ""  # cited reference number, "" for the document's own or an uncited named study
    kind: str = "own"  # own | cited | named
    total: int | None = None  # the cited study's size, when the sentence states it
    n: int | None = None  # a count before the number that is its numerator (`4 例…，转化率 17.4%`)
    name: str = ""  # an uncited study's name as written (`TACTICS`, `张华团队`)
    loose: bool = False  # given by a citation elsewhere in the sentence or paragraph, not next to the number


def _cites(v: View, s: int, e: int) -> list[tuple[int, int, str, bool]]:
    return v.citations_between(s, e)


def _in_sentence(v: View, k: int, s: int, e: int) -> str:
    """The marker of the number's clause, else the first after it in the sentence, else the last before."""
    cites = _cites(v, s, e)
    before = [c for c in cites if c[0] < k]
    clause_start = max([m.end() for m in _CLAUSE_BREAK.finditer(v.key, s, k)], default=s)
    same_clause = [c for c in before if c[0] >= clause_start]
    after = [c for c in cites if c[0] >= k]
    pick = same_clause[-1:] or after[:1] or before[-1:]
    return pick[0][2]


def _name_in(v: View, s: int, e: int) -> str:
    """The name of a study the key range [s, e) mentions, unless it is the document's own (in its title)."""
    ds, de = v.span(s, e)
    text = v.ctx.doc.text
    title = text[:300]
    for m in _NAMED.finditer(text, ds, de):
        name = m.group(1) or m.group(2) + "团队"
        if name not in title and not re.fullmatch(r"[IVX]+", name):  # `phase II study` names no study
            return name
    return ""


def _introduced(v: View, k: int) -> Source | None:
    """The source of the study introduced last before `k` in its paragraph, or None when none is."""
    ps, _ = v.paragraph_at(k)
    i = v.sentence_index(k)
    first = bisect_left(v.sentence_starts, ps)
    for s, e in reversed(v.sentences[first:i if i is not None else bisect_left(v.sentence_starts, k)]):
        named = _cites(v, s, e)
        if any(c[3] for c in named) or cue_pattern("study_intro", "intro").search(v.key, s, e):
            return Source(named[0][2], "cited") if named else Source("", "named", name=_name_in(v, s, e))
    return None


def _whole_sentence(v: View, start: int, end: int) -> tuple[int, int]:
    """The sentence up to its full stop: parts split at `;` belong together (`…；mOS 为 14.0 个月[26]。`)."""
    sents = v.sentences
    i = v.sentence_index(start)
    if i is None:
        return start, end
    a = b = i
    while a > 0 and v.key[sents[a - 1][0]:sents[a - 1][1]].rstrip().endswith(";"):
        a -= 1
    while b + 1 < len(sents) and v.key[sents[b][0]:sents[b][1]].rstrip().endswith(";"):
        b += 1
    return sents[a][0], max(end, sents[b][1])


def source_of(v: View, k: int, start: int, end: int, own_zone: bool = False, review: bool = False) -> Source:
    """Whose the number at key offset `k` in the sentence [start, end) is. In a paper's own results
    (`own_zone`) a number is another study's only when its clause cites one or names it
    (`previously reported`, `et al.`): a citation elsewhere in the sentence backs a method or a
    comparison, not the number. A paper the scope finds to be a narrative review (`review`) is read as
    a review."""
    doctype = "review" if review else v.ctx.doc.doctype
    after = _cited_after(v, k, end)
    if after is not None:
        return after
    if own_zone and doctype == "paper":
        return _in_own_results(v, k, start, end)
    start, end = _whole_sentence(v, start, end)
    if _cites(v, start, end):
        # `…［6］报道，X为84.5%，与本研究结果相近`: when the cited study is brought in before the number, the document's
        # own named only after the number's clause compares the cited number with its own, it does not make it own
        nxt = _CLAUSE_BREAK.search(v.key, k, end)
        own_end = nxt.start() if nxt and all(c[0] < k for c in _cites(v, start, end)) else end
        if doctype == "paper" and cue_pattern("study_intro", "own").search(v.key, start, own_end):
            return Source()
        clause = max([m.end() for m in _CLAUSE_BREAK.finditer(v.key, start, k)], default=start)
        # the citation is next to the number, or the sentence opens on the cited study (`有研究对 23 例…`)
        near = bool(_cites(v, clause, k)) or bool(cue_pattern("study_intro", "intro").search(v.key, start, k))
        return _with_cohort(v, k, start, Source(_in_sentence(v, k, start, end), "cited", loose=not near))
    if doctype == "review" or v.cites_other(start, end):
        ds, de = v.span(start, end)
        author = _AUTHOR_YEAR.search(v.ctx.doc.text, ds, de) if doctype == "review" else None
        if author:  # `In a phase III trial (Smith et al 2015), …`: the study the sentence names
            return Source("", "cited", name=author.group(1), loose=True)
        intro = _introduced(v, k)
        if intro is not None:
            return replace(intro, loose=True)
        ref = v.ref_at(k)
        return Source(ref, "cited", loose=True) if ref else Source()
    ds, de = v.span(start, end)
    author = _AUTHOR_YEAR.search(v.ctx.doc.text, ds, de)
    if author:
        return Source("", "cited", name=author.group(1))
    name = _name_in(v, start, end)
    return Source("", "named", name=name) if name else Source()


def names_other(key: str, a: int, b: int) -> bool:
    """Whether key[a:b] names another study (result_words `other_study`); `reported by 12%` is the share of
    the study's people who reported something, no study's authors."""
    return any(not re.match(r"\s*\d", key[m.end():m.end() + 3])
               for m in cue_pattern("result_words", "other_study").finditer(key, a, b))


def _cited_after(v: View, k: int, end: int) -> Source | None:
    """`… matches the 81.5% reported by Lee et al. [14]`: a number followed, before any other number, by
    another study's citation or its authors is that study's."""
    key = v.key
    m = re.compile(r"[^\d;]{0,60}").match(key, re.compile(r"[\d.,]*\s*%?").match(key, k).end())
    stop = min(m.end(), end)
    if not names_other(key, k, stop):
        return None
    cites = _cites(v, k, stop + 8)
    if cites:
        return Source(cites[0][2], "cited")
    ds, de = v.span(k, stop)
    author = _AUTHOR_YEAR.search(v.ctx.doc.text, ds, de)
    return Source("", "cited", name=author.group(1) if author else "")


def _in_own_results(v: View, k: int, start: int, end: int) -> Source:
    key = v.key
    cs = max([m.end() for m in _CLAUSE_BREAK.finditer(key, start, k)], default=start)
    nxt = _CLAUSE_BREAK.search(key, k, end)
    ce = nxt.start() if nxt else end
    cites = _cites(v, cs, ce)
    if cue_pattern("result_words", "own_study").search(key, start, end):
        return Source()
    if cites:
        return _with_cohort(v, k, start, Source(cites[0][2], "cited"))
    if names_other(key, cs, ce):
        ds, de = v.span(start, end)
        author = _AUTHOR_YEAR.search(v.ctx.doc.text, ds, de)
        return Source("", "cited", name=author.group(1) if author else "")
    return Source()


def _with_cohort(v: View, k: int, start: int, src: Source) -> Source:
    """The cited study's size: the one patient count before the number in its sentence, or the
    count in the number's own clause when the sentence counts several (sub)groups."""
    counts = list(_COHORT.finditer(v.key, start, k))
    if not counts:
        return src
    first = int(counts[0].group(1))
    value = re.compile(r"(\d+(?:\.\d+)?)\s*%").match(v.key, k)
    pct = float(value.group(1)) if value else None
    n, rest = None, []
    for m in counts[1:]:
        c = int(m.group(1))
        if pct is not None and first and abs(100 * c / first - pct) < 0.1:
            n = c  # `4 例患者转化为可手术切除，转化率 17.4%`: 4 of the 23
        elif c != first:
            rest.append(m)
    if not rest:
        return Source(src.ref, src.kind, first, n, src.name, src.loose)
    last = rest[-1]
    if not _CLAUSE_BREAK.search(v.key, last.end(), k):
        return Source(src.ref, src.kind, int(last.group(1)), n, src.name, src.loose)
    return src
