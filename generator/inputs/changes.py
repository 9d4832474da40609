"""The coach's say over a block: `changes` (weeks whose running differs, weeks off) and `avoid`
(exercises and patterns kept out), checked beyond their types and resolved for the planner."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Protocol

from ..errors import Problem
from ..model import Library, WeekChange
from ..vocabulary import DAYS, PATTERNS
from .fields import parse_date
from .suggest import nearest, shown
from .yamlsource import Loc

DEFAULT_WEEKS = 4  # as plan/block.py: a block without a race and without `weeks`
MAX_WEEKS = 52


class Locator(Protocol):
    def problem(self, loc: Loc, message: str) -> Problem: ...


def block_mondays(race_date: dt.date | None, start: dt.date, weeks: Any) -> list[dt.date]:
    """The Mondays of a block that has a `start` (profile.md: The block)."""
    count = weeks if isinstance(weeks, int) and not isinstance(weeks, bool) and \
        1 <= weeks <= MAX_WEEKS else None
    if count is None:
        count = DEFAULT_WEEKS
        if race_date is not None:
            race_monday = race_date - dt.timedelta(days=race_date.weekday())
            if start <= race_monday:
                count = min((race_monday - start).days // 7 + 1, MAX_WEEKS)
    return [start + dt.timedelta(weeks=i) for i in range(count)]


def change_checks(data: dict, race_date: dt.date | None, start: dt.date | None,
                  located: Locator) -> list[Problem]:
    """Each key of `changes` is a Monday inside the block, and each change says something."""
    changes = data.get("changes")
    if not isinstance(changes, dict):
        return []
    problems: list[Problem] = []
    mondays = block_mondays(race_date, start, data.get("weeks")) \
        if start is not None and start.weekday() == 0 else None
    for key, value in changes.items():
        try:
            day = parse_date(key)
        except ValueError:
            continue  # reported by the schema
        if day.weekday() != 0:
            before = day - dt.timedelta(days=day.weekday())
            problems.append(located.problem(("changes", key), (
                f"got {day.isoformat()}, a {day:%A}; a change is keyed by its week's Monday: "
                f"use {before.isoformat()} or {(before + dt.timedelta(weeks=1)).isoformat()}")))
        elif mondays and day not in mondays:
            closest = min(mondays, key=lambda m: abs((m - day).days))
            problems.append(located.problem(("changes", key), (
                f"got {day.isoformat()}, outside the block (Mondays {mondays[0].isoformat()} "
                f"to {mondays[-1].isoformat()}); the nearest Monday in the block is "
                f"{closest.isoformat()}")))
        if isinstance(value, dict) and not value:
            problems.append(located.problem(("changes", key), (
                "is empty; write the days that differ, weekly_mileage or off: true")))
    return problems


def avoid_checks(avoid: Any, library: Library, located: Locator) -> list[Problem]:
    """Every `avoid` entry is an exercise id or a pattern, listed once."""
    if not isinstance(avoid, list):
        return []
    problems: list[Problem] = []
    known = [*PATTERNS, *library.ids()]
    if len(avoid) > len(known):  # more than there is to avoid: one message, not thousands
        return [located.problem(("avoid",), (
            f"got {len(avoid)} entries; allowed at most {len(known)}, each exercise id (see "
            f"runlift exercises) or pattern once"))]
    for i, item in enumerate(avoid):
        if not isinstance(item, str) or item in known:
            continue
        near = nearest(item, known, n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        problems.append(located.problem(("avoid", i), (
            f"got {shown(item)}; allowed an exercise id (see runlift exercises) or a pattern: "
            f"{', '.join(PATTERNS)}{hint}")))
    if set(PATTERNS) <= set(map(str, avoid)):
        problems.append(located.problem(("avoid",), (
            "lists every pattern, which leaves no exercise to plan; allowed the patterns or "
            "exercises this athlete must not do, e.g. avoid: [plyometric, back-squat]")))
    twice = sorted(item for item, n in Counter(str(item) for item in avoid).items() if n > 1)
    if twice:
        problems.append(located.problem(("avoid",), (
            f"got {shown(avoid)}; {twice[0]} is listed twice")))
    return problems


def resolve_changes(changes: dict[dt.date, Any] | None) -> dict[dt.date, WeekChange]:
    """The validated `changes`, as the planner reads them (days in week order)."""
    out: dict[dt.date, WeekChange] = {}
    for monday, change in sorted((changes or {}).items()):
        days = {day: getattr(change, day) for day in DAYS if getattr(change, day) is not None}
        out[monday] = WeekChange(days, change.weekly_mileage, change.off)
    return out
