"""What a week wants and shows: how many sessions, their names, the race week's volume, why each
day was chosen, and the check-ins and nutrition numbers that come with a plan."""

from __future__ import annotations

import datetime as dt
import functools

from ..model import Athlete, CheckIn, Library, Nutrition, Range, Session, Week
from ..vocabulary import DAY_NAMES, DAYS, EASY_RUNS, HARD_RUNS, KEY_RUNS, with_article
from .choose import SlotSpec, Template
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
            warnings.add("sessions-capped", _capped(athlete), number)
        # a primer 4+ days before the race, or a recovery session 3+ days after it: a race from
        # Friday on leaves no day after it in the week, one up to Thursday no day before it
        race = athlete.race
        return ["recovery"] if race is not None and race.date.weekday() <= 3 else ["primer"]
    default = 1 if high_mileage and phase in ("peak", "taper") else 2
    asked = athlete.sessions_per_week
    count = default if asked is None else asked
    if asked is not None and asked > high:
        count = high
        warnings.add("sessions-capped", _capped(athlete), number)
    elif asked is not None and asked < low:
        warnings.add("few-sessions", f"sessions_per_week is {asked}, below the {phase} phase's "
                     f"{low}: one session keeps the habit but builds little.", number)
    if count == 3:
        return ["heavy", "heavy", "light"]
    return ["heavy"] * count


def _capped(athlete: Athlete) -> str:
    """One sentence for one cause: sessions_per_week above what some phases take."""
    third = "base weeks take a third, lighter one" if athlete.experience != "novice" else \
        "a third, lighter one is for intermediate and advanced athletes in base"
    return (f"sessions_per_week is {athlete.sessions_per_week}, above what these weeks take: "
            f"2 in base, build, peak and taper ({third}), 1 in the race week; each week gets "
            "what its phase takes.")


def session_names(slots: tuple[Slot, ...]) -> dict[int, str]:
    """The session of each placed day: A and B for two heavy ones, Full for one, C, Light or
    Primer for the others."""
    heavy = [s for s in slots if s.kind == "heavy"]
    names: dict[int, str] = {}
    for slot in slots:
        if slot.kind == "heavy":
            names[slot.day] = ("A", "B")[heavy.index(slot)] if len(heavy) > 1 else "Full"
        else:
            names[slot.day] = {"light": "C", "lightened": "Light", "primer": "Primer",
                               "recovery": "Recovery"}[slot.kind]
    return names


def race_week_target(previous: Week | None) -> int:
    """Race-week working sets: 50–70 % fewer than the week before (none after an off week)."""
    if previous is None:
        return 4
    if previous.working_sets == 0:
        return 0 if previous.off else 4
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
        text += (f"; kept light because {DAY_NAMES[DAYS[tomorrow.weekday()]]} has "
                 f"{with_article(calendar.run(tomorrow))} run")
    elif name == "Recovery" and calendar.race_date:
        text = f"{day}: {(date - calendar.race_date).days} days after the race: mobility, " \
            "light core and upper body to recover"
    elif name == "Primer":
        text += "; a short activation session to stay sharp"
    return text


@functools.cache
def recovery_template() -> Template:
    """After the race in race week: mobility, light core and upper body, nothing for the legs."""
    return Template("Recovery", "Recovery: mobility, light core and upper body", (
        SlotSpec("warmup", ("walking-knee-hug", "leg-swings"), "activation"),
        SlotSpec("core", ("dead-bug", "bird-dog"), "core, anti-extension", trim=3),
        SlotSpec("core", ("side-plank", "pallof-press"), "core, anti-lateral", trim=4),
        SlotSpec("accessory", ("band-row", "inverted-row", "single-arm-dumbbell-row"),
                 "upper pull", trim=5),
        SlotSpec("accessory", ("push-up",), "upper push", trim=5),
        SlotSpec("cooldown", ("ninety-ninety-hip-switch",), "mobility"),
        SlotSpec("cooldown", ("thoracic-open-book",), "mobility"),
        SlotSpec("cooldown", ("crocodile-breathing",), "mobility"),
    ))


