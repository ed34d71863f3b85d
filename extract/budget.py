"""Budgets: the size of a file, and the CPU time and memory the reading and extraction of each
of its documents may take.

Defaults fit real guidelines and papers (a long guideline is well under 1 MB of text and
takes seconds); a file past them gets one line naming it instead of minutes of work and a
growing heap. Set with `evkg ingest --max-mb/--doc-seconds/--doc-mb` or $EVKG_MAX_MB /
$EVKG_DOC_SECONDS / $EVKG_DOC_MB.

Time is CPU time, not wall time, so a budget means the same on an idle machine and on one
shared with seven others. `enforce` hands both limits to the operating system for the
process it runs in (RLIMIT_CPU, RLIMIT_AS): an ingest worker (kg/ingest/worker.py) calls it
before each document, and a document past its CPU budget ends the worker with SIGXCPU, one
past its memory budget raises MemoryError; the ingest names the file and replaces the worker.
"""
from __future__ import annotations

import math
import os
import resource
from dataclasses import dataclass

from evkg.core.errors import BudgetError

MB = 1 << 20
_UNLIMITED = resource.RLIM_INFINITY


@dataclass(frozen=True)
class Budget:
    max_mb: float = 10.0  # of input file (text, JSON, XML); a PDF may be 5x larger, its text not
    seconds: float = 60.0  # CPU seconds per document, plus `seconds_per_mb` for each MB of its text
    seconds_per_mb: float = 60.0
    memory_mb: float = 2048.0  # address space a document may add to the worker reading it

    @classmethod
    def from_env(cls, max_mb: float | None = None, seconds: float | None = None,
                 memory_mb: float | None = None) -> Budget:
        def pick(given, name, default):
            return float(given if given is not None else os.environ.get(name) or default)
        return cls(max_mb=pick(max_mb, "EVKG_MAX_MB", cls.max_mb),
                   seconds=pick(seconds, "EVKG_DOC_SECONDS", cls.seconds),
                   memory_mb=pick(memory_mb, "EVKG_DOC_MB", cls.memory_mb))

    def check_size(self, path, size: int, binary: bool = False) -> None:
        limit = self.max_mb * MB * (5 if binary else 1)
        if self.max_mb > 0 and size > limit:
            raise BudgetError(path, f"{size / MB:.1f} MB is over the size limit of {limit / MB:g} MB; "
                                    "split the file, or raise the limit with --max-mb (or $EVKG_MAX_MB)")

    def seconds_for(self, chars: int) -> float:
        """CPU seconds for a document of `chars` characters (or the reading of a file of that many bytes)."""
        return self.seconds + self.seconds_per_mb * chars / MB

    def enforce(self, chars: int) -> None:
        """Limit this process, from now on, to the CPU time and memory of one document of `chars`
        characters: RLIMIT_CPU at the CPU time used so far plus its budget (past it the kernel
        sends SIGXCPU, which ends the process), RLIMIT_AS at the address space mapped now plus
        the memory budget (past it an allocation fails: MemoryError). A budget of 0 is no limit."""
        if self.seconds > 0:
            used = resource.getrusage(resource.RUSAGE_SELF)
            _soften(resource.RLIMIT_CPU, math.ceil(used.ru_utime + used.ru_stime + self.seconds_for(chars)))
        if self.memory_mb > 0:
            _soften(resource.RLIMIT_AS, mapped_bytes() + int(self.memory_mb * MB))

    @staticmethod
    def lift() -> None:
        """No limits (after a document ran out of memory, so the worker can say so and end)."""
        _soften(resource.RLIMIT_AS, _UNLIMITED)
        _soften(resource.RLIMIT_CPU, _UNLIMITED)

    def over_cpu(self, path, chars: int, doc: str = "") -> BudgetError:
        return BudgetError(path, f"{_which(doc)} over its CPU budget of {self.seconds_for(chars):.0f} s; "
                                 "raise it with --doc-seconds (or $EVKG_DOC_SECONDS) if the file is sound, "
                                 "or report it with this file")

    def over_memory(self, path, doc: str = "") -> BudgetError:
        return BudgetError(path, f"{_which(doc)} over its memory budget of {self.memory_mb:g} MB; "
                                 "raise it with --doc-mb (or $EVKG_DOC_MB) if the file is sound, "
                                 "or report it with this file")


def _which(doc: str) -> str:
    return f"document {doc} went" if doc else "reading the file went"


def _soften(which: int, soft: int) -> None:
    """Set the soft limit, never above the hard one (which an unprivileged process cannot raise)."""
    _, hard = resource.getrlimit(which)
    if hard != _UNLIMITED and (soft == _UNLIMITED or soft > hard):
        soft = hard
    resource.setrlimit(which, (soft, hard))


def mapped_bytes() -> int:
    """This process's address space now (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except OSError:  # no /proc: the peak resident size is the nearest measure at hand
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
