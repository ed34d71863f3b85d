"""Grade-like codes read without knowing the house style: `(1B)`, `[IIa, B]`, `Level 2, Grade C`,
`Grade of recommendation: 1, Strength of evidence: B`, `（强推荐，中等质量证据）`, `B` in a margin column.

A code is one to three parts (split at commas, semicolons, slashes); each part is a value (a letter, a
roman numeral, a digit with a letter, a GRADE word, certainty symbols) with a key word before or after it
(`Level`, `证据等级：`, `推荐`, `质量证据`) or none. A key naming the evidence makes the part a level, any other
grade key a strength; a part without a key takes its axis from the grading systems' tables
(ontology/grading.tsv: a value only ever a level is a level, `1B` is strength 1 and level B) and, as a
last resort, the common orders (`A1`: level then strength; `[IIa, B]`: class then level; `[I, A]`: level
then grade). The key words are data: ontology/cues/grade_words.tsv (level_label, strength_label, code_key).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from evkg.core.fold import fold
from evkg.extract.guidelines.crosswalk import load_crosswalk
from evkg.extract.guidelines.notation import SYMBOLS, ascii_roman
from evkg.extract.vocabulary.cues import cue_words

_SPLIT = re.compile(r"\s*[,;，；、/|]\s*|\s+(?:and|和|及)\s+")
_SEP = r"[ \t]*[:：=]?[ \t]*"
# A value as printed: GRADE's words, certainty symbols, a combined code, a roman numeral, a letter, a digit.
_VALUE = (r"(?P<value>very low|high|moderate|low|strong|weak|conditional|极低|極低|中等|高|中|低|强|強|弱"
          rf"|{SYMBOLS}"
          r"|[1-3][a-d](?![a-z])|[a-d][1-3](?![0-9])"
          r"|(?:iii|ii|iv|i|v)(?:[ab]|-[1-3])?(?![a-z])"
          r"|[a-e](?:-(?:r|nr|ld|eo))?(?![a-z])"
          r"|[1-5](?:[a-c](?![a-z])|\+{1,2}|-(?![0-9]))?)")
_GRADE_SUFFIX = r"(?:[ \t]*(?:级|級|类|類))?"
_EVIDENCE = re.compile(r"evidence|证据|證據|certainty|quality|质量|品质|level|水平|loe|^le$")
_BARE_DIGIT = re.compile(r"[1-5]")
_COMBINED = re.compile(r"[1-3][A-D]|[A-D][1-3]")
_VOTE = re.compile(r"\d\s*%")
# A value no table knows is a code (`GPP`, `IV-c`, `★★★`, `专家共识`), not words of prose (`Offer statins`,
# `建议手术治疗`).
_PROSE = re.compile(r"[a-z]{3}|[\u3400-\u9fff]{5}|推荐|建议|应|宜")


@dataclass(frozen=True)
class Code:
    level: str = ""       # as printed
    strength: str = ""    # as printed
    keyed: bool = False   # a key word said what at least one part is


@cache
def key_words() -> str:
    words = {w for role in ("level_label", "strength_label", "code_key") for w in cue_words("grade_words", role)}
    words -= {""}
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True))


@cache
def _part() -> re.Pattern:
    key = rf"(?:{key_words()})"
    keys = rf"{key}(?:[ \t-]+(?:(?:of|in)[ \t]+)?(?:the[ \t]+)?{key}){{0,2}}"
    return re.compile(rf"^(?:(?P<pre>{keys}){_SEP})?{_VALUE}{_GRADE_SUFFIX}(?:[ \t-]*(?P<post>{keys}))?$")


@cache
def _unknown() -> re.Pattern:
    """A key, its separator and a short value of any kind."""
    key = rf"(?:{key_words()})"
    keys = rf"{key}(?:[ \t-]+(?:(?:of|in)[ \t]+)?(?:the[ \t]+)?{key}){{0,2}}"
    return re.compile(rf"^(?P<pre>{keys})[ \t]*[:：=][ \t]*(?P<value>[^\s:：=]{{1,12}}(?:[ \t][^\s:：=]{{1,12}})?)$")


@cache
def _axes() -> dict[str, set[str]]:
    """Each value (folded) -> the axes the grading systems give it (the crosswalk's table)."""
    out: dict[str, set[str]] = {}
    for _, axis, value in load_crosswalk().table:
        out.setdefault(value, set()).add(axis)
    return out


def axis_of_key(key: str) -> str:
    return "level" if _EVIDENCE.search(fold(key)) and "recommend" not in fold(key) else "strength"


def read_code(printed: str, bare_digits: bool = False) -> Code | None:
    """The level and strength a grade-like code prints, or None when `printed` is no such code. A lone
    digit is a citation or a list number more often than a grade: a code only with `bare_digits`."""
    s = ascii_roman(printed).strip().strip("*_").strip()
    if not s or len(s) > 80:
        return None
    parts = [p for p in _SPLIT.split(s) if p.strip()]
    # a vote beside the grade (`A1; agreement 95%`) is no part of it
    parts = [p for p in parts if not _VOTE.search(p)] if len(parts) > 1 else parts
    if not 1 <= len(parts) <= 3:
        return None
    keyed: list[tuple[str, str]] = []   # (axis, value as printed)
    bare: list[str] = []
    said = False  # a key word was printed
    offset = 0
    for p in parts:
        at = s.find(p, offset)
        offset = at + len(p)
        m = _part().match(fold(p))
        if not m:
            unknown = _unknown().match(fold(p))
            if not unknown or _PROSE.search(p[unknown.start("value"):unknown.end("value")]):
                return None
            # a grade no table knows (`Evidence level: IV-c`, `Grade: GPP`): kept as printed, after its key
            said = True
            keyed.append((axis_of_key(unknown.group("pre")), p[unknown.start("value"):unknown.end("value")]))
            continue
        value = p[m.start("value"):m.end("value")]
        key = m.group("pre") or m.group("post")
        if key and _BARE_DIGIT.fullmatch(value) and fold(key).strip() in cue_words("label_words"):
            return None  # `Recommendation 1`, `推荐意见 3`: a label
        said = said or bool(key)
        if key and _COMBINED.fullmatch(value) and axis_of_key(key) == "strength":
            bare.append(value)  # `Grade 1B`: a combined code after a grade word is split as one alone
        elif key:
            keyed.append((axis_of_key(key), value))
        elif len(parts) == 1 and not bare_digits and _BARE_DIGIT.fullmatch(value):
            return None
        else:
            bare.append(value)
    return _assigned(keyed, bare, said)


def _assigned(keyed: list[tuple[str, str]], bare: list[str], said: bool) -> Code | None:
    level = next((v for a, v in keyed if a == "level"), "")
    strength = next((v for a, v in keyed if a == "strength"), "")
    if bare and all(_BARE_DIGIT.fullmatch(v) for v in bare) and len(bare) > 1:
        return None  # `(1, 2)`: citations
    rest = []
    for value in bare:
        combined = re.fullmatch(r"([1-3])([A-D])|([a-dA-D])([1-3])", value)
        axis = _table_axis(value)
        if combined and not (level or strength):
            # `1B`: strength 1, level B (KDIGO, GRADE in Chinese guidelines); `A1`: level A, strength 1;
            # `1b` in lower case is an Oxford level.
            level, strength = (combined.group(2), combined.group(1)) if combined.group(1) else \
                (combined.group(3), combined.group(4))
        elif axis == "level" and not level:
            level = value
        elif axis == "strength" and not strength:
            strength = value
        else:
            rest.append(value)
    if len(rest) == 2 and not (level or strength):
        # `[IIa, B]`: a class with its letter, then the level; `A, 1` and `[I, A]`: the level first.
        first_is_class = re.fullmatch(r"(?:iii|ii|i)[ab]", rest[0], re.I)
        strength, level = (rest[0], rest[1]) if first_is_class else (rest[1], rest[0])
        rest = []
    for value in rest:
        if not strength:  # a grade alone beside a statement is its grade of recommendation
            strength = value
        elif not level:
            level = value
        else:
            return None
    if not (level or strength):
        return None
    return Code(level=level, strength=strength, keyed=said)


def _table_axis(value: str) -> str:
    """`level` or `strength` where the grading systems' tables give the value only that axis, else ""."""
    if re.fullmatch(SYMBOLS, value):
        return "level"
    axes = _axes().get(fold(value).replace(" ", ""), set())
    return next(iter(axes)) if len(axes) == 1 else ""
