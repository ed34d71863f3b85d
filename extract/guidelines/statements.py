"""Guideline and consensus statements: where each one lies, its label, and its grade when it has one.

A graded statement runs from its start (a label such as `共识 4` / `Recommendation 2`,
a bullet, a table row, or the start of its paragraph) to the end of its grade,
across PDF-wrapped lines. Labelled statements without a grade are kept too:
they bound the supporting text of the statement before them.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from evkg.core.fold import Folded, any_script, fold, fold_char
from evkg.core.model import Document
from evkg.core.text import HAN
from evkg.extract.guidelines.blocks import level_lines, with_block_levels, with_profile_levels
from evkg.extract.guidelines.boxes import boxes
from evkg.extract.guidelines.codes import read_code
from evkg.extract.guidelines.crosswalk import named_by_notation, system_from_notation, system_mentions
from evkg.extract.guidelines.graded_sentences import graded_sentences
from evkg.extract.guidelines.labels import label_key, qualified
from evkg.extract.guidelines.notation import (
    CLOSING_FORMS,
    COMPACT_FORMS,
    GRADE_FORMS,
    GUIDELINE_ONLY_FORMS,
    IN_SENTENCE_FORMS,
    LINE_END_FORMS,
    level_from_symbols,
    normalise_level,
    normalise_strength,
    symbol_legend,
    ungraded_on_purpose,
)
from evkg.extract.readers.reference_list import body_end as reference_body_end
from evkg.extract.readers.reference_list import reference_zones, zone_test
from evkg.extract.readers.sections import wraps_on
from evkg.extract.vocabulary.cues import cue_alternation, cue_words
from evkg.extract.vocabulary.lexicon import Lexicon

if TYPE_CHECKING:
    from evkg.extract.text.context import DocContext

# Chinese label words (ontology/cues/label_words.tsv; its question words come in _QUESTION_WORDS) in either script
# (`共識 1` in a Taiwan consensus): these patterns run on the text, and `_explicit_at` / `_label_line_above` match
# them on the label view (`_view`: `建議` as `建议`) as well. Longest first: `共识意见` before `共识`.
_ZH_LABEL_WORDS = "|".join(any_script(w) for w in sorted(
    (w for w in cue_words("label_words") if re.search(f"[{HAN}]", w) and w not in cue_words("question_labels")),
    key=len, reverse=True))
_QUESTION_WORDS = "|".join(any_script(w) for w in cue_words("question_labels"))  # `CQ 3`, `PICO 2`, `临床问题 2`
_LABEL_WORDS = (rf"(?:{_ZH_LABEL_WORDS}|(?:good )?practice point"
                rf"|consensus statement|recommendation|statement|rec\.|(?<![a-z])(?:{_QUESTION_WORDS}))")
# `Recommendation 3.1.1`, `Recommendation 3a`, `CQ 3-1` (chapter 3, question 1), `共识 4`,
# `> **Recommendation 2**` (Markdown quote and bold),
# `【推荐 1】` (a label in lenticular brackets).
_EXPLICIT_LABEL = re.compile(
    rf"[\s\-•·*#>【\[]*(?P<label>{_LABEL_WORDS}[ \t\u3000]*(?:\d+(?:[.\-]\d+)*[a-z]?|[一二三四五六七八九十]+|[IVX]+\b))"
    r"(?=[\s\u3000:：.．、)）*】\]]|$)", re.I)
# A question opening a statement: its label at a line start, the question ending in `?` on that line or a
# wrapped one below it.
_QUESTION = re.compile(rf"[ \t\u3000#*【\[]*(?P<label>(?<![a-z])(?:{_QUESTION_WORDS})[ \t\u3000]*"
                       r"\d+(?:[.\-]\d+)*[a-z]?)"
                       r"(?:[ \t\u3000]*[.．:：、】\]][ \t\u3000]*|[ \t\u3000]+)(?=\S)", re.I)
_QUESTION_LINES = 4
_NUMBER_LABEL = re.compile(r"[\s\-•·*#]*(?:(?P<label>\d{1,3}(?:\.\d{1,3})*)(?:[.．、)）]\s*|\s+)"
                           r"|[(（](?P<paren>\d{1,3})[)）]\s*)"
                           r"(?=\D)")
# A heading: a section number (`3.1.4`, `II.A`, `2`) and a short title without a full stop.
# Chinese headings number with numerals and a comma: `一、外科治疗`.
# `Chapter 2: Drug dosing`, `Section 3.`, `PART A: …`, `第二章 治疗`: the number (or letter) is the section's.
_HEADING = re.compile(r"^[ \t#*]*(?:(?i:chapter|section|part)[ \t]+(?P<word>\d{1,2}|[IVX]{1,4}|[A-H])[.:：]?"
                      r"[ \t\u3000]+"
                      r"|第(?P<ordinal>[一二三四五六七八九十\d]{1,3})[章节部分篇][ \t\u3000]*"
                      r"|(?P<num>(?:\d{1,2}(?:\.\d{1,2})*|(?:[IVX]{1,4}|[\u2160-\u216b]{1,3})(?:\.[A-Z0-9]{1,2})*))"
                      r"\.?[ \t\u3000]+"
                      r"|(?P<zh>[一二三四五六七八九十]{1,3})、[ \t\u3000]*)"
                      # a title without a full stop; a question may be long (`Ⅰ. Question: In adults …?`)
                      r"(?P<title>[^\n]{1,80}?|[^\n]{1,240}[?？])[ \t*]*$", re.M)
# Table headers of class-of-recommendation / level-of-evidence tables.
_COR_HEADER = re.compile(rf"^(?:{cue_alternation('grade_words', 'strength_column')})[a-d]?$")
_LEGEND_HEADER = re.compile(rf"^(?:{cue_alternation('grade_words', 'legend_column')})$")
_LOE_HEADER = re.compile(rf"^(?:{cue_alternation('grade_words', 'level_column')})[a-d]?$")
_GRADE_CELL = 24  # a strength-only table's grade cell is short (`Strong`, `IIa`), not a column of text
# What a converter leaves around a header word: a footnote letter raised (`Class<sup>a</sup>`, `Level^b^`)
# or glued (`Classa`, caught by the headers' optional letter), bold (`**Class**`).
_HEADER_MARKUP = re.compile(r"<sup>[^<]{1,3}</sup>|\^[a-d]\^?|\*+|_+")
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")
TABLE_FORMS = ("cor_loe", "strength_column")  # statements in table rows: no running text after them
_GROUP_LABEL = re.compile(r"\*\*[^*]+\*\*|__[^_]+__")
_TABLE_SEPARATOR = re.compile(r"^[\s|:\-]+$")
# A system named near these words is the one the document grades with.
_GRADING_CUE = re.compile(r"分级|证据|推荐|级别|grading|graded|grade|evidence|recommendation|levels?\b", re.I)
_CUE_WINDOW = 120
_BLANK_LINE = re.compile(r"[ \t]*\n[ \t\u3000]*\n")
_MIN_STATEMENT = 8
_COMPACT_MIN = 15  # characters of statement before a compact grade such as `(1B)`
GUIDELINE_TYPES = ("guideline", "consensus")
_SAME_PRINT = 0.9  # share of character pairs two prints of one statement have in common
# A line whose sentence goes on in lower case on the next line is a wrapped paragraph, not a heading.
_CONTINUES = re.compile(r"\n[ \t]*[a-z]")
# ... and a line right under one that stops mid-sentence (`… plan in 1 in` / `10 patients.6`) goes on with it.
_WRAPPED_ABOVE = re.compile(r"[A-Za-z,]\n")
# A sentence (`… effective.15`, with its citation) is no heading; a question may be one.
_SENTENCE_INSIDE = re.compile(rf"[a-z{HAN}][.。!?！？](?:\s|\d)")
_SENTENCE_STOP = re.compile(r"[.。!?！？](?=\s|$)|[。！？]|\n")


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    label: str = ""          # as printed (`共识 4`, `1`), "" when unlabeled
    name: str = ""           # the label, qualified by its section where numbering restarts
    level: str = ""
    strength: str = ""
    level_printed: str = ""
    strength_printed: str = ""
    form: str = ""           # the grade notation (notation.GRADE_FORMS names, `cor_loe`)
    system: str = ""
    section: str = ""        # number of the section heading it sits under

    @property
    def graded(self) -> bool:
        return bool(self.level or self.strength)


def find_statements(ctx: DocContext) -> tuple[Statement, ...]:
    """All statements of the document body (before the reference list), in text order."""
    return ctx.memo("statements", lambda: _find_statements(ctx))


def _find_statements(ctx: DocContext) -> tuple[Statement, ...]:
    doc, lexicon = ctx.doc, ctx.lexicon
    if doc.doctype not in GUIDELINE_TYPES:
        # A review quoting another body's graded statement, a paper grading the studies it cites or
        # stating its aim: none of them recommends.
        return ()
    body_end = reference_body_end(doc)
    lists = reference_zones(doc)[:-1]  # the lists of earlier chapters, inside the body
    folded = ctx.folded
    found = (_graded(doc, folded, body_end) + _table_rows(doc.text, body_end) + _spaced_rows(doc.text, body_end)
             + _margin_rows(doc.text, body_end) + _box_rows(doc.text, body_end))
    in_list = zone_test(lists)
    found = _without_overlaps([s for s in found if not in_list(s.start)])
    found = _without_overlaps(_label_free(doc, body_end, found, in_list) + found)
    found = _without_overlaps(found + [s for s in _ungraded(doc.text, folded, body_end, found)
                                       if not in_list(s.start)])
    lines = level_lines(doc.text, body_end)
    found = with_profile_levels(doc.text, lines, with_block_levels(doc.text, lines, found), body_end)
    found = [replace(s, section=n) for s, n in zip(found, _section_numbers(doc.text, found))]
    found = _named(doc.text, _paragraph_numbers_unlabelled(doc.text, body_end, found))
    found = _without_declared_ungraded(folded.key, found)
    return tuple(_with_systems(doc, lexicon, folded, found, body_end))


def _label_free(doc: Document, body_end: int, found: list[Statement], in_list) -> list[Statement]:
    """Graded statements known by a recommending sentence and a grade-like code near it
    (graded_sentences.py), where no notation above found one."""
    text = doc.text

    def start_of(block_start: int, grade_start: int) -> int:
        start = _statement_start(doc, block_start, grade_start)
        return start if _label(text, start) else _own_sentence(text, start, grade_start)

    # A grade alone on its line (`【推荐等级：A】`) found by a notation is no statement: the one it grades is.
    kept = [s for s in found if read_code(text[s.start:s.end].strip(" \t*_【】[]()（）")) is None]
    starts = [s.start for s in kept]
    out = []
    for start, end, _, code in graded_sentences(text, body_end, start_of):
        i = bisect_right(starts, end) - 1
        if (i >= 0 and kept[i].end > start) or in_list(start):
            continue  # a statement a notation found already
        out.append(Statement(start, end, label=_label(text, start), form="recommending_code",
                             **grade(code.level, code.strength)))
    return _symbols_read(text[:body_end], out)


_UNGRADED_KIND = re.compile(cue_alternation("grade_words", "ungraded_kind"))
_CLAUSE_STOP = re.compile(r"[.。;；!?！？]")


def _without_declared_ungraded(key: str, found: list[Statement]) -> list[Statement]:
    """Statements graded only by their kind (`（专家意见）`, `(good practice statement)`) where the document says
    that kind is not graded (`…标注为“专家意见”，不予分级`): ungraded statements, no recommendation rows."""
    kinds = {fold(s.strength_printed).strip() for s in found if s.strength_printed and not s.level}
    if not kinds:
        return found
    declared = set()
    for m in _UNGRADED_KIND.finditer(key):
        stops = [x.end() for x in _CLAUSE_STOP.finditer(key, max(0, m.start() - 200), m.start())]
        clause = key[stops[-1] if stops else max(0, m.start() - 200):m.start()]
        declared |= {k for k in kinds if k in clause}
    return [replace(s, strength="", strength_printed="", form="") if fold(s.strength_printed).strip() in declared
            and not s.level else s for s in found]


def _graded(doc: Document, folded: Folded, body_end: int) -> list[Statement]:
    text, key = doc.text, folded.key
    key_end = bisect_left(folded.origin, body_end)
    hits = []
    guideline = doc.doctype in GUIDELINE_TYPES
    for form, rx in GRADE_FORMS:
        if form in GUIDELINE_ONLY_FORMS and not guideline:
            continue
        hits.extend((m, form) for m in rx.finditer(key, 0, key_end)
                    if (form not in COMPACT_FORMS or _enough_before(key, m.start()))
                    and (form not in LINE_END_FORMS or _ends_line(text, folded.span(m.start(), m.end())[1]))
                    and (form not in CLOSING_FORMS or _closes(text, folded.span(m.start(), m.end())[1])))
    hits.sort(key=lambda h: (h[0].start(), -h[0].end()))
    out, last_kend = [], -1
    for m, form in hits:
        if m.start() < last_kend:
            continue
        line_start = key.rfind("\n", 0, m.start()) + 1
        if line_start and not key[line_start:m.start()].strip(" *_>"):  # markup only: `*(strong, …)*`
            # A grade on a line of its own grades the statement on the line above.
            line_start = key.rfind("\n", 0, line_start - 1) + 1
        kstart = max(line_start, last_kend)  # after an earlier grade on the same line
        last_kend = m.end()
        grade_start = folded.span(m.start(), m.end())[0]
        start = _statement_start(doc, folded.origin[kstart] if kstart < m.start() else grade_start, grade_start)
        if not _label(text, start) and form not in IN_SENTENCE_FORMS:
            start = _own_sentence(text, start, grade_start)  # running prose: the sentence the grade closes
        end = folded.span(m.start(), m.end())[1]
        if form in IN_SENTENCE_FORMS:  # on the key: a sentence goes on over a wrapped line
            end = max(end, _sentence_end(folded, m.end(), key_end))
        level_printed, strength_printed = _printed(text, folded, m, "level"), _printed(text, folded, m, "strength")
        out.append(Statement(start, end, label=_label(text, start), form=form,
                             **grade(level_printed, strength_printed)))
    return _symbols_read(text[:body_end], out)


def _symbols_read(text: str, found: list[Statement]) -> list[Statement]:
    """Levels printed as symbols (`⊕⊕○○`) in words, by the document's printed legend or GRADE's."""
    legend = None
    out = []
    for s in found:
        if s.level and s.level == s.level_printed and level_from_symbols(s.level_printed, {}):
            legend = symbol_legend(text) if legend is None else legend
            s = replace(s, level=level_from_symbols(s.level_printed, legend))
        out.append(s)
    return out


def grade(level_printed: str, strength_printed: str) -> dict[str, str]:
    """A statement's grade fields from the grade as printed; none for a statement ungraded on purpose
    (a good practice statement, `we make no recommendation`), which keeps only what it prints."""
    printed = {"level_printed": level_printed.strip(), "strength_printed": strength_printed.strip()}
    if ungraded_on_purpose(strength_printed):
        return printed
    return {"level": normalise_level(level_printed), "strength": normalise_strength(strength_printed), **printed}


# A sentence ends at a Chinese stop, or at a Latin one before a capital, a bracket or a line end.
_SENTENCE_BOUNDARY = re.compile(r"[。！？；]|[.!?](?=[ \t]+[A-Z(\[“\"]|[ \t]*\n)"
                                # a heading line above the paragraph: short, capitalised, no stop
                                r"|(?<![^\n])[A-Z][^\n.!?:;]{0,60}\n(?=[ \t]*[A-Z])")
_ABBREVIATED = re.compile(r"(?:\b(?:e\.g|i\.e|vs|al|fig|figs|no|ref|approx|ca|cf)|\b[A-Z])$", re.I)


_CLOSING = re.compile(r"[ \t*_]*(?:[.。;；]|\n|$)")


def _own_sentence(text: str, start: int, grade_start: int) -> int:
    """The start of the sentence a grade closes, within [start, grade_start): several graded sentences
    in one paragraph are one statement each, and the sentences between them support the one before."""
    limit = grade_start
    while limit > start and text[limit - 1] in " \t\n.。":  # `… treatment. (Strong recommendation …)`
        limit -= 1
    cut = start
    for b in _SENTENCE_BOUNDARY.finditer(text, start, limit):
        if b.group(0) == "." and _ABBREVIATED.search(text[max(start, b.start() - 6):b.start()]):
            continue
        cut = b.end()
    while cut < grade_start and text[cut].isspace():
        cut += 1
    return cut


def _ends_line(text: str, end: int) -> bool:
    nl = text.find("\n", end)
    return not text[end:nl if nl >= 0 else len(text)].strip()


def _closes(text: str, end: int) -> bool:
    """A full stop follows, or the line ends (markup aside)."""
    return bool(_CLOSING.match(text, end))


def _enough_before(key: str, grade_start: int) -> bool:
    """Some words of statement on the grade's line (or the line above), not a short table cell."""
    line_start = key.rfind("\n", 0, grade_start) + 1
    before = key[line_start:grade_start].strip() or key[key.rfind("\n", 0, max(0, line_start - 1)) + 1:line_start]
    return len(before.strip()) >= _COMPACT_MIN


