"""How guidelines print a grade: patterns over the matching key, and the level / strength normalisation.

Patterns run on the folded key (lower case, ASCII punctuation, `Ⅱ` -> `ii`), so
`（证据等级：1，推荐强度：A）` and `(Level II-2, Grade B)` are matched by the same
words. Each pattern has the groups `level` and `strength`; its name is the
notation's `form`, which may imply a grading system (extract/guidelines/crosswalk.py).
"""
from __future__ import annotations

import re
import unicodedata

from evkg.extract.vocabulary.cues import cue_words

_LATIN_EDGE = re.compile(r"[a-z]")
# GRADE's certainty symbols: filled and open circles (`⊕⊕○○`, `⨁⨁◯◯`); the number filled is the certainty.
_FILLED = "⊕⨁●"
_OPEN = "○◯"
SYMBOLS = rf"[{_FILLED}]+[{_OPEN}Oo]*"  # a converter may leave a letter O for an open circle (`⊕⊕OO`)
GRADE_SYMBOL_LEVELS = ("very low", "low", "moderate", "high")  # 1 to 4 filled: GRADE's default legend


def _bounded(word: str) -> str:
    lead = r"(?<![a-z])" if _LATIN_EDGE.match(word[:1]) else ""
    trail = r"(?![a-z])" if _LATIN_EDGE.match(word[-1:]) else ""
    return lead + re.escape(word).replace(r"\ ", r"\s+") + trail


def _words(*roles: str) -> str:
    """The grade words of some roles (ontology/cues/grade_words.tsv), longest first, as an alternation; a Latin
    word does not match inside a longer one."""
    words = sorted({w for role in roles for w in cue_words("grade_words", role)}, key=len, reverse=True)
    return "(?:" + "|".join(_bounded(w) for w in words) + ")"


_LEVEL_WORDS = _words("level_word")
_STRENGTH_WORDS_ = _words("strength_word")
_MARK = r"[†‡§¶*]*"  # a dagger or other footnote mark after a grade word (IDSA online)
_LEVEL = (rf"(?P<level>{_LEVEL_WORDS}"
          r"|(?:iii|ii|iv|i|v)(?:\s?[a-c](?![a-z])|-[1-3])?"
          r"|[1-5](?:\s?[a-c](?![a-z]))?\+{0,2}"
          r"|[a-d](?:-(?:r|nr|ld|eo))?(?![a-z]))"
          r"(?:[- ]?(?:quality|certainty)|质量|级)?")
_STRENGTH = (rf"(?P<strength>{_STRENGTH_WORDS_}|[1-3][ab]?(?![a-z0-9])|(?:iii|ii|i)[ab]?(?![a-z])"
             r"|[a-e](?![a-z]))")
# A code glossed by its word in brackets: `2 [weak]`, `B [moderate]`, `2（弱）` (JSH and others).
_GLOSS = r"(?:\s?[(\[][^()\[\]\n]{1,20}[)\]])?"
_LEVEL_WORD = _words("level_label")
_STRENGTH_WORD = _words("strength_label")
_SEP = r"\s*[:=]?\s*"
_JOIN = r"\s*[,;、/]\s*"
_TAIL = r"(?:\s*(?:recommendation|推荐(?!意见|\s*\d)))?"  # not the label of the next statement
# `moderate-quality evidence`, `low certainty in the evidence about effects ⊕⊕◯◯`, `moderate level of evidence`.
_GRADE_QUALITY = (rf"(?P<level>{_LEVEL_WORDS})(?:[- ](?:quality|certainty)(?:(?: of| in)?(?: the)? evidence)?"
                  r"|\s+(?:level|quality|certainty) of (?:the )?evidence)(?: about effects?)?(?:\s*[⊕◯○]+)?")
