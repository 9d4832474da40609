"""Finding a club's files without reading them: the club file, the athlete profiles, the club's
own exercises and templates. Cheap on purpose (no YAML, no validation), so that a rebuild can
tell what changed before it parses anything."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import LimitError, Problem

CLUB_FILE = "club.yaml"
RESERVED_IDS = frozenset({"assets", "exercises", "index", "sitemap"})  # the site's own paths
MAX_ATHLETES = 20_000  # profiles in one run, unless --max-athletes says more
# a club's folders that hold other things than athletes (profile.md)
NOT_ATHLETES = frozenset({"logs", "exercises", "templates"})


def find_profiles(folder: Path, limit: int = MAX_ATHLETES) -> list[Path]:
    """Every athlete file under `folder`, sorted so that output is reproducible.

    Raises LimitError as soon as more than `limit` are found, before any is read.
    """
    found = []
    for p in folder.rglob("*"):
        if p.suffix not in (".yaml", ".yml") or p.name == CLUB_FILE:
            continue
        parts = p.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or NOT_ATHLETES & set(parts[:-1]):
            continue
        if p.is_file():
            found.append(p)
            if len(found) > limit:
                raise too_many(folder, f"more than {limit:,}", limit)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def too_many(where: Path, count: str, limit: int) -> LimitError:
    return LimitError(f"{display(where)}: {count} athlete profiles; allowed at most {limit:,} "
                      "(--max-athletes allows more)")


def find_club_file(start: Path) -> Path | None:
    """The club file beside a profile or in a folder above it.

    The search stops at the project's root (a folder holding .git or pyproject.toml), so a club
    file elsewhere on the machine is never picked up.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    while True:
        candidate = folder / CLUB_FILE
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists() or (folder / "pyproject.toml").exists() \
                or folder.parent == folder:
            return None
        folder = folder.parent


def club_folder(start: Path) -> Path:
    """The club's own folder: where its club file is, else the folder given (or the profile's)."""
    club_path = find_club_file(start)
    if club_path:
        return club_path.parent
    return start if start.is_dir() else start.parent


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def outside_link(path: Path, root: Path) -> Problem | None:
    """A profile that is a link to a file outside the club's folder is not read: runlift reads
    only the club's own files (SECURITY.md)."""
    if not path.is_symlink() and path.resolve().parent == path.parent.resolve():
        return None
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        where = os.path.relpath(path.absolute()) if path.is_absolute() else path.as_posix()
        return Problem(where, 0, "", "is a link to a file outside the club's folder; "
                       "runlift reads only the club's own files: copy the profile in instead")
    return None
