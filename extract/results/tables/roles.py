"""What a table's title, header names and row labels say, from the cue tables
ontology/cues/table_kinds.tsv and ontology/cues/table_headers.tsv.

A name's role is looked up on its folded text without its group size (`SB2 (n = 290)`) and
footnote marks: the whole name first (`P (Log-rank test)`), then its head (`HR* (95% CI)` -> `hr`,
`p-value` -> `p`), then, for a row label, the part after its last comma (`Systolic BP, N analysed`
-> `n analysed`). Grades (`1~2级`, `Grade 3`, `0`…`5` under an arm) and time points (`Day 7`,
`Week 12`, `6个月`, `治疗后`) are patterns, not words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from evkg.core.fold import fold
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_table

_SIZE = re.compile(r"[(\[（]\s*n\s*[=＝]\s*(\d{1,6})\s*[)\]）]|\bn\s*[=＝]\s*(\d{1,6})\b|"
                   r"[(\[]\s*(\d{1,6})\s*(?:pts|patients|subjects|participants)\s*[)\]]", re.I)
# Footnote marks: the usual symbols, and a `$` glued to a word's end (`P‐Value$`; `Cost ($)` keeps its unit).
MARKS = re.compile(r"[*†‡§¶#‖]+|(?<=[A-Za-z])\$+(?![\w$])")
_GRADE = re.compile(r"^(?:grade\s*)?(?:([≥>]=?)\s*)?(\d)(?:\s*(?:[~\-–—、/,]|to|and|or)\s*(\d))?\s*(?:级|grade)?$")
# `术后`, `干预后1个月`, `术后72 h`: after what a time is counted (result_words `han_time_lead` with 后)
_AFTER = rf"(?:{cue_alternation('result_words', 'han_time_lead')})后|随访"
_HAN_UNITS = r"个月|月|周|天|年|小时"
_TIME = re.compile(rf"^(?:at\s+|after\s+|第\s*)?(?:(?:day|d|week|wk|w|month|mo|year|yr|visit|cycle|hour|h)\s*-?\s*\d+|"
                   rf"(?:{_AFTER})?\s*\d+(?:\.\d+)?\s*(?:h|hr|hours?|days?|d|weeks?|wk|months?|mo|years?|min|minutes?|"
                   rf"{_HAN_UNITS})(?:\s*(?:after|post|later|后))?|"
                   rf"{_AFTER}|follow-?up|end of (?:study|treatment)|post-?treatment)$")
# `两组术后1年MACE发生情况比较`: a Chinese title's time point, after what it is counted
TITLE_TIME = re.compile(rf"(?:{_AFTER})\s*\d+(?:\.\d+)?\s*(?:{_HAN_UNITS})")


@dataclass(frozen=True)
class Role:
    role: str          # a role of table_headers.tsv, or grade / time / "" (an arm or a measure)
    detail: str = ""   # the effect (HR, OR ...), or the grade's lowest number


def size_of(text: str) -> int | None:
    """The group size printed in a header (`SB2 (n = 290)`, `(N=62)`)."""
    m = _SIZE.search(text)
    return int(next(g for g in m.groups() if g)) if m else None


def without_size(text: str) -> str:
    """The header's text with its group size blanked (`观察组（n=40）`, `Arm A (n = 60)`)."""
    return _SIZE.sub(" ", text)


def bare(text: str) -> str:
    """The folded name without its size, marks and spaces at the ends."""
    t = fold(text)
    t = _SIZE.sub(" ", t)
    t = MARKS.sub("", t)
    return re.sub(r"\s+", " ", t).strip(" ,;:")


@cache
def _roles() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for written, role, detail, *_ in cue_table("table_headers"):
        out.setdefault(fold(written), (role, detail))
    return out


