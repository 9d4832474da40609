"""The one Jinja environment: the club's own template folder first, then runlift's."""

from __future__ import annotations

from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from markupsafe import Markup

from .. import __version__
from ..errors import BuildError
from ..vocabulary import DAY_NAMES, PHASE_NAMES, ROLE_NAMES, RUN_NAMES, plain_number, terms
from .assets import STYLESHEET, template_folder
from .context import exercise_rows, log_rows, overview_rows, session_text
from .log_form import log_form_data
from .wording import date_long, date_short, effort, load_text, order_text


def environment(club_folders: list[Path]) -> Environment:
    """One Jinja environment: the club's template folders first, then the project's."""
    folders = (*club_folders, template_folder())
    loader = ChoiceLoader([FileSystemLoader(str(d)) for d in folders])
    env = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(
        phase_name=lambda phase: PHASE_NAMES[phase],
        day_name=lambda day: DAY_NAMES[day],
        day_short=lambda day: DAY_NAMES[day][:3],
        run_name=lambda run: RUN_NAMES[run],
        role_name=lambda role: ROLE_NAMES[role],
        date_long=date_long,
        date_short=date_short,
        effort=effort,
        load_text=load_text,
        order_text=order_text,
        number=lambda v: str(plain_number(v)),
        groupby_role=log_rows,
        exercise_rows=exercise_rows,  # what _session.html and _overview.html write, worked out
        session_text=session_text,    # in Python (context.py)
        overview_rows=overview_rows,
        log_form=log_form_data,  # the page's log form (_log_form.html)
        demote=lambda html, by=2: Markup(demote_headings(str(html), by)),
    )
    env.globals.update(version=__version__, terms=terms)
    return env


def template_error(exc: TemplateError) -> BuildError:
    """A template's mistake (most likely in a club's own override) as one message."""
    where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "a template"
    lineno = getattr(exc, "lineno", None)
    return BuildError(f"{where}{f':{lineno}' if lineno else ''}: template error: "
                      f"{exc.message or exc}")


def check_templates(club_folders: list[Path]) -> None:
    """Compile every page template once, so that a mistake in one stops a build before it
    writes anything (raises BuildError)."""
    env = environment(club_folders)
    for name in env.list_templates(extensions=["html", "xml"]):
        try:
            env.get_template(name)
        except TemplateError as exc:
            raise template_error(exc) from None


def stylesheet(env: Environment, name: str = STYLESHEET) -> str:
    """A stylesheet as the environment finds it: the club's, or runlift's own (the site's
    style.css, or PRINT_STYLESHEET for the PDF)."""
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def demote_headings(html: str, by: int = 1) -> str:
    """Markdown's own headings sit under the page's: ## in the library, # in a coach's notes."""
    for level in range(6 - by, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + by}>").replace(f"</h{level}>",
                                                                      f"</h{level + by}>")
    return html
