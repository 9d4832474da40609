"""The PDF for the gym: WeasyPrint, tagged, fetching nothing (the build runs it in its workers)."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from .. import __version__

_STYLESHEETS: dict[tuple[str, str], list[Any]] = {}  # per process: parse the stylesheet once


def _own_files_only() -> Any:
    """A WeasyPrint URL fetcher that fetches nothing but inline data: URIs.

    Everything the PDF needs is inline (stylesheet, QR code), so any other URL, file:// above
    all, can only come from user text and is refused.
    """
    from weasyprint.urls import URLFetcher

    class OwnFilesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"runlift does not fetch {url!r} while rendering")

    return OwnFilesOnly()


def render_pdf(html: str, css: str, paper: str) -> bytes:
    """One PDF, tagged for accessibility; the same HTML gives the same bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # css is the print stylesheet (assets/print.css), parsed once a process; WeasyPrint's notes
    # on CSS it ignores (a club's own print.css may have some) are noise in a build's output
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
    pdf: bytes = document.write_pdf(stylesheets=sheets, font_config=fonts, pdf_tags=True)
    return pdf


def pdf_fingerprint(html: str, css: str, paper: str) -> str:
    """What a PDF depends on: when it is unchanged, the PDF already built can be kept."""
    import weasyprint

    digest = hashlib.sha256()
    for part in (__version__, weasyprint.__version__, paper, css, html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()