_GRADE_STRENGTH = rf"(?P<strength>strong|weak|conditional) recommendation{_MARK}(?: (?:for|against))?"
_BASED_ON = r"(?:\s*[,;、/]\s*|\s+based on\s+)"  # `(conditional recommendation based on low certainty …)`
_STRENGTH_WORDS = r"(?P<strength>strong|weak|conditional)(?: recommendation)?"
_ZH_CLASS = r"(?P<strength>iii|ii|i)\s*级\s*推荐"
_ZH_CATEGORY = r"(?P<level>[1-3][ab]?)\s*类\s*(?:证据)?"
_ZH_QUALITY = r"(?P<level>极低|高|中等|中|低)(?:质量)?证据"
_ZH_STRENGTH = r"(?P<strength>强|弱)推荐"
_OPINION = r"(?P<level>专家意见|专家共识|expert opinion|expert consensus)"
_ZH_GRADED_STRENGTH = r"(?P<strength>[a-e1-3]|强|弱)\s*级?\s*推荐"
_END_OF_LINE = r"(?=\s*[.。;；]?\s*(?:\n|$))"
_STATEMENT_STRENGTH = _words("statement_strength", "ungraded_statement")
# Statements GRADE and others leave ungraded on purpose; the phrase stands in for the strength.
_GOOD_PRACTICE = rf"(?P<strength>{_STATEMENT_STRENGTH})"
# `we make no recommendation for or against …`, `No recommendation can be made regarding …`; not a methods
# sentence (`no recommendation was made when …`).
_NO_RECOMMENDATION = (rf"(?P<strength>(?<![a-z]){_words('no_recommendation')})"
                      r"(?= (?:for or against|regarding|about|on|concerning)\b)")
_NCCN_CATEGORY = r"(?:nccn )?category(?: of evidence(?: and consensus)?)?\s*[:=]?\s*(?P<level>1|2a|2b|3)(?![0-9a-z])"
_STRENGTH_ONLY_WORD = r"(?:grade(?: of recommendation)?|strength of recommendation|推荐(?:强度|等级|级别))"
_EVIDENCE_ONLY_WORD = (r"(?:证据(?:等级|级别|质量|水平|强度)|(?:levels? of |quality of |certainty of )evidence"
                       r"|evidence level|loe)")
# `[Based on low quality evidence from …]`, `[Based on the experience and opinion of the GDG]` (NICE): the
# evidence statement is the level as printed.
_EVIDENCE_STATEMENT = (rf"\[\s*{_words('evidence_statement')}\s+(?P<level>(?:{_LEVEL_WORDS})[- ](?:quality|certainty)"
                       rf"|the (?:[a-z]+ )?{_words('expert_basis')}[^\]\n]{{0,80}}?)[^\]\n]*\]")
# `强推荐（证据强度：B级）`, `Strong Recommendation; Evidence Level: Grade B` (AUA): a strength word before
# the level with its label.
_STRENGTH_BEFORE_LEVEL = (rf"(?P<strength>{_STRENGTH_WORDS_})\s*(?:recommendation|推荐)\s*"
                          rf"(?:[(\[]\s*|[,;、/]\s*){_LEVEL_WORD}{_SEP}(?:grade\s*)?{_LEVEL}\s*[)\]]?")


# What may follow a grade inside its brackets: `(LoE 2, strong recommendation, 96% consensus)`.
_BRACKET_TAIL = r"(?:[,;]\s*[^()\[\]\n]{1,40}?\s*)?"


# What may stand before a grade inside its brackets: `(Type: evidence based, benefits outweigh harms; Evidence …`.
_BRACKET_HEAD = r"(?:[^()\[\]\n;]{1,80};\s*)?"


_PERCENT = r"\d{1,3}(?:\.\d{1,2})?\s*%"
# `Level of agreement: 94%`, `Agreement 88% (strongly agree 60%)`, `100% agreement`
_FIELD_SEP = r"\s*[:=]\s*"  # a field is `Key: value` (a label on its own line, `Recommendation 2`, is none)
_AGREEMENT_FIELD = (rf"(?:{_words('agreement_label')}{_FIELD_SEP}{_PERCENT}|{_PERCENT}\s*{_words('agreement_label')})"
                    r"(?:\s*\([^()\n]{0,60}\))?")
# punctuation, a line break alone, or the gap between two fields on one line (`Quality of evidence: Low ⊕⊕◯◯  Strength:
# Conditional`, the key folds the gap to one space)
_FIELD_JOIN = r"(?:[ \t]*(?:[.;,、|][ \t]*\n?|\n)[ \t]*|[ \t]+)"
_CERTAINTY_SYMBOLS = r"(?:\s*[⊕◯○]+)?"  # GRADE's certainty printed as symbols after its word
_LEVEL_FIELD = rf"{_words('level_label')}{_FIELD_SEP}{_LEVEL}{_CERTAINTY_SYMBOLS}{_GLOSS}"
_STRENGTH_FIELD = rf"{_words('strength_label')}{_FIELD_SEP}{_STRENGTH}{_GLOSS}"


