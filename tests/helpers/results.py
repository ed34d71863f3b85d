"""The results reader on a text of the test's own: every outcome fact of a plain-text document,
each checked to quote its span (`quote == text[start:end]`, the invariant every test relies on)."""
from __future__ import annotations

from pathlib import Path

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()


def outcomes(text: str, name: str = "paper.txt") -> list:
    """The outcome facts of `text` read as the plain-text file `name`."""
    doc = read_plain(Path(name), text)
    out = [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]
    assert all(f.provenance.quote == text[f.provenance.start:f.provenance.end] for f in out)
    return out


def read_fixture(path: Path) -> tuple[str, list]:
    """A fixture's text and its outcome facts."""
    text = path.read_text(encoding="utf-8")
    return text, outcomes(text)


def fact_at(text: str, fs: list, quote: str, nth: int = 0):
    """The fact whose span holds the `nth` print of `quote`, or None."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    found = [f for f in fs if f.provenance.start <= start < f.provenance.end]
    return found[0] if found else None