def grade_of(text: str) -> int | None:
    """The lowest grade a grade name covers (`1~2级` -> 1, `≥3` -> 3, `任何级别` -> 0)."""
    t = bare(text)
    if _roles().get(t, ("",))[0] == "grade":
        return 0
    m = _GRADE.match(t)
    if not m:
        return None
    return int(m.group(2)) + (1 if m.group(1) == ">" else 0)


# Roles a name's first word gives it (`HR* (95% CI)`, `Sig.`, `SE`); a descriptor (`Mean`, `n`) names the
# cells only when it is the whole name.
_HEAD_ROLES = {"p", "effect", "coefficient", "ci", "ci_low", "ci_high", "skip"}
# `No. patients with available data`, `Number of subjects analysed`, `例数`: a row of group sizes.
_SIZE_ROW = re.compile(r"(?:no\.?|number|n)\s+(?:of\s+)?(?:patients|participants|subjects|cases|children|women|men)\b|"
                       r"(?:patients|participants|subjects)\s+(?:analy[sz]ed|randomi[sz]ed|included|evaluable)\b|例数|病例数")
_NOT_BASELINE = re.compile(r"\b(?:from|vs\.?|versus|to|since|over)\s+baseline\b|change|较基线|差值")


def role_of(text: str, row: bool = False) -> Role:
    """The role of one header name or (row=True) row label."""
    t = bare(text)
    if not t:
        return Role("")
    if row and cue_pattern("table_words", "start_time").search(t) and not _NOT_BASELINE.search(t):
        return Role("baseline")
    if row and _SIZE_ROW.match(t):
        return Role("size")
    roles = _roles()
    if re.fullmatch(r"\d+\s*\(\s*%\s*\)", t):
        return Role("percent")  # `627 (%)`: the group's size over its n (%) cells
    for cand, whole in _candidates(t, row):
        if cand in roles:
            role, detail = roles[cand]
            if not whole and role not in _HEAD_ROLES:
                continue  # `Mean age (years)` is a measure; `HR* (95% CI)`, `p-value` are statistics
            return Role(role, detail)
    tail = t.rsplit(",", 1)[1].strip() if "," in t and not row else ""
    if tail and roles.get(tail, ("",))[0] == "p":
        return Role("p")  # `Between groups, df = 2, p value`: a column of p-values whatever the test
    g = grade_of(text)
    if g is not None and not row:
        return Role("grade", str(g))
    if _TIME.match(t) or _course_time().match(t):
        return Role("time")
    return Role("")


# What a header's tail may say its cells are (`Post M (SD)`, `Week 8 n (%)`): a statistic, or the SD beside it.
_STATISTICS = ("mean", "median", "count", "percent", "skip")


def time_statistic(text: str) -> tuple[int, str] | None:
    """A time point and the statistic of its cells in one header (`Post M (SD)`, `Follow-up Mean (SD)`,
    `Baseline n (%)`): (end of the time point's words, its role `time` or `baseline`); None for any other name."""
    name = text.strip()
    for m in re.finditer(r"\s+", name):
        head, tail = name[:m.start()], name[m.end():]
        if role_of(tail).role not in _STATISTICS:
            continue
        role = role_of(head).role
        if role in ("time", "baseline") or _visit_time(head):
            return len(text) - len(text.lstrip()) + m.start(), role or "time"
    return None


# A numbered visit or time of measurement (`Visit 1`, `V1`, `T1`, `Time 1`).
VISIT = re.compile(r"(?i)(visit|v|t|time)\s*-?\s*(\d{1,2})")


def _visit_time(head: str) -> bool:
    return VISIT.fullmatch(bare(head)) is not None


@cache
def _course_time() -> re.Pattern:
    """`治疗7 d后`, `干预8周后`: the time after so long a course of care (table_words `han_course`)."""
    return re.compile(rf"^(?:{cue_alternation('table_words', 'han_course')})\s*\d+(?:\.\d+)?\s*"
                      rf"(?:d|h|w|{_HAN_UNITS})\s*(?:后|时|末)$")