def _printed(text: str, folded: Folded, m: re.Match, group: str) -> str:
    """The grade part as printed, or "" when the notation has no such part."""
    if group not in m.re.groupindex or m.start(group) < 0:
        return ""
    return text[slice(*folded.span(*m.span(group)))]


def _sentence_end(folded: Folded, offset: int, limit: int) -> int:
    """The end (in the text) of the sentence (or unwrapped line) that goes on past `offset` of the key."""
    m = _SENTENCE_STOP.search(folded.key, offset, limit)
    return folded.span(offset, m.end() if m else limit)[1]


def _statement_start(doc: Document, start: int, grade_start: int) -> int:
    """Skip separators and any heading that a wrapped paragraph joined to the statement."""
    text = doc.text
    for s in doc.sections:
        if start <= s.start < grade_start:
            nl = text.find("\n", s.start, grade_start)
            if nl >= 0:
                start = nl + 1
    # The matching view joins lines across blank ones (PDF page breaks): a labelled line
    # between the joined start and the grade starts the statement.
    base = start
    for line in re.finditer(r"\n[ \t\u3000]*", text[base:grade_start]):
        pos, above = base + line.end(), text[base:base + line.start()]
        if not above.strip():
            continue
        # After a blank line, a numbered line (`**3. We suggest …`) or the line under a Markdown heading
        # starts the statement too (a page break's blank line inside a statement has neither).
        after_blank = above.endswith("\n") or not above.rstrip(" \t").split("\n")[-1].strip()
        if _explicit_at(text, pos) or (after_blank and (
                _NUMBER_LABEL.match(text, pos) or _MARKDOWN_HEADING.match(above.strip().split("\n")[-1]))):
            start = pos
    while start < grade_start and (text[start].isspace() or text[start] in ".。;；,，)）"):
        start += 1
    # `1. Patient selection` and a blank line above the statement: a heading the reader did not
    # take as a section, not the statement's label.
    h = _HEADING.match(text, start)
    if h and h.end() < grade_start and not _explicit_at(text, start) \
            and h.group("title").strip()[-1:] not in ".。;；,，" and _BLANK_LINE.match(text, h.end()):
        start = _statement_start(doc, h.end(), grade_start)
    above = _label_line_above(text, start)
    if above is None and not _label(text, start):  # a statement with a label of its own keeps it
        above = _question_above(text, start)
    return start if above is None else above


