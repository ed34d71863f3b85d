"""The `study` plugin: the document's own study, its design, how many patients it enrolled, and its groups.

Registrations are read by the registration plugin. For consensus statements,
guidelines and reviews the document type is the design. For a paper, the design
is the one named where the paper speaks of itself (`本研究采用回顾性设计`, `In this
retrospective study`), else in its abstract; the sample size is an enrolment
sentence of its own abstract, methods or results (`收集...患者 24 例`), never of a
study it cites. Every group the paper names is an arm fact, once per name: its name as written, its size
when printed with it (`HAIC组38例`, `仑伐替尼组(n=45)`, `the TACE group (N = 30)`), and the
codes of the drugs, procedures and devices it received (`interventions`): those in its name,
else those the sentence that names it says it received. A paper with an enrolment count and
no named group is a single-arm study: one arm, its size the sample size.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.text.arms import SIZE, Arm, arm_text, arms
from evkg.extract.text.context import DocContext
from evkg.extract.text.views import View, view
from evkg.extract.vocabulary.cues import cue_pattern, cue_table, cue_words
from evkg.extract.vocabulary.intervention_codes import INTERVENTION_KINDS, codes_between

# Most specific first: a randomised trial may also call itself prospective.
_DESIGN_ORDER = ("meta_analysis", "rct", "nonrandomized_trial", "retrospective_cohort", "prospective_cohort",
                 "registry", "survey")
_OWN = re.compile(r"本研究|本文|我们|我院|本院|本组|this study|the present study|this trial|\bwe\b|\bour\b|in this")
_ENROL = re.compile(r"收集|纳入|入组|入选|招募|选取|收治|回顾性分析|随机分为|随机分配|共计"
                    r"|enrolled|included|recruited|analy[sz]ed|a total of|randomi[sz]ed|randomly assigned|allocated"
                    r"|\b(?:study|trial|cohort|series) (?:of|in|including|involving)\b")
# `120 consecutive patients`, `150 were randomized` (the noun said before: `Of 168 patients screened, 150 ...`).
_COUNT = re.compile(r"(?:患者|病例|病人)\s*(?:共)?\s*(\d+)\s*例|(\d+)\s*(?:例|名)(?:患者|病人)?"
                    r"|(\d+)\s*(?:(?:consecutive|eligible|evaluable)\s+)?(?:patients|subjects|participants)"
                    r"|(\d+)\s+(?:were|was)\s+(?:randomi[sz]ed|randomly assigned|enrolled|included)"
                    r"|(?<![a-z])n\s*=\s*(\d+)")
_SUBGROUP = re.compile(r"其中|of whom|of these|分别|among them")
_OWN_SECTIONS = ("abstract", "methods", "results")


class Study(Plugin):
    name = "study"
    version = "3"
    doctypes = PROSE_TYPES
    requires = ("sentences", "mentions", "markers")
    assigns = ("design", "sample_size", "arm")

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        v = view(ctx)
        facts = list(self._design(doc, ctx, v))
        if doc.doctype == "paper":
            facts += self._sample_size(doc, ctx, v)
        facts += self._arms(doc, ctx, v)
        return facts

    def _design(self, doc, ctx, v: View):
        designs = v.mentions_of("design")
        if doc.doctype != "paper":
            title = _title(doc)
            # A review whose title calls it a meta-analysis is a study of its own (`……疗效的Meta分析`).
            meta = next((d for d in designs if d.code == "meta_analysis" and doc.doctype == "review"
                         and title[0] <= v.span(d.start, d.end)[0] < title[1]), None)
            m = meta or next((d for d in designs if d.code == doc.doctype), None)
            s, e = v.span(m.start, m.end) if m else title
            if e > s:
                yield self.fact(ctx, "design", s, e, name=m.code if m else doc.doctype)
            return
        chosen = None
        for s, e in v.sentences:
            own = [d for d in designs if s <= d.start < e and d.code in _DESIGN_ORDER]
            if own and _OWN.search(v.key, s, e) and not v.cites_other(s, e):
                chosen = min(own, key=lambda d: _DESIGN_ORDER.index(d.code))
                break
        if chosen is None:
            abstract = doc.section("abstract")
            inside = [d for d in designs if d.code in _DESIGN_ORDER and abstract
                      and abstract.start <= v.span(d.start, d.end)[0] < abstract.end]
            chosen = min(inside, key=lambda d: _DESIGN_ORDER.index(d.code)) if inside else None
        if chosen:
            sent = next(((s, e) for s, e in v.sentences if s <= chosen.start < e), (chosen.start, chosen.end))
            # The clause that says it (`本研究采用回顾性设计分析 TACE`), cut at clause marks, never mid-word.
            s, e = v.span(*_clause(v.key, sent, chosen.start, chosen.end))
            yield self.fact(ctx, "design", s, e, name=chosen.code)

    def _sample_size(self, doc, ctx, v: View):
        refs = doc.section("references")
        for s, e in v.sentences:
            start = v.span(s, e)[0]
            if refs and start >= refs.start:
                break
            sec = doc.section_at(start)
            if doc.sections and (sec is None or sec.name not in _OWN_SECTIONS) or v.cites_other(s, e):
                continue
            clause_start = s
            for c in re.finditer(r"[,;]|$", v.key[s:e]):
                cs, ce = clause_start, s + c.start()
                clause_start = s + c.end()
                text = v.key[cs:ce]
                if not _ENROL.search(text) or _SUBGROUP.search(text):
                    continue
                m = _COUNT.search(text)
                if m:
                    qs, qe = v.span(cs + m.start(), cs + m.end())
                    yield self.fact(ctx, "sample_size", qs, qe, value=float(next(g for g in m.groups() if g)),
                                    unit="patients")

    def _arms(self, doc, ctx, v: View):
        refs = doc.section("references")
        limit = v.to_key(refs.start) if refs else len(v.key)
        # Reviews, guidelines and consensus report the arms of the studies they cite: one arm per
        # name and cited study there.
        review = doc.doctype in ("review", "guideline", "consensus")
        named: dict[tuple[str, str], list[tuple[Arm, tuple[int, int]]]] = {}
        for s, e in v.sentences:
            if s >= limit:
                break
            for a in arms(v, s, e):
                if not _names_an_arm(v, a):
                    continue
                named.setdefault((_arm_key(v, a), v.ref_at(a.start) if review else ""), []).append((a, (s, e)))
        for mentions in named.values():
            sized = next(((a, sent, m) for a, sent in mentions if (m := _size_after(v.key, a.end))), None)
            a, sent, m = sized or (*mentions[0], None)
            end = a.end + m.end() - m.start() if m else a.end
            qs, qe = v.span(a.start, end)
            size = float(m.group(1) or m.group(2)) if m else None
            received = _interventions(v, a, mentions)
            if size is None and not received and len(mentions) < 2:
                continue  # named once, with no size and nothing it received: a passing phrase
            yield self.fact(ctx, "arm", qs, qe, name=arm_text(v, a), value=size, unit="patients" if m else "",
                            total=int(size) if size is not None else None,
                            ref=v.ref_at(a.start) if review else "",
                            details={"interventions": "; ".join(received)} if received else {})
        if not named and doc.doctype == "paper":
            yield from self._single_arm(doc, ctx, v)

    def _single_arm(self, doc, ctx, v: View):
        """The one arm of a study that names no group: all its patients, given what its title names."""
        size = next(iter(self._sample_size(doc, ctx, v)), None)
        if size is None:
            return
        ts, te = _title(doc)
        received = codes_between(v.ctx.mentions_of(*INTERVENTION_KINDS), ts, te)
        yield self.fact(ctx, "arm", size.provenance.start, size.provenance.end, name=size.provenance.quote,
                        value=size.value, unit="patients", total=int(size.value) if math.isfinite(size.value) else None,
                        details={"interventions": "; ".join(received)} if received else {})


_ARM_FUNCTION = re.compile(r"^(?:within|between|by|per|each|all|both|total|whole)\b|\b(?:by|per)\b")
# `the TACE arm of 46 patients`, `a control group with 30 participants` (SIZE reads the bracketed forms).
_SIZE_OF = re.compile(r"\s+(?:of|with)\s+(\d+)()\s*(?:patients|participants|subjects|cases)")


def _size_after(key: str, end: int):
    """The size printed right after a group's name, as a match whose group 1 or 2 is the number."""
    return SIZE.match(key, end) or _SIZE_OF.match(key, end)


