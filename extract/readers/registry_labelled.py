"""Registry pages of any registry: the record built from the WHO data set's items the page labels
(registry_labels.py reads the labels, values and tables).

Blocks: an outcome field (primary / secondary / other, or one whose rows say their role) holds its outcomes as
lines (`1. measure [time frame]`), as sub-fields (`Description` / `Timepoint`) or as a table; an intervention
field its interventions; an arm block (`Arm 1`) one arm's label, type, size and description. The size is the
target total; the arms' sizes are summed only when no total is printed. Conditions come from the condition
fields only (a registry's broad disease group only when it prints no condition), never from the eligibility
criteria; a posted-results section is not read here (no result rows from a registration's other fields).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from evkg.core.fold import fold
from evkg.core.records import ArmGroup, Field, Intervention, Outcome, TrialRecord
from evkg.extract.readers.registry_labels import ASKED, ROLE_ITEMS, Entry, entries
from evkg.extract.readers.registry_text import Pair, coded, design, line_spans, registry_words

_OUTCOME_BLOCKS = {*ROLE_ITEMS, "outcomes"}
_SUB_ITEMS = {"outcome", "outcome_type", "timeframe", "outcome_method", "description", "arm", "arm_type",
              "arm_size", "arm_description", "intervention_name", "-", "heading"}
_ITEM_NUMBER = re.compile(r"\s*(?:\d{1,3}[.)]?|[-•*·])\s+|\s*\d{1,3}[.)]?\s*$")
_BRACKETED_TIME = re.compile(r"\s*\[([^\]]+)\]\s*$")
_NUMBER = re.compile(r"\d[\d,]*")
_LATIN = re.compile(r"[A-Za-z]{3,}")
_NON_LATIN_LEAD = re.compile(r"(?:[^\x00-\x7f\u00c0-\u024f]+[\s/,;:]*)+")
_LABELLED_LINE = re.compile(r"(?:[\w'()/-]+ ){0,3}[\w'()/-]+\s*[:：]\s*\S")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[\s;,.]))\(?\d{1,2}\)\s*|(?:^|(?<=[;,.]\s))\d{1,2}[.)]\s+")
_CODE_LEAD = re.compile(r"[A-Z]\d{2}(?:\.\d{1,2})?\s*[-–:]?\s+(?=[A-Za-z])")  # `C22.0 Liver cell carcinoma`
_SEMICOLON = re.compile(r"[;；]")
_LISTED_WORDS = 8
_SPLIT = re.compile(r"[;；\n]")
# An arm block's sub-items -> the arm's key.
_ARM_KEYS = {"arm": "label", "arm_type": "type", "arm_description": "description", "description": "description",
             "arm_size": "size", "enrollment": "size"}
# Items whose first field names the design, in order of trust.
_DESIGN_SOURCES = ("study_type", "allocation", "design", "model", "masking", "phase")


def read_record(text: str) -> tuple[TrialRecord, list[Entry]]:
    found = _one_language(entries(text))
    blocks = _Blocks(text)
    for en in found:
        blocks.add(en)
    blocks.close()
    titles = [en.value for en in found if en.item == "title" and en.value]
    latin = [f for f in titles if _LATIN.search(f.value)]
    conditions = _conditions(text, found, "condition") or _conditions(text, found, "condition_category")
    record = TrialRecord(title=(latin or titles or [None])[0], official_title=_first(found, "official_title"),
                         summary=_first(found, "summary"), conditions=tuple(conditions),
                         interventions=tuple(blocks.interventions), arms=blocks.arm_groups(),
                         outcomes=tuple(blocks.outcomes), design=_design(text, found),
                         enrollment=_enrollment(found, blocks))
    return record, found


def _one_language(found: list[Entry]) -> list[Entry]:
    """A page that gives an item twice, under a label in another language and an English one (`Desfechos
    primários` then `Primary outcomes`): the English one. The value under the other label goes on as `-`."""
    out = list(found)
    for k, en in enumerate(found):
        if not en.language:
            continue
        near = [x for x in found[max(0, k - 2):k + 3] if x is not en and x.item == en.item and not x.language]
        if near:
            out[k] = replace(en, item="-")
    return out


def other_titles(found: list[Entry]) -> tuple[str, ...]:
    titles = [en.value for en in found if en.item == "title" and en.value]
    return tuple(f.value for f in titles if not _LATIN.search(f.value))


def _first(found: list[Entry], item: str) -> Field | None:
    return next((en.value for en in found if en.item == item and en.value), None)


@cache
def _yes() -> frozenset[str]:
    """A yes to a design question in the registries' languages (registry_values.tsv `answer`)."""
    return frozenset(w for w, _ in registry_words("answer"))


def _said_yes(f: Field) -> bool:
    return fold(f.value).strip().rstrip(".").lower() in _yes()


