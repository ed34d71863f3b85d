"""Stage 1 of reading a result: numbers as typed tokens with their spans (key offsets).

A `Num` is one reported value with what is printed around it: its unit, `± SD`,
`(IQR)` / `(range)`, `n/N`, `x (y%)`, `(95% CI a–b)` and the p-value after it.
Confidence intervals, p-values, citation markers, table and figure labels, years,
identifiers (`SF-36`, `IL-6`) and time points (`week 12`, `at 6 months`) are not
values; a CI label (`95% CI`) is never a rate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from evkg.extract.text.numbers import unit_at
from evkg.extract.vocabulary.cues import cue_pattern, cue_words

# `0·62`, `1,234.5`, `.77`; a sign is kept with the number.
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.·]\d+)?|[.·]\d+"
_NUM = re.compile(rf"(?<![\w.·^/\-])-?(?:{NUMBER})(?![\w·])")
P_VALUE = re.compile(rf"\bp\s*(?:-?\s*values?)?\s*(?:[<=>≤≥]|&lt;|&gt;)+\s*(?:{NUMBER})")
# Both start at a number's first digit (`(?<!\d)`): searched over a long run of digits, a bare
# `\d+` is tried at each of them and scans to the run's end each time (quadratic).
_CI = re.compile(rf"(?<!\d)(\d+)\s*%\s*(?:ci|cis|confidence intervals?|cri)\s*[:,=]?\s*[\[(]?\s*(-?(?:{NUMBER}))\s*"
                 rf"(?:-|to|,|;|~)\s*(-?(?:{NUMBER}))\s*[\])]?")
# `95% CI`, `(95% confidence interval)` as a label, with or without its bounds: never a rate.
_CI_LABEL = re.compile(r"(?<!\d)\d+\s*%\s*(?:ci|cis|confidence|credible|cri|prediction)\b")
_LABEL = re.compile(r"\b(?:supplementary\s+)?(?:tables?|fig(?:ure)?s?\.?)\s*s?\d+[a-z]?")
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?![\d.%])")
_SD = re.compile(rf"\s*(?:±|\+/-|\+-)\s*({NUMBER})")
_BRACKET_PAIR = re.compile(rf"\s*[(\[]\s*(?:iqr|interquartile range|range|sd)?\s*[:,=]?\s*(-?(?:{NUMBER}))\s*(?:%\s*)?(?:-|to|,|;|~)\s*(-?(?:{NUMBER}))\s*%?\s*[)\]]")
_BRACKET_ONE = re.compile(rf"\s*[(\[]\s*(?:sd\s*[:=]?\s*)?({NUMBER})\s*(?:[)\]]|[;,](?=\s*range))")
_COUNT_PCT = re.compile(rf"\s*(?:(?:of|/)\s*(\d+)\s*)?(?:patients|participants|subjects|cases)?\s*[(\[]\s*({NUMBER})\s*%\s*[)\]]")
_PCT_FRAC = re.compile(r"\s*[(\[,]?\s*(\d+)\s*(?:/|of)\s*(\d+)\s*[)\]]?")
_FRACTION = re.compile(r"\s*/\s*(\d+)(?![\d.])")
_TRAIL_BOUND = re.compile(r"\s*(?:or|and)\s+(?:smaller|less|more|greater|larger|fewer|older|younger|higher|lower|above|below|over|under)\b")
# `(six months: P = 0.87, 12 months: P = 1.00)`: a number naming the p-value after it
_P_LABEL = re.compile(r"\s*:\s*p\s*(?:-?\s*values?)?\s*[<=>≤≥]")
# Units the table files as quantities (a duration can be a result) that also say when something was measured.
_CLOCK_UNITS = ("hours", "minutes", "seconds")
_TRAIL_P = re.compile(rf"[\s,;:]*(?:{P_VALUE.pattern})")


@dataclass
class Num:
    start: int
    end: int
    value: float
    written: str
    unit: str = ""
    kind: str = ""  # percent | time | quantity | "" (bare)
    n: int | None = None
    total: int | None = None
    details: dict = field(default_factory=dict)

    @property
    def formed(self) -> bool:
        """Printed as a result: with a unit, a spread, an interval or a count."""
        return bool(self.unit or self.n is not None or {"sd", "iqr_low", "ci_low", "range_low"} & set(self.details))


def to_value(written: str) -> float:
    return float(written.replace(",", "").replace("·", "."))


def words(role: str) -> tuple[str, ...]:
    """The result words of one role (ontology/cues/result_words.tsv)."""
    return cue_words("result_words", role)


def word_pattern(role: str) -> re.Pattern:
    """The result words of one role as a pattern (extract/vocabulary/cues.py's convention)."""
    return cue_pattern("result_words", role)


def masks(key: str, citations) -> bytearray:
    """One flag per key position whose digits are no value: CIs, p-values, labels, years, citations."""
    flags = bytearray(len(key))
    spans = [m.span() for rx in (_CI, _CI_LABEL, P_VALUE, _LABEL, _YEAR) for m in rx.finditer(key)]
    spans += [(c[0], c[1]) for c in citations]
    for s, e in spans:
        flags[s:e] = b"\x01" * (e - s)
    return flags


def _timepoint(key: str, s: int, unit_kind: str) -> bool:
    """`week 12`, `day 7`, `at 6 months`, `after 2 weeks`: when something was measured, not what."""
    before = key[max(0, s - 12):s]
    if re.search(r"(?<![a-z])(?:%s)[ \t]*-?[ \t]*\Z" % "|".join(re.escape(w) for w in words("timepoint")
                                                          if w.endswith(("k", "s", "y", "h", "r", "t", "e"))
                                                          and w not in ("at", "for", "by", "over")), before):
        return True
    return unit_kind == "time" and bool(re.search(r"(?<![a-z])(?:at|after|within|during|for|over|by|until|up to)[ \t]*\Z", before))


def _spread_or_bound(key: str, s: int) -> bool:
    """`SDpre = 1.14` is the spread of the value before it; `≥ 25%`, `more than 2 kg` a threshold."""
    before = key[max(0, s - 16):s]
    if re.search(r"(?<![a-z±/])(?:sd\w{0,6}|se\w{0,6}|standard deviation)\s*[=:]?\s*\Z", before):
        return True
    return bool(re.search(r"(?:%s)\s*\Z" % "|".join(re.escape(w) for w in words("bound")), before)) \
        and not re.search(r"\bp\s*(?:-?\s*values?)?\s*[<>≤≥]\s*\Z", before)


def _read_after(key: str, num: Num) -> None:
    """What is printed after a number: unit, ± SD, (n/N), (IQR or range), (95% CI), p."""
    pos = num.end
    cp = _COUNT_PCT.match(key, pos)
    if cp and float(num.value).is_integer() and "%" not in key[pos:pos + 2]:
        num.n, num.total = int(num.value), int(cp.group(1)) if cp.group(1) else None
        num.value, num.written, num.unit, num.kind = to_value(cp.group(2)), cp.group(2), "%", "percent"
        num.details["statistic"] = "proportion"
        num.end = pos = cp.end()
    else:
        fr = _FRACTION.match(key, pos)
        if fr and float(num.value).is_integer() and int(fr.group(1)) >= num.value:
            num.n, num.total, num.kind, num.unit = int(num.value), int(fr.group(1)), "count", ""
            num.details["statistic"] = "count"
            num.end = pos = fr.end()
    u = unit_at(key, pos, "percent", "time", "quantity") if not num.unit and num.n is None else None
    if u:
        num.end = pos = u[0]
        num.unit, num.kind = u[1], u[2]
    sd = _SD.match(key, pos)
    if sd:
        num.details.update(sd=sd.group(1), statistic="mean")
        num.end = pos = sd.end()
        u = unit_at(key, pos, "percent", "time", "quantity") if not num.unit else None
        if u:
            num.end = pos = u[0]
            num.unit, num.kind = u[1], u[2]
    _read_brackets(key, num)


def _read_brackets(key: str, num: Num) -> None:
    pos = num.end
    if num.kind == "percent" and num.n is None:
        fr = _PCT_FRAC.match(key, pos)
        if fr and int(fr.group(1)) <= int(fr.group(2)):
            num.n, num.total = int(fr.group(1)), int(fr.group(2))
            num.end = pos = fr.end()
    ci = re.compile(rf"\s*[(\[,;]?\s*{_CI.pattern}").match(key, pos)
    if ci:
        num.details.update(ci_level=ci.group(1), ci_low=ci.group(2), ci_high=ci.group(3))
        num.end = pos = ci.end()
    else:
        pair = _BRACKET_PAIR.match(key, pos)
        one = _BRACKET_ONE.match(key, pos) if not pair else None
        if pair:
            lo, hi = ("iqr_low", "iqr_high") if "iqr" in key[max(0, num.start - 60):pair.end()] or \
                "median" in key[max(0, num.start - 60):num.start] else ("range_low", "range_high")
            num.details.update({lo: pair.group(1), hi: pair.group(2)})
            num.end = pos = pair.end()
        elif one and not num.details.get("sd") and num.kind != "percent":
            num.details["sd"] = one.group(1)
            num.end = pos = one.end()
    p = _TRAIL_P.match(key, pos)
    if p:
        num.details["p_value"] = re.sub(r"^\s*p\s*(?:-?\s*values?)?\s*=?\s*", "", p.group(0).strip(" ,;:"))


def numbers(key: str, start: int, end: int, flags: bytearray) -> list[Num]:
    """The values of key range [start, end), each with what is printed around it."""
    out, skip = [], start
    for m in _NUM.finditer(key, start, end):
        s = m.start()
        if s < skip or flags[s] or key[m.end():m.end() + 1] in ("-", "~") and key[m.end() + 1:m.end() + 2].isdigit():
            continue
        if re.search(r"\bn\s*=\s*\Z|[a-z]-?\Z", key[max(0, s - 4):s]) or _spread_or_bound(key, s):
            continue  # `n = 40` is a group size, `SF-36`, `HAMD17` are names
        num = Num(s, m.end(), to_value(m.group(0)), m.group(0))  # a difference keeps its sign
        currency = re.search(r"(?:us\s*)?([$€£¥])\s*\Z", key[max(0, s - 4):s])
        if currency:  # `$236.92`: a cost
            num.unit, num.kind = currency.group(1), "quantity"
        _read_after(key, num)
        clock = "time" if num.unit in _CLOCK_UNITS else num.kind  # `at 48 hours` is when, like `at 6 months`
        if _timepoint(key, s, clock) or _TRAIL_BOUND.match(key, num.end) or _P_LABEL.match(key, num.end):
            continue  # `2 cm or smaller` is a criterion
        skip = num.end
        out.append(num)
    return out
