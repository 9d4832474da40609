"""Plans follow the training log (log.md; docs/coaching.md, "The training log").

What was done is shown beside what was planned: each logged exercise's sets on its prescription
(`done`), each logged or skipped day marked (`logged`), and what was lifted on a day without a
planned session, or beyond the day's session, as `extra_done`. A session not logged counts for
nothing.

Before each week, each exercise logged with a load is judged by its two latest logged sessions
dated before that week, against the rep range and RIR it was prescribed that week (`judge`,
`verdict`); the book of loads (plan/loads.py) carries the result into the week's prescription.

A niggle of 4/10 or more lightens, from its date until a later entry for that place is under 4,
the exercises that load that place (`NIGGLE_LOADS`): half their sets, no load rise, and no
plyometrics at all while it lasts; a warning names the place, the date and the weeks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Final

from ..model import (
    Athlete,
    Day,
    DoneExercise,
    DoneSet,
    Load,
    LoggedSession,
    Niggle,
    Prescription,
    Session,
    TrainingLog,
    Week,
)
from ..vocabulary import KG_PER_LB
from .choose import Choice
from .dose import WeekContext, prescribe
from .loads import BARS, EPS, Logged, factor, write_logged
from .timing import honest_minutes
from .warnings import WarningLog

NIGGLE_PAIN: Final = 4  # pain out of 10 from which a niggle lightens the plan
GROWABLE = ("accessory", "core")  # what a lightened session may add sets to, up to 4 each


@dataclass(frozen=True)
class Strain:
    """What a niggle at one body part lightens: exercises of `patterns`, the exercises `ids`,
    and `bar_patterns` when done with a bar; never those in `spared`."""

    words: str  # as the docs and the warning say it
    patterns: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    bar_patterns: tuple[str, ...] = ()
    spared: tuple[str, ...] = ()

    def loads(self, exercise_id: str, pattern: str, role: str,
              equipment: Iterable[str]) -> bool:
        """True when it loads the place: working sets only (warm-ups and cool-downs stay)."""
        if exercise_id in self.spared or role not in ("main", "accessory", "core"):
            return False
        return (pattern in self.patterns or exercise_id in self.ids
                or pattern in self.bar_patterns and bool(BARS & set(equipment)))


_CALF = Strain("calf raises", patterns=("calf",), spared=("tibialis-raise",))
_HIP = Strain("single-leg work (lunges, step-ups, split squats, single-leg deadlifts) and "
              "side-to-side hip work (leg lifts, band walks, clamshells, Copenhagen planks)",
              patterns=("single_leg", "hip"), ids=("single-leg-romanian-deadlift",))
# body part -> what a niggle there lightens (plyometrics stop for any niggle at 4 or more)
NIGGLE_LOADS: Final = MappingProxyType({
    "achilles": _CALF,
    "calf": _CALF,
    "shin": Strain("calf and tibialis raises", patterns=("calf",)),
    "knee": Strain("squats, lunges, step-ups and split squats", patterns=("squat", "single_leg")),
    "hamstring": Strain("hinges (deadlifts, bridges, hip thrusts, swings)", patterns=("hinge",)),
    "low_back": Strain("hinges, squats with a bar and loaded carries",
                       patterns=("hinge", "carry"), bar_patterns=("squat",)),
    "hip": _HIP,
    "it_band": _HIP,
})
PLACES: Final = MappingProxyType({"achilles": "Achilles", "low_back": "low back",
                                 "it_band": "IT band"})


def active_niggles(niggles: Iterable[Niggle], date: dt.date) -> tuple[Niggle, ...]:
    """The niggles at 4/10 or more on `date`: each from its own date until a later entry for the
    same place (and side; `both` speaks for either) is under 4."""
    active: dict[tuple[str, str], Niggle] = {}
    for niggle in sorted(niggles, key=lambda n: n.date):
        if niggle.date > date:
            break
        if niggle.pain >= NIGGLE_PAIN:
            active[(niggle.where, niggle.side)] = niggle
        else:
            active = {k: v for k, v in active.items() if k[0] != niggle.where
                      or niggle.side not in ("both", k[1])}
    return tuple(active.values())


def strained(p: Prescription | Choice, niggles: Sequence[Niggle]) -> bool:
    """True when a niggle lightens this prescription (or chosen exercise)."""
    if isinstance(p, Choice):
        what = (p.exercise.id, p.exercise.pattern, p.role, p.option)
    else:
        what = (p.id, p.pattern, p.role, p.equipment)
    return any(NIGGLE_LOADS[n.where].loads(*what) for n in niggles)


def niggle_message(niggle: Niggle) -> str:
    side = "" if niggle.side == "both" else f"{niggle.side} "
    place = PLACES.get(niggle.where, niggle.where)
    return (f"the log has the {side}{place} at {niggle.pain}/10 on "
            f"{niggle.date.strftime('%d %b %Y')}: {NIGGLE_LOADS[niggle.where].words} at half "
            f"their sets with no load rise, and no plyometrics, until the log has it under "
            f"{NIGGLE_PAIN}/10.")


def in_unit(load: Load, unit: str) -> float:
    """A load's total in `unit` (kg or lb)."""
    if load.unit == unit:
        return load.total
    return round(load.total * KG_PER_LB if unit == "kg" else load.total / KG_PER_LB, 2)