def _question_above(text: str, start: int) -> int | None:
    """The start of a labelled question (`CQ 2. Should …\nHE?`) on the lines right above the statement
    (one blank line between at most): a statement answering a clinical question opens with it."""
    if text[text.rfind("\n", 0, start) + 1:start].strip():
        return None
    line_end, blank = start - 1, 0
    for _ in range(_QUESTION_LINES + 1):
        if line_end <= 0:
            return None
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end]
        if not line.strip():
            blank += 1
            if blank > 1 or line_end < start - 1 - len(line):  # a blank line only right above the statement
                return None
            line_end = line_start - 1
            continue
        if _QUESTION.match(line):
            return line_start + len(line) - len(line.lstrip(" \t\u3000#*"))
        line_end = line_start - 1
    return None


_LABEL_LINE = re.compile(rf"[ \t\u3000#*>]*(?P<label>{_LABEL_WORDS}[ \t\u3000]*\d+(?:[.\-]\d+)*[a-z]?)"
                         r"[ \t\u3000*]*[:：.．]?[ \t*]*$", re.I)


def _label_line_above(text: str, start: int) -> int | None:
    """The start of a label printed on its own line just above the statement (`Recommendation 2:`)."""
    lines = text[max(0, start - 200):start].split("\n")
    if len(lines) < 2 or lines[-1].strip():
        return None
    above = [ln for ln in lines[-3:-1] if ln.strip()]  # at most one blank line between
    if not above:
        return None
    m = _LABEL_LINE.match(_view(above[-1]))
    if not m or len(above[-1]) > 80:
        return None
    offset = text.rfind(above[-1], 0, start)
    return offset + m.start("label")


