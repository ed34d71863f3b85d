"""Stage 2 of reading results: where a number stands, and so whether it can be a result of the document's study.

A paper's own results stand in its abstract's results and conclusions, its results section (not the
subsections about the sample: `PATIENTS`, `BASELINE CHARACTERISTICS` …) and its results tables.
Its methods, introduction, baseline tables, figure captions and back matter hold none; its
discussion and body conclusions hold the study's numbers only where they restate them (the plugin
keeps those whose value the own results printed), and both may report other studies' numbers,
which the source stage tags as cited. The sections come from the reader (readers/sections.py:
top-level names, subsections carrying their parent's name); tables where the table reader finds them
(tables/zones.py, the one home of where a table starts and ends), figure captions here. A document whose sections say
nothing (no heading found, or a body without methods or results) is read everywhere, as are
reviews, guidelines and consensus statements, whose numbers the source stage attributes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from evkg.core.fold import fold
from evkg.core.model import Document
from evkg.extract.results.tables import roles as table_roles
from evkg.extract.results.tables import zones as table_zones
from evkg.extract.vocabulary.cues import cue_pattern, cue_words

# What the reader does with the numbers of a zone.
OWN = "own"  # results of the study (and cited numbers, tagged by the source stage)
RESTATE = "restate"  # own numbers only where they restate a result printed in an OWN zone
CITED = "cited"  # only numbers the source stage gives to another study
TABLE = "table"  # a results table: the table reader's (extract/results/tables/)
SKIP = "skip"

# `Figure 2`, `10.1371/journal.pone.0111558.g002`, `图 1`: a caption holds no result.
_FIGURE = re.compile(r"^[ \t]*(?:\S*?\.g\d{3})?(?:figure|fig\.?|图)\s*s?\d+[^\n]*", re.I | re.M)
# `Table 4 summarizes`, `Tables 2 also shows`, `表 1 显示`: the word after the label's number
_LABEL_VERB = re.compile(r"\s*(?:\S*?\.[tg]\d{3})?(?:(?i:table|tab\.?|figure|fig\.?)|表|图)\s*s?\d+[a-z]?\.?"
                         r"(?:\s+(?:and|&)\s+\d+[a-z]?)?\s*(?:also\s+)?([a-z]+|[\u4e00-\u9fff]{1,2})")


@dataclass(frozen=True)
class Zone:
    start: int  # document offsets
    end: int
    reading: str  # OWN, RESTATE, CITED, TABLE or SKIP
    where: str  # what it is, for the row's `section` and for debugging (`abstract results`, `table: …`)


def _kind(title: str) -> str:
    """What a table's or subsection's title says it holds: baseline, methods, or results ("")."""
    t = fold(title)
    # `2.1BODY.PATIENTS:`, `10.1371/….t001Table 1BODY.DEMOGRAPHIC …:`, `表 1　患者临床特征`
    t = re.sub(r"^\s*(?:\S*?(?:table|tab\.?|表|figure|fig\.?)\s*s?\d+[a-z]?\.?)?\s*(?:\d+(?:\.\d+)*\.?)?\s*"
               r"(?:(?:abstract|body)\.)?\s*(?:\d+(?:\.\d+)*\.?)?", "", t)
    t = t.strip(" :：\u3000")
    if cue_pattern("scope_words", "baseline").search(t) or t in cue_words("scope_words", "baseline_title"):
        return "baseline"
    weak = cue_pattern("scope_words", "baseline_weak").search(t)
    if weak and not cue_pattern("scope_words", "results_title").search(t):
        return "baseline"
    if cue_pattern("scope_words", "methods").search(t):
        return "methods"
    return ""


def _results_table(title: str) -> bool:
    """Whether a table holds results: the table reader reads it (its title names no baseline, methods or
    statistics alone: table_kinds.tsv) and its title says it holds no sample or protocol (`Patient
    characteristics`: scope_words.tsv) unless it names results (`Mean change from baseline`, `Adverse events`)
    or a time point after the baseline (`Scores at baseline and week 12`)."""
    kinds = table_roles.kinds_of(title)
    kind = _kind(title)
    return table_roles.reads_results(kinds) and (not kind or bool(kinds & {"ae", "survival", "efficacy"}) or
                                                 (kind == "baseline" and "later" in kinds))


def _tables(doc: Document, tables: list[table_zones.Zone] | None) -> list[tuple[int, int, str]]:
    """(start, end, title) of the flattened tables (as the table reader finds them: tables/zones.py, or the
    zones it already found) and the figure captions of a document."""
    text = doc.text
    found = table_zones.zones(doc) if tables is None else tables
    out = [(z.start, z.end, text[z.title[0]:z.title[1]].strip()) for z in found]
    for m in _FIGURE.finditer(text):
        if _about_table(m.group(0)):
            continue
        end = m.end()
        if re.search(r"(?:body|abstract)\.[^\n]*:\s*$", m.group(0), re.I):  # `Figure 1BODY.X:`: caption below
            nl = text.find("\n", end + 1)
            end = len(text) if nl < 0 else nl
        out.append((m.start(), end, "figure " + m.group(0).strip()))
    out.sort()
    return out


def _about_table(line: str) -> bool:
    """`Table 4 summarizes healing time …`, `Figure 2 shows …`, `表1显示…`: running text about a table or
    figure (a verb of ontology/cues/scope_words.tsv `table_verb`, lower-case, after its number), not its title."""
    m = _LABEL_VERB.match(line)
    return bool(m and cue_pattern("scope_words", "table_verb").fullmatch(fold(m.group(1))))


def _section_reading(doc: Document, name: str, title: str, in_abstract: bool, plain: bool,
                     sole: bool = False) -> tuple[str, str]:
    if name in ("references", "back", "title", "keywords"):
        return SKIP, name
    if in_abstract:
        if name in ("results", "conclusions", "abstract"):
            return OWN, f"abstract {name}"
        return SKIP, f"abstract {name}"
    if name == "results":
        # a results section's only subsection holds all its results, whatever its title (`STUDY PARTICIPANTS`)
        return (SKIP, "results: baseline") if _kind(title) and not sole else (OWN, "results")
    if name in ("discussion", "conclusions"):
        return (OWN if plain else RESTATE), name
    if name == "background":
        return (OWN, "body") if plain else (CITED, name)
    if name == "methods":
        return SKIP, name
    return OWN, name or "body"


def zones(doc: Document, tables: list[table_zones.Zone] | None = None) -> list[Zone]:
    """The document cut into zones, each with what the reader does with its numbers, in text order."""
    text = doc.text
    if doc.doctype != "paper":
        return [Zone(0, len(text), OWN, "all")] if not doc.section("references") else \
            [Zone(0, doc.section("references").start, OWN, "all"),
             Zone(doc.section("references").start, len(text), SKIP, "references")]
    secs = sorted(doc.sections, key=lambda s: (s.start, -s.end))
    names = {s.name for s in secs}
    # without methods or results in its body the headings do not tell results from the rest
    plain = not ({"methods", "results"} & {s.name for s in secs if not _in(s, secs, "abstract")})
    cuts = sorted({0, len(text)} | {s.start for s in secs} | {s.end for s in secs})
    heads = [(s.start, s.start + len(s.title)) for s in secs if s.title and text.startswith(s.title, s.start)]
    cuts = sorted(set(cuts) | {x for h in heads for x in h})
    title_ends = {s.end for s in secs if s.name == "title" and s.start == 0}
    review = plain and _narrative(secs)
    pmc = text.startswith("TITLE:")  # the PubMed Central text layout (readers/sections.py)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if any(h0 <= a and b <= h1 for h0, h1 in heads):
            out.append(Zone(a, b, SKIP, "heading"))
            continue
        inner = [s for s in secs if s.start <= a and b <= s.end]
        sec = min(inner, key=lambda s: s.end - s.start) if inner else None
        if sec is None and a in title_ends:
            reading, where = OWN, "abstract"  # the text between a title and the first heading is its abstract
        elif sec is None:
            reading, where = (OWN, "body") if not names or a > 0 and plain else (SKIP, "head")
        else:
            in_abstract = any(s.name == "abstract" for s in inner)
            reading, where = _section_reading(doc, sec.name, sec.title, in_abstract, plain, _sole(sec, inner, secs))
        if review and reading == OWN:
            reading, where = CITED, "review"  # a narrative review reports other studies' numbers only
        out.extend(_one_paragraph(text, Zone(a, b, reading, where), pmc))
    return _with_tables(text, out, _tables(doc, tables))


def _narrative(secs) -> bool:
    """Whether a paper whose body names neither methods nor results is a narrative review: its body opens
    on an introduction and goes on under headings of its topics (`CLASSIFICATION OF MDS`, `TOXICITY`), so
    its numbers are other studies' (the source stage names them) or general knowledge, no result of its own."""
    body = [s for s in secs if s.name not in ("title", "abstract", "keywords", "references", "back")
            and not _in(s, secs, "abstract")]
    return any(s.name == "background" for s in body) and len(body) >= 4