# A combined code (`1B`: recommendation 1, evidence B; `A1`: evidence A, recommendation 1) after a label of the
# recommendation (after a label of the evidence, `2b` is a level: `(level of evidence: 2b)`).
_CODE_LABEL = rf"(?:{_STRENGTH_WORD}|grading)"
_DIGIT_LETTER = r"(?P<strength>[12])\s?(?P<level>[a-d])(?![a-z0-9])"
_LETTER_DIGIT = r"(?P<level>[a-d])(?P<strength>[12])(?![a-z0-9])"


def _code_line(code: str) -> str:
    """A labelled code on a line of its own (the form must close its line: LINE_END_FORMS)."""
    return rf"(?<![^\n])[ \t*_>]*{_CODE_LABEL}{_FIELD_SEP}{code}(?:[ \t]*\.)?"


def _field_run(first: str, second: str) -> str:
    """Two grade fields (`Key: value`), an agreement field before, between or after them."""
    agreement = rf"(?:{_AGREEMENT_FIELD}{_FIELD_JOIN})?"
    return rf"{agreement}{first}{_FIELD_JOIN}{agreement}{second}(?:{_FIELD_JOIN}{_AGREEMENT_FIELD})?"


def _fields(first: str, second: str) -> str:
    """Grade fields on lines of their own, or after the statement's full stop on its line (the form must close its
    line: LINE_END_FORMS)."""
    return rf"(?:(?<![^\n])|(?<=[.。] )|(?<=[.。]))[ \t*_>]*{_field_run(first, second)}(?:[ \t]*\.)?"


def _bracket_fields(first: str, second: str) -> str:
    """Grade fields in brackets with an agreement among them: `(Strength of recommendation: 2, 100% agreement,
    Evidence level: B)`."""
    return rf"[(\[]\s*{_field_run(first, second)}\s*[)\]]"


def _bracketed(body: str) -> str:
    """`body`, optionally in brackets; an opened bracket must close."""
    return rf"(?P<open>[(\[])?\s*(?(open){_BRACKET_HEAD}){body}\s*(?(open){_BRACKET_TAIL}[)\]])"


def _in_brackets(body: str) -> str:
    return rf"[(\[]\s*{body}\s*[)\]]"


