"""Worker processes for an ingest: files read and extracted side by side, their events handed
back file after file in the batch's order, so the one writer (kg/ingest/batch.py) commits in
an order that does not depend on which worker was quicker.

A thread here hands files to idle workers (a few ahead of the one being committed, so memory
stays bounded), drains their pipes as events arrive, and watches each worker:

- one that dies (SIGXCPU past its CPU budget, SIGKILL, a crash) fails its file with a line
  that says why, naming the document it was on, and another worker takes its place;
- one that ran out of its memory budget says so itself and is replaced;
- one that uses no CPU at all for `stall` seconds while on a file (waiting for something that
  never comes) is killed, and its file fails so.

No wall-clock budget: how long a document may work is CPU time (extract/budget.py), which a
busy machine does not change; the stall watch only catches a worker that does nothing.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.connection import wait

from evkg.core.errors import EvkgError
from evkg.extract.budget import Budget
from evkg.kg.ingest.events import Begin, End, Event, Read, Task

_POLL = 0.5  # seconds between looks at workers that send nothing
_STALL = 120.0  # seconds without CPU time that make a worker stuck ($EVKG_STALL_SECONDS)
_AHEAD = 2  # files handed out per worker beyond the one being committed


def _child(conn, budget: Budget, env: dict[str, str]) -> None:
    """The worker's entry; imported here by name only, so the ingest never imports (and warms)
    kg/ingest/worker.py itself."""
    from evkg.kg.ingest.worker import main
    main(conn, budget, env)


def _cpu_ticks(pid: int) -> int | None:
    """User + system CPU time of a process in clock ticks (Linux), None when unknown."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


class _Worker:
    def __init__(self, process, conn):
        self.process, self.conn = process, conn
        self.task: Task | None = None
        self.doc, self.chars = "", 0
        self.ids: tuple[str, ...] = ()
        self.cpu: int | None = None
        self.quiet_since = time.monotonic()
        self.stalled = False
        self.retired = False  # ends itself after its last event (its memory ran out)

    def assign(self, task: Task) -> None:
        self.task, self.doc, self.chars, self.ids = task, "", task.size, ()
        self.cpu, self.quiet_since, self.stalled = None, time.monotonic(), False
        self.conn.send(task)

    def stuck(self, stall: float) -> bool:
        """True when it has used no CPU for `stall` seconds while on a file."""
        ticks = _cpu_ticks(self.process.pid)
        now = time.monotonic()
        if ticks is None or ticks != self.cpu:
            self.cpu, self.quiet_since = ticks, now
            return False
        return now - self.quiet_since > stall


