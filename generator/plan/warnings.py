"""Warnings: every rule a plan has to bend, named with a stable code and a sentence saying which
weeks, which day and why (README: Warnings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import LOAD_STEPS, Athlete, Library, Session, Warning, Week
from ..vocabulary import (
    DAY_NAMES,
    DAYS,
    EXPERIENCE,
    HARD_RUNS,
    KEY_RUNS,
    plain_number,
    with_article,
)
from .block import BlockWeek
from .schedule import RunCalendar, Slot, WeekSchedule


class WarningLog:
    """Collects warnings; the same sentence in several weeks becomes one warning naming them."""

    def __init__(self) -> None:
        self._weeks: dict[tuple[str, str], list[int]] = {}

    def add(self, code: str, message: str, week: int | None = None) -> None:
        weeks = self._weeks.setdefault((code, message), [])
        if week is not None and week not in weeks:
            weeks.append(week)

    def result(self) -> tuple[Warning, ...]:
        out = []
        for (code, message), weeks in self._weeks.items():
            out.append(Warning(code, f"{_week_list(weeks)}: {message}" if weeks else message))
        return tuple(out)


def _week_list(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    return ("Week " if len(numbers) == 1 else "Weeks ") + ", ".join(parts)


@dataclass(frozen=True)
class PlacedWeek:
    """A week as scheduled, with what its warnings need to explain it."""

    block_week: BlockWeek
    schedule: WeekSchedule
    athlete: Athlete
    calendar: RunCalendar

    @property
    def placed(self) -> set[int]:
        return {s.day for s in self.schedule.slots}

    def run(self, day: int) -> str:
        return self.calendar.run(self.block_week.start + dt.timedelta(days=day))

    def why(self, day: int, heavy_first: bool = False) -> str:
        """Why no session went on `day`, the first reason that holds.

        For a dropped session the question is why nothing fits; for a moved one, why the
        athlete's day could not take the (heavy) session it would have had.
        """
        schedule, placed = self.schedule, self.placed
        rest_days = {i for i in range(7) if self.run(i) == "rest"}
        if heavy_first and day in schedule.unusable:
            return schedule.unusable[day]
        if day in schedule.closed:
            return schedule.closed[day]
        if (day - 1) in placed or (day + 1) in placed:
            return f"{_name(day)} is next to another session"
        if day in rest_days and rest_days - placed == {day}:
            return f"{_name(day)} is the week's only rest day left free of strength"
        if day in schedule.unusable and day not in placed:
            return schedule.unusable[day]
        return f"the week has {len(schedule.slots)} session{'s' if len(placed) != 1 else ''}"


def _name(day: int) -> str:
    return DAY_NAMES[DAYS[day]]


def warn_schedule(week: PlacedWeek, wanted: list[str], warnings: WarningLog) -> None:
    """Every SHOULD of placement the week breaks, and every session dropped or lightened."""
    number, schedule, placed = week.block_week.number, week.schedule, week.placed
    if len(schedule.slots) < len(wanted) and week.block_week.phase != "race":
        unused = [week.why(d) for d in range(7) if d not in placed]
        warnings.add("dropped-session", f"only {len(schedule.slots)} of {len(wanted)} sessions "
                     f"fit: {'; '.join(unused)}.", number)
    for day in schedule.lightened:
        warnings.add("lightened-session", f"the {_name(day)} session's leg work is bodyweight "
                     f"only, with no loaded squats, hinges or lunges, because "
                     f"{schedule.unusable[day]}.", number)
    chosen = ", ".join(_name(s.day) for s in schedule.slots) or "no day"
    for wish in week.athlete.strength_days or ():
        day = DAYS.index(wish)
        if day not in placed:
            warnings.add("moved-session", f"strength_days asks for {DAY_NAMES[wish]}, but "
                         f"{week.why(day, heavy_first=True)}; sessions are on {chosen}.", number)
    for slot in schedule.slots:
        _warn_slot(week, slot, warnings)


def _warn_slot(week: PlacedWeek, slot: Slot, warnings: WarningLog) -> None:
    """What a placed session's day bends: the eve of a key run, or the placement asked for."""
    number, athlete = week.block_week.number, week.athlete
    run, tomorrow = week.run(slot.day), week.run(slot.day + 1)
    asked = DAYS[slot.day] in (athlete.strength_days or ())
    because = "as strength_days asks" if asked else "no better day fits the rules"
    if slot.kind in ("light", "primer") and tomorrow in KEY_RUNS:
        warnings.add("light-before-key-run", f"the {_name(slot.day)} session, light and with "
                     f"bodyweight leg work only, sits the day before {with_article(tomorrow)} "
                     f"run: {because}.", number)
    if athlete.placement == "easy_days" and run in KEY_RUNS:
        warnings.add("after-key-run", f"the {_name(slot.day)} session follows the {run} run "
                     f"rather than an easy day: {because}.", number)
    if athlete.placement == "hard_days" and slot.kind == "heavy" and run not in HARD_RUNS:
        hard = [_name(d) for d in range(7) if week.run(d) in HARD_RUNS]
        reason = (f"{' and '.join(hard)} cannot take both heavy sessions" if hard else
                  "the week has no intervals, tempo, hills or fartlek run")
        warnings.add("hard-days-unmet", f"placement is hard_days, but the {_name(slot.day)} "
                     f"heavy session is on a {run} day: {reason}.", number)


