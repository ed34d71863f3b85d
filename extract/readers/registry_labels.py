"""The labels of registry pages of any registry, keyed on the WHO Trial Registration Data Set's items
(ontology/cues/registry_items.tsv), and the lines of a page as labels, values and tables.

A label is looked up folded, without its numbering (`4a.`, `E.1.1`, `1.3`, `- `) and its colon, whole, then
each part of a bilingual or qualified label (`과학적 제목 (Scientific Title)`, `Randomization (investigator's
opinion)`); a label not listed counts when most of its words are a listed label's (`Target number of
participant` for `Target number of participants`). The layout is read from each line: `label: value`,
`label TAB value`, a label alone on its line with its value on the lines after it, and tables, by tabs
(a header of labels, then rows) or flattened one cell a line (a run of header labels, then as many cells a row).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from evkg.core.fold import fold
from evkg.core.records import Field
from evkg.extract.readers.flat_registration import pieces
from evkg.extract.readers.registry_text import line_spans, read_table

_NUMBERING = re.compile(r"\s*(?:[-•*·]\s*)?(?:(?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3})*[a-z]?[.)]?\s+|[a-z][.)]\s+)?")
_BARE_NUMBER = re.compile(r"\s*\d{1,3}[.)]?\s*")
_TRAILING_NUMBER = re.compile(r"\s+\d{1,3}$")
_SEPARATOR = re.compile(r"[ \t]*(?:[:：=](?!\d)|\t)[ \t]*")
# An unlisted label: a short line ending in a colon, or a colon and a tab before its value.
_UNLISTED = re.compile(r"\s*[^\t:：]{2,60}[:：](?:[ \t]*$|\t)")
_CELL_LABEL = re.compile(r"\t([^\t:：]{1,60})[:：][ \t]*")
_NOT_WORD = re.compile(r"[\W_]+")
_STOP = {"s", "of", "the", "and", "or", "a", "for", "to", "in", "being", "de", "da", "do"}
_MAX_LABEL = 100
_MAX_LABEL_WORDS = 12
_FUZZY = 0.75
_SHORT_WORDS = 6
_DIGIT = re.compile(r"\d")
# Items a table's column may hold; a top-level item named in a header stands for its column's item.
COLUMNS = {"outcome", "outcome_type", "timeframe", "outcome_method", "description", "arm", "arm_type", "arm_size",
           "intervention_name"}
_AS_COLUMN = {"interventions": "description", "enrollment": "arm_size", "arm_block": "arm", "outcomes": "outcome",
              "arm_description": "description"}
# A design question (`Randomised: Yes`): a label only before its answer, as a line alone it is a value.
ASKED = {"allocation_asked": "allocation", "masking_asked": "masking"}
ROLE_ITEMS = {"primary_outcomes": "primary", "secondary_outcomes": "secondary", "other_outcomes": "exploratory"}


def _key(label: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(label).lower()).split())


def _stems(key: str) -> frozenset[str]:
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key.split() if w not in _STOP)


@cache
def _rows() -> tuple[list[str], ...]:
    return tuple(read_table("registry_items"))


@cache
def _table() -> dict[str, str]:
    return {_key(r[0]): r[1].strip() for r in _rows() if r[1].strip() != "+"}


@cache
def _languages() -> dict[str, str]:
    """Folded label -> its language, for the labels in a Latin script other than English."""
    return {_key(r[0]): r[2].strip() for r in _rows() if len(r) > 2 and r[2].strip()}


def language_of(label: str) -> str:
    """The language of a listed label in a Latin script other than English (`pt` for `Desfechos primários`), ''."""
    label = label[_NUMBERING.match(label).end():].strip().rstrip(":：=").strip()
    return next((lang for c in (label, *_parts(label)) if (lang := _languages().get(_key(c)))), "")


@cache
def _extra_words() -> frozenset[str]:
    """Words a listed label may carry one of more (`Public title of study`): rows of item `+`."""
    return frozenset(_key(r[0]) for r in _rows() if r[1].strip() == "+")


@cache
def _fuzzy_targets() -> tuple[tuple[frozenset[str], str], ...]:
    return tuple((_stems(k), item) for k, item in _table().items() if len(k.split()) >= 2)


@cache
def _lookup(key: str) -> str | None:
    if not key:
        return None
    if key in _table():
        return _table()[key]
    words = _stems(key)
    if len(words) < 2 or _DIGIT.search(key):
        return None
    best, item = 0.0, None
    for target, it in _fuzzy_targets():
        score = len(words & target) / max(len(words), len(target))
        # A listed label and one word more (`Public title of study`) is that label.
        if len(target) >= 2 and target < words and len(words - target) == 1 and words - target <= _extra_words():
            score = max(score, _FUZZY)
        if score > best:
            best, item = score, it
    return item if best >= _FUZZY else None


def _parts(label: str) -> list[str]:
    """A label's text before its last bracket and the bracket's content (brackets inside it kept):
    `주요 평가변수 (Primary Outcome(s))` -> `주요 평가변수`, `Primary Outcome(s)`."""
    if not label.endswith((")", "）")):
        return []
    depth = 0
    for k in range(len(label) - 1, -1, -1):
        depth += label[k] in ")）"
        depth -= label[k] in "(（"
        if depth == 0:
            before, inside = label[:k].strip(), label[k + 1:-1].strip()
            return [p for p in (before, inside) if p] if before else []
    return []


def item_of(label: str) -> str | None:
    """The WHO item a label names ('-' for one not read), or None when it is no listed label."""
    label = label.strip().rstrip(":：").strip()
    if not label or len(label) > _MAX_LABEL or len(label.split()) > _MAX_LABEL_WORDS:
        return None
    candidates = [label, *_parts(label)]
    # `Arm 1`, `Group 2`: a one-word block label and its number (`Target sample size 88` is a value's line).
    candidates += [c.split()[0] for c in candidates if _TRAILING_NUMBER.search(c) and len(c.split()) == 2]
    return next((it for c in candidates if (it := _lookup(_key(c))) is not None), None)


def column_of(label: str) -> str | None:
    item = item_of(label)
    item = _AS_COLUMN.get(item, item)
    return item if item in COLUMNS or item == "-" else None


@dataclass(frozen=True)
class Entry:
    """A labelled item of the page: its item, where its label starts, its value; a table's rows (column -> cell)."""
    item: str
    start: int
    value: Field | None
    rows: tuple[tuple[tuple[str, Field], ...], ...] = ()
    language: str = ""  # the label's language when it is no English one in a Latin script (`pt`)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    item: str | None  # the label's item, None for a line without a listed label
    value_start: int | None  # where the value starts on the line; None for a label alone
    heading: bool = False


