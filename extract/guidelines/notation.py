"""How guidelines print a grade: patterns over the matching key, and the level / strength normalisation.

Patterns run on the folded key (lower case, ASCII punctuation, `Ⅱ` -> `ii`), so
`（证据等级：1，推荐强度：A）` and `(Level II-2, Grade B)` are matched by the same
words. Each pattern has the groups `level` and `strength`; its name is the
notation's `form`, which may imply a grading system (extract/guidelines/crosswalk.py).
"""
from __future__ import annotations

import re
import unicodedata

_LEVEL = (r"(?P<level>very low|high|moderate|low|极低|高|中等|中|低"
          r"|(?:iii|ii|iv|i|v)(?:\s?[a-c](?![a-z])|-[1-3])?"
          r"|[1-5](?:\s?[a-c](?![a-z]))?\+{0,2}"
          r"|[a-d](?:-(?:r|nr|ld|eo))?(?![a-z]))"
          r"(?:[- ]?(?:quality|certainty)|质量|级)?")
_STRENGTH = r"(?P<strength>strong|weak|conditional|强|弱|[1-3][ab]?(?![a-z0-9])|(?:iii|ii|i)[ab]?(?![a-z])|[a-e](?![a-z]))"
_LEVEL_WORD = (r"(?:证据(?:质量|等级|级别|水平|分级)?|循证(?:医学)?证据(?:等级|级别)?"
               r"|(?:levels? of |quality of |certainty of )evidence|evidence(?: level| quality| grade)?|loe|le|level)")
_STRENGTH_WORD = (r"(?:推荐(?:意见)?(?:强度|等级|级别|分级)?|(?:strength|grade|class|level) of recommendation"
                  r"|recommendation(?: grade| strength| class)?|grade|strength|class|cor|gor|sor|gr)")
_SEP = r"\s*[:=]?\s*"
_JOIN = r"\s*[,;、/]\s*"
_TAIL = r"(?:\s*(?:recommendation|推荐(?!意见|\s*\d)))?"  # not the label of the next statement
_GRADE_QUALITY = r"(?P<level>very low|high|moderate|low)[- ](?:quality|certainty)(?:(?: of)?(?: the)? evidence)?"
_GRADE_STRENGTH = r"(?P<strength>strong|weak|conditional) recommendation(?: (?:for|against))?"
_STRENGTH_WORDS = r"(?P<strength>strong|weak|conditional)(?: recommendation)?"
_ZH_CLASS = r"(?P<strength>iii|ii|i)\s*级\s*推荐"
_ZH_CATEGORY = r"(?P<level>[1-3][ab]?)\s*类\s*(?:证据)?"
_ZH_QUALITY = r"(?P<level>极低|高|中等|中|低)(?:质量)?证据"
_ZH_STRENGTH = r"(?P<strength>强|弱)推荐"
_OPINION = r"(?P<level>专家意见|专家共识|expert opinion|expert consensus)"
_ZH_GRADED_STRENGTH = r"(?P<strength>[a-e1-3]|强|弱)\s*级?\s*推荐"
_END_OF_LINE = r"(?=\s*[.。;；]?\s*(?:\n|$))"
# Statements GRADE and others leave ungraded on purpose; the phrase stands in for the strength.
_GOOD_PRACTICE = r"(?P<strength>(?:ungraded )?(?:good|best) practice (?:statement|point|recommendation)|良好实践(?:声明|建议))"
# `we make no recommendation for or against …`; not a methods sentence (`no recommendation was made when …`).
_NO_RECOMMENDATION = (r"(?P<strength>(?<![a-z])(?:we|the (?:panel|committee|guideline group)) (?:make|makes|made"
                      r"|(?:could|can|did|do|does) not make|cannot make) no recommendation)"
                      r"(?= (?:for or against|regarding|about|on|concerning)\b)")
