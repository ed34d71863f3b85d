"""Run the extractor plugins over a document: an explicit, ordered list, checked once."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from evkg.core.errors import EvkgError
from evkg.core.model import Document, Fact
from evkg.core.namespace import ONTOLOGY_DIR
from evkg.extract.guidelines.citations import Citations
from evkg.extract.guidelines.recommendations import Recommendations
from evkg.extract.guidelines.reference_entries import References
from evkg.extract.plugin import Plugin, check_plugins
from evkg.extract.results.plugin import Outcomes
from evkg.extract.text.context import Context
from evkg.extract.trials.conditions import PaperConditions
from evkg.extract.trials.doses import Doses
from evkg.extract.trials.endpoints import PaperEndpoints
from evkg.extract.trials.entities import Entities
from evkg.extract.trials.interventions import Interventions
from evkg.extract.trials.registration import (
    RegistrationArms,
    RegistrationDesign,
    RegistrationEndpoints,
    RegistrationEntities,
    RegistrationResults,
)
from evkg.extract.trials.study import Study

# The built-in plugins, in the order they run (facts on one span keep this order). A new plugin
# is a Plugin subclass in its room, listed here.
PLUGINS: tuple[Plugin, ...] = check_plugins((
    Entities(), PaperConditions(), Outcomes(), Doses(), Study(), Recommendations(), References(),
    RegistrationEntities(), RegistrationDesign(), RegistrationEndpoints(), RegistrationArms(), RegistrationResults(),
    Citations(), PaperEndpoints(), Interventions(),
))


def plugins(names: list[str] | None = None) -> tuple[Plugin, ...]:
    """The plugins (all, or those named, in the order named); an unknown name is an error listing the known."""
    if names is None:
        return PLUGINS
    by_name = {p.name: p for p in PLUGINS}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise EvkgError(f"unknown extractor(s) {', '.join(unknown)}; known: {', '.join(by_name)}")
    return tuple(by_name[n] for n in names)


def extract_facts(doc: Document, run: Context, names: list[str] | None = None) -> list[Fact]:
    """All facts the plugins (all, or those named) find in `doc`, without exact duplicates, in text order."""
    return run_plugins(doc, run, plugins(names))


def run_plugins(doc: Document, run: Context, chosen: Iterable[Plugin]) -> list[Fact]:
    """The facts of `chosen` plugins that read `doc` (its type, the parts they require); a fact of a
    kind its plugin does not assign is a PluginError."""
    ctx = run.for_document(doc)
    facts: dict[Fact, None] = {}
    for p in chosen:
        if not p.reads(doc):
            continue
        for f in p.extract(doc, ctx):
            facts.setdefault(p.check_fact(f), None)
    return sorted(facts, key=lambda f: (f.provenance.start, f.provenance.end, f.kind, f.name))


def pipeline_version() -> str:
    """Changes when any plugin's version or any data file under ontology/ (lexicons, the vocabulary
    and shapes the graph is written to) changes."""
    h = hashlib.sha256()
    for p in PLUGINS:
        h.update(f"{p.name}:{p.version}\n".encode())
    for path in sorted(ONTOLOGY_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".tsv", ".txt", ".json", ".ttl"):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]
