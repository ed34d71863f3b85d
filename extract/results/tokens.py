"""Stage 1 of reading results: the numbers of a stretch of text as typed tokens (key offsets).

A `Num` is one number with what is printed around it: its sign, unit, `± SD`, `(IQR)` / `(range)`,
`n/N`, `n (x%)` / `n例（x%）` (one token valued at the percentage, n kept), `(95% CI a–b)`, the
p-value after it. Its `role` says whether it can be a result (`value`) or why it cannot: a bound
of a CI or range, a p-value, a table or figure label, a year, a citation, a version, a group size
(`n = 30`), a time point (`week 12`, `at 6 months`, `1 年生存率`), the start of a change
(`from 7.7 to 8.9`), a dose or exposure (`0.5 mg/kg`, `16 doses`), a threshold (`≥ 5 cm`,
`more than 2 kg`), a grade (`grade 3`, `3~4 级`) or a number inside a name (`SF-36`, `STAR 4`).
This module is the one home of the number, CI and p-value patterns the results reader uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from evkg.core.text import HAN
from evkg.extract.text.numbers import unit_at
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_table, cue_words
from evkg.extract.vocabulary.drugs import by_name

# `0·62`, `1,234.5`, `.77`.
NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:[.·]\d+)?|[.·]\d+"  # `$45,000.`, `1,234.5`
# Not inside a word or a longer number (`SF-36` is caught by its role); a Chinese character may touch it.
_NUM = re.compile(rf"(?<![a-z0-9_.·^/\\])(?:{NUMBER})(?![0-9_·])")
P_VALUE = re.compile(rf"(?<![a-z])p\s*(?:-?\s*(?:values?|for (?:trend|interaction)|trend|interaction)\s*)?"
                     rf"(?:\([^()\d]{{0,30}}\)\s*)?(?:[<=>≤≥]|&lt;|&gt;|\bis\b|\bof\b)+\s*(?:{NUMBER})"
                     rf"(?:\s*[x×*]\s*10\s*-\s*\d+)?")
# `Wilcoxon P values were 0.75 and 0.80`, `the p-values of the secondary outcomes were 0.04, 0.10 and 0.31`: p-values
# said in words, a list or not.
_P_WORDS = re.compile(rf"(?<![a-z])p\s*-?\s*values?\s+(?:(?:for|of|in)\s+[^\d;.]{{1,60}}?\s+)?"
                      rf"(?:(?:were|was|of|are|is)\s+)+(?:{NUMBER})"
                      rf"(?:\s*(?:,|;|,?\s*and|,?\s*or)\s*(?:{NUMBER}))*")
# `95% CI 1.16–4.76`, `95%CI：12.1~20.5`, `95% confidence interval [CI]: 5–37%`, `95% CI −0.53, 0.56`,
# `95% confidence interval (CI) = 0.438, 0.894`.
CI = re.compile(rf"(?<![\d.])(\d{{2}}(?:\.\d)?)\s*%\s*(?:ci|cis|cri|confidence intervals?|credible intervals?|"
                rf"可信区间|置信区间)(?:\s*[\[(]\s*ci\s*[\])])?\s*(?:of|was|were)?\s*[:,=]?\s*[\[(]?\s*"
                rf"(-?\s*(?:{NUMBER}))\s*%?\s*(?:-|to|,|;|~|and)\s*(-?\s*(?:{NUMBER}))\s*%?\s*[\])]?")
# `OR: 0.612, confidence interval: 0.304–0.885`: an interval named without its level.
_CI_BARE = re.compile(rf"\s*[,;(\[]\s*(?:ci|confidence interval|可信区间|置信区间)\s*[:=,]?\s*[\[(]?\s*"
                      rf"(-?(?:{NUMBER}))\s*%?\s*"
                      rf"(?:-|to|,|~)\s*(-?(?:{NUMBER}))\s*%?\s*[\])]?")
# `(−1·8, −2·9 to −0·7; p=0·002)`: an estimate, its interval unlabelled after a comma, then a p or the bracket's end
# (the Lancet's repeat of a difference whose CI was labelled before).
_CI_COMPACT = re.compile(rf"\s*,\s*(-?(?:{NUMBER}))\s*(?:to|-)\s*(-?(?:{NUMBER}))(?=\s*(?:[;)\]]|,\s*p\b))")
# `95% CI`, `(95% confidence interval)` as a label, with or without its bounds: never a rate.
_CI_LABEL = re.compile(r"(?<![\d.])\.?\d+(?:\.\d)?\s*%\s*"  # `.95% CI` too
                       r"(?:ci|cis|cri|confidence|credible|prediction|可信区间|置信区间)|"
                       # a usual level with a word or two before the interval's name: `95% bootstrap CIs`
                       r"(?<![\d.])(?:80|90|95|99)\s*%\s*(?:(?!of\s)[a-z][a-z-]*\s+){1,2}(?:ci|cis|cri|confidence|credible)"
                       r"(?![a-z])")
_LABEL = re.compile(r"(?<![a-z])(?:supplementary\s+)?(?:tables?|fig(?:ure)?s?\.?|tab\.?|表|图)\s*s?\d+[a-z]?")
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?![\d.%])(?!\s*(?:patients|例|名|participants|subjects))")
_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日|"
                   r"(?<![\d.])\d{1,2}\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2}")
_VERSION = re.compile(r"(?:recist|ctcae|easl|spss|sas|stata|version|ver\.|v|版|第)\s*\d+(?:\.\d+)*"
                      r"|(?<![\d.])\d+(?:\.\d+)*\s*版")
# `proliferation [3120,32,33]`: whole numbers in square brackets after a word are citation numbers, whether or
# not the reference list resolves them (after a number, `471 [334, 717]` is its interval).
_CITE_LIST = re.compile(r"(?<![\d%.])(?<![\d%.] )\[\s*\d{1,4}(?:\s*[,–-]\s*\d{1,4})*\s*\]")
# `1,1′-dioctadecyl-3,3,3′,3′-tetramethyl…`: the locants of a chemical name (digits joined by commas, primes
# allowed, before a hyphen and a letter) are part of the name.
_LOCANTS = re.compile(r"(?<![\d.,])\d{1,2}['′]?(?:,\d{1,2}['′]?)+-(?=[a-z])")
_SIZE = re.compile(r"(?<![a-z])n\s*=\s*$")
_SIGN = re.compile(r"(?:(?<=[\s(\[:;,=])|^)([-+±])\s?$")
# `2.1 ± 0.8`, `(2.1, SD 0.8)`, `(M = 2.1, SDpre = 0.8)`: an SD with a time point (result_words `stat_subscript`)
# as its subscript
_SD = re.compile(rf"\s*(?:±|\+/-|\+-|[,;]\s*sd(?:{cue_alternation('result_words', 'stat_subscript')}|t?\d)?\b\s*[:=]?)"
                 rf"\s*({NUMBER})")
# `8.6 months (±4.9 months)`, `(SD ±5.3 months)`, `(standard deviation [SD] 4.9)`: an SD alone in the bracket after
# a value, with the value's unit again.
_SD_BRACKET = re.compile(rf"\s*[(\[]\s*(?:(?:sd|standard deviation)(?:\s*\[sd\])?\s*[:=,]?\s*±?|±)\s*({NUMBER})"
                         r"\s*(?:[a-zμ%/]{1,12}\s*)?[)\]]")
_BRACKET_PAIR = re.compile(rf"\s*[(\[]\s*(iqr|interquartile range|range|sd|范围)?\s*[:,=]?\s*(-?(?:{NUMBER}))\s*%?\s*"
                           rf"(?:-|to|,|;|~)\s*(-?(?:{NUMBER}))\s*%?\s*(?:[)\]]|(?=[,;]\s*p\b))")
# `0.011 QALYs [-0.017, 0.039]`, `$410 [$230, $720]`: a comma pair in square brackets after a value (a short unit
# word between them) holding it is its interval, unlabelled; its numbers are no results of their own.
_CI_SQUARE = re.compile(rf"\s*(?:[a-z]{{1,12}}\s*(?:[a-z]{{1,12}}\s*)?)?"  # `QALYs gained [`: up to two unit words
                        rf"\[\s*([$€£¥]?)\s*(-?(?:{NUMBER}))\s*,\s*\1\s*(-?(?:{NUMBER}))\s*\]")
_PCT_SPREAD = re.compile(rf"\s*[(\[]\s*({NUMBER})\s*%\s*[)\]]")
_BRACKET_ONE = re.compile(rf"\s*[(\[]\s*(?:sd\s*[:=]?\s*)?({NUMBER})\s*(?:[)\]]|[;,](?=\s*range))")
# `12 (30.0%)`, `12例（30.0%）`, `22 of 106 patients (20.8%)`, `15/48 (31.3%)`, `n = 17 (5.9%)`.
_COUNT_PCT = re.compile(rf"\s*(?:(?:of|/)\s*(\d+)\s*)?(?:例|名|次|个|patients?|participants?|subjects?|cases?|"
                        rf"children|women|men|eyes|infants)?\s*[(\[]\s*({NUMBER})\s*%\s*[)\]]")
_COUNT_AWAY_PCT = re.compile(rf"\s+(?:patients?|events?|cases?|deaths?)?\s*(?:(?:were|was)\s+[a-z]+\s+)?"
                             rf"(?:in|among|of|for)\s+"
                             rf"(?:the\s+)?[a-z][a-z0-9\- ]{{0,28}}?\s*[(\[]\s*({NUMBER})\s*%\s*[)\]]")
_PCT_FRAC = re.compile(r"\s*[(\[,]?\s*(?:n\s*=\s*)?(\d+)\s*(?:/|of|out of)\s*(\d+)(?:\s*(?:patients|cases|例))?"
                       r"\s*[)\]]?")
# `55.9%（66例）`: a Chinese share with its count in the bracket after it (the count is its n).
_PCT_COUNT = re.compile(r"\s*[(\[]\s*(\d+)\s*(?:例|名)\s*[)\]]")
_FRACTION = re.compile(r"\s*(?:/|of|out of)\s*(\d+)(?![\d.%])")
_UNIT_KINDS = ("percent", "time", "quantity")
_COUNT = re.compile(r"\s*(例|名|位)|(?=\s+(?:patients|participants|subjects|cases|deaths|events|episodes|progressions|"
                    r"relapses|recurrences|responses|complications|infections|hospitali[sz]ations|admissions|falls|"
                    r"fractures|exacerbations|seizures|strokes|infarctions|reinterventions|readmissions)\b)")
_DOSE_UNITS = ("dose",)
_GRADE = re.compile(r"(?:grade|grades|级|期)")


@dataclass
class Num:
    start: int  # the value's own digits
    end: int
    value: float  # signed
    written: str
    stop: int = 0  # where its printed form ends (unit, brackets, CI, p)
    unit: str = ""
    kind: str = ""  # percent | time | quantity | count | "" (bare)
    n: int | None = None
    total: int | None = None
    details: dict = field(default_factory=dict)
    role: str = "value"  # or why it is no result (see the module docstring)
    sign: int = -1  # key offset of a printed sign, or -1
    first: int = -1  # where its printed form starts (the count of `12 (30.0%)`, a sign)
    core: int = 0  # where the value with its unit and n/N ends, before its spread, CI and p
    when: str = ""  # a time point printed as its statistic's subscript (`Mpost = 3.6`: post)

    @property
    def formed(self) -> bool:
        """Printed as a result: with a unit, a spread, an interval or a count."""
        return bool(self.unit or self.n is not None or {"sd", "iqr_low", "ci_low", "range_low"} & set(self.details))

    @property
    def is_value(self) -> bool:
        return self.role == "value"


def to_value(written: str) -> float:
    return float(written.replace(",", "").replace("·", ".").replace(" ", ""))


def words(role: str) -> tuple[str, ...]:
    """The result words of one role (ontology/cues/result_words.tsv)."""
    return cue_words("result_words", role)


def word_pattern(role: str) -> re.Pattern:
    """The result words of one role as a pattern (extract/vocabulary/cues.py's convention)."""
    return cue_pattern("result_words", role)


@cache
def _before(role: str) -> re.Pattern:
    """The words of a role ending right before a number."""
    # a word cue never ends a longer word; a sign may follow one (`lvef<40%`)
    return re.compile(rf"(?:(?<![a-z])|(?=[^a-z]))(?:{cue_alternation('result_words', role)})[ \t]*-?[ \t]*\Z")


def masks(key: str, citations) -> bytearray:
    """One flag per key position whose digits are no value: CIs, p-values, labels, years, versions, citations."""
    flags = bytearray(len(key))
    spans = [m.span() for rx in (CI, _CI_LABEL, P_VALUE, _P_WORDS, _LABEL, _YEAR, _DATE, _VERSION, _CITE_LIST, _LOCANTS)
             for m in rx.finditer(key)]
    spans += [(c[0], c[1]) for c in citations]
    for s, e in spans:
        flags[s:e] = b"\x01" * (e - s)
    return flags


@cache
def _head_before(role: str) -> re.Pattern:
    """A word of a role right before a number, an abbreviation of it in brackets allowed (`day (POD) 1`)."""
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', role)})(?:\s*\(\s*[a-z]+\s*\))?\s*\Z")


@cache
def _subscript() -> re.Pattern:
    """A mean's name with a time point as its subscript right before its number (`Mpre = `, `Mpost: `)."""
    return re.compile(rf"(?<![a-z])(?:m|mean|mdn)({cue_alternation('result_words', 'stat_subscript')})\s*[=:]\s*\Z")


_SPREAD_BEFORE = re.compile(rf"(?:{NUMBER})\s*(?:±|\+/-)\s*\Z")  # `62 ± ` before a spread


def trait_before(key: str, k: int) -> bool:
    """Whether the number at k is a trait of who was studied by the words right before it (`mean age 67 years`), or
    the spread of one (the 9 of `mean age 62 ± 9 years`)."""
    before = key[max(0, k - 50):k]
    spread = _SPREAD_BEFORE.search(before)
    return _head_before("trait_head").search(before[:spread.start()] if spread else before) is not None


@cache
def _sex_share() -> re.Pattern:
    """A sex or an ethnicity after a percentage, ending a list item (result_words `sex_share`, `ethnic_share`: `58%
    female,`, `46% were girls;`, `61% were Caucasian, 15% Black,`);
    not an item with its own p (`−39% men, p = 0.001`: a result by sex)."""
    shares = cue_alternation("result_words", "sex_share") + "|" + cue_alternation("result_words", "ethnic_share")
    return re.compile(rf"\s*(?:were\s+|was\s+)?(?:{shares})"
                      rf"\s*(?:[,;)\]]|and\b)(?!\s*p\b)")


@cache
def _time_after() -> re.Pattern:
    """Words after a number that make it a count of occasions measured (result_words `time_after`)."""
    return re.compile(rf"\s*(?:{cue_alternation('result_words', 'time_after')})(?![a-z])")


def _in_trait_bracket(key: str, s: int, head: int) -> bool:
    """A later item of a bracket that opens on a trait and its value (`(mean age 62 ± 9 years, mean HbA1c 7.7 …,
    diabetes duration 10 …)`): every item describes who was studied (result_words `trait_head`)."""
    o = key.rfind("(", max(head, s - 200), s)
    if o < 0 or ")" in key[o:s] or not re.search(r"[,;]", key[o:s]):
        return False
    return _TRAIT_OPENING().match(key[o:s]) is not None


@cache
def _TRAIT_OPENING() -> re.Pattern:  # noqa: N802 - a compiled pattern, built once from the cue table
    """A bracket opening on a trait and its value (`(mean age 62`; result_words `trait_head`)."""
    return re.compile(rf"\(\s*(?:{cue_alternation('result_words', 'trait_head')})\s*\d")


@cache
def _time_list() -> re.Pattern:
    """The time words of a list, then numbers joined by commas and `and`/`or` up to the number."""
    words = cue_alternation("result_words", "time_list")
    return re.compile(rf"(?<![a-z])(?:{words})\)?(?:\s*\(\s*[a-z]+\s*\))?\s+(?:\d+\s*(?:,|and|or)\s*)+"
                      rf"(?:and\s+)?\Z")


@cache
def _time_list_head() -> re.Pattern:
    """A time word of a list (result_words `time_list`) right before a number: `weeks 4`."""
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'time_list')})\s+\Z")


