"""graph/ids.py: IRIs from content and span, never from a label alone; one arm per study and arm key."""
from evkg.core.model import Document, Fact
from evkg.kg.graph import ids

DOC = Document("invented id/with space", "Statement 1: HAIC is advised. The HAIC group had 40 patients.")


def _fact(needle: str, kind: str = "procedure", **fields) -> Fact:
    start = DOC.text.index(needle)
    return Fact(kind, DOC.span(start, start + len(needle)).provenance("test", "1"), **fields)


def test_document_ids_are_one_segment_of_the_iri():
    iri = str(ids.document_iri(DOC.id))
    assert iri.endswith("/doc/invented%20id%2Fwith%20space")
    assert ids.graph_iri(DOC.id) != ids.document_iri(DOC.id)


def test_the_same_fact_gives_the_same_iri_and_any_other_field_another():
    a = _fact("HAIC", name="HAIC")
    assert ids.fact_iri(a) == ids.fact_iri(_fact("HAIC", name="HAIC"))
    assert ids.fact_iri(a) != ids.fact_iri(_fact("HAIC", name="TACE"))
    assert ids.fact_iri(a) != ids.fact_iri(_fact("HAIC", kind="drug", name="HAIC"))
    # 40 and 40.0 are one number, written one way (graph/terms.py)
    n40 = _fact("40 patients", kind="sample_size", value=40)
    assert ids.fact_iri(n40) == ids.fact_iri(_fact("40 patients", kind="sample_size", value=40.0))


def test_statements_and_references_are_named_by_their_span():
    assert ids.statement_iri("d", 0, 10) != ids.statement_iri("d", 0, 11)
    assert str(ids.reference_iri("d", 5, 9)).endswith("/doc/d/reference/5-9")


def test_an_arm_is_one_node_however_its_group_word_is_written():
    same = {ids.arm_iri("d", name) for name in ("HAIC组", "HAIC 组", "the HAIC group", "HAIC Group")}
    assert len(same) == 1
    assert ids.arm_iri("d", "HAIC组") != ids.arm_iri("d", "TACE组")
    # two cited trials' arms of one name are two arms
    assert ids.arm_iri("d", "TACE group", "3") != ids.arm_iri("d", "TACE group", "4")
    assert ids.arm_iri("d", "TACE group", " ") == ids.arm_iri("d", "TACE group")


def test_results_extractors_and_the_links_graph():
    assert ids.result_iri("d", "ORR", "41.7") == ids.result_iri("d", "ORR", "41.7")
    assert ids.result_iri("d", "ORR", "41.7") != ids.result_iri("d", "ORR", "41.8")
    assert str(ids.extractor_iri("outcomes", "2")).endswith("/extractor/outcomes/2")
    assert str(ids.linkset_graph_iri()).endswith("/graph/_links")
