"""Fault injection for the crash test: `EVKG_CRASH_AT=NAME:N` ends this process with SIGKILL
the N-th time it passes the checkpoint NAME (N defaults to 1). Unset, a checkpoint costs one
dictionary lookup. The crash test also kills at random times; this hits the points between
two writes, which random kills rarely do."""
from __future__ import annotations

import os
import signal
from collections import Counter

_passed: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    spec = os.environ.get("EVKG_CRASH_AT")
    if not spec:
        return
    target, _, nth = spec.partition(":")
    if target != name:
        return
    _passed[name] += 1
    if _passed[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
