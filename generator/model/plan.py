"""What a plan is made of, in the coach's words, and its JSON form (plan-json.md)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from ..vocabulary import (
    KEY_RUNS,
    LOWER_BODY_PATTERNS,
    WORKING_ROLES,
    plain_number,
)
from .athlete import Athlete
from .exercise import LOAD_STEPS, TWO_DUMBBELLS

if TYPE_CHECKING:
    from .log import DoneExercise, DoneSet, TrainingLog

FORMAT = "runlift-plan/1"

@dataclass(frozen=True)
class Range:
    min: int
    max: int

    def as_json(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max}

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


@dataclass(frozen=True)
class Load:
    """A load: `value` is one implement's weight, held `implements` times (2: one each hand)."""

    value: float
    unit: str
    implements: int = 1

    @property
    def total(self) -> float:
        return round(self.value * self.implements, 1)

    def as_json(self) -> dict[str, Any]:
        return {"value": plain_number(self.value), "unit": self.unit,
                "implements": self.implements, "total": plain_number(self.total)}

    def __str__(self) -> str:
        """'60 kg', or '2 × 14 kg (28 kg)' for two implements."""
        one = f"{plain_number(self.value)} {self.unit}"
        if self.implements == 1:
            return one
        return f"{self.implements} × {one} ({plain_number(self.total)} {self.unit})"


@dataclass(frozen=True)
class Prescription:
    """One exercise in one session: what to do and how hard."""

    id: str
    name: str
    pattern: str
    role: str
    equipment: tuple[str, ...]
    sets: int
    reps: Range | None
    seconds: int | None
    per_side: bool
    rir: Range | None
    rest_seconds: int
    tempo: str | None
    load: Load | None
    per_hand: bool = False  # the load is held in each hand: load.implements == 2
    note: str | None = None  # why the dose differs from the phase's (the weights owned)
    done: tuple[DoneSet, ...] | None = None  # what the log says was done (None: not logged)

    @property
    def working(self) -> bool:
        return self.role in WORKING_ROLES

    def with_sets(self, sets: int, rest_seconds: int | None = None) -> Prescription:
        """This prescription with `sets` sets (and `rest_seconds`, when given).

        What `dataclasses.replace` does, at a fraction of its cost, for the planner's hottest
        loops: the copy is filled before anyone sees it and never changed after.
        """
        new = object.__new__(Prescription)
        fields = new.__dict__
        fields.update(self.__dict__)
        fields["sets"] = sets
        if rest_seconds is not None:
            fields["rest_seconds"] = rest_seconds
        return new

    def dose(self) -> str:
        """'3 × 6–8 each side' or '2 × 30 s', as a coach writes it."""
        amount = f"{self.reps}" if self.reps else f"{self.seconds} s"
        side = " each side" if self.per_side else ""
        return f"{self.sets} × {amount}{side}"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "pattern": self.pattern,
            "role": self.role,
            "equipment": list(self.equipment),
            "sets": self.sets,
            "reps": self.reps.as_json() if self.reps else None,
            "seconds": self.seconds,
            "per_side": self.per_side,
            "rir": self.rir.as_json() if self.rir else None,
            "rest_seconds": self.rest_seconds,
            "tempo": self.tempo,
            "load": self.load.as_json() if self.load else None,
            "per_hand": self.per_hand,
            "note": self.note,
        } | ({"done": [s.as_json() for s in self.done]} if self.done is not None else {})


@dataclass(frozen=True)
class Session:
    name: str  # A, B, C, …
    focus: str
    intensity: str  # heavy | moderate | light
    order: str  # after_run | before_run | standalone
    minutes: int
    exercises: tuple[Prescription, ...]
    reason: str

    @property
    def lower_body_loaded(self) -> bool:
        # landings are lower-body load too (coaching.md §1)
        return any(p.role == "main" and p.pattern in LOWER_BODY_PATTERNS
                   or p.role == "plyometric" or p.pattern == "plyometric" for p in self.exercises)

    @functools.cached_property  # kept: the page, the charts and the JSON each ask, often
    def working_sets(self) -> int:
        return sum(p.sets for p in self.exercises if p.working)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "focus": self.focus,
            "intensity": self.intensity,
            "lower_body_loaded": self.lower_body_loaded,
            "order": self.order,
            "minutes": self.minutes,
            "reason": self.reason,
            "working_sets": self.working_sets,
            "exercises": [p.as_json() for p in self.exercises],
        }


@dataclass(frozen=True)
class Day:
    date: dt.date
    weekday: str
    run: str
    session: Session | None
    logged: bool | str | None = None  # True: logged; "skipped"; None: nothing in the log
    extra_done: tuple[DoneExercise, ...] = ()  # logged on a day with no session planned

    @property
    def key_run(self) -> bool:
        return self.run in KEY_RUNS

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "weekday": self.weekday,
            "run": self.run,
            "key_run": self.key_run,
            "session": self.session.as_json() if self.session else None,
        } | ({"logged": self.logged} if self.logged is not None else {}) | (
            {"extra_done": [e.as_json() for e in self.extra_done]} if self.extra_done else {})


@dataclass(frozen=True)
class CheckIn:
    id: str
    name: str
    how: str
    record: str  # what to write in the box

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "how": self.how, "record": self.record}


