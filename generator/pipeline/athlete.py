"""One athlete's build, start to finish: validate the profile and the training log, plan, render
every format.

It runs in worker processes (or in the main one for a single job), so everything it needs comes
in a `Shared` value set up once per process, and what it makes goes back as an `Outcome`: the
files, staged beside their places for the build to rename in or discard, the athlete's row for
the club pages, and what went wrong.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import TemplateError

from ..errors import ProfileError
from ..inputs.club import ClubFile, load_club
from ..inputs.club_files import id_problem
from ..inputs.discovery import outside_link
from ..inputs.library import load_library
from ..inputs.log import load_log
from ..inputs.profile import load_athlete
from ..model import Athlete, Club, Library, TrainingLog
from ..plan.block import start_rule
from ..plan.builder import build_plan
from ..publish import pages
from ..publish.assets import PRINT_STYLESHEET
from ..publish.calendar import plan_calendar
from ..publish.context import athlete_context
from ..publish.environment import environment, stylesheet, template_error
from ..publish.output import Writer
from ..publish.pdf import pdf_fingerprint, render_pdf
from ..publish.privacy import published_json
from ..publish.summary import club_row
from .jobs import Job, Outcome, PdfJob, PdfOutcome, Shared
from .state import log_digest

log = logging.getLogger(__name__)


class _Process:
    """The club, library and templates, read once per process."""

    def __init__(self, shared: Shared):
        self.shared = shared
        self.club_file: ClubFile | None = None
        if shared.club_path:
            self.club_file = load_club(Path(shared.club_path), shared.club_display)
        self.club: Club = self.club_file.club if self.club_file else Club()
        self.library: Library = load_library([Path(p) for p in shared.exercise_folders])
        self.env = environment([Path(p) for p in shared.template_folders])
        self.css = stylesheet(self.env, PRINT_STYLESHEET)  # the PDF's; the site's is club.py's
        self.logs = {a_id: [Path(p) for p in paths] for a_id, paths in shared.logs}


_PROCESS: _Process | None = None


def start_process(shared: Shared) -> _Process:
    """Set up this process for `run`, reading the club, library and templates afresh: once a
    build, in the main process (a `serve` session builds again after edits)."""
    global _PROCESS
    _PROCESS = _Process(shared)
    return _PROCESS


def run(job: Job) -> Outcome:
    """Build one athlete, PDF included; never raises for one athlete's mistake or bug."""
    outcome = prepare(job)
    if outcome.pdf_source is not None:
        outcome.add_pdf(render(outcome.pdf_job(job.display)))
    return outcome


def prepare(job: Job) -> Outcome:
    """Build one athlete but for the PDF, whose HTML waits in `pdf_source` for `render`."""
    assert _PROCESS is not None, "start_process first"
    process = _PROCESS
    outcome = Outcome(job.path)
    outside = outside_link(Path(job.path), Path(process.shared.root))
    if outside:
        outcome.problems = [outside]
        return outcome
    try:
        athlete = load_athlete(Path(job.path), process.library, process.club_file, job.display)
        _check_id(athlete)
        outcome.athlete_id, outcome.id_line = athlete.id, athlete.id_line
        training_log = _log(process, athlete.id, outcome)
    except ProfileError as exc:
        outcome.problems = exc.problems
        return outcome
    outcome.start_rule = start_rule(athlete)
    files: dict[str, str | bytes] = {}
    try:
        _render(process, athlete, job, outcome, training_log, files)
    except TemplateError as exc:  # the club's templates: every athlete would fail the same way
        raise template_error(exc) from None
    except Exception as exc:  # a bug for one athlete must not cost the club its build
        log.debug("building %s failed", job.display, exc_info=True)
        outcome.failure = f"{job.display}: could not be built ({type(exc).__name__}: {exc})"
        files, outcome.row, outcome.pdf_source = {}, None, None
    # Staged here, in the worker (a full disk or a link in the way stops the build)
    outcome.files = Writer(Path(process.shared.out)).stage_all(files)
    return outcome


def _check_id(athlete: Athlete) -> None:
    refused = id_problem(athlete)
    if refused:
        raise ProfileError([refused])


def _log(process: _Process, athlete_id: str, outcome: Outcome) -> TrainingLog | None:
    """The athlete's training log, read with its fingerprint; ProfileError for its mistakes."""
    paths = process.logs.get(athlete_id, [])
    outcome.log_digest = log_digest(paths)  # before reading: a later edit builds again
    if not paths:
        return None
    return load_log(paths, athlete_id, process.library, paths[0].parent.parent)  # beside logs/


def _render(process: _Process, athlete: Athlete, job: Job, outcome: Outcome,
            training_log: TrainingLog | None, files: dict[str, str | bytes]) -> None:
    shared, env, club = process.shared, process.env, process.club
    plan = build_plan(athlete, process.library, shared.today, training_log)
    ctx = athlete_context(plan, club)
    a_id = athlete.id
    if "json" in shared.formats:
        files[f"{a_id}/{a_id}.json"] = published_json(plan, club)
    if "ics" in shared.formats:
        files[f"{a_id}/{a_id}.ics"] = plan_calendar(plan, ctx["page_url"], club.privacy)
    if "html" in shared.formats:
        files[f"{a_id}/index.html"] = pages.athlete_page(env, ctx, shared.formats)
    if "pdf" in shared.formats:
        html = pages.pdf_source(env, ctx)
        outcome.pdf_fingerprint = pdf_fingerprint(html, process.css, club.paper)
        if outcome.pdf_fingerprint != job.pdf_fingerprint:
            outcome.pdf_source = html
    outcome.row = club_row(ctx)


def render(job: PdfJob) -> PdfOutcome:
    """One athlete's PDF, staged; a PDF that cannot be made is reported, never raised."""
    assert _PROCESS is not None, "start_process first"
    process, a_id = _PROCESS, job.athlete_id
    try:
        pdf = render_pdf(job.html, process.css, process.club.paper)
    except Exception as exc:  # the page and JSON still go out
        log.debug("PDF of %s failed", a_id, exc_info=True)
        return PdfOutcome(failure=f"{job.display}: the PDF of {a_id} could not be rendered "
                                  f"({type(exc).__name__}: {exc})")
    return PdfOutcome(Writer(Path(process.shared.out)).stage_all({f"{a_id}/{a_id}.pdf": pdf}))


def club_process(shared: Shared) -> _Process:
    """The club, library and templates this build set up (for the club pages, or inherited by
    a worker process); read here when there is none."""
    if _PROCESS is None or _PROCESS.shared != shared:
        start_process(shared)
    assert _PROCESS is not None
    return _PROCESS