# A blank line, then running text (not a heading line of the PubMed Central layout).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*(?![A-Z0-9.]*(?:ABSTRACT|BODY)\.[^\n]*:)(?=\S)")


def _one_paragraph(text: str, z: Zone, layout: bool) -> list[Zone]:
    """A section of an abstract in the PubMed Central layout (`ABSTRACT.CONCLUSIONS:`, or the unlabelled
    abstract after `TITLE:`) is one paragraph: the paragraphs after a blank line that no heading opens are
    the body's unlabelled introduction, which reports other studies' numbers, not the trial's."""
    if not layout or z.reading != OWN or not z.where.startswith("abstract"):
        return [z]
    lead = len(text[z.start:z.end]) - len(text[z.start:z.end].lstrip())
    m = _PARAGRAPH_BREAK.search(text, z.start + lead, z.end)
    if not m:
        return [z]
    return [Zone(z.start, m.start(), z.reading, z.where), Zone(m.start(), z.end, CITED, "background")]


def _sole(sec, inner, secs) -> bool:
    """Whether sec is the one subsection of the section it sits in, running to that section's end."""
    parent = [s for s in inner if s is not sec and s.start <= sec.start and sec.end <= s.end]
    if not parent:
        return False
    p = min(parent, key=lambda s: s.end - s.start)
    kids = [s for s in secs if s is not p and p.start <= s.start and s.end <= p.end]
    return kids == [sec] and sec.end == p.end


