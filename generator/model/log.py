"""What an athlete actually did (log.md): sets done, sessions skipped, check-in results, niggles.

Read from `logs/<id>.yaml` (and `logs/<id>.*.yaml`) by inputs/, handed to the planner beside the
profile. Loads keep the unit they were written in; the planner converts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .plan import Load


@dataclass(frozen=True)
class DoneSet:
    """One set as written: `[LOAD] x REPS [@ RIR]`, REPS being reps or seconds."""

    load: Load | None  # None: bodyweight
    reps: int | None
    seconds: int | None
    rir: int | None

    def as_json(self) -> dict[str, Any]:
        return {"load": self.load.as_json() if self.load else None, "reps": self.reps,
                "seconds": self.seconds, "rir": self.rir}

    def __str__(self) -> str:
        amount = f"{self.reps}" if self.reps is not None else f"{self.seconds} s"
        load = f"{self.load} × " if self.load else "× "
        rir = f" @ {self.rir}" if self.rir is not None else ""
        return f"{load}{amount}{rir}"


@dataclass(frozen=True)
class DoneExercise:
    id: str
    sets: tuple[DoneSet, ...]
    source: str = ""  # "file:line", for messages

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "done": [s.as_json() for s in self.sets]}


@dataclass(frozen=True)
class LoggedSession:
    """One date's entry: the exercises done, or `skipped` when the planned session was not."""

    date: dt.date
    exercises: tuple[DoneExercise, ...] = ()  # in the order written
    skipped: bool = False
    note: str | None = None

    def sets_of(self, exercise_id: str) -> tuple[DoneSet, ...] | None:
        for done in self.exercises:
            if done.id == exercise_id:
                return done.sets
        return None


@dataclass(frozen=True)
class CheckInResult:
    """One check-in test on one date: a number a side (reps, or seconds when `unit` is 's')."""

    date: dt.date
    id: str  # the plan's check-in id (single-leg-squat, calf-raise-test, side-plank-test)
    left: float | None
    right: float | None
    unit: str  # "reps" | "s"

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "id": self.id, "left": self.left,
                "right": self.right, "unit": self.unit}


@dataclass(frozen=True)
class Niggle:
    date: dt.date
    where: str  # a focus area (vocabulary.FOCUS)
    side: str  # left | right | both
    pain: int  # 0–10

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "where": self.where, "side": self.side,
                "pain": self.pain}


@dataclass(frozen=True)
class TrainingLog:
    """Every log file of one athlete, read together; each tuple sorted by date."""

    athlete_id: str
    sessions: tuple[LoggedSession, ...] = ()
    check_ins: tuple[CheckInResult, ...] = ()
    niggles: tuple[Niggle, ...] = ()
    files: tuple[str, ...] = ()  # the files read, by name

    def on(self, date: dt.date) -> LoggedSession | None:
        for session in self.sessions:
            if session.date == date:
                return session
        return None

    @property
    def empty(self) -> bool:
        return not (self.sessions or self.check_ins or self.niggles)
