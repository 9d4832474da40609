"""The site's pages: an athlete's page and PDF source, the club page, the exercise library and
the sitemap. Each function renders text; the output folder is written elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..markup import render_markdown
from ..model import Club, Exercise, Library
from .context import qr_data_uri, sort_key
from .environment import demote_headings

Page = tuple[str, str]  # path in the site, content


def athlete_page(env: Environment, ctx: dict[str, Any], formats: tuple[str, ...]) -> str:
    return env.get_template("athlete.html").render(ctx, root="../", formats=formats)


def pdf_source(env: Environment, ctx: dict[str, Any]) -> str:
    """The HTML WeasyPrint turns into the athlete's PDF."""
    qr = qr_data_uri(ctx["page_url"]) if ctx["page_url"] else None
    return env.get_template("pdf.html").render(ctx, qr=qr)


def club_page(env: Environment, club: Club, contexts: list[dict[str, Any]],
              formats: tuple[str, ...], failed: int) -> str:
    """The club page lists athletes by name, as a club organiser looks for them."""
    rows = sorted(contexts, key=lambda c: (sort_key(c["athlete"].name), c["athlete"].id))
    return env.get_template("index.html").render(club=club, athletes=rows, root="",
                                                 formats=formats, failed=failed)


def library_pages(env: Environment, library: Library, club: Club) -> Iterator[Page]:
    """The library's index, by pattern, and a page per exercise."""
    by_pattern: dict[str, list[Exercise]] = {}
    for exercise in library:
        by_pattern.setdefault(exercise.pattern, []).append(exercise)
    yield "exercises/index.html", env.get_template("exercises.html").render(
        club=club, by_pattern=by_pattern, root="../", library=library)
    for exercise in library:
        body = Markup(demote_headings(render_markdown(exercise.body)))
        yield f"exercises/{exercise.id}.html", env.get_template("exercise.html").render(
            club=club, exercise=exercise, root="../", library=library, body=body)


def sitemap(env: Environment, club: Club, athlete_ids: list[str], library: Library) -> str:
    assert club.base_url is not None
    pages = ["", *[f"{i}/" for i in athlete_ids], "exercises/",
             *[f"exercises/{e.id}.html" for e in library]]
    return env.get_template("sitemap.xml").render(base=club.base_url, pages=pages)
