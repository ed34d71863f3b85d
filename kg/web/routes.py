"""Kinds of request that cannot starve each other: each route has its own number of jobs that
may run at once and its own bounded queue, so an expensive route fills its own queue (its
requests then get 429 with Retry-After), never another's.

The worker pool (kg/web/pool.py) has exactly as many processes as the routes' limits add up
to, and each route runs its jobs on its own threads, so a job let through by its route always
finds a free worker and a free thread.
"""
from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class RouteLimit:
    running: int  # jobs of this route at once (worker processes it may hold)
    waiting: int  # requests that may wait for one of them; more are refused with 429


class RouteFull(Exception):
    """The route's jobs are all running and its queue is full."""

    def __init__(self, route: str, limit: RouteLimit, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"too many {route} requests at once ({limit.running} running, {limit.waiting} "
                         f"waiting); try again in {retry_after} s")


class Route:
    def __init__(self, name: str, limit: RouteLimit, job_seconds: float):
        self.name = name
        self.limit = limit
        # A place in the queue frees when a running job ends, at the latest after its timeout.
        self.retry_after = max(1, math.ceil(job_seconds))
        self._slots: asyncio.Semaphore | None = None
        self._admitted = 0  # running or waiting
        self._threads = ThreadPoolExecutor(limit.running, thread_name_prefix=f"evkg-{name}")

    async def run(self, job: Callable, *args):
        """`job(*args)` on one of this route's threads once a slot is free; RouteFull at once when
        the queue is full. No wait is unbounded: the queue is, and so is each job (its timeout)."""
        if self._admitted >= self.limit.running + self.limit.waiting:
            raise RouteFull(self.name, self.limit, self.retry_after)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.limit.running)  # made in the server's event loop
        self._admitted += 1
        try:
            async with self._slots:
                return await asyncio.get_running_loop().run_in_executor(self._threads, job, *args)
        finally:
            self._admitted -= 1

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


def default_limits(workers: int, queue: int) -> dict[str, RouteLimit]:
    """SPARQL and the pages (document list, document, trace) get `workers` processes each,
    search half as many (at least one): a search through the index takes milliseconds, while
    a trace page waits on several queries (with 2 workers instead of 4 it served 34 instead of
    59 pages a second on 2 cores)."""
    return {"sparql": RouteLimit(workers, queue), "pages": RouteLimit(workers, queue),
            "search": RouteLimit(max(1, workers // 2), queue)}