class Pool:
    """`jobs` worker processes for one ingest run, started once and ended with `close`."""

    def __init__(self, jobs: int, budget: Budget, stall: float | None = None):
        self.jobs = max(1, jobs)
        self.budget = budget
        self.stall = stall if stall is not None else float(os.environ.get("EVKG_STALL_SECONDS") or _STALL)
        self.replaced = 0  # workers started to replace one that died or was stopped
        self.cpu: dict[int, float] = {}  # CPU seconds each worker had used at its last file's end
        self.peak_mb = 0.0  # the highest peak resident memory of a worker
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["evkg.kg.ingest.worker"])
        self._cond = threading.Condition()
        self._events: dict[int, deque[Event]] = {}  # by position in the batch's order
        self._position: dict[int, int] = {}
        self._head = 0
        self._stop = False
        self._failure: BaseException | None = None
        self._wake_r, self._wake_w = os.pipe()
        self._workers: list[_Worker] = []

    # The consumer's side: events in the batch's order.
    def events(self, tasks: Sequence[Task]) -> Iterator[tuple[Task, Event]]:
        """Every event of every task, task after task in the order given; ends the workers after."""
        self._events = {i: deque() for i in range(len(tasks))}
        self._position = {t.index: i for i, t in enumerate(tasks)}
        thread = threading.Thread(target=self._dispatch, args=(tasks,), name="evkg-ingest-pool", daemon=True)
        thread.start()
        try:
            for i, task in enumerate(tasks):
                while True:
                    event = self._next(i)
                    if not isinstance(event, Begin):
                        yield task, event
                    if isinstance(event, End):
                        break
                with self._cond:
                    self._head = i + 1
                self._wake()
        finally:
            with self._cond:
                self._stop = True
            self._wake()
            thread.join()
            self.close()

    def _next(self, i: int) -> Event:
        with self._cond:
            while not self._events[i] and self._failure is None:
                self._cond.wait()
            if self._events[i]:
                return self._events[i].popleft()
            raise self._failure

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b".")

    def _put(self, task: Task, event: Event) -> None:
        with self._cond:
            self._events[self._position[task.index]].append(event)
            self._cond.notify_all()

    # The thread's side.
    def _dispatch(self, tasks: Sequence[Task]) -> None:
        try:
            self._serve(tasks)
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, which raises it
            with self._cond:
                self._failure = e if isinstance(e, EvkgError) else EvkgError(
                    f"the ingest's worker processes failed ({type(e).__name__}: {e}); "
                    "run again with --jobs 0 to read in this process")
                self._cond.notify_all()

    def _serve(self, tasks: Sequence[Task]) -> None:
        queued = deque(enumerate(tasks))  # (position in the batch's order, task)
        left = len(tasks)  # tasks not ended
        idle = [self._start() for _ in range(min(self.jobs, len(tasks)))]
        while left:
            with self._cond:
                if self._stop:
                    return
                window = self._head + self.jobs * _AHEAD + 1
            while idle and queued and queued[0][0] < window:
                idle.pop().assign(queued.popleft()[1])
            busy = [w for w in self._workers if w.task is not None]
            ready = wait([self._wake_r] + [w.conn for w in busy] + [w.process.sentinel for w in self._workers],
                         timeout=_POLL)
            if self._wake_r in ready:
                os.read(self._wake_r, 4096)
            for w in list(self._workers):
                was_busy = w.task is not None
                if w.conn in ready:
                    self._drain(w)
                dead = w.process.sentinel in ready
                if not dead and w.task is not None and w.stuck(self.stall):
                    self._halt(w)
                    dead = True
                if dead:
                    self._bury(w)
                    if w in idle:
                        idle.remove(w)
                    if queued:
                        idle.append(self._start())
                        self.replaced += 1
                elif w.task is None and not w.retired and w not in idle:
                    idle.append(w)
                left -= was_busy and w.task is None

    def _drain(self, w: _Worker) -> None:
        """Every event the worker has sent so far."""
        try:
            while w.task is not None and w.conn.poll():
                event = w.conn.recv()
                if isinstance(event, Begin):
                    w.doc, w.chars = event.doc, event.chars
                elif isinstance(event, Read):
                    w.ids = event.ids
                self._put(w.task, event)
                if isinstance(event, End):
                    w.task, w.retired = None, event.retire
                    self.cpu[w.process.pid] = event.cpu
                    self.peak_mb = max(self.peak_mb, event.peak_mb)
        except (EOFError, OSError):
            return

    def _halt(self, w: _Worker) -> None:
        w.stalled = True
        w.process.kill()

    def _bury(self, w: _Worker) -> None:
        """A worker that ended: its file, if it was on one, fails with the reason."""
        w.process.join(5)
        self._drain(w)
        if w.task is not None:
            self._put(w.task, End(self._death(w), w.doc))
            w.task = None
        w.conn.close()
        self._workers.remove(w)

    def _death(self, w: _Worker) -> str:
        code = w.process.exitcode
        what = f"document {w.doc}" if w.doc else "reading the file"
        if w.stalled:
            return (f"{what} stopped: its worker used no CPU time for {self.stall:g} s (waiting for something "
                    "that did not come); it was stopped and the batch went on; try the file again, or report it")
        if code == -signal.SIGXCPU:
            return self.budget.over_cpu("", w.chars, w.doc).reason
        if code == -signal.SIGKILL:
            return (f"{what}: its worker process was killed (SIGKILL: by hand, or by the system when memory ran "
                    "out); the batch went on; run the file again, or lower --doc-mb if memory is short")
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
        return (f"{what}: its worker process ended ({how}); the batch went on; "
                "please report it with this file (EVKG_DEBUG=1 shows what the worker printed)")

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_child, args=(child, self.budget, dict(os.environ)),
                                    name="evkg-ingest-worker", daemon=True)
        try:
            process.start()
        except OSError as e:
            raise EvkgError(f"cannot start an ingest worker process ({e}); "
                            "free some memory, or run with --jobs 0 to read in this process") from None
        child.close()
        w = _Worker(process, parent)
        self._workers.append(w)
        return w

    def close(self) -> None:
        """Idle workers told to end, busy ones killed; waits for all."""
        for w in self._workers:
            try:
                if w.task is None:
                    w.conn.send(None)
                else:
                    w.process.kill()
            except OSError:
                w.process.kill()
        for w in self._workers:
            w.process.join(5)
            if w.process.exitcode is None:
                w.process.kill()
                w.process.join()
            w.conn.close()
        self._workers = []
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