def warn_race_week_runs(weeks: list[Week], calendar: RunCalendar, warnings: WarningLog) -> None:
    """A key run the day before the goal race or in the 2 days after it (coaching.md §8): the
    running plan, not the strength plan, should change."""
    race = calendar.race_date
    if race is None:
        return
    for week in weeks:
        for day in week.days:
            gap = (day.date - race).days
            if gap not in (-1, 1, 2) or day.run not in KEY_RUNS:
                continue
            when = "the day before" if gap == -1 else (
                "the day after" if gap == 1 else "2 days after")
            warnings.add("race-week-run", f"{DAY_NAMES[day.weekday]}'s {day.run} run "
                         f"({day.date.day} {day.date:%b}) is {when} the race "
                         f"({DAY_NAMES[DAYS[race.weekday()]]} {race.day} {race:%b}): the "
                         "running plan, not the strength plan, should change it to an easy run "
                         "or rest.", week.number)


def warn_changes_outside(athlete: Athlete, mondays: list[dt.date], warnings: WarningLog) -> None:
    """A `changes` week outside the block: only possible without `start`, where the block
    depends on the day it is planned (validation catches the rest)."""
    for monday in athlete.changes:
        if mondays and monday not in mondays:
            warnings.add("change-outside-block", f"changes gives {monday.isoformat()}, outside "
                         f"this block (Mondays {mondays[0].isoformat()} to "
                         f"{mondays[-1].isoformat()}), so it does not apply; a start: date "
                         "fixes the block's weeks.")


# the patterns every week outside race week covers (coaching.md §4), by what counts for each
WEEKLY_PATTERNS = (("squat or single-leg", ("squat", "single_leg")), ("hinge", ("hinge",)),
                   ("calf", ("calf",)),
                   ("anti-rotation or anti-extension core", ("core",)))
ANTI_CORE = frozenset({"dead-bug", "pallof-press", "bird-dog", "front-plank"})
CALF_RAISES = frozenset({"single-leg-calf-raise", "standing-calf-raise", "bent-knee-calf-raise"})


def _covers(label: str, needed: tuple[str, ...], worked: list[tuple[str, str]]) -> bool:
    """Whether the week's working exercises (id, pattern) cover one of §4's weekly needs."""
    if label.startswith("anti"):
        return any(i in ANTI_CORE for i, _ in worked)
    if label == "calf":
        return any(i in CALF_RAISES for i, _ in worked)
    return any(p in needed for _, p in worked)


def warn_avoid_unmet(number: int, sessions: list[Session], athlete: Athlete, library: Library,
                     warnings: WarningLog) -> None:
    """A weekly MUST that `avoid` makes impossible is said, once per pattern."""
    if not sessions or not athlete.avoid:
        return
    worked = [(p.id, p.pattern) for s in sessions for p in s.exercises if p.working]
    avoided = {a if a not in library else library[a].pattern for a in athlete.avoid}
    for label, needed in WEEKLY_PATTERNS:
        if _covers(label, needed, worked) or not avoided & set(needed):
            continue
        listed = ", ".join(a for a in athlete.avoid if a in needed or (
            a in library and library[a].pattern in needed))
        warnings.add("avoid-unmet", f"avoid lists {listed}: the week has no {label} work, "
                     "which every week should have.", number)


def nutrition(athlete: Athlete) -> Nutrition | None:
    """Protein, meals and sleep as the athlete's own numbers (coaching.md §8)."""
    kg = athlete.bodyweight_kg
    if kg is None:
        return None
    low, high = round(kg * 1.6), round(kg * 2.2)
    per_meal = Range(max(20, min(40, round(low / 5))), max(20, min(40, round(high / 3))))
    return Nutrition(round(kg, 1), Range(low, high), Range(3, 5), per_meal, Range(150, 300),
                     Range(7, 9))
