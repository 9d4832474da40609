"""What a week wants and shows: how many sessions, their names, the race week's volume, why each
day was chosen, and the check-ins and nutrition numbers that come with a plan."""

from __future__ import annotations

import datetime as dt

from ..model import Athlete, CheckIn, Nutrition, Range, Week
from ..vocabulary import DAY_NAMES, DAYS, EASY_RUNS, HARD_RUNS
from .schedule import RunCalendar, Slot
from .warnings import WarningLog

# Sessions a week by phase (coaching.md §2): (fewest, most); the default sits inside.
SESSION_RANGE = {"base": (2, 2), "build": (2, 2), "peak": (1, 2), "taper": (1, 2),
                 "race": (0, 1), "recovery": (1, 2)}
CHECK_IN_EVERY = 4
CHECK_INS = (
    CheckIn("single-leg-squat", "Single-leg squat to a box",
            "Stand on one leg in front of a knee-height box, sit back until you touch it and "
            "stand up without the other foot helping. Do up to 10 slow reps a leg and watch "
            "whether the knee stays over the toes.",
            "reps each leg (max 10) and knee control 1–5"),
    CheckIn("calf-raise-test", "Single-leg calf raises to fatigue",
            "On one leg on a step, rise fully and lower fully at one second up, one second "
            "down, fingertips on a wall for balance. Stop when you can no longer rise all the way.",
            "reps each leg"),
    CheckIn("side-plank-test", "Side-plank hold",
            "On a forearm with feet stacked, hold a straight line from head to heels. Stop "
            "when the hips start to sag.",
            "seconds each side"),
)


def asked_above(asked: int | None, limit: int) -> bool:
    return asked is not None and asked > limit


def wanted_sessions(phase: str, athlete: Athlete, high_mileage: bool,
                    warnings: WarningLog, number: int) -> list[str]:
    """The kinds of session this week wants, from the phase and sessions_per_week."""
    low, high = SESSION_RANGE[phase]
    if phase == "base" and athlete.experience != "novice":
        high = 3
    if phase == "race":
        if asked_above(athlete.sessions_per_week, 1):
            warnings.add("sessions-capped", f"sessions_per_week is {athlete.sessions_per_week}, "
                         "above the race week's 1 light session; the race week gets 1.", number)
        return ["primer"]
    default = 1 if high_mileage and phase in ("peak", "taper") else 2
    asked = athlete.sessions_per_week
    count = default if asked is None else asked
    if asked is not None and asked > high:
        count = high
        why = (" (a third, lighter session is for intermediate and advanced athletes)"
               if phase == "base" else "")
        warnings.add("sessions-capped", f"sessions_per_week is {asked}, above the {phase} "
                     f"phase's {high}{why}; these weeks get {high}.", number)
    elif asked is not None and asked < low:
        warnings.add("few-sessions", f"sessions_per_week is {asked}, below the {phase} phase's "
                     f"{low}: one session keeps the habit but builds little.", number)
    if count == 3:
        return ["heavy", "heavy", "light"]
    return ["heavy"] * count


def session_names(slots: tuple[Slot, ...]) -> dict[int, str]:
    """The session of each placed day: A and B for two heavy ones, Full for one, C, Light or
    Primer for the others."""
    heavy = [s for s in slots if s.kind == "heavy"]
    names: dict[int, str] = {}
    for slot in slots:
        if slot.kind == "heavy":
            names[slot.day] = ("A", "B")[heavy.index(slot)] if len(heavy) > 1 else "Full"
        else:
            names[slot.day] = {"light": "C", "lightened": "Light", "primer": "Primer"}[slot.kind]
    return names


def race_week_target(previous: Week | None, has_race: bool) -> int:
    """Race-week working sets: 50–70 % fewer than the week before."""
    if previous is not None and previous.phase == "race" and not has_race:
        return previous.working_sets or 4  # a block of race weeks (phase: race) stays level
    if previous is None or previous.working_sets == 0:
        return 4
    before = previous.working_sets
    low = -(-before * 3 // 10)  # ceil(30 %)
    high = before * 5 // 10  # floor(50 %)
    return max(low, min(high, round(before * 0.4))) if low <= high else 0


def day_reason(date: dt.date, run: str, calendar: RunCalendar, name: str) -> str:
    """One line on why this day: 'Thursday: easy run, 48 h before Saturday's long run'."""
    day = DAY_NAMES[DAYS[date.weekday()]]
    if run in HARD_RUNS:
        text = f"{day}: after the {run} run, keeping the hard work on one day"
    elif run in EASY_RUNS:
        text = f"{day}: {run} run, lift after it"
    elif run == "cross":
        text = f"{day}: cross-training day"
    else:
        text = f"{day}: no run"
    following = calendar.next_key_run(date)
    if following:
        when, kind = following
        hours = (when - date).days * 24
        what = "the race" if when == calendar.race_date else \
            f"{DAY_NAMES[DAYS[when.weekday()]]}'s {kind} run"
        text += f", {hours} h before {what}"
    if name == "Light":
        tomorrow = date + dt.timedelta(days=1)
        text += (f"; kept light because {DAY_NAMES[DAYS[tomorrow.weekday()]]} has a "
                 f"{calendar.run(tomorrow)} run")
    elif name == "Primer" and calendar.race_date and date > calendar.race_date:
        text = f"{day}: {run} day, {(date - calendar.race_date).days} days after the race; " \
            "an easy session to loosen up"
    elif name == "Primer":
        text += "; a short activation session to stay sharp"
    return text


def nutrition(athlete: Athlete) -> Nutrition | None:
    """Protein, meals and sleep as the athlete's own numbers (coaching.md §8)."""
    kg = athlete.bodyweight_kg
    if kg is None:
        return None
    low, high = round(kg * 1.6), round(kg * 2.2)
    per_meal = Range(max(20, min(40, round(low / 5))), max(20, min(40, round(high / 3))))
    return Nutrition(round(kg, 1), Range(low, high), Range(3, 5), per_meal, Range(150, 300),
                     Range(7, 9))
