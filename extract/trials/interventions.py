"""The `interventions` plugin: interventions as a trial report states them, in its own words
(open vocabulary).

A lexicon knows only the treatments it lists; a trial of `transcutaneous electroacupuncture`
or `bupivacaine lozenges` names them where it says what it compares: in its title (`X versus
Y`, `Effect of X on ...`, `X for the treatment of ...`, `X alleviates ...`), in its allocation
sentence (`randomized to receive X or Y`, `patients received X`) and in its group names
(`the lozenge group`). Each distinct phrase becomes a procedure fact whose name is the
phrase's normalised label (lower case, spaces collapsed) and whose quote is the phrase; a
phrase that is exactly a lexicon term is left to the entities plugin, which reads it with its
code (vocabulary/intervention_codes.py gives the codes of the lexicon's mentions in a span).
English text only: Chinese trial reports name their arms (`HAIC组`) and the lexicons cover
their treatments. The frame words are data (`ontology/cues/intervention_frames.tsv`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.text.arms import arms
from evkg.extract.text.context import DocContext
from evkg.extract.text.views import View, view
from evkg.extract.vocabulary.cues import cue_alternation, cue_words

_MAX_WORDS = 8
_MAX_LIST_ITEM_WORDS = 5  # a longer "item" is the clause going on, not a list of treatments
_MIN_CONTENT = 3  # letters of the shortest word that can name an intervention on its own
_TITLE_LABEL = re.compile(r"\s*title\s*:?\s*$", re.I)
_SPLIT = re.compile(r"\s*(?:,\s*(?:or|and)\s+|,\s*|\s+or\s+|\s+and\s+|\s*;\s*|\s+(?:versus|vs\.?)\s+)")
# `zinc syrup worked significantly faster`: a participle before an adverb or a function word ends the name.
_PREDICATE = re.compile(r"\s[a-z]+ed(?=\s+(?:[a-z]+ly|as|by|to|the|a|an|with|in|over|for|from|on|at|that)\b)")
_CLAUSE_END = r"(?=[.;:]\s|[.;:]?$|\s+(?:and were|and was|for|during|until|who|which)\b)"
# An item that starts with a past participle or a function word continues the clause.
# (`pegylated interferon` is an item: its participle is followed by a noun, not a function word.)
_CLAUSE_GOES_ON = re.compile(
    r"[a-z]+ed(?=\s+(?:as|by|to|the|a|an|with|in|over|for|from|on|at|that)\b|\s*$)"
    r"|(?:in|de)creased\b|improved\b|reduced\b|(?:as|by|to|in|on|at|of|for|with|did|was|were)\b")
_WORD = re.compile(r"[a-z0-9][a-z0-9+\-/'.]*")


def _words(role: str) -> tuple[str, ...]:
    return cue_words("intervention_frames", role)


def _alt(role: str) -> str:
    return cue_alternation("intervention_frames", role)


@cache
def _frames() -> dict[str, re.Pattern]:
    end = rf"(?=\s+(?:{_alt('end')}|{_alt('compare')})\b|\s*[:;,.(\[]|$)"
    return {
        "compare": re.compile(rf"\s+(?:{_alt('compare')})(?=\s)"),
        "compare_lead": re.compile(rf"\b(?:{_alt('compare_lead')})\s+(?:the\s+)?(.+?)"
                                   rf"\s+(?:with|to|and)\s+(?:the\s+)?(.+?){end}"),
        "head": re.compile(rf"\b(?:{_alt('head')})\s+of\s+(.+?){end}"),
        "purpose": re.compile(rf"^(.+?)\s+(?:for|in)\s+(?:the\s+)?(?:{_alt('purpose')})\b"),
        "verb": re.compile(rf"^(.+?)\s+(?:{_alt('verb')})\s"),
        "allocate": re.compile(rf"\b(?:{_alt('allocate')})\s+(.+?){_CLAUSE_END}"),
        "give": re.compile(rf"\b(?:{_alt('recipient')})\s+(?:\w+\s+){{0,2}}?(?:{_alt('give')})\s+(.+?){_CLAUSE_END}"),
        "end": re.compile(rf"\s+(?:{_alt('end')}|{_alt('compare')})\b|\s*[(\[:;]"),
        "lead": re.compile(rf"(?:(?:{_alt('lead')})\s+|(?:{_alt('head')})\s+of\s+)+"),
        "determiner": re.compile(rf"(?:\b(?:{_alt('determiner')})\s+|[(\[,;]\s*)$"),
        "clause_word": re.compile(rf"\b(?:{_alt('end')}|{_alt('verb')})\s+"),
    }


class Interventions(Plugin):
    name = "interventions"
    version = "1"
    doctypes = PROSE_TYPES
    requires = ("sentences", "mentions")
    assigns = ("procedure",)

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        if doc.language != "en":
            return []
        v = view(ctx)
        known = {(m.start, m.end) for m in v.mentions}
        refs = doc.section("references")
        limit = v.to_key(refs.start) if refs else len(v.key)
        seen, facts = set(), []
        for ks, ke in [*self._title(v), *self._allocation(v, limit), *self._groups(v, limit)]:
            ks, ke = _trim(v.key, ks, ke)
            # `the PHR group`, `randomized to 4LB`: the intervention is the abbreviation's long form.
            ks, ke = _long_form(v, ks, ke) or (ks, ke)
            label = " ".join(v.key[ks:ke].split())
            if not _names_something(label) or label in seen or (ks, ke) in known:
                continue
            seen.add(label)
            s, e = v.span(ks, ke)
            facts.append(self.fact(ctx, "procedure", s, e, name=label))
        return facts

    def _title(self, v: View) -> Iterable[tuple[int, int]]:
        """Interventions named in the title line(s), in key offsets."""
        ts, te = _title_span(v.key)
        for part in re.finditer(r"[^:]+", v.key[ts:te]):
            yield from _title_part(v.key, ts + part.start(), ts + part.end())

    def _allocation(self, v: View, limit: int) -> Iterable[tuple[int, int]]:
        """`randomized to receive X or Y`, `patients received X`: each of X, Y."""
        frames = _frames()
        for s, e in v.sentences:
            if s >= limit:
                break
            for rx in (frames["allocate"], frames["give"]):
                for m in rx.finditer(v.key, s, e):
                    yield from _items(v.key, m.start(1), m.end(1))

    def _groups(self, v: View, limit: int) -> Iterable[tuple[int, int]]:
        """Group names after a determiner (`the lozenge group`, `(C group`), without the word `group`."""
        determiner = _frames()["determiner"]
        for s, e in v.sentences:
            if s >= limit:
                break
            for a in arms(v, s, e):
                m = re.search(r"\s+(?:group|arm|cohort)s?$", v.key[a.start:a.end])
                if m and determiner.search(v.key, max(s, a.start - 12), a.start):
                    # `... therapy improves arm`: the name starts after the last verb or function word.
                    words = list(_frames()["clause_word"].finditer(v.key, a.start, a.start + m.start()))
                    yield (words[-1].end() if words else a.start), a.start + m.start()


_ABBREVIATION = re.compile(r"[A-Z0-9][A-Za-z0-9\-]{1,7}")


def _long_form(v: View, ks: int, ke: int) -> tuple[int, int] | None:
    """Key span of `long form (ABBR)` where the phrase is ABBR as written, else None.

    The long form is the fewest words before the bracket whose first one starts with the
    abbreviation's first letter (Schwartz and Hearst's rule, simplified), at most len(ABBR) + 2 words.
    """
    s, e = v.span(ks, ke)
    written = v.ctx.doc.text[s:e]
    if not _ABBREVIATION.fullmatch(written) or not any(c.isupper() for c in written):
        return None
    for m in re.finditer(rf"\(\s*{re.escape(written.lower())}\s*[),;]", v.key):
        before = list(re.finditer(r"[a-z0-9][a-z0-9\-']*", v.key[max(0, m.start() - 120):m.start()]))
        base = max(0, m.start() - 120)
        words = before[-(len(written) + 2):]
        lead = written[0].lower()
        for w in words:
            if w.group(0)[0] == lead and not re.search(r"[.;:]", v.key[base + w.start():m.start()]):
                return base + w.start(), base + words[-1].end()
    return None


def _title_span(key: str) -> tuple[int, int]:
    """The document's title: its first non-blank line, or the line after a `TITLE:` label."""
    lines = [m for m in re.finditer(r"[^\n]+", key[:2000]) if m.group(0).strip()]
    if not lines:
        return 0, 0
    first = lines[0]
    if _TITLE_LABEL.match(first.group(0)) and len(lines) > 1:
        first = lines[1]
    return first.start(), first.end()