GRADE_FORMS = tuple((name, re.compile(rx)) for name, rx in (
    ("level_strength", _bracketed(rf"{_LEVEL_WORD}{_SEP}{_LEVEL}{_GLOSS}{_JOIN}{_STRENGTH_WORD}{_SEP}{_STRENGTH}"
                                  rf"{_GLOSS}{_TAIL}")),
    ("strength_level", _bracketed(rf"{_STRENGTH_WORD}{_SEP}{_STRENGTH}(?:级)?{_GLOSS}{_TAIL}{_JOIN}"
                                  rf"{_LEVEL_WORD}{_SEP}{_LEVEL}{_GLOSS}")),
    # `Grade of evidence: moderate. Strength of recommendation: strong. Level of agreement: 94%.` on lines of
    # their own under the statement: fields in either order, an agreement anywhere (it is never the strength).
    ("grade_fields", _fields(_LEVEL_FIELD, _STRENGTH_FIELD)),
    ("grade_fields", _fields(_STRENGTH_FIELD, _LEVEL_FIELD)),
    ("bracket_fields", _bracket_fields(_LEVEL_FIELD, _STRENGTH_FIELD)),
    ("bracket_fields", _bracket_fields(_STRENGTH_FIELD, _LEVEL_FIELD)),
    # `（2A类推荐）` (CACA): a category of recommendation closing the statement is its strength.
    ("category_strength", _in_brackets(r"(?P<strength>[1-3][ab]?)\s*类\s*(?:推荐)?")),
    ("grade_words", _bracketed(rf"{_GRADE_STRENGTH}{_BASED_ON}{_GRADE_QUALITY}")),
    ("grade_words", _bracketed(rf"{_GRADE_QUALITY}{_JOIN}{_GRADE_STRENGTH}")),
    # `(strong, low certainty)`, `(low certainty, conditional)`: the short forms, in brackets only.
    ("grade_words", _in_brackets(rf"{_STRENGTH_WORDS}{_JOIN}{_GRADE_QUALITY}")),
    ("grade_words", _in_brackets(rf"{_GRADE_QUALITY}{_JOIN}{_STRENGTH_WORDS}")),
    ("grade_words", _bracketed(rf"{_ZH_STRENGTH}{_JOIN}{_ZH_QUALITY}")),
    ("grade_words", _bracketed(rf"{_ZH_QUALITY}{_JOIN}{_ZH_STRENGTH}")),
    # `(LoE 2, strong recommendation)` (EASL), `(Level 1, Strong)`: a level with its word, then a strength word.
    ("level_strength", _bracketed(rf"{_LEVEL_WORD}{_SEP}{_LEVEL}{_JOIN}{_STRENGTH_WORDS}")),
    # `（Ⅱ级推荐，1A类证据）` (CSCO): a recommendation class in roman numerals, an evidence category.
    ("strength_level", _bracketed(rf"{_ZH_CLASS}{_JOIN}{_ZH_CATEGORY}")),
    ("level_strength", _bracketed(rf"{_ZH_CATEGORY}{_JOIN}{_ZH_CLASS}")),
    # `【Ⅰ级推荐】`, `（Ⅱ级推荐）` (诊疗规范): the class alone.
    ("zh_class", _in_brackets(_ZH_CLASS)),
    # `（Ⅱ级证据，A级推荐）`, `（A级推荐，1b级证据）`: grades written before their words.
    ("level_strength", _bracketed(rf"{_LEVEL}\s*证据{_JOIN}{_ZH_GRADED_STRENGTH}")),
    ("strength_level", _bracketed(rf"{_ZH_GRADED_STRENGTH}{_JOIN}{_LEVEL}\s*证据")),
    # `（专家意见，推荐强度：B）`, `（建議等級：強，專家意見）`: expert opinion stands in for the level of evidence.
    ("level_strength", _bracketed(rf"{_OPINION}{_JOIN}{_STRENGTH_WORD}{_SEP}{_STRENGTH}{_TAIL}")),
    ("strength_level", _in_brackets(rf"{_STRENGTH_WORD}{_SEP}{_STRENGTH}{_TAIL}{_JOIN}{_OPINION}")),
    # `… from conductive loss. Strong recommendation based on observational studies …` (AAO-HNS): the sentence
    # after the statement opens with its strength; the level is in the profile under it (blocks.py).
    ("strength_sentence", rf"(?<=[.!?][ \n])(?P<strength>{_words('strength_sentence')})"
                          r"(?:\s*\((?:for|against)\))?\s+based\s+on(?=\s)"),
    # `(GR: 1A)`: recommendation 1 (strong), evidence A (high).
    ("grade_code", r"[(\[]\s*(?:gr|grade|grading|推荐分级)\s*[:=]?\s*(?P<strength>[12])(?P<level>[a-d])\s*[)\]]"),
    # `（推荐等级：1B）`, `(Evidence grade: A1)`, `Grade: 1B` on a line of its own: a combined code after any grade
    # label.
    ("labelled_code", _in_brackets(rf"{_CODE_LABEL}{_SEP}{_DIGIT_LETTER}")),
    ("labelled_code", _in_brackets(rf"{_CODE_LABEL}{_SEP}{_LETTER_DIGIT}")),
    ("labelled_code_line", _code_line(_DIGIT_LETTER)),
    ("labelled_code_line", _code_line(_LETTER_DIGIT)),
    # `强推荐（证据强度：B级）` (AUA): the strength word first, the level with its label after it.
    ("strength_level", _STRENGTH_BEFORE_LEVEL),
    # `(A1)` closing a statement: evidence A, recommendation 1 (KLCSG and others).
    ("letter_digit", r"[(\[]\s*(?P<level>[a-d])(?P<strength>[12])\s*[)\]]"),
    # `[I, A]` (ESMO, after IDSA-USPHS).
    ("roman_letter", rf"\[\s*(?P<level>iii|ii|iv|i|v)\s*,\s*(?P<strength>[a-e])\s*{_BRACKET_TAIL}\]"),
    # `(1B)` closing a statement: recommendation 1 (strong), evidence B (KDIGO, many Chinese guidelines).
    ("digit_letter", r"[(\[]\s*(?P<strength>[12])\s?(?P<level>[a-d])\s*[)\]]"),
    # Not a code's gloss in a list of levels (`Ⅳ（病例系列）和Ⅴ（专家意见）`): that defines the level.
    ("good_practice", r"(?<![a-z0-9])" + _in_brackets(_GOOD_PRACTICE)),
    # `…手术切除。临床原则` (AUA): a statement graded by its kind, after its full stop, closing the line.
    ("statement_strength", rf"(?<=[.。!！?？])[ \t]*{_GOOD_PRACTICE}[ \t]*[.。]?"),
    ("no_recommendation", _NO_RECOMMENDATION),
    # `(no recommendation; insufficient evidence)`.
    ("no_recommendation", _in_brackets(rf"(?P<strength>no recommendation){_JOIN}(?P<level>{_LEVEL_WORDS})"
                                       r"(?: evidence)?")),
    # `(1|⊕⊕○○)` (Endocrine Society): recommendation 1 or 2, the certainty in filled and open symbols.
    ("digit_symbols", rf"[(\[]\s*(?P<strength>[12])\s*[|/,;]\s*(?P<level>{SYMBOLS})\s*[)\]]"),
    # `(strong recommendation; ⨁⨁◯◯)`, `(⨁⨁◯◯, conditional)`: a strength word and the symbols alone.
    ("grade_words", _in_brackets(rf"{_STRENGTH_WORDS}{_JOIN}(?P<level>{SYMBOLS})")),
    ("grade_words", _in_brackets(rf"(?P<level>{SYMBOLS}){_JOIN}{_STRENGTH_WORDS}")),
    # `(B recommendation)`, `(I statement)` (USPSTF): the grade letter alone.
    ("letter_grade", _in_brackets(r"(?P<strength>[a-d] recommendation|i statement)")),
    # `[Based on low quality evidence from cohort studies]` (NICE): the level as printed, no strength.
    ("evidence_statement", _EVIDENCE_STATEMENT),
    # `(category 2A)`: NCCN's category of evidence and consensus, kept as the level.
    ("nccn_category", _in_brackets(_NCCN_CATEGORY)),
    ("nccn_category", rf"(?<![a-z])(?:is|are|as) an? {_NCCN_CATEGORY}(?= recommendation)"),
    # `(Grade D)`, `（推荐强度：B）` with no level printed (SIGN and others).
    ("strength_only", _in_brackets(rf"{_STRENGTH_ONLY_WORD}{_SEP}(?P<strength>[a-d]|strong|weak|强|弱)(?![a-z])")),
    # `(level of evidence: 2b)` with no strength printed.
    ("level_only", _in_brackets(rf"{_EVIDENCE_ONLY_WORD}{_SEP}{_LEVEL}")),
))
# `【证据级别】Ⅰ`, `Level of evidence: II` on a line of its own: the level of a block of statements given once,
# before or after the block (CACA); extract/guidelines/blocks.py gives it to the block's statements.
# `Aggregate evidence quality: Grade B, based on …` (an AAO-HNS profile) is such a line too.
LEVEL_LINE = re.compile(rf"(?<![^\n])[ \t*#]*\[?{_LEVEL_WORD}\]?[ \t]*[:=]?[ \t]*(?:grade[ \t]+)?{_LEVEL}"
                        r"(?:[ \t.]*(?=\n|$)|[ \t]*,)")
