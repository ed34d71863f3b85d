"""A fixed pool of worker processes with a deadline per job.

A job that outlives its deadline has its process killed (that is what really stops an
Oxigraph query) and a fresh worker takes its place; the other workers keep serving, so
one runaway query holds one worker for at most the timeout.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from dataclasses import dataclass

from evkg.core.errors import EvkgError
from evkg.kg.store.formats import Answer

_START_TIMEOUT = 30  # seconds for a new worker to say it is ready


class JobFailed(EvkgError):
    """A job ended without an answer; `status` is the HTTP status to reply with."""

    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


def worker_memory_mb() -> float:
    """Address space each worker may use (RLIMIT_AS), $EVKG_WORKER_MB or 2048; 0 for no cap.
    An idle worker maps about 500 MB, most of it never touched."""
    return float(os.environ.get("EVKG_WORKER_MB") or 2048)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    def __init__(self, location: str, size: int, timeout: float, memory_mb: float | None = None):
        # forkserver: workers are forked from a clean process that has the modules loaded,
        # not from this threaded server (fork with threads is unsafe) nor spawned from scratch.
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["evkg.kg.web.worker"])
        self.location = location
        self.timeout = timeout
        self.memory_mb = worker_memory_mb() if memory_mb is None else memory_mb
        self.killed: list[int] = []  # pids of workers ended at their deadline, for logs and tests
        self.isolation = ""  # how the workers are kept off the network (kg/web/sandbox.py)
        self._lock = threading.Lock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        for _ in range(size):
            self._idle.put(self._start())

    @property
    def size(self) -> int:
        """Worker processes running now (a replaced one counts once)."""
        with self._lock:
            return len(self._all)

    def _start(self) -> _Worker:
        from evkg.kg.web.worker import main
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=main, args=(self.location, child, self.memory_mb), daemon=True,
                                    name="evkg-serve-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        try:
            if not parent.poll(_START_TIMEOUT):
                raise EOFError
            _, self.isolation = parent.recv()
        except (EOFError, OSError):
            worker.kill()
            raise JobFailed(500, f"a worker process did not start within {_START_TIMEOUT} s") from None
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        with self._lock:
            self._all.remove(worker)
        return self._start()

    def run(self, job: str, **params) -> Answer:
        """Run `job` in a free worker; JobFailed on error, on timeout (503) or when all are busy.
        The wait for a free worker and the job itself are each bounded by the timeout."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise JobFailed(503, f"every worker stayed busy for {self.timeout:g} s; try again later") from None
        deadline = time.monotonic() + self.timeout
        try:
            worker.conn.send((job, params))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self.killed.append(worker.process.pid)
                worker = self._replace(worker)
                raise JobFailed(503, f"stopped after {self.timeout:g} s, the server's query timeout; "
                                     "narrow the query or add a LIMIT")
            reply = worker.conn.recv()
        except (EOFError, OSError) as e:
            worker = self._replace(worker)
            raise JobFailed(500, f"the worker process failed ({type(e).__name__}; a query past the "
                                 f"{self.memory_mb:g} MB memory cap ends so); it was restarted") from None
        finally:
            self._idle.put(worker)
        if reply[0] == "ok":
            return reply[1]
        raise JobFailed(reply[1], reply[2])

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.kill()
