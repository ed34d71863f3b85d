"""JSON parsed with the place of every string and number in the text, for provenance.

`loads` returns what `json.loads` would, except that strings and numbers are
`Located` (a `str` holding the decoded string, or the number as written) that
also know `start` and `end`: the raw characters between the quotes, or of the
number, in the original text. Objects are `LocatedDict`s that know their span
(braces included). Object keys are plain strings.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring

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


def loads(text: str):
    """Parse `text`; raises json.JSONDecodeError (with line and column) when it is not JSON."""
    json.loads(text)  # validation with the standard library's messages
    return _value(text, _WS.match(text, 0).end())[0]


def _value(text: str, i: int):
    c = text[i]
    if c == '"':
        s, end = scanstring(text, i + 1)
        return Located(s, i + 1, end - 1), end
    if c == "{":
        return _object(text, i)
    if c == "[":
        return _array(text, i)
    m = _NUMBER.match(text, i)
    if m:
        return Located(m.group(0), m.start(), m.end()), m.end()
    for word, value in _LITERALS.items():
        if text.startswith(word, i):
            return value, i + len(word)
    raise json.JSONDecodeError("unexpected character", text, i)


def _object(text: str, i: int):
    out = LocatedDict()
    out.start = i
    i = _WS.match(text, i + 1).end()
    if text[i] == "}":
        out.end = i + 1
        return out, i + 1
    while True:
        key, i = scanstring(text, i + 1)
        i = _WS.match(text, i).end() + 1  # the colon
        value, i = _value(text, _WS.match(text, i).end())
        out[key] = value
        i = _WS.match(text, i).end()
        if text[i] == "}":
            out.end = i + 1
            return out, i + 1
        i = _WS.match(text, i + 1).end()  # after the comma


def _array(text: str, i: int):
    out = []
    i = _WS.match(text, i + 1).end()
    if text[i] == "]":
        return out, i + 1
    while True:
        value, i = _value(text, i)
        out.append(value)
        i = _WS.match(text, i).end()
        if text[i] == "]":
            return out, i + 1
        i = _WS.match(text, i + 1).end()
