"""English drug names from the maintained dictionary of `drug-named-entity-recognition` (PyPI).

The package ships DrugBank, MeSH and MedlinePlus names with their DrugBank and MeSH ids in one
pickled file. Importing the package itself loads that file and builds a fuzzy n-gram index
(several seconds), so only its data file is read here, once, and the part evkg needs —
each name with its INN and ids — is kept in a small cache file keyed by the package version.

Kept: entries with a DrugBank id, or MeSH pharmacological classes (tree D27: `antiemetics`,
`opioid analgesics`), so whole classes are found without hand lists. Dropped: names of
measured body substances and reagents (`ontology/cues/drug_dictionary.tsv`), the package's own
stop words, names under four characters and brand codes like `AT 10`. Brand names count only
when written with a capital (`Modus` the brand, not `modus operandi`).
"""
from __future__ import annotations

import bz2
import importlib.metadata
import importlib.util
import json
import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from evkg.extract.vocabulary.cues import cue_table

PACKAGE = "drug_named_entity_recognition"
DISTRIBUTION = "drug-named-entity-recognition"
_NAME = re.compile(r"[a-z][a-z0-9 \-/']*[a-z0-9]")
_CODE_LIKE = re.compile(r"[a-z]+ \d+")
_MIN_LEN = 4
_CLASS_TREE = "D27"  # MeSH Chemical Actions and Uses: pharmacological classes
_CACHE_FORMAT = "2"  # bump when the cached row layout changes


@dataclass(frozen=True)
class DrugName:
    name: str       # as the dictionary lists it, lower case
    inn: str        # the drug it names: English INN (or MeSH class heading), lower case
    drugbank: str   # DBxxxxx or ""
    mesh: str       # MeSH descriptor id or ""
    brand: bool = False  # a brand name: matched only when written with a capital (`Modus`, not `modus`)


def version() -> str:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _data_file() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"
    return path if path.is_file() else None


def _cache_file(ver: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "evkg" / f"drug-dictionary-{ver}.json"


def _exclusions() -> tuple[set[str], tuple[str, ...], tuple[str, ...], set[str]]:
    names, trees, suffixes, keep = set(), [], [], set()
    for cue, *_ in cue_table("drug_dictionary"):
        if cue.startswith("keep:"):
            keep.add(cue[5:].strip().lower())
        elif cue.startswith("tree:"):
            trees.append(cue[5:].strip())
        elif cue.startswith("suffix:"):
            suffixes.append(" " + cue[7:].strip())
        else:
            names.add(cue.lower())
    return names, tuple(trees), tuple(suffixes), keep


def _stopwords(path: Path) -> set[str]:
    """The package's own stop words (English words, company and country names), read from its source."""
    src = (path.parent / "util.py").read_text(encoding="utf-8")
    m = re.search(r"stopwords\s*=\s*(\{.*?\})", src, re.S)
    return set(re.findall(r"'([^']+)'", m.group(1))) if m else set()


def _build(path: Path) -> list[tuple[str, str, str, str]]:
    with bz2.open(path, "rb") as f:
        d = pickle.load(f)  # the package's own shipped data file, read as the package reads it
    canon = d["drug_canonical_to_data"]
    names, trees, suffixes, keep = _exclusions()
    stop = _stopwords(path)
    out = []
    for variant, canonicals in d["drug_variant_to_canonical"].items():
        if len(canonicals) != 1 or len(variant) < _MIN_LEN or variant in stop or variant in names:
            continue
        if not _NAME.fullmatch(variant) or _CODE_LIKE.fullmatch(variant) or variant.endswith(suffixes):
            continue
        data = canon.get(canonicals[0], {})
        tree = data.get("mesh_tree") or []
        inn = (data.get("name") or canonicals[0]).lower()
        if not data.get("drugbank_id") and inn not in keep and (
                not any(t.startswith(_CLASS_TREE) for t in tree) or all(t.startswith(trees) for t in tree)):
            continue
        if inn in names:
            continue
        brand = bool(d["drug_variant_to_variant_data"].get(variant, {}).get("is_brand"))
        out.append((variant, inn, data.get("drugbank_id", ""), data.get("mesh_id", ""), brand))
    return out


@lru_cache(maxsize=1)
def drug_names() -> tuple[DrugName, ...]:
    """Every usable name of the dictionary; empty when the package is not installed."""
    path = _data_file()
    if path is None:
        return ()
    cache = _cache_file(version() + "-" + _CACHE_FORMAT + "-" + _rules_digest())
    rows = None
    if cache.is_file():
        try:
            rows = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rows = None
    if rows is None:
        rows = _build(path)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(rows), encoding="utf-8")
            tmp.replace(cache)
        except OSError:
            pass  # a read-only home: rebuild next run
    inn = _inn_names()
    return tuple(DrugName(r[0], inn.get(r[1], r[1]), *r[2:]) for r in rows)


def _inn_names() -> dict[str, str]:
    """US adopted name -> INN (`albuterol` -> `salbutamol`), ontology/cues/inn_names.tsv."""
    return {row[0]: row[1] for row in cue_table("inn_names")}


def _rules_digest() -> str:
    """The exclusion table is part of the cache key, so editing it takes effect at once."""
    import hashlib
    return hashlib.sha256(repr(cue_table("drug_dictionary")).encode()).hexdigest()[:10]


@lru_cache(maxsize=1)
def by_name() -> dict[str, DrugName]:
    """Each dictionary name (lower case) -> its entry, for grounding names read from other tables."""
    return {n.name: n for n in drug_names()}
