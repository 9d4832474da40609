"""Several log files of one athlete read together (log.md): what they hold is joined, the same
entry written twice is kept once, and the same exercise, test or niggle written two ways on the
same day is a mistake naming both files and lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..model import CheckInResult, DoneExercise, LoggedSession, Niggle, TrainingLog

_READ_TOGETHER = "the log's files are read together: keep one of them, or make them the same"


@dataclass
class Day:
    """One date's session as one file writes it."""

    date: dt.date
    where: str  # "file:line" of the date
    exercises: dict[str, DoneExercise] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # each exercise's sets as written
    skipped: bool = False
    note: str | None = None
    notes: list[str] = field(default_factory=list)  # merged: every file's note, once each


@dataclass
class FileLog:
    """What one file holds, each entry with the "file:line" it was written at."""

    path: str
    days: list[Day] = field(default_factory=list)
    # each with where it was written ("file:line") and its field as written
    check_ins: list[tuple[CheckInResult, str, str]] = field(default_factory=list)
    niggles: list[tuple[Niggle, str, str]] = field(default_factory=list)


def merge(athlete_id: str, files: list[FileLog]) -> tuple[TrainingLog, list[Problem]]:
    """One TrainingLog from the files (in the order read), and every clash between them."""
    clashes: list[Problem] = []
    days: dict[dt.date, Day] = {}
    for file in files:
        for day in file.days:
            if day.date in days:
                clashes += _join_day(days[day.date], day)
            else:
                days[day.date] = Day(day.date, day.where, dict(day.exercises), dict(day.written),
                                     day.skipped, notes=[day.note] if day.note else [])
    check_ins = _join([c for f in files for c in f.check_ins],
                      lambda c: (c.date, c.id), _check_in_text, clashes)
    niggles = _join([n for f in files for n in f.niggles],
                    lambda n: (n.date, n.where, n.side), lambda n: f"pain {n.pain}", clashes)
    sessions = tuple(LoggedSession(d.date, tuple(d.exercises.values()), d.skipped,
                                   "\n".join(d.notes) or None)
                     for d in sorted(days.values(), key=lambda d: d.date))
    log = TrainingLog(athlete_id, sessions,
                      tuple(sorted(check_ins, key=lambda c: c.date)),
                      tuple(sorted(niggles, key=lambda n: n.date)),
                      tuple(f.path for f in files))
    return log, clashes


def _join_day(kept: Day, day: Day) -> list[Problem]:
    """`day` (from a later file) into `kept`; the clashes, located in the later file."""
    clashes = []
    date = day.date.isoformat()
    for exercise_id, done in day.exercises.items():
        first = kept.exercises.get(exercise_id)
        if first is None:
            kept.exercises[exercise_id] = done
            kept.written[exercise_id] = day.written[exercise_id]
        elif first.sets != done.sets:
            clashes.append(_clash(done.source, f"sessions.{date}.{exercise_id}", (
                f"got {day.written[exercise_id]}, but {first.source} has "
                f"{kept.written[exercise_id]} for {exercise_id} on the same day; {_READ_TOGETHER}")))
    if day.skipped != kept.skipped and (day.exercises or kept.exercises):
        done_in = kept.where if day.skipped else day.where
        skipped_in = day.where if day.skipped else kept.where
        clashes.append(_clash(skipped_in, f"sessions.{date}.skipped", (
            f"got true, but {done_in} logs sets for the same day; a skipped session has no sets: "
            f"{_READ_TOGETHER}")))
    kept.skipped = kept.skipped or day.skipped
    if day.note and day.note not in kept.notes:
        kept.notes.append(day.note)
    return clashes


def _same_file(where: str, other: str) -> str | None:
    """A clash within one file ('file:line' both): one entry for it is enough."""
    if where.rpartition(":")[0] != other.rpartition(":")[0]:
        return None
    return "one entry a day for each test or area: keep one of them"


def _join(entries: list[tuple[Any, str, str]], key: Callable[[Any], tuple[Any, ...]],
          text: Callable[[Any], str], clashes: list[Problem]) -> list[Any]:
    """Entries by key: the first kept, a copy dropped, a different one a clash."""
    kept: dict[tuple[Any, ...], tuple[Any, str]] = {}
    for entry, where, name in entries:
        first = kept.get(key(entry))
        if first is None:
            kept[key(entry)] = (entry, where)
        elif first[0] != entry:
            clashes.append(_clash(where, name, (
                f"got {text(entry)}, but {first[1]} has {text(first[0])} for the same day; "
                f"{_same_file(where, first[1]) or _READ_TOGETHER}")))
    return [entry for entry, _ in kept.values()]


def _check_in_text(result: CheckInResult) -> str:
    unit = " s" if result.unit == "s" else ""
    sides = [f"{side} {value:g}{unit}" for side, value in
             (("left", result.left), ("right", result.right)) if value is not None]
    return ", ".join(sides)


def _clash(where: str, name: str, message: str) -> Problem:
    path, _, line = where.rpartition(":")
    return Problem(path, int(line), name, message)