# More numbers joined to one by `,` / `and` / `or` (`4 and 8`, `4, 13 and 17`), no unit of their own.
_NUMBERS_AHEAD = re.compile(r"(?:\s*(?:,\s*(?:and|or)?|and|or)\s*\d+(?![\d.%]))+")


@cache
def _statistic() -> re.Pattern:
    """A test statistic's name and its equals sign right before a number (result_words `statistic`)."""
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'statistic')})\s*[=:]\s*\Z")


def _role_before(key: str, s: int, head: int) -> str:
    """Why the number at s is no result, judged by what stands right before it (`head` bounds the look-back)."""
    before = key[max(head, s - 40):s]
    if _SIZE.search(before[-8:]):
        return "size"
    if re.search(r"[a-z\u03b1-\u03c9]-?\Z", before) or _head_before("name_head").search(before) \
            or _head_before("time_word").search(before):
        # `SF-36`, `HAMD17`, `χ²`; `group 2`, `phase 3`, `week 12`, `day 7`: part of a name or a time point
        return "timepoint" if _head_before("time_word").search(before) else "name"
    if _head_before("trait_head").search(before) or _in_trait_bracket(key, s, head):
        return "trait"  # `(mean age 59 ± 8 years, mean HbA1c 7.7 …)`: traits of who was studied
    if _PRODUCT_BEFORE.search(before):
        return "exposure"  # the later factors of `2 × 5 mg`
    if _statistic().search(before):
        return "statistic"  # `t=6.41`, `χ²=4.11`: a test statistic
    if _time_list().search(before):
        return "timepoint"  # `at weeks 4, 13, 17, 21, and 25`, `on postoperative day (POD) 1, 2 and 3`
    if re.search(r"(?<![a-z])(?:at\s+)?time\s*\Z", before):
        return "timepoint"  # `nadir occurred at time 0`
    if re.search(r"(?<![a-z])(?:grade|grades)\s*(?:\d\s*(?:-|to|/|or|and)\s*)?\Z", before):
        return "grade"
    if _before("bound").search(before) and not re.search(r"p\s*(?:-?\s*values?)?\s*[<>≤≥]\s*\Z", before):
        return "bound"
    if _before("threshold").search(before):
        return "bound"  # `to provoke a 15% fall in FEV1`, `until a 20% drop`: a criterion of the protocol
    if re.search(r"(?<![a-z])from\s*(?:a\s+)?(?:mean\s+|median\s+)?(?:of\s+)?\Z", before):
        return "from"
    if _BETWEEN_END.search(before):
        return "range"  # the end of `between 15% and 25%`
    if re.search(r"\d\s*%?\s*[-~]\s*\Z", before):
        return "range"  # the upper end of `1.6-2.3`, `15%~25%`
    if re.search(r"(?<![a-z±])(?:sd[a-z]{0,6}|se[a-z]{0,6}|standard deviation|standard error)\s*[=:]\s*\Z|"
                 r"(?<![a-z])(?:sd|se)\s+\Z", before):
        return "spread"
    return "value"


