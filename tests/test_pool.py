"""How a build hands athletes and their PDFs to its workers: outcomes in the profiles' order,
the longest PDFs first once the last athletes are out, and nothing staged left behind when the
build stops. Threads stand in for the worker processes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from generator.pipeline.jobs import Job, Outcome, PdfJob, PdfOutcome
from generator.pipeline.pool import _Tasks

# each athlete's PDF, by how many weeks its block has (its HTML grows with them)
WEEKS = {"a": 3, "b": 22, "c": 8, "d": 16, "e": 5, "f": 0}


def _prepare(job: Job) -> Outcome:
    outcome = Outcome(job.path, athlete_id=job.path, files={f"{job.path}/index.html": "t1"})
    if WEEKS[job.path]:
        outcome.pdf_source = "<section>week</section>" * WEEKS[job.path]
    return outcome


class _Renderer:
    def __init__(self, fail: str = ""):
        self.order: list[str] = []
        self.fail = fail
        self.lock = threading.Lock()

    def __call__(self, job: PdfJob) -> PdfOutcome:
        with self.lock:
            self.order.append(job.athlete_id)
        if job.athlete_id == self.fail:
            return PdfOutcome(failure=f"{job.display}: the PDF could not be rendered")
        return PdfOutcome({f"{job.athlete_id}/{job.athlete_id}.pdf": "t2"})


def _jobs() -> list[Job]:
    return [Job(name, f"profiles/{name}.yaml") for name in WEEKS]


def _run(render: _Renderer, ahead: int, meanwhile=lambda: None, dropped=None) -> list[Outcome]:
    with ThreadPoolExecutor(1) as pool:  # one worker: the order it is given is the order it works
        tasks = _Tasks(pool, _prepare, render, 1)
        return list(tasks.in_order(_jobs(), ahead, meanwhile,
                                   (dropped if dropped is not None else []).append))


def test_outcomes_come_in_the_profiles_order_with_their_pdfs():
    outcomes = _run(_Renderer(), ahead=2)
    assert [o.path for o in outcomes] == list(WEEKS)
    for outcome in outcomes:
        pdf = {f"{outcome.path}/{outcome.path}.pdf"} if WEEKS[outcome.path] else set()
        assert set(outcome.files) == {f"{outcome.path}/index.html", *pdf}
        assert outcome.pdf_rendered == bool(pdf) and outcome.pdf_source is None


def test_once_every_athlete_is_out_the_longest_pdf_goes_first():
    render = _Renderer()
    _run(render, ahead=len(WEEKS))
    assert render.order == ["b", "d", "c", "e", "a"]


def test_before_the_last_athletes_are_out_pdfs_go_in_the_profiles_order():
    render = _Renderer()
    _run(render, ahead=1)
    assert render.order == ["a", "b", "c", "d", "e"]


def test_a_pdf_that_fails_is_reported_and_the_rest_of_the_athlete_goes_out():
    outcomes = _run(_Renderer(fail="c"), ahead=3)
    c = outcomes[2]
    assert c.failure == "profiles/c.yaml: the PDF could not be rendered"
    assert c.files == {"c/index.html": "t1"} and c.pdf_fingerprint is None and not c.pdf_rendered


def test_when_the_build_stops_what_was_staged_for_athletes_not_taken_is_dropped():
    def broken_templates() -> None:
        raise RuntimeError("a club page's template is broken")

    dropped: list[Outcome] = []
    with pytest.raises(RuntimeError):
        _run(_Renderer(), ahead=3, meanwhile=broken_templates, dropped=dropped)
    assert 1 <= len(dropped) <= 3 and all(o.files for o in dropped)