def _title_part(key: str, s: int, e: int) -> Iterable[tuple[int, int]]:
    f = _frames()
    text = key[s:e]
    cmp = f["compare"].search(text)
    if cmp:
        # `... of X versus Y in ...`: X is the last phrase before the connector, Y the first after.
        left = text[:cmp.start()]
        cut = max((m.end() for m in re.finditer(r"\b(?:of|between|with|and|to)\s+", left)), default=0)
        yield s + cut, s + cmp.start()
        yield from _items(key, s + cmp.end() + 1, e, first_only=True)
        return
    m = f["compare_lead"].search(text)
    if m:
        yield s + m.start(1), s + m.end(1)
        yield s + m.start(2), s + m.end(2)
        return
    for name in ("head", "purpose", "verb"):
        m = f[name].search(text)
        if m:
            yield from _items(key, s + m.start(1), s + m.end(1))
            return


def _items(key: str, s: int, e: int, first_only: bool = False) -> Iterable[tuple[int, int]]:
    """The phrases of a list `X, Y or Z` in key[s:e], each cut where a non-intervention word starts.

    The list ends with the first phrase cut at a word (`X for 14 days`): what follows is the rest
    of the clause. A phrase cut at a bracket (`X (4LB) or Y`) lets the list go on.
    """
    pos = s
    for m in [*_SPLIT.finditer(key, s, e), None]:
        end = m.start() if m else e
        if pos > s and _CLAUSE_GOES_ON.match(key, pos, end):
            return  # `X and served as ...`, `X, increased muscle mass`: a clause, not the next item
        if end > pos:
            stop = _frames()["end"].search(key, pos, end)
            yield pos, stop.start() if stop else end
            cut_by_word = stop is not None and key[stop.start():stop.end()].strip()[:1].isalpha()
            if first_only or cut_by_word or len(key[pos:end].split()) > _MAX_LIST_ITEM_WORDS:
                return
        if m is None:
            return
        pos = m.end()


def _trim(key: str, s: int, e: int) -> tuple[int, int]:
    """Leading articles and list words off, trailing punctuation off; at most _MAX_WORDS words."""
    while s < e and not key[s].isalnum():
        s += 1
    lead = _frames()["lead"].match(key, s, e)
    if lead:
        s = lead.end()
    pred = _PREDICATE.search(key, s, e)
    if pred:
        e = pred.start()
    words = list(_WORD.finditer(key, s, e))
    if len(words) > _MAX_WORDS:
        return s, s
    while e > s and not (key[e - 1].isalnum() or key[e - 1] in ")%"):
        e -= 1
    return s, e


def _names_something(label: str) -> bool:
    """A phrase with at least one word that is not generic (`control`, `placebo`, `group`)."""
    generic = set(_words("generic"))
    words = _WORD.findall(label)
    content = [w for w in words if len(w) >= _MIN_CONTENT and w not in generic and w.isalpha()]
    if len(words) == 1 and words[0].endswith(_words("adjective_suffix")):
        return False  # one adjective (`excellent`, `bacterial`) names no treatment
    # `patients randomized` is about the patients; `patient held record` names a thing given.
    return bool(content) and not words[0][0].isdigit() and (words[0] not in generic or len(content) >= 2)
