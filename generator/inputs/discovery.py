"""Finding a club's files without reading them: the club file, the athlete profiles, the training
logs, the club's own exercises and templates. Cheap on purpose (no YAML, no validation), so that a rebuild can
tell what changed before it parses anything."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import LimitError, Problem
from .suggest import did_you_mean

CLUB_FILE = "club.yaml"
RESERVED_IDS = frozenset({"assets", "exercises", "index", "sitemap"})  # the site's own paths
MAX_ATHLETES = 20_000  # profiles in one run, unless --max-athletes says more
# a club's folders that hold other things than athletes (profile.md)
NOT_ATHLETES = frozenset({"logs", "exercises", "templates"})
LOGS = "logs"  # the club's training logs (log.md)


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


def outside_link(path: Path, root: Path, what: str = "profile") -> Problem | None:
    """A profile (or a log: `what`) that is a link to a file outside the club's folder is not
    read: runlift reads only the club's own files (SECURITY.md)."""
    if what == "profile" and not path.is_symlink() and \
            path.resolve().parent == path.parent.resolve():
        return None
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        where = os.path.relpath(path.absolute()) if path.is_absolute() else path.as_posix()
        return Problem(where, 0, "", "is a link to a file outside the club's folder; "
                       f"runlift reads only the club's own files: copy the {what} in instead")
    return None


def find_logs(club: Path) -> dict[str, list[Path]]:
    """Every training log in the club's logs/ folder, by the athlete id its name starts with
    (`<id>.yaml`, `<id>.<anything>.yaml`): the plain `<id>.yaml` first, then by name."""
    folder = club / LOGS
    found: dict[str, list[Path]] = {}
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:  # no logs/ folder (or not a folder): nothing logged
        return found
    for name in names:
        path = folder / name
        if name.startswith(".") or Path(name).suffix not in (".yaml", ".yml") or \
                not path.is_file():
            continue
        found.setdefault(log_id(path), []).append(path)
    for paths in found.values():
        paths.sort(key=lambda p: (p.name.count(".") > 1, p.name))
    return found


def log_files(club: Path, athlete_id: str) -> list[Path]:
    """The training log files of one athlete, in the order they are read."""
    return find_logs(club).get(athlete_id, [])


def log_id(path: Path) -> str:
    """The athlete a log file belongs to: its name up to the first dot."""
    return path.name.split(".", 1)[0]


def orphan_log(path: Path, athlete_ids: Iterable[str]) -> Problem:
    """A log file whose name starts with no athlete's id."""
    written = log_id(path)
    return Problem(display(path), 0, "", (
        f"got the athlete id {written!r} from the file's name; allowed the id of an athlete of "
        f"the club, as logs/<id>.yaml or logs/<id>.<anything>.yaml"
        f"{did_you_mean(written, sorted(athlete_ids))}"))


def logs_home(start: Path) -> Path:
    """The folder whose logs/ holds a club's training logs: the club file's folder; without a
    club file, the folder given, or for a profile the folder above athletes/ (or its own)."""
    if find_club_file(start):
        return club_folder(start)
    folder = start if start.is_dir() else start.parent
    return folder.parent if not start.is_dir() and folder.name == "athletes" else folder
