"""Loads from known lifts (coaching.md §6): how a load is held, rounded and progressed.

A known lift is the total moved for about 8 reps with 2 in reserve. Every prescription is judged by
the max it implies (Epley: load × (1 + (top of the rep range + lowest RIR) / 30)). Week 1 at 8 or
more reps is never above the known lift; after that the implied max rises at most one step or 5 %
a week and at most 15 % over the block (25 % for novices), one step after two loading weeks at a
load (three at high mileage). Peak and taper hold the load; recovery starts lighter.

Rounding is down to a weight the implement allows: the equipment's steps, or the weights the athlete
owns. When nothing owned is light enough, the lightest that fits is used with fewer reps, and the
prescription says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

from ..model import LOAD_STEPS, Athlete, Exercise, OwnedWeights, Range
from ..vocabulary import plain_number

STEPS = LOAD_STEPS  # the smallest jump of one implement, in kg and lb
BARS = frozenset({"barbell", "trap_bar"})
BAR = {"kg": 20.0, "lb": 45.0}  # an empty bar: no barbell load below it
KNOWN_FACTOR = 1 + (8 + 2) / 30  # a known lift: about 8 reps with 2 in reserve
# taper's 4-6 at RIR 3: the loosest range a load held through peak and taper meets later, so a
# rise in build is judged as if already there (the block cap then holds to the race)
HELD_FACTOR = 1 + (6 + 3) / 30
WEEKLY_RISE = 0.05  # a prescription's implied max: at most 5 % or one step a week
BLOCK_RISE = {"novice": 0.25, "intermediate": 0.15, "advanced": 0.15}
HIGH_MILEAGE_HOLD = 3  # loading weeks at one load before a step, over 80 km / 50 mi a week
HOLD = 2  # the double-progression rule's "two sessions at the top of the range"
EPS = 1e-6
LISTED = ("dumbbells", "kettlebell")  # implements whose weights `weights` lists (OwnedWeights)
PHASES = ("base", "build", "peak", "taper", "race", "recovery")


def factor(reps: Range, rir: Range) -> float:
    """Epley's factor of a prescription: its implied max is load × factor."""
    return 1 + (reps.max + rir.min) / 30


@dataclass(frozen=True)
class Kit:
    """How one exercise's load is held: the implement, how many, and the weights it allows."""

    implement: str
    implements: int
    unit: str
    step: float  # of one implement
    owned: tuple[float, ...] | None  # one implement's weights the athlete owns, ascending
    bar: float | None = None  # an empty bar, for barbell lifts

    def down(self, per: float) -> float | None:
        """The heaviest weight allowed at or under `per` (one implement), or None."""
        if self.owned is not None:
            fits = [w for w in self.owned if w <= per + EPS]
            return fits[-1] if fits else None
        if self.bar is not None:
            if per < self.bar - EPS:
                return None
            return round(self.bar + math.floor((per - self.bar) / self.step + EPS) * self.step, 2)
        value = math.floor(per / self.step + EPS) * self.step
        return round(value, 2) if value > 0 else None

    def up(self, per: float) -> float | None:
        """The lightest weight allowed above `per` (one implement), or None."""
        if self.owned is not None:
            return next((w for w in self.owned if w > per + EPS), None)
        below = self.down(per)
        if below is None:
            return self.bar if self.bar is not None else self.step
        return round(below + self.step, 2)


def kit_for(exercise: Exercise, option: tuple[str, ...], athlete: Athlete) -> Kit | None:
    """The kit of `exercise` done as `option`, or None when nothing in it takes a load."""
    implement = next((item for item in option if item in STEPS), None)
    if implement is None:
        return None
    unit = athlete.load_unit
    implements = exercise.implements_for(option)
    weights = athlete.weights or OwnedWeights()
    step = STEPS[implement][unit]
    if implement in BARS or implement == "plates":
        if weights.plates is not None:
            step = round(2 * weights.plates, 2)
        return Kit(implement, implements, unit, step, None,
                   BAR[unit] if implement in BARS else None)
    listed = getattr(weights, implement) if implement in LISTED else None
    owned = None
    if listed is not None:
        # a dumbbell weight is a pair; two-bell work needs the kettlebell listed twice
        need = implements if implement == "kettlebell" else 1
        owned = tuple(sorted({w for w in listed if listed.count(w) >= need}))
    return Kit(implement, implements, unit, step, owned)


