"""Athlete profiles and the club file: read, merge club defaults, validate every field.

Validation is pydantic's; the messages are ours, located with the line numbers read from the YAML,
so that a profile with several mistakes gets every one of them, each with its file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
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
_NUMBER = r"\d+(?:\.\d+)?"
_WEIGHT_RE = re.compile(rf"^\s*({_NUMBER})\s*(kg|lb)?\s*$", re.IGNORECASE)
_LOOSE_WEIGHT_RE = re.compile(rf"^\s*({_NUMBER}|\d+,\d+)\s*([a-z#.]+)\s*$", re.IGNORECASE)
_UNIT_SPELLINGS = {
    "kg": "kg", "kgs": "kg", "kg.": "kg", "k": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg",
    "kilograms": "kg", "kilogramme": "kg", "kilogrammes": "kg",
    "lb": "lb", "lbs": "lb", "lb.": "lb", "lbs.": "lb", "#": "lb", "pound": "lb", "pounds": "lb",
}
_WEIGHT_ALLOWED = "allowed a weight like '58 kg', '128 lb' or a number"


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
    got = _show(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"got {got}; allowed a weight above 0")
        return Weight(float(value), None)
    if isinstance(value, str):
        match = _WEIGHT_RE.match(value)
        if match:
            number = float(match.group(1))
            if number <= 0:
                raise ValueError(f"got {got}; allowed a weight above 0")
            unit = match.group(2).lower() if match.group(2) else None
            return Weight(number, unit)
        loose = _LOOSE_WEIGHT_RE.match(value)
        if loose and loose.group(2).lower() in _UNIT_SPELLINGS:
            number = loose.group(1).replace(",", ".")
            better = f"{number} {_UNIT_SPELLINGS[loose.group(2).lower()]}"
            raise ValueError(f"got {got}; {_WEIGHT_ALLOWED}; did you mean '{better}'?")
    raise ValueError(f"got {got}; {_WEIGHT_ALLOWED}")


WeightField = Annotated[
    Weight,
    BeforeValidator(_parse_weight),
    WithJsonSchema({
        "anyOf": [{"type": "number", "exclusiveMinimum": 0},
                  {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*([kK][gG]|[lL][bB])\s*$"}],
        "description": "A weight: '58 kg', '128 lb', or a number in load_unit.",
    }),
]


def _parse_date(value: Any) -> dt.date:
    """Dates are written YYYY-MM-DD; YAML reads them as dates, a quoted one arrives as text."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"got {_show(value)}; allowed a date written YYYY-MM-DD, without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.match(r"\s*\d{4}-\d{2}-\d{2}[T ]+\d", value):
        raise ValueError(f"got {_show(value)}; allowed a date written YYYY-MM-DD, without a time")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"got {_show(value)}, which is not a date ({exc}); allowed a date "
                             "written YYYY-MM-DD") from None
    raise ValueError(f"got {_show(value)}; allowed a date written YYYY-MM-DD, e.g. 2027-01-04")


DateField = Annotated[dt.date, BeforeValidator(_parse_date),
                      WithJsonSchema({"type": "string", "format": "date"})]


def _not_bool(value: Any) -> Any:
    """YAML reads yes/no/on/off as true/false; pydantic would take those for 1 and 0."""
    if isinstance(value, bool):
        raise ValueError(f"got {_show(value)}; allowed a number")
    return value


def _number_with_unit(value: Any) -> Any:
    value = _not_bool(value)
    if isinstance(value, str):
        match = re.fullmatch(rf"\s*({_NUMBER})\s*(mi|miles?|km|kms|kilometres?|kilometers?)\s*",
                             value, re.IGNORECASE)
        if match:
            unit = "mi" if match.group(2).lower().startswith("mi") else "km"
            raise ValueError(f"got {_show(value)}; allowed a number: write "
                             f"weekly_mileage: {match.group(1)} and units: {unit}")
    return value


# constraints before the validator, so that the JSON Schema keeps them
Mileage = Annotated[float, Field(gt=0, allow_inf_nan=False), BeforeValidator(_number_with_unit),
                    Field(description="In `units`; more than 0, at most 200 mi / 320 km",
                          json_schema_extra={"maximum": MAX_MILEAGE["km"]})]


def _whole(low: int, high: int) -> Any:
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_not_bool)]


def _parse_equipment(value: Any) -> Any:
    if isinstance(value, str) and value in EQUIPMENT_PRESETS:
        return value
    if isinstance(value, list):
        return value
    allowed = f"allowed gym, home, bodyweight or a list of {', '.join(EQUIPMENT_ITEMS)}"
    hint = ""
    if isinstance(value, str):
        hint = _did_you_mean(value, (*EQUIPMENT_PRESETS, *EQUIPMENT_ITEMS))
        if value in EQUIPMENT_ITEMS:
            hint = f"; a single item is still a list: [{value}]"
    raise ValueError(f"got {_show(value)}; {allowed}{hint}")


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
    date: DateField
    distance: Literal["5k", "10k", "half", "marathon", "ultra", "other"] = "other"
    name: str | None = None


