"""The build, end to end: read the club, plan each athlete, publish every format, write the folder.

This is the only place the three parts meet: `inputs` reads, `plan` plans, `publish` renders and
writes. Everything is planned and rendered in memory first; only then does the one writer touch
the output folder, so a template mistake writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError

from .errors import BuildError, ProfileError, UsageError
from .inputs.club_files import Inputs, read_inputs
from .model import Plan
from .plan.builder import build_plan
from .publish import pages
from .publish.calendar import plan_calendar
from .publish.context import athlete_context
from .publish.environment import STYLESHEET, environment, stylesheet
from .publish.output import (
    MANIFEST,
    SiteFiles,
    Writer,
    check_folder,
    lock_folder,
    manifest_text,
    read_manifest,
    remove_stale,
)
from .publish.pdf import PdfJob, pdf_fingerprint, render_pdfs
from .vocabulary import FORMATS

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    written: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # athlete ids
    failures: list[str] = field(default_factory=list)  # messages
    reused: int = 0  # PDFs kept from the previous build because nothing they show changed


def default_today() -> dt.date:
    """The day a build plans from when none is given: SOURCE_DATE_EPOCH's date (UTC) when it is
    set, so that builds on two days are byte-identical, else the clock's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH: got {epoch[:40]!r}; allowed a whole number of "
                         "seconds since 1970-01-01 UTC, e.g. 1798761600") from None


def plan_one(profile: Path, today: dt.date) -> Plan:
    """`runlift plan`: read one profile with its club, and plan it.

    Raises ProfileError with every mistake in the profile (or its club file), and UsageError
    when the file is the club file rather than an athlete's.
    """
    inputs = read_inputs([profile])
    if inputs.failures:
        raise ProfileError([p for failure in inputs.failures for p in failure.problems])
    if not inputs.athletes:
        raise UsageError(f"{profile}: this is the club file, not an athlete profile; give "
                         "`runlift plan` one athlete's file (see `runlift validate` for the club).")
    return build_plan(inputs.athletes[0], inputs.library, today)


def build_site(inputs: Inputs, out: Path, formats: tuple[str, ...] = FORMATS,
               today: dt.date | None = None, jobs: int | None = None) -> BuildResult:
    """Plan every athlete, render everything, then write it all under `out`.

    Raises BuildError for a template mistake, a link in the output folder, another build holding
    its lock, or a folder that cannot be written (read-only, full, gone).
    """
    try:
        with lock_folder(out):
            check_folder(out)
            return _build_site(inputs, out, formats, today or default_today(), jobs)
    except OSError as exc:
        raise BuildError(_cannot_write(out, exc)) from None
    except TemplateError as exc:  # most likely a club's own template override
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "a template"
        lineno = getattr(exc, "lineno", None)
        line = f":{lineno}" if lineno else ""
        raise BuildError(f"{where}{line}: template error: {exc.message or exc}; nothing was "
                         "written") from None


def _cannot_write(out: Path, exc: OSError) -> str:
    why = exc.strerror or str(exc) or type(exc).__name__
    where = f" at {exc.filename}" if exc.filename else ""
    return (f"cannot write the site into {out.as_posix()}/ ({why}{where}); no file of the last "
            "build there was replaced by a part of this one")


def _build_site(inputs: Inputs, out: Path, formats: tuple[str, ...], today: dt.date,
                jobs: int | None) -> BuildResult:
    result = BuildResult()
    plans = _plan_all(inputs, today, result)
    env = environment(_club_templates(inputs))
    site = SiteFiles()
    contexts = [athlete_context(plan, inputs.club) for plan in plans]
    pdf_jobs = _athlete_outputs(env, contexts, formats, site)
    result.built = [ctx["athlete"].id for ctx in contexts]
    if "html" in formats:
        _club_outputs(env, inputs, contexts, formats, site, failed=len(inputs.failures)
                      + len(result.failures))
    previous = read_manifest(out)
    fingerprints, pdf_failures = _pdfs(pdf_jobs, out, previous, site, result, jobs)
    sources = {ctx["athlete"].id: ctx["athlete"].source for ctx in contexts}
    result.failures += [f"{sources[athlete_id]}: the PDF of {athlete_id} could not be rendered "
                        f"({why})" for athlete_id, why in pdf_failures]
    files = sorted([*site.files, MANIFEST])
    failed = bool(result.failures or inputs.failures)
    if failed:  # keep what earlier builds wrote, to clean up later
        files = sorted({*files, *(f for f in previous.get("files", []) if isinstance(f, str))})
    site.put(MANIFEST, manifest_text(fingerprints, files))
    writer = Writer(out)
    writer.write_all(site)
    result.written = writer.written
    if not failed:
        remove_stale(out, previous.get("files", []), set(files))
    return result