_BETWEEN_END = re.compile(rf"(?<![a-z])between\s+(?:{NUMBER})\s*%?\s*and\s*\Z")
# A product of two numbers, the first a small count (`2 x 5 mg`, `3 × 4 cm`); `2.5 × 10^9/L` (`× 109/L` in plain
# text) is a value in scientific notation, so a second factor opening on 10 is no product; `14 × 18 × 25 mg` is a
# list of three groups' values printed with `×`, left as it reads.
_PRODUCT_AHEAD = re.compile(r"\s*[x×]\s*(?!10)\d+(?:\.\d+)?(?![\d.])(?!\s*[x×])")
_PRODUCT_BEFORE = re.compile(r"(?<![\d.×x]\s)(?<![\d.×x])\b[1-9]\s*[x×]\s*\Z")
_RATE_AFTER = re.compile(r"\s*(?:的\s*)?(?:[\u4e00-\u9fff]{0,4})?(?:生存率|存活率|生存|dcr|orr|pfs|os)")


@cache
def _han_measure_after() -> re.Pattern:
    """A Chinese measure's name right after a duration (`1年MACE发生率`, `3个月HAMD缓解率`; result_words `han_head`):
    the duration is its time point."""
    return re.compile(rf"(?<=[{HAN}])(?:的)?[^\d\s,;:。()]{{0,12}}?(?:{cue_alternation('result_words', 'han_head')})")


