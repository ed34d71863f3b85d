"""The schema of `Fact.details`: per key its type, the fact kinds that may carry it and the
ontology property it is written to, declared as data in ontology/details.tsv.

`Fact` checks its details against it (core/model.py): an undeclared key, a key on a kind that
may not carry it, or a value of the wrong type is a ModelError naming the key. The graph writer
(kg/graph/rdf.py) takes each key's property from here.
"""
from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from evkg.core.errors import ModelError
from evkg.core.resources import ontology_dir

DETAILS_FILE = ontology_dir() / "details.tsv"


@dataclass(frozen=True, order=True)
class Offsets:
    """A stretch of the fact's document, [start, end): a typed span in details (`statement_span`).
    Written `start-end`, the form fact identities were minted from."""
    start: int
    end: int

    def __post_init__(self):
        if not (type(self.start) is int and type(self.end) is int and 0 <= self.start <= self.end):
            raise ModelError(f"offsets ({self.start!r}, {self.end!r}) must be integers with 0 <= start <= end")

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


# Types a detail may have, by the name the table uses. `decimal` and `p` are text as printed (`0·62`,
# `< 0.001`) that the graph writes as typed numbers (kg/graph/rdf.py); the printed text stays in the quote.
TYPES: dict[str, type] = {"text": str, "integer": int, "span": Offsets, "decimal": str, "p": str}


@dataclass(frozen=True)
class Detail:
    key: str
    type: str          # a TYPES name
    kinds: frozenset[str]
    property: str      # local name of the evkg term it is written to
    note: str = ""

    @property
    def link(self) -> bool:
        """A span links two facts (an edge in the graph), it is no literal."""
        return self.type == "span"


@cache
def details_schema() -> dict[str, Detail]:
    """Key -> its declaration, from ontology/details.tsv; an unknown type is an error naming its line."""
    out = {}
    with DETAILS_FILE.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
            if i == 1 or not row or not row[0].strip():
                continue
            key, typ, kinds, prop, *note = (c.strip() for c in row)
            if typ not in TYPES:
                raise ModelError(f"{DETAILS_FILE}:{i}: detail type {typ!r} is none of {', '.join(TYPES)}")
            out[key] = Detail(key, typ, frozenset(kinds.split()), prop, note[0] if note else "")
    return out


def checked_details(kind: str, details: Mapping[str, Any] | tuple[tuple[str, Any], ...]) -> tuple[tuple[str, Any], ...]:
    """`details` as sorted (key, value) pairs once each key is declared for `kind` with a value of its type."""
    pairs = tuple(sorted(details.items())) if isinstance(details, Mapping) else tuple(details)
    schema = details_schema()
    for key, value in pairs:
        spec = schema.get(key)
        if spec is None:
            raise ModelError(f"unknown detail {key!r} on a {kind} fact; declare it in ontology/details.tsv "
                             f"(known: {', '.join(sorted(schema))})")
        if kind not in spec.kinds:
            raise ModelError(f"detail {key!r} is declared for {', '.join(sorted(spec.kinds))} facts, not {kind}; "
                             "add the kind in ontology/details.tsv")
        want = TYPES[spec.type]
        if not isinstance(value, want) or isinstance(value, bool):
            raise ModelError(f"detail {key!r} must be {spec.type} ({want.__name__}), not "
                             f"{type(value).__name__} {value!r}")
    return pairs
