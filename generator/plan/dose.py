"""Dosing (coaching.md §5, §6): the week's sets, reps, effort, rest, tempo and load of each chosen
exercise, the minutes a session takes, and the working sets a session aims at."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from ..model import Athlete, Exercise, Load, Prescription, Range
from .ladder import bodyweight, effort, harder, stage
from .loads import STEPS, LoadWeek, kit_for, plan_pick

if TYPE_CHECKING:
    from .choose import Choice

HIGH_MILEAGE_KM = 80  # over 50 mi / 80 km a week keeps session volume at the low end
LOAD_STEPS = STEPS  # the smallest jump each implement allows, in kg and lb


@dataclass(frozen=True)
class WeekContext:
    """What the prescription of one week depends on."""

    phase: str
    deload: bool
    experience: str
    high_mileage: bool
    taper_week: int  # 1 for the first taper week, 2 for the next…; 0 outside taper
    loading_weeks: int  # base/build weeks without deload before this one
    taper_length: int = 1  # how many taper weeks the block has


class DoseWeek(NamedTuple):
    """What an exercise's dose depends on in a week, before its load (`WeekContext`, and the
    athlete's focus, as far as dosing reads them)."""

    phase: str
    experience: str
    first_of_two: bool  # the first week of a taper of two weeks or more
    stage: int  # how many steps harder bodyweight work is (`ladder.stage`)
    calf_focus: bool  # an achilles or calf focus: more calf-raise sets in base and build

    @classmethod
    def of(cls, ctx: WeekContext, athlete: Athlete) -> DoseWeek:
        # a deload keeps the stage of the loading week before it: same exercises, same time
        done = ctx.loading_weeks - (1 if ctx.deload and ctx.loading_weeks else 0)
        return cls(ctx.phase, ctx.experience, ctx.taper_week == 1 and ctx.taper_length > 1,
                   stage(ctx.phase, done), athlete.has_focus("achilles", "calf"))


def main_scheme(week: DoseWeek) -> tuple[int, Range, Range, int]:
    """Sets, reps, reps in reserve and rest (s) of a main lift (coaching.md §5)."""
    novice, advanced = week.experience == "novice", week.experience == "advanced"
    match week.phase:
        case "base":
            reps = Range(8, 12) if novice else Range(6, 8) if advanced else Range(8, 10)
            return 3, reps, Range(2, 3), 120
        case "build":
            reps = Range(4, 6) if advanced else Range(6, 8)
            return (4 if advanced else 3), reps, Range(2, 3) if novice else Range(1, 2), 150
        case "peak":
            return 2, Range(4, 6), Range(2, 3), 150
        case "taper":
            # a long taper steps down: 2 sets, then 1; a one-week taper goes straight to 1
            return (2 if week.first_of_two else 1), Range(4, 6), Range(3, 3), 120
        case _:  # recovery, and anything lighter
            return 2, Range(8, 12), Range(3, 3), 90


def accessory_scheme(week: DoseWeek) -> tuple[int, Range, Range, int]:
    match week.phase:
        case "base" | "build":
            return 2, Range(8, 12), Range(2, 3), 75
        case "peak":
            return 2, Range(8, 10), Range(2, 3), 75
        case "taper":
            return 1, Range(8, 10), Range(3, 3), 75
        case "race":
            return 1, Range(8, 10), Range(3, 4), 60
        case _:
            return 2, Range(10, 12), Range(3, 3), 60


def hold_seconds(exercise: Exercise, week: DoseWeek) -> int:
    if exercise.pattern == "carry":
        return 40 if week.phase == "build" else 30
    if week.experience == "novice" or week.phase in ("race", "recovery", "taper"):
        return 20
    return 30 if week.phase == "base" else 35


@dataclass(frozen=True)
class _Dose:
    """An exercise's dose before its load: sets, reps or seconds, effort, rest and tempo."""

    sets: int
    reps: Range | None
    rir: Range | None
    rest: int
    tempo: str | None
    seconds: int | None = None


def prescribe(choices: list[Choice], ctx: WeekContext, athlete: Athlete,
              loads: dict[str, float]) -> list[Prescription]:
    """Sets, reps, effort, rest, tempo and load of each chosen exercise in a loading week.

    `loads` holds each exercise's last prescribed load: in base and build a load never goes
    down, and peak and taper hold the late-build load while sets drop. Deloads are applied
    afterwards by `deload`, to the session as fitted in a normal week.
    """
    week = DoseWeek.of(ctx, athlete)
    out = []
    for choice in choices:
        dose, final, loadable, plain = _dosed(choice, week)
        if not loadable or choice.exercise.id not in athlete.lifts:
            out.append(plain)
            continue
        load, reps, note = _load(choice, dose, ctx, athlete, loads)
        out.append(_prescription(choice, final, load, reps, note))
    return out


@functools.lru_cache(maxsize=1024)
def _dosed(choice: Choice, week: DoseWeek) -> tuple[_Dose, _Dose, bool, Prescription]:
    """The exercise's dose this week, before its load and as prescribed (bodyweight work made
    harder, core work without a RIR); whether a known lift would give it a load (`_load`); and
    its prescription without one. Pure, and the same for many weeks and athletes: kept."""
    ex, role = choice.exercise, choice.role
    dose = final = _dose(ex, role, week)
    if role in ("main", "accessory", "core") and bodyweight(choice.option):
        final = _harder(dose, ex.id, role, week.stage)
    elif role == "core":  # core work is done with control, not to a rep short of failure
        final = replace(dose, rir=None)
    loadable = (dose.reps is not None and dose.rir is not None
                and role in ("main", "accessory") and any(i in STEPS for i in choice.option))
    return dose, final, loadable, _prescription(choice, final, None, dose.reps, None)