@dataclass(frozen=True)
class LoadWeek:
    """What a load depends on this week."""

    phase: str
    experience: str
    index: int  # base/build loading weeks before this one
    high_mileage: bool
    reps: Range
    rir: Range
    known: float  # the known lift: total, in load_unit
    deload: bool = False  # a deload holds what the last week implied: no step up
    no_rise: bool = False  # a niggle in the log (plan/follow.py): the load is held


@dataclass(frozen=True)
class State:
    """One exercise's load at the end of a week: what its next week grows from."""

    total: float
    m: float  # the max the prescription implies
    f: float  # Epley factor of the phase's rep range (before any reps were cut to fit)
    since: int  # loading week of the last change
    first: float  # the implied max of the exercise's first week
    eight: float = 0.0  # 1 once the exercise was prescribed for 8+ reps (then it may pass known)


@dataclass(frozen=True)
class Pick:
    """This week's load of one exercise: per implement, the reps it is done for, and why."""

    value: float | None  # None: nothing owned fits, the plan prescribes effort
    reps: Range
    state: State | None
    note: str | None = None


def next_pick(state: State | None, week: LoadWeek, kit: Kit) -> Pick:
    """This week's load, grown from last week's `state` (None: the exercise's first week)."""
    pick = _next_pick(state, week, kit)
    if pick.state is not None:
        eight = max(state.eight if state else 0.0, float(pick.reps.max >= 8))
        pick = replace(pick, state=replace(pick.state, eight=eight))
    return pick


def _next_pick(state: State | None, week: LoadWeek, kit: Kit) -> Pick:
    f = factor(week.reps, week.rir)
    known_max = week.known * KNOWN_FACTOR
    cap_known = week.reps.max >= 8
    if state is None:  # the first week: never above the known lift, whatever the reps
        pick = _realize(known_max, week, kit, True)
        if pick.state is None:
            return pick
        return replace(pick, state=replace(pick.state, first=pick.state.m, since=week.index))
    if week.phase in ("peak", "taper"):  # sets drop, loads hold (S0)
        return _hold(state, week, kit, f)
    if week.phase not in ("base", "build"):  # recovery: a fresh, lighter start
        return _realize(min(state.m, known_max), week, kit, cap_known, first=state.first)
    if week.no_rise:  # held, and a rise waits two weeks more once the niggle has gone
        held = _hold(state, week, kit, f)
        return replace(held, state=held.state and replace(held.state, since=week.index))
    if abs(f - state.f) > EPS:  # a new rep range: the load changes by what the reps imply
        # from the known lift's max when rounding left the last load under it, within a week's
        # rise (2 × 25 lb for 8-10 from a known 2 × 30 lb becomes 2 × 30 lb for 6-8)
        weekly = max(state.m * (1 + WEEKLY_RISE), state.m + kit.step * kit.implements * f)
        goal = max(state.m, min(known_max, weekly))
        pick = _realize(min(goal, _ceiling(state, week, f)), week, kit, False,
                        first=state.first, floor_total=state.total)
        return _within_week(replace(pick, state=pick.state and replace(
            pick.state, since=week.index)), state, week, kit)
    hold = HIGH_MILEAGE_HOLD if week.high_mileage else HOLD
    if week.index - state.since >= hold and not week.deload:
        rise = _rise(state, week, kit, f)
        if rise is not None:
            return rise
    return _hold(state, week, kit, f)


def _within_week(pick: Pick, state: State, week: LoadWeek, kit: Kit) -> Pick:
    """A load held at last week's (loads never fall in base and build) under a looser rep
    range implies more: the top of the range comes down until it rises no more than a week may
    (after a peak week at the known lift, say, a build week at 6–7 rather than 6–8)."""
    if pick.state is None or pick.value is None:
        return pick
    f = pick.state.f
    weekly = max(state.m * (1 + WEEKLY_RISE), state.m + kit.step * kit.implements * f)
    above_known = pick.state.total > week.known + EPS and pick.reps.max >= 8 and not state.eight
    if pick.state.m <= weekly + EPS and not above_known:
        return pick
    reps = _fewer_reps(pick.state.total, weekly, week)
    if reps is None:
        return pick
    m = pick.state.total * factor(reps, week.rir)
    return Pick(pick.value, reps, replace(pick.state, m=m), pick.note)


def _ceiling(state: State, week: LoadWeek, f: float) -> float:
    """The highest max this week may imply under the block cap, at this week's factor."""
    return state.first * (1 + BLOCK_RISE[week.experience]) * f / max(f, HELD_FACTOR)