def _answered(text: str, en: Entry) -> Field:
    """A design question answered yes (`Randomised: Yes`) stands for its label's words."""
    if _said_yes(en.value):
        return Field(en.value.start, en.value.end, text[en.start:en.value.start])
    return en.value


def _design(text: str, found: list[Entry]) -> object:
    """The design fields as registry_text.design reads them; a study type field (`Type of trial: RCT`) and a
    design field may both say the allocation."""
    pairs = [Pair(ASKED.get(en.item, en.item), en.start, _answered(text, en)) for en in found
             if ASKED.get(en.item, en.item) in _DESIGN_SOURCES and en.value
             and (en.item not in ASKED or _said_yes(en.value))]
    pairs += [Pair("design", p.label_start, p.value) for p in pairs if p.field in ("study_type", "masking")]
    return design(pairs)


def _conditions(text: str, found: list[Entry], item: str) -> list[Field]:
    """Each condition a condition field lists (one a line or `;`-separated), without a code or a name in
    another script before its English one (`위암 Gastric adenocarcinoma`)."""
    out = []
    for en in (e for e in found if e.item == item and e.value):
        start = en.value.start
        for m in [*_SPLIT.finditer(text, en.value.start, en.value.end), None]:
            end = m.start() if m else en.value.end
            f = Field.trimmed(text, start, end)
            start = m.end() if m else end
            if f is None or not _LATIN.search(f.value) or _LABELLED_LINE.match(f.value):
                continue  # no name, or an unlisted `Label: value` the field ran into
            lead = _NON_LATIN_LEAD.match(f.value) or _CODE_LEAD.match(f.value)
            out.append(Field.trimmed(text, f.start + lead.end(), f.end) if lead else f)
    return [f for f in out if f]


def _line_items(text: str, value: Field) -> list[tuple[int, int]]:
    """The value's items: one a line; when some lines are numbered, an unnumbered line goes on the item before."""
    lines = [(a, b) for a, b in line_spans(text, value.start, value.end) if text[a:b].strip()]
    numbered = any(_ITEM_NUMBER.match(text, a, b) for a, b in lines)
    items: list[list[int]] = []
    for a, b in lines:
        mark = _ITEM_NUMBER.match(text, a, b)
        if mark and mark.end() >= b:
            continue  # an item number alone
        if numbered and not mark and items:
            items[-1][1] = b
        else:
            items.append([a, b])
    return [(a, b) for a, b in items]


def _inline_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """`1) Pain; 2) Function` on one line: each numbered item; a line without two numbers is one item."""
    marks = list(_INLINE_NUMBER.finditer(text, s, e))
    if len(marks) < 2:
        return [(s, e)]
    ends = [m.start() for m in marks[1:]] + [e]
    out = []
    for m, end in zip(marks, ends):
        while end > m.end() and text[end - 1] in " \t;,；，":
            end -= 1
        out.append((m.end(), end))
    return out


def _listed_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """`Overall survival; adverse events`: short outcomes listed with semicolons, each one; a piece that goes on
    describing the one before (`; measured by VAS`, registry_values.tsv `outcome_continues`) keeps the line whole."""
    cuts = [m.start() for m in _SEMICOLON.finditer(text, s, e)]
    if not cuts:
        return [(s, e)]
    bounds = list(zip([s, *[c + 1 for c in cuts]], [*cuts, e]))
    words = [text[a:b].split() for a, b in bounds]
    if any(not w or len(w) > _LISTED_WORDS for w in words) or \
            any(w[0].lower() in _continues() for w in words[1:]):
        return [(s, e)]
    return bounds


@cache
def _continues() -> frozenset[str]:
    return frozenset(w for w, code in registry_words("outcome_continues"))


def _enrollment(found: list[Entry], blocks: _Blocks) -> Field | None:
    """The first target total printed (its number); else the arms' sizes summed, when every arm has one."""
    for en in found:
        if en.item == "enrollment" and en.value and id(en) not in blocks.arm_sized and \
                (m := _NUMBER.search(en.value.value)):
            start = en.value.start + m.start()
            return Field(start, start + len(m.group(0)), m.group(0).replace(",", ""))
    sizes = [a["size"] for a in blocks.arms]
    if len(sizes) >= 1 and all(s and s.value.isdigit() for s in sizes):
        return Field(sizes[0].start, sizes[-1].end, str(sum(int(s.value) for s in sizes)))
    return None