def unloaded(choice: Choice, week: DoseWeek) -> Prescription:
    """The chosen exercise's prescription this week, as when no known lift gives it a load."""
    return _dosed(choice, week)[3]


def _prescription(choice: Choice, dose: _Dose, load: Load | None, reps: Range | None,
                  note: str | None) -> Prescription:
    ex = choice.exercise
    return Prescription(
        id=ex.id, name=ex.name, pattern=ex.pattern, role=choice.role, equipment=choice.option,
        sets=dose.sets, reps=reps, seconds=dose.seconds, per_side=ex.unilateral,
        rir=dose.rir, rest_seconds=dose.rest, tempo=dose.tempo, load=load,
        per_hand=load is not None and load.implements == 2, note=note)


def _harder(dose: _Dose, exercise_id: str, role: str, steps: int) -> _Dose:
    """Bodyweight work: harder by tempo or hold as the block goes on, and no RIR no one can
    reach (`ladder.py`)."""
    tempo, seconds, _ = harder(dose.tempo, dose.seconds, steps)
    return replace(dose, tempo=tempo, seconds=seconds, rir=effort(exercise_id, role, dose.rir))


def _dose(ex: Exercise, role: str, week: DoseWeek) -> _Dose:
    if role in ("warmup", "cooldown"):  # two rounds; one in the short form (timing.py)
        if ex.dose == "seconds":
            return _Dose(2, None, None, 0, None, seconds=45 if not ex.unilateral else 30)
        return _Dose(2, Range(8, 10) if role == "warmup" else Range(6, 8), None, 0, None)
    if role == "plyometric":
        # coaching.md §4: 2-3 sets of 5-8 contacts (each leg on one-leg drills), fresh legs
        if week.phase == "build":
            return _Dose(3, Range(5, 8), None, 60, None)
        return _Dose(2, Range(6, 8), None, 60, None)
    if role == "main":
        sets, reps, rir, rest = main_scheme(week)
        return _Dose(sets, reps, rir, rest, ex.tempo)
    sets, reps, rir, rest = accessory_scheme(week)
    if role == "core":
        rest = 45
    if ex.pattern == "calf" and week.calf_focus and week.phase in ("base", "build"):
        sets = 3  # tendons want load and more of it
    if ex.dose == "seconds":
        return _Dose(sets, None, rir, rest, ex.tempo, seconds=hold_seconds(ex, week))
    return _Dose(sets, reps, rir, rest, ex.tempo)


def _load(choice: Choice, dose: _Dose, ctx: WeekContext, athlete: Athlete,
          loads: dict[str, float]) -> tuple[Load | None, Range | None, str | None]:
    """The load of a known lift this week (`loads.py`), the reps it is done for, and a note."""
    ex = choice.exercise
    kit = kit_for(ex, choice.option, athlete)
    if (ex.id not in athlete.lifts or dose.reps is None or dose.rir is None or kit is None
            or choice.role not in ("main", "accessory")):
        return None, dose.reps, None
    week = LoadWeek(ctx.phase, ctx.experience, ctx.loading_weeks, ctx.high_mileage, dose.reps,
                    dose.rir, athlete.lifts[ex.id], ctx.deload)
    pick = plan_pick(loads, ex.id, week, kit)
    if pick.value is None:
        return None, dose.reps, pick.note
    return Load(pick.value, athlete.load_unit, kit.implements), pick.reps, pick.note


def target_sets(template: str, ctx: WeekContext) -> tuple[int, int]:
    """The session's working-set target and ceiling (coaching.md §5).

    8–12 is the target; 12–16 only for advanced athletes in base; high mileage keeps the low end.
    Peak and taper cut volume: fewer sets, not lighter loads.
    """
    if ctx.phase == "race":
        return 0, 0
    if template in ("C", "Light"):
        return 8, 10
    if ctx.phase == "base":
        target = {"novice": 10, "intermediate": 12, "advanced": 14}[ctx.experience]
        ceiling = 16 if ctx.experience == "advanced" else 12
    elif ctx.phase == "build":
        target = {"novice": 10, "intermediate": 11, "advanced": 12}[ctx.experience]
        ceiling = 12
    elif ctx.phase == "taper":
        target, ceiling = 5, 7
    else:  # peak, recovery
        target, ceiling = 8, 10
    if ctx.high_mileage:
        target, ceiling = min(target, 10 if ctx.phase in ("base", "build") else 8), \
            min(ceiling, 10)
    return target, ceiling


def set_range(name: str, ctx: WeekContext, race_target: int | None,
              taper_cap: int | None) -> tuple[int, int, int] | None:
    """The session's working-set target, ceiling and floor (`fit.fit_session`); None for a
    race-week session after an off week (`race_target` 0), with nothing left to halve."""
    if name in ("Primer", "Recovery"):
        if not race_target:
            return None
        target = ceiling = floor = race_target
    else:
        target, ceiling = target_sets(name, ctx)  # as in a normal week: deloads cut after
        floor = 1 if ctx.phase in ("taper", "race") else 6
    if taper_cap is not None:
        target, ceiling = min(target, taper_cap), min(ceiling, taper_cap)
    return target, ceiling, floor