def _role_after(key: str, num: Num) -> str:
    """Why a number is no result, judged by what is printed after it."""
    after = key[num.stop:num.stop + 24]
    if re.match(r"-(?:year|month|week|day|hour|minute|min|h)(?:ly)?\b", key[num.end:num.end + 9]):
        return "timepoint"  # `2-year overall survival`, `12-week` qualify a measure; `3-monthly` a schedule
    if _SUSPENDED.match(key, num.end):
        return "timepoint"  # `a 4- versus 2-month window`, `6- and 12-week visits`: the first of two time spans
    if not num.unit and _TIMED_LIST_AHEAD.match(key, num.stop) and _opens_at_zero(key, num):
        return "timepoint"  # `levels 0, 30, and 60 min after the meal`: the time points a measure was taken at
    if not num.unit and _WINDOW_START.match(key, num.stop) and \
            re.search(r"(?<![a-z])between\s*\Z", key[max(0, num.start - 10):num.start]):
        return "timepoint"  # `increased between 0 and 6 weeks`: the start of a time window
    if not num.unit and _LISTED_AHEAD.match(key, num.stop) and \
            _listed_moments().search(key[max(0, num.start - 80):num.start]):
        return "timepoint"  # `at 1, 2 and 3 years`: the bare first numbers of a list of time points
    if not num.unit and _NUMBERS_AHEAD.match(key, num.stop) and _time_list_head().search(key, max(0, num.start - 20),
                                                                                          num.start):
        return "timepoint"  # `at weeks 4 and 8`: the first number of a list after its time word
    if _time_after().match(key, num.stop):
        return "timepoint"  # `at any of the 3 time points`: how many times were measured
    if not num.unit and re.match(r"[a-z]", key[num.end:num.end + 1]):
        return "name"  # `5F`, `3D`, `2nd`
    if num.unit == "%" and num.n is None and _given(key, num.stop):
        return "name"  # `5% glucose`, `2% chlorhexidine`: the concentration of what was given
    if not num.unit and num.n is None and (re.match(r"\s*(?:级|期)", after)
                                          or re.match(r"\s*(?:~|-|、|,|and|to|or)\s*\d\s*(?:级|期)", after)):
        return "grade"  # `3~4 级`, `III 期`: a grade, not a value
    if num.kind == "time" and (_RATE_AFTER.match(after) or _han_measure_after().match(key, num.stop, num.stop + 24)):
        return "timepoint"  # `1 年生存率`, `6 个月的 DCR`, `1年MACE发生率`
    if num.unit in _CLOCK_UNITS and names_measure_after(key, num.stop):
        return "timepoint"  # `120 min plasma insulin (401 …)`: the time a measure with its own value is named for
    if num.unit in _CLOCK_UNITS and (_specimen_after(key, num.stop) or _durations_naming(key, num)):
        return "timepoint"  # `60 min plasma insulin, 120 min plasma insulin and …`: the times measures are named for
    if re.match(r"\s*(?:or|and)\s+(?:smaller|less|more|greater|larger|fewer|older|younger|higher|lower|above|below|"
                r"over|under)\b", after):
        return "bound"  # `2 cm or smaller`
    if not {"sd", "p_value", "ci_low"} & set(num.details) and re.match(
            r"\s*(?:[(\[][^()\[\]]{0,24}[)\]]|[)\]])\s*or\s+"
            r"(?:less|more|greater|higher|lower|above|below|over|under)\b",
            key[num.stop:num.stop + 40]):
        return "bound"  # `50 mg/dL (2.8 mmol/L) or lower`: a threshold, its other unit in brackets
    if re.search(r"(?<![a-z])between\s*\Z", key[max(0, num.first - 9):num.first]) and \
            re.match(r"\s*(?:and|to|-|–)\s*\d", after):
        return "range"  # `a fall between 15% and 25%`: a spread, no result
    if num.unit == "%" and num.n is None and num.sign < 0 and _sex_share().match(key, num.stop):
        return "trait"  # `(58% female, 51% in grade 8)`: the share of a sex among who was studied
    if _PRODUCT_AHEAD.match(after) and re.fullmatch(r"[1-9]", num.written):
        return "exposure"  # `2 × 5 mg`, `14 × 18 × 25 mg`: a factor of a product (a dose, a size), no value
    if re.match(r"\s*:\s*p\s*(?:-?\s*values?)?\s*[<=>≤≥]", after):
        return "timepoint"  # `(six months: P = 0.87)`
    if re.match(r"\s*(?:-|~)\s*(?:fold|dose|mg|day)\b|\s*(?:doses|sessions|cycles|injections|infusions|courses|"
                r"次治疗|个周期|疗程)", after) or (not num.unit and _DOSE_LIST.match(after)):
        return "exposure"  # `16 doses`; `canagliflozin 100 and 300 mg`: the first dose of a list
    if re.match(r"\s*to\s+[-+]?\s*\d", after):
        # `(7.7 ± 2.5% to 8.9 ± 2.2%)`: the start of a change; `18 to 65 years` a range
        return "from" if num.details.get("sd") or num.kind == "percent" else "range"
    if re.match(r"\s*(?:~|-)\s*\d", after):
        return "range"  # `45~78 岁`, `1.6-2.3`
    if re.match(r"0\d", num.written):
        return "name"  # `052`: an identifier
    if not num.unit and _measured_at().match(key, num.stop) and re.match(r"\s*(?:[、,]|和|及|与|and|or)", after):
        return "timepoint"  # `1、2 年生存率`: the first of a list of time points
    return "value"


_WORD = re.compile(r"\s*([a-z][a-z\-]{3,})")


def _opens_at_zero(key: str, num: Num) -> bool:
    """Whether the list of bare numbers num stands in opens at 0 (`0, 30, and 60 min after`): a list of time points
    from the start. A list opening elsewhere (`at 2, 3 and 4 h after`) is left as it reads: values may be listed so."""
    lead = re.search(r"(?:\d+(?:\.\d+)?\s*(?:,\s*(?:and|or)?|and|or)\s*)*\Z", key[max(0, num.start - 40):num.start])
    head = lead.group(0) if lead else ""
    return (re.match(r"\d+(?:\.\d+)?", head).group(0) if head else num.written) in ("0", "0.0")
