"""Finding a club's inputs: the club file, the athlete profiles and the club's own exercises."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, ProfileError, UsageError
from ..model import Athlete, Club, Library
from .club import load_club
from .discovery import (
    CLUB_FILE,
    MAX_ATHLETES,
    RESERVED_IDS,
    find_club_file,
    find_profiles,
    outside_link,
    too_many,
)
from .discovery import display as _display
from .library import DEVICE_NAMES, load_library
from .profile import load_athlete

log = logging.getLogger(__name__)

@dataclass
class Inputs:
    """Everything read from disk before anything is planned or written."""

    club: Club
    library: Library
    athletes: list[Athlete] = field(default_factory=list)
    failures: list[ProfileError] = field(default_factory=list)
    root: Path | None = None


def read_inputs(paths: list[Path], max_athletes: int = MAX_ATHLETES) -> Inputs:
    """Read the club, library and every athlete under `paths`; a bad file never stops the rest.

    Raises ProfileError when the club file itself is broken, since every athlete depends on it,
    and LimitError when there are more than `max_athletes` profiles.
    """
    first = paths[0]
    for path in paths:
        if path.is_file() and path.parent.name == "logs":  # logs/<id>.yaml, given by hand
            raise UsageError(f"{_display(path)}: this is a training log, not an athlete profile; "
                             f"`runlift validate {_display(path.parent.parent)}` checks it with "
                             "its athlete's profile")
    root = first if first.is_dir() else first.parent
    club_path = find_club_file(first)
    club_file = load_club(club_path, _display(club_path)) if club_path else None
    club = club_file.club if club_file else Club()
    extra = []
    club_folder = club_path.parent if club_path else root  # a club needs no club.yaml to add
    if (club_folder / "exercises").is_dir():
        extra.append(club_folder / "exercises")
    library = load_library(extra)
    inputs = Inputs(club=club, library=library, root=club_path.parent if club_path else root)
    files: list[Path] = []
    for path in paths:
        if path.is_file() and path.name == CLUB_FILE:
            continue  # the club file was read above; it is not an athlete
        found = find_profiles(path, max_athletes) if path.is_dir() else [path]
        if path.is_dir() and not found:
            inputs.failures.append(ProfileError([Problem(
                _display(path), 0, "", "no athlete profiles (*.yaml, *.yml) found in this folder")]))
        files.extend(found)
        if len(files) > max_athletes:
            raise too_many(path, f"{len(files):,}", max_athletes)
    for path in files:
        outside = outside_link(path, inputs.root or root)
        if outside:
            inputs.failures.append(ProfileError([outside]))
            continue
        try:
            inputs.athletes.append(load_athlete(path, library, club_file, _display(path)))
        except ProfileError as exc:
            inputs.failures.append(exc)
    inputs.athletes = _with_own_ids(inputs.athletes, inputs.failures)
    return inputs


def id_problem(athlete: Athlete) -> Problem | None:
    """An id that cannot be a folder of the site: one of the site's own, or a Windows device."""
    why = None
    if athlete.id in RESERVED_IDS:
        why = "a folder name the site uses itself"
    elif athlete.id in DEVICE_NAMES:
        why = "a name Windows keeps for a device, so its folder could not be copied there"
    if why is None:
        return None
    return Problem(athlete.source, athlete.id_line, "id", f"got {athlete.id!r}, {why}; allowed "
                   f"any other id, e.g. {athlete.id + '-1'!r}")


def _with_own_ids(athletes: list[Athlete], failures: list[ProfileError]) -> list[Athlete]:
    """The athletes whose id is theirs alone and not one of the site's own folders."""
    seen: dict[str, str] = {}
    kept = []
    for athlete in athletes:
        refused = id_problem(athlete)
        if refused:
            failures.append(ProfileError([refused]))
            continue
        if athlete.id in seen:
            failures.append(ProfileError([Problem(
                athlete.source, athlete.id_line, "id",
                f"{athlete.id!r} is already used by {seen[athlete.id]}; "
                "give this athlete an id of their own")]))
            continue
        seen[athlete.id] = athlete.source
        kept.append(athlete)
    return kept
