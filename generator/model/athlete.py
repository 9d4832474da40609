"""The athlete and the club, as validated inputs leave them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..vocabulary import (
    KG_PER_LB,
    KM_PER_MI,
    plain_number,
)


@dataclass(frozen=True)
class Weight:
    value: float
    unit: str | None  # None: a bare number, read in the athlete's load_unit

    def to(self, unit: str) -> float:
        source = self.unit or unit
        if source == unit:
            return self.value
        return self.value / KG_PER_LB if unit == "lb" else self.value * KG_PER_LB


@dataclass(frozen=True)
class Race:
    date: dt.date
    distance: str = "other"
    name: str | None = None


@dataclass(frozen=True)
class WeekChange:
    """A week whose running differs from the profile's `week` (profile.md `changes`)."""

    days: dict[str, str] = field(default_factory=dict)  # day -> run type, only those that differ
    weekly_mileage: float | None = None  # in the athlete's units
    off: bool = False  # no strength this week (holiday, illness)


@dataclass(frozen=True)
class OwnedWeights:
    """The weights an athlete owns (profile.md `weights`), in the athlete's load_unit."""

    kettlebell: tuple[float, ...] | None = None  # a weight listed twice: two bells
    dumbbells: tuple[float, ...] | None = None  # each weight a pair
    plates: float | None = None  # the smallest plate: barbell steps of two of them

    def as_json(self, unit: str) -> dict[str, Any]:
        def listed(values: tuple[float, ...] | None) -> list[dict[str, Any]] | None:
            if values is None:
                return None
            return [{"value": plain_number(v), "unit": unit} for v in values]

        plates = None if self.plates is None else {"value": plain_number(self.plates),
                                                   "unit": unit}
        return {"kettlebell": listed(self.kettlebell), "dumbbells": listed(self.dumbbells),
                "plates": plates}


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
    lifts: dict[str, float]  # exercise id -> total working weight in load_unit (both hands)
    focus: tuple[str, ...]
    notes: str | None
    id_line: int = 1  # the line of `id`, or of `name` when the id is made from it
    changes: dict[dt.date, WeekChange] = field(default_factory=dict)  # by the week's Monday
    avoid: tuple[str, ...] = ()  # exercise ids and patterns the plan never uses
    lifts_per_hand: frozenset[str] = frozenset()  # lifts written per hand ('2 x 10 kg')
    weights: OwnedWeights | None = None  # the implements the athlete owns (`weights`)

    def has_focus(self, *names: str) -> bool:
        """True when any of `names` is among the athlete's focus areas (injury history)."""
        return any(n in self.focus for n in names)

    @property
    def mileage_km(self) -> float:
        return self.weekly_mileage * (KM_PER_MI if self.units == "mi" else 1.0)

    @property
    def bodyweight_kg(self) -> float | None:
        if self.bodyweight is None:
            return None
        return self.bodyweight.to("kg") if self.bodyweight.unit else (
            self.bodyweight.value if self.load_unit == "kg" else self.bodyweight.value * KG_PER_LB)


# club.yaml `privacy`: where each kind of health data may appear. public: every published file;
# pdf_only: the athlete's PDF only; private: no published file (`runlift plan` shows everything)
PRIVACY_LEVELS = ("public", "pdf_only", "private")


@dataclass(frozen=True)
class Privacy:
    """What the published site shows of each kind of health data (club.yaml `privacy`), and
    whether search engines may index it. Every kind is kept off the pages, JSON and calendar
    unless the club says `public`."""

    bodyweight: str = "pdf_only"  # bodyweight, and the numbers made from it (protein grams)
    focus: str = "pdf_only"  # injury focus: the areas in `focus`, and what the plan says of them
    notes: str = "pdf_only"  # the coach's notes: free text, where injuries and illness get written
    log: str = "pdf_only"  # training logs: what was lifted, and how it felt
    pain: str = "pdf_only"  # pain scores
    checkins: str = "pdf_only"  # check-in results (the tests themselves are part of the plan)
    index: bool = False  # let search engines index the pages, and write sitemap.xml

    def shows(self, kind: str, in_pdf: bool = False) -> bool:
        """Whether a published page (or, with in_pdf, the athlete's PDF) shows this kind."""
        level = getattr(self, kind)
        return level == "public" or (in_pdf and level == "pdf_only")


PRIVACY_KINDS = tuple(k for k in Privacy.__dataclass_fields__ if k != "index")


@dataclass(frozen=True)
class Club:
    """The club file: its name, paper size, web address and defaults for every profile."""

    name: str = "Running club"
    paper: str = "a4"
    base_url: str | None = None
    defaults: dict[str, Any] = field(default_factory=dict)
    folder: Path | None = None
    privacy: Privacy = field(default_factory=Privacy)


# exercises done with a dumbbell in each hand (the others hold one: a goblet squat, a calf raise)
