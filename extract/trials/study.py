"""The `study` plugin: the document's own study, its design, how many it studied and its groups.

Registrations are read by the registration plugin. For consensus statements, guidelines and
reviews the document type is the design. For a paper the design is read where the paper speaks
of itself: its title (`...: a randomised, double-blind trial`), else a sentence saying `this
study`, `we`, `本研究` (`本研究采用回顾性设计`), else the first statement of its own abstract
or methods that names one (`Patients were randomly assigned`); never a sentence about a study
it cites, nor its introduction or discussion. The code is the most specific one named
(ontology/lexicon/design.tsv, or implied by a feature: `randomly assigned` -> rct, `单臂` ->
nonrandomized_trial); the features named with it (masking, phase, model, centres, timing,
hypothesis, control, observation; ontology/cues/design_features.tsv) are its details.

Sample sizes are the counts of people of the paper's own sentences (extract/text/counts.py),
each with the N it is in `size_type`: enrolled, randomised or analysed; counts of screened or
excluded patients, parts of a count (`of whom`, `男 40 例`) and arms' N are not the study's.
A count said to be randomised in a study that is not randomised is the allocated, enrolled N.

Arms are the study's arms (extract/text/allocation.py), one fact per arm: its first name as
written, its N from allocation when printed, the codes it received. A paper with no named
group that is not randomised is a single-arm study: one arm, its N the enrolled N.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.text.allocation import own_sentence, study_arms
from evkg.extract.text.context import DocContext
from evkg.extract.text.counts import STUDY_TYPES, clauses, typed_counts
from evkg.extract.text.design import FEATURES, DesignCue, design_cues
from evkg.extract.text.views import View, view
from evkg.extract.vocabulary.cues import cue_pattern, cue_words
from evkg.extract.vocabulary.intervention_codes import INTERVENTION_KINDS, codes_between

# Most specific first: a randomised trial may also call itself prospective.
_DESIGN_ORDER = ("meta_analysis", "rct", "nonrandomized_trial", "retrospective_cohort", "prospective_cohort",
                 "registry", "survey")
# Sections where a paper speaks of other studies; read there only what it says of itself.
_OTHERS_SECTIONS = ("background", "discussion", "conclusions", "back")
_TITLE_LABEL = re.compile(r"\s*title\s*:?\s*$", re.I)


class Study(Plugin):
    name = "study"
    version = "5"
    doctypes = PROSE_TYPES
    requires = ("sentences", "mentions", "markers")
    assigns = ("design", "sample_size", "arm")

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        v = view(ctx)
        design = self._design(doc, ctx, v)
        facts = [design] if design else []
        randomised = design is not None and (design.name == "rct" or design.detail("allocation") == "randomized")
        sizes = self._sample_sizes(ctx, v, randomised) if doc.doctype == "paper" else []
        facts += sizes
        facts += self._arms(doc, ctx, v, design, sizes)
        return facts

    # --- design ---------------------------------------------------------------------------

    def _design(self, doc: Document, ctx: DocContext, v: View) -> Fact | None:
        if doc.doctype != "paper":
            return self._document_type(doc, ctx, v)
        zones = [_titles(doc, v), *_own_sentences(v)]
        features: dict[str, str] = {}
        best: dict[int, tuple[str, int, int, tuple[int, int]]] = {}  # zone -> its most specific code
        future = cue_pattern("design_words", "future")
        for zone, (s, e) in _without_future(v, zones, future):
            cues = _cues(v, s, e)
            for c in cues:
                features.setdefault(c.feature, c.value)
            found = _best_code(v, s, e, cues, zone)
            if found and (zone not in best or _DESIGN_ORDER.index(found[0]) < _DESIGN_ORDER.index(best[zone][0])):
                best[zone] = (*found, (s, e))
        # The title and the paper's statements about itself speak of it alike: the most specific code of
        # either (`前瞻性多中心临床研究` titles a study that calls itself `单臂`); else its plain sentences.
        spoken = [z for z in (0, 1) if z in best]
        if spoken:
            zone = min(spoken, key=lambda z: (_DESIGN_ORDER.index(best[z][0]), z))
            chosen = (zone, best[zone])
        else:
            chosen = (2, best[2]) if 2 in best else None
        if chosen is None:
            return None
        zone, (code, ks, ke, sent) = chosen
        # The clause that says it (`本研究采用回顾性设计分析 TACE`), cut at clause marks, never mid-word;
        # a title's design is its part after the colon.
        if zone == 0:
            s, e = v.span(*_title_design(v, sent, ks))
        else:
            s, e = v.span(*_clause(v.key, sent, ks, ke))
        details = {k: features[k] for k in FEATURES if k in features}
        return self.fact(ctx, "design", s, e, name=code, details=details)

    def _document_type(self, doc: Document, ctx: DocContext, v: View) -> Fact | None:
        designs = v.mentions_of("design")
        title = document_title(doc)
        # A review whose title calls it a meta-analysis is a study of its own (`……疗效的Meta分析`).
        meta = next((d for d in designs if d.code == "meta_analysis" and doc.doctype == "review"
                     and title[0] <= v.span(d.start, d.end)[0] < title[1]), None)
        m = meta or next((d for d in designs if d.code == doc.doctype), None)
        s, e = v.span(m.start, m.end) if m else title
        return self.fact(ctx, "design", s, e, name=m.code if m else doc.doctype) if e > s else None

    # --- sample size ----------------------------------------------------------------------

    def _sample_sizes(self, ctx: DocContext, v: View, randomised: bool) -> list[Fact]:
        """One fact per kind of N (enrolled, randomised, analysed), its first mention: the
        abstract's, before the per-group and per-visit counts of the results; and each further analysed
        N that names its analysis set (safety, intention-to-treat, per-protocol). A count said only to be a total
        (`共 21 例患者发生不良反应`) is the study's N only when no verb says which N any count is."""
        own = [a for a in study_arms(ctx) if not a.ref]
        taken = {(z.start, z.end) for a in own for z in a.sizes if z.rank < 2}
        named_at = {v.to_key(s) for a in own for s, _ in a.mentions}
        planned = cue_pattern("study_size", "planned")
        out, seen, totals = [], set(), []
        for zone, (s, e) in _own_sentences(v):
            if zone != 2 or planned.search(v.key, s, e):
                continue  # the N a sample size calculation planned is not the N studied
            for c in typed_counts(v.key, s, e):
                if c.part or c.per_arm or _of_an_arm(v.key, c.count.end, named_at):
                    continue
                if not c.type and c.total:
                    totals.append(c)
                    continue
                kind = c.type
                if kind not in STUDY_TYPES:
                    continue
                if kind == "randomised" and not randomised:
                    kind = "enrolled"  # `分为两组` in a cohort: the allocated N
                ns, ne = v.span(c.count.num_start, c.count.num_end)
                if (ns, ne) in taken or (kind in seen and not self._another_set(v, c, kind, out)):
                    continue
                seen.add(kind)
                qs, qe = v.span(c.count.start, c.count.end)
                out.append(self.fact(ctx, "sample_size", qs, qe, value=float(c.count.value), unit="patients",
                                     details={"size_type": kind}))
        if not any(f.detail("size_type") in ("enrolled", "randomised") for f in out):
            out += self._sum_of_arms(ctx, randomised)
        if not out and totals:
            c = totals[0]
            qs, qe = v.span(c.count.start, c.count.end)
            out.append(self.fact(ctx, "sample_size", qs, qe, value=float(c.count.value), unit="patients",
                                 details={"size_type": "enrolled"}))
        return out

    @staticmethod
    def _another_set(v: View, c, kind: str, out: list[Fact]) -> bool:
        """A second analysed N that names its analysis set (`498 ... in the safety analysis; 506 ... in the
        modified intention-to-treat analysis`) is a sample size too; per-visit counts name none."""
        return kind == "analysed" and bool(cue_pattern("study_size", "analysis_set").search(v.key, *c.clause)) \
            and all(f.value != c.count.value for f in out)

    def _sum_of_arms(self, ctx: DocContext, randomised: bool) -> list[Fact]:
        """`randomized 2:1 to dexamethasone (n = 200) or placebo (n = 100)` and no total: the study's
        N is its arms' allocated N together, quoted from the first arm's N to the last's."""
        best = [a.sizes[0] for a in study_arms(ctx) if not a.ref and a.size is not None and a.sizes[0].rank == 0]
        # The arms of the first sentence that allocates two or more of them.
        by_sentence: dict[int, list] = {}
        for z in best:
            sent = self._sentence_index(ctx, z.start)
            by_sentence.setdefault(sent, []).append(z)
        listed = next((zs for _, zs in sorted(by_sentence.items()) if len(zs) >= 2), None)
        if not listed:
            return []
        best = listed
        s, e = min(z.phrase[0] for z in best), max(z.phrase[1] for z in best)
        return [self.fact(ctx, "sample_size", s, e, value=float(sum(z.value for z in best)), unit="patients",
                          details={"size_type": "randomised" if randomised else "enrolled"})]

    @staticmethod
    def _sentence_index(ctx: DocContext, offset: int) -> int:
        return next((i for i, s in enumerate(ctx.sentences) if s.start <= offset < s.end), -1)

    # --- arms -----------------------------------------------------------------------------

    def _arms(self, doc: Document, ctx: DocContext, v: View, design: Fact | None, sizes: list[Fact]):
        found = study_arms(ctx)
        for a in found:
            yield self.fact(ctx, "arm", a.span[0], a.span[1], name=a.name,
                            value=float(a.size) if a.size is not None else None,
                            unit="patients" if a.size is not None else "",
                            total=a.size, ref=a.ref,
                            details={"interventions": "; ".join(a.interventions)} if a.interventions else {})
        if doc.doctype == "paper" and not any(not a.ref for a in found) and _single_arm(design):
            yield from self._single_arm(doc, ctx, v, sizes)

    def _single_arm(self, doc: Document, ctx: DocContext, v: View, sizes: list[Fact]):
        """The one arm of a study that names no group: all its patients, given what its title names."""
        size = next((f for f in sizes if f.detail("size_type") != "analysed"), None)
        if size is None:
            return
        ts, te = document_title(doc)
        received = codes_between(v.ctx.mentions_of(*INTERVENTION_KINDS), ts, te)
        yield self.fact(ctx, "arm", size.provenance.start, size.provenance.end, name=size.provenance.quote,
                        value=size.value, unit="patients", total=int(size.value) if math.isfinite(size.value) else None,
                        details={"interventions": "; ".join(received)} if received else {})