# The joint between two items of a list (`4, 8`, `4 and 8`, `, or`, `versus`).
_LIST_SEP = r"\s*(?:,\s*(?:and|or)?|and|or|versus|vs\.?)\s*"
# A time span's unit as English prints it (one alternation for every pattern here).
_TIME_UNIT = r"(?:days?|weeks?|months?|years?|hours?|hrs|h|min|minutes?)"
# A suspended hyphen before a second time span (`4- versus 2-month`), and a list of bare numbers whose last
# carries a clock unit and `after`/`before` (`0, 30, and 60 min after`).
_SUSPENDED = re.compile(r"-\s+(?:versus|vs\.?|and|or|to)\s+\d+(?:\.\d+)?\s*-\s*"
                        rf"{_TIME_UNIT}\b")
# `between 0 and 6 weeks`: the end of a time window after its start.
_WINDOW_START = re.compile(r"\s*(?:and|to|-|–)\s*\d+(?:\.\d+)?\s*"
                           rf"{_TIME_UNIT}\b")
_LISTED_AHEAD = re.compile(rf"(?:{_LIST_SEP}\d+(?:\.\d+)?)+\s*"
                           rf"{_TIME_UNIT}\b")
_TIMED_LIST_AHEAD = re.compile(r"(?:\s*(?:,\s*(?:and|or)?|and|or)\s*\d+(?:\.\d+)?)+\s*"
                               rf"{_TIME_UNIT}\s+"
                               r"(?:after|before|post|following|prior to)\b")


def _given(key: str, pos: int) -> bool:
    """Whether the word at pos names a drug (the drug dictionary) or a solution given (result_words
    `solution`): a percentage before it is a concentration."""
    w = _WORD.match(key, pos)
    if not w:
        return False
    form = _FORM_AFTER.match(key, w.end())
    if form and form.group(1) in words("dosage_form") and not re.search(r"(?:ed|ing)\Z", w.group(1)) \
            and w.group(1) not in words("measure_stop"):
        return True  # `20% lipid emulsion`, `1% topical cream`: one word naming what the form holds
    drug = by_name().get(w.group(1))
    return bool(drug and not drug.brand) or w.group(1) in words("solution") or w.group(1) in words("dosage_form")


_FORM_AFTER = re.compile(r"\s+([a-z][a-z\-]{2,})")
# `100 and 300 mg`: a list of doses, its first number printed without the unit.
_DOSE_LIST = re.compile(r"\s*(?:,|and|or|to)\s*\d+(?:\.\d+)?\s*(?:mg|µg|μg|mcg|mg/kg|mg/m2)(?![a-z/\d])")
_SPREAD = re.compile(r"±|\+/-|(?<![a-z])(?:sd|se|iqr|ci)(?![a-z])")


@cache
def _rate_unit() -> re.Pattern:
    """`falls per person-year`, `per 100 procedures`, `episodes per 1,000 patient-days`: a rate's unit; who
    and what a rate counts per are result_words `rate_person` and `rate_per`."""
    person = cue_alternation("result_words", "rate_person")
    per = cue_alternation("result_words", "rate_per")
    return re.compile(rf"\s*((?:[a-z][a-z\-]*\s+)?per\s+(?:\d{{1,3}}(?:,\d{{3}})*\s+|\d+\s+)?"
                      rf"(?:(?:{person})\s(?:years?|months?|weeks?|days?)|(?:[a-z]+-)?(?:years?|months?|weeks?|days?|hours?)"
                      rf"|{per}))(?![a-z\-])")


@cache
def _currency_lead() -> re.Pattern:
    """`265 USD per month`: a cost, not a rate (compiled once: it is asked of every number)."""
    return re.compile(rf"\s*(?:{cue_alternation('result_words', 'currency')})\s")


_CLOCK_UNITS = ("hours", "minutes", "seconds", "days", "weeks", "months", "years")
# After a duration, up to four words and then their own value (`120 min plasma insulin (401`, `2 h glucose was 7.1`).
_MEASURE_WITH_VALUE = re.compile(r"\s+([a-z][a-z0-9\-/]*)(?:\s+[a-z][a-z0-9\-/]*){0,3}?\s*"
                                 r"(?:\(\s*[-−]?\d|(?:was|were|is|are)\s+(?:[a-z]+\s+)?[-−]?\d|[:=]\s*[-−]?\d)")


_NEXT_WORD = re.compile(r"\s+([a-z][a-z0-9\-]*)")


def _specimen_after(key: str, stop: int) -> bool:
    """Whether a duration is followed by the specimen a measure is taken in (`120 min plasma insulin`)."""
    w = _NEXT_WORD.match(key, stop)
    return bool(w) and w.group(1) in words("specimen")


def _durations_naming(key: str, num: Num) -> bool:
    """Whether a duration stands in a list of durations each before the same word (`30 min pg, 60 min pg and 120 min
    pg`): the times one measure is named for, no values. A word that keeps a duration a value (result_words
    `duration_tail`: `with`, `in`) is no such name."""
    w = _NEXT_WORD.match(key, num.stop)
    if not w or word_pattern("duration_tail").fullmatch(w.group(1)):
        return False  # `45 min with drug K and 70 min with placebo`: durations reported
    unit, word = re.escape(key[num.end:num.stop].strip()), re.escape(w.group(1))
    ahead = re.compile(rf"(?:\s+[a-z][a-z0-9\-]*){{0,2}}?{_LIST_SEP}\d+(?:\.\d+)?\s*{unit}\s+{word}(?![a-z])")
    behind = re.compile(rf"\d+(?:\.\d+)?\s*{unit}\s+{word}(?:\s+[a-z][a-z0-9\-]*){{0,2}}?{_LIST_SEP}\Z")
    return bool(ahead.match(key, w.end()) or behind.search(key[max(0, num.start - 60):num.start]))


def names_measure_after(key: str, stop: int) -> bool:
    """Whether the words after a duration name a measure that has its own value, the first no word that keeps
    the duration a value (result_words `duration_tail`: `4.1 hours per night`, `5.6 months with X (`)."""
    m = _MEASURE_WITH_VALUE.match(key, stop)
    return bool(m) and not word_pattern("duration_tail").fullmatch(m.group(1))


@cache
def _measured_at() -> re.Pattern:
    """After a duration: it names when a measure was taken (result_words `measured_at`: `2 year survival`,
    `12-week follow-up`), after more durations of a list (`1、2 年生存率`)."""
    return re.compile(r"(?:\s*(?:[、,]|和|及|与|and|or)\s*(?:\d+|半)\s*-?\s*(?:个)?\s*"
                      r"(?:年|月|周|years?|months?|weeks?)?)*"
                      rf"\s*-?\s*(?:的\s*)?(?:{cue_alternation('result_words', 'measured_at_lead')})?\s*"
                      rf"(?:{cue_alternation('result_words', 'measured_at')})")


# `from baseline to 6 months`, `between baseline and 6 months`: a window opened by a moment (`time_origin`).
@cache
def _origin_window() -> re.Pattern:
    origin = cue_alternation("result_words", "time_origin")
    return re.compile(rf"(?<![a-z])(?:from\s+(?:the\s+)?(?:{origin})\s+to|"
                      rf"between\s+(?:the\s+)?(?:{origin})\s+and)\s*\Z")


