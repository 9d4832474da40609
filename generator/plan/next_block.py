"""The next block (`runlift next`): when it starts, which phase it is in, and the known lifts the
log's best recent sets give. Pure: the pipeline reads the profile and its log, and writes the text.

- It starts on the Monday after this block's last week.
- A race in this block (or before it) is done: the next block goes back to base with no race. A
  race still ahead is kept, and the block goes on toward it in the phase this block reached or
  the one the countdown gives, whichever is later. A block given by `phase` alone moves on to the
  phase that follows.
- A known lift (profile.md `lifts`) is the total load moved for about 8 reps with 2 in reserve:
  each loaded set of the log's latest weeks implies a max (Epley, as loads.py judges every
  prescription), the best set gives the lift, rounded down to what the equipment allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..model import Athlete, DoneSet, Library, Plan, Range, TrainingLog, Weight
from ..vocabulary import plain_number
from .block import ORDER, countdown_phase, monday_of, plan_block
from .loads import BAR, KNOWN_FACTOR, STEPS, Kit, factor, kit_for

RECENT_WEEKS = 4  # the log's "best recent sets": the 4 weeks up to its latest session
# a block given by `phase` alone moves on; taper leads to a race, so what follows it is recovery
FOLLOWS = {"base": "build", "build": "peak", "peak": "taper", "taper": "recovery",
           "race": "recovery", "recovery": "base"}


@dataclass(frozen=True)
class NextLift:
    """A known lift from the log: `value` of one implement, held `implements` times."""

    id: str
    value: float
    implements: int
    unit: str
    date: dt.date  # the session the best set came from
    done: DoneSet  # that set

    @property
    def total(self) -> float:
        return round(self.value * self.implements, 2)

    def written(self, per_hand: bool, each: bool = False) -> str:
        """As a `lifts` value: '2 x 30 lb' or '30 lb each' per hand, else the total."""
        if per_hand and self.implements == 2:
            one = f"{plain_number(self.value)} {self.unit}"
            return f"{one} each" if each else f"2 x {one}"
        return f"{plain_number(self.total)} {self.unit}"

    def source(self) -> str:
        """Where it came from, for the comment on its line: '2027-02-22: 90 lb x 10 @ 2'."""
        load = self.done.load
        assert load is not None and self.done.reps is not None
        held = (f"{plain_number(load.value)} {load.unit} each" if load.implements == 2
                else f"{plain_number(load.total)} {load.unit}")
        rir = f" @ {self.done.rir}" if self.done.rir is not None else " (no RIR: counted as 0)"
        return f"{self.date.isoformat()}: {held} x {self.done.reps}{rir}"


@dataclass(frozen=True)
class NextBlock:
    start: dt.date
    phase: str | None  # the `phase` to write; None: none (the race countdown decides)
    keep_race: bool
    weeks: int | None  # a new `weeks`, when the old one would run past the race; else None
    dropped_changes: tuple[dt.date, ...]  # `changes` weeks outside the next block
    lifts: tuple[NextLift, ...]  # in the log's order of first appearance
    reasons: tuple[str, ...]  # what changed and why, a sentence each, for the coach
    recent: tuple[dt.date, dt.date] | None  # the log's dates the lifts were taken from


def next_block(athlete: Athlete, plan: Plan, library: Library,
               log: TrainingLog | None = None, units: dict[str, str] | None = None) -> NextBlock:
    """What follows `plan`: its start, phase, race and lifts (in `units[id]` where given, else
    the athlete's load_unit)."""
    last = plan.weeks[-1]
    start = last.start + dt.timedelta(weeks=1)
    phase, keep_race, weeks, reasons = _phase(athlete, last.phase, start)
    race = athlete.race if keep_race else None
    following = replace(athlete, start=start, phase=phase, race=race,
                        weeks=weeks or athlete.weeks, changes={})
    mondays = {w.start for w in plan_block(following, start)[0]}
    dropped = tuple(sorted(m for m in athlete.changes if m not in mondays))
    if dropped:
        reasons.append("changes: " + ", ".join(m.isoformat() for m in dropped)
                       + " removed: outside the next block's weeks.")
    recent = _recent(log)
    lifts = _lifts(athlete, plan, library, log, recent, units or {}) if recent else ()
    return NextBlock(start, phase, keep_race, weeks, dropped, lifts,
                     (f"start: {start.isoformat()}, the Monday after this block's last week "
                      f"({last.start.isoformat()}).", *reasons), recent)


def _phase(athlete: Athlete, last_phase: str,
           start: dt.date) -> tuple[str | None, bool, int | None, list[str]]:
    """The next block's phase, whether the race stays, a new `weeks`, and why."""
    race = athlete.race
    if race is not None and monday_of(race.date) >= start:
        return _toward_race(athlete, last_phase, start)
    if race is not None:
        name = f"{race.name}, " if race.name else ""
        return "base", False, None, [
            f"phase: base, race removed: the race ({name}{race.date.isoformat()}) is done, so "
            "the next block goes back to base; add the next race when it is set."]
    now = athlete.phase or last_phase
    phase = FOLLOWS[now]
    why = " (taper leads to a race, and the race is past)" if now == "taper" else ""
    return phase, False, None, [f"phase: {phase}, the phase after {now}{why}."]


def _toward_race(athlete: Athlete, last_phase: str,
                 start: dt.date) -> tuple[str | None, bool, int | None, list[str]]:
    race = athlete.race
    assert race is not None
    race_monday = monday_of(race.date)
    to_race = (race_monday - start).days // 7
    counted = countdown_phase(to_race, to_race, race.distance)
    reached = last_phase if last_phase in ORDER[:4] else "base"
    phase = max(counted, reached, key=ORDER.index)
    if counted == "race":
        phase = "race"
    reasons = [f"race kept: {race.date.isoformat()} is {to_race} week"
               f"{'s' if to_race != 1 else ''} after the next block's first Monday."]
    written: str | None = phase
    if athlete.phase is None and phase == counted:
        written = None  # the countdown gives it: nothing to write
    elif phase != athlete.phase:
        reasons.append(f"phase: {phase}, " + (
            f"where this block ended (a block does not step back to {counted})"
            if phase != counted else "as the countdown to the race gives it") + ".")
    weeks = None
    if athlete.weeks is not None and athlete.weeks > to_race + 1:
        weeks = to_race + 1
        reasons.append(f"weeks: {weeks}, to end with the race week "
                       f"({race_monday.isoformat()}).")
    return written, True, weeks, reasons


def _recent(log: TrainingLog | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the log's latest RECENT_WEEKS weeks, or None: nothing logged."""
    days = [s.date for s in (log.sessions if log else ()) if not s.skipped and s.exercises]
    if not days:
        return None
    latest = max(days)
    return latest - dt.timedelta(weeks=RECENT_WEEKS) + dt.timedelta(days=1), latest


def _lifts(athlete: Athlete, plan: Plan, library: Library, log: TrainingLog | None,
           recent: tuple[dt.date, dt.date], units: dict[str, str]) -> tuple[NextLift, ...]:
    best: dict[str, tuple[float, NextLift]] = {}
    for session in (log.sessions if log else ()):
        if session.skipped or not recent[0] <= session.date <= recent[1]:
            continue
        for done in session.exercises:
            hands = max((s.load.implements for s in done.sets if s.load), default=1)
            kit = _kit(done.id, hands, (athlete, plan, library),
                       units.get(done.id, athlete.load_unit))
            if kit is None:
                continue
            for one in done.sets:
                found = _lift(done.id, one, session.date, kit)
                old = best.get(done.id)
                # the set implying the highest max; of equals, the latest
                if found is not None and (old is None or found[0] >= old[0] - 1e-9):
                    best[done.id] = found
    return tuple(lift for _, lift in best.values())


def _lift(exercise_id: str, one: DoneSet, date: dt.date,
          kit: Kit) -> tuple[float, NextLift] | None:
    """The max one set implies, and the known lift it gives, rounded down to the kit; None: no
    load, timed, or lighter than anything the kit allows."""
    if one.load is None or one.reps is None or one.reps < 1:
        return None
    total = Weight(one.load.total, one.load.unit).to(kit.unit)
    done_max = total * factor(Range(one.reps, one.reps), Range(one.rir or 0, one.rir or 0))
    value = kit.down(done_max / KNOWN_FACTOR / kit.implements)
    if value is None:
        return None
    return done_max, NextLift(exercise_id, value, kit.implements, kit.unit, date, one)


def _kit(exercise_id: str, hands: int, given: tuple[Athlete, Plan, Library],
         unit: str) -> Kit | None:
    """How the athlete holds the exercise's load, in `unit`: as the plan last prescribed it,
    else the first way their equipment allows that holds as many weights as the log's sets
    (`hands`: a dumbbell in each hand), else the first way their equipment allows."""
    athlete, plan, library = given
    if exercise_id not in library:
        return None
    exercise = library[exercise_id]
    owned = [o for o in exercise.equipment if set(o) <= athlete.equipment]
    option = next((p.equipment for week in reversed(plan.weeks) for _, s in week.sessions
                   for p in s.exercises if p.id == exercise_id), None)
    option = option or next((o for o in owned if exercise.implements_for(o) == hands),
                            owned[0] if owned else None)
    kit = kit_for(exercise, option, athlete) if option is not None else None
    if kit is None or unit == kit.unit:
        return kit
    return _in_unit(kit, unit)


def _in_unit(kit: Kit, unit: str) -> Kit:
    """The same kit weighed in the other unit (a lift written in kg by a lb athlete)."""
    owned = None if kit.owned is None else tuple(
        round(Weight(w, kit.unit).to(unit), 1) for w in kit.owned)
    bar = BAR[unit] if kit.bar is not None else None
    return replace(kit, unit=unit, step=STEPS[kit.implement][unit], owned=owned, bar=bar)
