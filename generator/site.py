"""Rendering a club: the club page, athlete pages, PDFs, JSON and the exercise library.

Everything is planned and rendered in memory first; only then does the one Writer touch the output
folder. Templates come from one Jinja environment: the club's own folder first, then `templates/`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import segno
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from markupsafe import Markup

from . import __version__
from .builder import build_plan
from .calendar import plan_calendar
from .charts import block_chart, main_lift_loads
from .errors import BuildError
from .library import Library
from .model import Plan, Prescription
from .profile import DAY_NAMES
from .project import Inputs
from .text import PHASE_NAMES, effort, load_text
from .writer import Writer

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FORMATS = ("html", "pdf", "json", "ics")
ROLE_NAMES = {"warmup": "Warm-up", "plyometric": "Plyometrics", "main": "Main lift",
              "accessory": "Accessory", "core": "Core", "cooldown": "Cool-down"}
RUN_NAMES = {"rest": "Rest", "easy": "Easy", "recovery": "Recovery", "moderate": "Moderate",
             "long": "Long run", "intervals": "Intervals", "tempo": "Tempo", "hills": "Hills",
             "fartlek": "Fartlek", "race": "Race", "cross": "Cross-training"}


@dataclass
class BuildResult:
    written: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # athlete ids
    failures: list[str] = field(default_factory=list)  # messages
    reused: int = 0  # PDFs kept from the previous build because nothing they show changed
    removed: list[str] = field(default_factory=list)  # stale files of the previous build


def environment(template_dirs: list[Path]) -> Environment:
    """One Jinja environment: the club's template folder first, then the project's."""
    loader = ChoiceLoader([FileSystemLoader(str(d)) for d in (*template_dirs, TEMPLATES)])
    env = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(
        phase_name=lambda phase: PHASE_NAMES[phase],
        day_name=lambda day: DAY_NAMES[day],
        day_short=lambda day: DAY_NAMES[day][:3],
        run_name=lambda run: RUN_NAMES[run],
        role_name=lambda role: ROLE_NAMES[role],
        date_long=lambda d: f"{d:%a} {d.day} {d:%b %Y}",
        date_short=lambda d: f"{d.day} {d:%b}",
        effort=effort,
        load_text=load_text,
        number=lambda v: f"{v:g}",
        groupby_role=log_rows,
        demote=lambda html, by=2: Markup(_demote_headings(str(html), by)),
    )
    env.globals.update(version=__version__)
    return env


def _sort_key(name: str) -> str:
    """Names as a reader alphabetises them: Ådne beside Adam, not after Zed."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _reasons(plan: Plan) -> list[str]:
    seen: dict[str, None] = {}
    for week in plan.weeks:
        for _, session in week.sessions:
            seen.setdefault(session.reason, None)
    return list(seen)


def _phase_runs(plan: Plan) -> list[tuple[str, int, int]]:
    runs: list[list] = []
    for week in plan.weeks:
        if runs and runs[-1][0] == week.phase:
            runs[-1][2] = week.number
        else:
            runs.append([week.phase, week.number, week.number])
    return [tuple(r) for r in runs]


def _strength_days(plan: Plan) -> list[str]:
    """The weekdays most weeks lift on, for the club table."""
    counts: dict[str, int] = {}
    for week in plan.weeks:
        for day, _ in week.sessions:
            counts[day.weekday] = counts.get(day.weekday, 0) + 1
    order = list(DAY_NAMES)
    common = sorted(counts, key=lambda d: (-counts[d], order.index(d)))
    typical = max((len(w.sessions) for w in plan.weeks), default=0)
    return sorted(common[:typical], key=order.index)


def _max_sets(plan: Plan) -> int:
    return max((p.sets for w in plan.weeks for _, s in w.sessions for p in s.exercises
                if p.working), default=1)


def athlete_context(plan: Plan, inputs: Inputs) -> dict:
    """What the athlete page, the PDF and the club row show of one plan (links from the root)."""
    a = plan.athlete
    return {
        "plan": plan,
        "athlete": a,
        "club": inputs.club,
        "root": "",
        "chart": block_chart(plan),
        "loads": main_lift_loads(plan),
        "reasons": _reasons(plan),
        "phase_runs": _phase_runs(plan),
        "strength_days": _strength_days(plan),
        "pdf_name": f"{a.id}.pdf",
        "json_name": f"{a.id}.json",
        "ics_name": f"{a.id}.ics",
        "block_end": plan.weeks[-1].start + dt.timedelta(days=6),
        "page_url": f"{inputs.club.base_url}{a.id}/" if inputs.club.base_url else None,
        "max_sets": min(_max_sets(plan), 5),
    }


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, dark="#000", light="#fff")


