"""Guideline reading on invented text, shared by the tests of extract/guidelines."""
from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()
PLUGINS = ["recommendations", "citations", "references"]


def facts(text: str):
    """The facts of `text` read as a document of its own."""
    return extract_facts(read_plain(Path("fixture.txt"), text), RUN, PLUGINS)


def cites(text: str) -> list[tuple[str, int]]:
    """(statement name, reference number) of each citation, sorted."""
    return sorted((f.name, int(f.ref)) for f in facts(text) if f.kind == "citation")
