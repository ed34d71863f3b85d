"""What the readers refuse or escape before it can hurt: nesting deeper than any real record
(checked while parsing, before anything recurses over it), numbers longer than any real count
(Python refuses int() of more than 4,300 digits), and file names that are not text (bytes
that are no UTF-8, shown escaped so every message, id and ledger row can hold them)."""
from __future__ import annotations

import os
import re

from evkg.core.errors import ReadError

# Real records nest a few dozen levels (a JATS table in a section in a section ...); the
# recursive walks after reading (schema checks, sections) stay far below Python's limit.
MAX_DEPTH = 256
# A count, a label number or a year longer than this is no count.
MAX_DIGITS = 18
_DIGITS = re.compile(rf"\d{{1,{MAX_DIGITS}}}")
_COUNT = re.compile(rf"\d{{1,{MAX_DIGITS}}}(?:\.0+)?")


class TooDeep(ReadError):
    """Nesting past MAX_DEPTH; `where` says where the walk stopped (\"at line 3\"), if known."""

    def __init__(self, path, what: str, where: str = ""):
        super().__init__(path, f"{what} nested more than {MAX_DEPTH} levels deep{' ' + where if where else ''}, "
                               "deeper than any real record; the file is damaged (fix or re-download it)")


def whole_number(text: str) -> int | None:
    """`text` as a count when it is one (digits only, at most MAX_DIGITS of them), else None."""
    return int(text) if _DIGITS.fullmatch(text) else None


def is_count(text: str) -> bool:
    """A registry's count field as written (`120`, `120.0`), no longer than MAX_DIGITS digits."""
    return bool(_COUNT.fullmatch(text))


def shown_path(path: str | os.PathLike) -> str:
    """The path as text: bytes of the name that are no UTF-8 (kept by Python as surrogates)
    written as `\\xff`, so it prints, goes into SQLite and RDF, and says which bytes they were."""
    text = os.fspath(path)
    if text.isascii():
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")