class _Blocks:
    """Walks the entries keeping the block open (an outcome field, an intervention field, an arm)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.block = ""
        self.outcomes: list[Outcome] = []
        self.open: dict | None = None  # the outcome being read from sub-fields
        self.interventions: list[Intervention] = []
        self.arms: list[dict] = []
        self.arm_sized: set[int] = set()
        self.from_lines: int | None = None  # the outcome a field's single line named, for a time point after it

    def add(self, en: Entry) -> None:
        if en.item == "table":
            self._table(en)
            return
        in_arm = en.item == "enrollment" and self.block == "arm_block"
        if en.item == "heading" or (en.item not in _SUB_ITEMS and not in_arm):
            self.close()
            self.block, self.from_lines = en.item, None
            if en.item in _OUTCOME_BLOCKS and en.value:
                self._outcome_lines(en.value, ROLE_ITEMS.get(en.item, "exploratory"))
            elif en.item == "interventions" and en.value and _LATIN.search(en.value.value):
                self.interventions.append(Intervention("OTHER", en.value))
            elif en.item == "arm_block":
                self.arms.append({"label": None, "type": "", "description": None, "size": None})
            return
        self._sub(en)

    def _sub(self, en: Entry) -> None:
        if self.block in _OUTCOME_BLOCKS or en.item == "outcome" and self.block not in ("interventions", "arm_block"):
            self._outcome_sub(en)
        elif self.block == "interventions" and en.item in ("description", "intervention_name") and en.value:
            self.interventions.append(Intervention("OTHER", en.value))
        elif self.block == "arm_block" and self.arms and en.value:
            arm = self.arms[-1]
            key = _ARM_KEYS.get(en.item)
            if key:
                arm[key] = en.value if key != "type" else coded("arm_type", en.value.value)
                if en.item == "enrollment":
                    self.arm_sized.add(id(en))

    def _outcome_sub(self, en: Entry) -> None:
        if en.item in ("outcome", "description"):
            self.close()
            if en.value:
                self.open = {"measure": en.value, "start": en.start, "end": en.value.end,
                             "role": ROLE_ITEMS.get(self.block, "exploratory")}
        elif self.open and en.value and en.item in ("timeframe", "outcome_method", "outcome_type"):
            self.open[en.item] = en.value
            self.open["end"] = max(self.open["end"], en.value.end)
        elif en.item == "timeframe" and en.value and self.from_lines is not None:
            # `Primary end point(s): X` then `Timepoint(s): Y`: the time of the outcome the field's line named
            o = self.outcomes[self.from_lines]
            if o.timeframe is None:
                self.outcomes[self.from_lines] = replace(o, end=max(o.end, en.value.end), timeframe=en.value)

    def close(self) -> None:
        o, self.open = self.open, None
        if o:
            role = coded("role", o["outcome_type"].value) if "outcome_type" in o else ""
            self.outcomes.append(Outcome(role or o["role"], o["start"], o["end"], o["measure"],
                                         o.get("outcome_method"), o.get("timeframe")))

    def _outcome_lines(self, value: Field, role: str) -> None:
        """One outcome a line (`1. measure [time frame]`) or a line's numbered items."""
        text = self.text
        pieces = [q for a, b in _line_items(text, value) for p in _inline_items(text, a, b)
                  for q in _listed_items(text, *p)]
        for a, b in pieces:
            mark = _ITEM_NUMBER.match(text, a, b)
            whole = Field.trimmed(text, mark.end() if mark else a, b)
            if whole is None or not _LATIN.search(whole.value) and len(whole.value) < 2:
                continue
            time = _BRACKETED_TIME.search(text, whole.start, whole.end)
            measure = Field.trimmed(text, whole.start, time.start()) if time else whole
            timeframe = Field.trimmed(text, time.start(1), time.end(1)) if time else None
            if measure:
                self.outcomes.append(Outcome(role, whole.start, whole.end, measure, None, timeframe))
        self.from_lines = len(self.outcomes) - 1 if len(pieces) == 1 and self.outcomes else None

    def _table(self, en: Entry) -> None:
        for row in en.rows:
            cells = dict(row)
            if "outcome" in cells:
                role = coded("role", cells["outcome_type"].value) if "outcome_type" in cells else ""
                start, end = row[0][1].start, row[-1][1].end
                self.outcomes.append(Outcome(role or ROLE_ITEMS.get(self.block, "exploratory"), start, end,
                                             cells["outcome"], cells.get("outcome_method"), cells.get("timeframe")))
                continue
            self._table_arm(row, cells)

    def _table_arm(self, row: tuple, cells: dict) -> None:
        label = cells.get("arm") or cells.get("intervention_name")
        descriptions = [f for c, f in row if c == "description"]
        for f in [label, *descriptions]:
            if f:
                self.interventions.append(Intervention("OTHER", f))
        if label:
            kind = coded("arm_type", cells["arm_type"].value) if "arm_type" in cells else ""
            self.arms.append({"label": label, "type": kind, "description": descriptions[0] if descriptions else None,
                              "size": cells.get("arm_size")})

    def arm_groups(self) -> tuple[ArmGroup, ...]:
        return tuple(ArmGroup(a["label"], a["type"], a["description"], (a["label"].value,),
                              a["size"] if a["size"] and a["size"].value.isdigit() else None)
                     for a in self.arms if a["label"])