def _candidates(t: str, row: bool) -> list[tuple[str, bool]]:
    """(text to look up, whether it is a whole name): the name, without a bracket at its end, its first
    word, and for a row label the parts around its commas."""
    out = [(t, True), (re.sub(r"\s*\([^()]*\)\s*$", "", t).strip(), True)]
    at = re.match(r"(.+?)\s+(?:at|after)\s+(\S.*)$", out[1][0])
    if at and _TIME.match(at.group(2)):
        out.append((at.group(1), True))  # `Adjusted difference at week 12 (95% CI)` is a difference
    for whole in (t, out[1][0]):
        if re.search(r"[a-z]{2}[a-d]$", whole):
            out.append((whole[:-1], True))  # `p-valuea`, `Adjusted betaa (95% CI)`: a footnote letter
    diff = re.fullmatch(r"[a-z][a-z ]{2,30} (difference)\W*", out[1][0])
    if diff:
        out.append((diff.group(1), True))  # `Cost difference ($)`: a difference between the groups
    against = _against(out[1][0])
    if against:
        out.append((against, True))  # `Risk ratio vs placebo (95% CI)`: a risk ratio, its other group named
    head = re.match(r"[^\s(\[,*]+", t)
    if head:
        out += [(head.group(0).rstrip(".:"), False), (head.group(0), False)]
    if row and "," in t:
        out += [(t.rsplit(",", 1)[1].strip(), True), (t.split(",", 1)[0].strip(), True)]
    return [c for c in out if c[0]]


def _against(t: str) -> str:
    """The name before the group it is set against (`mean difference vs usual care` -> `mean difference`;
    result_words `compare`), or ''."""
    m = cue_pattern("result_words", "compare").search(t)
    return t[:m.start()].strip() if m and m.start() > 0 else ""


def compared_group(text: str) -> str:
    """The group a header sets its effect against, as printed (`Risk ratio vs placebo (95% CI)` -> `placebo`)."""
    key = fold(text)
    m = cue_pattern("result_words", "compare").search(key)
    if not m or m.start() == 0:
        return ""
    rest = re.split(r"[(\[,;]", text[m.end():], maxsplit=1)[0]
    return rest.strip()


# A connector before a header's time point (`Exercise at week 12`), and the last word of a name whose
# `baseline` is what changed, not when (`Change from baseline`).
_AT = re.compile(r"\s+(?:at|after)$", re.I)
_NOT_TIME_HEAD = re.compile(r"\b(?:from|since|to|vs\.?|versus|over|than|change|difference)$", re.I)


def time_tail(text: str) -> tuple[int, int] | None:
    """Where a header name that prints its group and its time point in one cell (`Exercise week 12 (n=78)`,
    `Usual care baseline`) splits: (end of the group's words, start of the time point's), both offsets into
    `text`; None when its last words are no time point or no group stands before them."""
    m = _SIZE.search(text)
    end = m.start() if m and not text[m.end():].strip() else len(text)
    body = text[:end].rstrip()
    if not m or m.end() < len(body):
        body = re.sub(r"\s*\([^()]*\)$", "", body)  # `(95% CI)` after the time point
    words = list(re.finditer(r"\S+", body))
    for k in range(len(words) - 1, max(0, len(words) - 4), -1):
        tail = body[words[k].start():]
        if role_of(tail).role not in ("time", "baseline"):
            continue
        raw = body[:words[k].start()].rstrip()
        head = _AT.sub("", raw)
        if not re.search(r"[A-Za-z\u3400-\u9fff]", head) or _NOT_TIME_HEAD.search(raw) or \
                role_of(head).role not in ("", "effect"):
            return None
        return len(head), words[k].start()
    return None


