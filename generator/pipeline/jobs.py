"""What a build hands to the process that builds one athlete, and what comes back. Plain data,
cheap to import: a rebuild with nothing to do never loads the validation, planning or templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem


@dataclass(frozen=True)
class Shared:
    """What every athlete of one build shares: where the club's files are, and the build's
    formats and day."""

    club_path: str | None
    club_display: str | None
    exercise_folders: tuple[str, ...]
    template_folders: tuple[str, ...]
    formats: tuple[str, ...]
    today: dt.date
    root: str = "."  # the club's folder: profiles are read from inside it only
    # the training log files in logs/, by athlete id, in the order they are read
    logs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    out: str = "site"  # the output folder, where an athlete's files are staged


@dataclass(frozen=True)
class Job:
    path: str
    display: str
    pdf_fingerprint: str | None = None  # the PDF on disk, when the last build made one


@dataclass
class Outcome:
    path: str
    athlete_id: str | None = None
    id_line: int = 1  # where the id is written (or the name it is made from)
    # each file (by path in the site) staged in a temporary file beside it, for the build to
    # rename into place or discard: an athlete's pages never travel back to the main process
    files: dict[str, str] = field(default_factory=dict)
    row: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    failure: str | None = None  # a bug or a PDF that could not be made, as one line
    start_rule: tuple[str, str | None] = ("open", None)
    pdf_fingerprint: str | None = None
    pdf_rendered: bool = False
    log_digest: str = ""  # of the training log files read (state.log_digest)
    # the PDF's HTML while its render waits (a task of its own, so that a pool can hand out
    # the longest PDFs first); None once it is rendered or when there is none to render
    pdf_source: str | None = None

    def pdf_job(self, display: str) -> PdfJob:
        assert self.pdf_source is not None and self.athlete_id
        return PdfJob(self.athlete_id, display, self.pdf_source)

    def add_pdf(self, pdf: PdfOutcome) -> None:
        """The PDF rendered for this athlete, or why it could not be (the rest still goes out)."""
        self.pdf_source = None
        self.files.update(pdf.files)
        self.pdf_rendered = bool(pdf.files)
        if pdf.failure:
            self.pdf_fingerprint, self.failure = None, pdf.failure


@dataclass(frozen=True)
class PdfJob:
    athlete_id: str
    display: str
    html: str


@dataclass
class PdfOutcome:
    files: dict[str, str] = field(default_factory=dict)  # the PDF, staged like Outcome.files
    failure: str | None = None