# `at baseline, 3 months, 6 months and 1 year`, `at 1, 2 and 3 years`: moments listed after a time preposition.
@cache
def _listed_moments() -> re.Pattern:
    origin = cue_alternation("result_words", "time_origin")
    return re.compile(rf"(?<![a-z])(?:at|after|during|until|through)\s+(?:the\s+)?"
                      rf"(?:(?:{origin}|\d+(?:\.\d+)?(?:\s*{_TIME_UNIT})?){_LIST_SEP})*\Z")


# `from 6 months to`, unless a verb of change says the durations are what changed (`increased from 6 months to`).
_WINDOW = re.compile(rf"(?<!increased )(?<!decreased )(?<!rose )(?<!fell )(?<!improved )(?<!prolonged )"
                     rf"(?<![a-z])from\s+(?:the\s+)?\d+(?:\.\d+)?\s*{_TIME_UNIT}\s+to\s*\Z")
# A list of durations in two units or more before the number: a schedule, not results.
_SEP = r"\s*(?:,\s*(?:and|or)?|and|or)\s*"
_SCHEDULE = re.compile(rf"\d+\s*(day|week|month|year)s?{_SEP}(?:\d+\s*[a-z]{{0,6}}{_SEP})*?"
                       rf"\d+\s*(?!\1)(?:day|week|month|year)s?{_SEP}(?:\d+{_SEP})*\Z")
_SCHEDULE_AHEAD = re.compile(rf"(day|week|month|year)s?{_SEP}\d+\s*(?!\1)(?:day|week|month|year)s?\b")


def _scheduled(key: str, num: Num, head: int) -> bool:
    """A number in a list of durations in two units or more (`2 days, 2 weeks, 1 month, 4, 8, and 16 months`)."""
    if _SCHEDULE.search(key[max(head, num.start - 80):num.start]):
        return True
    return bool(_SCHEDULE_AHEAD.match(key, re.compile(r"\s*").match(key, num.end).end()))


_SHARE_BRACKET = re.compile(r"\s*\(\s*[-+]?\d+(?:\.\d+)?\s*%")
_SINGULAR_TIME = re.compile(r"\s*-?\s*(?:week|month|year|day|hour|minute)\s+(?!of\b|and\b|or\b|to\b)[a-z]")


def _timed(key: str, num: Num, head: int) -> bool:
    """`at 6 months`, `within 2 h`, `after 12 weeks of`, `治疗后 3 个月`, `2-year survival`, `随访 12 个月`:
    a duration saying when something was measured, not what."""
    before = key[max(head, num.start - 24):num.start]
    if re.search(r"(?:为|是|达|was|were|of|:|=)\s*\Z", before):
        return False  # `mOS 为 13.6 个月`: a duration reported
    if re.search(r"(?:creased|proved|duced|rose|fell|dropped|declined|changed|shortened|lengthened|prolonged)"
                 r"\s+(?:\w+\s+)?by\s*\Z", before):
        return False  # `decreased by 2.1 s`: a change reported
    if re.search(r"(?<![a-z])(?:at|after|within|during|for|over|by|until|up to|through|throughout|before|"
                 r"every|each|between)\s*(?:the\s+)?(?:first\s+|initial\s+|last\s+|next\s+)?\Z", before):
        return not re.search(r"(?:was|were|of|为|是)\s*\Z", before)
    if re.search(r"(?<![a-z])(?:within|between)\s+\d+(?:\.\d+)?\s*(?:-|–|to|and)\s*\Z", before):
        return True  # `within 2 to 4 weeks`, `between 0 and 6 weeks`: the end of a time window
    if _WINDOW.search(key[max(head, num.start - 60):num.start]):
        return True  # `the decline in 25-OH-D from 6 months to 12 months`: the end of a time window
    if _origin_window().search(key[max(head, num.start - 60):num.start]) or \
            _listed_moments().search(key[max(head, num.start - 80):num.start]):
        return True  # `declined from peak to 6 months`; `at baseline, 3 months, 6 months and 1 year`

    if re.search(r"(?:随访|治疗后|术后|第|后|前|每|至|持续)\s*\Z", before):
        return True
    if re.search(r"(?<![a-z])(?:in|since|from|of)\s+(?:the|a|an)\s+\Z", before):
        return True  # `as in the 30 week report`
    if re.match(r"\s*(?:before|after|prior to|post|following)\s+[a-z]", key[num.stop:num.stop + 20]):
        return True  # `10 min before induction`
    if _SINGULAR_TIME.match(key[num.end:num.end + 30]):
        return True  # `the 30 week report`, `a 6 month follow-up`: a unit in the singular names a time
    if _SHARE_BRACKET.match(key, num.stop):
        return True  # `after 4 weeks (44% vs 31%), 8 weeks (47% vs 35%)`: the time of the shares in its bracket
    return bool(_measured_at().match(key, num.stop))


def _read_share(key: str, num: Num, pos: int) -> int:
    """A count printed with its share (`12例（30.0%）`, `2 in the C group (10%)`, `16/48 (33.3%)`): one result
    valued at the percentage, the count its n. Returns where the reading goes on."""
    cp = _COUNT_PCT.match(key, pos)
    if cp and float(num.value).is_integer() and num.value >= 0 and "%" not in key[pos:pos + 2]:
        # `12例（30.0%）`: one result valued at the percentage, the count its n; the span moves to it
        num.n, num.total = int(num.value), int(cp.group(1)) if cp.group(1) else None
        num.start, num.end = cp.start(2), cp.end(2)
        num.value, num.written, num.unit, num.kind = to_value(cp.group(2)), cp.group(2), "%", "percent"
        num.details["statistic"] = "proportion"
        num.stop = pos = cp.end()
        pos = _of_total(key, num, pos)
    elif (away := _COUNT_AWAY_PCT.match(key, pos)) and float(num.value).is_integer() and num.value >= 0:
        # `2 in the C group (10%)`, `58 falls were recorded in men (21.4%)`: valued at the percentage
        num.n = int(num.value)
        num.start, num.end = away.start(1), away.end(1)
        num.value, num.written, num.unit, num.kind = to_value(away.group(1)), away.group(1), "%", "percent"
        num.details["statistic"] = "proportion"
        num.stop = pos = away.end()
    else:
        fr = _FRACTION.match(key, pos)
        if fr and float(num.value).is_integer() and num.value >= 0 and int(fr.group(1)) >= num.value:
            num.n, num.total, num.kind = int(num.value), int(fr.group(1)), "count"
            num.details["statistic"] = "count"
            num.stop = pos = fr.end()
            pct = _FRAC_PCT.match(key, pos)
            if pct:  # `16/48 (33.3%)`: valued at the percentage
                num.start, num.end = pct.start(1), pct.end(1)
                num.value, num.written, num.unit, num.kind = to_value(pct.group(1)), pct.group(1), "%", "percent"
                num.details["statistic"] = "proportion"
                num.stop = pos = pct.end()
    return pos


