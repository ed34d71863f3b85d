"""Reading invented text the way a user's file is read: written to a file, then through read_document."""
from __future__ import annotations

from pathlib import Path

from evkg.extract.readers import read_document


def read_text(tmp_path: Path, text: str, name: str = "page.txt"):
    """The documents read_document makes of `text` saved as tmp_path/name."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_document(p)


def registration_rows(tmp_path: Path, text: str, run) -> set[tuple]:
    """(kind, name, role, value) of each fact the pipeline makes of a registration page saved as reg.txt."""
    from evkg.extract.pipeline import extract_facts
    from evkg.kg.report.columns import fact_row

    facts = extract_facts(read_text(tmp_path, text, "reg.txt"), run)
    return {tuple(fact_row(f)[c] for c in ("kind", "name", "role", "value")) for f in facts}


def of_kind(rows: set[tuple], kind: str) -> set[tuple]:
    """The rows of one kind, without their kind."""
    return {r[1:] for r in rows if r[0] == kind}


def facts_by_stem(folder: Path) -> dict:
    """The facts the pipeline makes of each .txt file of a fixture folder, by file stem (one Context for all)."""
    from evkg.extract.pipeline import extract_facts
    from evkg.extract.text.context import Context

    run = Context()
    return {p.stem: extract_facts(read_document(p), run) for p in sorted(folder.glob("*.txt"))}