@dataclass(frozen=True)
class Judged:
    """One logged session of one exercise, judged against the prescription it was done to."""

    date: dt.date
    total: float  # the heaviest load of its sets, in the athlete's unit
    f: float  # Epley factor of the prescription: the top of its rep range and lowest RIR
    top: bool  # every set at the top of the range with at least the lower RIR in reserve
    short: bool  # a set short of the range's bottom


def judge(date: dt.date, sets: Sequence[DoneSet], p: Prescription, unit: str) -> Judged | None:
    """The session's verdict on one exercise, or None when it says nothing of a load (no load
    written, a timed hold, a prescription without a rep range or RIR)."""
    loaded = [s for s in sets if s.load is not None and s.reps is not None]
    if not loaded or p.reps is None or p.rir is None:
        return None
    reps, rir = p.reps, p.rir
    top = all(s.reps is not None and s.reps >= reps.max and s.rir is not None
              and s.rir >= rir.min for s in loaded)
    short = any(s.reps is not None and s.reps < reps.min for s in loaded)
    total = max(in_unit(s.load, unit) for s in loaded if s.load is not None)
    return Judged(date, total, factor(reps, rir), top, short)


def verdict(history: Sequence[Judged]) -> str:
    """What the two latest sessions earn: `rise` (both at the top, the latest no heavier),
    `drop` (both short), `hold` (the latest short), else `base` (the load done goes on)."""
    latest, before = history[-1], (history[-2] if len(history) > 1 else None)
    if latest.short:
        return "drop" if before is not None and before.short else "hold"
    if before is not None and latest.top and before.top \
            and latest.total * latest.f <= before.total * before.f + EPS:
        return "rise"
    return "base"


def prescription_for(weeks: Sequence[Week], date: dt.date, exercise_id: str
                     ) -> Prescription | None:
    """The prescription a logged exercise was done to: on its day's session, else in another
    session of the same week (a session moved to another day); None when the week has none."""
    week = next((w for w in weeks if w.start <= date < w.start + dt.timedelta(days=7)), None)
    if week is None:
        return None
    day = week.days[date.weekday()]
    ordered = ([day] if day.session else []) + [d for d in week.days if d is not day]
    return next((p for d in ordered if d.session for p in d.session.exercises
                 if p.id == exercise_id), None)