_LABEL_WINDOW = 60


def _view(s: str) -> str:
    """`s` with each character that folds to one character folded (`建議` -> `建议`, `：` -> `:`), same length:
    label words are matched in one script, offsets stay those of the text."""
    return "".join(c if c.isascii() or len(f := fold_char(c)) != 1 else f for c in s)


def _explicit_at(text: str, pos: int, end: int | None = None) -> tuple[int, int, int] | None:
    """(match end, label start, label end) of an explicit label (`共识 4`, `建議 3.1`, `Recommendation 2`)
    at `pos`, matched on the label view of the text up to `end` (or a window)."""
    stop = min(len(text), pos + _LABEL_WINDOW) if end is None else end
    m = _EXPLICIT_LABEL.match(_view(text[pos:stop]))
    return (pos + m.end(), pos + m.start("label"), pos + m.end("label")) if m else None


def _label(text: str, start: int) -> str:
    """The statement's label as printed (whitespace runs as one space), or ""."""
    explicit = _explicit_at(text, start)
    if explicit:
        return re.sub(r"\s+", " ", text[explicit[1]:explicit[2]])
    m = _NUMBER_LABEL.match(text, start)
    if not m:
        return ""
    return re.sub(r"\s+", " ", m.group("label") or m.group("paren"))


