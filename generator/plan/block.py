"""The block: which weeks, which phase each week is in, and where the deloads fall."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from ..model import Athlete, Warning

# Weeks of taper and peak before the race week, by race distance, and the most build weeks before
# them. Longer races taper longer (a marathon's legs need two easier weeks, a 5k's one); the weeks
# further out are split between build and base, build nearest the race.
TAPER_WEEKS = {"5k": 1, "10k": 1, "half": 1, "marathon": 2, "ultra": 2, "other": 1}
PEAK_WEEKS = {"5k": 1, "10k": 2, "half": 2, "marathon": 3, "ultra": 3, "other": 2}
BUILD_WEEKS_MAX = {"5k": 4, "10k": 5, "half": 6, "marathon": 8, "ultra": 8, "other": 6}
DEFAULT_WEEKS_BEFORE_RACE = 8
DEFAULT_WEEKS = 4
MAX_WEEKS = 52
DELOAD_EVERY = 4  # the 3:1 rhythm; only in blocks of 6 weeks or more


@dataclass(frozen=True)
class BlockWeek:
    number: int
    start: dt.date
    phase: str
    deload: bool


def monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def phase_split_text() -> str:
    parts = []
    for distance in TAPER_WEEKS:
        parts.append(f"{distance}: taper {TAPER_WEEKS[distance]}, peak {PEAK_WEEKS[distance]}, "
                     f"build up to {BUILD_WEEKS_MAX[distance]}")
    return "; ".join(parts)


def countdown_phase(weeks_to_race: int, weeks_before_race: int, distance: str) -> str:
    """The phase of a week `weeks_to_race` weeks before the race week (0 = the race week)."""
    if weeks_to_race < 0:
        return "recovery"
    if weeks_to_race == 0:
        return "race"
    taper, peak = TAPER_WEEKS[distance], PEAK_WEEKS[distance]
    if weeks_to_race <= taper:
        return "taper"
    if weeks_to_race <= taper + peak:
        return "peak"
    early = max(0, weeks_before_race - taper - peak)  # weeks left for build and base
    build = min(math.ceil(early / 2), BUILD_WEEKS_MAX[distance])
    return "build" if weeks_to_race <= taper + peak + build else "base"


def plan_block(athlete: Athlete, today: dt.date) -> tuple[list[BlockWeek], list[Warning]]:
    """The weeks of the block, and warnings on how its dates were chosen."""
    notes: list[Warning] = []
    race = athlete.race
    if race is None:
        start = athlete.start or monday_on_or_after(today)
        count = athlete.weeks or DEFAULT_WEEKS
        weeks = [BlockWeek(i + 1, start + dt.timedelta(weeks=i), athlete.phase or "base", False)
                 for i in range(count)]
        return _with_deloads(weeks), notes

    race_monday = monday_of(race.date)
    if athlete.start:
        start = athlete.start
    else:
        start = max(race_monday - dt.timedelta(weeks=DEFAULT_WEEKS_BEFORE_RACE),
                    monday_on_or_after(today))
    if start > race_monday:
        notes.append(Warning("race-passed", f"The race on {race.date.isoformat()} is before the block "
                     f"starts ({start.isoformat()}); the block is planned as recovery weeks."))
        count = athlete.weeks or DEFAULT_WEEKS
        weeks = [BlockWeek(i + 1, start + dt.timedelta(weeks=i), "recovery", False)
                 for i in range(count)]
        return weeks, notes
    weeks_before_race = (race_monday - start).days // 7
    count = athlete.weeks or min(weeks_before_race + 1, MAX_WEEKS)
    weeks = []
    for i in range(count):
        monday = start + dt.timedelta(weeks=i)
        phase = countdown_phase((race_monday - monday).days // 7, weeks_before_race, race.distance)
        if i == 0 and athlete.phase and athlete.phase != phase:
            if phase == "race":  # the week that holds the race is the race week, whatever it says
                notes.append(Warning("phase-overridden", f"phase says {athlete.phase}, but the first week "
                             f"holds the race on {race.date.isoformat()}, so it is planned as "
                             "the race week."))
            else:
                phase = athlete.phase
        weeks.append(BlockWeek(i + 1, monday, phase, False))
    if count < weeks_before_race + 1:
        notes.append(Warning("block-ends-before-race", f"The block has {count} weeks and ends before the "
                     f"race week of {race_monday.isoformat()}; weeks: "
                     f"{weeks_before_race + 1} would reach the race."))
    return _with_deloads(weeks), notes


def _with_deloads(weeks: list[BlockWeek]) -> list[BlockWeek]:
    if len(weeks) < 6:
        return weeks
    out = []
    for week in weeks:
        deload = week.number % DELOAD_EVERY == 0 and week.phase in ("base", "build")
        out.append(BlockWeek(week.number, week.start, week.phase, deload))
    return out
