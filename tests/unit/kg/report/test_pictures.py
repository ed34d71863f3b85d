"""`evkg graph`: the trace as a networkx graph, saved as GraphML or drawn as PNG / SVG, with
romanised labels when no CJK font is available."""
import networkx as nx
import pytest
from click.testing import CliRunner

from evkg.core.errors import EvkgError
from evkg.kg.cli import main
from evkg.kg.report.pictures import NO_CJK_FONT, cjk_font, node_labels, save_graph, trace_graph
from evkg.kg.report.trace import trace
from evkg.kg.store.backends import open_store

DOC = "consensus_tace_haic_zh"


@pytest.fixture(scope="module")
def demo_graph(examples_session_store):
    with open_store(examples_session_store, read_only=True) as st:
        return trace_graph(trace(st, DOC))


def test_trace_graph_links_statements_references_sources_and_facts(demo_graph):
    g = demo_graph
    types = nx.get_node_attributes(g, "type")
    assert sum(t == "recommendation" for t in types.values()) == 5
    assert sum(t == "reference" for t in types.values()) == 8
    assert {n for n, t in types.items() if t == "source"} == {"src:paper_haic_hcc_zh", "src:paper_tace_lenvatinib_en"}
    assert g.edges["ref:2", "src:paper_haic_hcc_zh"]["relation"] == "resolves to"
    assert g.has_edge("rec:共识 3", "ref:5") and not list(g.successors("ref:5"))   # [5] is not in the graph
    facts = list(g.successors("src:paper_haic_hcc_zh"))
    # the source's design first, then at most 6 of its results (each comparison once)
    assert 1 < len(facts) <= 7 and g.nodes[facts[0]]["label"].startswith("design")
    assert all(g.nodes[f]["text"] for f in facts)   # each fact keeps its quote
    assert any(" vs " in g.nodes[f]["label"] for f in facts[1:])   # both arms of a comparison


def test_ascii_labels_are_codes(demo_graph):
    labels = node_labels(demo_graph, cjk=False)
    assert all(s.isascii() and s.strip() for s in labels.values())
    # Romanised, never renumbered: the label a reader finds in the document.
    assert labels["rec:共识 3"] == "Gongshi 3 Ib A" and labels["ref:2"].startswith("[2] ")
    assert node_labels(demo_graph, cjk=True)["rec:共识 3"] == "共识 3 Ib A"


def test_graphml_round_trip(examples_session_store, tmp_path):
    out = tmp_path / "trace.graphml"
    res = CliRunner().invoke(main, ["graph", "--store", examples_session_store, DOC, "共识 3", "-o", str(out)])
    assert res.exit_code == 0
    g = nx.read_graphml(out)
    assert {d["type"] for _, d in g.nodes(data=True)} == {"document", "recommendation", "reference", "source", "fact"}
    assert g.nodes["rec:共识 3"]["text"].startswith("共识 3")


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_pictures_render_without_a_cjk_font(demo_graph, tmp_path, suffix, magic):
    out = tmp_path / f"trace{suffix}"
    assert save_graph(demo_graph, out, font=None) == NO_CJK_FONT
    assert out.read_bytes().startswith(magic) and out.stat().st_size > 5000


def test_picture_with_the_system_font(examples_session_store, tmp_path):
    out = tmp_path / "trace.png"
    res = CliRunner().invoke(main, ["graph", "--store", examples_session_store, DOC, "-o", str(out)])
    assert res.exit_code == 0 and out.read_bytes().startswith(b"\x89PNG")
    # Without a CJK font the command says it fell back to romanised labels.
    assert (cjk_font() is None) == ("romanised" in res.output)


def test_unknown_format_and_document_are_errors(demo_graph, examples_session_store, tmp_path):
    with pytest.raises(EvkgError, match="graphml"):
        save_graph(demo_graph, tmp_path / "trace.pdf")
    res = CliRunner().invoke(main, ["graph", "--store", examples_session_store, "nope", "-o", str(tmp_path / "x.png")])
    assert res.exit_code == 2 and "no document" in res.output
