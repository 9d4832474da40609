"""Athlete profiles and the club file: read, merge club defaults, validate every field.

Validation is pydantic's; the messages are ours, located with the line numbers read from the YAML,
so that a profile with several mistakes gets every one of them, each with its file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
)
from slugify import slugify

from .errors import Problem, ProfileError
from .library import EQUIPMENT_ITEMS, Library
from .yamlsource import Loc, Source, YamlProblems, read_yaml

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                            "Sunday"), strict=True))
RUN_TYPES = ("rest", "easy", "recovery", "moderate", "long", "intervals", "tempo", "hills",
             "fartlek", "race", "cross")
KEY_RUNS = frozenset({"long", "intervals", "tempo", "hills", "fartlek", "race"})
PHASES = ("base", "build", "peak", "taper", "race", "recovery")
DISTANCES = ("5k", "10k", "half", "marathon", "ultra", "other")
FOCUS = ("achilles", "calf", "knee", "hip", "it_band", "hamstring", "low_back", "shin")
EQUIPMENT_PRESETS = {
    "gym": frozenset(EQUIPMENT_ITEMS),
    "home": frozenset({"dumbbells", "kettlebell", "band", "box"}),
    "bodyweight": frozenset(),
}
MAX_MILEAGE = {"mi": 200, "km": 320}
KG_PER_LB = 0.45359237

RunType = Literal["rest", "easy", "recovery", "moderate", "long", "intervals", "tempo", "hills",
                  "fartlek", "race", "cross"]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
EquipmentItem = Literal["barbell", "trap_bar", "dumbbells", "kettlebell", "bench", "box", "band",
                        "cable", "pullup_bar", "plates"]
_WEIGHT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(kg|kgs|lb|lbs)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Weight:
    value: float
    unit: str | None  # None: a bare number, read in the athlete's load_unit

    def to(self, unit: str) -> float:
        source = self.unit or unit
        if source == unit:
            return self.value
        return self.value / KG_PER_LB if unit == "lb" else self.value * KG_PER_LB


def _parse_weight(value: Any) -> Weight:
    if isinstance(value, Weight):
        return value
    if isinstance(value, bool):
        raise ValueError(f"got {value!r}; allowed a weight like '58 kg', '128 lb' or a number")
    if isinstance(value, int | float):
        if value <= 0:
            raise ValueError(f"got {value!r}; allowed a weight above 0")
        return Weight(float(value), None)
    if isinstance(value, str):
        match = _WEIGHT_RE.match(value)
        if match:
            number = float(match.group(1))
            if number <= 0:
                raise ValueError(f"got {value!r}; allowed a weight above 0")
            unit = (match.group(2) or "").lower().rstrip("s") or None
            return Weight(number, unit)
    raise ValueError(f"got {value!r}; allowed a weight like '58 kg', '128 lb' or a number")


WeightField = Annotated[
    Weight,
    BeforeValidator(_parse_weight),
    WithJsonSchema({
        "anyOf": [{"type": "number", "exclusiveMinimum": 0},
                  {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*(kg|lb)s?\s*$"}],
        "description": "A weight: '58 kg', '128 lb', or a number in load_unit.",
    }),
]


def _parse_equipment(value: Any) -> Any:
    if isinstance(value, str):
        if value in EQUIPMENT_PRESETS:
            return value
        options = (*EQUIPMENT_PRESETS, *EQUIPMENT_ITEMS)
        raise ValueError(f"got {value!r}; allowed gym, home, bodyweight or a list of "
                         f"{', '.join(EQUIPMENT_ITEMS)}{_did_you_mean(value, options)}")
    return value


EquipmentField = Annotated[
    Literal["gym", "home", "bodyweight"] | list[EquipmentItem],
    BeforeValidator(_parse_equipment),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Week(_Strict):
    """The running week, Monday first; every day has a run type (rest included)."""

    mon: RunType
    tue: RunType
    wed: RunType
    thu: RunType
    fri: RunType
    sat: RunType
    sun: RunType


class Race(_Strict):
    date: dt.date
    distance: Literal["5k", "10k", "half", "marathon", "ultra", "other"] = "other"
    name: str | None = None


class ProfileModel(_Strict):
    """An athlete profile, as written in YAML (see docs: profile.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="runlift athlete profile")

    name: Annotated[str, Field(min_length=1, description="The athlete's name, any Unicode.")]
    id: Annotated[str | None, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                                    description="a-z, 0-9 and hyphens; default: slug of name")] = None
    units: Literal["mi", "km"] | None = None
    load_unit: Literal["kg", "lb"] | None = None
    weekly_mileage: Annotated[float, Field(gt=0, description="In `units`; at most 200 mi / 320 km")]
    week: Week
    phase: Literal["base", "build", "peak", "taper", "race", "recovery"] | None = None
    race: Race | None = None
    start: dt.date | None = None
    weeks: Annotated[int | None, Field(ge=1, le=52)] = None
    experience: Literal["novice", "intermediate", "advanced"] = "novice"
    equipment: EquipmentField = "gym"
    sessions_per_week: Annotated[int | None, Field(ge=1, le=3)] = None
    strength_days: list[Day] | None = None
    placement: Literal["easy_days", "hard_days"] = "easy_days"
    session_minutes: Annotated[int, Field(ge=20, le=90)] = 40
    bodyweight: WeightField | None = None
    lifts: dict[str, WeightField] | None = None
    focus: list[Literal["achilles", "calf", "knee", "hip", "it_band", "hamstring", "low_back",
                        "shin"]] = []
    notes: str | None = None

    @field_validator("start")
    @classmethod
    def _start_is_monday(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value.weekday() != 0:
            before = value - dt.timedelta(days=value.weekday())
            after = before + dt.timedelta(days=7)
            raise ValueError(f"got {value.isoformat()}, a {value:%A}; a block starts on a Monday: "
                             f"use {before.isoformat()} or {after.isoformat()}")
        return value

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty; write the athlete's name")
        return value.strip()


class ClubModel(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, title="runlift club file")

    name: Annotated[str, Field(min_length=1)] = "Running club"
    paper: Literal["a4", "letter"] = "a4"
    base_url: Annotated[str | None, Field(pattern=r"^https?://[^\s]+$")] = None
    defaults: dict[str, Any] = {}


PROFILE_FIELDS = tuple(ProfileModel.model_fields)
_FIELDS_AT: dict[tuple, tuple[str, ...]] = {
    (): PROFILE_FIELDS,
    ("week",): DAYS,
    ("race",): tuple(Race.model_fields),
}


@dataclass(frozen=True)
class Club:
    name: str = "Running club"
    paper: str = "a4"
    base_url: str | None = None
    defaults: dict[str, Any] = field(default_factory=dict)
    source: Source | None = None
    folder: Path | None = None


@dataclass(frozen=True)
class Athlete:
    """A validated profile with every default resolved."""

    source: str
    id: str
    name: str
    units: str
    load_unit: str
    weekly_mileage: float
    week: dict[str, str]
    phase: str | None
    race: Race | None
    start: dt.date | None
    weeks: int | None
    experience: str
    equipment: frozenset[str]
    sessions_per_week: int | None
    strength_days: tuple[str, ...] | None
    placement: str
    session_minutes: int
    bodyweight: Weight | None
    lifts: dict[str, float]  # exercise id -> working weight in load_unit
    focus: tuple[str, ...]
    notes: str | None

    @property
    def mileage_km(self) -> float:
        return self.weekly_mileage * (1.609344 if self.units == "mi" else 1.0)

    @property
    def bodyweight_kg(self) -> float | None:
        if self.bodyweight is None:
            return None
        return self.bodyweight.to("kg") if self.bodyweight.unit else (
            self.bodyweight.value if self.load_unit == "kg" else self.bodyweight.value * KG_PER_LB)


def _did_you_mean(value: Any, options) -> str:
    match = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def _show(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: dict, value_at_loc: Any) -> str:
    """Turn one pydantic error into runlift's wording: what is wrong (got ...; allowed ...)."""
    kind = error["type"]
    loc = error["loc"]
    ctx = error.get("ctx") or {}
    got = _show(error.get("input"))
    if kind == "extra_forbidden":
        known = _FIELDS_AT.get(tuple(loc[:-1]), ())
        hint = _did_you_mean(loc[-1], known)
        return f"unknown field{hint or '; allowed ' + ', '.join(known)}"
    if kind == "missing":
        if loc[:1] == ("week",) and len(loc) == 2:
            return ("missing; every day of the week needs a run type (use 'rest' for a day off; "
                    "allowed " + ", ".join(RUN_TYPES) + ")")
        return "required field is missing"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return f"got {got}; allowed {', '.join(allowed)}{_did_you_mean(error.get('input'), allowed)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bounds = {"greater_than": "above", "greater_than_equal": "at least",
                  "less_than": "below", "less_than_equal": "at most"}[kind]
        limit = next(iter(ctx.values()))
        return f"got {got}; allowed a number {bounds} {limit}"
    if kind == "string_pattern_mismatch":
        if loc[-1] == "id":
            return (f"got {got}; allowed lowercase letters a-z, digits and single hyphens, "
                    f"e.g. {slugify(str(error.get('input')))!r}")
        return f"got {got}; allowed text matching {ctx.get('pattern')}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"got {got}; allowed a whole number"
    if kind in ("float_parsing", "float_type"):
        return f"got {got}; allowed a number"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"got {got}; allowed a date written YYYY-MM-DD"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"got {got}; allowed a mapping of fields (key: value lines, indented)"
    if kind == "list_type":
        return f"got {got}; allowed a list, e.g. [a, b]"
    if kind in ("string_type", "string_too_short"):
        return f"got {got}; allowed text"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"got {got}; {error['msg']}"


