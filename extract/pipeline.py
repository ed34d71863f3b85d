"""Run the registered extractors over a document."""
from __future__ import annotations

from extract.context import Context
from extract.registry import extractors
from kg.model import Document, Fact


def extract_facts(doc: Document, run: Context, names: list[str] | None = None) -> list[Fact]:
    """All facts the extractors find in `doc`, without exact duplicates, in text order."""
    ctx = run.for_document(doc)
    facts: dict[Fact, None] = {}
    for ex in extractors(names):
        for f in ex.extract(doc, ctx):
            facts.setdefault(f, None)
    return sorted(facts, key=lambda f: (f.provenance.start, f.provenance.end, f.kind, f.name))