_IN_ARM = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?(?:patients\s+)?(?:in|of|from)\s+(?:the\s+)?")


def _of_an_arm(key: str, end: int, named_at: set[int]) -> bool:
    """`87 (93.5%) children in the drug K group finished`: a count of one arm, not of the study."""
    m = _IN_ARM.match(key, end)
    return bool(m) and m.end() in named_at


def _single_arm(design: Fact | None) -> bool:
    """A study without named groups has one arm unless it randomises or crosses over."""
    if design is None:
        return True
    return design.name != "rct" and design.detail("allocation") != "randomized" \
        and design.detail("model") not in ("crossover", "cluster", "factorial")


def _without_future(v: View, zones, future: re.Pattern):
    """The zones' ranges without the clauses about studies to come (`本研究为单中心回顾性研究，
    样本量有限，结论仍需前瞻性随机对照研究证实` keeps its first clause)."""
    for zone, (s, e) in zones:
        if not zone or not future.search(v.key, s, e):
            yield zone, (s, e)
            continue
        for cs, ce in clauses(v.key, s, e):
            if not future.search(v.key, cs, ce):
                yield zone, (cs, ce)


def _best_code(v: View, s: int, e: int, cues: list[DesignCue], zone: int) -> tuple[str, int, int] | None:
    """The most specific design code the key range names: (code, key start, key end) of its cue.

    In a sentence with a self cue, only a code in a clause with it (`This study is a randomised
    trial`, not `as a recent meta-analysis showed, we ...`); outside the title, no design word
    that names an instrument or a registration (`questionnaire`, `registry`)."""
    weak = set(cue_words("design_words", "weak"))
    found = [(d.code, d.start, d.end) for d in v.mentions_of("design") if s <= d.start < e and d.code in _DESIGN_ORDER
             and (zone == 0 or v.key[d.start:d.end] not in weak)]
    found += [(c.implies, c.start, c.end) for c in cues if c.implies in _DESIGN_ORDER]
    if zone == 1:
        self_cue = cue_pattern("study_size", "self")
        spoken = [c for c in clauses(v.key, s, e) if self_cue.search(v.key, *c)]
        found = [f for f in found if any(cs <= f[1] < ce for cs, ce in spoken)]
    if zone:
        # A paper's sentences may cite a meta-analysis (`similar to the dose of a meta-analysis, we
        # used ...`); a paper that is one says so in its title.
        found = [f for f in found if f[0] != "meta_analysis"]
    return min(found, key=lambda f: (_DESIGN_ORDER.index(f[0]), f[1])) if found else None


