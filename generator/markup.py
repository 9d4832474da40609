"""The one Markdown renderer for text people write: coach's notes and exercise files alike.

What they write reaches web pages and PDFs, so it is shown as text, never as markup: raw HTML is
escaped, images are off (a page or PDF must not load anything from elsewhere), and links go only
to web pages and e-mail addresses.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http:", "https:", "mailto:")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("js-default").disable("image")  # js-default escapes raw HTML
    md.validateLink = _safe_link  # type: ignore[method-assign]
    return md


def render_markdown(text: str) -> str:
    """Safe HTML for a piece of Markdown."""
    html: str = _renderer().render(text)
    return html