# The title line of a box (`3.1 Evidence-based recommendation      checked 2025`): a number, then a few words
# that end with a statement word, then at most a status set apart by a wide gap.
_BOX_TITLE = re.compile(rf"[ \t]*(?P<label>\d{{1,2}}(?:\.\d{{1,2}})*)[ \t]+[^\n.!?:;]{{0,40}}?{_LABEL_WORDS}s?"
                        r"(?:[ \t]*\([^()\n]{0,30}\))?(?:[ \t]{2,}[^\n]*)?[ \t]*$", re.I)


def _box_rows(text: str, body_end: int) -> list[Statement]:
    """Recommendation boxes flattened one cell per line (extract/guidelines/boxes.py)."""
    return [Statement(b.start, b.end, label=text[b.start:b.label_end], form="box",
                      **grade(b.level_printed, b.strength_printed)) for b in boxes(text, body_end, _BOX_TITLE)]


# A box headed by the kind of statement it holds (`GOOD PRACTICE STATEMENT` on a line of its own, the statement
# under it): a statement ungraded on purpose, which ends the supporting text of the one before.
_KINDS = "|".join((cue_alternation("grade_words", "statement_strength"),
                   cue_alternation("grade_words", "ungraded_statement")))
_KIND_HEADING = re.compile(rf"[ \t*#>]*(?:{_KINDS})[ \t*:：]*\n(?=[ \t]*\S)", re.I)


def _ungraded_start(text: str, line: re.Match) -> tuple[int, str] | None:
    """(start, label) of an ungraded statement opening at this line: a label (`共识 1`, `Recommendation 3:`)
    with a statement after it, or a heading naming the statement's kind."""
    m = _explicit_at(text, line.start(), line.end())
    if m and len(line.group(0).strip()) - len(text[line.start():m[0]].strip()) >= _MIN_STATEMENT:
        return m[1], re.sub(r"\s+", " ", text[m[1]:m[2]])
    if _KIND_HEADING.match(text, line.start()):
        return line.start() + len(line.group(0)) - len(line.group(0).lstrip(" \t*#>")), ""
    return None


def _ungraded(text: str, folded: Folded, body_end: int, graded: list[Statement]) -> list[Statement]:
    """Paragraphs that open with a statement label (`共识 1`, `Recommendation 3:`) or a heading naming their kind
    but carry no grade. `graded` is in text order without overlaps (`_without_overlaps`): the one that may hold a
    line is found by bisection."""
    out = []
    graded_starts = [g.start for g in graded]
    for line in re.finditer(r"^[^\n]*", text[:body_end], re.M):
        opening = _ungraded_start(text, line)
        if opening is None:
            continue
        start, label = opening
        i = bisect_right(graded_starts, start) - 1
        if i >= 0 and start < graded[i].end:
            continue
        kstart = bisect_left(folded.origin, start)
        kend = folded.key.find("\n", kstart)
        end = folded.span(kstart, kend if kend >= 0 else len(folded.key))[1]
        # not over a blank line (a Markdown view joins paragraphs) nor into the next graded statement
        gap = _BLANK_LINE.search(text, start, end)
        end = min(end, gap.start() if gap else end, graded[i + 1].start if i + 1 < len(graded) else end)
        out.append(Statement(start, min(end, body_end), label=label))
    return out


