"""Fact details have a declared schema (ontology/details.tsv): key, type, kinds, ontology property."""
import pytest

from evkg.core.details import Offsets, details_schema
from evkg.core.errors import ModelError
from evkg.core.model import Document, Fact
from evkg.core.namespace import ontology_terms

DOC = Document(id="d", text="Recommendation 1: TACE (level B) [3]. ORR 45% (n = 30)")
PROV = DOC.span(0, 14).provenance("test", "1")


def test_every_declared_detail_names_an_ontology_term_and_kinds_of_the_model():
    terms = set(ontology_terms())
    from evkg.core.model import KINDS
    for spec in details_schema().values():
        assert spec.property in terms, spec.key
        assert spec.kinds and spec.kinds <= set(KINDS), spec.key


def test_details_are_sorted_pairs_of_declared_keys_and_types():
    f = Fact("outcome", PROV, details={"p_value": "<0.05", "arm_size": 30, "ci_level": "95"})
    assert f.details == (("arm_size", 30), ("ci_level", "95"), ("p_value", "<0.05"))
    assert f.detail("arm_size") == 30 and f.detail("sd") == "" and f.detail("sd", None) is None
    cite = Fact("citation", PROV, details={"statement_span": Offsets(0, 36)})
    assert str(cite.detail("statement_span")) == "0-36"


@pytest.mark.parametrize("kind, details, message", [
    ("outcome", {"p_valeu": "0.05"}, "unknown detail 'p_valeu'"),
    ("outcome", {"route": "oral"}, "declared for dose facts, not outcome"),
    ("outcome", {"arm_size": "30"}, "'arm_size' must be integer"),
    ("outcome", {"arm_size": True}, "'arm_size' must be integer"),
    ("citation", {"statement_span": "0-36"}, "'statement_span' must be span"),
    ("drug", {"drugbank_id": 5}, "'drugbank_id' must be text"),
])
def test_an_undeclared_key_a_kind_that_may_not_carry_it_or_a_wrong_type_is_refused(kind, details, message):
    with pytest.raises(ModelError, match=message):
        Fact(kind, PROV, details=details)


def test_offsets_are_ordered_non_negative_integers():
    assert Offsets(2, 5) < Offsets(3, 4)
    with pytest.raises(ModelError):
        Offsets(5, 2)
    with pytest.raises(ModelError):
        Offsets("1", 2)
