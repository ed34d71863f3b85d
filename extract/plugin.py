"""The plugin contract: what an extractor declares, as spaCy's factories do, and the one way it makes a Fact.

A plugin declares its `name` (snake_case; stored in every fact's provenance), its `version`,
the `doctypes` it reads, what it `requires` and the fact kinds it `assigns`. The pipeline
(extract/pipeline.py) lists the plugins in order, checks the declarations once, runs a plugin
only on documents that meet its requirements and refuses a fact of a kind it does not assign.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from evkg.core.errors import PluginError
from evkg.core.model import DOC_TYPES, KINDS, Document, Fact
from evkg.extract.text.context import DocContext

# Everything but registrations, which the registration plugins read field by field from the trial record.
PROSE_TYPES = tuple(t for t in DOC_TYPES if t != "registration")

# What a plugin may require. Parts a reader hands over on the Document: met when the document has them.
DOCUMENT_PARTS: dict[str, Callable[[Document], bool]] = {
    "record": lambda doc: doc.record is not None,
    # None: a Document built by hand, whose list is read from its references section.
    "references": lambda doc: doc.references is None or bool(doc.references),
    "pages": lambda doc: bool(doc.pages),
}
# Views the context builds once per document and shares (extract/text/, extract/guidelines/): always met.
SHARED_VIEWS = ("sentences", "mentions", "markers", "statements")
REQUIREMENTS = (*DOCUMENT_PARTS, *SHARED_VIEWS)
_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


class Plugin:
    """Base of the extractor plugins: declarations, `extract`, and `fact(...)`, which builds a Fact
    whose provenance is a span of the document and names this plugin."""
    name = ""
    version = "1"
    # The document types the plugin reads; the pipeline does not call it for others.
    doctypes: tuple[str, ...] = DOC_TYPES
    # Document parts and shared views it reads (REQUIREMENTS); it runs only where the parts are there.
    requires: tuple[str, ...] = ()
    # The fact kinds it produces; any other kind is an error.
    assigns: tuple[str, ...] = ()

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        raise NotImplementedError

    def fact(self, ctx: DocContext, kind: str, start: int, end: int, **fields: Any) -> Fact:
        prov = ctx.doc.span(start, end).provenance(self.name, self.version)
        return Fact(kind=kind, provenance=prov, **fields)

    def reads(self, doc: Document) -> bool:
        """Whether the plugin runs on `doc`: one of its document types, with the parts it requires."""
        return doc.doctype in self.doctypes and all(DOCUMENT_PARTS[r](doc) for r in self.requires
                                                    if r in DOCUMENT_PARTS)

    def check_fact(self, f: Fact) -> Fact:
        """`f`, when it is of a kind the plugin assigns and its provenance names the plugin."""
        if f.kind not in self.assigns:
            raise PluginError(f"plugin {self.name!r} made a {f.kind!r} fact but assigns only "
                              f"{', '.join(self.assigns)}; add the kind to its `assigns`")
        if f.provenance.extractor != self.name:
            raise PluginError(f"plugin {self.name!r} made a fact whose provenance names "
                              f"{f.provenance.extractor!r}; build facts with Plugin.fact")
        return f


def check_plugins(plugins: Iterable[Plugin]) -> tuple[Plugin, ...]:
    """The plugins, once each declares a snake_case name of its own, known document types and
    requirements and at least one known fact kind; PluginError naming the first that does not."""
    out: list[Plugin] = []
    for p in plugins:
        where = f"plugin {p.name or type(p).__name__!r}"
        if not _NAME.fullmatch(p.name):
            raise PluginError(f"{where}: a plugin name is snake_case (it is stored in provenance)")
        if any(p.name == q.name for q in out):
            raise PluginError(f"{where}: two plugins are named {p.name!r}")
        if not p.version:
            raise PluginError(f"{where}: declare a version")
        for attr, known in (("doctypes", DOC_TYPES), ("requires", REQUIREMENTS), ("assigns", KINDS)):
            unknown = [v for v in getattr(p, attr) if v not in known]
            if unknown:
                raise PluginError(f"{where}: unknown {attr} {', '.join(map(repr, unknown))}; "
                                  f"use {', '.join(known)}")
        if not p.assigns:
            raise PluginError(f"{where}: declare the fact kinds it assigns")
        out.append(p)
    return tuple(out)