def _own_files_only():
    """A WeasyPrint URL fetcher that fetches nothing but inline data: URIs.

    Everything the PDF needs is inline (stylesheet, QR code), so any other URL, file:// above
    all, can only come from user text and is refused.
    """
    from weasyprint.urls import URLFetcher

    class OwnFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"runlift does not fetch {url!r} while rendering")

    return OwnFilesOnly()


_STYLESHEETS: dict[tuple[str, str], list] = {}  # per process: parse the stylesheet once
MANIFEST = ".runlift-manifest.json"


def render_pdf(html: str, css: str, paper: str) -> bytes:
    """One PDF, tagged for accessibility; the same HTML gives the same bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # the stylesheet is shared with the screen, so WeasyPrint's notes on screen-only CSS are noise
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    key = (css, paper)
    if key not in _STYLESHEETS:
        fonts = FontConfiguration()
        size = "A4" if paper == "a4" else "letter"
        _STYLESHEETS.clear()
        _STYLESHEETS[key] = [fonts, CSS(string=css, font_config=fonts),
                             CSS(string=f"@page {{ size: {size}; }}", font_config=fonts)]
    fonts, *sheets = _STYLESHEETS[key]
    document = HTML(string=html, url_fetcher=_own_files_only(), base_url=None)
    return document.write_pdf(stylesheets=sheets, font_config=fonts, pdf_tags=True)


def pdf_fingerprint(html: str, css: str, paper: str) -> str:
    """What a PDF depends on: when it is unchanged, the PDF already built can be kept."""
    import weasyprint

    digest = hashlib.sha256()
    for part in (__version__, weasyprint.__version__, paper, css, html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _render_pdf_job(job: tuple[str, str, str, str]) -> tuple[str, bytes | str]:
    athlete_id, html, css, paper = job
    try:
        return athlete_id, render_pdf(html, css, paper)
    except Exception as exc:  # one athlete's PDF failing never stops the others
        log.debug("PDF of %s failed", athlete_id, exc_info=True)
        return athlete_id, f"{type(exc).__name__}: {exc}"


def build_site(inputs: Inputs, out: Path, formats: tuple[str, ...] = FORMATS,
               today: dt.date | None = None, jobs: int | None = None) -> BuildResult:
    """Plan every athlete, render everything, then write it all under `out`."""
    try:
        return _build_site(inputs, out, formats, today, jobs)
    except TemplateError as exc:  # most likely a club's own template override
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "a template"
        line = f":{exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise BuildError(f"{where}{line}: template error: {exc.message or exc}; nothing was "
                         "written") from None


def _build_site(inputs: Inputs, out: Path, formats: tuple[str, ...], today: dt.date | None,
                jobs: int | None) -> BuildResult:
    today = today or dt.date.today()
    result = BuildResult()
    plans: list[Plan] = []
    for athlete in inputs.athletes:
        try:
            plans.append(build_plan(athlete, inputs.library, today))
        except Exception as exc:  # a bug for one athlete must not cost the club its build
            log.debug("planning %s failed", athlete.source, exc_info=True)
            result.failures.append(f"{athlete.source}: could not be planned ({exc})")

    template_dirs = []
    club_folder = inputs.club.folder or inputs.root  # beside club.yaml, else the folder built
    if club_folder and (club_folder / "templates").is_dir():
        template_dirs.append(club_folder / "templates")
    env = environment(template_dirs)
    css = env.loader.get_source(env, "assets/style.css")[0]
    outputs: dict[str, str | bytes] = {}

    def put(path: str, content: str | bytes) -> None:
        if path in outputs:
            raise BuildError(f"{path} would be written twice in one build")
        outputs[path] = content

    pdf_jobs = []
    contexts = {}  # one context per athlete (chart, reasons, phases), shared by every output
    sources = {}
    for plan in plans:
        a = plan.athlete
        ctx = contexts[a.id] = athlete_context(plan, inputs)
        sources[a.id] = a.source
        if "json" in formats:
            put(f"{a.id}/{a.id}.json", plan.to_json())
        if "ics" in formats:
            put(f"{a.id}/{a.id}.ics", plan_calendar(plan, ctx["page_url"]))
        if "html" in formats:
            put(f"{a.id}/index.html", env.get_template("athlete.html").render(
                ctx, root="../", formats=formats))
        if "pdf" in formats:
            qr = qr_data_uri(ctx["page_url"]) if ctx["page_url"] else None
            html = env.get_template("pdf.html").render(ctx, qr=qr)
            pdf_jobs.append((a.id, html, css, inputs.club.paper))
        result.built.append(a.id)

    if "html" in formats:
        # the club page lists athletes by name, as a club organiser looks for them
        summaries = [contexts[plan.athlete.id] for plan in
                     sorted(plans, key=lambda p: (_sort_key(p.athlete.name), p.athlete.id))]
        put("index.html", env.get_template("index.html").render(
            club=inputs.club, athletes=summaries, root="", formats=formats,
            failed=len(inputs.failures) + len(result.failures)))
        put("assets/style.css", css)
        _exercise_pages(env, inputs.library, inputs, put)
        if inputs.club.base_url:
            pages = ["", *[f"{p.athlete.id}/" for p in plans], "exercises/",
                     *[f"exercises/{e.id}.html" for e in inputs.library]]
            put("sitemap.xml", env.get_template("sitemap.xml").render(
                base=inputs.club.base_url, pages=pages))

    previous_build = _read_manifest(out)
    previous = previous_build.get("pdf", {})
    manifest: dict[str, str] = {}
    to_render = []
    for job in pdf_jobs:
        athlete_id, html, css_text, paper = job
        path = f"{athlete_id}/{athlete_id}.pdf"
        manifest[path] = pdf_fingerprint(html, css_text, paper)
        existing = out / path
        if previous.get(path) == manifest[path] and existing.is_file():
            put(path, existing.read_bytes())  # unchanged since the last build: no re-render
            result.reused += 1
        else:
            to_render.append(job)
    for athlete_id, pdf in _render_pdfs(to_render, jobs):
        if isinstance(pdf, bytes):
            put(f"{athlete_id}/{athlete_id}.pdf", pdf)
        else:
            manifest.pop(f"{athlete_id}/{athlete_id}.pdf", None)
            result.failures.append(f"{sources[athlete_id]}: the PDF of {athlete_id} could not "
                                   f"be rendered ({pdf})")
    files = sorted([*outputs, MANIFEST])
    if result.failures or inputs.failures:  # keep what earlier builds wrote, to clean up later
        files = sorted({*files, *(f for f in previous_build.get("files", [])
                                  if isinstance(f, str))})
    put(MANIFEST, json.dumps({"pdf": manifest, "files": files}, indent=1, sort_keys=True) + "\n")

    writer = Writer(out)
    for path in sorted(outputs):
        writer.write(path, outputs[path])
    result.written = writer.written
    if not result.failures and not inputs.failures:
        result.removed = _remove_stale(out, previous_build.get("files", []), set(files))
    return result


def _read_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remove_stale(out: Path, before: list, now: set[str]) -> list[str]:
    """Delete what the last build wrote and this one did not (an athlete who left the club).

    Only files runlift itself wrote are touched, and only after a build without failures, so a
    typo in one profile never takes that athlete's published page down.
    """
    removed = []
    root = out.resolve()
    for relative in before:
        if not isinstance(relative, str) or relative in now:
            continue
        path = (out / relative).resolve()
        if root not in path.parents or not path.is_file():
            continue  # never outside the output folder
        path.unlink()
        removed.append(relative)
        folder = path.parent
        while folder != root and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


def _render_pdfs(jobs_list, jobs: int | None):
    workers = jobs or min(4, os.cpu_count() or 1)
    if workers <= 1 or len(jobs_list) <= 1:
        return [_render_pdf_job(j) for j in jobs_list]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_render_pdf_job, jobs_list, chunksize=1))


def _exercise_pages(env: Environment, library: Library, inputs: Inputs, put) -> None:
    by_pattern: dict[str, list] = {}
    for exercise in library:
        by_pattern.setdefault(exercise.pattern, []).append(exercise)
    put("exercises/index.html", env.get_template("exercises.html").render(
        club=inputs.club, by_pattern=by_pattern, root="../", library=library))
    for exercise in library:
        put(f"exercises/{exercise.id}.html", env.get_template("exercise.html").render(
            club=inputs.club, exercise=exercise, root="../", library=library,
            body=Markup(_demote_headings(exercise.body_html()))))


def _demote_headings(html: str, by: int = 1) -> str:
    """Markdown's own headings sit under the page's: ## in the library, # in a coach's notes."""
    for level in range(6 - by, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + by}>").replace(f"</h{level}>",
                                                                      f"</h{level + by}>")
    return html


@dataclass(frozen=True)
class LogRow:
    """A row of the paper log: one working exercise, or all of a warm-up or cool-down."""

    role: str
    working: bool
    items: tuple[Prescription, ...]


def log_rows(exercises) -> list[LogRow]:
    rows: list[LogRow] = []
    for p in exercises:
        if not p.working and rows and rows[-1].role == p.role:
            rows[-1] = LogRow(p.role, False, (*rows[-1].items, p))
        else:
            rows.append(LogRow(p.role, p.working, (p,)))
    return rows