def _own_sentences(v: View) -> Iterable[tuple[int, tuple[int, int]]]:
    """(zone, sentence) of the paper speaking of its own study, before its references: zone 1 a
    sentence with a self cue (`this study`, `we`, `本研究`), zone 2 a sentence of its abstract,
    methods or results (of any section that is not its introduction or discussion) citing nothing,
    with or without a self cue."""
    doc = v.ctx.doc
    refs = doc.section("references")
    limit = v.to_key(refs.start) if refs else len(v.key)
    self_cue = cue_pattern("study_size", "self")
    own, plain = [], []
    for s, e in v.sentences:
        if s >= limit:
            break
        if not own_sentence(v, s, e):
            continue
        sec = doc.section_at(v.span(s, e)[0])
        if self_cue.search(v.key, s, e):
            own.append((s, e))
        # A sentence with a self cue is also plain: `我院收治的 120 例患者，按照随机数字表法分为...`
        # says the design in a clause of its own.
        if not (sec is not None and sec.name in _OTHERS_SECTIONS) and not v.citations_between(s, e):
            plain.append((s, e))
    yield from ((1, x) for x in own)
    yield from ((2, x) for x in plain)


def _titles(doc: Document, v: View) -> tuple[int, tuple[int, int]]:
    ts, te = document_title(doc)
    return 0, (v.to_key(ts), v.to_key(te))


