"""Ingest: files -> documents -> facts -> one named graph per document in the store."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from extract.readers import SUFFIXES


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files below folders named (recursively, readable types only), sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out
