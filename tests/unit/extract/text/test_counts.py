"""Counts of people and which N each is: enrolled, randomised, analysed, screened, excluded."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evkg.core.fold import fold
from evkg.extract.text.counts import clauses, counts, number_value, typed_counts

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ZH = "零一二三四五六七八九"


def english(n: int) -> str:
    """A number below 10,000 in words, as reports print it (`one hundred and twenty-one`)."""
    parts = []
    if n >= 1000:
        parts.append(f"{english(n // 1000)} thousand")
        n %= 1000
    if n >= 100:
        parts.append(f"{UNITS[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(TENS[n // 10 - 2] + (f"-{UNITS[n % 10]}" if n % 10 else ""))
    elif n or not parts:
        parts.append(UNITS[n])
    return " ".join(parts)


def chinese(n: int) -> str:
    """A number below 1,000 in Chinese numerals (`一百零八`, `九十六`)."""
    out = ""
    if n >= 100:
        out += ZH[n // 100] + "百"
        n %= 100
        if 0 < n < 10:
            out += "零"
    if n >= 10:
        out += ("" if not out and n // 10 == 1 else ZH[n // 10]) + "十"
        n %= 10
    return out + (ZH[n] if n else "")


@given(st.integers(min_value=1, max_value=9999))
def test_numbers_in_words_read_back(n):
    assert number_value(english(n)) == n
    assert number_value(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_read_back(n):
    assert number_value(chinese(n)) == n


def test_a_word_that_is_no_number_reads_as_none():
    assert number_value("several") is None and number_value("twenty banana") is None


def typed(text: str) -> list[tuple]:
    key = fold(text)
    return [(c.count.value, c.type, c.part, c.per_arm, c.total) for c in typed_counts(key, 0, len(key))]


@pytest.mark.parametrize("text, expected", [
    ("Of 412 patients assessed for eligibility, 240 were randomised.",
     [(412, "screened", False, False, False), (240, "randomised", False, False, False)]),
    ("Nine patients withdrew, leaving 231 patients (114 X, 117 Y) in the intention-to-treat population.",
     [(9, "excluded", False, False, False), (231, "analysed", False, False, False)]),
    ("Sixty students were randomly allocated to two groups (n = 30 per group).",
     [(60, "randomised", False, False, False)]),
    ("A total of 1,204 adults were enrolled (612 in the community arm and 592 in the clinic arm).",
     [(1204, "enrolled", False, False, True)]),
    ("Of these, 85 enrolled children and 15 excluded patients were seen.",
     [(85, "enrolled", True, False, False), (15, "excluded", False, False, False)]),
    ("A total of 112 patients were retrospectively analysed.", [(112, "enrolled", False, False, True)]),
    ("选取我院收治的 96 例患者，按随机数字表法分为观察组和对照组，各 48 例。",
     [(96, "enrolled", False, False, False), (48, "", False, True, False)]),
    ("随访期间失访 3 例，最终 93 例纳入分析。观察组男 40 例，女 8 例",
     [(3, "excluded", False, False, False), (93, "analysed", False, False, False),
      (40, "analysed", True, False, False), (8, "", True, False, False)]),
])
def test_each_count_is_typed_by_the_verb_of_its_clause(text, expected):
    assert typed(text) == expected


def test_no_count_without_people_counted():
    key = fold("After 4 weeks all participants had 12 visits; the dose was 30 mg; 统一名称。")
    assert counts(key, 0, len(key)) == []


def test_an_n_in_brackets_counts_only_after_people():
    key = fold("patients (n = 120) were randomised; the HAIC group (n = 30) did well")
    assert [c.value for c in counts(key, 0, len(key))] == [120]


def test_clauses_keep_a_bracket_whole():
    key = "leaving 231 patients (114 x, 117 y) in the itt population, and 9 withdrew"
    assert [key[s:e] for s, e in clauses(key, 0, len(key))] == [
        "leaving 231 patients (114 x, 117 y) in the itt population", " and 9 withdrew"]
