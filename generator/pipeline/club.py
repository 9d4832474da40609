"""The club-level files: the club page, the stylesheet, the exercise library and the sitemap.

They are made from the athletes' rows kept in the build's state, so an unchanged athlete is never
planned again for them; a file is written only when its content changed, and nothing at all is
done when neither the rows nor the club's inputs did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..publish.output import Writer, remove_stale
from .jobs import Shared
from .state import State, digest

if TYPE_CHECKING:
    from .build import BuildReport


def write_club_pages(shared: Shared, base: str, before: State, state: State, writer: Writer,
                     report: BuildReport) -> None:
    rows, failures = _rows(state), _failures(state)
    current = (before.club_inputs == base and rows == _rows(before)
               and failures == _failures(before)
               and all((writer.root / f).is_file() for f in before.club))
    if "html" not in shared.formats or current:
        state.club = dict(before.club) if "html" in shared.formats else {}
        if "html" not in shared.formats:
            report.removed += remove_stale(writer.root, sorted(before.club), state.files())
        return
    library = before.club_inputs != base or not all(
        (writer.root / p).is_file() for p in before.club if p.startswith("exercises/"))
    from jinja2 import TemplateError

    from ..publish.environment import template_error

    try:
        files = _render(shared, rows, failures, library)
    except TemplateError as exc:
        raise template_error(exc) from None
    made = {path: digest(text) for path, text in files.items()}
    kept = {p: h for p, h in before.club.items() if p.startswith("exercises/") and p not in made
            and not library}  # library pages unchanged: not made again
    state.club, state.club_inputs = {**kept, **made}, base
    changed = {p: t for p, t in files.items()
               if before.club.get(p) != made[p] or not (writer.root / p).is_file()}
    writer.write_all(changed)
    report.removed += remove_stale(writer.root, sorted(set(before.club) - set(state.club)),
                                   state.files())


def _rows(state: State) -> list[dict[str, Any]]:
    return [r.row for _, r in sorted(state.records.items()) if r.row]


def _failures(state: State) -> list[list[Any]]:
    """The profiles with mistakes, for the club pages: [where, messages, athlete id or None]."""
    return [[record.problems[0][0] if record.problems else key,
             [str(p) for p in record.mistakes()], record.athlete_id if record.row else None]
            for key, record in sorted(state.records.items()) if record.problems]


def _render(shared: Shared, rows: list[dict[str, Any]], failures: list[list[Any]],
            library: bool) -> dict[str, str]:
    from ..publish import pages  # templates: only when a club page is made
    from ..publish.assets import SITE_ASSETS
    from ..publish.environment import stylesheet
    from ..publish.overview import Failure, overview_page
    from .athlete import club_process

    process = club_process(shared)
    env, club = process.env, process.club
    failed = [Failure(where, tuple(lines), a_id) for where, lines, a_id in failures]
    files = {"index.html": pages.club_page(env, club, rows, shared.formats, len(failed)),
             "overview.html": overview_page(env, club, rows, failed),
             **{name: stylesheet(env, name) for name in SITE_ASSETS}}
    if library:
        files.update(pages.library_pages(env, process.library, club))
    if pages.wants_sitemap(club):
        ids = [row["athlete"]["id"] for row in rows]
        files["sitemap.xml"] = pages.sitemap(env, club, ids, process.library)
    return files