class _Located:
    """Which file and line a value of the merged profile came from."""

    def __init__(self, athlete: Source, club: Club | None, from_club: set[str]):
        self.athlete = athlete
        self.club = club
        self.from_club = from_club

    def where(self, loc: Loc) -> tuple[str, int]:
        if loc and loc[0] in self.from_club and self.club and self.club.source:
            return self.club.source.path, self.club.source.line(("defaults", *loc))
        return self.athlete.path, self.athlete.line(loc)

    def problem(self, loc: Loc, message: str) -> Problem:
        path, line = self.where(loc)
        return Problem(path, line, ".".join(str(p) for p in loc), message)


def _dotted(loc) -> str:
    return ".".join(str(p) for p in loc)


def load_club(path: Path, display: str | None = None) -> Club:
    """Read `club.yaml`; raise ProfileError listing every mistake."""
    try:
        source = read_yaml(path, display)
    except YamlProblems as exc:
        raise ProfileError(exc.problems) from None
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise ProfileError([Problem(source.path, 1, "", "a club file is a mapping of fields "
                                    "(name, paper, base_url, defaults)")])
    problems: list[Problem] = []
    try:
        model = ClubModel.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            if error["type"] == "extra_forbidden":
                msg = f"unknown field{_did_you_mean(loc[-1], ClubModel.model_fields)}"
            else:
                msg = _message(error, None)
            problems.append(Problem(source.path, source.line(loc), _dotted(loc), msg))
        raise ProfileError(problems) from None
    for key in model.defaults:
        if key in ("name", "id"):
            problems.append(Problem(source.path, source.line(("defaults", key)), f"defaults.{key}",
                                    "each athlete has their own; remove it from defaults"))
        elif key not in PROFILE_FIELDS:
            problems.append(Problem(source.path, source.line(("defaults", key)), f"defaults.{key}",
                                    f"unknown field{_did_you_mean(key, PROFILE_FIELDS)}"))
    if problems:
        raise ProfileError(problems)
    base_url = model.base_url
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    return Club(name=model.name.strip(), paper=model.paper, base_url=base_url,
                defaults=dict(model.defaults), source=source, folder=path.parent)


