"""The worker processes of a build: each athlete's outcome, in the order of the jobs, with the
build's own work done meanwhile.

An athlete is two tasks: the plan, page, JSON and calendar (quick), then the PDF (slow), handed
out only when a worker is free. At the end of a build, when every athlete is out, the longest PDF
left goes first: one long block rendered last would keep a worker busy while the others idle.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import jobs as athlete

if TYPE_CHECKING:  # the process pool is imported only by a build with athletes to build
    from concurrent.futures import Executor, Future

AHEAD = 8  # athletes handed out and not yet taken, per worker: what the longest-first can sort


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
    with ProcessPoolExecutor(count, context, initializer=_start_worker,
                             initargs=(shared, os.getpid())) as pool:
        tasks = _Tasks(pool, worker.prepare, worker.render, count)
        yield from tasks.in_order(jobs, AHEAD * count, meanwhile, drop)


def _start_worker(shared: athlete.Shared, build: int) -> None:
    """A worker ends with its build: killed with kill -9, a build would otherwise leave its
    workers waiting for work for ever. Then the club, library and templates (club_process)."""
    if sys.platform == "linux":
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when it dies
        if os.getppid() != build:  # the build died before that
            os._exit(1)
    from . import athlete as worker

    worker.club_process(shared)


@dataclass(eq=False)
class _Athlete:
    """One athlete handed out, until the build takes it."""

    index: int
    job: athlete.Job
    outcome: athlete.Outcome | None = None

    @property
    def done(self) -> bool:
        return self.outcome is not None and self.outcome.pdf_source is None


class _Tasks:
    """Hands out athletes and their PDFs to a pool, at most `count` PDFs at a time."""

    def __init__(self, pool: Executor, prepare: Callable[[athlete.Job], athlete.Outcome],
                 render: Callable[[athlete.PdfJob], athlete.PdfOutcome], count: int):
        self.pool, self.prepare, self.render, self.count = pool, prepare, render, count
        self.out: deque[_Athlete] = deque()  # handed out, in the jobs' order
        self.preparing: dict[Future[athlete.Outcome], _Athlete] = {}
        self.waiting: list[_Athlete] = []  # prepared, their PDF not yet handed out
        self.rendering: dict[Future[athlete.PdfOutcome], _Athlete] = {}

    def in_order(self, jobs: list[athlete.Job], ahead: int, meanwhile: Callable[[], None],
                 drop: Callable[[athlete.Outcome], None]) -> Iterator[athlete.Outcome]:
        """Each job's outcome in order, with at most `ahead` athletes out and not yet taken:
        finished athletes never pile up in memory. `meanwhile` runs here while the first are
        built. Whatever stops this (a worker's error, `meanwhile`'s, the build's), the files
        staged for athletes not yet taken are dropped."""
        todo = deque(enumerate(jobs))
        try:
            self._hand_out(todo, ahead)
            meanwhile()
            while self.out:
                if self.out[0].done:
                    outcome = self.out.popleft().outcome
                    assert outcome is not None
                    yield outcome
                    self._hand_out(todo, ahead)
                else:
                    self._wait(last=not todo)
        except BaseException:
            self._drop_all(drop)
            raise

    def _hand_out(self, todo: deque[tuple[int, athlete.Job]], ahead: int) -> None:
        while todo and len(self.out) < ahead:
            index, job = todo.popleft()
            self.out.append(_Athlete(index, job))
            self.preparing[self.pool.submit(self.prepare, job)] = self.out[-1]

    def _wait(self, last: bool) -> None:
        """Take the tasks that finish next, then hand out PDFs while a worker is free: in the
        jobs' order, or, once the last athletes are out and prepared, the longest first."""
        from concurrent.futures import FIRST_COMPLETED, wait

        busy: list[Future[Any]] = [*self.preparing, *self.rendering]
        wait(busy, return_when=FIRST_COMPLETED)
        for prepared in [f for f in self.preparing if f.done()]:
            one = self.preparing.pop(prepared)
            one.outcome = prepared.result()
            if one.outcome.pdf_source is not None:
                self.waiting.append(one)
        for rendered in [f for f in self.rendering if f.done()]:
            one = self.rendering.pop(rendered)
            assert one.outcome is not None
            one.outcome.add_pdf(rendered.result())
        if last and self.preparing:  # the workers have those to do first: sort all of them
            return
        while self.waiting and len(self.rendering) < self.count:
            one = (max(self.waiting, key=_pdf_size) if last
                   else min(self.waiting, key=lambda a: a.index))
            self.waiting.remove(one)
            assert one.outcome is not None
            self.rendering[self.pool.submit(self.render, one.outcome.pdf_job(one.job.display))] = one

    def _drop_all(self, drop: Callable[[athlete.Outcome], None]) -> None:
        """Every athlete out and not taken: its staged files removed, once its tasks end."""
        for prepared, one in self.preparing.items():
            if not prepared.cancel():
                with contextlib.suppress(Exception):  # a worker that failed staged nothing
                    one.outcome = prepared.result()
        for rendered, one in self.rendering.items():
            with contextlib.suppress(Exception):
                if one.outcome is not None:
                    one.outcome.add_pdf(rendered.result())
        for one in self.out:
            if one.outcome is not None:
                drop(one.outcome)


def _pdf_size(one: _Athlete) -> int:
    """How long a PDF will take, near enough: the length of its HTML (its weeks and sessions)."""
    return len(one.outcome.pdf_source or "") if one.outcome else 0


def nothing() -> None:
    """No work of its own for the build to do meanwhile."""
