"""Bytes to text: BOM, strict UTF-8, GB18030; anything else is a clear error."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from evkg.core.errors import ReadError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
MAX_BYTES = 200 * 1024 * 1024


def read_bytes(path: Path, name: Path | None = None) -> bytes:
    """The file's bytes; errors say `name` (the path as shown, limits.shown_path) if given."""
    name = name or path
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(name, f"file is {size // 2**20} MiB, larger than the {MAX_BYTES // 2**20} MiB limit; "
                                  "split it")
        raw = path.read_bytes()
    except OSError as e:
        raise ReadError(name, f"cannot read file ({e.strerror or e}); check that it exists and is readable") from None
    if not raw.strip():
        raise ReadError(name, "file is empty; nothing to ingest")
    return raw


def decode(raw: bytes, path: Path) -> str:
    """The text exactly as decoded; a BOM is dropped (it is not part of the text)."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                raise ReadError(path, f"file starts with a {enc} byte-order mark but is not valid {enc}") from None
    if b"\x00" in raw[:65536]:
        raise ReadError(path, "file looks binary (contains NUL bytes); give a text, JSON or XML file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(raw) - 3:
            # Valid UTF-8 cut off mid-character: GB18030 would "decode" it into nonsense.
            raise ReadError(path, "file is UTF-8 cut off in the middle of a character (truncated); "
                                  "copy it again from its source") from None
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            text = None
    if text is not None and not _looks_binary(text):
        return text
    raise ReadError(path, "file is neither UTF-8 nor GB18030 text (or is binary); re-save it as UTF-8")


# Control characters other than \t \n \v \f \r: one regex pass (a Python loop over 64 K characters
# was 2 % of an ingest's time).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for _ in _CONTROLS.finditer(sample))
    return controls > max(8, len(sample) // 100)
