"""Sections of running text from its headings.

A heading is a line that names a section, in one of the forms plain text gives them:
- the PubMed Central text layout: `TITLE:`, `ABSTRACT.RESULTS:` / `ABSTRACT.RESULTS::`, `BODY.METHODS:`,
  `2.1BODY.PATIENTS:`, `BODY.4. DISCUSSION:`, `BODY.I:NTRODUCTION` (a colon slipped into the name);
- containers on their own line: `Abstract`, `摘要：…`, `【摘要】…`, `Keywords:`, `References`, `[参考文献]`;
- numbered headings: `2 Results`, `2.1 Patients`, `2　结果`, `1. Introduction`; a number continues
  the numbering before it (`2.1` after `2`, `3` after `2.4`), so a table cell (`25.8 ± 4.7`,
  `12 Months`) never opens a section;
- unnumbered labels on their own line or opening it: `Results`, `Methods: We enrolled …`, `目的　探讨…`,
  and labels inside one abstract paragraph (`…。方法　回顾性…。结果　…`, `… Conclusion HAIC is …`).

What a heading names comes from ontology/cues/section_names.tsv (the top-level vocabulary: background,
methods, results, discussion, conclusions, back matter and the containers abstract, keywords,
references). A heading the vocabulary does not name (`BODY.PATIENTS:`, `2.1 疗效评价`) is a subsection
and carries the name of the section it sits in, so `section_at` gives the top-level name anywhere;
its title keeps what it says. A numbered heading with an unknown name and nothing around it is
`section N`.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache

from evkg.core.fold import fold
from evkg.core.model import Section
from evkg.core.namespace import ONTOLOGY_DIR
from evkg.core.text import HAN

CONTAINERS = ("abstract", "keywords", "references")
# The PubMed Central text layout. A table or figure title may be glued before `BODY.` (`…t001Table 1BODY.X:`).
_PMC = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}\.?)?(?P<float>\S*?(?:table|fig\.?|figure)\s?s?\d+[a-z]?)?"
                  r"(?P<part>title|abstract|body)(?:\.(?P<name>[^\n]{0,200}?))?:*[ \t]*", re.I)
# `2.1 Patients`, `2　结果`, `1. Introduction`, `3.2. Safety`.
_PMC_TITLE = re.compile(r"\s*TITLE:[ \t]*\n")
_PMC_PART = re.compile(r"(title|abstract|body)(?:\.[^\n]*)?:", re.I)
_NUMBERED = re.compile(rf"(\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})\.?[ \t\u3000]+([A-Z{HAN}【\[“\"][^\n]{{0,79}})$")
_HAN_GAP = re.compile(rf"(?<=[{HAN}])[ \u3000]{{1,3}}(?=[{HAN}])")
_NOT_TITLE = re.compile(r"[，,。；;%=<>≥≤±]|\d\s*(?:例|次|个|mg|g|h|ml)|\d[.,]\d", re.I)
_BRACKETED = re.compile(r"[【\[［〔]\s*([^】\]］〕\n]{1,12}?)\s*[】\]］〕]")
# `摘　要：`, `结　果`: a two-character Chinese label printed with a space inside it.
_SPACED_LABEL = re.compile(rf"([{HAN}])[ \u3000]{{1,3}}([{HAN}])[ \t\u3000]*(?:(?P<colon>[:：])|$|[ \t\u3000])")
# `一、资料与方法` (top level) and `（一）一般资料` (inside it): Chinese ordinals number the sections.
_HAN_ORDINAL = "一二三四五六七八九十"
_HAN_NUMBERED = re.compile(rf"(?:([{_HAN_ORDINAL}]{{1,2}})[、．.]|[（(]([{_HAN_ORDINAL}]{{1,2}})[）)])[ \t\u3000]*"
                           rf"([{HAN}][^\n]{{0,30}})$")
# A label opening a line: the label, then a colon, the line's end, or (Chinese) a space.
_LINE_LABEL = re.compile(rf"([^\W\d_][^\n:：]{{0,60}}?)[ \t]*(?:(?P<colon>[:：])|$|(?<=[{HAN}])[ \t\u3000])")
# `RESULTS  Among 612 …`, `DESIGN, SETTING, AND PARTICIPANTS Pragmatic …`: a label in capitals opening a
# line of a structured abstract, with no colon, as some journals print it; the capitals end the label.
_CAPS_LABEL = re.compile(r"([A-Z]{2,}(?:,?[ \t](?:[A-Z]{2,}|&))*)(?P<colon>[ \t]+)(?=\S)(?![A-Z]{2})")
_MARKS = " \t\r\n\u3000#*-·"


@dataclass(frozen=True)
class _Heading:
    start: int  # where the heading (or label) starts
    name: str | None  # the vocabulary's name, None for a subsection
    title: str
    level: int  # 0 container, 1 top-level, 2+ subsection (numbered: the numbering's depth)
    number: tuple[int, ...] = ()
    han: int = 0  # the Chinese ordinal of `一、` (level 1) or `（一）` (level 2) headings


@cache
def _vocabulary() -> dict[str, tuple[str, str]]:
    """Folded heading name -> (section name, where). Read here rather than through vocabulary/ (a
    sibling room readers may not import)."""
    with (ONTOLOGY_DIR / "cues" / "section_names.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))[1:]
    return {_key(r[0]): (r[1].strip(), r[2].strip()) for r in rows if r and r[0].strip()}


def _unspaced(s: str) -> str:
    """`结　果` as `结果`: Chinese typesetting spaces the characters of a short heading apart."""
    return _HAN_GAP.sub("", s)


def _key(name: str) -> str:
    """A heading name as the vocabulary is keyed: folded, without numbering, colons, brackets and spaces runs."""
    s = _unspaced(fold(name)).replace(":", "")
    s = re.sub(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivx]{1,4}\.)\s*", "", s)
    s = re.sub(r"[【】\[\]［］〔〕]", " ", s)
    return re.sub(r"\s+", " ", s).strip(" .")


def _named(name: str, in_abstract: bool) -> str | None:
    found = _vocabulary().get(_key(name))
    if found and (found[1] == "any" or in_abstract):
        return found[0]
    return None


@cache
def _label_pattern() -> re.Pattern:
    """Labels of a structured abstract inside a paragraph: `。方法　`, `. Results: `, `. Conclusion HAIC`."""
    words = sorted({w for w, (n, _) in _vocabulary().items() if n not in CONTAINERS and n != "back"
                    and (len(w) >= 2 and not w.isascii() or w in _EN_INLINE)}, key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words)
    after = rf"(?:\s*[:：]\s*|[ \t\u3000]+(?=[A-Z])|(?<=[{HAN}])[ \t\u3000]+)"
    return re.compile(rf"(?:(?<=[。.!?！？:：])|(?<=[。.!?！？:：]\s))((?i:{alts})){after}")


# English labels recognised inside a paragraph; they must be two or more to count as a structure.
_EN_INLINE = {"background", "objective", "objectives", "aim", "aims", "purpose", "methods", "method",
              "results", "result", "findings", "conclusion", "conclusions"}


def _pmc(line: str, start: int, in_abstract: bool) -> _Heading | None:
    """A heading of the PubMed Central text layout (its part `abstract` counts as the abstract only
    while the abstract lasts: some texts print the whole body under `ABSTRACT.` headings)."""
    m = _PMC.fullmatch(line.rstrip())
    if not m:
        return None
    part = m.group("part").lower()
    name = (m.group("name") or "").replace(":", "").strip()
    if part == "title":
        return _Heading(start, "title", line.strip(), 1)
    if m.group("float"):  # a table or figure title in heading form: no section, the text after it goes on
        return None
    # `2.1BODY.PATIENTS:` is numbered; `BODY.1. PEF:` numbers items inside a section.
    number = tuple(int(x) for x in re.findall(r"\d+", m.group("num") or ""))
    if part == "abstract" and (not name or _key(name) in ("abstract", "summary")):
        return _Heading(start, "abstract", line.strip(), 0)
    named = _named(name, part == "abstract" and in_abstract) if name else None
    level = len(number) if number else 1 if named or (part == "abstract" and in_abstract) else 2
    if number and not named and level == 1:
        level = 2
    return _Heading(start, named, line.strip(), level, number)


def _plain(line: str, start: int, in_abstract: bool) -> list[_Heading]:
    """Headings of one line of plain text (a line may hold several abstract labels)."""
    s = line.strip(_MARKS)
    if not s:
        return []
    lead = start + len(line) - len(line.lstrip(_MARKS))
    bracket = _BRACKETED.match(s)
    label, said = _line_label(s)
    out = []
    if bracket and _named(bracket.group(1), True) in CONTAINERS:
        out.append(_Heading(lead, _named(bracket.group(1), True), s[:bracket.end()], 0))
    elif label and (name := _named(said, in_abstract)):
        if name in CONTAINERS:  # `摘要：目的 …`: the title is the label, the text after it the container's
            out.append(_Heading(lead, name, s[:label.end()].strip() if len(s) > label.end() + 1 else s[:80], 0))
        elif label.group("colon") or len(s) <= 60 or not said.isascii():
            # `Methods: We enrolled …`: the title is the label; the text after it is the section's
            title = s[:label.end()].strip() if len(s) > label.end() + 1 else s[:80]
            out.append(_Heading(lead, name, title, 1))
    if not out and (han := _han_numbered(s, lead)):
        out.append(han)
    numbered = _NUMBERED.match(s)
    if not out and numbered and not _NOT_TITLE.search(numbered.group(2)) \
            and re.search(r"[^\W\d_]{2}", _unspaced(numbered.group(2))):
        number = tuple(int(x) for x in numbered.group(1).split("."))
        out.append(_Heading(lead, _named(numbered.group(2), False), s, len(number), number))
    if in_abstract or (out and out[0].name == "abstract"):
        inline = [m for m in _label_pattern().finditer(line) if _named(m.group(1), True)
                  and not (out and start + m.start(1) <= out[-1].start + 4)]
        if len(inline) >= 2 or any(not m.group(1).isascii() for m in inline):
            out += [_Heading(start + m.start(1), _named(m.group(1), True), m.group(1), 1) for m in inline]
    return out


def _line_label(s: str) -> tuple[re.Match | None, str]:
    """The label opening a line and what it says (`摘　要：` says 摘要)."""
    spaced = _SPACED_LABEL.match(s)
    if spaced and _named(spaced.group(1) + spaced.group(2), True):
        return spaced, spaced.group(1) + spaced.group(2)
    label = _LINE_LABEL.match(s)
    if label and _named(label.group(1), True):
        return label, label.group(1)
    caps = _caps_label(s)
    return (caps, caps.group(1)) if caps else (label, label.group(1) if label else "")


def _caps_label(s: str) -> re.Match | None:
    """A run of capitals opening `s` that the vocabulary names as a whole: `RESULTS Among …` is a label,
    `OBJECTIVE RESPONSE 12 (30%)` (a table row in capitals) is not."""
    m = _CAPS_LABEL.match(s)
    return m if m and _named(m.group(1), True) else None


def _han_numbered(s: str, lead: int) -> _Heading | None:
    """`一、结果` (level 1) or `（二）治疗方法` (level 2): a short title, no sentence marks, after an ordinal."""
    m = _HAN_NUMBERED.match(s)
    if not m or _NOT_TITLE.search(m.group(3)):
        return None
    ordinal = m.group(1) or m.group(2)
    k = _HAN_ORDINAL.index(ordinal[-1]) + 1 + (10 if len(ordinal) == 2 else 0)
    return _Heading(lead, _named(m.group(3), False), s, 1 if m.group(1) else 2, han=k)


def _continues(number: tuple[int, ...], last: tuple[int, ...] | None) -> bool:
    """Whether `number` may follow the numbered heading `last`: its first child, the next sibling at
    some depth, or (for the first heading) a start at 0, 1 or 2."""
    if last is None:
        return number[0] <= 2 and all(x <= 1 for x in number[1:])
    if number == last + (1,):
        return True
    return any(number == last[:k] + (last[k] + 1,) for k in range(len(last)))


def _han_continues(h: _Heading, last_han: int) -> bool:
    """`一、` headings count up from 一; `（一）` ones sit under one of them."""
    return h.han == last_han + 1 if h.level == 1 else last_han > 0


class _HanCount:
    """Where `一、` headings count from. A body whose top-level sections are unnumbered labels (`对象与方法`,
    `结　　果`, `讨　　论`) numbers its subsections `一、研究对象`, `二、随访` under each label from 一 again: a `一、`
    heading naming no section after such a label is a subsection of it, counted under that label."""

    def __init__(self):
        self.last, self.label = 0, False

    def take(self, h: _Heading, in_abstract: bool) -> _Heading | None:
        """`h` as it stands in the numbering (a subsection under a label), or None when it does not continue it."""
        if not h.han:
            if h.level == 1 and h.name and not h.number and not in_abstract:
                self.last, self.label = 0, True  # an unnumbered top-level label: its own `一、` count
            return h
        if self.label and h.level == 1 and h.name is None:
            if h.han != self.last + 1:
                return None
            self.last = h.han
            return replace(h, level=2)
        if not _han_continues(h, self.last):
            return None
        if h.level == 1:
            self.last = h.han
        return replace(h, level=3) if self.label and h.level == 2 else h


class _Abstract:
    """Whether the headings met so far are inside an abstract, and the labels it has had."""

    def __init__(self):
        self.open, self.done, self.seen = False, False, set()

    def after(self, h: _Heading, body: bool) -> list[_Heading]:
        """The headings `h` stands for, once the abstract's state is updated: an abstract label that goes
        back (`background` after `results`) or a body heading closes the abstract first."""
        if h.name == "abstract" and h.level == 0:
            self.open, self.seen = True, set()
            return [h]
        close = h.level == 0 or body or bool(h.number) or (
            h.level == 1 and h.name in ("background", "methods") and bool(self.seen & {"results", "conclusions"}))
        if self.open and close:
            self.open, self.done = False, True
            return [_Heading(h.start, None, "", -1), h] if h.level else [h]
        if self.open and h.level == 1:
            self.seen.add(h.name or "")
        return [h]


def _headings(text: str) -> list[_Heading]:
    out: list[_Heading] = []
    last_number: tuple[int, ...] | None = None
    han = _HanCount()
    abstract = _Abstract()
    # In the PubMed Central layout every heading has its form; other lines (list items, table
    # footnotes such as `Abbreviations: …`) are no headings.
    pmc_layout = bool(_PMC_TITLE.match(text))
    pos = 0
    for line in text.splitlines(keepends=True):
        part = _PMC_PART.search(line) if len(line) < 300 else None
        pmc = _pmc(line, pos, abstract.open) if part else None
        if pmc is not None:
            in_abstract = part.group(1).lower() == "abstract"
            if in_abstract and not abstract.open and not abstract.done and pmc.level > 0:
                out += abstract.after(_Heading(pos, "abstract", "", 0), False)  # the abstract starts here
                pmc = _pmc(line, pos, True)
            out += abstract.after(pmc, part.group(1).lower() == "body" or (in_abstract and not abstract.open))
            pos += len(line)
            continue
        for h in () if pmc_layout else _plain(line, pos, abstract.open):
            if h.number and (not _continues(h.number, last_number)
                             or wraps_on(text, pos, pos + len(line.rstrip("\n")))):
                continue
            if (h := han.take(h, abstract.open)) is None:
                continue
            if h.han:
                out += abstract.after(h, True)
                continue
            if h.number:
                last_number = h.number
            out += abstract.after(h, False)
        pos += len(line)
    return out


_GOES_ON = re.compile(r"[ \t]*[a-z]")
_WRAP_SHARE = 0.8  # a wrapped line is about as long as the line under it; a heading is shorter
_COLUMN_LINE = 30  # ... and both are as long as a narrow column's lines


def wraps_on(text: str, start: int, end: int) -> bool:
    """The line text[start:end] is the first of a wrapped paragraph, not a heading: its sentence goes on over
    the next line (`1. All patients scheduled for chemo-` / `therapy, …`), or it fills the column as the
    next line does (`2. HBV DNA should be measured in all` / `HBsAg-positive patients and in anti-`)."""
    line = text[start:end].rstrip()
    nl = text.find("\n", end) if end < len(text) and text[end] != "\n" else end
    nxt_end = text.find("\n", nl + 1)
    nxt = text[nl + 1:nxt_end if nxt_end >= 0 else len(text)].strip() if nl >= 0 else ""
    if not nxt or line[-1:] in ".:;?!。：；？":
        return False
    filled = min(len(line.strip()), len(nxt)) >= _COLUMN_LINE and len(line.strip()) >= _WRAP_SHARE * len(nxt)
    return line.endswith("-") or bool(_GOES_ON.match(nxt)) or filled


def _end(heads: list[_Heading], i: int, length: int) -> int:
    """Where the section of heading i ends: at the next heading of its level or above. Keywords end at
    the next heading, an abstract at the next container or the heading that closes it, references at
    the next container or top-level numbered heading."""
    h = heads[i]
    for later in heads[i + 1:]:
        if h.name == "keywords" or later.level < 0:
            return later.start
        if h.level == 0:
            stop = later.level == 0 or (h.name == "references" and later.level == 1 and bool(later.number))
        else:
            stop = later.level <= h.level
        if stop:
            return later.start
    return length


def _title_end(text: str, start: int, end: int) -> int:
    """`TITLE:` holds the title: its line and the next line with text, not a whole text with no other heading."""
    m = re.compile(r"[^\n]*\n\s*[^\n]*\n?").match(text, start)
    return min(end, m.end()) if m else end


def _unlabelled_abstract(text: str, heads: list[_Heading]) -> list[_Heading]:
    """The PubMed Central layout prints an abstract without labels between the title and the first
    heading: it is the abstract."""
    if len(heads) < 2 or heads[0].name != "title" or heads[1].name == "abstract" and heads[1].level == 0:
        return heads
    end = _title_end(text, heads[0].start, heads[1].start)
    if len(text[end:heads[1].start].strip()) < 200:
        return heads
    return [heads[0], _Heading(end, "abstract", "", 0), _Heading(heads[1].start, None, "", -1)] + heads[1:]


def find_sections(text: str) -> tuple[Section, ...]:
    heads = _unlabelled_abstract(text, _headings(text))
    sections = []
    parents: list[tuple[int, str]] = []  # (level, name) of the sections the next heading sits in
    for i, h in enumerate(heads):
        if h.level < 0:
            parents = []
            continue
        parents = [(lv, nm) for lv, nm in parents if lv < h.level]
        name = h.name
        if name is None:
            inherited = next((nm for _, nm in reversed(parents) if not nm.startswith("section ")), None)
            name = inherited or (f"section {'.'.join(map(str, h.number))}" if h.number else None)
        if name is None:
            continue
        if name != "keywords":  # nothing sits in a keywords line
            parents.append((h.level, name))
        end = _end(heads, i, len(text))
        if name == "title" and h.title.lower().startswith("title"):
            end = _title_end(text, h.start, end)
        if end > h.start:
            sections.append(Section(name, h.start, end, h.title))
    return tuple(sections)


def heading_name(title: str) -> str | None:
    """The section a heading names (`Materials and Methods` -> methods), or None for another title."""
    return _named(re.sub(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+", "", title), True)
