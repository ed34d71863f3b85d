"""Patterns for bibliographic identifiers, shared by document metadata and reference lists."""
import re

# A DOI; `DOI_LABELLED` only after `doi:` or a doi.org link (safer in running text).
DOI = re.compile(r"(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s,;，；\]】]+)", re.I)
DOI_LABELLED = re.compile(r"\b(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;，；\]】]+)", re.I)
PMID = re.compile(r"\bPMID\s*[:：]?\s*(\d{5,9})\b", re.I)
NCT = re.compile(r"\bNCT\d{8}\b")
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})[a-z]?(?!\d)")
