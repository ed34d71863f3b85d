"""One table cell as printed: what its numbers are, with their offsets.

A cell is the text of one line of a flattened table. Its forms: a bare number (`42`, `5.88`,
`<0.001`), `a (b)` (`19 (6.6)`, `4（16.7%）`: a count and its percentage, or a mean and its SD: the
table decides, see reading.py), `n/N (x%)`, `x% (n/N)`, `mean ± SD`, `a (b–c)` (an interval: CI,
IQR or range as the table announces), a bracketed interval alone (`(16−36%)`: the CI row under
a value row), `n/N`, a number with a unit (`68.1 kg`), and empty cells (`-`, `NA`, blank) that
keep their column's place. Footnote marks (`*`, `†`, `14/15a`, a Chinese table's `△`, `▲`, `☆`) are no part of a
number. A line
with words is no cell (`47% M: 53% F`, `Pattern 1`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evkg.core.fold import fold
from evkg.extract.text.numbers import unit_at
from evkg.extract.vocabulary.cues import cue_words

# One character for one, so offsets in the normalised form are offsets in the printed cell.
_NORM = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]", "−": "-", "–": "-", "—": "-", "‐": "-",
                       "‑": "-", "～": "~", "〜": "~", "∼": "~", "％": "%", "·": ".", "，": ",", "：": ":",
                       "\u00a0": " ", "\u2003": " ", "\u2002": " ", "\u2009": " ", "\u3000": " ", "﹣": "-",
                       "－": "-", "＜": "<", "＞": ">", "＝": "=", "≦": "≤", "≧": "≥"})  # fullwidth signs too
_NUM = r"-?(?:\d+(?:\.\d+)?|\.\d+)"
_MARK = r"[*†‡§¶#△▲▽▼☆★◆◇※]+|(?<=[\d)%])[a-h]{1,2}(?![a-z])"
_OPEN, _CLOSE = r"[(\[]", r"[)\]]"
_SEP = r"\s*(?:-|~|to|,|;|–)\s*"
_FORMS = {
    # `42`, `<0.001`, `12%`, `68.1 kg`
    "bare": re.compile(rf"(?P<bound>[<>≤≥])?\s*(?P<v>{_NUM})\s*(?P<pct>%)?\s*"
                       r"(?P<unit>[a-zA-Zµμ°/]{1,8}(?:/[a-zA-Z]{1,4})?)?"),
    # `19 (6.6)`, `4 (16.7%)`, `12.9 (0.5)`
    "pair": re.compile(rf"(?P<v>{_NUM})\s*(?P<pct1>%)?\s*{_OPEN}\s*(?P<b>{_NUM})\s*(?P<pct>%)?\s*{_CLOSE}"),
    # `14/15 (93%)`, `4/39 (10.3)`
    "frac_pct": re.compile(rf"(?P<n>\d+)\s*/\s*(?P<t>\d+)\s*{_OPEN}\s*(?P<v>{_NUM})\s*(?P<pct>%)?\s*{_CLOSE}"),
    # `10.4 (5/48)`, `45% (9/20)`
    "pct_frac": re.compile(rf"(?P<v>{_NUM})\s*(?P<pct>%)?\s*{_OPEN}\s*(?P<n>\d+)\s*/\s*(?P<t>\d+)\s*{_CLOSE}"),
    # `5.88 ± 0.49`, `−0.4 ± 1.5`, `8.0 ± 0.3 (n = 15)`
    "sd": re.compile(rf"(?P<v>{_NUM})\s*(?P<pct1>%)?\s*(?:±|\+/-|\+-)\s*(?P<b>{_NUM})\s*(?P<pct>%)?"
                     rf"(?:\s*{_OPEN}\s*n\s*=\s*(?P<size>\d+)\s*{_CLOSE})?"),
    # `7.9 (6.6−10.2)`, `186 (148, 233)`, `−5.5 (−9.6, −1.4)`
    "interval": re.compile(rf"(?P<v>{_NUM})\s*(?P<pct>%)?\s*{_OPEN}\s*(?P<lo>{_NUM})\s*%?{_SEP}"
                           rf"(?P<hi>{_NUM})\s*%?\s*{_CLOSE}"),
    # `(16−36%)`: an interval alone, the CI row under a value row
    "bounds": re.compile(rf"{_OPEN}\s*(?P<lo>{_NUM})\s*%?{_SEP}(?P<hi>{_NUM})\s*%?\s*{_CLOSE}"),
    # `9/15`
    "frac": re.compile(r"(?P<n>\d+)\s*/\s*(?P<t>\d+)"),
}
_RANGE = re.compile(rf"(?P<lo>{_NUM})\s*(?:-|~|to)\s*(?P<hi>{_NUM})")
_EMPTY = re.compile(r"[-~.]*|n/?a|nr|nd|ne|nc|none|—+", re.I)
# `01234`: a run of digits with a leading zero is a grade sub-header, no number.
_NOT_A_NUMBER = re.compile(r"0\d+")


@dataclass(frozen=True)
class CellValue:
    """What one cell prints. Offsets are the document's. `value` is the number the cell leads with
    (for `a (b)` the table decides later whether `b`, a percentage, is the value)."""
    start: int             # the cell's printed text (stripped)
    end: int
    form: str              # bare | pair | frac_pct | pct_frac | sd | interval | bounds | frac | empty | opaque
    value: float | None = None
    vspan: tuple[int, int] = (0, 0)   # the digits of `value`
    pct: bool = False      # printed with `%`
    second: float | None = None       # `b` of `a (b)` and `a ± b`
    sspan: tuple[int, int] = (0, 0)
    second_pct: bool = False
    written: str = ""      # `value` as printed (sign and all)
    second_written: str = ""
    n: int | None = None
    total: int | None = None
    low: str = ""          # an interval's bounds, as printed
    high: str = ""
    bound: str = ""        # `<` of `<0.001`
    unit: str = ""
    size: int | None = None  # `(n = 15)` printed in the cell

    @property
    def empty(self) -> bool:
        return self.form in ("empty", "opaque")


def _unit(written: str) -> bool:
    key = fold(written)
    got = unit_at(key, 0, "quantity", "time", "dose")
    return got is not None and got[0] == len(key)


def _digits(m: re.Match, group: str, base: int) -> tuple[int, int]:
    """The span of a number's own digits (no sign)."""
    s, e = m.span(group)
    if m.string[s:s + 1] == "-":
        s += 1
    return base + s, base + e


