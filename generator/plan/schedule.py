"""Which days get a strength session: the placement rules of coaching.md §3.

For each week every choice of days (at most three of seven) is tried, each session either as wanted
or lightened (no loaded lower-body main lift); choices that break a MUST are thrown out and the rest
scored by the SHOULDs. The search is tiny, so it is exhaustive and therefore deterministic.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from ..model import Athlete
from ..vocabulary import DAY_NAMES, DAYS, EASY_RUNS, HARD_RUNS, KEY_RUNS
from .block import monday_of


@dataclass(frozen=True)
class Slot:
    """A session placed on a day: `kind` is heavy (lower-body loaded), light (the third, easier
    session of a base week), lightened (a heavy one that had to lose its loaded lower-body lifts),
    primer (the race week's short activation session, 4+ days before the race) or recovery (the
    race week's short session after the race: mobility, light core, upper body)."""

    day: int  # 0 = Monday
    kind: str


@dataclass(frozen=True)
class WeekSchedule:
    slots: tuple[Slot, ...]
    unusable: Mapping[int, str]  # day -> why no (heavy) session could go there
    closed: Mapping[int, str]  # day -> why no session at all could go there
    lightened: tuple[int, ...]  # days where a heavy session was wanted but a light one placed


_EIGHT_DAYS = tuple(dt.timedelta(days=i) for i in range(8))


class RunCalendar:
    """The run of any date: the weekly pattern as `changes` alters it for some weeks, except the
    goal race on its date."""

    def __init__(self, athlete: Athlete):
        self.week = athlete.week
        self.changes = {monday: change.days for monday, change in athlete.changes.items()}
        self.race_date = athlete.race.date if athlete.race else None
        self._runs: dict[dt.date, str] = {}  # the planner asks about each date many times
        self._weeks: dict[dt.date, tuple[str, ...]] = {}

    @classmethod
    def of_runs(cls, monday: dt.date, runs: tuple[str, ...],
                race_date: dt.date | None) -> RunCalendar:
        """A calendar that knows only the runs of `monday` and the days after it."""
        calendar = cls.__new__(cls)
        calendar.week, calendar.changes, calendar.race_date = {}, {}, race_date
        calendar._runs = {monday + dt.timedelta(days=i): run for i, run in enumerate(runs)}
        calendar._weeks = {}
        return calendar

    def run(self, date: dt.date) -> str:
        known = self._runs.get(date)
        if known is None:
            known = self._runs[date] = self._run(date)
        return known

    def runs_from(self, monday: dt.date) -> tuple[str, ...]:
        """The runs of `monday`, the six days after it and the next Monday."""
        known = self._weeks.get(monday)
        if known is None:
            known = self._weeks[monday] = tuple(self.run(monday + day) for day in _EIGHT_DAYS)
        return known

    def _run(self, date: dt.date) -> str:
        if self.race_date == date:
            return "race"
        day = DAYS[date.weekday()]
        changed = self.changes.get(monday_of(date))
        if changed and day in changed:
            return changed[day]
        return self.week[day]

    def next_key_run(self, date: dt.date) -> tuple[dt.date, str] | None:
        for offset in range(1, 8):
            later = date + dt.timedelta(days=offset)
            if self.run(later) in KEY_RUNS:
                return later, self.run(later)
        return None


def why_not(date: dt.date, calendar: RunCalendar, loaded: bool) -> str | None:
    """The MUST that keeps a session (a loaded one when `loaded`) off `date`, or None."""
    run = calendar.run(date)
    name = DAY_NAMES[DAYS[date.weekday()]]
    race = calendar.race_date
    if run == "long":
        return f"{name} is a long-run day"
    if run == "race":
        return f"{name} is a race day"
    if race is not None:
        days_to_race = (race - date).days
        if 1 <= days_to_race <= 3 and (loaded or monday_of(date) == monday_of(race)):
            # no loaded session in the 3 days before the race; in race week, none at all
            return f"{name} is {days_to_race} day{'s' if days_to_race > 1 else ''} before the race"
        if -2 <= days_to_race <= -1 and (loaded or monday_of(date) == monday_of(race)):
            # no loaded session on the 2 days after the race; in race week, none at all
            return f"{name} is {-days_to_race} day{'s' if days_to_race < -1 else ''} after the race"
    if loaded:
        tomorrow = date + dt.timedelta(days=1)
        if calendar.run(tomorrow) in KEY_RUNS:
            return (f"{name} is the day before {DAY_NAMES[DAYS[tomorrow.weekday()]]}'s "
                    f"{calendar.run(tomorrow)} run")
    return None


def _day_score(date: dt.date, kind: str, placement: str, strength_days: tuple[str, ...] | None,
               calendar: RunCalendar, previous_days: frozenset[int]) -> float:
    run = calendar.run(date)
    weekday = date.weekday()
    score = 0.0
    if kind == "heavy" and placement == "hard_days":
        score += {True: 3.0}.get(run in HARD_RUNS, 1.0 if run in EASY_RUNS else 0.5)
    elif run in EASY_RUNS or run == "cross":
        score += 3.0
    elif run == "rest":
        score += 2.0
    else:  # after a hard run: allowed, but easy days are preferred
        score += 0.5
    if calendar.run(date + dt.timedelta(days=1)) in KEY_RUNS:
        score -= 2.0  # even unloaded work is better kept off the eve of a key run
    if calendar.race_date and 1 <= (date - calendar.race_date).days <= 2:
        score -= 3.0  # legs want a couple of days after a race
    if strength_days and DAYS[weekday] in strength_days:
        score += 4.0
    if weekday in previous_days:
        score += 1.0  # the same days every week make a habit
    return score


def schedule_week(monday: dt.date, wanted: list[str], athlete: Athlete, calendar: RunCalendar,
                  blocked: frozenset[int], previous_days: frozenset[int]) -> WeekSchedule:
    """Place the `wanted` session kinds (heavy/light/primer/recovery) in the week starting
    `monday`.

    `blocked` are days taken by the neighbouring week (a Sunday session blocks Monday).

    The week's schedule depends on its days' runs, where the race falls near it, the athlete's
    placement and strength_days, and the arguments; weeks alike (most of a block, and many
    athletes) are placed once (`_schedule`).
    """
    runs = calendar.runs_from(monday)
    race = calendar.race_date
    race_day = None if race is None else max(-RACE_REACH, min(RACE_REACH, (race - monday).days))
    return _schedule(_Runs(monday.weekday(), runs, race_day), athlete.placement,
                     athlete.strength_days, tuple(wanted), blocked, previous_days)


# A race this many days or more from a week's Monday, either way, places the week's sessions
# as any farther race does: no day of it is within 3 days of the race (`why_not`, `_day_score`),
# and each day is on the same side of it (`_race_side_ok`).
RACE_REACH = 10
_FRAME = dt.date(2001, 1, 1)  # a Monday: `_schedule` places each week as if it began here


class _Runs(NamedTuple):
    """A week as its placement sees it: the weekday it starts on (0: Monday), the runs of its
    days and the day after, and the race's day counted from its first (None: no race), at most
    RACE_REACH either way."""

    weekday: int
    runs: tuple[str, ...]
    race_day: int | None


@functools.lru_cache(maxsize=256)
def _schedule(week_runs: _Runs, placement: str, strength_days: tuple[str, ...] | None,
              wanted: tuple[str, ...], blocked: frozenset[int],
              previous_days: frozenset[int]) -> WeekSchedule:
    """`schedule_week` for `week_runs`, moved whole weeks back to `_FRAME`: its weekdays, runs and
    days to the race are as they were."""
    monday = _FRAME + dt.timedelta(days=week_runs.weekday)
    race = None if week_runs.race_day is None else monday + dt.timedelta(
        days=week_runs.race_day)
    calendar = RunCalendar.of_runs(monday, week_runs.runs, race)
    dates = [monday + dt.timedelta(days=i) for i in range(7)]
    unusable, closed = _closed_days(dates, calendar, blocked)
    rest_days = {i for i, d in enumerate(dates) if calendar.run(d) == "rest"}
    week = _Week(dates, placement, strength_days, calendar, previous_days, unusable, closed)
    cells = {(day, kind): week.cell(day, kind) for day in range(7) for kind in set(wanted)}

    best: tuple[float, tuple[int, ...], list[tuple[str, float]]] | None = None
    for count in range(len(wanted), 0, -1):
        orders = _orders(wanted[:count])
        for days, spread in _spaced_days(count):
            if rest_days and rest_days <= set(days):
                continue  # a run rest day stays free of strength
            for order in orders:
                placed = _placed(cells, days, order)
                if placed is None:
                    continue
                score = _score(placed, spread, days[0])
                if best is None or score > best[0]:
                    best = (score, days, placed)
        if best is not None:
            break
    slots = tuple(Slot(day, kind) for day, (kind, _) in zip(best[1], best[2], strict=True)) \
        if best else ()
    lightened = tuple(s.day for s in slots if s.kind == "lightened")
    # kept and shared (`_schedule`): read-only
    return WeekSchedule(slots, MappingProxyType(unusable), MappingProxyType(closed), lightened)


@functools.cache
def _orders(kinds: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every order of `kinds`, each once, sorted (a set's order varies with string hashing)."""
    return sorted(set(itertools.permutations(kinds)))


@functools.cache
def _spaced_days(count: int) -> tuple[tuple[tuple[int, ...], float], ...]:
    """Every choice of `count` days of the week, never two in a row, with the score for how
    well they spread out (Monday/Thursday beats Monday/Wednesday)."""
    found = []
    for days in itertools.combinations(range(7), count):
        if any(b - a == 1 for a, b in itertools.pairwise(days)):
            continue  # never on consecutive days
        gaps = [b - a for a, b in itertools.pairwise(days)] + [days[0] + 7 - days[-1]]
        found.append((days, 0.5 * min(gaps) if count > 1 else 0.0))
    return tuple(found)


@dataclass(frozen=True)
class _Week:
    """The week being searched, to score a session on each of its days."""

    dates: list[dt.date]
    placement: str
    strength_days: tuple[str, ...] | None
    calendar: RunCalendar
    previous_days: frozenset[int]
    unusable: dict[int, str]
    closed: dict[int, str]

    def cell(self, day: int, kind: str) -> tuple[str, float] | None:
        """A session of `kind` on `day`: the kind it is placed as (a heavy one lightened where
        no loaded session may go) and the day's score; None where it cannot go."""
        if day in self.closed:
            return None
        if kind == "heavy" and day in self.unusable:
            kind = "lightened"
        if not _race_side_ok(Slot(day, kind), self.dates[day], self.calendar):
            return None
        return kind, _day_score(self.dates[day], kind, self.placement, self.strength_days,
                                self.calendar, self.previous_days)


def _placed(cells: dict[tuple[int, str], tuple[str, float] | None], days: tuple[int, ...],
            order: tuple[str, ...]) -> list[tuple[str, float]] | None:
    """The kinds in `order` on `days`, as placed and scored; None when one cannot go there."""
    placed = []
    for day, kind in zip(days, order, strict=True):
        cell = cells[day, kind]
        if cell is None:
            return None
        placed.append(cell)
    return placed


def _score(placed: list[tuple[str, float]], spread: float, first_day: int) -> float:
    score = 0.0
    for kind, day_score in placed:
        score += day_score
        if kind == "heavy":
            score += 10.0
    if spread:  # sessions spread out (none for one session)
        score += spread
    # tie-break: the A session (the first heavy one) early in the week
    score -= 0.01 * first_day
    return score


def _race_side_ok(slot: Slot, date: dt.date, calendar: RunCalendar) -> bool:
    """A primer goes before the race, a recovery session after it (coaching.md §3)."""
    race = calendar.race_date
    if race is None:
        return slot.kind != "recovery"
    if slot.kind == "primer":
        return date < race
    if slot.kind == "recovery":
        return date > race
    return True


def _closed_days(dates: list[dt.date], calendar: RunCalendar,
                 blocked: frozenset[int]) -> tuple[dict[int, str], dict[int, str]]:
    """Why each day can take no heavy session (`unusable`), and why no session at all (`closed`)."""
    unusable: dict[int, str] = {}
    closed: dict[int, str] = {}
    for i, date in enumerate(dates):
        any_reason = why_not(date, calendar, loaded=False)
        heavy_reason = any_reason or why_not(date, calendar, loaded=True)
        if i in blocked:
            follows = (f"{DAY_NAMES[DAYS[i]]} follows the previous week's Sunday session" if i == 0
                       else f"{DAY_NAMES[DAYS[i]]} stays free so that next Monday can take the "
                       "next week's only possible session")
            any_reason = any_reason or follows
            heavy_reason = heavy_reason or follows
        if heavy_reason:
            unusable[i] = heavy_reason
        if any_reason:
            closed[i] = any_reason
    return unusable, closed
