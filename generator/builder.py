"""The plan builder: a pure function from an athlete profile to a strength block.

Read the block's weeks and phases, decide how many sessions each week wants, place them on days,
fill them from the session templates, then prescribe and fit every session. Nothing here prints or
touches files; the same athlete, library and date always give the same plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from markdown_it import MarkdownIt

from . import __version__
from .block import BlockWeek, phase_split_text, plan_block
from .library import Library
from .model import CheckIn, Day, Nutrition, Plan, Range, Session, Warning, Week
from .profile import DAY_NAMES, DAYS, KEY_RUNS, Athlete
from .schedule import EASY_RUNS, HARD_RUNS, RunCalendar, WeekSchedule, schedule_week
from .sessions import (
    HIGH_MILEAGE_KM,
    Choice,
    WeekContext,
    choose_exercises,
    deload_session,
    estimate_minutes,
    fit_session,
    prescribe,
    target_sets,
    templates,
    thin_main_lifts,
    working_sets,
)

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


def build_plan(athlete: Athlete, library: Library, today: dt.date) -> Plan:
    """The whole strength block for `athlete`, as of `today`."""
    warnings = _Warnings()
    block, notes = plan_block(athlete, today)
    for note in notes:
        code, message = note.split(":", 1)
        warnings.add(code, message)
    calendar = RunCalendar(athlete)
    high_mileage = athlete.mileage_km > HIGH_MILEAGE_KM
    shapes = templates(athlete)
    choices: dict[str, list[Choice]] = {}
    used: set[str] = set()
    for name in ("A", "B", "C"):
        choices[name] = choose_exercises(shapes[name], athlete, library, used)
        used |= {c.exercise.id for c in choices[name]}
    for name in ("Full", "Light", "Primer"):
        choices[name] = choose_exercises(shapes[name], athlete, library, set())

    if high_mileage:
        warnings.add("high-mileage", f"{_mileage(athlete)} a week is high mileage: sessions keep "
                     "to the low end of 8–12 working sets and peak and taper weeks hold one "
                     "session.")
    weeks: list[Week] = []
    loads: dict[str, float] = {}
    previous: Week | None = None
    loading_weeks = 0
    taper_week = 0
    taper_length = sum(w.phase == "taper" for w in block)
    for index, block_week in enumerate(block):
        taper_week = taper_week + 1 if block_week.phase == "taper" else 0
        ctx = WeekContext(block_week.phase, block_week.deload, athlete.experience, high_mileage,
                          taper_week, loading_weeks, taper_length)
        following = block[index + 1] if index + 1 < len(block) else None
        keep_sunday_free = following is not None and _next_week_needs_monday(
            following, athlete, calendar, high_mileage)
        week = _plan_week(block_week, ctx, athlete, calendar, shapes, choices, loads, previous,
                          warnings, library, keep_sunday_free)
        if block_week.phase in ("base", "build") and not block_week.deload:
            loading_weeks += 1
        weeks.append(week)
        previous = week

    _warn_unused_lifts(athlete, library, weeks, warnings)
    # raw HTML escaped, and no images: a note must not make a page or PDF load anything
    notes_html = MarkdownIt("js-default").disable("image").render(athlete.notes) \
        if athlete.notes else ""
    return Plan(athlete=athlete, weeks=tuple(weeks), warnings=warnings.result(),
                notes_html=notes_html, nutrition=nutrition(athlete),
                phase_split=phase_split_text(), generator=f"runlift {__version__}")


class _Warnings:
    """Collects warnings; the same sentence in several weeks becomes one warning naming them."""

    def __init__(self):
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


def _mileage(athlete: Athlete) -> str:
    value = athlete.weekly_mileage
    return f"{int(value) if float(value).is_integer() else value} {athlete.units}"


def asked_above(asked: int | None, limit: int) -> bool:
    return asked is not None and asked > limit


def wanted_sessions(phase: str, athlete: Athlete, high_mileage: bool,
                    warnings: _Warnings, number: int) -> list[str]:
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


def _next_week_needs_monday(following: BlockWeek, athlete: Athlete, calendar: RunCalendar,
                            high_mileage: bool) -> bool:
    """True when a session this Sunday would leave the next week with none at all.

    Not for a race week: its session is optional, this week's is not.
    """
    if following.phase == "race":
        return False
    wanted = wanted_sessions(following.phase, athlete, high_mileage, _Warnings(), 0)
    free = schedule_week(following.start, wanted, athlete, calendar, frozenset(), frozenset())
    blocked = schedule_week(following.start, wanted, athlete, calendar, frozenset({0}),
                            frozenset())
    return bool(free.slots) and not blocked.slots


def _plan_week(block_week: BlockWeek, ctx: WeekContext, athlete: Athlete, calendar: RunCalendar,
               shapes, choices, loads, previous: Week | None, warnings: _Warnings,
               library: Library, keep_sunday_free: bool = False) -> Week:
    number = block_week.number
    wanted = wanted_sessions(block_week.phase, athlete, ctx.high_mileage, warnings, number)
    blocked = frozenset({0}) if previous and previous.days[6].session else frozenset()
    if keep_sunday_free:
        blocked |= {6}
    previous_days = frozenset(i for i, d in enumerate(previous.days) if d.session) if previous \
        else frozenset(DAYS.index(d) for d in athlete.strength_days or ())
    schedule = schedule_week(block_week.start, wanted, athlete, calendar, blocked, previous_days)
    _warn_schedule(block_week, wanted, schedule, athlete, calendar, warnings)

    heavy = [s for s in schedule.slots if s.kind == "heavy"]
    names: dict[int, str] = {}
    for slot in schedule.slots:
        if slot.kind == "heavy":
            names[slot.day] = ("A", "B")[heavy.index(slot)] if len(heavy) > 1 else "Full"
        else:
            names[slot.day] = {"light": "C", "lightened": "Light", "primer": "Primer"}[slot.kind]
    if len(heavy) > 2:  # cannot happen with the wanted kinds, but keep names unique
        raise AssertionError("more than two heavy sessions")

    race_target = _race_week_target(previous, athlete.race is not None) \
        if block_week.phase == "race" else None
    taper_cap = None
    if block_week.phase == "taper" and previous and previous.working_sets and schedule.slots:
        # a taper cuts volume: at most about 80 % of the week before, shared by the sessions
        taper_cap = max(1, int(previous.working_sets * 0.8) // len(schedule.slots))
    deload_cap = None
    if block_week.deload and previous and previous.working_sets and schedule.slots:
        deload_cap = max(1, round(previous.working_sets * 0.6) // len(schedule.slots))
    days = []
    for i in range(7):
        date = block_week.start + dt.timedelta(days=i)
        run = calendar.run(date)
        session = None
        if i in names:
            session = _session(names[i], date, run, ctx, athlete, calendar, shapes, choices,
                               loads, race_target, warnings, number, taper_cap, deload_cap)
        days.append(Day(date, DAYS[i], run, session))
    if block_week.phase == "race" and not any(d.session for d in days):
        warnings.add("race-week-no-session", "no day of the race week leaves 4 days before the "
                     "race and 3 after it, so the race week has no strength session.", number)
    elif block_week.phase != "race" and not any(d.session for d in days):
        warnings.add("no-session", "no day this week can take a strength session (long runs, "
                     "races and the days around the race fill it).", number)
    if block_week.phase != "race":
        _warn_shoulds(number, [d.session for d in days if d.session], athlete, library,
                      warnings, block_week.deload)
    check_ins = ()
    if (number - 1) % CHECK_IN_EVERY == 0 and block_week.phase not in ("taper", "race"):
        check_ins = CHECK_INS
    return Week(number, block_week.start, block_week.phase, block_week.deload, tuple(days),
                check_ins)


def _race_week_target(previous: Week | None, has_race: bool) -> int:
    """Race-week working sets: 50–70 % fewer than the week before."""
    if previous is not None and previous.phase == "race" and not has_race:
        return previous.working_sets or 4  # a block of race weeks (phase: race) stays level
    if previous is None or previous.working_sets == 0:
        return 4
    before = previous.working_sets
    low = -(-before * 3 // 10)  # ceil(30 %)
    high = before * 5 // 10  # floor(50 %)
    return max(low, min(high, round(before * 0.4))) if low <= high else 0


def _session(name, date, run, ctx: WeekContext, athlete, calendar, shapes, choices, loads,
             race_target, warnings, number, taper_cap: int | None = None,
             deload_cap: int | None = None) -> Session | None:
    picked = [c for c in choices[name]  # plyometrics belong to base and build only
              if c.role != "plyometric" or ctx.phase in ("base", "build")]
    # fit the session as in a normal week, so a deload keeps the same exercises with fewer sets
    prescriptions = prescribe(picked, replace(ctx, deload=False), athlete, loads)
    if name == "Primer":
        target = ceiling = floor = race_target or 0
    else:
        target, ceiling = target_sets(name, ctx)
        floor = 1 if ctx.phase in ("taper", "race") else 6
    if taper_cap is not None:
        target, ceiling = min(target, taper_cap), min(ceiling, taper_cap)
    kept_choices, kept = fit_session(picked, prescriptions, target, ceiling,
                                     athlete.session_minutes, floor)
    if ctx.deload:
        kept = deload_session(kept_choices, kept, loads, deload_cap)
    elif taper_cap is not None:
        kept = thin_main_lifts(kept, taper_cap)
    minutes = estimate_minutes(kept)
    if working_sets(kept) == 0:
        return None
    if ctx.phase != "recovery":
        loads.update({p.id: p.load.value for p in kept if p.load})
    if minutes > athlete.session_minutes:
        warnings.add("session-over-time", f"session {name} takes about {minutes} min, over the "
                     f"{athlete.session_minutes} available, even with accessories trimmed; the "
                     "main lifts stay.", number)
    template = shapes[name]
    intensity = "heavy"
    if name in ("C", "Light", "Primer") or ctx.phase == "recovery":
        intensity = "light"
    elif ctx.deload or ctx.phase in ("peak", "taper"):
        intensity = "moderate"
    order = "standalone" if run in ("rest", "cross") else "after_run"
    return Session(name=name, focus=template.focus, intensity=intensity, order=order,
                   minutes=estimate_minutes(kept), exercises=tuple(kept),
                   reason=day_reason(date, run, calendar, name))


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


def _warn_schedule(block_week: BlockWeek, wanted: list[str], schedule: WeekSchedule,
                   athlete: Athlete, calendar: RunCalendar, warnings: _Warnings) -> None:
    """Every SHOULD of placement the week breaks, and every session dropped or lightened."""
    number = block_week.number
    placed = {s.day for s in schedule.slots}
    rest_days = {i for i in range(7)
                 if calendar.run(block_week.start + dt.timedelta(days=i)) == "rest"}

    def name(day: int) -> str:
        return DAY_NAMES[DAYS[day]]

    def why(day: int, heavy_first: bool = False) -> str:
        """Why no session went on `day`, the first reason that holds.

        For a dropped session the question is why nothing fits; for a moved one, why the
        athlete's day could not take the (heavy) session it would have had.
        """
        if heavy_first and day in schedule.unusable:
            return schedule.unusable[day]
        if day in schedule.closed:
            return schedule.closed[day]
        if (day - 1) in placed or (day + 1) in placed:
            return f"{name(day)} is next to another session"
        if day in rest_days and rest_days - placed == {day}:
            return f"{name(day)} is the week's only rest day left free of strength"
        if day in schedule.unusable and day not in placed:
            return schedule.unusable[day]
        return f"the week has {len(schedule.slots)} session{'s' if len(placed) != 1 else ''}"

    if len(schedule.slots) < len(wanted) and block_week.phase != "race":
        unused = [why(d) for d in range(7) if d not in placed]
        warnings.add("dropped-session", f"only {len(schedule.slots)} of {len(wanted)} sessions "
                     f"fit: {'; '.join(unused)}.", number)
    for day in schedule.lightened:
        warnings.add("lightened-session", f"the {name(day)} session has no loaded squats, "
                     f"hinges or lunges because {schedule.unusable[day]}.", number)
    chosen = ", ".join(name(s.day) for s in schedule.slots) or "no day"
    wished = set(athlete.strength_days or ())
    for wish in athlete.strength_days or ():
        day = DAYS.index(wish)
        if day not in placed:
            warnings.add("moved-session", f"strength_days asks for {DAY_NAMES[wish]}, but "
                         f"{why(day, heavy_first=True)}; sessions are on {chosen}.", number)
    for slot in schedule.slots:
        date = block_week.start + dt.timedelta(days=slot.day)
        run = calendar.run(date)
        tomorrow = calendar.run(date + dt.timedelta(days=1))
        asked = DAYS[slot.day] in wished
        because = "as strength_days asks" if asked else "no better day fits the rules"
        if slot.kind in ("light", "primer") and tomorrow in KEY_RUNS:
            article = "an" if tomorrow[0] in "aeiou" else "a"
            warnings.add("light-before-key-run", f"the {name(slot.day)} session, light and with "
                         f"no loaded lower-body lifts, sits the day before {article} {tomorrow} "
                         f"run: {because}.", number)
        if athlete.placement == "easy_days" and run in KEY_RUNS:
            warnings.add("after-key-run", f"the {name(slot.day)} session follows the {run} run "
                         f"rather than an easy day: {because}.", number)
        if athlete.placement == "hard_days" and slot.kind == "heavy" and run not in HARD_RUNS:
            hard = [name(d) for d in range(7)
                    if calendar.run(block_week.start + dt.timedelta(days=d)) in HARD_RUNS]
            reason = (f"{' and '.join(hard)} cannot take both heavy sessions" if hard else
                      "the week has no intervals, tempo, hills or fartlek run")
            warnings.add("hard-days-unmet", f"placement is hard_days, but the {name(slot.day)} "
                         f"heavy session is on a {run} day: {reason}.", number)


def _warn_shoulds(number: int, sessions: list[Session], athlete: Athlete, library: Library,
                  warnings: _Warnings, deload: bool = False) -> None:
    """Say so when a week misses one of coaching.md's SHOULDs for exercise choice."""
    if not sessions:
        return
    exercises = [p for s in sessions for p in s.exercises]
    patterns = {p.pattern for p in exercises}
    ids = {p.id for p in exercises}
    if deload:
        short = "a deload week keeps only the main lifts, calf and core work"
    elif len(sessions) == 1:
        short = "the week's one session has room only for the essentials"
    else:
        short = f"the {athlete.session_minutes}-minute sessions leave no room after the " \
            "lower-body, calf and core work"
    for kind, pattern in (("push", "upper_push"), ("pull", "upper_pull")):
        if pattern in patterns:
            continue
        possible = any(e.pattern == pattern and e.option_for(athlete.equipment) is not None
                       for e in library)
        why = short if possible else (
            "the equipment listed has nothing to pull with (a band or a bar would do)")
        warnings.add("no-upper-body", f"no upper-body {kind} work: {why}.", number)
    if "single_leg" not in patterns and not any(
            p.per_side and p.pattern in ("hinge", "squat") for p in exercises):
        warnings.add("no-single-leg", "no single-leg exercise: with one session, "
                     "the squat and hinge take its place.", number)
    straight = ids & {"single-leg-calf-raise", "standing-calf-raise"}
    bent = ids & {"bent-knee-calf-raise"}
    if not (straight and bent):
        if deload:
            room = "the deload week has room for one"
        elif len(sessions) == 1:
            room = "the week's one session has room for one"
        else:
            room = f"the {athlete.session_minutes}-minute sessions have room for one"
        warnings.add("one-calf-variant", "only one calf-raise variant (straight- or bent-knee): "
                     f"{room}.", number)


