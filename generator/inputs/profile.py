"""Athlete profiles: read, merge the club's defaults, validate every field, resolve defaults.

Validation is pydantic's; the messages are ours, located with the line numbers read from the YAML,
so that a profile with several mistakes gets every one of them, each with its file and line.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from slugify import slugify

from ..errors import Problem, ProfileError
from ..model import Athlete, Library, Race
from ..vocabulary import EQUIPMENT_PRESETS, PHASES
from .changes import avoid_checks, change_checks, resolve_changes
from .club import ClubFile
from .fields import MAX_MILEAGE, parse_date
from .lifts import lift_problems, resolve_lifts, resolve_weights, weights_problems
from .messages import dotted, in_order, message, unique
from .schema import REQUIRED_FIELDS, ProfileModel
from .suggest import nearest, shown
from .yamlsource import Loc, Source, YamlProblems, read_yaml


class _Located:
    """Which file and line a value of the merged profile came from."""

    def __init__(self, athlete: Source, club: ClubFile | None, from_club: set[str]):
        self.athlete = athlete
        self.club = club
        self.from_club = from_club

    def where(self, loc: Loc) -> tuple[str, int]:
        if loc and loc[0] in self.from_club and self.club:
            return self.club.source.path, self.club.source.line(("defaults", *loc))
        return self.athlete.path, self.athlete.line(loc)

    def problem(self, loc: Loc, message: str) -> Problem:
        path, line = self.where(loc)
        field_name = dotted(loc)
        if path != self.athlete.path:
            field_name = f"defaults.{field_name}"
        return Problem(path, line, field_name, message)


def load_athlete(path: Path, library: Library, club: ClubFile | None = None,
                 display: str | None = None) -> Athlete:
    """Read, merge with the club's defaults, and validate one athlete file."""
    try:
        source = read_yaml(path, display)
    except YamlProblems as exc:
        raise ProfileError(exc.problems) from None
    return validate_athlete(source, library, club)


def validate_athlete(source: Source, library: Library, club: ClubFile | None = None) -> Athlete:
    """Validate a parsed profile with the club's defaults; raise ProfileError with every mistake."""
    data = source.data
    if data is None:
        raise ProfileError([*source.problems, Problem(
            source.path, 1, "", "the file is empty; an athlete profile needs at least "
            "name, weekly_mileage and week")])
    if not isinstance(data, dict):
        raise ProfileError([*source.problems, Problem(
            source.path, 1, "", f"got {shown(data)}; a profile is a mapping of fields "
            "(name: …, weekly_mileage: …, week: …)")])
    # a field written with no value (`equipment:`) is a field not given: its default applies
    data = {k: v for k, v in data.items() if v is not None or k in REQUIRED_FIELDS}
    defaults = dict(club.club.defaults) if club else {}
    from_club = {k for k in defaults if k not in data}
    merged = _off_keys({**defaults, **data})
    located = _Located(source, club, from_club)
    problems: list[Problem] = list(source.problems)
    model: ProfileModel | None = None
    try:
        model = ProfileModel.model_validate(merged)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _user_loc(tuple(error["loc"]), merged)
            if loc is None:
                continue
            problems.append(located.problem(loc, message(error)))
    problems.extend(_cross_checks(merged, located, library))
    if problems or model is None:
        raise ProfileError(in_order(unique(problems), source.path))
    return _resolve(model, source, library)


def _user_loc(loc: Loc, merged: dict) -> Loc | None:
    """The place of a pydantic error as the user wrote it, or None for a redundant error."""
    if loc[:1] == ("equipment",) and len(loc) > 1 and isinstance(loc[1], str):
        # the equipment union: a list is checked item by item; a text is checked before this
        if not (isinstance(merged.get("equipment"), list) and loc[1].startswith("list")):
            return None
        loc = ("equipment", *loc[2:])
    if loc[:1] == ("lifts",) and loc[-1] == "[key]":
        return None  # a key that is not text is no exercise id: reported as such
    if loc[:1] == ("lifts",) and len(loc) == 3:
        loc = loc[:2]  # the weight of one lift, or its key: the lift is named either way
    if loc[:1] == ("changes",) and len(loc) > 1 and isinstance(merged.get("changes"), dict):
        # pydantic names a date key by its repr: give back the key as the YAML has it
        keys = {repr(k): k for k in merged["changes"]} | {str(k): k for k in merged["changes"]}
        loc = ("changes", keys.get(str(loc[1]), loc[1]),
               *(p for p in loc[2:] if p != "[key]"))
    return loc