def _table_rows(text: str, body_end: int) -> list[Statement]:
    """Rows of `COR | LOE | Recommendation` tables, and of tables with a strength column only (`Strength
    rating`); a table with a level column only summarises evidence. A row without grades continues the one
    just above it."""
    out = []
    columns = None
    for line in re.finditer(r"^[^\n]*", text[:body_end], re.M):
        cells = _cells(line.group(0), line.start())
        if len(cells) < 2:
            if not (columns and _wrapped_cell(text, out, line)):
                columns = None
            continue
        heads = [_HEADER_MARKUP.sub("", fold(c[2])).strip() for c in cells]
        cor = next((i for i, h in enumerate(heads) if _COR_HEADER.match(h)), None)
        loe = next((i for i, h in enumerate(heads) if _LOE_HEADER.match(h)), None)
        if cor is not None and any(_LEGEND_HEADER.match(h) for h in heads):
            columns = None  # a legend of the grades (`Grade | Description | Wording`), no statements
            continue
        if cor is not None:
            body = next(i for i in range(len(cells)) if i not in (cor, loe))
            columns = (cor, loe, body)
            continue
        if cor is not None or loe is not None:
            columns = None  # a header of another kind (`Summary of evidence | LE`)
            continue
        if columns is None or _TABLE_SEPARATOR.match(line.group(0)) \
                or len(cells) <= max(c for c in columns if c is not None):
            continue
        row = _table_row(text, out, cells, columns, line.start())
        if row is not None:
            out.append(row)
    return out


def _wrapped_cell(text: str, out: list[Statement], line: re.Match) -> bool:
    """A PDF layout table's long cell wraps onto an indented line of its own under its row (`1. 痛风的诊断 …
    中  强` / `   （ACR/EULAR）分类标准`): the row goes on over it, and so does the table."""
    body = line.group(0)
    if "|" in body or not body.strip() or not body[:1].isspace() or not out or out[-1].form not in TABLE_FORMS:
        return False
    if text.count("\n", out[-1].end, line.start()) != 1:
        return False
    out[-1] = replace(out[-1], end=line.start() + len(body.rstrip()))
    return True


def _table_row(text: str, out: list[Statement], cells, columns, line_start: int) -> Statement | None:
    cor, loe, body = columns
    cor_cell, text_cell = cells[cor], cells[body]
    loe_cell = cells[loe] if loe is not None else (0, 0, "")
    row_start, row_end = cells[0][0], cells[-1][1]
    if not cor_cell[2].strip() and not loe_cell[2].strip():
        # A wrapped cell goes on with the row just above it; a group label (`**Before treatment**`)
        # or a row after anything else (a heading, another table) continues nothing.
        if (out and out[-1].form in TABLE_FORMS and text.count("\n", out[-1].end, row_start) <= 1
                and not _GROUP_LABEL.fullmatch(text_cell[2])):
            out[-1] = replace(out[-1], end=row_end)
        return None
    if loe is None and len(cor_cell[2]) > _GRADE_CELL:
        return None
    return Statement(row_start, row_end, label=_label(text, text_cell[0]), **grade(loe_cell[2], cor_cell[2]),
                     form="cor_loe" if loe is not None else "strength_column")


# The same tables as PDF text gives them, columns separated by spaces: `2b   C-LD   3. In patients …`.
_SPACED_HEADER = re.compile(r"^[ \t]*(?:cor|class)[ \t]+(?:loe|level)[ \t]+recommendations?\b", re.I)
_SPACED_ROW = re.compile(r"^[ \t]*(?P<cor>(?:1|2a|2b|3|I|IIa|IIb|III)(?::[ \t]*(?:No Benefit|Harm|No(?=[ \t])))?)[ \t]+"
                         r"(?P<loe>A|B-R|B-NR|C-LD|C-EO|B|C)[ \t]+(?=\d{1,2}[.)][ \t]+\S)")
# `3: No` with `Benefit` under it in the class column, the row's text going on beside it.
_SPLIT_CLASS = re.compile(r"^[ \t]*(Benefit)\b")
# Page furniture a table may run across: a page number (`e22`), a running head set apart by wide gaps.
_PAGE_DEBRIS = re.compile(r"^[ \t\f]*(?:[a-z]?\d{1,4}|\S[^\n]*\S[ \t]{4,}\S[^\n]*)[ \t]*$")
_INDENTED = re.compile(r"^[ \t]{8,}\S")  # a wrapped line of the text column


def _spaced_rows(text: str, body_end: int) -> list[Statement]:
    """Rows of a space-separated COR / LOE table; a row runs on over its wrapped lines up to a blank line,
    or over a page break (blank lines and page furniture) to a line of the text column."""
    out: list[Statement] = []
    in_table, open_row, broken = False, False, False
    for line in re.finditer(r"^[^\n]*", text[:body_end], re.M):
        body = line.group(0)
        row = _SPACED_ROW.match(body) if in_table else None
        if _SPACED_HEADER.match(body):
            in_table, open_row, broken = True, False, False
        elif row:
            cor, loe = row.group("cor"), row.group("loe")
            out.append(Statement(line.start(), line.end(), label=_label(text, line.start() + row.end()),
                                 level=normalise_level(loe), strength=normalise_strength(cor),
                                 level_printed=loe, strength_printed=cor, form="cor_loe"))
            open_row, broken = True, False
        elif not body.strip():
            open_row = False
        elif open_row and out:
            split = _SPLIT_CLASS.match(body)
            if split and out[-1].strength_printed.endswith("No"):
                printed = out[-1].strength_printed + " " + split.group(1)
                out[-1] = replace(out[-1], strength_printed=printed, strength=normalise_strength(printed))
            out[-1] = replace(out[-1], end=line.start() + len(body.rstrip()))
        elif in_table and out and _PAGE_DEBRIS.match(body) and not _INDENTED.match(body):
            broken = True  # a page break inside the table: the row above may go on after it
        elif in_table and out and broken and _INDENTED.match(body):
            out[-1] = replace(out[-1], end=line.start() + len(body.rstrip()))
            open_row, broken = True, False
        else:
            in_table = False
    return out


