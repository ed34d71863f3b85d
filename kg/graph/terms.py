"""How a number is written wherever it becomes text: in IRIs, RDF literals, labels and table cells.

One canonical form, so a value hashed into an IRI, stored as an `xsd:decimal` and printed in the
evidence table is the same string: integers without a decimal point (`12.0` -> `12`), other floats
by `repr` (the shortest form that reads back as the same float), None as the empty string.
A number printed in a document (`0·62`, `< .001`) is read into a Decimal by `decimal_of` / `p_value_of`
before it becomes a typed literal; the quote keeps the printed text.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD

_INTEGER = XSD.integer


# Literals are immutable, and rdflib spends 5-20 us making each one (a typed one is parsed back
# and checked): the ones that repeat (offsets, counts, kinds, field values) are made once.
@lru_cache(maxsize=1 << 16, typed=True)
def integer_literal(value: int | str) -> Literal:
    """Literal(value, datatype=xsd:integer)."""
    return Literal(value, datatype=_INTEGER)


@lru_cache(maxsize=1 << 14, typed=True)
def plain_literal(text: str) -> Literal:
    """Literal(text): for short strings that repeat (a document's text and quotes are made directly)."""
    return Literal(text)


def format_number(v: float | int | None) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)



# A number as printed -> the decimal it means. Printed forms seen in papers: `0·62` (a raised decimal
# point), `−1.5` (a minus sign or dash), `.001` (no leading zero), `1,726` (a thousands comma), full-width
# digits. Anything else (`NA`, `4 courses`, `1,2`) is no number: None, never a guess; so is a run of
# digits no store holds as a decimal (Oxigraph: 18 digits either side of the point).
_DECIMAL = re.compile(r"[-+]?(?:\d{1,18}(?:\.\d{0,18})?|\.\d{1,18})")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SIGNS = str.maketrans({"·": ".", "•": ".", "−": "-", "–": "-", "—": "-", "‐": "-", "﹣": "-", "－": "-", " ": ""})
# A p-value's comparator as printed -> the one evkg:pComparator writes (`=` is no comparator).
P_COMPARATORS = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "＜": "<", "＞": ">",
                 "=": "", "": ""}
_P = re.compile(r"\s*(<=|>=|[<>≤≥＜＞=])?\s*(\S.*?)\s*")


def decimal_of(printed: str) -> Decimal | None:
    """The number `printed` states, or None when it states none (see above)."""
    text = unicodedata.normalize("NFKC", printed).translate(_SIGNS).strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _DECIMAL.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


def p_value_of(printed: str) -> tuple[str, Decimal] | None:
    """A p-value as printed (`< 0.001`, `=0.04`, `.03`, `≤0.05`) -> (comparator, value); None when it
    states no number, or a negative one (no probability)."""
    m = _P.fullmatch(printed)
    if not m:
        return None
    value = decimal_of(m.group(2))
    return None if value is None or value < 0 else (P_COMPARATORS[m.group(1) or ""], value)


def decimal_text(value: Decimal) -> str:
    """xsd:decimal's canonical lexical form, the form a store returns (`1.00` -> `1`, `-0` -> `0`, `.5` -> `0.5`)."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text.lstrip("+")
