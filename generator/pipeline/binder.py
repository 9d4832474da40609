"""`build --binder`: binder.pdf at the top of the site, from the athletes' own PDFs.

It is made again only when what it shows changed: the athletes in it, their names and blocks, the
fingerprints of their PDFs, the club's inputs (paper, templates, runlift's version). A build
without --binder removes the binder an earlier build wrote, as a build without a format does.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..publish.output import TEMP_PREFIX, Writer, remove_stale
from .jobs import Shared
from .state import BINDER, State, digest

if TYPE_CHECKING:
    from .build import _Build

def check_binder(shared: Shared, wanted: bool) -> None:
    if wanted and "pdf" not in shared.formats:
        raise UsageError("--binder is made from the athletes' PDFs: add pdf to --format")


def update_binder(build: _Build) -> None:
    """Write, keep or remove binder.pdf after the athletes' files are written."""
    before, state, root = build.before, build.state, build.writer.root
    if not build.options.binder:
        if before.binder:
            build.report.removed += remove_stale(root, [BINDER], state.files())
        return
    athletes = _athletes(state)
    key = digest(build.base, *(part for a in athletes for part in a[:4]))
    if before.binder == key and (root / BINDER).is_file():
        state.binder = key
        return
    _write(build.shared, athletes, build.writer)
    state.binder = key


def _athletes(state: State) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """(id, name, block, PDF fingerprint, row) of every athlete with a PDF, by name."""
    from ..publish.context import sort_key

    found = []
    for _, record in sorted(state.records.items()):
        row, a_id = record.row, record.athlete_id or ""
        if row and record.pdf and f"{a_id}/{a_id}.pdf" in record.files:
            found.append((a_id, row["athlete"]["name"], f"{row['start']}/{row['weeks']}",
                          record.pdf, row))
    return sorted(found, key=lambda a: (sort_key(a[1]), a[0]))


def _write(shared: Shared, athletes: list[tuple[str, str, str, str, dict[str, Any]]],
           writer: Writer) -> None:
    """The binder, written to a temporary file beside its place and renamed: never held whole
    in memory as bytes, and never half written."""
    from ..publish.binder import Entry, block_detail, write_binder
    from .athlete import club_process

    club = club_process(shared).club
    root = writer.root
    entries = [Entry(name, block_detail(row["weeks"], row["start"]), root / a_id / f"{a_id}.pdf")
               for a_id, name, _, _, row in athletes]
    temp = root / f"{TEMP_PREFIX}{secrets.token_hex(6)}.pdf"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as handle:
            write_binder(club.name, entries, club.paper, handle)
        if (root / BINDER).is_symlink():
            from ..publish.output import linked

            raise linked(root, BINDER)
        os.replace(temp, root / BINDER)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    writer.written.append(BINDER)