def _is_heading(s: str) -> bool:
    """A section heading in capitals (`INTERVENTIONS`, `ETHICS APPROVAL`): it ends the field before it."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(s.split()) <= 6 and s.isascii() \
        and not _DIGIT.search(s)


def _read_line(text: str, s: int, e: int) -> _Line:
    body = _NUMBERING.match(text, s, e).end()
    line = text[body:e]
    sep = _SEPARATOR.search(text, body, e)
    if sep and sep.start() > body and (item := item_of(text[body:sep.start()])) is not None:
        return _Line(s, e, item, sep.end() if sep.end() < e else None)
    if (item := item_of(line)) is not None and item not in ASKED:
        return _Line(s, e, item, None)
    if _UNLISTED.match(line):
        return _Line(s, e, "-", None)  # a label not listed (`Sample Name:\tBlood`, `Collecting samples:`)
    return _Line(s, e, None, None, heading=_is_heading(line.strip()))


def _pairs_on(text: str, line: _Line) -> list[Entry]:
    """The pairs of a line holding several (`Outcome:\tPain\tType:\tPrimary`): a tab cell ending in a
    colon opens each."""
    language = language_of(text[line.start:line.value_start or line.end])
    if line.value_start is None or "\t" not in text[line.value_start:line.end]:
        return [Entry(line.item, line.start, Field.trimmed(text, line.value_start, line.end)
                      if line.value_start is not None else None, language=language)]
    out = [[line.item, line.start, line.value_start]]
    for m in _CELL_LABEL.finditer(text, line.value_start, line.end):
        out[-1].append(m.start())
        out.append([item_of(m.group(1)) or "-", m.start(1), m.end()])
    out[-1].append(line.end)
    return [Entry(item, start, Field.trimmed(text, a, b)) for item, start, a, b in out]


def _tab_header(text: str, s: int, e: int) -> list[str] | None:
    cells = pieces(text, s, e, "\t")
    columns = [column_of(text[a:b]) for a, b in cells]
    known = sum(c is not None for c in columns)
    if len(cells) >= 2 and sum(c in COLUMNS for c in columns) >= 2 and known * 3 >= len(cells) * 2:
        return [c or "-" for c in columns]
    return None


Row = tuple[tuple[str, Field], ...]


def _short(text: str, s: int, e: int) -> bool:
    line = text[s:e].strip()
    return bool(line) and len(line.split()) <= _SHORT_WORDS and not _DIGIT.search(line) and not line.endswith(".")


def _flat_header(text: str, spans: list[tuple[int, int]], i: int) -> list[str] | None:
    """A table flattened one cell a line: a run of short lines, most of them column labels, first and last
    one; a label of another item (`Primary Outcome`) is a row's first cell, not the header's."""
    run: list[str | None] = []
    for s, e in spans[i:]:
        if not _short(text, s, e) or _is_heading(text[s:e].strip()):
            break
        column = column_of(text[s:e])
        if column is None and item_of(text[s:e]) is not None:
            break
        run.append(column)
    while run and run[-1] is None:
        run.pop()
    known = sum(c is not None for c in run)
    if len(run) >= 3 and run[0] is not None and known * 3 > len(run) * 2 and \
            sum(c in COLUMNS for c in run) >= 2:
        return [c or "-" for c in run]
    return None


def _row(text: str, cells: list[tuple[int, int]], header: list[str]) -> Row:
    out = []
    for column, (a, b) in zip(header, cells):
        if column in COLUMNS and (f := Field.trimmed(text, a, b)) is not None:
            out.append((column, f))
    return tuple(out)


def _flat_rows(text: str, spans: list[tuple[int, int]], j: int, header: list[str]) -> tuple[list[Row], int]:
    """The rows after a flattened header: as many lines a row as the header has (an empty line an empty cell),
    up to a heading in capitals, or a row's start at a listed label that is no role (`Secondary Outcome`)
    of a table with a type column, or at two empty lines."""
    typed = "outcome_type" in header
    cells: list[tuple[int, int]] = []
    rows = []
    while j < len(spans):
        s, e = spans[j]
        line = text[s:e].strip()
        if line and _is_heading(line):
            break
        if not cells:
            item = item_of(line) if line else None
            if item is not None and not (typed and item in ROLE_ITEMS):
                break
            if not line and (j + 1 >= len(spans) or not text[slice(*spans[j + 1])].strip()):
                break
        cells.append((s, e))
        j += 1
        if len(cells) == len(header):
            rows.append(_row(text, cells, header))
            cells = []
    if cells:
        rows.append(_row(text, cells, header))
    return rows, j


def _tab_rows(text: str, spans: list[tuple[int, int]], j: int, header: list[str]) -> tuple[list[Row], int]:
    rows = []
    while j < len(spans) and "\t" in text[slice(*spans[j])] and _tab_header(text, *spans[j]) is None:
        rows.append(_row(text, pieces(text, *spans[j], "\t"), header))
        j += 1
    return rows, j


def entries(text: str, limit: int | None = None) -> list[Entry]:
    """The page's labelled items in order; a line without a label extends the value before it (a bare item
    number, `2`, only right after its label); lines before the first label are entries of item ''."""
    spans = line_spans(text, 0, limit)
    out: list[Entry] = []
    i, after_label = 0, False
    while i < len(spans):
        s, e = spans[i]
        if not text[s:e].strip():
            i += 1
            continue
        header = _tab_header(text, s, e) if "\t" in text[s:e] else _flat_header(text, spans, i)
        if header:
            reader = _tab_rows if "\t" in text[s:e] else _flat_rows
            rows, i = reader(text, spans, i + (1 if "\t" in text[s:e] else len(header)), header)
            out.append(Entry("table", s, None, tuple(rows)))
            continue
        line = _read_line(text, s, e)
        i += 1
        if line.item is not None or line.heading:
            out += _pairs_on(text, line) if line.item else [Entry("heading", s, None)]
            after_label = line.value_start is None
            continue
        if not out or out[-1].item == "":
            out.append(Entry("", s, Field.trimmed(text, s, e)))
        elif out[-1].item != "table" and (after_label or not _BARE_NUMBER.fullmatch(text[s:e])):
            last = out[-1]
            out[-1] = replace(last, value=Field.trimmed(text, last.value.start if last.value else s, e))
        after_label = False
    return out