def _rise(state: State, week: LoadWeek, kit: Kit, f: float) -> Pick | None:
    """One step up, when the weekly and the block caps allow it."""
    per = kit.up(state.total / kit.implements)
    if per is None:
        return None
    total = round(per * kit.implements, 2)
    if total > week.known + EPS and week.reps.max >= 8 and not state.eight:
        return None  # the first time at 8+ reps is never above the known lift
    weekly = max(state.m * (1 + WEEKLY_RISE), state.m + kit.step * kit.implements * f)
    if total * f > weekly + EPS or total * f > _ceiling(state, week, f) + EPS:
        return None
    return Pick(per, week.reps, State(total, total * f, f, week.index, state.first))


def _hold(state: State, week: LoadWeek, kit: Kit, f: float) -> Pick:
    per = round(state.total / kit.implements, 2)
    reps = week.reps
    if week.phase in ("base", "build") and state.total * f > state.m + EPS:
        reps = _fewer_reps(state.total, state.m, week) or reps  # the lightest owned, kept
    m = state.total * factor(reps, week.rir)
    note = _note(kit, per, reps, week.reps) if reps != week.reps else None
    return Pick(per, reps, replace(state, m=m, f=f), note)


def _realize(goal: float, week: LoadWeek, kit: Kit, cap_known: bool, first: float = 0.0,
             floor_total: float = 0.0) -> Pick:
    """The load whose implied max is at most `goal`, rounded down to what the kit allows."""
    f = factor(week.reps, week.rir)
    target = goal / f
    if cap_known:
        target = min(target, week.known)
    per = kit.down(target / kit.implements + EPS)
    per = max(per or 0.0, floor_total / kit.implements) or None
    above = kit.up(target / kit.implements)
    far = per is None or (kit.owned is not None and target / kit.implements - per > kit.step)
    if far and above is not None:
        reps = _fewer_reps(above * kit.implements, goal, week)
        if reps is not None:
            total = round(above * kit.implements, 2)
            state = State(total, total * factor(reps, week.rir), f, week.index, first)
            return Pick(above, reps, state, _note(kit, above, reps, week.reps))
    if per is None:
        return Pick(None, week.reps, None, _note(kit, above, None, week.reps))
    total = round(per * kit.implements, 2)
    return Pick(per, week.reps, State(total, total * f, f, week.index, first))


def _fewer_reps(total: float, goal: float, week: LoadWeek) -> Range | None:
    """The phase's rep range cut so that `total` implies no more than `goal`, or None."""
    top = math.floor(30 * (goal / total - 1) + EPS) - week.rir.min
    if total > week.known + EPS:
        top = min(top, 7)  # above the known lift only for fewer than 8 reps
    top = min(top, week.reps.max)
    # never below the phase's own range (coaching.md §5): novices in base and recovery 8
    lowest = 8 if (week.experience == "novice" and week.phase == "base"
                   or week.phase == "recovery") else 6 if week.phase == "base" else 4
    if top < lowest:
        return None
    return Range(max(lowest, top - (week.reps.max - week.reps.min)), top)


def _note(kit: Kit, weight: float | None, reps: Range | None, wanted: Range) -> str:
    name = {"dumbbells": "dumbbells", "kettlebell": "kettlebell"}.get(kit.implement, "load")
    shown = f"{plain_number(weight)} {kit.unit}" if weight is not None else "none"
    if reps is None:
        return (f"The lightest {name} you can use here ({shown}) is too heavy for "
                f"{wanted} reps: work by effort and log the load.")
    return f"The nearest {name} you own is {shown}: {reps} reps instead of {wanted}."


# The book: each exercise's state, kept between weeks in the planner's `loads` mapping beside the
# load it records (`id` -> value of one implement), under `id#field` keys that are no exercise id.
# `week` is the loading week and phase the stored `start` state holds at; a second call in the same
# loading week of the same phase (a deload week and the week after it, two taper weeks) starts from
# the same state, and a new phase (peak after build, recovery after taper) from the last one kept.

def read_state(book: dict[str, float], exercise_id: str, prefix: str) -> State | None:
    key = f"{exercise_id}#{prefix}"
    if f"{key}.total" not in book:
        return None
    return State(book[f"{key}.total"], book[f"{key}.m"], book[f"{key}.f"],
                 int(book[f"{key}.since"]), book[f"{key}.first"])


