from hypothesis import given, settings
from hypothesis import strategies as st

from evkg.core.fold import fold, fold_key, fold_text


def test_width_numerals_and_dashes_fold_equal():
    assert fold("（Ⅱ b）") == fold("(IIb)".replace("b", " b"))
    assert fold("3～4") == fold("3~4") == "3~4"
    assert fold("１２０ｍｇ") == "120mg"
    assert fold("2–4") == "2-4"


def test_folded_view_maps_back_to_original_offsets():
    text = "总体不良\n\n反 应 发 生 率 87.5%（21/24），这是一个足够长的行为了测试\n\n换行"
    f = fold_text(text, join_wraps=True)
    k = f.key.index("反应发生率")
    start, end = f.span(k, k + len("反应发生率"))
    assert text[start:end] == "反 应 发 生 率"


def test_wrapped_lines_join_but_headings_stay_apart():
    text = "这是第一段的正文内容，它很长很长，一直写到了行尾处而没有\n\n结束标点。\n\n2 结果\n\n正文"
    key = fold_text(text, join_wraps=True).key
    assert "没有结束标点" in key
    assert "\n2 结果" in key or "\n2结果" in key


def test_without_join_every_line_break_stays():
    assert "\n" in fold_text("a long registration field line of text\nnext field", join_wraps=False).key


# Whitespace of every kind beside CJK and Latin characters, characters that fold to none or several.
_PIECES = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\u3000", "\u00a0", "a", "B", "肝", "癌", "Ⅱ", "①", "㎎",
                           "Ａ", "，", "®", "〜", "1", ".", "(", "颱", "風"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_the_key_alone_is_the_folded_views_key(text):
    assert fold_key(text) == fold_text(text).key


def test_the_key_alone_on_a_text_with_every_kind_of_space():
    text = "肝 癌 HAIC 治疗\n2.1  ORR  Ⅱ期　（①）\t颱风 end"
    assert fold_key(text) == fold_text(text).key == "肝癌haic治疗\n2.1 orr ii期(1)臺风end"


def test_any_script_matches_a_word_in_simplified_and_traditional_characters():
    import re

    from evkg.core.fold import any_script
    rx = re.compile(any_script("共识"))
    assert rx.fullmatch("共识") and rx.fullmatch("共識") and not rx.fullmatch("共同")