def _plan_all(inputs: Inputs, today: dt.date, result: BuildResult) -> list[Plan]:
    plans = []
    for athlete in inputs.athletes:
        try:
            plans.append(build_plan(athlete, inputs.library, today))
        except Exception as exc:  # a bug for one athlete must not cost the club its build
            log.debug("planning %s failed", athlete.source, exc_info=True)
            result.failures.append(f"{athlete.source}: could not be planned ({exc})")
    return plans


def _club_templates(inputs: Inputs) -> list[Path]:
    """The club's own template folder: beside club.yaml, else in the folder built."""
    club_folder = inputs.club.folder or inputs.root
    if club_folder and (club_folder / "templates").is_dir():
        return [club_folder / "templates"]
    return []


def _athlete_outputs(env: Environment, contexts: list[dict[str, Any]], formats: tuple[str, ...],
                     site: SiteFiles) -> list[PdfJob]:
    """Each athlete's JSON, calendar and page; their PDFs are returned as jobs to render."""
    css = stylesheet(env)
    pdf_jobs = []
    for ctx in contexts:
        plan, a = ctx["plan"], ctx["athlete"]
        if "json" in formats:
            site.put(f"{a.id}/{a.id}.json", plan.to_json())
        if "ics" in formats:
            site.put(f"{a.id}/{a.id}.ics", plan_calendar(plan, ctx["page_url"]))
        if "html" in formats:
            site.put(f"{a.id}/index.html", pages.athlete_page(env, ctx, formats))
        if "pdf" in formats:
            pdf_jobs.append((a.id, pages.pdf_source(env, ctx), css, ctx["club"].paper))
    return pdf_jobs


def _club_outputs(env: Environment, inputs: Inputs, contexts: list[dict[str, Any]],
                  formats: tuple[str, ...], site: SiteFiles, failed: int) -> None:
    """The club page, the stylesheet, the exercise library and the sitemap."""
    site.put("index.html", pages.club_page(env, inputs.club, contexts, formats, failed))
    site.put(STYLESHEET, stylesheet(env))
    for path, page in pages.library_pages(env, inputs.library, inputs.club):
        site.put(path, page)
    if inputs.club.base_url:
        ids = [ctx["athlete"].id for ctx in contexts]
        site.put("sitemap.xml", pages.sitemap(env, inputs.club, ids, inputs.library))


def _pdfs(pdf_jobs: list[PdfJob], out: Path, previous: dict[str, Any], site: SiteFiles,
          result: BuildResult, jobs: int | None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Render the PDFs that changed and keep the ones that did not: their fingerprints, and the
    athletes whose PDF failed, with the reason."""
    before = previous.get("pdf", {})
    fingerprints: dict[str, str] = {}
    to_render = []
    for job in pdf_jobs:
        athlete_id, html, css, paper = job
        path = f"{athlete_id}/{athlete_id}.pdf"
        fingerprints[path] = pdf_fingerprint(html, css, paper)
        existing = out / path
        if before.get(path) == fingerprints[path] and existing.is_file():
            site.put(path, existing.read_bytes())  # unchanged since the last build: no re-render
            result.reused += 1
        else:
            to_render.append(job)
    failures = []
    for athlete_id, pdf in render_pdfs(to_render, jobs):
        path = f"{athlete_id}/{athlete_id}.pdf"
        if isinstance(pdf, bytes):
            site.put(path, pdf)
        else:
            fingerprints.pop(path, None)
            failures.append((athlete_id, pdf))
    return fingerprints, failures
