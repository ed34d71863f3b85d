"""Text helpers every room shares, one home each: which characters are Chinese, where sentences
end, and the patterns of bibliographic identifiers (DOI, PMID, NCT id, year).

The character ranges are strings for regex classes (`f"[A-Z{HAN}]"`) with a function beside
each for code that asks of one character or a string.
"""
import re

# Chinese (Han) characters: CJK Unified Ideographs, Extension A and the compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters typeset at full width with Chinese text: Han, CJK punctuation (`，。、「」`, the ideographic
# space) and full-width forms (`（）：１`). No space separates them from their neighbours.
CJK = HAN + "\u3000-\u303f\uff00-\uffef"
HAN_CHAR = re.compile(f"[{HAN}]")
_CJK_CHAR = re.compile(f"[{CJK}]")


def has_han(s: str) -> bool:
    """Whether `s` holds a Chinese character (of one character: whether it is one)."""
    return HAN_CHAR.search(s) is not None


def is_cjk(c: str) -> bool:
    """Whether the character `c` is typeset at full width with Chinese text (Han, CJK punctuation, full-width form)."""
    return bool(c) and _CJK_CHAR.match(c) is not None


# Where a sentence ends in either language: the Chinese full stops and their ASCII forms
# (`.` ends a sentence only before a space, which the sentence splitter checks itself).
SENTENCE_ENDS = "。！？!?；;"

# A DOI; `DOI_LABELLED` only after `doi:` or a doi.org link (safer in running text).
DOI = re.compile(r"(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s,;，；\]】]+)", re.I)
DOI_LABELLED = re.compile(r"\b(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;，；\]】]+)", re.I)
# The `doi:` label or doi.org link in front of a DOI (to strip it off a written one).
DOI_PREFIX = re.compile(r"^(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)", re.I)
PMID = re.compile(r"\bPMID\s*[:：]?\s*(\d{5,9})\b", re.I)
NCT = re.compile(r"\bNCT\d{8}\b")
# A plain signed number (`-2.1`, `+1e-3`): a spreadsheet reads it as a number, never as a formula.
PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})[a-z]?(?!\d)")