def write_state(book: dict[str, float], exercise_id: str, prefix: str,
                state: State | None) -> None:
    key = f"{exercise_id}#{prefix}"
    for f in fields(State):
        if state is None:
            book.pop(f"{key}.{f.name}", None)
        else:
            book[f"{key}.{f.name}"] = float(getattr(state, f.name))


def plan_pick(book: dict[str, float], exercise_id: str, week: LoadWeek, kit: Kit) -> Pick:
    """This week's pick for `exercise_id`, keeping the book up to date.

    The state a week grows from is the last one the athlete was shown (the builder records what
    it kept under `exercise_id`); a pick that was not kept (a deload held the load, fitting
    dropped the exercise) leaves the state where it was. What the training log says of the
    exercise (`Logged`, under `id#log.*`) replaces that state once, the first time the exercise
    is met after a newly logged session; a niggle (`id#no-rise`) holds the load.
    """
    at, mark = book.get(f"{exercise_id}#week"), float(week.index * 8 + PHASES.index(week.phase))
    if at is None or at != mark:
        done = read_state(book, exercise_id, "done")
        kept = book.get(exercise_id)
        if done is not None and kept is not None and abs(
                kept * kit.implements - done.total) < 0.05:
            write_state(book, exercise_id, "start", done)
        book[f"{exercise_id}#week"] = mark
    week = replace(week, no_rise=bool(book.get(f"{exercise_id}#no-rise")))
    logged = read_logged(book, exercise_id)
    if logged is not None and book.get(f"{exercise_id}#log.applied") != logged.date:
        book[f"{exercise_id}#log.applied"] = logged.date
        start = from_log(read_state(book, exercise_id, "start"), logged, week, kit)
        write_state(book, exercise_id, "start", start)
    start = read_state(book, exercise_id, "start")
    if start is None and book.get(f"{exercise_id}#log-only"):
        return Pick(None, week.reps, None)  # a load only the log gives, and it has not yet
    pick = next_pick(start, week, kit)
    write_state(book, exercise_id, "done", pick.state)
    return pick


# What the log says of one exercise, written into the book by plan/follow.py before a week.
VERDICTS = ("base", "hold", "drop", "rise")


@dataclass(frozen=True)
class Logged:
    """The load done in the exercise's latest logged session (total, in the athlete's unit),
    the Epley factor of the prescription it was done against, what its two latest sessions
    earned (`VERDICTS`), and that session's date as an ordinal (the evidence is applied once)."""

    total: float
    f: float
    verdict: str
    date: float


def write_logged(book: dict[str, float], exercise_id: str, logged: Logged) -> None:
    key = f"{exercise_id}#log"
    book.update({f"{key}.total": logged.total, f"{key}.f": logged.f,
                 f"{key}.verdict": float(VERDICTS.index(logged.verdict)),
                 f"{key}.date": logged.date})


def read_logged(book: dict[str, float], exercise_id: str) -> Logged | None:
    key = f"{exercise_id}#log"
    if f"{key}.total" not in book:
        return None
    return Logged(book[f"{key}.total"], book[f"{key}.f"],
                  VERDICTS[int(book[f"{key}.verdict"])], book[f"{key}.date"])


def from_log(state: State | None, logged: Logged, week: LoadWeek, kit: Kit) -> State | None:
    """The state this week grows from, as the log says (docs/coaching.md, "The training log").

    The load done is carried to this week's rep range by the max it implies and rounded down to
    what the kit allows; two sessions at the top of the range add one step (the next weight
    owned), in base and build and when no niggle or deload holds it; a session short of the
    range holds the load, two drop it a step. A load done as planned changes nothing.
    """
    f = factor(week.reps, week.rir)
    per = kit.down(logged.total * logged.f / f / kit.implements)
    if per is None:
        return state  # lighter than anything the kit allows: the plan goes on as it was
    verdict = logged.verdict
    if verdict == "rise" and (week.no_rise or week.deload or week.phase not in ("base", "build")):
        verdict = "hold"
    if verdict == "rise":
        per = kit.up(per) or per
    elif verdict == "drop":
        per = kit.down(per - 0.01) or per
    elif verdict == "base" and state is not None and abs(state.total - logged.total) < 0.05 \
            and abs(state.f - logged.f) < EPS:
        return state
    if week.no_rise and per * kit.implements > logged.total + EPS:  # not even by the reps
        per = kit.down(logged.total / kit.implements) or per
    total = round(per * kit.implements, 2)
    first = max(state.first if state else 0.0, logged.total * logged.f)
    return State(total, total * f, f, week.index, first, eight=1.0)
