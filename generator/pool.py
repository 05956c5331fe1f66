"""Per-article work on every core.

The articles and banks of a course are loaded, checked and rendered independently of one another, so a large course
does that work in a pool of worker processes. Results come back in input order, so the output is byte-identical to a
run in one process. Small courses (and ``MEDIALIT_JOBS=1``) stay in one process: starting workers costs more than
it saves there.

Workers are forked, which is quick and needs nothing re-imported, but is only safe in a process with a single thread
(a command-line run); anywhere else (a test session, a notebook kernel with threads, a system without fork) the work
stays in one process.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 12  # fewer articles (or banks) than this: one process


def _jobs() -> int:
    env = os.environ.get("MEDIALIT_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: the main process reports it, the workers just stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Pool:
    """``map`` in worker processes once the course is large enough; a plain loop otherwise."""

    def __init__(self, parallel: bool = True) -> None:
        can_fork = parallel and sys.platform == "linux" and threading.active_count() == 1
        self._max_jobs = min(_jobs(), 8) if can_fork else 1
        self.jobs = 1  # the most processes any map has used
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if self._max_jobs < 2 or len(items) < MIN_ITEMS:
            return map(fn, items)
        self.jobs = self._max_jobs
        if self._executor is None:
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=multiprocessing.get_context("fork"), initializer=_worker_init)
        # one item at a time: the workers send back little (a chapter's digests, not its bytes), and the last
        # worker to finish is never left with a batch the others would have shared
        return self._executor.map(fn, items, chunksize=1)


def serial() -> Pool:
    """A pool that never starts a worker."""
    return Pool(parallel=False)

