"""Run the registered extractors over a document."""
from __future__ import annotations

import hashlib

from evkg.extract.text.context import Context
from evkg.extract.registry import extractors
from evkg.core.model import Document, Fact
from evkg.core.namespace import ONTOLOGY_DIR


def extract_facts(doc: Document, run: Context, names: list[str] | None = None) -> list[Fact]:
    """All facts the extractors find in `doc`, without exact duplicates, in text order."""
    ctx = run.for_document(doc)
    facts: dict[Fact, None] = {}
    for ex in extractors(names):
        if doc.doctype not in ex.doctypes:
            continue
        for f in ex.extract(doc, ctx):
            facts.setdefault(f, None)
    return sorted(facts, key=lambda f: (f.provenance.start, f.provenance.end, f.kind, f.name))


def pipeline_version() -> str:
    """Changes when any extractor's version or any data file under ontology/ (lexicons, the vocabulary
    and shapes the graph is written to) changes."""
    h = hashlib.sha256()
    for ex in extractors():
        h.update(f"{ex.name}:{ex.version}\n".encode())
    for path in sorted(ONTOLOGY_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".tsv", ".txt", ".json", ".ttl"):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]