_PLURAL = re.compile(r"(?:groups|arms|cohorts)$")
_TITLE_CASE_NAME = re.compile(r"(?:[A-Z][\w-]*\s+){2,}(?:Group|Arm|Cohort)\b")


@lru_cache(maxsize=1)
def _clause_words() -> re.Pattern:
    """Function words and verbs (`studies included control group`): a clause, not a group's name."""
    words = [w for role in ("end", "verb") for w in cue_words("intervention_frames", role) if w.isascii()]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\s")


def _names_an_arm(v: View, a: Arm) -> bool:
    """Not `within group`, `three groups`, nor an organisation (`Eastern Cooperative Oncology Group`)."""
    key = v.key[a.start:a.end]
    s, e = v.span(a.start, a.end)
    written = v.ctx.doc.text[s:e]
    if _ARM_FUNCTION.search(key) or _PLURAL.search(key) or _TITLE_CASE_NAME.fullmatch(written.strip()) \
            or _clause_words().search(key) or "\n" in written:
        return False
    head = key.split()[:-1] if key.isascii() else []
    roles = _frame_roles()
    # `the left arm` is a limb; `either group`, `one group`, `small group` name no group in particular.
    if head and ("anatomy" in roles.get(head[-1], ()) or all(
            roles.get(w, set()) & {"generic", "determiner", "lead"} and w not in cue_words("arm_heads") for w in head)):
        return False
    return not cue_pattern("organisation").search(key)