def _float(s: str) -> float:
    return float(s)


def parse_cell(text: str, start: int) -> CellValue | None:
    """The cell printed at `text`, which starts at document offset `start`; None when the line is no cell."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    base = start + lead
    end = base + len(body)
    if len(body) > 60:
        return None
    norm = body.translate(_NORM).strip()
    if _EMPTY.fullmatch(norm) or reference(norm):
        return CellValue(base, end, "empty")
    if _RANGE.fullmatch(norm):
        m = _RANGE.fullmatch(norm)
        return CellValue(base, end, "bounds", low=m.group("lo"), high=m.group("hi"))
    # footnote marks are blanked out (same length), so the forms read through them
    norm = re.sub(_MARK, lambda m: " " * len(m.group(0)), norm)
    for form, rx in _FORMS.items():
        m = rx.fullmatch(norm.rstrip())
        if m:
            return _cell(form, m, base, end)
    return CellValue(base, end, "opaque") if numeric_looking(norm) else None


def reference(text: str) -> bool:
    """The reference group's cell of an effect column (`1.00 (reference)`, `Ref.`; table_words `reference_cell`):
    it keeps its column's place and gives no result."""
    word = re.sub(r"^1(?:\.0+)?\s*", "", fold(text).strip()).strip(" ()[].")
    return bool(word) and word in cue_words("table_words", "reference_cell")


def numeric_looking(text: str) -> bool:
    """A line of numbers in a form no cell has (`72.15 (70.56-73.75); 344`, `P=.183`, `85:8:8`): it keeps its
    column's place and gives no result; as a header or label it is no name."""
    t = re.sub(r"(?<=[\d)%])[a-h](?![a-z])", "", re.sub(r"\s+", " ", text)).replace(" ", "")  # footnote letters
    if not t or not re.search(r"\d", t) or re.search(r"[\u3400-\u9fff]", t):
        return False
    letters = len(re.findall(r"[A-Za-z]", t))
    numeric = len(re.findall(r"[\d.,;:()\[\]%±<>=≤≥/+\-~*]", t))
    return letters <= 1 and numeric >= 0.6 * len(t)


def _cell(form: str, m: re.Match, base: int, end: int) -> CellValue | None:
    g = m.groupdict()
    if form == "bounds":
        return CellValue(base, end, form, low=g["lo"], high=g["hi"])
    if form in ("frac", "frac_pct") and int(g["n"]) > int(g["t"]):
        return None
    if form == "frac":
        return CellValue(base, end, form, float(g["n"]), _digits(m, "n", base), n=int(g["n"]), total=int(g["t"]),
                         written=g["n"])
    if _NOT_A_NUMBER.fullmatch(g["v"]) or (g.get("b") and _NOT_A_NUMBER.fullmatch(g["b"])):
        return None
    fields: dict = {"value": _float(g["v"]), "vspan": _digits(m, "v", base), "pct": bool(g.get("pct")),
                    "written": g["v"]}
    if form == "bare":
        unit = g.get("unit") or ""
        if unit and (g.get("pct") or not _unit(unit)):
            return None
        fields.update(bound=g.get("bound") or "", unit=unit)
    elif form in ("pair", "sd"):
        fields.update(second=_float(g["b"]), sspan=_digits(m, "b", base), second_pct=bool(g.get("pct")),
                      pct=bool(g.get("pct1")), second_written=g["b"])
        if form == "sd" and g.get("size"):
            fields["size"] = int(g["size"])
    elif form == "interval":
        fields.update(low=g["lo"], high=g["hi"])
    elif form in ("frac_pct", "pct_frac"):
        fields.update(n=int(g["n"]), total=int(g["t"]))
    return CellValue(base, end, form, **fields)
