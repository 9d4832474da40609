"""The one Jinja environment: the club's own template folder first, then runlift's."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..vocabulary import DAY_NAMES, PHASE_NAMES, ROLE_NAMES, RUN_NAMES, TERMS, plain_number
from .context import log_rows
from .wording import effort, load_text, order_text

STYLESHEET = "assets/style.css"


def template_folder() -> Path:
    """runlift's own templates: inside the installed package (a wheel), or beside it in a
    clone of the repository."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


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
        date_long=lambda d: f"{d:%a} {d.day} {d:%b %Y}",
        date_short=lambda d: f"{d.day} {d:%b}",
        effort=effort,
        load_text=load_text,
        order_text=order_text,
        number=lambda v: str(plain_number(v)),
        groupby_role=log_rows,
        demote=lambda html, by=2: Markup(demote_headings(str(html), by)),
    )
    env.globals.update(version=__version__, terms=TERMS)
    return env


def stylesheet(env: Environment) -> str:
    """The stylesheet as the environment finds it: the club's, or runlift's own."""
    assert env.loader is not None
    return env.loader.get_source(env, STYLESHEET)[0]


def demote_headings(html: str, by: int = 1) -> str:
    """Markdown's own headings sit under the page's: ## in the library, # in a coach's notes."""
    for level in range(6 - by, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + by}>").replace(f"</h{level}>",
                                                                      f"</h{level + by}>")
    return html
