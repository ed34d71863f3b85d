"""Invariants of the graph on generated documents (hypothesis).

Documents are built from invented pieces: Chinese, English and mixed text; recommendation
labels that restart in every section; sentences repeated word for word; numbers in the
forms the readers know (decimal point or comma, full-width digits, ranges, CIs, P values);
odd whitespace. Whatever the extractors make of them, the graph must hold:
every exported row is traceable, rows == facts, the shapes conform, re-ingesting changes
nothing, and removing a document removes exactly its facts.
"""
from __future__ import annotations

import itertools
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evkg.core.model import TABLE_KINDS
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from evkg.kg.graph.ids import graph_iri
from evkg.kg.graph.rdf import document_triples
from evkg.kg.graph.shapes import violations
from evkg.kg.ingest.batch import ingest, remove
from evkg.kg.report.rows import evidence_rows
from evkg.kg.store.backends import open_store
from evkg.kg.store.queries import run_named
from evkg.kg.store.validate import validate_store
from helpers.corpus import distinct_facts

# Generated documents through the whole pipeline and store: left out by `make test-fast`.
pytestmark = pytest.mark.slow

SPACE = st.sampled_from([" ", "  ", "\u3000", "\u00a0", "\t", " \u00a0"])
BREAK = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])
NUMBER = st.sampled_from(["45.2%", "45,2%", "４５．２％", "45.2 %", "n=40", "40例", "17.8 months", "17.8个月",
                          "HR 0.41 (95% CI 0.26-0.65)", "HR=0.41，95%CI：0.26～0.65", "P<0.001", "P = 0.03",
                          "10–20", "1,234", "38/60 (63.3%)", "中位OS为15.2个月", "OR 2.1 (1.2 to 3.4)"])
ZH_SUBJECT = st.sampled_from(["TACE联合仑伐替尼组", "TACE组", "HAIC组", "索拉非尼组", "对照组"])
EN_SUBJECT = st.sampled_from(["the TACE-lenvatinib group", "the TACE group", "the HAIC arm", "sorafenib",
                              "controls"])
ZH_MEASURE = st.sampled_from(["客观缓解率", "疾病控制率", "中位总生存期", "中位无进展生存期", "3级以上不良反应发生率"])
EN_MEASURE = st.sampled_from(["objective response rate", "disease control rate", "median overall survival",
                              "median progression-free survival", "grade 3 or higher adverse events"])
LEVEL = st.sampled_from(["A", "B", "C", "1a", "2b", "III"])
STRENGTH_ZH = st.sampled_from(["强推荐", "弱推荐"])
STRENGTH_EN = st.sampled_from(["strong", "weak"])


@st.composite
def zh_sentence(draw) -> str:
    a, b = draw(ZH_SUBJECT), draw(ZH_SUBJECT)
    return (f"{a}{draw(ZH_MEASURE)}为{draw(NUMBER)}，{b}为{draw(NUMBER)}"
            f"{draw(st.sampled_from(['', '（P<0.001）', '（P=0.04）']))}。")


@st.composite
def en_sentence(draw) -> str:
    return (f"The {draw(EN_MEASURE)} was {draw(NUMBER)} in {draw(EN_SUBJECT)} and{draw(SPACE)}"
            f"{draw(NUMBER)} in {draw(EN_SUBJECT)}.")


@st.composite
def recommendation(draw, number: int, lang: str) -> str:
    if lang == "zh":
        ref = draw(st.sampled_from(["", "[1]", "[1,2]", "[2]"]))
        return (f"共识{draw(st.sampled_from(['', ' ']))}{number}：{draw(ZH_SUBJECT)}可考虑TACE治疗"
                f"（证据等级：{draw(LEVEL)}，推荐强度：{draw(STRENGTH_ZH)}）{ref}。")
    ref = draw(st.sampled_from(["", " [1]", " [1,2]", " [2]"]))
    return (f"Recommendation {number}: HAIC may be considered for {draw(EN_SUBJECT)} "
            f"(evidence level: {draw(LEVEL)}; recommendation strength: {draw(STRENGTH_EN)}){ref}.")


@st.composite
def document(draw) -> str:
    lang = draw(st.sampled_from(["zh", "en", "mixed"]))
    langs = itertools.cycle(["zh", "en"]) if lang == "mixed" else itertools.repeat(lang)
    parts = [draw(st.sampled_from(["虚构的肝癌介入治疗专家共识", "Invented consensus on liver-directed therapy"]))]
    for section in range(1, draw(st.integers(1, 3)) + 1):
        parts.append(draw(st.sampled_from([f"{section} Selection", f"第{section}部分", f"{section}、治疗"])))
        for number in range(1, draw(st.integers(1, 3)) + 1):  # numbering restarts in every section
            parts.append(draw(recommendation(number, next(langs))))
        sentences = [draw(zh_sentence() if next(langs) == "zh" else en_sentence())
                     for _ in range(draw(st.integers(1, 3)))]
        parts += sentences + draw(st.lists(st.sampled_from(sentences), max_size=2))  # repeated word for word
    parts.append("References" if lang == "en" else "参考文献")
    parts.append("[1] Smith A, Jones B. An invented trial of TACE. J Invented Oncol. 2020;12:100-110.")
    parts.append("[2] 王五, 赵六. 虚构的肝动脉灌注化疗研究[J]. 虚构肝病杂志, 2021, 5: 20-29.")
    out = ""
    for p in parts:
        out += draw(st.sampled_from(["", " ", "\u3000"])) + p + draw(BREAK)
    return out


SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _table_nodes(path) -> tuple[str, str, set]:
    (doc,) = read_documents(path)
    facts = extract_facts(doc, Context())
    return doc.id, doc.text, distinct_facts(facts)


def _graph_text(st_, doc_id: str) -> set[str]:
    g = graph_iri(doc_id)
    return {str(t) for t in st_.query_raw(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}",
                                          union=False)}


@SETTINGS
@given(text=document(), other=document())
def test_generated_documents_keep_every_invariant(tmp_path_factory, text, other):
    folder = tmp_path_factory.mktemp("gen")
    path, other_path = folder / "generated_doc.txt", folder / "generated_other.txt"
    path.write_text(text, encoding="utf-8")
    other_path.write_text(other, encoding="utf-8")
    doc_id, doc_text, nodes = _table_nodes(path)
    store = str(folder / "store")

    report = ingest([folder], store)
    assert report.ok, report.failed
    with open_store(store, read_only=True) as st_:
        rows = [r for r in evidence_rows(st_) if r["doc"] == doc_id]
        counted = sum(r["facts"] for r in run_named(st_, "fact_counts", {"doc": doc_id}).rows
                      if r["kind"] in TABLE_KINDS)
        before = _graph_text(st_, doc_id)
        other_graph = _graph_text(st_, "generated_other")
    assert len(rows) == len(nodes) == counted
    assert all(doc_text[int(r["start"]):int(r["end"])] == r["quote"] for r in rows)

    # Re-ingest: unchanged file, same graph; extracted afresh, still the same triples.
    assert ingest([path], store).unchanged == [doc_id]
    (doc,) = read_documents(path)
    again = list(document_triples(doc, "0" * 64, extract_facts(doc, Context())))
    assert list(violations(again)) == []
    assert {str(t) for t in again} == set(map(str, document_triples(doc, "0" * 64,
                                                                     extract_facts(doc, Context()))))
    # Remove: exactly its graph goes; the other document is untouched.
    assert remove([doc_id], store) == [doc_id]
    with open_store(store, read_only=True) as st_:
        assert _graph_text(st_, doc_id) == set() and before
        assert _graph_text(st_, "generated_other") == other_graph
        assert all(r["doc"] != doc_id for r in evidence_rows(st_))
    # And in again, a new run: the very same triples (IRIs come from the text, not from the run;
    # that worker processes store what this process stores: tests/unit/kg/ingest/test_workers.py,
    # as a pool per example here paid the extractors' warm-up per worker once a server's pool had
    # started the process's forkserver).
    assert ingest([path], store, jobs=0).ingested == [doc_id]
    with open_store(store, read_only=True) as st_:
        assert _graph_text(st_, doc_id) == before


@st.composite
def pubmed_set(draw) -> str:
    articles = []
    for i in range(draw(st.integers(2, 4))):
        sentences = [draw(en_sentence() if draw(st.booleans()) else zh_sentence())
                     for _ in range(draw(st.integers(1, 3)))]
        sentences += draw(st.lists(st.sampled_from(sentences), max_size=2))
        abstract = escape(draw(SPACE).join(sentences))
        articles.append(f"""<PubmedArticle><MedlineCitation><PMID>{92000000 + i}</PMID><Article>
<Journal><Title>Invented Journal</Title></Journal>
<ArticleTitle>Invented study {i} of TACE for hepatocellular carcinoma.</ArticleTitle>
<Abstract><AbstractText Label="RESULTS">{abstract}</AbstractText></Abstract>
</Article></MedlineCitation></PubmedArticle>""")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n' + "\n".join(articles)
            + "\n</PubmedArticleSet>\n")


@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(xml=pubmed_set())
def test_generated_multi_record_files_keep_every_invariant(tmp_path_factory, xml):
    folder = tmp_path_factory.mktemp("set")
    path = folder / "generated_set.xml"
    path.write_text(xml, encoding="utf-8")
    docs = {d.id: d for d in read_documents(path)}
    expected = set().union(*(distinct_facts(extract_facts(d, Context())) for d in docs.values()))
    store = str(folder / "store")
    assert ingest([path], store).ok
    with open_store(store, read_only=True) as st_:
        rows = evidence_rows(st_)
        assert validate_store(st_).conforms
    assert rows and len(rows) == len(expected)
    for r in rows:
        doc = docs[r["doc"]]
        start, end = doc.base + int(r["start"]), doc.base + int(r["end"])
        assert xml[start:end] == r["quote"] == doc.text[int(r["start"]):int(r["end"])]