_NCCN_CATEGORY = r"(?:nccn )?category(?: of evidence(?: and consensus)?)?\s*[:=]?\s*(?P<level>1|2a|2b|3)(?![0-9a-z])"
_STRENGTH_ONLY_WORD = r"(?:grade(?: of recommendation)?|strength of recommendation|推荐(?:强度|等级|级别))"
_EVIDENCE_ONLY_WORD = r"(?:证据(?:等级|级别|质量|水平)|(?:levels? of |quality of |certainty of )evidence|evidence level|loe)"



# What may follow a grade inside its brackets: `(LoE 2, strong recommendation, 96% consensus)`.
_BRACKET_TAIL = r"(?:[,;]\s*[^()\[\]\n]{1,40}?\s*)?"


def _bracketed(body: str) -> str:
    """`body`, optionally in brackets; an opened bracket must close."""
    return rf"(?P<open>[(\[])?\s*{body}\s*(?(open){_BRACKET_TAIL}[)\]])"


def _in_brackets(body: str) -> str:
    return rf"[(\[]\s*{body}\s*[)\]]"


GRADE_FORMS = tuple((name, re.compile(rx)) for name, rx in (
    ("level_strength", _bracketed(rf"{_LEVEL_WORD}{_SEP}{_LEVEL}{_JOIN}{_STRENGTH_WORD}{_SEP}{_STRENGTH}{_TAIL}")),
    ("strength_level", _bracketed(rf"{_STRENGTH_WORD}{_SEP}{_STRENGTH}(?:级)?{_TAIL}{_JOIN}{_LEVEL_WORD}{_SEP}{_LEVEL}")),
    ("grade_words", _bracketed(rf"{_GRADE_STRENGTH}{_JOIN}{_GRADE_QUALITY}")),
    ("grade_words", _bracketed(rf"{_GRADE_QUALITY}{_JOIN}{_GRADE_STRENGTH}")),
    ("grade_words", _bracketed(rf"{_ZH_STRENGTH}{_JOIN}{_ZH_QUALITY}")),
    ("grade_words", _bracketed(rf"{_ZH_QUALITY}{_JOIN}{_ZH_STRENGTH}")),
    # `(LoE 2, strong recommendation)` (EASL), `(Level 1, Strong)`: a level with its word, then a strength word.
    ("level_strength", _bracketed(rf"{_LEVEL_WORD}{_SEP}{_LEVEL}{_JOIN}{_STRENGTH_WORDS}")),
    # `（Ⅱ级推荐，1A类证据）` (CSCO): a recommendation class in roman numerals, an evidence category.
    ("strength_level", _bracketed(rf"{_ZH_CLASS}{_JOIN}{_ZH_CATEGORY}")),
    ("level_strength", _bracketed(rf"{_ZH_CATEGORY}{_JOIN}{_ZH_CLASS}")),
    # `（Ⅱ级证据，A级推荐）`, `（A级推荐，1b级证据）`: grades written before their words.
    ("level_strength", _bracketed(rf"{_LEVEL}\s*证据{_JOIN}{_ZH_GRADED_STRENGTH}")),
    ("strength_level", _bracketed(rf"{_ZH_GRADED_STRENGTH}{_JOIN}{_LEVEL}\s*证据")),
    # `（专家意见，推荐强度：B）`: expert opinion stands in for the level of evidence.
    ("level_strength", _bracketed(rf"{_OPINION}{_JOIN}{_STRENGTH_WORD}{_SEP}{_STRENGTH}{_TAIL}")),
    # `(GR: 1A)`: recommendation 1 (strong), evidence A (high).
    ("grade_code", r"[(\[]\s*(?:gr|grade|grading|推荐分级)\s*[:=]?\s*(?P<strength>[12])(?P<level>[a-d])\s*[)\]]"),
    # `(A1)` closing a statement: evidence A, recommendation 1 (KLCSG and others).
    ("letter_digit", rf"[(\[]\s*(?P<level>[a-d])(?P<strength>[12])\s*[)\]]{_END_OF_LINE}"),
    # `[I, A]` (ESMO, after IDSA-USPHS).
    ("roman_letter", rf"\[\s*(?P<level>iii|ii|iv|i|v)\s*,\s*(?P<strength>[a-e])\s*{_BRACKET_TAIL}\]"),
    # `(1B)` closing a statement: recommendation 1 (strong), evidence B (KDIGO, many Chinese guidelines).
    ("digit_letter", rf"[(\[]\s*(?P<strength>[12])\s?(?P<level>[a-d])\s*[)\]]{_END_OF_LINE}"),
    ("good_practice", _in_brackets(_GOOD_PRACTICE)),
    ("no_recommendation", _NO_RECOMMENDATION),
    # `(category 2A)`: NCCN's category of evidence and consensus, kept as the level.
    ("nccn_category", _in_brackets(_NCCN_CATEGORY)),
    ("nccn_category", rf"(?<![a-z])(?:is|are|as) an? {_NCCN_CATEGORY}(?= recommendation)"),
    # `(Grade D)`, `（推荐强度：B）` with no level printed (SIGN and others).
    ("strength_only", _in_brackets(rf"{_STRENGTH_ONLY_WORD}{_SEP}(?P<strength>[a-d]|strong|weak|强|弱)(?![a-z])")),
    # `(level of evidence: 2b)` with no strength printed.
    ("level_only", _in_brackets(rf"{_EVIDENCE_ONLY_WORD}{_SEP}{_LEVEL}")),
))
# Notations too short or too common to be a grade outside a guideline or consensus: a paper's
# `(level of evidence = 1B)` rates a cited study, `Acetate (C2)` is chemistry.
GUIDELINE_ONLY_FORMS = ("level_only", "strength_only", "digit_letter", "letter_digit", "nccn_category",
                        "good_practice", "no_recommendation")
