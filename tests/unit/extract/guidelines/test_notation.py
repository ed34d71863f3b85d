"""Grade notations met in house styles of holdout g1 (invented text), matched as statements.py matches them."""
import pytest

from evkg.core.fold import fold
from evkg.extract.guidelines.notation import GRADE_FORMS, LEVEL_LINE


def grades(text: str) -> list[tuple[str, str | None, str | None]]:
    key = fold(text)
    return [(name, m.groupdict().get("level"), m.groupdict().get("strength"))
            for name, rx in GRADE_FORMS for m in rx.finditer(key)]


def test_codes_glossed_by_their_words_in_brackets():
    assert ("strength_level", "c", "2") in grades(
        "(Strength of recommendation: 2 [weak]; Certainty of evidence: C [low])")


@pytest.mark.parametrize("line", [
    "\nGrade of evidence: low. Strength of recommendation: weak. Level of agreement: 85%.\n",
    "\nLevel of agreement: 85%; Grade of evidence: low; Strength of recommendation: weak\n",
    "\nStrength of recommendation: weak.\nLevel of agreement: 85%.\nGrade of evidence: low.\n",
])
def test_grade_fields_in_any_order_the_agreement_never_the_strength(line):
    fields = [g for g in grades(line) if g[0] == "grade_fields"]
    assert fields == [("grade_fields", "low", "weak")]


def test_a_category_of_recommendation_is_the_strength():
    assert grades("可考虑外用薄荷醇（2A类推荐）。") == [("category_strength", None, "2a")]
    assert grades("1类推荐指基于高水平证据") == []  # a definition, not a closing grade


def test_expert_opinion_glossing_a_level_code_is_a_definition_not_a_grade():
    assert not [g for g in grades("证据分为Ⅳ（病例系列）和Ⅴ（专家意见）。") if g[0] == "good_practice"]
    assert [g for g in grades("推荐每日外用润肤剂（专家意见）。") if g[0] == "good_practice"]


def test_a_level_on_a_line_of_its_own():
    key = fold("【推荐意见】\n● 略（1类推荐）。\n【证据级别】Ⅱ\n")
    assert [m.group("level") for m in LEVEL_LINE.finditer(key)] == ["ii"]
    assert not LEVEL_LINE.search(fold("证据级别分为Ⅰ（多项随机对照研究）和Ⅱ。\n"))


def test_recommendation_alone_is_a_strength_and_strong_recommendation_is_strong():
    from evkg.extract.guidelines.notation import normalise_strength
    assert [normalise_strength(s) for s in ("Recommendation", "Strong recommendation", "B recommendation")] == [
        "recommendation", "strong", "B"]


@pytest.mark.parametrize(("text", "form"), [
    ("\nQuality of evidence: Moderate\nStrength of recommendation: Strong\n", "grade_fields"),
    ("(Strength of recommendation: 2, 100% agreement, Evidence level: B)", "bracket_fields"),
])
def test_fields_one_a_line_without_stops_or_in_brackets_with_an_agreement(text, form):
    assert [(g[1], g[2]) for g in grades(text) if g[0] == form] in ([("moderate", "strong")], [("b", "2")])


def test_a_level_line_then_a_label_on_its_own_line_is_no_grade():
    assert not [g for g in grades("\nLevel of evidence: B\nRecommendation 2\n") if g[0].endswith("fields")]
