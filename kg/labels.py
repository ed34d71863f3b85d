"""Finding a recommendation by the label a person types: `共识4`, `共识 4`, `Consensus 4` or `4`
all find `共识 4`; `2` finds both `4.1 / 2` and `VII / 2`, and the caller lists them."""
from __future__ import annotations

import re
from typing import Iterable

from core.fold import fold

_NUMBER = re.compile(r"\d+|(?<![a-z])[ivxlc]+(?![a-z])")


def label_key(label: str) -> str:
    """How labels are compared: folded (width, case, numerals), without spaces."""
    return "".join(fold(label).split())


def _numbers(label: str) -> tuple[str, ...]:
    return tuple(m.group(0).lstrip("0") or "0" for m in _NUMBER.finditer(fold(label)))


def matching_labels(typed: str, labels: Iterable[str]) -> list[str]:
    """The labels `typed` names: the same label up to spacing and width, else those whose
    numbers end with the typed numbers (the words around them may be in another language)."""
    labels = list(dict.fromkeys(labels))
    key = label_key(typed)
    same = [lb for lb in labels if label_key(lb) == key]
    if same:
        return same
    wanted = _numbers(typed)
    if not wanted:
        return []
    return [lb for lb in labels if _numbers(lb)[-len(wanted):] == wanted]