# Compact notations must close a statement of some length (`(1B)` after a sentence, not a table cell).
COMPACT_FORMS = ("digit_letter", "letter_digit")
# Forms found inside a sentence: the statement runs on to the end of that sentence.
IN_SENTENCE_FORMS = ("no_recommendation", "nccn_category")

_ROMAN = re.compile(r"^([IVX]+)(?=$|[-\d]|[A-Za-z]$)", re.I)
_WORD = re.compile(r"^[a-z]+(?: [a-z]+){0,3}$", re.I)
_NO_RECOMMENDATION_MADE = re.compile(r"\bno recommendation\b", re.I)
_QUALITY_SUFFIX = re.compile(r"(?:[- ]?(?:quality|certainty)|质量|级|推荐|\s*recommendation)$", re.I)


def _ascii_roman(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", c) if "\u2160" <= c <= "\u217f" else c for c in s)


def normalise_level(printed: str) -> str:
    """ASCII roman numerals, no spaces: `Ⅱ b` -> `IIb`, `I b` -> `Ib`, `ii-2` -> `II-2`; words in lower case."""
    s = _ascii_roman(_QUALITY_SUFFIX.sub("", printed.strip()))
    compact = re.sub(r"\s+", "", s)
    m = _ROMAN.match(compact)
    if m:
        return m.group(1).upper() + compact[m.end():].lower()
    if _WORD.match(s) and len(s) > 2:
        return re.sub(r"\s+", " ", s).lower()
    return compact


def normalise_strength(printed: str) -> str:
    """As printed without the word `recommendation` / `推荐`; English words in lower case; roman
    numerals in ASCII (`Ⅱ级推荐` -> `II`)."""
    if _NO_RECOMMENDATION_MADE.search(printed):
        return "no recommendation"
    s = re.sub(r"\s+", " ", _QUALITY_SUFFIX.sub("", _ascii_roman(printed).strip())).strip()
    return s.lower() if _WORD.match(s) and len(s) > 2 else s
