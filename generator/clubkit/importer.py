"""`runlift import`: a roster's good rows written as profiles, each checked by the profile validator."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ProfileError
from ..inputs.club import ClubFile, load_club
from ..inputs.club_files import RESERVED_IDS, find_club_file
from ..inputs.library import load_library
from ..inputs.profile import validate_athlete
from ..inputs.roster import Roster, RosterProblem, RosterRow, read_roster
from ..inputs.yamlsource import parse_yaml
from ..model import Library
from .profile_yaml import profile_yaml

SCHEMA_FILE = "profile.schema.json"


@dataclass
class ImportResult:
    """What an import wrote, and every mistake of the rows it did not write."""

    written: list[Path] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)
    rows: int = 0


@dataclass(frozen=True)
class _Club:
    file: ClubFile | None
    library: Library
    schema: str | None


def import_roster(roster_path: Path, out: Path, force: bool = False,
                  display: str | None = None) -> ImportResult:
    """Write a profile into `out` for every good row of the roster; report every bad one.

    A profile that exists is kept unless `force`. Raises UsageError when the file is no roster,
    and ProfileError when the club file above `out` has mistakes.
    """
    roster = read_roster(roster_path, display or roster_path.name)
    result = ImportResult(problems=list(roster.problems), rows=len(roster.rows))
    if any(p.row == 1 for p in roster.problems):
        return result  # the columns themselves are wrong: nothing can be read safely
    club = _club(out)
    bad_rows = {p.row for p in roster.problems}
    pending: dict[str, tuple[RosterRow, str]] = {}
    for row in roster.rows:
        checked = _checked(row, roster, club, out)
        if row.row in bad_rows:  # a cell that could not be read: the row's other mistakes too
            read = {p.column for p in roster.problems if p.row == row.row}
            if isinstance(checked, list):
                result.problems.extend(p for p in checked if p.column not in read)
            continue
        if isinstance(checked, list):
            result.problems.extend(checked)
            continue
        athlete_id, text = checked
        clash = _clash(row, athlete_id, pending, out, force, roster.display)
        if clash:
            result.problems.append(clash)
            continue
        pending[athlete_id] = (row, text)
    out.mkdir(parents=True, exist_ok=True)
    for athlete_id, (_, text) in pending.items():
        target = out / f"{athlete_id}.yaml"
        target.write_text(text, encoding="utf-8")
        result.written.append(target)
    result.problems.sort(key=lambda p: p.row)
    return result


def _club(out: Path) -> _Club:
    club_path = find_club_file(out if out.is_dir() else out.parent)
    club_file = load_club(club_path) if club_path else None
    folder = club_path.parent if club_path else out
    extra = [folder / "exercises"] if (folder / "exercises").is_dir() else []
    schema = None
    for place in (out, folder):
        if (place / SCHEMA_FILE).is_file():
            schema = os.path.relpath(place / SCHEMA_FILE, out).replace(os.sep, "/")
            break
    return _Club(club_file, load_library(extra), schema)


def _checked(row: RosterRow, roster: Roster, club: _Club,
             out: Path) -> tuple[str, str] | list[RosterProblem]:
    """The profile's id and YAML text, validated as runlift reads it; or the row's mistakes."""
    header = [f"yaml-language-server: $schema={club.schema}"] if club.schema else []
    header += [f"Imported from {roster.display}, row {row.row}. Edit freely; "
               "`runlift validate` checks it.", ""]
    text = profile_yaml(row.data, header)
    display = (out / f"row-{row.row}.yaml").as_posix()
    try:
        athlete = validate_athlete(parse_yaml(text, display), club.library, club.file)
    except ProfileError as exc:
        problems = []
        for problem in exc.problems:
            column, value = row.column_of(problem.field)
            message = problem.message if column or not problem.field else \
                f"{problem.field}: {problem.message}"
            problems.append(RosterProblem(roster.display, row.row, column, value, message))
        return problems
    return athlete.id, text


def _clash(row: RosterRow, athlete_id: str, pending: dict[str, tuple[RosterRow, str]], out: Path,
           force: bool, display: str) -> RosterProblem | None:
    column, value = row.column_of("id")
    if value is None:  # the id came from the name
        column, value = row.column_of("name")
    if athlete_id in RESERVED_IDS:
        message = (f"gives the id {athlete_id!r}, a folder name the site uses itself; "
                   "allowed any other id, in an id column")
    elif athlete_id in pending:
        message = (f"gives the id {athlete_id!r}, as row {pending[athlete_id][0].row} does; "
                   "allowed an id of this athlete's own, in an id column")
    elif (out / f"{athlete_id}.yaml").exists() and not force:
        message = (f"{(out / f'{athlete_id}.yaml').as_posix()} exists and was kept; "
                   "--force overwrites it")
    else:
        return None
    return RosterProblem(display, row.row, column, value, message)