_OF_TOTAL = re.compile(r"\s*(?:of|/)\s*(\d+)(?![\d.,%]\d|[\d%])")


def _of_total(key: str, num: Num, pos: int) -> int:
    """`14 (17%) of 84`: the denominator printed after a count and its share."""
    of = _OF_TOTAL.match(key, pos) if num.total is None and num.n is not None else None
    if of and int(of.group(1)) >= num.n:
        num.total = int(of.group(1))
        num.stop = pos = of.end()
    return pos


@cache
def small_number_words() -> dict[str, int]:
    """The number words of units (number_words.tsv `unit`: `three` -> 3), as written."""
    return {w: int(v) for w, v, role, *_ in cue_table("number_words") if role == "unit"}


def _count_in_words(key: str, num: Num) -> None:
    """`nine (15%) of 60`: a count spelt out before a share in brackets is its n (the Lancet spells numbers
    under ten), with the denominator after it."""
    if num.kind != "percent" or num.n is not None:
        return
    before = re.search(r"(?<![a-z\-])([a-z]+)\s*[(\[]\s*\Z", key[max(0, num.first - 14):num.first])
    close = re.compile(r"\s*[)\]]").match(key, num.stop)
    if before is None or close is None or before.group(1) not in small_number_words():
        return
    num.n = small_number_words()[before.group(1)]
    num.details["statistic"] = "proportion"
    num.stop = close.end()
    _of_total(key, num, num.stop)


def _read_after(key: str, num: Num) -> None:
    """What is printed after a number: unit, ± SD, (n/N), (IQR or range), (95% CI), p."""
    pos = _read_share(key, num, num.end)
    if not num.unit and num.n is None:
        count = _COUNT.match(key, pos) if float(num.value).is_integer() else None
        if count:  # `30例`, `112 deaths`, `8 patients`: a count of people or events
            num.kind, num.unit = "count", "patients" if count.group(1) else ""
            num.details.setdefault("statistic", "count")
            num.stop = pos = count.end() if count.group(1) else pos
    rate = _rate_unit().match(key, pos) if not num.unit and num.n is None else None
    if rate and not _currency_lead().match(rate.group(1)):
        # `0.48 falls per person-year`, `3.1 per 100 procedures`: a rate, its denominator no number
        num.unit, num.kind = re.sub(r"\s+", " ", rate.group(1)), "quantity"
        num.stop = pos = rate.end()
    if not num.unit and num.n is None and num.kind != "count":
        u = unit_at(key, pos, *_UNIT_KINDS, *_DOSE_UNITS)
        if u:
            num.stop = pos = u[0]
            num.unit, num.kind = u[1], u[2]
            pts = re.compile(r"\s*(?:percentage )?points?\b").match(key, pos) if num.unit == "%" else None
            if pts:
                num.unit, num.stop = "percentage points", pts.end()
                pos = pts.end()
    sd = _SD.match(key, pos) or _SD_BRACKET.match(key, pos)
    if sd and num.kind == "count" and re.match(r"\s*[,;]", sd.group(0)):
        sd = None  # `PR 15例，SD 12例`: a count has no SD; the next item is stable disease
    if sd:
        num.details.update(sd=sd.group(1))
        num.details.setdefault("statistic", "mean")
        num.stop = pos = sd.end()
        u = unit_at(key, pos, *_UNIT_KINDS) if not num.unit else None
        if u:
            num.stop = pos = u[0]
            num.unit, num.kind = u[1], u[2]
        close = re.compile(r"\s*[)）]\s*").match(key, pos)
        if close and key.rfind("(", max(0, num.start - 3), num.start) >= 0:
            # `（9.0±1.8）个月`: the bracket holds the value and its SD, the unit follows
            u = unit_at(key, close.end(), *_UNIT_KINDS) if not num.unit else None
            if u:
                num.stop = pos = u[0]
                num.unit, num.kind = u[1], u[2]
    _read_brackets(key, num)


# After a value, compiled once (each number of the text reads them): `16/48 (33.3%)`'s percentage; its CI (a word
# naming the analysis may open the bracket: `(adjusted 95% CI …`, `(ANCOVA; 95% CI …`); its p.
_FRAC_PCT = re.compile(rf"(?:\s+[a-z][a-z\-]*)?\s*[(\[,]\s*({NUMBER})\s*%\s*[)\]]?")
_CI_AFTER = re.compile(rf"\s*[(\[,;]?\s*(?:[a-z]+\s*[;,:]?\s+)?{CI.pattern}")
_P_AFTER = re.compile(rf"[\s,;:(\[]*(?:{P_VALUE.pattern})")
_PCT_SEMI_FRAC = re.compile(r"\s*;\s*(\d+)\s*/\s*(\d+)(?![\d.%])")


def _share_after_semicolon(key: str, num: Num, pos: int) -> re.Match | None:
    """`(12.4%; 5/40)`: the n/N after a semicolon is the share's own only when it gives that share (a later
    clause's `5/40` after `41%;` is another result)."""
    fr = _PCT_SEMI_FRAC.match(key, pos)
    if fr is None or not int(fr.group(2)) or "(" not in key[max(0, num.start - 2):num.start]:
        return None
    return fr if abs(100 * int(fr.group(1)) / int(fr.group(2)) - num.value) < 0.6 else None