def document_title(doc: Document) -> tuple[int, int]:
    """The document's title: as its reader found it, else its first non-blank line that is no `TITLE:` label."""
    head = doc.text[:3000]
    title = doc.metadata.title
    at = head.find(title) if title and not _TITLE_LABEL.match(title) else -1
    if at >= 0:
        return at, at + len(title)
    lines = list(re.finditer(r"\S[^\n]*", head))
    if lines and _TITLE_LABEL.match(lines[0].group(0)) and len(lines) > 1:
        lines = lines[1:]
    return (lines[0].start(), lines[0].end()) if lines else (0, 0)


_CLAUSE_MARK = re.compile(r"[,，;；:：。]|\.\s")


def _clause(key: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause of `key[sent]` around [start, end)."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(key, sent[0], start)]
    lo = marks[-1] if marks else sent[0]
    after = _CLAUSE_MARK.search(key, end, sent[1])
    return lo, after.start() if after else sent[1]


def _cues(v: View, s: int, e: int) -> list:
    """The design cues of key range [s, e) printed on one line: a table title ending `…回归分析` over a header
    `因素` joins into `析因` (factorial) in the unwrapped key, which no text says."""
    text = v.ctx.doc.text
    return [c for c in design_cues(v.key, s, e) if "\n" not in text[slice(*v.span(c.start, c.end))]]


def _title_design(v: View, title: tuple[int, int], start: int) -> tuple[int, int]:
    """The words of a title that name its design: from its first design word to its last, with the
    noun they end on (`A Randomised, Double-Blind, Placebo-Controlled Trial`, `回顾性对照研究`), within
    the part of the title between colons around `start`; never the treatments the title names."""
    key = v.key
    lo = key.rfind(":", title[0], start) + 1 or title[0]
    hi = key.find(":", start, title[1])
    hi = hi if hi >= 0 else title[1]
    words = [(c.start, c.end) for c in design_cues(key, lo, hi)]
    words += [(d.start, d.end) for d in v.mentions_of("design") if lo <= d.start < hi]
    s, e = min(w[0] for w in words), max(w[1] for w in words)
    rest = key[e:hi]
    if len(rest.split()) <= 2 and len(rest.strip()) <= 12:
        e = hi  # `... Trial`, `对照研究`
    article = re.match(r"\s*(?:an?|the)\s+", key[lo:s])
    if article and article.end() == s - lo:
        s = lo  # `A Randomised ...`
    return s, len(key[:e].rstrip())