# Notations too short or too common to be a grade outside a guideline or consensus: a paper's
# `(level of evidence = 1B)` rates a cited study, `Acetate (C2)` is chemistry.
GUIDELINE_ONLY_FORMS = ("labelled_code", "labelled_code_line", "level_only", "strength_only", "zh_class",
                        "digit_letter", "letter_digit", "nccn_category",
                        "good_practice", "no_recommendation", "letter_grade", "evidence_statement",
                        "statement_strength", "category_strength", "strength_sentence")
# Forms that must close their line in the text (the matching view may have joined the next line to it).
LINE_END_FORMS = ("statement_strength", "grade_fields", "labelled_code_line")
# Compact notations must close a statement of some length (`(1B)` after a sentence, not a table cell).
COMPACT_FORMS = ("digit_letter", "letter_digit")
# Forms that close their sentence: the line ends or a full stop follows (several statements in one paragraph).
# Checked in the text (statements._closes), not in the pattern: the key joins a paragraph to the next one across
# a blank line (with no space after a full-width bracket).
CLOSING_FORMS = ("digit_letter", "letter_digit", "category_strength", "labelled_code")
# Forms found inside a sentence: the statement runs on to the end of that sentence.
IN_SENTENCE_FORMS = ("no_recommendation", "nccn_category", "strength_sentence")