def _read_brackets(key: str, num: Num) -> None:
    pos = num.stop
    num.core = pos
    if num.kind == "percent" and num.n is None:
        fr = _PCT_FRAC.match(key, pos) or _share_after_semicolon(key, num, pos)
        if fr and int(fr.group(1)) <= int(fr.group(2)):
            num.n, num.total = int(fr.group(1)), int(fr.group(2))
            num.stop = num.core = pos = fr.end()
        elif (count := _PCT_COUNT.match(key, pos)) is not None:
            num.n = int(count.group(1))
            num.stop = num.core = pos = count.end()
    ci = _CI_AFTER.match(key, pos)
    if ci and len(key[pos:ci.start(1)]) < 16:
        _set_ci(num, ci.group(1), ci.group(2), ci.group(3))
        num.stop = pos = ci.end()
        if num.kind in ("", "time") and not num.unit:  # `8.6(95%ci:6.9~10.3)个月`: the unit after the CI
            u = unit_at(key, re.compile(r"\s*[)\]]?").match(key, pos).end(), *_UNIT_KINDS)
            if u:
                num.unit, num.kind = u[1], u[2]
                num.stop = pos = u[0]
    elif (bare := _CI_BARE.match(key, pos)) is not None:
        _set_ci(num, "", bare.group(1), bare.group(2))
        num.stop = pos = bare.end()
    elif (compact := _compact_ci(key, num, pos)) is not None:
        _set_ci(num, "", compact.group(1), compact.group(2))
        num.stop = pos = compact.end()
    elif (square := _square_ci(key, num, pos)) is not None:
        _set_ci(num, "", square.group(2), square.group(3))
        num.stop = pos = square.end()
    else:
        pair = _BRACKET_PAIR.match(key, pos)
        one = _BRACKET_ONE.match(key, pos) if not pair else None
        if pair:
            word = pair.group(1) or ""
            # a bracket after a median is its range unless the text says IQR (`中位数（范围）`)
            lo, hi = ("iqr_low", "iqr_high") if "iq" in word else ("range_low", "range_high")
            if word == "sd":
                lo, hi = "sd", "sd_high"
            num.details.update({lo: pair.group(2).replace(" ", ""), hi: pair.group(3).replace(" ", "")})
            num.details.pop("sd_high", None)
            num.stop = pos = pair.end()
            if not num.unit:  # `3.4（1.0~12.0）个月`: the unit after the range
                u = unit_at(key, pos, *_UNIT_KINDS)
                if u:
                    num.unit, num.kind = u[1], u[2]
                    num.stop = pos = u[0]
        elif one and not num.details.get("sd") and num.kind not in ("percent", "count") and num.n is None:
            num.details["sd"] = one.group(1)
            num.stop = pos = one.end()
            u = unit_at(key, pos, *_UNIT_KINDS) if not num.unit else None
            if u:  # `152 (80) minutes with drug K`: the unit after the spread, so the arm after it is found
                num.unit, num.kind = u[1], u[2]
                num.stop = pos = u[0]
        elif num.kind == "percent" and num.n is None and not num.details.get("sd") and \
                (spread := _PCT_SPREAD.match(key, pos)) is not None:
            num.details["sd"] = spread.group(1)  # `105% (5%)`: a percentage with its spread, no second result
            num.stop = pos = spread.end()
    p = _P_AFTER.match(key, pos)
    if p and len(key[pos:p.start()]) < 6:
        num.details["p_value"] = p_written(p.group(0))
        num.stop = p.end()


def _compact_ci(key: str, num: Num, pos: int) -> re.Match | None:
    """An interval printed after the number that opens a bracket, unlabelled, when it holds the number
    (`(4·3 points, 1·9 to 6·7)`); a count's or a percentage's bracket is its n or spread, never this."""
    if num.kind == "percent" or num.n is not None or not re.search(r"[(\[]\s*\Z", key[max(0, num.first - 3):num.first]):
        return None
    m = _CI_COMPACT.match(key, pos)
    if m is None:
        return None
    low, high = to_value(m.group(1).replace(" ", "")), to_value(m.group(2).replace(" ", ""))
    return m if low <= num.value <= high and low < high else None


def _square_ci(key: str, num: Num, pos: int) -> re.Match | None:
    """`[-0.017, 0.039]` after a value and a unit word or in a currency, holding the value: its CI (a count's or a
    share's bracket never)."""
    if num.kind == "percent" or num.n is not None or _BRACKET_PAIR.match(key, pos):
        return None  # `104 [51, 123]` right after its number is read as its range (a median's IQR in most papers)
    m = _CI_SQUARE.match(key, pos)
    if m is None:
        return None
    low, high = to_value(m.group(2).replace(" ", "")), to_value(m.group(3).replace(" ", ""))
    return m if low <= num.value <= high and low < high else None


def _set_ci(num: Num, level: str, low: str, high: str) -> None:
    num.details.update(ci_low=low.replace(" ", ""), ci_high=high.replace(" ", ""))
    if level:
        num.details["ci_level"] = level


def p_written(text: str) -> str:
    """`P = .04` -> `.04`, `p<0.001` -> `<0.001`: the p-value as printed, without its name and `=`."""
    m = re.search(rf"([<>≤≥]|&lt;|&gt;)?\s*=?\s*((?:{NUMBER})(?:\s*[x×*]\s*10\s*-\s*\d+)?)\s*$", text)
    if not m:
        return text.strip()
    op = {"&lt;": "<", "&gt;": ">"}.get(m.group(1) or "", m.group(1) or "")
    return op + m.group(2).replace(" ", "")


def numbers(key: str, start: int, end: int, flags: bytearray) -> list[Num]:
    """The numbers of key range [start, end), each with what is printed around it and its role."""
    out, skip = [], start
    for m in _NUM.finditer(key, start, end):
        s = m.start()
        if s < skip or flags[s]:
            continue
        num = Num(s, m.end(), to_value(m.group(0)), m.group(0), stop=m.end(), first=s)
        sign = _SIGN.search(key[max(start, s - 2):s])
        if sign and sign.group(1) in "-+":
            num.sign = num.first = s - len(key[max(start, s - 2):s]) + sign.start(1)
            num.value = -num.value if sign.group(1) == "-" else num.value
        num.role = _role_before(key, s, start)
        sub = _subscript().search(key, max(start, s - 16), s)
        num.when = sub.group(1) if sub else ""
        if num.role == "spread" and re.match(r"\s*例", key[m.end():m.end() + 3]):
            num.role = "value"  # `SD 12例`: stable disease counted, not a standard deviation
        currency = re.search(r"(?:us\s*)?([$€£¥])\s*\Z", key[max(0, s - 4):s])
        if currency:  # `$236.92`: a cost
            num.unit, num.kind = currency.group(1), "quantity"
        _read_after(key, num)
        _count_in_words(key, num)
        if num.role == "size" and num.n is not None and num.kind == "percent":
            num.role = "value"  # `n = 17 (5.9%)`: a count with its percentage
        if num.role == "from" and not re.compile(r"[^;,\d]{0,30}?\bto\s*[-+]?\s*\d").match(key, num.stop):
            num.role = "value"  # `obtained from 70% of group C`: no `to` follows
        if num.role == "value":
            num.role = _role_after(key, num)
        if num.role == "value" and (num.kind == "time" or num.unit in _CLOCK_UNITS) and _timed(key, num, start) \
                and not _SPREAD.search(key, num.end, num.stop):  # a time point has no spread (`2.4 s (SD 3.1)`)
            num.role = "timepoint"
        if num.role == "value" and _scheduled(key, num, start):
            num.role = "timepoint"  # `(2 days, 2 weeks, 1 month, 4, 8, and 16 months)`: a schedule of visits
        if num.role == "value" and num.kind == "dose" and "sd" not in num.details:
            num.role = "exposure"  # `0.5 mg/kg` given; `1,375 ± 2,573 ml` measured
        if num.role == "value" and num.unit in ("L/min", "mL/min") and \
                re.search(r"(?:on|at|with|via)\s*\Z", key[max(0, s - 6):s]):
            num.role = "exposure"  # `on 2 L/min oxygen`
        skip = num.stop
        out.append(num)
    return out