@dataclass(frozen=True)
class Follow:
    """One athlete's log as the planner reads it: within the block's dates only."""

    log: TrainingLog
    unit: str
    first: dt.date  # the block's first Monday
    end: dt.date  # the day after its last Sunday
    dose_athlete: Athlete  # the athlete with a known lift for each exercise logged with a load

    @classmethod
    def of(cls, log: TrainingLog | None, athlete: Athlete, first: dt.date, end: dt.date,
           book: dict[str, float]) -> Follow:
        """Marks in `book` the loads only the log gives (`id#log-only`): none before it."""
        log = log or TrainingLog(athlete.id)
        known: dict[str, float] = {}
        for entry in log.sessions:
            for done in entry.exercises if first <= entry.date < end else ():
                loads = [in_unit(s.load, athlete.load_unit) for s in done.sets if s.load]
                if loads and done.id not in athlete.lifts:
                    known.setdefault(done.id, max(loads))
        book.update({f"{exercise_id}#log-only": 1.0 for exercise_id in known})
        return cls(log, athlete.load_unit, first, end,
                   replace(athlete, lifts={**athlete.lifts, **known}) if known else athlete)

    def before_week(self, book: dict[str, float], weeks: Sequence[Week],
                    monday: dt.date) -> None:
        """Write into `book` what the log says of each exercise before `monday`."""
        history: dict[str, list[Judged]] = {}
        for entry in self.log.sessions:
            if entry.skipped or not self.first <= entry.date < monday:
                continue
            for done in entry.exercises:
                p = prescription_for(weeks, entry.date, done.id)
                judged = judge(entry.date, done.sets, p, self.unit) if p else None
                if judged is not None:
                    history.setdefault(done.id, []).append(judged)
        for exercise_id, sessions in history.items():
            latest = sessions[-1]
            write_logged(book, exercise_id, Logged(latest.total, latest.f, verdict(sessions),
                                                   float(latest.date.toordinal())))

    def prescribe(self, picked: list[Choice], ctx: WeekContext, date: dt.date,
                  book: dict[str, float]) -> list[Prescription]:
        """dose.prescribe, with the loads the log gives and no load rise where a niggle is."""
        for key in [k for k in book if k.endswith("#no-rise")]:
            del book[key]
        sore = active_niggles(self.log.niggles, date) if self.log.niggles else ()
        if sore:
            book.update({f"{c.exercise.id}#no-rise": 1.0 for c in picked if strained(c, sore)})
        return prescribe(picked, ctx, self.dose_athlete, book)

    def lighten(self, days: list[Day], ctx: WeekContext, allowed: int, number: int,
                warnings: WarningLog) -> list[Day]:
        """Each session on a day a niggle lasts: no plyometrics, half the sets of what loads the
        sore place; a loading week's session under 6 working sets grows its other accessory and
        core work back while it fits `allowed` minutes."""
        out = []
        for day in days:
            sore = active_niggles(self.log.niggles, day.date) if day.session else ()
            if day.session is None or not sore:
                out.append(day)
                continue
            floor = 0 if ctx.deload or ctx.phase in ("taper", "race") else 6
            lightened = _lighten(day.session.exercises, sore, floor, allowed)
            for niggle in sore:  # each niggle that had something of the session to lighten
                if any(strained(p, (niggle,)) or _jumps(p) for p in day.session.exercises):
                    warnings.add("niggle", niggle_message(niggle), number)
            session = replace(day.session, exercises=tuple(lightened),
                              minutes=honest_minutes(lightened))
            out.append(replace(day, session=session))
        return out


def _lighten(exercises: Sequence[Prescription], sore: Sequence[Niggle], floor: int,
             allowed: int) -> list[Prescription]:
    kept = [p.with_sets(max(1, math.ceil(p.sets / 2))) if strained(p, sore) else p
            for p in exercises if not _jumps(p)]
    growable = [i for i, p in enumerate(kept) if p.role in GROWABLE and not strained(p, sore)]
    while _working(kept) < floor:
        i = next((i for i in growable if kept[i].sets < 4), None)
        if i is None:
            break
        grown = kept[:i] + [kept[i].with_sets(kept[i].sets + 1)] + kept[i + 1:]
        if honest_minutes(grown) > allowed:
            break
        kept = grown
        growable = growable[1:] + growable[:1]  # round the others: one set each in turn
    return kept


def _jumps(p: Prescription) -> bool:
    return p.role == "plyometric" or p.pattern == "plyometric"


def _working(exercises: Sequence[Prescription]) -> int:
    return sum(p.sets for p in exercises if p.working)


def attach(weeks: Sequence[Week], log: TrainingLog | None) -> list[Week]:
    """The weeks with what the log says was done beside what was planned."""
    if log is None:
        return list(weeks)
    by_date = {entry.date: entry for entry in log.sessions}
    return [replace(w, days=tuple(_attach_day(d, by_date.get(d.date)) for d in w.days))
            for w in weeks]


def _attach_day(day: Day, entry: LoggedSession | None) -> Day:
    if entry is None:
        return day
    if entry.skipped:
        return replace(day, logged="skipped") if day.session else day
    if day.session is None:
        return replace(day, extra_done=entry.exercises)
    ids = {p.id for p in day.session.exercises}
    exercises = tuple(_with_done(p, entry.sets_of(p.id)) for p in day.session.exercises)
    extra: tuple[DoneExercise, ...] = tuple(e for e in entry.exercises if e.id not in ids)
    session: Session = replace(day.session, exercises=exercises)
    return replace(day, session=session, logged=True, extra_done=extra)


def _with_done(p: Prescription, sets: tuple[DoneSet, ...] | None) -> Prescription:
    return p if sets is None else replace(p, done=sets)
