"""How many people a report counts, and which N each count is.

A count is a number of people: `120 patients`, `Sixty-two women`, `1,204 adults`, `96 例`,
`六十例`, `n = 30`, `150 were randomised` (the noun said before). Each count of a sentence is
typed by the verb that governs it in its clause (`enrolled`, `randomised`, `analysed`, or
`screened` / `excluded`, which are no study size), marked when it is a part of a larger count
(`of whom 40`, `男 40 例`, a bracket after another count), each arm's (`n = 30 per group`,
`各 48 例`) or a total (`a total of`, `共`). The words are data: ontology/cues/study_size.tsv
and ontology/cues/number_words.tsv. Offsets are key offsets of the folded text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from evkg.core.text import HAN_CHAR
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_table

# Which N a count is, most telling first: a clause that excludes or screens is not about the
# study's N even when it also says `randomised` (`150 were screened and not randomised`).
TYPES = ("excluded", "screened", "analysed", "randomised", "enrolled", "identified")
STUDY_TYPES = ("enrolled", "randomised", "analysed")


@cache
def _number_words() -> dict[str, tuple[int, str]]:
    return {w: (int(v), role) for w, v, role, *_ in cue_table("number_words")}


@cache
def number_pattern() -> str:
    """A number of people as written in the folded key: digits (`1,204`), English words
    (`one hundred and twenty-one`) or Chinese numerals (`九十六`)."""
    words = _number_words()
    en = "|".join(sorted((w for w in words if w.isascii()), key=len, reverse=True))
    zh = "".join(w for w in words if not w.isascii())
    # Not glued to a letter (`FEV1`) nor part of a decimal (`6·5`, `6.5`) or a ratio (`1/2`).
    return (rf"(?<![a-z\d.,/·])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d]|[.,·]\d)"
            rf"|(?<![a-z])(?:{en})(?:[\s-]+(?:and[\s-]+)?(?:{en}))*(?![a-z])"
            rf"|[{zh}]{{1,6}}")


def number_value(written: str) -> int | None:
    """`72`, `1,204`, `Seventy-two`, `one hundred and twenty-one`, `一百二十` as an integer."""
    s = written.strip().lower()
    if re.fullmatch(r"[\d,]+", s):
        digits = s.replace(",", "")
        return int(digits) if 0 < len(digits) <= 18 else None  # no count of people has more digits
    words = _number_words()
    if s and not s[0].isascii():
        return _chinese_value(s, words)
    total = current = 0
    for w in re.split(r"[\s-]+", s):
        value, role = words.get(w, (None, ""))
        if role in ("unit", "ten"):
            current += value
        elif role == "scale":
            current = max(current, 1) * value
            if value >= 1000:
                total, current = total + current, 0
        elif w != "and":
            return None
    return total + current or None


def _chinese_value(s: str, words: dict[str, tuple[int, str]]) -> int | None:
    total = digit = 0
    for c in s:
        value, role = words.get(c, (None, ""))
        if role == "zh":
            digit = value
        elif role == "zh_scale":
            total += max(digit, 1) * value
            digit = 0
        else:
            return None
    return total + digit or None


@dataclass(frozen=True)
class Count:
    """A count of people: the phrase [start, end) and its number [num_start, num_end), key offsets."""
    start: int
    end: int
    num_start: int
    num_end: int
    value: int
    noun: bool  # a noun or measure word said what is counted (not `n = 30`, `150 were ...`)


@cache
def _not_before() -> re.Pattern:
    """A word that makes the number after it no count (`week 12`, `grade 3`)."""
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('study_size', 'not_before_count')})\.?\s*$")


@cache
def _count_patterns() -> tuple[re.Pattern, ...]:
    num = number_pattern()
    nouns = cue_alternation("study_size", "noun")
    measures = cue_alternation("study_size", "measure")
    # Up to three words between the number and its noun (`212 consecutive elderly patients`),
    # none of them a function word or a verb that would make it a clause.
    adj = rf"(?:[\s-]+(?!(?:{cue_alternation('study_size', 'not_adjective')})(?![a-z]))[a-z][a-z'-]*){{0,3}}?"
    # `781 (95%) participants completed`: the share printed between a count and what it counts.
    # `164 (82 in each group) completed`: each arm's share of it, the same way.
    per_arm = cue_alternation("study_size", "per_arm")
    share = rf"(?:\s*\(\s*(?:\d+(?:\.\d+)?\s*%|\d+\s*(?:{per_arm}))\s*\))?"
    # Only finite verbs after a bare number: `4 randomised blocks`, `two analyzed groups` count no people.
    verbs = cue_alternation("study_size", "finite")
    return (
        re.compile(rf"(?P<num>{num}){share}{adj}\s+(?:{nouns})(?![a-z])"),
        re.compile(rf"(?P<num>{num})\s*(?:{measures})(?!次|数|均|份|天)"),
        # `patients (n = 120)`: an N in brackets counts the people named right before it.
        re.compile(rf"(?:{nouns}|{measures})\s*[(,]\s*n\s*=\s*(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.])"),
        # The people said before: `150 were randomised`, `560 (93%) completed follow-up`.
        re.compile(rf"(?P<num>{num}){share}(?=\s+(?:{verbs})(?![a-z]))"),
    )


def counts(key: str, start: int, end: int) -> list[Count]:
    """Counts of people in key[start:end], in text order, overlapping readings dropped."""
    found = []
    for i, rx in enumerate(_count_patterns()):
        for m in rx.finditer(key, start, end):
            written = m.group("num")
            value = number_value(written)
            ns = m.start("num")
            if value is None or (HAN_CHAR.match(written) and not chinese_count_start(key, ns)):
                continue
            if _not_before().search(key, max(0, ns - 12), ns):
                continue  # `at week 12 completed`, `over 10,000 participants have completed`
            if i == 3 and re.fullmatch(r"(?:19|20)\d\d", written):
                continue  # `between 2008 and 2018 were analysed`: a year
            found.append(Count(m.start(), m.end(), ns, m.end("num"), value, noun=i != 3))
    out: list[Count] = []
    for c in sorted(found, key=lambda c: (c.num_start, -c.noun, -(c.end - c.start))):
        if out and c.num_start < out[-1].num_end:
            continue
        out.append(c)
    return out


def chinese_count_start(key: str, ns: int) -> bool:
    """A Chinese numeral counts when it does not continue a word (`统一名称` has no count)."""
    before = key[max(0, ns - 2):ns]
    return not HAN_CHAR.match(before[-1:]) or bool(cue_pattern("study_size", "total").search(before)) or \
        before.endswith(("纳入", "入组", "收集", "选取", "收治", "其中", "将"))


@dataclass(frozen=True)
class SizeCount:
    """A count with what its clause says about it."""
    count: Count
    type: str       # one of TYPES, or "" when no verb says
    part: bool      # a part of a larger count (`of whom 40`, `男 40 例`, `(612 in the ... arm`)
    per_arm: bool   # each arm's (`n = 30 per group`, `各 48 例`)
    total: bool     # `a total of`, `共`
    clause: tuple[int, int]


def clauses(key: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of key[start:end], cut at , ; : outside brackets (`231 patients (114 X, 117 Y) in ...`)."""
    out, depth, pos = [], 0, start
    for i in range(start, end):
        c = key[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c in ",;:" and depth == 0 and not (c == "," and key[i - 1:i].isdigit() and key[i + 1:i + 4].isdigit()):
            out.append((pos, i))
            pos = i + 1
    out.append((pos, end))
    return [(s, e) for s, e in out if key[s:e].strip()]


@cache
def _verbs() -> re.Pattern:
    alts = "|".join(rf"(?P<{t}>{_bounded_alternation(t)})" for t in TYPES)
    return re.compile(alts)


def _bounded_alternation(role: str) -> str:
    """The role's cues, longest first, not inside a longer Latin word. Neighbouring Latin cues
    share one lookbehind (`(?<![a-z])(?:a(?![a-z])|b(?![a-z]))`, the same as each with its own),
    so each branch starts with its literal, which the regex engine checks before entering it."""
    words = sorted((w for w in cue_alternation("study_size", role).split("|") if w), key=len, reverse=True)
    runs: list[tuple[bool, list[str]]] = []
    for w in words:
        latin = re.match(r"[a-z]", w) is not None
        if not runs or runs[-1][0] != latin:
            runs.append((latin, []))
        runs[-1][1].append(rf"{w}(?![a-z])" if latin else w)
    return "|".join(rf"(?<![a-z])(?:{'|'.join(ws)})" if latin else "|".join(ws) for latin, ws in runs)


def verbs(key: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, type) of each cue that says which N a count is, in key[start:end]."""
    return [(m.start(), m.end(), m.lastgroup) for m in _verbs().finditer(key, start, end)]


@lru_cache(maxsize=4096)
def typed_counts(key: str, start: int, end: int) -> tuple[SizeCount, ...]:
    """The counts of people in the sentence key[start:end], each with its clause's reading.
    Cached: the arms (text/allocation.py) and the study's N (trials/study.py) read the same
    sentences; the key string is the document's, hashed once."""
    out: list[SizeCount] = []
    found = counts(key, start, end)
    for cs, ce in clauses(key, start, end):
        inside = [c for c in found if cs <= c.num_start < ce]
        cues = verbs(key, cs, ce)
        for i, c in enumerate(inside):
            nxt = inside[i + 1].start if i + 1 < len(inside) else ce
            prev = inside[i - 1].end if i else cs
            inner = [t for s_, _, t in cues if c.start <= s_ < c.end]  # `85 enrolled children`
            kind = inner[0] if inner else _type(cues, c, prev, nxt)
            before = max((o.end for o in found if o.end <= c.start), default=start)  # `Of these, 85 ...`
            part = _part(key, c, before, found)
            # `1,248 were screened, of whom 822 were enrolled`: the part of a screened count is the study.
            parent = next((o for o in reversed(out) if o.count.end <= c.start), None)
            if part and parent is not None and parent.type in ("screened", "identified"):
                part = False
            # The analysed are a part of those enrolled and their own N; one sex is only a part.
            part = (part and kind != "analysed") or _one_sex(key, c, found) \
                or bool(cue_pattern("study_size", "sex_before").search(key, max(before, c.start - 4), c.start))
            if not kind and _labelled(key, cs, c.start):
                kind = "enrolled"  # `Participants 517 adults with neck pain`
            out.append(SizeCount(c, kind, part, _per_arm(key, c, nxt), bool(_total_before(key, prev, c.start)),
                                 (cs, ce)))
    # `Of the 612 patients identified, 284 underwent X`: the cohort; `Of 2,606 identified, 658 were
    # randomised`: the pool screened.
    screened = any(c.type in ("enrolled", "randomised") for c in out)
    return tuple(replace(c, type="screened" if screened else "enrolled") if c.type == "identified" else c
                 for c in out)


def _labelled(key: str, clause_start: int, count_start: int) -> bool:
    labels = cue_alternation("study_size", "label")
    return bool(re.fullmatch(rf"\s*(?:{labels})\s*:?\s*", key[clause_start:count_start]))


def _type(cues: list[tuple[int, int, str]], c: Count, prev: int, nxt: int) -> str:
    """The verb after the count (`150 were randomised`) wins, else the one before it (`we enrolled
    41`); of several, the most telling (`excluded prior to randomisation (56 patients)`)."""
    after = {t for s, _, t in cues if c.end <= s < nxt}
    before = {t for s, e, t in cues if prev <= s and e <= c.start}
    return next((t for t in TYPES if t in (after or before)), "")


def _part(key: str, c: Count, prev: int, found: list[Count]) -> bool:
    if cue_pattern("study_size", "split").search(key, max(prev, c.start - 12), c.start):
        return True
    # Inside a bracket opened after another count: `1,204 adults were enrolled (612 in ...`.
    opened = key.rfind("(", 0, c.start)
    return opened >= 0 and key.find(")", opened, c.start) < 0 and any(o.end <= opened < c.start for o in found)


def _one_sex(key: str, c: Count, found: list[Count]) -> bool:
    """`80 men and 20 women`, `41 girls, 52 boys, and 3 children of unrecorded sex`:
    the counts of a list by sex are parts."""
    sex = cue_pattern("study_size", "sex")
    sexes = {m.group(0) for o in found if (m := sex.search(key, o.num_end, o.end + 8))}
    if len(sexes) < 2:
        return False
    listed = [o for o in found if sex.search(key, o.num_end, o.end + 8)]
    return any(abs(o.start - c.start) < 80 for o in listed)


def _per_arm(key: str, c: Count, nxt: int) -> bool:
    pattern = cue_pattern("study_size", "per_arm")
    after = pattern.match(key, c.end + len(key[c.end:nxt]) - len(key[c.end:nxt].lstrip()))
    return bool(after) or bool(pattern.search(key, max(0, c.start - 4), c.start))


def _total_before(key: str, prev: int, start: int) -> bool:
    return bool(cue_pattern("study_size", "total").search(key, max(prev, start - 12), start))
