"""How a number is written wherever it becomes text: in IRIs, RDF literals, labels and table cells.

One canonical form, so a value hashed into an IRI, stored as an `xsd:decimal` and printed in the
evidence table is the same string: integers without a decimal point (`12.0` -> `12`), other floats
by `repr` (the shortest form that reads back as the same float), None as the empty string.
"""
from __future__ import annotations


def format_number(v: float | int | None) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)

