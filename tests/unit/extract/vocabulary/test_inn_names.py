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
