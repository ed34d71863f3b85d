"""Names looked up in the store, and the error for a mistyped one: it lists the nearest names,
never answers with an empty success."""
from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process

from evkg.core.errors import EvkgError
from evkg.kg.store.backends import Store


def nearest(word: str, choices: list[str], limit: int = 3) -> str:
    """`; nearest: a, b` — the closest of `choices` to `word` by edit similarity, or ''."""
    found = [c for c, score, _ in process.extract(word, choices, limit=limit) if score >= 40]
    return f"; nearest: {', '.join(found)}" if found else ""


def document_ids(store: Store) -> list[str]:
    """Every document id in the store, sorted."""
    return sorted(store.stored_documents())


def no_such_documents(missing: Iterable[str], known: list[str]) -> EvkgError:
    return EvkgError("; ".join(f"no document {d!r} in the store{nearest(d, known)}" for d in missing)
                     + ". `evkg query documents` lists them all.")


def check_documents(store: Store, docs: Iterable[str]) -> None:
    """An id that is not in the store is an error naming the nearest ids."""
    known = document_ids(store)
    missing = [d for d in dict.fromkeys(docs) if d not in known]
    if missing:
        raise no_such_documents(missing, known)