@lru_cache(maxsize=1)
def _frame_roles() -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for cue, role, *_ in cue_table("intervention_frames"):
        roles.setdefault(cue, set()).add(role)
    return roles


def _arm_key(v: View, a: Arm) -> str:
    """One key for the ways a group is written (`TACE 组`, `TACE组`, `the TACE Group`)."""
    return re.sub(r"\s+", "", v.key[a.start:a.end])


def _interventions(v: View, arm: Arm, mentions) -> list[str]:
    """Codes of what the group received: named in its name, else in the rest of the clause naming it."""
    found = v.mentions_of(*INTERVENTION_KINDS)
    inside = codes_between(found, arm.start, arm.end)
    if inside:
        return inside
    for a, (s, e) in mentions:
        # `cefepime (C group, 20 patients)`: the treatment printed right before the bracket.
        bracket = re.search(r"\(\s*$", v.key[max(s, a.start - 3):a.start])
        if bracket:
            lo = s + max((m.end() for m in re.finditer(r"[,;]|\bor\b|\)", v.key[s:a.start - 1])), default=0)
            before = codes_between(found, lo, a.start)
            if before:
                return before
        stop = _CLAUSE_MARK.search(v.key, a.end, e)
        after = codes_between(found, a.end, stop.start() if stop else e)
        if after:
            return after
    return []


def _title(doc: Document) -> tuple[int, int]:
    """The first non-blank line: the document's title."""
    m = re.search(r"\S[^\n]*", doc.text)
    return (m.start(), m.end()) if m else (0, 0)


_CLAUSE_MARK = re.compile(r"[,，;；:：。]|\.\s")


def _clause(key: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause of `key[sent]` around [start, end)."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(key, sent[0], start)]
    lo = marks[-1] if marks else sent[0]
    after = _CLAUSE_MARK.search(key, end, sent[1])
    return lo, after.start() if after else sent[1]
