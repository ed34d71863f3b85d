"""An ingest worker process: receives files (work.Task), sends back their events (work.py).

Workers fork from multiprocessing's fork server, a clean process started for the pool that
never opens the store (the ingest holds Oxigraph's handles, and forking a process with them and
their threads is unsafe). The server preloads this module, and importing it builds the run's
Context (lexicon, jieba and spaCy pipelines) once, so every worker starts with them in memory
shared with the others, and a worker that replaces a dead one starts in milliseconds.

Before each document the worker hands its budget to the operating system (`Budget.enforce`):
past its CPU seconds the kernel ends the worker with SIGXCPU, past its memory an allocation
fails. The pool names the file and starts another worker; nothing of that document was sent.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import sys
import traceback
from dataclasses import replace

from evkg.core.errors import EvkgError
from evkg.extract.budget import Budget
from evkg.extract.readers import (  # noqa: F401 - loaded once, in the fork server, for every worker
    ctgov_json,
    ctgov_xml,
    flat_registration,
    jats_xml,
    pdf,
    plain,
    pubmed_xml,
)
from evkg.extract.text.context import Context
from evkg.kg.ingest.events import Begin, End, Task
from evkg.kg.ingest.faults import fault
from evkg.kg.ingest.paths import internal_error
from evkg.kg.ingest.work import read_and_extract

RETIRED = 75  # exit status of a worker that ended itself after its memory ran out
_PR_SET_PDEATHSIG = 1


def _warm() -> Context | None:
    """The run's Context with its pipelines built; None when that fails here (each worker then
    builds its own, and reports what is wrong)."""
    try:
        from evkg.extract.text.sentences import sentences
        run = Context()
        for text, lang in (("示例文本。第二句。", "zh"), ("An example. A second one.", "en")):
            sentences(text, lang, run.user_words)
        return run
    except Exception:  # noqa: BLE001 - reported by the worker that builds it again
        return None


_WARM = _warm()


def _measured(end: End) -> End:
    """The end of a file with what the worker has used so far (Linux counts ru_maxrss in KiB)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return replace(end, cpu=used.ru_utime + used.ru_stime, peak_mb=used.ru_maxrss / 1024)


def _die_with_parent() -> None:
    """Linux: end with the fork server, which ends with the ingest (even a killed one)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def main(conn, budget: Budget, env: dict[str, str]) -> None:
    """The worker loop: a Task in, its events out; None (or the pool gone) ends it."""
    os.environ.clear()
    os.environ.update(env)  # the ingest's environment now, not the fork server's at its start
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the ingest's to handle; it ends us
    _die_with_parent()
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (0, hard))  # SIGXCPU would otherwise leave a core file
    run = _WARM or Context()
    doing = [""]

    def before(doc: str, chars: int) -> None:
        doing[0] = doc
        if doc:
            conn.send(Begin(doc, chars))
        budget.enforce(chars)
        fault(doc)

    while True:
        try:
            task: Task | None = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            for event in read_and_extract(task, run, budget, before):
                conn.send(_measured(event) if isinstance(event, End) else event)
        except MemoryError:
            Budget.lift()
            conn.send(End(budget.over_memory(task.shown, doing[0]).reason, doing[0], retire=True))
            os._exit(RETIRED)  # its heap may be left in pieces: a fresh worker takes over
        except (EOFError, OSError, BrokenPipeError):
            return  # the pool is gone
        except Exception as e:  # noqa: BLE001 - EVKG_DEBUG asked for the traceback: shown, and the batch goes on
            if not isinstance(e, EvkgError):
                traceback.print_exc(file=sys.stderr)
            conn.send(End(internal_error(e), doing[0]))
