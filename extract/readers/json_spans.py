"""JSON parsed with the place of every string and number in the text, for provenance.

`loads` returns what `json.loads` would, except that strings and numbers are
`Located` (a `str` holding the decoded string, or the number as written) that
also know `start` and `end`: the raw characters between the quotes, or of the
number, in the original text. Objects are `LocatedDict`s that know their span
(braces included). Object keys are plain strings.

Numbers are never converted (a 5,000-digit integer is text like any other), and nesting
deeper than `limits.MAX_DEPTH` raises `TooDeep` before the walk recurses into it.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring

from evkg.extract.readers.limits import MAX_DEPTH

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class Located(str):
    """A JSON string or number and its raw span in the text."""
    start: int
    end: int

    def __new__(cls, value: str, start: int, end: int):
        obj = super().__new__(cls, value)
        obj.start, obj.end = start, end
        return obj


class LocatedDict(dict):
    """A JSON object and its raw span in the text, braces included."""
    start: int = 0
    end: int = 0


class Nested(ValueError):
    """Nesting deeper than MAX_DEPTH; `depth` is how deep the walk got."""

    def __init__(self, depth: int):
        self.depth = depth
        super().__init__(f"nested more than {depth} levels deep")


def loads(text: str):
    """Parse `text`; raises json.JSONDecodeError (with line and column) when it is not JSON and
    `Nested` when it nests deeper than MAX_DEPTH."""
    # Validation with the standard library's messages; numbers stay text (int() refuses
    # more than 4,300 digits) and the standard library's own depth check stays in force.
    json.loads(text, parse_int=len, parse_float=len, parse_constant=len)
    return _value(text, _WS.match(text, 0).end(), 0)[0]


def _value(text: str, i: int, depth: int):
    c = text[i]
    if c == '"':
        s, end = scanstring(text, i + 1)
        return Located(s, i + 1, end - 1), end
    if c in "{[":
        if depth >= MAX_DEPTH:
            raise Nested(MAX_DEPTH)
        return (_object if c == "{" else _array)(text, i, depth + 1)
    m = _NUMBER.match(text, i)
    if m:
        return Located(m.group(0), m.start(), m.end()), m.end()
    for word, value in _LITERALS.items():
        if text.startswith(word, i):
            return value, i + len(word)
    raise json.JSONDecodeError("unexpected character", text, i)


def _object(text: str, i: int, depth: int):
    out = LocatedDict()
    out.start = i
    i = _WS.match(text, i + 1).end()
    if text[i] == "}":
        out.end = i + 1
        return out, i + 1
    while True:
        key, i = scanstring(text, i + 1)
        i = _WS.match(text, i).end() + 1  # the colon
        value, i = _value(text, _WS.match(text, i).end(), depth)
        out[key] = value
        i = _WS.match(text, i).end()
        if text[i] == "}":
            out.end = i + 1
            return out, i + 1
        i = _WS.match(text, i + 1).end()  # after the comma


def _array(text: str, i: int, depth: int):
    out = []
    i = _WS.match(text, i + 1).end()
    if text[i] == "]":
        return out, i + 1
    while True:
        value, i = _value(text, i, depth)
        out.append(value)
        i = _WS.match(text, i).end()
        if text[i] == "]":
            return out, i + 1
        i = _WS.match(text, i + 1).end()
