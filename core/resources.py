"""Package data found with importlib.resources, so a built wheel finds it as an editable install does.

`ontology/` and `queries/` stay top-level folders of the repository; they are shipped as the
packages `evkg.ontology` and `evkg.queries` (see pyproject.toml).
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _package_dir(package: str) -> Path:
    # Wheels install as plain folders, so the traversable is a real path.
    return Path(str(files(package)))


def ontology_dir() -> Path:
    return _package_dir("evkg.ontology")


def queries_dir() -> Path:
    return _package_dir("evkg.queries")