class ProfileModel(_Strict):
    """An athlete profile, as written in YAML (see docs: profile.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="runlift athlete profile")

    name: Annotated[str, Field(min_length=1, description="The athlete's name, any Unicode.")]
    id: Annotated[str | None, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64,
                                    description="a-z, 0-9 and hyphens; default: slug of name")] = None
    units: Literal["mi", "km"] | None = None
    load_unit: Literal["kg", "lb"] | None = None
    weekly_mileage: Mileage
    week: Week
    phase: Literal["base", "build", "peak", "taper", "race", "recovery"] | None = None
    race: Race | None = None
    start: DateField | None = None
    weeks: _whole(1, 52) | None = None
    experience: Literal["novice", "intermediate", "advanced"] = "novice"
    equipment: EquipmentField = "gym"
    sessions_per_week: _whole(1, 3) | None = None
    strength_days: list[Day] | None = None
    placement: Literal["easy_days", "hard_days"] = "easy_days"
    session_minutes: _whole(20, 90) = 40
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
        if any(ch in value.strip() for ch in "\n\r\t"):
            raise ValueError(f"got {value!r}; a name is one line of text, without line breaks "
                             "or tabs")
        if len(value.strip()) > 100:
            raise ValueError(f"got a name of {len(value.strip())} characters; allowed up to 100")
        return value.strip()


class ClubModel(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, title="runlift club file")

    name: Annotated[str, Field(min_length=1)] = "Running club"
    paper: Literal["a4", "letter"] = "a4"
    base_url: Annotated[str | None, Field(pattern=r"^https?://[^\s]+$")] = None
    defaults: dict[str, Any] = {}


PROFILE_FIELDS = tuple(ProfileModel.model_fields)
REQUIRED_FIELDS = tuple(k for k, f in ProfileModel.model_fields.items() if f.is_required())
RANGES = {"weeks": (1, 52), "sessions_per_week": (1, 3), "session_minutes": (20, 90)}
_REQUIRED_HINTS = {
    ("name",): "; write the athlete's name, e.g. name: Maya López",
    ("weekly_mileage",): "; write the distance run in a week, in `units`, e.g. weekly_mileage: 35",
    ("week",): "; write the running week, a run type for each day mon to sun",
    ("race", "date"): "; write the race day as YYYY-MM-DD",
}
# what people write for a race distance, and the value it is spelt as here
_DISTANCE_WORDS = {
    "half marathon": "half", "half-marathon": "half", "halfmarathon": "half", "half_marathon": "half",
    "21k": "half", "21.1k": "half", "21.1": "half", "13.1": "half", "13.1 mi": "half",
    "full": "marathon", "full marathon": "marathon", "42k": "marathon", "42.2k": "marathon",
    "26.2": "marathon", "5 k": "5k", "5km": "5k", "10 k": "10k", "10km": "10k", "50k": "ultra",
    "100k": "ultra", "50 mi": "ultra", "100 mi": "ultra",
}
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
    id_line: int = 1  # the line of `id`, or of `name` when the id is made from it

    @property
    def mileage_km(self) -> float:
        return self.weekly_mileage * (1.609344 if self.units == "mi" else 1.0)

    @property
    def bodyweight_kg(self) -> float | None:
        if self.bodyweight is None:
            return None
        return self.bodyweight.to("kg") if self.bodyweight.unit else (
            self.bodyweight.value if self.load_unit == "kg" else self.bodyweight.value * KG_PER_LB)


def _norm(text: Any) -> str:
    """Compare names the way people misspell them: case, spaces, hyphens and underscores aside."""
    return re.sub(r"[\s_-]+", "-", str(text).strip().lower())


def _nearest(value: Any, options, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The options closest to `value`, best first: same but for case and separators, then one
    that starts with the value (`sessions`), one the value starts with (`thursday`), then
    difflib's nearest spellings."""
    options = [str(o) for o in options]
    wanted = _norm(value)
    same = [o for o in options if _norm(o) == wanted]
    longer = sorted((o for o in options if len(wanted) >= 4 and _norm(o).startswith(wanted)), key=len)
    shorter = sorted((o for o in options if len(_norm(o)) >= 2 and wanted.startswith(_norm(o))),
                     key=len, reverse=True)
    by_norm: dict[str, str] = {}
    for option in options:
        by_norm.setdefault(_norm(option), option)
    close = [by_norm[m] for m in difflib.get_close_matches(wanted, list(by_norm), n=n, cutoff=cutoff)]
    return list(dict.fromkeys([*same, *longer, *shorter, *close]))[:n]