def _warn_unused_lifts(athlete: Athlete, library: Library, weeks: list[Week],
                       warnings: _Warnings) -> None:
    used = {p.id for w in weeks for _, s in w.sessions for p in s.exercises if p.load}
    unloaded = {p.id for w in weeks for _, s in w.sessions for p in s.exercises}
    levels = ("novice", "intermediate", "advanced")
    for exercise_id in athlete.lifts:
        exercise = library[exercise_id]
        if exercise_id in used:
            if levels.index(exercise.level) > levels.index(athlete.experience):
                warnings.add("lift-above-experience", f"experience is {athlete.experience}, but "
                             f"lifts gives {exercise_id}, an {exercise.level} exercise: the plan "
                             "keeps it, as it is already being lifted.")
            continue
        if exercise_id in unloaded:
            why = "it is done here without a weight, since the equipment listed has nothing " \
                "to load it with"
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


def nutrition(athlete: Athlete) -> Nutrition | None:
    """Protein, meals and sleep as the athlete's own numbers (coaching.md §8)."""
    kg = athlete.bodyweight_kg
    if kg is None:
        return None
    low, high = round(kg * 1.6), round(kg * 2.2)
    per_meal = Range(max(20, min(40, round(low / 5))), max(20, min(40, round(high / 3))))
    return Nutrition(round(kg, 1), Range(low, high), Range(3, 5), per_meal, Range(150, 300),
                     Range(7, 9))

