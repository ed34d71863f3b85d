"""store/lookup.py: a mistyped name is an error with the nearest names, never an empty answer."""
import pytest

from evkg.core.errors import EvkgError
from evkg.kg.store.backends import StoredDocument
from evkg.kg.store.lookup import check_documents, document_ids, nearest


class _Store:
    """Only what lookup asks of a store."""

    def stored_documents(self):
        return {d: StoredDocument(d, f"g/{d}", "0" * 64, "") for d in ("paper_haic_hcc_zh", "consensus_tace_zh")}


def test_nearest_names():
    assert nearest("paper_haic_hcc", ["paper_haic_hcc_zh", "consensus_tace_zh"]) == "; nearest: paper_haic_hcc_zh"
    assert nearest("zzzz", ["paper_haic_hcc_zh"]) == ""


def test_check_documents():
    st = _Store()
    assert document_ids(st) == ["consensus_tace_zh", "paper_haic_hcc_zh"]
    check_documents(st, ["paper_haic_hcc_zh"])
    with pytest.raises(EvkgError, match=r"no document 'paper_haic' in the store; nearest: paper_haic_hcc_zh"):
        check_documents(st, ["paper_haic", "paper_haic_hcc_zh"])
