"""The shapes structured inputs must have before a reader walks them (JSON Schema, checked
with `jsonschema`). A mismatch is one ReadError naming the file and the path of the bad
field, instead of a traceback from deep inside the reader."""
from __future__ import annotations

from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from evkg.core.errors import ReadError

# What a leaf may be. Numbers come as strings from json_spans (kept as written, for offsets).
SCALAR = {"type": ["string", "number", "boolean", "null"]}
_JSON_TYPES = ((bool, "a boolean"), (str, "a string"), (int, "a number"), (float, "a number"),
               (list, "a list"), (dict, "an object"), (type(None), "null"))


def obj(**properties) -> dict:
    """An object whose named members (all optional) have these shapes; other members are free."""
    return {"type": "object", "properties": properties}


def arr(items: dict) -> dict:
    return {"type": "array", "items": items}


def leaves(*names: str) -> dict:
    """An object whose named members are scalars."""
    return obj(**dict.fromkeys(names, SCALAR))


_VALIDATORS: dict[int, Draft202012Validator] = {}


def _validator(schema: dict) -> Draft202012Validator:
    """One validator per schema object (the schemas are module constants)."""
    if id(schema) not in _VALIDATORS:
        _VALIDATORS[id(schema)] = Draft202012Validator(schema)
    return _VALIDATORS[id(schema)]


def _kind(value) -> str:
    return next(name for t, name in _JSON_TYPES if isinstance(value, t))


def _expected(error) -> str:
    want = error.schema.get("type")
    names = {"object": "an object", "array": "a list", "string": "a string", "number": "a number",
             "boolean": "a boolean", "null": "null"}
    if isinstance(want, list):
        return "a string, number, boolean or null" if want == SCALAR["type"] else " or ".join(names[w] for w in want)
    return names.get(want, error.message)


def field_path(parts, root: str = "") -> str:
    """`protocolSection.armsInterventionsModule.armGroups[2].label`"""
    out = root
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def check(data, schema: dict, path: str | Path, root: str = "", render=field_path) -> None:
    """ReadError for the most telling mismatch of `data` against `schema`, if any."""
    error = best_match(_validator(schema).iter_errors(data))
    if error is None:
        return
    where = render(error.absolute_path, root)
    if error.validator == "type":
        reason = f"{_expected(error)}, not {_kind(error.instance)}"
    elif error.validator == "required":
        missing = error.message.split("'")[1]
        where, reason = render([*error.absolute_path, missing], root), "present"
    elif "propertyNames" in error.schema_path:  # XML: an element inside a plain-text field
        where, reason = render(error.absolute_path, root), f"plain text (it holds a <{error.instance}> element)"
    else:
        reason = error.message
    raise ReadError(path, f"field {where} should be {reason}; the file does not have the expected "
                          "structure (fix or re-download it)")
