"""Reading invented text the way a user's file is read: written to a file, then through read_document."""
from __future__ import annotations

from pathlib import Path

from evkg.extract.readers import read_document


def read_text(tmp_path: Path, text: str, name: str = "page.txt"):
    """The documents read_document makes of `text` saved as tmp_path/name."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_document(p)