def _off_keys(merged: dict) -> dict:
    """YAML reads the key `off` as false: in `changes`, give it back its name."""
    changes = merged.get("changes")
    if not isinstance(changes, dict):
        return merged
    fixed = {key: ({("off" if k is False else k): v for k, v in value.items()}
                   if isinstance(value, dict) else value) for key, value in changes.items()}
    return {**merged, "changes": fixed}


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _cross_checks(data: dict, located: _Located, library: Library) -> list[Problem]:
    """Rules that look at more than one field, or at the library; run even when others fail."""
    problems: list[Problem] = []
    units = str(data.get("units")) if data.get("units") in ("mi", "km") else "km"
    weeks: list[tuple[tuple[Any, ...], Any]] = [(("weekly_mileage",), data.get("weekly_mileage"))]
    changes = data.get("changes")
    if isinstance(changes, dict):  # a changed week's mileage has the same ceiling
        weeks += [(("changes", key, "weekly_mileage"), change.get("weekly_mileage"))
                  for key, change in changes.items() if isinstance(change, dict)]
    for loc, value in weeks:
        mileage = _as_number(value)
        if mileage is not None and math.isfinite(mileage) and mileage > MAX_MILEAGE[units]:
            problems.append(located.problem(loc, (
                f"got {mileage:g} {units} a week; allowed more than 0 and at "
                f"most {MAX_MILEAGE[units]} {units}")))
    if data.get("phase") is None and not data.get("race"):
        problems.append(located.problem(("phase",), (
            "required unless race is given; allowed " + ", ".join(PHASES))))
    race = data.get("race")
    start = _date_or_none(data.get("start"))
    race_date = _date_or_none(race.get("date")) if isinstance(race, dict) else None
    if race_date and start and start > race_date:
        problems.append(located.problem(("start",), (
            f"got {start.isoformat()}, after the race on {race_date.isoformat()}; allowed a "
            "Monday on or before the race")))
    problems.extend(_race_phase(data.get("phase"), race, race_date, start, located))
    problems.extend(change_checks(data, race_date, start, located))
    problems.extend(avoid_checks(data.get("avoid"), library, located))
    problems.extend(located.problem(loc, text)
                    for loc, text in (*lift_problems(data, library), *weights_problems(data)))
    lifts = data.get("lifts")
    if isinstance(lifts, dict) and len(lifts) > len(library):  # one message, not thousands
        problems.append(located.problem(("lifts",), (
            f"got {len(lifts)} known lifts; allowed at most one for each of the library's "
            f"{len(library)} exercises (see `runlift exercises`)")))
    elif isinstance(lifts, dict):
        for key in lifts:
            if key not in library:
                near = nearest(key, library.ids(), n=3, cutoff=0.5)
                hint = f"; nearest: {', '.join(near)}" if near else ""
                problems.append(located.problem(("lifts", key), (
                    f"unknown exercise id {shown(key)}{hint} (see `runlift exercises`)")))
    days = data.get("strength_days")
    if isinstance(days, list) and len(set(map(str, days))) != len(days):
        problems.append(located.problem(("strength_days",), (
            f"got {shown(days)}; a day is listed twice")))
    return problems


def _race_phase(phase: Any, race: Any, race_date: dt.date | None, start: dt.date | None,
                located: _Located) -> list[Problem]:
    """`phase: race` needs a race, and names the week that holds it (profile.md)."""
    if phase != "race":
        return []
    if not race:
        return [located.problem(("phase",), (
            "got 'race', but race is not given; a race week is the week of a race: add race: "
            "with its date, or choose base, build, peak, taper or recovery"))]
    if race_date and start and start.weekday() == 0 and not (
            start <= race_date < start + dt.timedelta(days=7)):
        race_monday = race_date - dt.timedelta(days=race_date.weekday())
        return [located.problem(("phase",), (
            f"got 'race', but the block starts {start.isoformat()} and the race is on "
            f"{race_date.isoformat()}; a race week is the week of the race: remove phase, or "
            f"start: {race_monday.isoformat()}"))]
    return []


def _date_or_none(value: Any) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _resolve(model: ProfileModel, source: Source, library: Library) -> Athlete:
    units = model.units or "km"
    load_unit = model.load_unit or ("lb" if units == "mi" else "kg")
    if isinstance(model.equipment, str):
        equipment = EQUIPMENT_PRESETS[model.equipment]
    else:
        equipment = frozenset(model.equipment)
    lifts, per_hand = resolve_lifts(model.lifts, load_unit)
    # a name with nothing to transliterate (emoji only) falls back on the file's name
    # ids become folder and file names: keep them short (64) and on word boundaries
    athlete_id = (model.id or slugify(model.name, max_length=64, word_boundary=True)
                  or slugify(Path(source.path).stem, max_length=64) or "athlete")
    return Athlete(
        source=source.path,
        id=athlete_id,
        name=model.name,
        units=units,
        load_unit=load_unit,
        weekly_mileage=model.weekly_mileage,
        week=dict(model.week),  # a pydantic model iterates as (field, value) pairs
        phase=model.phase,
        race=Race(model.race.date, model.race.distance, model.race.name) if model.race else None,
        start=model.start,
        weeks=model.weeks,
        experience=model.experience,
        equipment=equipment,
        sessions_per_week=model.sessions_per_week,
        strength_days=tuple(model.strength_days) if model.strength_days else None,
        placement=model.placement,
        session_minutes=model.session_minutes,
        bodyweight=model.bodyweight,
        lifts=lifts,
        focus=tuple(dict.fromkeys(model.focus)),
        notes=model.notes,
        id_line=source.line(("id",) if model.id else ("name",)),
        changes=resolve_changes(model.changes),
        avoid=tuple(model.avoid or ()),
        lifts_per_hand=per_hand,
        weights=resolve_weights(model.weights, load_unit),
    )


def _round(value: float) -> float:
    return round(value, 1)
