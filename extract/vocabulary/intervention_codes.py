"""The vocabulary codes of the interventions (drugs, procedures, devices) a stretch of text names:
what a recommendation is about and what an arm received, from lexicon mentions.

Not a plugin: the open-vocabulary intervention plugin, which reads interventions a trial report
names in its own words, is extract/trials/interventions.py. Light on purpose (no NLP imports):
the trace reads these kinds too.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

INTERVENTION_KINDS = ("drug", "procedure", "device")


class _Mention(Protocol):
    kind: str
    code: str
    start: int


def codes_between(mentions: Iterable[_Mention], start: int, end: int) -> list[str]:
    """Codes of the intervention mentions in [start, end), in text order, each once."""
    return list(dict.fromkeys(m.code for m in mentions if m.kind in INTERVENTION_KINDS and start <= m.start < end))
