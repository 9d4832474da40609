"""The worker processes of a build: each athlete's outcome, in the order of the jobs, with the
build's own work done meanwhile."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import jobs as athlete

if TYPE_CHECKING:  # the process pool is imported only by a build with athletes to build
    from concurrent.futures import Executor, Future


def outcomes(jobs: list[athlete.Job], shared: athlete.Shared, workers: int | None,
             meanwhile: Callable[[], None],
             drop: Callable[[athlete.Outcome], None]) -> Iterator[athlete.Outcome]:
    """Each job's outcome, in the order given, from worker processes when there is work for
    more than one. `meanwhile` is this process's own work before it takes any outcome."""
    count = min(workers or min(4, os.cpu_count() or 1), len(jobs))
    from . import athlete as worker  # validation, planning and templates: only when needed

    if count <= 1:
        meanwhile()
        yield from map(worker.run, jobs)
        return
    import multiprocessing  # not needed by a rebuild with no work
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers start with this process's library and compiled templates; elsewhere
    # (spawn) the initializer reads them again.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(count, context, initializer=worker.club_process,
                             initargs=(shared,)) as pool:
        yield from _in_order(pool, worker.run, jobs, 2 * count, meanwhile, drop)


def _in_order(pool: Executor, run: Callable[[athlete.Job], athlete.Outcome],
              jobs: list[athlete.Job], ahead: int, meanwhile: Callable[[], None],
              drop: Callable[[athlete.Outcome], None]) -> Iterator[athlete.Outcome]:
    """Each job's outcome in order, with at most `ahead` jobs handed out and not yet taken:
    unlike `pool.map`, finished athletes' files never pile up in memory. `meanwhile` runs here
    while the first jobs are built; when it raises, their outcomes are dropped."""
    waiting: deque[Future[athlete.Outcome]] = deque(pool.submit(run, j) for j in jobs[:ahead])
    try:
        meanwhile()
    except BaseException:
        for future in waiting:
            if not future.cancel():
                with contextlib.suppress(Exception):  # a worker that failed staged nothing
                    drop(future.result())
        raise
    for job in jobs[ahead:]:
        yield waiting.popleft().result()
        waiting.append(pool.submit(run, job))
    while waiting:
        yield waiting.popleft().result()


def nothing() -> None:
    """No work of its own for the build to do meanwhile."""
