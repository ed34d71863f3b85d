"""Statement labels: the number a label gives (`共识 4` -> `4`), a label within its section, and the
one matching key of a label, as the annotation guide writes labels (shared/spec/annotation.md:
`共识 4`, `Recommendation 4` and `4` are one label; `3.1.4 1` where numbering restarts).

The words that only say a label is one (`共识`, `Recommendation`, `No.`) are data:
ontology/cues/label_words.tsv.
"""
from __future__ import annotations

import re

from evkg.core.fold import fold
from evkg.extract.vocabulary.cues import cue_pattern


def label_number(label: str) -> str:
    """`共识 4`, `Recommendation 4`, `#4` -> `4`: a label as printed, without the words that only say it
    is one; a label that is nothing but such words stays as it is."""
    s = label.strip().lstrip("#").strip()
    m = cue_pattern("label_words").match(fold(s))
    # fold() keeps lengths for these words, so the match end is an offset into `s`.
    return s[m.end():].strip(" .:：") if m and s[m.end():].strip(" .:：") else s


def qualified(section: str, label: str) -> str:
    """`4.1 2`: a label within its section, for documents whose numbering restarts per section
    (the annotation guide's form: the section label, a space, the number as printed)."""
    return f"{section} {label_number(label)}" if section else label


def label_key(label: str) -> str:
    """The matching key of a label: `共识 4`, `共识4`, `Consensus 4` and `4` -> `4`; `4.1 2` and
    `4.1 / 2` -> `4.1 2`; folded (case, full-width forms)."""
    # `recommendation1` is typed as often as `recommendation 1`
    s = re.sub(r"(?<=[^\W\d])(?=\d)", " ", fold(label or "").lstrip("#"))
    s = cue_pattern("label_words").sub(" ", s)
    return re.sub(r"[\s/]+", " ", s).strip(" .:：") or fold(label or "").strip()
