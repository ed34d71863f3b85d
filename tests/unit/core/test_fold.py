from evkg.core.fold import fold, fold_text


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