def _did_you_mean(value: Any, options) -> str:
    match = _nearest(value, options)
    return f"; did you mean {match[0]!r}?" if match else ""


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"  # as YAML writes it
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _yaml_reading(value: Any) -> str:
    """Why a value the user typed as a word arrived as something else."""
    if isinstance(value, bool):
        return (" (YAML reads yes/no/on/off/true/false as true or false; put the word in "
                "quotes to keep it as text)")
    if isinstance(value, int | float | dt.date):
        return f" (put it in quotes to keep it as text: \"{_show(value)}\")"
    return ""


def _message(error: dict) -> str:
    """Turn one pydantic error into runlift's wording: what is wrong (got ...; allowed ...)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    value = error.get("input")
    got = _show(value)
    name = loc[-1] if loc else ""
    if kind in ("extra_forbidden", "invalid_key"):
        return _unknown_field(loc)
    if isinstance(value, bool) and name in RANGES:
        low, high = RANGES[str(name)]
        return f"got {got}; allowed a whole number from {low} to {high}"
    if kind == "missing":
        if loc[:1] == ("week",) and len(loc) == 2:
            return ("missing; every day of the week needs a run type (use 'rest' for a day off; "
                    "allowed " + ", ".join(RUN_TYPES) + ")")
        return "required field is missing" + _REQUIRED_HINTS.get(loc, "")
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        hint = _did_you_mean(value, allowed) if isinstance(value, str) else ""
        if loc[:1] == ("race",) and name == "distance" and _norm(value) in {
                _norm(k) for k in _DISTANCE_WORDS}:
            word = next(v for k, v in _DISTANCE_WORDS.items() if _norm(k) == _norm(value))
            hint = f"; did you mean {word!r}?"
        if loc[:1] == ("week",) and value is False:
            hint = "; did you mean 'rest'? (YAML reads off and no as false)"
        if loc[:1] == ("equipment",) and isinstance(value, str) and value in EQUIPMENT_PRESETS:
            hint = f"; {value} is a whole kit: write `equipment: {value}`, not a list"
        return f"got {got}; allowed {', '.join(allowed)}{hint}{_yaml_reading(value) * (not hint)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal",
                "int_parsing", "int_type", "int_from_float") and name in RANGES:
        low, high = RANGES[str(name)]
        return f"got {got}; allowed a whole number from {low} to {high}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bounds = {"greater_than": "above", "greater_than_equal": "at least",
                  "less_than": "below", "less_than_equal": "at most"}[kind]
        limit = next(iter(ctx.values()))
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"got {got}; allowed a number {bounds} {limit}"
    if kind == "finite_number":
        return f"got {got}; allowed a number above 0"
    if kind == "string_pattern_mismatch":
        if name == "id":
            better = slugify(str(value))
            example = f", e.g. {better!r}" if better else ""
            return f"got {got}; allowed lowercase letters a-z, digits and single hyphens{example}"
        if name == "base_url":
            return f"got {got}; allowed an absolute web address, e.g. 'https://club.example/plans/'"
        return f"got {got}; allowed text matching {ctx.get('pattern')}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"got {got}; allowed a whole number"
    if kind in ("float_parsing", "float_type"):
        return f"got {got}; allowed a number"
    if kind.startswith("date"):
        return f"got {got}; allowed a date written YYYY-MM-DD"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"got {got}; allowed a mapping of fields (key: value lines, indented)"
    if kind == "list_type":
        example = f"[{value}]" if isinstance(value, str) else "[a, b]"
        return f"got {got}; allowed a list, e.g. {example}"
    if kind == "string_too_long":
        return f"got {got}; allowed at most {ctx.get('max_length')} characters"
    if kind == "string_type":
        return f"got {got}; allowed text{_yaml_reading(value)}"
    if kind == "string_too_short":
        return "is empty; allowed text"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"got {got}; {error['msg']}"


def _unknown_field(loc: Loc) -> str:
    key, parent = loc[-1], tuple(loc[:-1])
    known = _FIELDS_AT.get(parent, ())
    hint = _did_you_mean(key, known) if isinstance(key, str) else ""
    if not hint and parent == () and isinstance(key, str):
        if _norm(key) in DAYS or _nearest(key, DAYS):
            hint = "; days go under week:"
        elif _norm(key) in ("date", "distance"):
            hint = "; the race's date and distance go under race:"
    return f"unknown field{hint or '; allowed ' + ', '.join(known)}"


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
        field_name = _dotted(loc)
        if path != self.athlete.path:
            field_name = f"defaults.{field_name}"
        return Problem(path, line, field_name, message)


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
        raise ProfileError([Problem(source.path, 1, "", f"got {_show(data)}; a club file is a "
                                    "mapping of fields (name, paper, base_url, defaults)")])
    data = {k: v for k, v in data.items() if not (k == "defaults" and v is None)}
    problems: list[Problem] = list(source.problems)
    model: ClubModel | None = None
    try:
        model = ClubModel.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            if error["type"] in ("extra_forbidden", "invalid_key"):
                msg = f"unknown field{_did_you_mean(loc[-1], ClubModel.model_fields)}"
                if msg == "unknown field":
                    msg += "; allowed " + ", ".join(ClubModel.model_fields)
            else:
                msg = _message(error)
            problems.append(Problem(source.path, source.line(loc), _dotted(loc), msg))
    defaults = data.get("defaults")
    for key in defaults if isinstance(defaults, dict) else ():
        if key in ("name", "id"):
            problems.append(Problem(source.path, source.line(("defaults", key)), f"defaults.{key}",
                                    "each athlete has their own; remove it from defaults"))
        elif key not in PROFILE_FIELDS:
            hint = _did_you_mean(key, PROFILE_FIELDS) if isinstance(key, str) else ""
            problems.append(Problem(source.path, source.line(("defaults", key)),
                                    f"defaults.{key}", f"unknown field{hint}"))
    if problems or model is None:
        raise ProfileError(_in_order(_unique(problems), source.path))
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
    """Validate a parsed profile with the club's defaults; raise ProfileError with every mistake."""
    data = source.data
    if data is None:
        raise ProfileError([*source.problems, Problem(
            source.path, 1, "", "the file is empty; an athlete profile needs at least "
            "name, weekly_mileage and week")])
    if not isinstance(data, dict):
        raise ProfileError([*source.problems, Problem(
            source.path, 1, "", f"got {_show(data)}; a profile is a mapping of fields "
            "(name: …, weekly_mileage: …, week: …)")])
    # a field written with no value (`equipment:`) is a field not given: its default applies
    data = {k: v for k, v in data.items() if v is not None or k in REQUIRED_FIELDS}
    defaults = dict(club.defaults) if club else {}
    from_club = {k for k in defaults if k not in data}
    merged = {**defaults, **data}
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
            problems.append(located.problem(loc, _message(error)))
    problems.extend(_cross_checks(merged, located, library))
    if problems or model is None:
        raise ProfileError(_in_order(_unique(problems), source.path))
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
    return loc


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _in_order(problems: list[Problem], path: str) -> list[Problem]:
    """The file's own problems by line, then those of the club file."""
    return sorted(problems, key=lambda p: (p.path != path, p.path, p.line))


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
    units = data.get("units") if data.get("units") in ("mi", "km") else "km"
    mileage = _as_number(data.get("weekly_mileage"))
    if mileage is not None and math.isfinite(mileage) and mileage > MAX_MILEAGE[units]:
        problems.append(located.problem(("weekly_mileage",), (
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
    lifts = data.get("lifts")
    if isinstance(lifts, dict):
        for key in lifts:
            if key not in library:
                near = _nearest(key, library.ids(), n=3, cutoff=0.5)
                hint = f"; nearest: {', '.join(near)}" if near else ""
                problems.append(located.problem(("lifts", key), (
                    f"unknown exercise id {_show(key)}{hint} (see `runlift exercises`)")))
    days = data.get("strength_days")
    if isinstance(days, list) and len(set(map(str, days))) != len(days):
        problems.append(located.problem(("strength_days",), (
            f"got {_show(days)}; a day is listed twice")))
    return problems


def _date_or_none(value: Any) -> dt.date | None:
    try:
        return _parse_date(value)
    except ValueError:
        return None


def _resolve(model: ProfileModel, source: Source, library: Library) -> Athlete:
    units = model.units or "km"
    load_unit = model.load_unit or ("lb" if units == "mi" else "kg")
    if isinstance(model.equipment, str):
        equipment = EQUIPMENT_PRESETS[model.equipment]
    else:
        equipment = frozenset(model.equipment)
    lifts = {key: _round(weight.to(load_unit)) for key, weight in (model.lifts or {}).items()}
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
        id_line=source.line(("id",) if model.id else ("name",)),
    )


def _round(value: float) -> float:
    return round(value, 1)


def profile_schema() -> dict:
    """A JSON Schema of the profile format, for yaml-language-server and other editors."""
    schema = ProfileModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    # club.yaml's defaults may supply every field but name, so an editor must not demand them
    schema["required"] = ["name"]
    schema["description"] = (
        "An athlete profile for runlift. weekly_mileage and week are required, and phase unless "
        "race is given; each may come from the club file's defaults instead.")
    return schema
