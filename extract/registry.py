"""Extractor plugins: objects with `name`, `version` and `extract(doc, ctx) -> Iterable[Fact]`."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Protocol

from evkg.core.errors import EvkgError

if TYPE_CHECKING:
    from evkg.extract.text.context import Context
    from evkg.core.model import Document, Fact


class Extractor(Protocol):
    name: str
    version: str
    doctypes: tuple[str, ...]

    def extract(self, doc: Document, ctx: Context) -> Iterable[Fact]: ...


_REGISTRY: dict[str, Extractor] = {}


def register(cls):
    """Class decorator: instantiate and register an extractor under its `name`."""
    inst = cls()
    if inst.name in _REGISTRY:
        raise EvkgError(f"two extractors are named {inst.name!r}")
    _REGISTRY[inst.name] = inst
    return cls


def extractors(names: Iterable[str] | None = None) -> list[Extractor]:
    """The registered extractors (all, or those named), in registration order."""
    import evkg.extract.extractors  # noqa: F401  (registers the built-in plugins)
    if names is None:
        return list(_REGISTRY.values())
    unknown = [n for n in names if n not in _REGISTRY]
    if unknown:
        raise EvkgError(f"unknown extractor(s) {', '.join(unknown)}; known: {', '.join(_REGISTRY)}")
    return [_REGISTRY[n] for n in names]