@dataclass(frozen=True)
class Week:
    number: int
    start: dt.date
    phase: str
    deload: bool
    days: tuple[Day, ...]
    check_ins: tuple[CheckIn, ...] = ()
    off: bool = False  # marked off in `changes`: no strength this week
    weekly_mileage: float | None = None  # this week's mileage, in the athlete's units
    changed: bool = False  # the week's running differs from the profile's `week`
    notes: tuple[str, ...] = ()  # what the plan chose for this week and why (not warnings)

    @property
    def sessions(self) -> list[tuple[Day, Session]]:
        return [(d, d.session) for d in self.days if d.session]

    @functools.cached_property  # kept: the planner, the page, the charts and the JSON each ask
    def working_sets(self) -> int:
        return sum(s.working_sets for _, s in self.sessions)

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "start": self.start.isoformat(),
            "phase": self.phase,
            "deload": self.deload,
            "working_sets": self.working_sets,
            "off": self.off,
            "weekly_mileage": (plain_number(self.weekly_mileage)
                               if self.weekly_mileage is not None else None),
            "changed": self.changed,
            "notes": list(self.notes),
            "days": [d.as_json() for d in self.days],
            "check_in": [c.as_json() for c in self.check_ins],
        }


@dataclass(frozen=True)
class Warning:
    code: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Nutrition:
    bodyweight_kg: float
    protein_g: Range
    meals: Range
    protein_per_meal_g: Range
    surplus_kcal: Range
    sleep_hours: Range

    def as_json(self) -> dict[str, Any]:
        return {
            "bodyweight_kg": self.bodyweight_kg,
            "protein_g_per_day": self.protein_g.as_json(),
            "meals_per_day": self.meals.as_json(),
            "protein_g_per_meal": self.protein_per_meal_g.as_json(),
            "surplus_kcal_to_gain_muscle": self.surplus_kcal.as_json(),
            "sleep_hours": self.sleep_hours.as_json(),
        }


@dataclass(frozen=True)
class Plan:
    athlete: Athlete
    weeks: tuple[Week, ...]
    warnings: tuple[Warning, ...]
    notes_html: str
    nutrition: Nutrition | None
    phase_split: str
    generator: str = field(default="")
    log: TrainingLog | None = None  # the training log the plan followed

    @property
    def progression_rule(self) -> str:
        """The double-progression rule the athlete applies on the day (coaching.md §6)."""
        unit = self.athlete.load_unit
        steps = ", ".join(f"{name} {plain_number(LOAD_STEPS[item][unit])} {unit}{hand}"
                          for item, name, hand in (("barbell", "barbell", ""),
                                                   ("dumbbells", "dumbbells", " a hand"),
                                                   ("kettlebell", "kettlebell", "")))
        owned = ", or the next weight you own" if self.athlete.weights else ""
        return ("Loads are targets. When every set reaches the top of the rep range at the "
                f"target RIR in two sessions in a row, add one step next time ({steps}{owned}). "
                "When reps fall short of the range, keep the load.")

    def lifts_read(self) -> list[dict[str, Any]]:
        """How each known lift was read: its total, and how many implements the plan holds."""
        a, unit, out = self.athlete, self.athlete.load_unit, []
        held = {p.id: p.load.implements for w in reversed(self.weeks) for _, s in w.sessions
                for p in s.exercises if p.load}
        for lift_id, total in a.lifts.items():
            two = lift_id in TWO_DUMBBELLS and "dumbbells" in a.equipment
            implements = held.get(lift_id, 2 if two else 1)
            per = f", {implements} × {plain_number(round(total / implements, 2))} {unit}" \
                if implements > 1 else ""
            written = " (written per hand)" if lift_id in a.lifts_per_hand else ""
            out.append({"id": lift_id, "total": {"value": plain_number(total), "unit": unit},
                        "per_hand_written": lift_id in a.lifts_per_hand,
                        "implements": implements,
                        "read_as": f"{plain_number(total)} {unit} total{per}{written}"})
        return out

    def as_json(self) -> dict[str, Any]:
        a = self.athlete
        race = a.race
        bodyweight = None
        if a.bodyweight is not None:
            unit = a.bodyweight.unit or a.load_unit
            value = a.bodyweight.value
            bodyweight = {"value": plain_number(value), "unit": unit}
        mileage = a.weekly_mileage
        return {
            "format": FORMAT,
            "generator": self.generator,
            "athlete": {
                "id": a.id,
                "name": a.name,
                "units": a.units,
                "load_unit": a.load_unit,
                "weekly_mileage": plain_number(mileage),
                "experience": a.experience,
                "equipment": sorted(a.equipment),
                "session_minutes": a.session_minutes,
                "bodyweight": bodyweight,
                "placement": a.placement,
                "focus": list(a.focus),
                "avoid": list(a.avoid),
                "lifts": self.lifts_read(),
                "weights": a.weights.as_json(a.load_unit) if a.weights else None,
            },
            "race": ({"date": race.date.isoformat(), "distance": race.distance, "name": race.name}
                     if race else None),
            "block": {
                "start": self.weeks[0].start.isoformat() if self.weeks else None,
                "weeks": len(self.weeks),
                "phase_split": self.phase_split,
            },
            "weeks": [w.as_json() for w in self.weeks],
            "warnings": [w.as_json() for w in self.warnings],
            "nutrition": self.nutrition.as_json() if self.nutrition else None,
            "notes_html": self.notes_html,
            "progression_rule": self.progression_rule,
        } | ({"log": self.log_json()} if self.log is not None else {})

    def log_json(self) -> dict[str, Any]:
        """The log's check-ins and niggles, and how many sessions it holds (log.md)."""
        assert self.log is not None
        return {"sessions_logged": sum(not s.skipped for s in self.log.sessions),
                "sessions_skipped": sum(s.skipped for s in self.log.sessions),
                "check_ins": [c.as_json() for c in self.log.check_ins],
                "niggles": [n.as_json() for n in self.log.niggles]}

    def to_json(self) -> str:
        """The plan as runlift-plan/1 text: UTF-8, two-space indents (orjson: the same bytes
        as the standard library's encoder, many times faster)."""
        return orjson.dumps(self.as_json(), option=orjson.OPT_INDENT_2).decode() + "\n"