def _in(s, secs, name: str) -> bool:
    return any(o.name == name and o.start <= s.start and s.end <= o.end and o is not s for o in secs)


def _caption_title_end(text: str, start: int, end: int) -> int:
    """Where a figure caption's title (its first sentence) ends: after the first full stop followed by a
    capitalised word, or the caption's end."""
    m = _SENTENCE_END.search(text, start, end)
    return m.end() if m else end


def _caption_sentences(text: str, start: int, end: int, z: Zone) -> list[Zone]:
    """The sentences of a caption after its title: read as the text around it where they compare groups
    (`… reported 216 minutes more than those receiving placebo`), else not at all (scales, flows, visits)."""
    out, pos = [], start
    while pos < end:
        stop = _caption_title_end(text, pos, end)
        compares = cue_pattern("result_words", "compare").search(fold(text[pos:stop])) or \
            re.search(r"(?<![a-z])than(?![a-z])", text[pos:stop])
        out.append(Zone(pos, stop, z.reading if compares else SKIP, z.where if compares else "caption"))
        pos = stop
    return out


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z][a-z])")


def _with_tables(text: str, base: list[Zone], tables: list[tuple[int, int, str]]) -> list[Zone]:
    """The zones with the tables and captions cut out of them."""
    out = []
    for z in base:
        pos = z.start
        for ts, te, title in tables:
            if te <= pos or ts >= z.end:
                continue
            if ts > pos:
                out.append(Zone(pos, ts, z.reading, z.where))
            if title.startswith("figure "):
                # a caption's first sentence is its title; sentences after it may state a result
                cut = _caption_title_end(text, max(ts, pos), min(te, z.end))
                if cut < min(te, z.end) and z.reading in (OWN, RESTATE):
                    out.append(Zone(max(ts, pos), cut, SKIP, f"caption: {title[7:67]}"))
                    out.extend(_caption_sentences(text, cut, min(te, z.end), z))
                    pos = min(te, z.end)
                    continue
                reading = SKIP
            else:
                reading = TABLE if z.reading in (OWN, RESTATE) and _results_table(title) else SKIP
            out.append(Zone(max(ts, pos), min(te, z.end), reading, f"table: {title[:60]}"))
            pos = min(te, z.end)
        if pos < z.end:
            out.append(Zone(pos, z.end, z.reading, z.where))
    return out


class Scope:
    """Where each offset of a document stands (built once per document)."""

    def __init__(self, doc: Document, tables: list[table_zones.Zone] | None = None):
        self.zones = zones(doc, tables)
        self._starts = [z.start for z in self.zones]

    def at(self, offset: int) -> Zone:
        i = max(0, bisect_right(self._starts, offset) - 1)
        return self.zones[i]
