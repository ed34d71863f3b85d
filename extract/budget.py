"""Budgets: the size of a document and the time its reading and extraction may take.

Defaults fit real guidelines and papers (a long guideline is well under 1 MB of text and
takes seconds); a file past them gets one line naming it instead of minutes of work and a
growing heap. Set with `evkg ingest --max-mb/--doc-seconds` or $EVKG_MAX_MB / $EVKG_DOC_SECONDS.
"""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from evkg.core.errors import BudgetError

MB = 1 << 20


@dataclass(frozen=True)
class Budget:
    max_mb: float = 10.0  # of input file (text, JSON, XML); a PDF may be 5x larger, its text not
    seconds: float = 60.0  # per document, plus `seconds_per_mb` for each MB of its text
    seconds_per_mb: float = 60.0

    @classmethod
    def from_env(cls, max_mb: float | None = None, seconds: float | None = None) -> Budget:
        env = os.environ
        return cls(max_mb=max_mb if max_mb is not None else float(env.get("EVKG_MAX_MB") or cls.max_mb),
                   seconds=seconds if seconds is not None else float(env.get("EVKG_DOC_SECONDS") or cls.seconds))

    def check_size(self, path, size: int, binary: bool = False) -> None:
        limit = self.max_mb * MB * (5 if binary else 1)
        if self.max_mb > 0 and size > limit:
            raise BudgetError(path, f"{size / MB:.1f} MB is over the size limit of {limit / MB:g} MB; "
                                    "split the file, or raise the limit with --max-mb (or $EVKG_MAX_MB)")

    def seconds_for(self, chars: int) -> float:
        return self.seconds + self.seconds_per_mb * chars / MB

    @contextmanager
    def timed(self, path, chars: int):
        """Raise BudgetError in the block when it outlives its budget. Uses SIGALRM, so it bounds
        work in the main thread only (elsewhere the block runs unbounded)."""
        limit = self.seconds_for(chars)
        if self.seconds <= 0 or threading.current_thread() is not threading.main_thread():
            yield
            return

        def expired(signum, frame):
            raise BudgetError(path, f"reading and extraction took longer than its time budget of "
                                    f"{limit:.0f} s; raise it with --doc-seconds (or $EVKG_DOC_SECONDS) "
                                    "if the file is sound, or report it with this file")
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