# SIGN in PDF text: the grade in the left margin (`B     A long-acting muscarinic antagonist should …`), a
# tick for a good practice point; the statement's wrapped lines are indented to its column.
_MARGIN_GRADE = re.compile(rf"^[ \t\f]*(?P<grade>[A-D]|{cue_alternation('grade_words', 'good_practice_mark')})"
                           r"[ \t]{3,}(?=[A-Z])", re.M)
_GOOD_PRACTICE_POINT = "good practice point"


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _margin_rows(text: str, body_end: int) -> list[Statement]:
    """Statements graded in the left margin; each runs over its indented lines up to a blank line."""
    out = []
    for m in _MARGIN_GRADE.finditer(text, 0, body_end):
        if _COLUMN_GAP.search(text, m.end(), _line_end(text, m.end())):
            continue  # a row of a grade legend (`A   Strong recommendation   shall`), not a graded statement
        end = text.find("\n", m.end())
        end = body_end if end < 0 else end
        while end < body_end and re.match(r"\n[ \t]{3,}\S", text[end:end + 12]):
            nxt = text.find("\n", end + 1)
            end = body_end if nxt < 0 else nxt
        mark = m.group("grade")
        # a tick marks a good practice point: ungraded, known by its kind
        out.append(Statement(m.start("grade"), min(end, body_end),
                             **grade("", mark if mark.isalpha() else _GOOD_PRACTICE_POINT), form="margin_grade"))
    return out


