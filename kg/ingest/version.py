"""The extractors' version (extract/pipeline.py `pipeline_version`) without importing them when
it is known: the ledger keeps it beside a stamp of the files it depends on (the content of every
file of the core and extract packages and of the ontology data: 1 MB, hashed in a few ms), and so
does a small file per stamp in the user's cache folder (`~/.cache/evkg`, as the drug dictionary's
rows), which a new store reads. An unchanged batch, `stats`, the links' freshness check and an
ingest whose extraction runs in worker processes ask here; importing every extractor costs half
a second of CPU. The stamp is the content, so an edited file (whatever its size and time) or
another installed version gives another stamp: never a stale version.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from importlib.util import find_spec
from pathlib import Path

from evkg.kg.store.ledger import META, Ledger

_KEY = "pipeline"  # the ledger's meta row: "STAMP VERSION"


def _stamp() -> str:
    """A hash of the name and content of every file the version depends on."""
    stamp = hashlib.sha256()
    for package in ("evkg.core", "evkg.extract", "evkg.ontology"):
        spec = find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for root, dirs, names in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(names):
                    path = os.path.join(root, name)
                    with open(path, "rb") as fh:
                        data = fh.read()
                    stamp.update(f"{os.path.relpath(path, folder)}\t{len(data)}\n".encode("utf-8", "replace"))
                    stamp.update(data)
    return stamp.hexdigest()[:32]


def _cache_file(stamp: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "evkg" / f"pipeline-{stamp}"


def _cached(stamp: str) -> str | None:
    try:
        value = _cache_file(stamp).read_text(encoding="ascii").strip()
    except (OSError, UnicodeError):
        return None
    return value if value.isalnum() else None


def _remember(stamp: str, version: str) -> None:
    cache = _cache_file(stamp)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(version, encoding="ascii")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home: computed again next time


def _fresh(value: str | None, stamp: str | None = None) -> str | None:
    cached = (value or "").split()
    return cached[1] if len(cached) == 2 and cached[0] == (stamp or _stamp()) else None


def pipeline_version(ledger: Ledger) -> str:
    """The version, from the ledger when its stamp still holds, else computed and remembered."""
    stamp = _stamp()  # the content of every file: hashed once, for the ledger's check and the cache's
    known = _fresh(ledger.get_value(_KEY), stamp)
    if known:
        return known
    version = current(stamp)
    ledger.set(_KEY, f"{stamp} {version}")
    return version


def current(stamp: str | None = None) -> str:
    """The version, from the user's cache when it knows this stamp, else computed and remembered."""
    stamp = stamp or _stamp()
    version = _cached(stamp)
    if version is None:
        from evkg.extract.pipeline import pipeline_version as computed
        version = computed()
        _remember(stamp, version)
    return version


def known_version(ledger_file: Path) -> str | None:
    """The version the ledger remembers, if its stamp still holds (None otherwise, or without a
    ledger). Read-only: a reading command writes nothing."""
    if not ledger_file.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{ledger_file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute(f"SELECT value FROM [{META}] WHERE key = ?", (_KEY,)).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return _fresh(rows[0][0]) if rows else None
