"""Where runlift's own templates and stylesheet are: inside the installed package (a wheel), or
beside it in a clone of the repository. No Jinja here, so a build can fingerprint the templates
without loading the template engine."""

from __future__ import annotations

from pathlib import Path

STYLESHEET = "assets/style.css"
PRINT_STYLESHEET = "assets/print.css"  # the PDF's own: only the rules pdf.html uses
LOG_SCRIPT = "assets/log.js"  # the athlete page's log form (_log_form.html includes it)
LOG_STYLESHEET = "assets/log.css"  # the log form's look, linked by log.js itself
SITE_ASSETS = (STYLESHEET, LOG_SCRIPT, LOG_STYLESHEET)  # written into every site's assets/


def template_folder() -> Path:
    """runlift's own templates: inside the installed package (a wheel), or beside it in a
    clone of the repository."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    return packaged if packaged.is_dir() else package.parent / "templates"