_ROMAN = re.compile(r"^([IVX]+)(?=$|[-\d]|[A-Za-z]$)", re.I)
_WORD = re.compile(r"^[a-z]+(?: [a-z]+){0,3}$", re.I)
_NO_RECOMMENDATION_MADE = re.compile(rf"\bno recommendation\b|{_words('no_recommendation')}", re.I)
_UNGRADED = re.compile(_words("ungraded_statement"), re.I)
_EXPERT_BASIS = re.compile(_words("expert_basis"), re.I)
_LETTER_GRADE = re.compile(r"^([a-di])\s+(?:recommendation|statement)$", re.I)  # `B recommendation`, `I statement`
_QUALITY_SUFFIX = re.compile(r"(?:[- ]?(?:quality|certainty)|质量|级|推荐|\s*recommendation)$", re.I)


def ascii_roman(s: str) -> str:
    """Roman numerals printed as one character (`Ⅱ`) in ASCII letters (`II`), nothing else changed."""
    return "".join(unicodedata.normalize("NFKC", c) if "\u2160" <= c <= "\u217f" else c for c in s)


def normalise_level(printed: str) -> str:
    """ASCII roman numerals, no spaces: `Ⅱ b` -> `IIb`, `I b` -> `Ib`, `ii-2` -> `II-2`; words in lower case."""
    if _EXPERT_BASIS.search(printed):
        return "expert opinion"  # `the experience and opinion of the GDG` (NICE)
    s = ascii_roman(_QUALITY_SUFFIX.sub("", printed.strip()))
    compact = re.sub(r"\s+", "", s)
    m = _ROMAN.match(compact)
    if m:
        return m.group(1).upper() + compact[m.end():].lower()
    if _WORD.match(s) and len(s) > 2:
        return re.sub(r"\s+", " ", s).lower()
    return compact


def ungraded_on_purpose(printed: str) -> bool:
    """A strength as printed that says the statement has none (a good practice statement or point, a statement
    that makes no recommendation): such a statement is kept, ungraded, and is no recommendation row."""
    return bool(_UNGRADED.search(printed) or _NO_RECOMMENDATION_MADE.search(printed))


def normalise_strength(printed: str) -> str:
    """As printed without the word `recommendation` / `推荐`; English words in lower case; roman
    numerals in ASCII (`Ⅱ级推荐` -> `II`)."""
    if _NO_RECOMMENDATION_MADE.search(printed):
        return "no recommendation"
    letter = _LETTER_GRADE.match(printed.strip())
    if letter:
        return letter.group(1).upper()
    whole = ascii_roman(printed).strip()
    # `Recommendation` alone is a strength of its own (AAO-HNS: strong recommendation, recommendation, option)
    s = re.sub(r"\s+", " ", _QUALITY_SUFFIX.sub("", whole).strip() or whole)
    return s.lower() if _WORD.match(s) and len(s) > 2 else s


_LEGEND = re.compile(rf"(?P<symbols>{SYMBOLS})[^{_FILLED}{_OPEN}\n]{{0,24}}?"
                     rf"(?<![a-z])(?P<word>{'|'.join(sorted(GRADE_SYMBOL_LEVELS, key=len, reverse=True))})(?![a-z])",
                     re.I)


def symbol_legend(text: str) -> dict[int, str]:
    """Filled symbols -> certainty word, as a document's printed legend gives them (`⊕⊕○○ denotes low
    quality`, `⊕⊕○○, low quality`); the first reading of each count wins."""
    legend: dict[int, str] = {}
    for m in _LEGEND.finditer(text):
        filled = sum(c in _FILLED for c in m.group("symbols"))
        legend.setdefault(filled, m.group("word").lower())
    return legend


def level_from_symbols(printed: str, legend: dict[int, str]) -> str:
    """The certainty `⊕⊕○○` stands for: by the document's legend, else by GRADE's (2 filled: low); "" when
    `printed` is no run of symbols."""
    if not re.fullmatch(SYMBOLS, printed or ""):
        return ""
    filled = sum(c in _FILLED for c in printed)
    default = GRADE_SYMBOL_LEVELS[filled - 1] if 1 <= filled <= len(GRADE_SYMBOL_LEVELS) else ""
    return legend.get(filled, default)
