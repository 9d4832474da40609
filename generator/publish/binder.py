"""The coach's binder: every athlete's PDF in one, behind a table of contents, with a bookmark per
athlete and, under it, the athlete's own bookmarks (the weeks). Assembled with pypdf from the PDFs
the build already wrote: only the contents pages are rendered.

Each athlete's PDF is opened, its pages copied into the binder and the file closed before the next
one is opened, so the work in hand is one athlete's pages; the binder is written to a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from markupsafe import escape

from .pdf import render_pdf

TOC_CSS = """
@page { margin: 18mm 16mm; @bottom-right { content: "Contents, page " counter(page);
        font-size: 8pt; color: #333; } }
body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
p.sub { color: #444; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 1.2mm 1mm; border-bottom: 0.3pt solid #999; }
td.page { text-align: right; width: 18mm; }
thead th { border-bottom: 1pt solid #111; font-size: 9pt; }
"""


@dataclass(frozen=True)
class Entry:
    """One athlete in the binder: the name on the contents and bookmarks, and their PDF."""

    name: str
    detail: str  # e.g. "8 weeks from 8 Feb 2027"
    pdf: Path


def contents_html(club_name: str, entries: list[Entry], first_pages: list[int]) -> str:
    rows = "".join(
        f"<tr><td>{escape(e.name)}</td><td>{escape(e.detail)}</td>"
        f"<td class=\"page\">{page}</td></tr>" for e, page in zip(entries, first_pages, strict=True))
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{escape(club_name)}: binder</title></head><body><h1>{escape(club_name)}</h1>"
            f"<p class=\"sub\">Every athlete's block, {len(entries)} in all.</p>"
            f"<table><thead><tr><th>Athlete</th><th>Block</th><th class=\"page\">Page</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></body></html>")


def _contents(club_name: str, entries: list[Entry], counts: list[int], paper: str) -> bytes:
    """The contents pages, numbered to match: rendered again until their own length settles."""
    from io import BytesIO

    from pypdf import PdfReader

    length, pdf = 1, b""
    for _ in range(4):
        firsts, page = [], length + 1
        for count in counts:
            firsts.append(page)
            page += count
        pdf = render_pdf(contents_html(club_name, entries, firsts), TOC_CSS, paper)
        rendered = len(PdfReader(BytesIO(pdf)).pages)
        if rendered == length:
            break
        length = rendered
    return pdf


def page_counts(entries: Iterable[Entry]) -> list[int]:
    """Each PDF's number of pages, read from its page tree only."""
    from pypdf import PdfReader

    counts = []
    for entry in entries:
        with entry.pdf.open("rb") as handle:
            counts.append(len(PdfReader(handle).pages))
    return counts


def write_binder(club_name: str, entries: list[Entry], paper: str, target: BinaryIO) -> int:
    """Write the binder into `target`; return its number of pages."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    counts = page_counts(entries)
    writer = PdfWriter()
    contents = PdfReader(BytesIO(_contents(club_name, entries, counts, paper)))
    for page in contents.pages:
        writer.add_page(page)
    writer.add_outline_item(title="Contents", page_number=0)
    for entry in entries:
        first = len(writer.pages)
        with entry.pdf.open("rb") as handle:
            reader = PdfReader(handle)
            for page in reader.pages:
                writer.add_page(page)
            marks = _marks(reader)
        parent = writer.add_outline_item(title=entry.name, page_number=first, is_open=False)
        for title, number in marks:
            writer.add_outline_item(title=title, page_number=first + number, parent=parent)
    writer.add_metadata({"/Title": f"{club_name}: binder"})
    writer.write(target)
    return len(writer.pages)


def _marks(reader: Any) -> list[tuple[str, int]]:
    """The athlete's own bookmarks under their name (their weeks): the second level of the
    PDF's outline, or the first when it has no single title above the rest."""
    outline = list(reader.outline)
    if len(outline) == 2 and isinstance(outline[1], list):
        outline = outline[1]
    return [(str(item.title), reader.get_destination_page_number(item)) for item in outline
            if not isinstance(item, list)]


def block_detail(weeks: int, start: str) -> str:
    day = dt.date.fromisoformat(start)
    return f"{weeks} week{'s' if weeks != 1 else ''} from {day.day} {day:%b %Y}"