def window_span(text: str) -> tuple[int, int] | None:
    """Where a header phrase names a time window over group columns (`Events starting between 2 & 6 days after`
    -> `between 1 & 7 days after`): from its first `window` word of ontology/cues/table_words.tsv to its end,
    when it also counts in a `window_unit` (`day`, `weeks`); None otherwise. Whether the phrase names a group
    is the caller's to tell."""
    low = text.lower()
    lead = cue_pattern("table_words", "window").search(low)
    if lead is None or not cue_pattern("table_words", "window_unit").search(low, lead.end()):
        return None
    return lead.start(), len(text.rstrip())


def dangling(text: str) -> bool:
    """Whether a header phrase is cut short: it ends on a `dangling` word (`Events starting on the same day as`)."""
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) >= 2 and bool(cue_pattern("table_words", "dangling").fullmatch(words[-1]))


def statistic_row(text: str) -> bool:
    """A row label that is a test statistic's whole name (`t值`, `χ²`, `F`): its cells are no results. Only
    the whole name counts, so `T stage` or `SE of the mean` stay rows of results."""
    t = bare(text).replace("²", "2")
    return _roles().get(t, ("",))[0] == "skip" or _roles().get(re.sub(r"\s*\([^()]*\)$", "", t), ("",))[0] == "skip"


def kinds_of(title: str) -> set[str]:
    """The kinds a table's title names (table_kinds.tsv)."""
    folded = fold(title)
    out = set()
    for written, kind, *_ in cue_table("table_kinds"):
        if cue_pattern_single(written).search(folded):
            out.add(kind)
    return out


@cache
def cue_pattern_single(written: str) -> re.Pattern:
    w = fold(written)
    lead = r"(?<![a-z])" if w[:1].isascii() and w[:1].isalpha() else ""
    trail = r"(?![a-z])" if w[-1:].isascii() and w[-1:].isalpha() else ""
    return re.compile(lead + re.escape(w) + trail)


RESULT_KINDS = frozenset({"ae", "survival", "efficacy"})


def reads_results(kinds: set[str]) -> bool:
    """A table is read unless its title names only the baseline (and no later time point), the methods or
    statistics that are no results."""
    if kinds & RESULT_KINDS:
        return True
    if "later" in kinds:  # `Scores at baseline and week 12`: the baseline is one column of results
        return not kinds & {"methods", "statistics"}
    return not kinds & {"baseline", "methods", "statistics"}


def announced(text: str) -> set[str]:
    """What the cells of a table, column or row are, as its names announce it (`n (%)`, `mean ± SD`,
    `median (IQR)`, `(95% CI)`, `% (n/N)`), from the `count` … `median` and `ci` roles."""
    t = fold(text)
    out = set()
    if re.search(r"(?:\bn|\bno\.|number|例)\s*[(\[]\s*%\s*[)\]]|\[\s*n\s*\(\s*%\s*\)\s*\]", t):
        out.add("count_pct")
    if re.search(r"%\s*\(\s*n\s*/\s*n\s*\)", t):
        out.add("pct_frac")
    if re.search(r"±\s*(?:sd|s\b)|\(\s*sd\s*\)|\bsd\b|standard deviation|x±s|mean\s*\(", t):
        out.add("sd")
    if re.search(r"±\s*se\b|\(\s*se\s*\)|\bsem?\b", t):
        out.add("se")
    if re.search(r"\biqr\b|interquartile|四分位", t):
        out.add("iqr")
    if re.search(r"\brange\b|范围|min\s*[-–,]\s*max", t):
        out.add("range")
    if re.search(r"\bci\b|confidence interval|可信区间|置信区间", t):
        out.add("ci")
    if re.search(r"\bmedian\b|中位", t):
        out.add("median")
    if re.search(r"\bmean\b|均数|平均", t):
        out.add("mean")
    if re.search(r"number of events|\bno\. of events|\bevents\b|例数|次数|\bcount\b", t):
        out.add("count")
    if re.search(r"\(\s*%\s*\)|\[\s*%\s*\]|\brate\b|率|\bpercent|%$", t):
        out.add("percent")
    return out


def serious(text: str) -> bool:
    return bool(cue_pattern("table_words", "serious").search(fold(text)))
