from evkg.core.model import Document
from evkg.extract.text.context import Context
from evkg.extract.text.sentences import sentences


def cut(key, lang):
    return [key[s:e] for s, e in sentences(key, lang)]


def test_chinese_sentences_keep_bracketed_statistics_whole():
    key = "mPFS分别为7.2个月和4.1个月(HR=0.52; 95%CI 0.31~0.87)。1年生存率为70.0%;DCR为85%。"
    assert cut(key, "zh") == [
        "mPFS分别为7.2个月和4.1个月(HR=0.52; 95%CI 0.31~0.87)。", "1年生存率为70.0%;", "DCR为85%。"]


def test_english_sentences_end_at_a_period_before_a_space_but_not_in_numbers():
    key = "ORR was 45.0% (18/40). Median OS was 13.6 months (range 4.0-29.0).\nNext line"
    assert cut(key, "en") == ["ORR was 45.0% (18/40).", "Median OS was 13.6 months (range 4.0-29.0).", "Next line"]


def test_document_sentences_map_back_to_the_text():
    text = "总体不良反应发生率为 87.5%（21/24），其中\n\n3~4 级 41.7%。随访 12 个月。"
    ctx = Context().for_document(Document(id="d", text=text, language="zh"))
    got = [text[s.start:s.end] for s in ctx.sentences]
    assert got == ["总体不良反应发生率为 87.5%（21/24），其中\n\n3~4 级 41.7%。", "随访 12 个月。"]
    assert ctx.sentence_at(text.index("41.7")).start == 0
