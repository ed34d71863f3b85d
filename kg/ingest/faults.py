"""Fault injection for the crash and fault tests.

`EVKG_CRASH_AT=NAME:N` ends this process with SIGKILL the N-th time it passes the checkpoint
NAME (N defaults to 1). Unset, a checkpoint costs one dictionary lookup. The crash test also
kills at random times; this hits the points between two writes, which random kills rarely do.

`EVKG_FAULT=KIND:DOC` makes an ingest worker misbehave as it begins the document DOC (its id):
`kill` (SIGKILL itself), `hang` (wait forever, using no CPU), `loop` (spin forever, using CPU),
`raise` (an exception no extractor should raise) or `grow` (allocate memory without end). The
ingest must name the file, replace the worker where it died, and go on with the batch.
"""
from __future__ import annotations

import os
import signal
import time
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


def fault(doc_id: str) -> None:
    spec = os.environ.get("EVKG_FAULT")
    if not spec:
        return
    kind, _, target = spec.partition(":")
    if target != doc_id:
        return
    if kind == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif kind == "hang":
        while True:
            time.sleep(3600)
    elif kind == "loop":
        n = 0
        while True:
            n += 1
    elif kind == "raise":
        raise RuntimeError(f"fault injected into {doc_id}")
    elif kind == "grow":
        hoard = []
        while True:
            hoard.append(bytearray(16 << 20))
