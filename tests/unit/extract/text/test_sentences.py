import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from evkg.core.model import Document
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from evkg.extract.text.sentences import _chunks, sentences
from helpers.corpus import EI_DEV, SEEDS


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


# The reference the Chinese split must equal: spaCy's blank Chinese pipeline over jieba's words
# (as it split Chinese text until December 2026) with the rule applied token by token.
def _reference_starts(tokens):
    ends, opens, closes = set("。！？!?；;"), set("([（［"), set(")]）］")
    out, depth, start_next = [], 0, True
    for text, spaced in tokens:
        out.append(start_next)
        depth = max(0, depth + sum(c in opens for c in text) - sum(c in closes for c in text))
        if "\n" in text:
            depth, start_next = 0, True
        elif depth == 0 and text[-1] in ends:
            start_next = True
        else:
            start_next = depth == 0 and text.endswith(".") and spaced and not (len(text) > 1 and text[-2].isdigit())
    return out


@functools.cache
def _reference_nlp():
    import spacy
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def _reference_cut(key):
    out = []
    for offset, piece in _chunks(key):
        doc = _reference_nlp()(piece)
        starts = _reference_starts((t.text, bool(t.whitespace_)) for t in doc)
        bounds = [t.idx for t, s in zip(doc, starts) if s] + [len(piece)]
        for s, e in zip(bounds, bounds[1:]):
            piece_s = piece[s:e].strip()
            if piece_s:
                out.append(offset + s + (len(piece[s:e]) - len(piece[s:e].lstrip())))
                out.append(offset + s + len(piece[s:e].rstrip()))
    return list(zip(out[::2], out[1::2]))


def test_chinese_sentences_equal_the_spacy_pipeline_on_the_corpora():
    run = Context()
    # English papers too: the Chinese split meets their `al.`, `0.05.` and `(n` as mixed text does.
    files = sorted(SEEDS.glob("*.txt")) + sorted(EI_DEV.glob("*"))[:3]
    checked = 0
    for path in files:
        for doc in read_documents(path):
            key = run.for_document(doc).folded.key
            assert sentences(key, "zh", run.user_words) == _reference_cut(key), path.name
            checked += 1
    assert checked >= 8


_PIECES = ["研究", "结果", "显示", "。", "；", ";", "!", "？", "(", ")", "（", "）", "[", "］", " ", "  ", "\n",
           " \n ", ".", "0.05", "45.5", "p", "al", "Fig", "%", "HR", "=", "3", "-", "中位", "例", "\r\n", "\u3000"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_chinese_sentences_equal_the_spacy_pipeline_on_generated_texts(parts):
    key = "".join(parts)
    assert sentences(key, "zh") == _reference_cut(key)