def warn_plyometrics(block_week: BlockWeek, sessions: list[Session], athlete: Athlete,
                     warnings: WarningLog) -> None:
    """coaching.md §4: an intermediate or advanced athlete's base and build weeks (deloads aside)
    hold plyometrics in a heavy session; when one does not, say why."""
    if (athlete.experience == "novice" or block_week.phase not in ("base", "build")
            or block_week.deload or not sessions):
        return
    if any(p.role == "plyometric" for s in sessions for p in s.exercises):
        return
    if all(s.intensity == "light" for s in sessions):
        why = "the week's only sessions are light ones, with no leg load, to fit around its runs"
    elif athlete.focus:
        why = (f"the main lifts and the focus work ({', '.join(athlete.focus)}) fill the "
               "sessions' working-set ceiling")
    else:
        why = "the exercise library holds no plyometric drill this athlete can do"
    warnings.add("no-plyometrics", f"no plyometrics: {why}.", block_week.number)


def warn_shoulds(number: int, sessions: list[Session], athlete: Athlete, library: Library,
                 warnings: WarningLog, cut: str = "sets") -> None:
    """Say so when a week misses one of coaching.md's SHOULDs for exercise choice.

    `cut` says what took the room: "time" (a session was cut to its minutes), "sets" (the
    working-set ceiling), or "taper": the plan's own lighter week, explained in its notes.
    """
    own_cut = cut == "taper"
    if not sessions:
        return
    exercises = [p for s in sessions for p in s.exercises]
    patterns = {p.pattern for p in exercises}
    ids = {p.id for p in exercises}
    if cut == "time":
        short = f"with {athlete.session_minutes}-minute sessions, upper-body work is the " \
            "first cut when a session is too long"
    else:  # one session or two, the cause is the same: the ceiling on working sets
        short = "the working-set ceiling of the week's sessions goes to the lower-body, calf " \
            "and core work first"
    missing = [kind for kind, pattern in (("push", "upper_push"), ("pull", "upper_pull"))
               if pattern not in patterns]
    if missing and not own_cut:
        # one warning a cause: room (time, sets) names no kind, as weeks may miss push, pull
        # or both; avoid and equipment miss the same kind every week
        why = _upper_why(missing, athlete, library, short)
        what = "upper-body push or pull work is short" if why == short else \
            f"no upper-body {' or '.join(missing)} work"
        warnings.add("no-upper-body", f"{what}: {why}.", number)
    if "single_leg" not in patterns and not any(
            p.per_side and p.pattern in ("hinge", "squat") for p in exercises):
        warnings.add("no-single-leg", "no single-leg exercise: with one session, "
                     "the squat and hinge take its place.", number)
    straight = ids & {"single-leg-calf-raise", "standing-calf-raise"}
    bent = ids & {"bent-knee-calf-raise"}
    if not (straight and bent) and not own_cut:
        if len(sessions) == 1:
            room = "the week's one session has room for one"
        else:
            room = f"the {athlete.session_minutes}-minute sessions have room for one"
        warnings.add("one-calf-variant", "only one calf-raise variant (straight- or bent-knee): "
                     f"{room}.", number)


