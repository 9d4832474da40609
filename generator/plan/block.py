"""The block: which weeks, which phase each week is in, and where the deloads fall."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a no-op rebuild needs start_for only, not the model
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
    off: bool = False  # marked off in `changes`: no strength this week
    notes: tuple[str, ...] = ()  # what the block chose for this week, and why


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


ORDER = ("base", "build", "peak", "taper", "race", "recovery")


def _rank(phase: str) -> int:
    return ORDER.index(phase)


def plan_block(athlete: Athlete, today: dt.date) -> tuple[list[BlockWeek], list[Warning]]:
    """The weeks of the block, and warnings on how its dates were chosen."""
    from ..model import Warning

    notes: list[Warning] = []
    race = athlete.race
    if race is None:
        start = athlete.start or monday_on_or_after(today)
        count = athlete.weeks or DEFAULT_WEEKS
        weeks = [BlockWeek(i + 1, start + dt.timedelta(weeks=i), athlete.phase or "base", False)
                 for i in range(count)]
        return _with_deloads(weeks, athlete), notes

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
        return _with_deloads(weeks, athlete), notes
    weeks_before_race = (race_monday - start).days // 7
    count = athlete.weeks or min(weeks_before_race + 1, MAX_WEEKS)
    weeks = []
    # a block given `phase: build` goes on in build, not back to base (at most build: a
    # block given peak or taper 10 weeks out still builds before its own peak)
    floor = "build" if athlete.phase in ("build", "peak", "taper") else "base"
    for i in range(count):
        monday = start + dt.timedelta(weeks=i)
        phase = countdown_phase((race_monday - monday).days // 7, weeks_before_race, race.distance)
        if i == 0 and athlete.phase and athlete.phase != phase:
            if phase == "race":  # the week that holds the race is the race week, whatever it says
                notes.append(Warning("phase-overridden", f"phase says {athlete.phase}, but the first week "
                             f"holds the race on {race.date.isoformat()}, so it is planned as "
                             "the race week."))
            elif athlete.phase == "race":  # a race week is the week of the race, and no other
                notes.append(Warning("phase-overridden", "phase says race, but the first week "
                             f"({monday.isoformat()}) does not hold the race on "
                             f"{race.date.isoformat()}, so it is planned as {phase}."))
            else:
                phase = athlete.phase
        elif i and _rank(phase) < _rank(floor):
            phase = floor  # a block does not step back from the phase it was given
        weeks.append(BlockWeek(i + 1, monday, phase, False))
    if count < weeks_before_race + 1:
        reach = (f"weeks: {weeks_before_race + 1} would reach the race"
                 if weeks_before_race + 1 <= MAX_WEEKS else
                 f"a block is at most {MAX_WEEKS} weeks: a start on a later Monday would reach it")
        notes.append(Warning("block-ends-before-race", f"The block has {count} weeks and ends before the "
                     f"race week of {race_monday.isoformat()}; {reach}."))
    return _with_deloads(weeks, athlete), notes


DELOAD_NOTE = "Deload: about 40 % fewer sets, the same exercises and loads, so that the body " \
    "absorbs the weeks before."
SKIPPED_NOTE = "No deload this week: {phase} follows within two weeks and unloads already, " \
    "and a deload now would leave too few full weeks."
OFF_NOTE = "Off week (changes): no strength this week."


def _with_deloads(weeks: list[BlockWeek], athlete: Athlete) -> list[BlockWeek]:
    """Off weeks from `changes`, and a deload after every three loading weeks of base and build
    (blocks of 6+ weeks), but none in the two weeks before peak or taper (coaching.md §6).

    An off week unloads too: the count starts again after it. A deload that cannot go where it
    is due is skipped, not moved earlier.
    """
    off = {monday for monday, change in athlete.changes.items() if change.off}
    out: list[BlockWeek] = []
    loading = 0
    for i, week in enumerate(weeks):
        if week.start in off:
            loading = 0
            out.append(replace(week, off=True, deload=False, notes=(OFF_NOTE,)))
            continue
        if len(weeks) < 6 or week.phase not in ("base", "build"):
            out.append(week)
            continue
        unloading = [w.phase for w in weeks[i + 1:i + 3] if w.phase in ("peak", "taper")]
        if loading >= DELOAD_EVERY - 1 and not unloading:
            loading = 0
            out.append(replace(week, deload=True, notes=(DELOAD_NOTE,)))
            continue
        note = (SKIPPED_NOTE.format(phase=unloading[0]),) \
            if loading >= DELOAD_EVERY - 1 and unloading else ()
        loading += 1
        out.append(replace(week, notes=note))
    return out


def start_rule(athlete: Athlete) -> tuple[str, str | None]:
    """How the block's first Monday depends on the day it is planned, in a form a later build
    can keep and apply without reading the profile again: fixed by `start`, the Monday on or
    after today, or that but no earlier than the default start before the race."""
    if athlete.start:
        return "fixed", athlete.start.isoformat()
    if athlete.race:
        earliest = monday_of(athlete.race.date) - dt.timedelta(weeks=DEFAULT_WEEKS_BEFORE_RACE)
        return "race", earliest.isoformat()
    return "open", None


def start_for(rule: tuple[str, str | None], today: dt.date) -> str:
    """The block's first Monday under `rule` when planned on `today` (see `start_rule`)."""
    kind, value = rule
    if kind == "fixed" and value:
        return value
    monday = monday_on_or_after(today)
    if kind == "race" and value:
        return max(dt.date.fromisoformat(value), monday).isoformat()
    return monday.isoformat()
