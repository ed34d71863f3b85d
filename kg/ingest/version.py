"""The extractors' version (extract/pipeline.py `pipeline_version`) without importing them when
the ledger already knows it: the ledger keeps it beside a stamp of the files it depends on (size
and time of each file of the core and extract packages and of the ontology data). An unchanged
batch, `stats` and the links' freshness check ask here; importing the extractors (spaCy, jieba,
every reader) costs most of a second.
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
    stamp = hashlib.sha256()
    for package in ("evkg.core", "evkg.extract", "evkg.ontology"):
        spec = find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for root, dirs, names in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(names):
                    st = os.stat(os.path.join(root, name))
                    stamp.update(f"{root}/{name}\t{st.st_size}\t{st.st_mtime_ns}\n".encode("utf-8", "replace"))
    return stamp.hexdigest()[:16]


def _fresh(value: str | None) -> str | None:
    cached = (value or "").split()
    return cached[1] if len(cached) == 2 and cached[0] == _stamp() else None


def pipeline_version(ledger: Ledger) -> str:
    """The version, from the ledger when its stamp still holds, else computed and remembered."""
    known = _fresh(ledger.get_value(_KEY))
    if known:
        return known
    from evkg.extract.pipeline import pipeline_version as computed
    version = computed()
    ledger.set(_KEY, f"{_stamp()} {version}")
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
