"""The site's pages: an athlete's page and PDF source, the club page, the exercise library and
the sitemap. Each function renders text; the output folder is written elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..markup import render_markdown
from ..model import Club, Exercise, Library
from .charts import check_in_chart
from .context import qr_data_uri, sort_key
from .environment import demote_headings
from .logview import LogView
from .privacy import published_plan, robots_meta

Page = tuple[str, str]  # path in the site, content
# the templates an athlete's files are rendered from, by format (each page with what it includes)
ATHLETE_TEMPLATES = {
    "html": ("athlete.html", "_layout.html", "_overview.html", "_overview_legend.html",
             "_log_summary.html", "_terms.html", "_session.html", "_extra_session.html",
             "_check_in_trend.html", "_log_form.html"),
    "pdf": ("pdf.html", "_overview_legend.html", "_terms.html", "_check_in_trend.html",
            "_log_table.html"),
}


def athlete_templates(formats: tuple[str, ...]) -> list[str]:
    """The templates a build's worker processes render athletes' files from."""
    return list(dict.fromkeys(t for f in formats for t in ATHLETE_TEMPLATES.get(f, ())))


def athlete_page(env: Environment, ctx: dict[str, Any], formats: tuple[str, ...]) -> str:
    """The athlete's page: the plan as the club's privacy lets the site show it (applied again
    here, whatever context it is given; the PDF's own context is left out), its log read from
    that plan alone."""
    privacy = ctx["club"].privacy
    plan = published_plan(ctx["plan"], privacy)
    page = {k: v for k, v in ctx.items() if k != "pdf"}
    html = env.get_template("athlete.html").render(page, plan=plan, athlete=plan.athlete,
                                                   root="../", formats=formats,
                                                   log=LogView(plan), trend_chart=check_in_chart)
    return robots_meta(html, privacy)


def pdf_source(env: Environment, ctx: dict[str, Any]) -> str:
    """The HTML WeasyPrint turns into the athlete's PDF: athlete_context's "pdf" context, which
    keeps what the club marks pdf_only (protein grams from bodyweight)."""
    pdf = ctx.get("pdf", ctx)
    plan = published_plan(pdf["plan"], pdf["club"].privacy, in_pdf=True)
    qr = qr_data_uri(pdf["page_url"]) if pdf["page_url"] else None
    return env.get_template("pdf.html").render(pdf, plan=plan, athlete=plan.athlete, qr=qr,
                                               log=LogView(plan), trend_chart=check_in_chart)


def club_page(env: Environment, club: Club, rows: list[dict[str, Any]],
              formats: tuple[str, ...], failed: int) -> str:
    """The club page lists athletes by name, as a club organiser looks for them; a row is
    summary.club_row's."""
    rows = sorted(rows, key=lambda r: (sort_key(r["athlete"]["name"]), r["athlete"]["id"]))
    return robots_meta(env.get_template("index.html").render(
        club=club, athletes=rows, root="", formats=formats, failed=failed), club.privacy)


def library_pages(env: Environment, library: Library, club: Club) -> Iterator[Page]:
    """The library's index, by pattern, and a page per exercise."""
    by_pattern: dict[str, list[Exercise]] = {}
    for exercise in library:
        by_pattern.setdefault(exercise.pattern, []).append(exercise)
    yield "exercises/index.html", robots_meta(env.get_template("exercises.html").render(
        club=club, by_pattern=by_pattern, root="../", library=library), club.privacy)
    for exercise in library:
        body = Markup(demote_headings(render_markdown(exercise.body)))
        yield f"exercises/{exercise.id}.html", robots_meta(
            env.get_template("exercise.html").render(club=club, exercise=exercise, root="../",
                                                     library=library, body=body), club.privacy)


def sitemap(env: Environment, club: Club, athlete_ids: list[str], library: Library) -> str:
    """The sitemap of a site search engines may index. Pages are noindex unless the club says
    `privacy: {index: true}`, and then the sitemap lists none of them (the build should then
    write no sitemap at all: `wants_sitemap`)."""
    assert club.base_url is not None
    pages = ["", *[f"{i}/" for i in athlete_ids], "exercises/",
             *[f"exercises/{e.id}.html" for e in library]] if club.privacy.index else []
    return env.get_template("sitemap.xml").render(base=club.base_url, pages=pages)


def wants_sitemap(club: Club) -> bool:
    """A sitemap is written when the site has an address and search engines may index it."""
    return club.base_url is not None and club.privacy.index
