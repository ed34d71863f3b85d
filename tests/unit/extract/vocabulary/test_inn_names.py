"""Drugs the dictionary knows by a US adopted name are named by their INN (invented text)."""
import pytest

from evkg.core.model import Document
from evkg.extract.pipeline import extract_facts
from evkg.extract.text.context import Context
from evkg.extract.vocabulary.drugs import drug_names

RUN = Context()


@pytest.mark.skipif(not drug_names(), reason="drug-named-entity-recognition is not installed")
def test_us_adopted_names_and_brands_give_the_inn():
    text = "Rescue albuterol was allowed; Tylenol or acetaminophen for fever, and cyclosporine was stopped."
    doc = Document(id="t", text=text, language="en", doctype="paper")
    names = {f.name for f in extract_facts(doc, RUN, ["entities"]) if f.kind == "drug"}
    assert {"salbutamol", "paracetamol", "ciclosporin"} <= names
    assert not names & {"albuterol", "acetaminophen", "cyclosporine"}


def test_chinese_names_of_drugs_outside_oncology():
    text = "观察组口服二甲双胍 500 mg，对照组关节腔注射玻璃酸钠，两组均吸入噻托溴铵。"
    doc = Document(id="t", text=text, language="zh", doctype="paper")
    names = {f.name for f in extract_facts(doc, RUN, ["entities"]) if f.kind == "drug"}
    assert names == {"metformin", "hyaluronic acid", "tiotropium"}
