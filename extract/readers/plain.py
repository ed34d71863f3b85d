"""Plain text and Markdown documents."""
from __future__ import annotations

import re
from pathlib import Path

from extract import detect
from extract.readers.sections import find_sections
from kg.model import Document, Metadata

_DOI = re.compile(r"\b(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;，；\]】]+)", re.I)
_PMID = re.compile(r"\bPMID\s*[:：]?\s*(\d{5,9})\b")
_NCT = re.compile(r"\bNCT\d{8}\b")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def metadata(text: str, references_start: int | None = None) -> Metadata:
    """The document's own title, DOI, PMID, NCT id and year, read from its head (not its reference list)."""
    body = text[:references_start] if references_start else text
    head = body[:4000]
    lines = [ln.strip(" \t\u3000#*·") for ln in head.splitlines()]
    lines = [ln for ln in lines if len(ln) >= 6]
    title = lines[0] if lines else ""
    doi = _DOI.search(head)
    pmid = _PMID.search(head)
    nct = _NCT.search(body)
    year = None
    m = re.search(r"\((?:19|20)\d{2}\)|(?:19|20)\d{2}\s*[,，]\s*\d+\s*[(（]", head) or (doi and _YEAR.search(doi.group(1)))
    if m:
        year = int(_YEAR.search(m.group(0)).group(1))
    return Metadata(title=title, doi=doi.group(1).rstrip(".") if doi else "",
                    pmid=pmid.group(1) if pmid else "", nct_id=nct.group(0) if nct else "", year=year)


def read_plain(path: Path, text: str) -> Document:
    sections = find_sections(text)
    refs = next((s.start for s in sections if s.name == "references"), None)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype=detect.doctype(text), sections=sections, metadata=metadata(text, refs),
                    layout="plain")