def load_athlete(path: Path, library: Library, club: Club | None = None,
                 display: str | None = None) -> Athlete:
    """Read, merge with the club's defaults, and validate one athlete file."""
    try:
        source = read_yaml(path, display)
    except YamlProblems as exc:
        raise ProfileError(exc.problems) from None
    return validate_athlete(source, library, club)


def validate_athlete(source: Source, library: Library, club: Club | None = None) -> Athlete:
    data = source.data
    if data is None:
        raise ProfileError([Problem(source.path, 1, "", "the file is empty; an athlete profile "
                                    "needs at least name, weekly_mileage and week")])
    if not isinstance(data, dict):
        raise ProfileError([Problem(source.path, 1, "", f"got {_show(data)}; a profile is a "
                                    "mapping of fields (name: …, weekly_mileage: …, week: …)")])
    defaults = dict(club.defaults) if club else {}
    from_club = {k for k in defaults if k not in data}
    merged = {**defaults, **data}
    located = _Located(source, club, from_club)
    problems: list[Problem] = []
    model: ProfileModel | None = None
    try:
        model = ProfileModel.model_validate(merged)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            # pydantic reports a union's members separately; the Literal member is the helpful one
            if loc and loc[0] == "equipment" and len(loc) > 1 and loc[1] in ("list[literal[...]]",):
                continue
            if loc and loc[0] == "equipment" and len(loc) > 1 and isinstance(loc[1], str):
                loc = ("equipment", *loc[2:])
                if len(loc) == 1 and isinstance(merged.get("equipment"), list):
                    continue
            if loc[:1] == ("lifts",) and len(loc) == 3:
                loc = loc[:2]  # the weight of one lift; the key is already named
            problems.append(located.problem(loc, _message(error, None)))
    problems.extend(_cross_checks(merged, located, library))
    if problems or model is None:
        raise ProfileError(_unique(problems))
    return _resolve(model, source.path, library)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def _cross_checks(data: dict, located: _Located, library: Library) -> list[Problem]:
    """Rules that look at more than one field, or at the library; run even when others fail."""
    problems: list[Problem] = []
    units = data.get("units") if data.get("units") in ("mi", "km") else "km"
    mileage = data.get("weekly_mileage")
    is_number = isinstance(mileage, int | float) and not isinstance(mileage, bool)
    if is_number and mileage > MAX_MILEAGE[units]:
        problems.append(located.problem(("weekly_mileage",), (
            f"got {mileage} {units}; allowed more than 0 and at most {MAX_MILEAGE[units]} "
            f"{units} a week")))
    if data.get("phase") is None and not data.get("race"):
        problems.append(located.problem(("phase",), (
            "required unless race is given; allowed " + ", ".join(PHASES))))
    race = data.get("race")
    start = data.get("start")
    if isinstance(race, dict) and isinstance(race.get("date"), dt.date) and isinstance(
            start, dt.date) and start > race["date"]:
        problems.append(located.problem(("start",), (
            f"got {start.isoformat()}, after the race on {race['date'].isoformat()}; start the "
            "block on a Monday before the race")))
    lifts = data.get("lifts")
    if isinstance(lifts, dict):
        for key in lifts:
            if key not in library:
                near = difflib.get_close_matches(str(key), library.ids(), n=3, cutoff=0.5)
                hint = f"; nearest: {', '.join(near)}" if near else ""
                problems.append(located.problem(("lifts", key), (
                    f"unknown exercise id {key!r}{hint} (see `runlift exercises`)")))
    days = data.get("strength_days")
    if isinstance(days, list) and len(set(map(str, days))) != len(days):
        problems.append(located.problem(("strength_days",), f"got {days}; a day is listed twice"))
    return problems


def _resolve(model: ProfileModel, path: str, library: Library) -> Athlete:
    units = model.units or "km"
    load_unit = model.load_unit or ("lb" if units == "mi" else "kg")
    if isinstance(model.equipment, str):
        equipment = EQUIPMENT_PRESETS[model.equipment]
    else:
        equipment = frozenset(model.equipment)
    lifts = {key: _round(weight.to(load_unit)) for key, weight in (model.lifts or {}).items()}
    return Athlete(
        source=path,
        id=model.id or slugify(model.name) or "athlete",
        name=model.name,
        units=units,
        load_unit=load_unit,
        weekly_mileage=model.weekly_mileage,
        week=model.week.model_dump(),
        phase=model.phase,
        race=model.race,
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
    )


def _round(value: float) -> float:
    return round(value, 1)


def profile_schema() -> dict:
    """A JSON Schema of the profile format, for yaml-language-server and other editors."""
    schema = ProfileModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
