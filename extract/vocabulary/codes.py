"""What a statement or an arm is about: the codes of the drugs, procedures and devices it names.

Light on purpose (no NLP imports): the trace and the web view read these kinds too.
"""
from __future__ import annotations

from typing import Iterable, Protocol

INTERVENTION_KINDS = ("drug", "procedure", "device")


class _Mention(Protocol):
    kind: str
    code: str
    start: int


def codes_between(mentions: Iterable[_Mention], start: int, end: int) -> list[str]:
    """Codes of the intervention mentions in [start, end), in text order, each once."""
    return list(dict.fromkeys(m.code for m in mentions if m.kind in INTERVENTION_KINDS and start <= m.start < end))
