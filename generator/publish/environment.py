"""The one Jinja environment: the club's own template folder first, then runlift's."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    select_autoescape,
)
from markupsafe import Markup, escape

from .. import __version__
from ..errors import BuildError
from ..vocabulary import DAY_NAMES, PHASE_NAMES, ROLE_NAMES, RUN_NAMES, plain_number, terms
from .assets import STYLESHEET, template_folder
from .context import exercise_rows, log_rows, overview_rows, session_text
from .log_form import log_form_data
from .wording import date_long, date_short, effort, load_text, order_text

try:
    from markupsafe._speedups import _escape_inner  # what escape() does to a str, in C
except ImportError:  # pragma: no cover - another markupsafe: its own escape() as it is
    _FAST_ESCAPE = False
else:
    _FAST_ESCAPE = _escape_inner("<&'\">") == escape("<&'\">")


def _escape_output(value: Any) -> str:
    """What `{{ value }}` writes: markupsafe's escaping, without the Markup that escape() makes of
    each value only for the page to join them all into one string (about a third of an athlete
    page's time). Anything but a plain str or int goes to escape() itself."""
    if type(value) is str:
        return _escape_inner(value)
    if type(value) is int:
        return str(value)
    return escape(value)


class _Template(Template):
    """A template whose `{{ value }}` escapes with _escape_output: the same text, sooner."""

    @classmethod
    def from_code(cls, *args: Any, **kwargs: Any) -> Template:
        template = super().from_code(*args, **kwargs)
        # the compiled template's module calls the `escape` it imports for each `{{ value }}`
        # (jinja2.runtime's, markupsafe's); where it does not, the template is left as it is
        namespace = getattr(template.root_render_func, "__globals__", {})
        if namespace.get("escape") is escape:
            namespace["escape"] = _escape_output
        return template


def environment(club_folders: list[Path]) -> Environment:
    """One Jinja environment: the club's template folders first, then the project's."""
    folders = (*club_folders, template_folder())
    loader = ChoiceLoader([FileSystemLoader(str(d)) for d in folders])
    # auto_reload off: a build makes its environment afresh (serve too, for each rebuild), so
    # nothing is gained by checking a template's file again at each include of each athlete
    env = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, auto_reload=False)
    if _FAST_ESCAPE:
        env.template_class = _Template
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


def check_templates(env: Environment, names: Iterable[str] | None = None) -> None:
    """Compile every page template once (or those named), so that a mistake in one stops a build
    before it writes anything (raises BuildError). They stay compiled in `env` for the build,
    and one compiled already is not compiled again."""
    for name in env.list_templates(extensions=["html", "xml"]) if names is None else names:
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
