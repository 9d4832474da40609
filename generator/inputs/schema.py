"""The profile and club file formats as pydantic models: what each field may hold.

Allowed words come from the vocabulary; the models are only read by the validators beside them
and by schemas.py, which makes the editors' JSON Schemas (`runlift schema`) from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, create_model, field_validator

from ..model import PRIVACY_LEVELS, Club, Privacy
from ..vocabulary import (
    DAYS,
    DISTANCES,
    EXPERIENCE,
    FOCUS,
    LOAD_UNITS,
    PAPER,
    PHASES,
    PLACEMENTS,
    RUN_TYPES,
    UNITS,
)
from .fields import (
    DateField,
    EquipmentField,
    LiftField,
    Mileage,
    OwnedList,
    WeightField,
    whole_number,
)

RunType = Literal[RUN_TYPES]
Day = Literal[DAYS]
RANGES = {"weeks": (1, 52), "sessions_per_week": (1, 3), "session_minutes": (20, 90)}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Week = create_model(  # one field per day of the vocabulary's week
    "Week", __base__=_Strict, __doc__="The running week, Monday first; every day has a run type "
    "(rest included).", **{day: (RunType, ...) for day in DAYS})


class Race(_Strict):
    date: DateField
    distance: Literal[DISTANCES] = "other"
    name: str | None = None


class WeekChange(_Strict):
    """A week whose running differs: the days that differ, its mileage, or off (profile.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    mon: RunType | None = None
    tue: RunType | None = None
    wed: RunType | None = None
    thu: RunType | None = None
    fri: RunType | None = None
    sat: RunType | None = None
    sun: RunType | None = None
    weekly_mileage: Mileage | None = None
    off: StrictBool = False


class OwnedWeightsModel(_Strict):
    """The implements the athlete owns: loads are rounded to these (profile.md `weights`)."""

    kettlebell: OwnedList | None = None
    dumbbells: OwnedList | None = None
    plates: WeightField | None = None


class ProfileModel(_Strict):
    """An athlete profile, as written in YAML (see docs: profile.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="runlift athlete profile")

    name: Annotated[str, Field(min_length=1, description="The athlete's name, any Unicode.")]
    id: Annotated[str | None, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64,
                                    description="a-z, 0-9 and hyphens; default: slug of name")] = None
    units: Literal[UNITS] | None = None
    load_unit: Literal[LOAD_UNITS] | None = None
    weekly_mileage: Mileage
    week: Week
    phase: Literal[PHASES] | None = None
    race: Race | None = None
    start: DateField | None = None
    weeks: whole_number(*RANGES["weeks"]) | None = None
    experience: Literal[EXPERIENCE] = "novice"
    equipment: EquipmentField = "gym"
    sessions_per_week: whole_number(*RANGES["sessions_per_week"]) | None = None
    strength_days: list[Day] | None = None
    placement: Literal[PLACEMENTS] = "easy_days"
    session_minutes: whole_number(*RANGES["session_minutes"]) = 40
    bodyweight: WeightField | None = None
    lifts: dict[str, LiftField] | None = None
    weights: OwnedWeightsModel | None = None
    changes: dict[DateField, WeekChange] | None = None
    avoid: list[str] | None = None
    focus: list[Literal[FOCUS]] = []
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


Level = Literal[PRIVACY_LEVELS]


class PrivacyModel(_Strict):
    """club.yaml `privacy`: public, pdf_only or private for each kind of health data."""

    bodyweight: Level = Privacy.bodyweight
    focus: Level = Privacy.focus
    notes: Level = Privacy.notes
    log: Level = Privacy.log
    pain: Level = Privacy.pain
    checkins: Level = Privacy.checkins
    index: StrictBool = Privacy.index


class ClubModel(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, title="runlift club file")

    name: Annotated[str, Field(min_length=1)] = Club.name
    paper: Literal[PAPER] = Club.paper
    base_url: Annotated[str | None, Field(pattern=r"^https?://[^\s]+$")] = None
    defaults: dict[str, Any] = {}
    privacy: PrivacyModel = PrivacyModel()


PROFILE_FIELDS = tuple(ProfileModel.model_fields)
REQUIRED_FIELDS = tuple(k for k, f in ProfileModel.model_fields.items() if f.is_required())
RACE_FIELDS = tuple(Race.model_fields)
WEIGHTS_FIELDS = tuple(OwnedWeightsModel.model_fields)
CHANGE_FIELDS = tuple(WeekChange.model_fields)
CLUB_FIELDS = tuple(ClubModel.model_fields)
PRIVACY_FIELDS = tuple(PrivacyModel.model_fields)