def _upper_why(missing: list[str], athlete: Athlete, library: Library, short: str) -> str:
    """The true cause of a week without upper-body work: avoid, equipment, or room."""
    patterns = [f"upper_{kind}" for kind in missing]
    avoided = [a for a in athlete.avoid if a in patterns or (
        a in library and library[a].pattern in patterns)]
    if avoided:
        return f"avoid lists {', '.join(avoided)}"
    possible = any(e.pattern in patterns and e.option_for(athlete.equipment) is not None
                   and e.id not in athlete.avoid for e in library)
    if not possible:
        what = " or ".join(missing)
        return f"the equipment listed has nothing to {what} with (a band or a bar would do)"
    return short


def warn_unused_lifts(athlete: Athlete, library: Library, weeks: list[Week],
                       warnings: WarningLog) -> None:
    used = {p.id for w in weeks for _, s in w.sessions for p in s.exercises if p.load}
    unloaded = {p.id for w in weeks for _, s in w.sessions for p in s.exercises}
    for exercise_id in athlete.lifts:
        exercise = library[exercise_id]
        if exercise_id in used:
            if EXPERIENCE.index(exercise.level) > EXPERIENCE.index(athlete.experience):
                warnings.add("lift-above-experience", f"experience is {athlete.experience}, but "
                             f"lifts gives {exercise_id}, an {exercise.level} exercise: the plan "
                             "keeps it, as it is already being lifted.")
            continue
        if exercise_id in unloaded:
            why = _why_unloaded(athlete, exercise_id, weeks)
        elif exercise.option_for(athlete.equipment) is None:
            why = "it needs equipment the profile does not list"
        elif exercise.pattern not in ("squat", "hinge", "single_leg", "calf", "upper_push",
                                      "upper_pull", "carry", "hip"):
            why = "the plan prescribes it by effort, not load"
        elif exercise.pattern == "hinge" and "low_back" in athlete.focus:
            why = "the low_back focus keeps heavy hinges out of the plan"
        else:
            chosen = sorted({p.name for w in weeks for _, s in w.sessions for p in s.exercises
                             if p.pattern == exercise.pattern and p.role == "main"})
            why = (f"for this athlete's experience, equipment and focus the sessions use "
                   f"{', '.join(chosen)} for that pattern" if chosen else
                   "no session this block has room for it")
        warnings.add("lift-not-used", f"lifts gives {exercise_id}, but the plan does not "
                     f"prescribe it with a load: {why}.")


def _why_unloaded(athlete: Athlete, exercise_id: str, weeks: list[Week]) -> str:
    """Why a known lift is done without a weight: nothing to load it with, or nothing owned
    light enough (loads.py prescribes effort then, coaching.md §6)."""
    held = {i for w in weeks for _, s in w.sessions for p in s.exercises if p.id == exercise_id
            for i in p.equipment}
    if not held & LOAD_STEPS.keys():
        return "it is done here without a weight, since the equipment listed has nothing to " \
            "load it with"
    known = f"{plain_number(athlete.lifts[exercise_id])} {athlete.load_unit}"
    return (f"the lightest weight listed for it in weights is heavier than the known {known} "
            "allows for its reps, so it is done by effort and the load logged")
