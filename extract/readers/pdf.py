"""PDF files by their text layer (pypdf): the pages' text joined by form feeds.

The document text is the decoded text layer, so `quote == text[start:end]` holds in
that text. The reader hands over where each page starts (`Document.pages`), so the page
of any offset is `Document.page_of`. A PDF without a text layer (a scan), an encrypted
one or a damaged one is a ReadError naming the file.
"""
from __future__ import annotations

import io
import logging
from pathlib import Path

from pypdf import PdfReader

from evkg.core.errors import ReadError
from evkg.core.model import Document
from evkg.extract.readers import detect
from evkg.extract.readers.plain import metadata
from evkg.extract.readers.reference_list import parse_references
from evkg.extract.readers.sections import find_sections

# pypdf logs repair attempts ("EOF marker not found"); the ReadError already says what is wrong.
logging.getLogger("pypdf").setLevel(logging.ERROR)

LAYOUT = "pdf"
PAGE_BREAK = "\f"


def page_texts(path: Path, raw: bytes) -> list[str]:
    if not raw.startswith(b"%PDF-"):
        raise ReadError(path, "not a PDF file (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise ReadError(path, "PDF is encrypted; save an unencrypted copy to ingest it")
        return [(page.extract_text() or "").replace(PAGE_BREAK, "\n") for page in reader.pages]
    except ReadError:
        raise
    except Exception as e:  # pypdf raises many kinds of error on damaged files; each one means the same here
        raise ReadError(path, f"damaged or unreadable PDF ({type(e).__name__}: {e})") from None


def read_pdf(path: Path, raw: bytes) -> Document:
    pages = page_texts(path, raw)
    text = PAGE_BREAK.join(pages)
    if not text.strip():
        raise ReadError(path, f"PDF of {len(pages)} page(s) has no text layer (a scan?); run OCR first")
    sections = find_sections(text)
    refs = next((s.start for s in sections if s.name == "references"), None)
    md = metadata(text, refs)
    return Document(id=path.stem, text=text, path=str(path), language=detect.language(text),
                    doctype=detect.doctype(text[:refs], md.title), sections=sections, metadata=md, layout=LAYOUT,
                    references=parse_references(text, sections), pages=page_starts(text))


def page_starts(text: str) -> tuple[int, ...]:
    """Where each page starts in the joined text: 0, then after each form feed."""
    starts, at = [0], text.find(PAGE_BREAK)
    while at >= 0:
        starts.append(at + 1)
        at = text.find(PAGE_BREAK, at + 1)
    return tuple(starts)