_COLUMN_GAP = re.compile(r"\t+|[ \u3000]{3,}")


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the non-blank-trimmed cells of a table line: `|` separated, else
    tab or wide-space separated (a PDF's layout text); [] for other lines."""
    if line.count("|") < 2:
        if not line.strip():
            return []
        cells, pos = [], 0
        for gap in [*_COLUMN_GAP.finditer(line), None]:
            stop = gap.start() if gap else len(line)
            body = line[pos:stop].strip()
            if body:
                lead = len(line[pos:stop]) - len(line[pos:stop].lstrip())
                cells.append((offset + pos + lead, offset + pos + lead + len(body), body))
            pos = gap.end() if gap else len(line)
        return cells
    cells, pos = [], 0
    for part in line.split("|"):
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        cells.append((offset + pos + lead, offset + pos + lead + len(body), body))
        pos += len(part) + 1
    if line.strip().startswith("|"):
        cells = cells[1:]
    if line.strip().endswith("|"):
        cells = cells[:-1]
    return cells


def _without_overlaps(found: list[Statement]) -> list[Statement]:
    out = []
    for s in sorted(found, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def _section_numbers(text: str, statements: list[Statement]) -> list[str]:
    """For each statement, the number of the nearest heading above it that is not itself a
    statement, from one scan of the text (a scan per statement was quadratic)."""
    heads = headings(text, len(text), statements)
    positions = [h[0] for h in heads]
    line_start = [text.rfind("\n", 0, s.start) + 1 for s in statements]
    return [heads[i - 1][1] if (i := bisect_left(positions, ls)) else "" for ls in line_start]


def headings(text: str, end: int, statements) -> list[tuple[int, str]]:
    """(offset, number) of the numbered headings before `end` that are not statements."""
    starts = {text.rfind("\n", 0, s.start) + 1 for s in statements}
    out = []
    for m in _HEADING.finditer(text, 0, end):
        title = m.group("title").strip()
        if (m.start() in starts or title[-1:] in ".。;；,，" or len(title) < 2 or _CONTINUES.match(text, m.end())
                or (m.group("num") and wraps_on(text, m.start(), m.end()))
                or _SENTENCE_INSIDE.search(title) or _WRAPPED_ABOVE.fullmatch(text, max(0, m.start() - 2), m.start())):
            continue
        number = m.group("num") or m.group("zh") or m.group("word") or m.group("ordinal")
        out.append((m.start(), unicodedata.normalize("NFKC", number)))  # `Ⅱ` -> `II`
    return out


_NUMBERED_PARAGRAPH = re.compile(r"^[ \t\u3000]*(?P<num>\d{1,3})(?:[.．、)）][ \t\u3000]*|[ \t]+)(?=\S)", re.M)


def _paragraph_numbers_unlabelled(text: str, body_end: int, found: list[Statement]) -> list[Statement]:
    """Numbers that number a document's paragraphs are no statement labels: where most numbered lists
    (`1.`, `2.` … from a `1.`) that hold a statement also hold plain paragraphs (a 诊疗规范 numbers every
    instruction and grades a few), those statements are unlabelled and named by their position."""
    numbered = [s for s in found if s.label and s.form not in (*TABLE_FORMS, "box") and not _explicit_at(text, s.start)]
    if not numbered:
        return found
    heads = {h for h, _ in headings(text, body_end, found)}
    statement_lines = {text.rfind("\n", 0, s.start) + 1 for s in found}
    labelled_lines = {text.rfind("\n", 0, s.start) + 1 for s in numbered}
    runs: list[list[int]] = []
    for m in _NUMBERED_PARAGRAPH.finditer(text, 0, body_end):
        if m.start() in heads:
            continue
        if m.group("num") == "1" or not runs:
            runs.append([])
        runs[-1].append(m.start())
    holding = [r for r in runs if labelled_lines.intersection(r)]
    mixed = [r for r in holding if not statement_lines.issuperset(r)]
    if not holding or 2 * len(mixed) <= len(holding):
        return found
    return [replace(s, label="") if s in numbered else s for s in found]


_TOKEN = re.compile(r"[a-z0-9]+|[^\W\d_a-z]")  # a Latin word or number, or one other letter (a Chinese character)


def _letters(text: str, s: Statement) -> tuple[str, ...]:
    """The statement's words (Chinese characters one by one), folded, without its label, punctuation,
    layout or a table row's grade cells."""
    body = text[s.start:s.end]
    if s.form in TABLE_FORMS:  # a table row's grade cells are no words of its statement
        grades = {s.level_printed, s.strength_printed}
        body = "\n".join(" ".join(c for c in _COLUMN_GAP.split(line) if c.strip() not in grades)
                         for line in body.split("\n"))
    m = _EXPLICIT_LABEL.match(body) or _NUMBER_LABEL.match(body) if s.label else None
    return tuple(_TOKEN.findall(fold(body[m.end():] if m else body)))


def same_statement(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two prints of one statement (a summary table row and the body, wrapped differently, the grade in
    cells or in brackets): most word pairs of the shorter are in the longer."""
    if a == b:
        return True
    pa, pb = set(zip(a, a[1:])), set(zip(b, b[1:]))
    return bool(pa and pb) and len(pa & pb) / min(len(pa), len(pb)) >= _SAME_PRINT


def _prints(text: str, found: list[Statement], key) -> dict[str, list[list[int]]]:
    """For each key (a label, a name), the groups of statements (indices) that are one statement printed
    more than once, in text order."""
    groups: dict[str, list[list[int]]] = {}
    words = [_letters(text, s) for s in found]
    for i, s in enumerate(found):
        k = key(s)
        if not k:
            continue
        kinds = groups.setdefault(k, [])
        hit = next((g for g in kinds if same_statement(words[g[0]], words[i])), None)
        if hit is None:
            kinds.append([i])
        else:
            hit.append(i)
    return groups


def _named(text: str, found: list[Statement]) -> list[Statement]:
    """Names: the label; qualified by the section where labels repeat; unlabeled ones by position.

    A statement printed twice (a summary list or table, then the body) repeats its label with its
    text: that is no restart of the numbering, and the second print takes the first one's name."""
    prints = _prints(text, found, lambda s: label_key(s.label) if s.label else "")
    restarts = any(len(g) > 1 for g in prints.values())  # numbering restarts: every label needs its section
    first = {i: g[0] for groups in prints.values() for g in groups for i in g}
    position: dict[str, int] = {}
    out: list[Statement] = []
    for i, s in enumerate(found):
        if s.label:
            name = qualified(s.section, s.label) if restarts else s.label
            if first[i] != i:
                name = out[first[i]].name
        else:
            position[s.section] = position.get(s.section, 0) + 1
            name = qualified(s.section, str(position[s.section]))
        out.append(replace(s, name=name))
    return _unique_names(text, out)


def _unique_names(text: str, found: list[Statement]) -> list[Statement]:
    """One name, one statement: where a name still stands for statements of different text (a label
    repeated in one section, or with no section to qualify it), each gets its place among them
    (`Recommendation 1 #2`). The same statement printed twice keeps one name."""
    prints = _prints(text, found, lambda s: fold(s.name).replace(" ", ""))
    place = {i: n for groups in prints.values() if len(groups) > 1
             for n, g in enumerate(groups, 1) for i in g}
    return [replace(s, name=f"{s.name} #{place[i]}") if i in place else s for i, s in enumerate(found)]


def _with_systems(doc: Document, lexicon: Lexicon, folded: Folded, found: list[Statement],
                  body_end: int) -> list[Statement]:
    """A system named in the statement, else the one the document declares nearest before it
    (or first), else the one its notation implies."""
    text = doc.text
    synonyms = {e.code: e.synonyms for e in lexicon.entries if e.kind == "system"}
    mentions = system_mentions(text, lexicon.find(text, folded, ("system",)), synonyms)
    mentions = [m for m in mentions if m.end <= body_end]
    declared = [m for m in mentions if _GRADING_CUE.search(text, max(0, m.start - _CUE_WINDOW),
                                                           min(body_end, m.end + _CUE_WINDOW))]
    out = []
    for s in found:
        if not s.graded:
            out.append(s)
            continue
        inside = [m for m in mentions if s.start <= m.start < s.end]
        before = [m for m in declared if m.end <= s.start]
        pick = inside[0] if inside else before[-1] if before else declared[0] if declared else None
        # A notation that names its system outranks a system the document declares for other grades.
        named = "" if inside else named_by_notation(s.form)
        system = named or (pick.code if pick else system_from_notation(s.level, s.strength, s.form))
        out.append(replace(s, system=system))
    return out
