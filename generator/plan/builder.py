"""The plan builder: a pure function from an athlete profile to a strength block.

Read the block's weeks and phases, decide how many sessions each week wants, place them on days,
fill them from the session templates, then prescribe and fit every session. Nothing here prints or
touches files; the same athlete, library and date always give the same plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import __version__
from ..markup import render_markdown
from ..model import (
    Athlete,
    CheckIn,
    Day,
    Library,
    Plan,
    Prescription,
    Session,
    TrainingLog,
    Week,
)
from ..vocabulary import DAYS, KM_PER_MI, plain_number
from .block import BlockWeek, phase_split_text, plan_block
from .choose import Choice, Template, choose_exercises, same_as_before, templates
from .dose import HIGH_MILEAGE_KM, DoseWeek, WeekContext, set_range
from .fit import at_least, fitted, fitted_unloaded
from .focus import needs as focus_needs
from .focus import top_up as focus_top_up
from .focus import unmet as focus_unmet
from .focus import why_unmet
from .follow import Follow, attach
from .schedule import RunCalendar, schedule_week
from .warnings import (
    PlacedWeek,
    WarningLog,
    warn_plyometrics,
    warn_schedule,
    warn_shoulds,
    warn_unused_lifts,
)
from .week import (
    CHECK_IN_EVERY,
    CHECK_INS,
    day_reason,
    nutrition,
    race_week_target,
    recovery_template,
    session_names,
    wanted_sessions,
    warn_avoid_unmet,
    warn_changes_outside,
    warn_race_week_runs,
)


def build_plan(athlete: Athlete, library: Library, today: dt.date,
               log: TrainingLog | None = None) -> Plan:
    """The whole strength block for `athlete`, as of `today`, following `log` when given."""
    planner = _Planner.for_athlete(athlete, library)
    block, notes = plan_block(athlete, today)
    for note in notes:
        planner.warnings.add(note.code, note.message)
    warn_changes_outside(athlete, [w.start for w in block], planner.warnings)
    planner.follow = Follow.of(log, athlete, block[0].start,
                               block[-1].start + dt.timedelta(days=7), planner.loads)
    weeks = planner.plan_weeks(block)
    planner.warn_over_time()
    warn_race_week_runs(weeks, planner.calendar, planner.warnings)
    warn_unused_lifts(athlete, library, weeks, planner.warnings)
    return Plan(athlete=athlete, weeks=tuple(attach(weeks, log)),
                warnings=planner.warnings.result(), log=log,
                notes_html=render_markdown(athlete.notes) if athlete.notes else "",
                nutrition=nutrition(athlete), phase_split=phase_split_text(),
                generator=f"runlift {__version__}")


@dataclass(frozen=True)
class _Limits:
    """What caps one week's sessions: the race week's, taper's and deload's volume."""

    number: int
    race_target: int | None = None
    taper_cap: int | None = None
    deload_cap: int | None = None


@dataclass(frozen=True)
class _Saved:
    loads: dict[str, float]
    over: dict[str, list[tuple[int, int]]]
    timed: set[int]


@dataclass
class _Planner:
    """One athlete's planning: the templates filled once, and the loads and warnings so far."""

    athlete: Athlete
    library: Library
    calendar: RunCalendar
    high_mileage: bool
    shapes: dict[str, Template]
    choices: dict[str, list[Choice]]
    loads: dict[str, float] = field(default_factory=dict)
    warnings: WarningLog = field(default_factory=WarningLog)
    over: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # over time: weeks
    timed: set[int] = field(default_factory=set)  # weeks where time cut upper-body work
    follow: Follow = field(init=False)  # the training log, as the weeks follow it
    _saved: _Saved | None = None  # loads and time notes as the week began (`_keep_focus`)
    _picks: dict[tuple[str, bool], tuple[tuple[Choice, ...], bool]] = field(
        default_factory=dict)  # `_choices`

    def warn_over_time(self) -> None:
        """One `session-over-time` a session, with its weeks and the minutes it needs."""
        allowed = self.athlete.session_minutes
        for name, found in self.over.items():
            low, high = min(m for _, m in found), max(m for _, m in found)
            needs = f"{low}–{high}" if low != high else f"{low}"
            for number, _ in found:
                self.warnings.add("session-over-time", f"session {name} needs {needs} min, over "
                                  f"the {allowed} + 5 allowed, even with accessories cut to what "
                                  "the week needs, the shortest rests, the fewest main-lift sets "
                                  "and a short warm-up and cool-down.", number)

    @classmethod
    def for_athlete(cls, athlete: Athlete, library: Library) -> _Planner:
        shapes = {**templates(athlete), "Recovery": recovery_template()}
        choices: dict[str, list[Choice]] = {}
        used: set[str] = set()
        for name in ("A", "B", "C"):  # the week's sessions avoid repeating one another
            choices[name] = choose_exercises(shapes[name], athlete, library, used)
            used |= {c.exercise.id for c in choices[name]}
        for name in ("Full", "Light", "Primer", "Recovery"):
            choices[name] = choose_exercises(shapes[name], athlete, library, set())
        # the week's one session lifts what A and B have been lifting: no new heavy lift late
        choices["Full"] = same_as_before(choices["Full"], [*choices["A"], *choices["B"]])
        return cls(athlete, library, RunCalendar(athlete),
                   athlete.mileage_km > HIGH_MILEAGE_KM, shapes, choices)

    def plan_weeks(self, block: list[BlockWeek]) -> list[Week]:
        weeks: list[Week] = []
        previous: Week | None = None
        loading_weeks = taper_week = 0
        taper_length = sum(w.phase == "taper" for w in block)
        for index, block_week in enumerate(block):
            taper_week = taper_week + 1 if block_week.phase == "taper" else 0
            # a deload is fitted as the loading week before it was, then cut: same exercises
            mileage_week = block[index - 1] if block_week.deload and index else block_week
            ctx = WeekContext(block_week.phase, block_week.deload, self.athlete.experience,
                              self._high_mileage(mileage_week.start), taper_week, loading_weeks,
                              taper_length)
            following = block[index + 1] if index + 1 < len(block) else None
            keep_sunday_free = following is not None and self._needs_monday(following)
            self.follow.before_week(self.loads, weeks, block_week.start)
            previous = self.plan_week(block_week, ctx, previous, keep_sunday_free)
            if block_week.phase in ("base", "build") and not (block_week.deload or
                                                               block_week.off):
                loading_weeks += 1
            weeks.append(previous)
        return weeks

    def _needs_monday(self, following: BlockWeek) -> bool:
        """True when a session this Sunday would leave the next week with none at all.

        Not for a race week: its session is optional, this week's is not.
        """
        if following.phase == "race" or following.off:
            return False
        wanted = wanted_sessions(following.phase, self.athlete,
                                 self._high_mileage(following.start), WarningLog(), 0)
        free = schedule_week(following.start, wanted, self.athlete, self.calendar, frozenset(),
                             frozenset())
        if not free.slots:
            return False
        blocked = schedule_week(following.start, wanted, self.athlete, self.calendar,
                                frozenset({0}), frozenset())
        return not blocked.slots

    def plan_week(self, block_week: BlockWeek, ctx: WeekContext, previous: Week | None,
                  keep_sunday_free: bool) -> Week:
        athlete, number = self.athlete, block_week.number
        if block_week.off:
            return self._week(block_week, (), ())
        wanted = wanted_sessions(block_week.phase, athlete, ctx.high_mileage, self.warnings,
                                 number)
        blocked = frozenset({0}) if previous and previous.days[6].session else frozenset()
        if keep_sunday_free:
            blocked |= {6}
        previous_days = frozenset(i for i, d in enumerate(previous.days) if d.session) \
            if previous else frozenset(DAYS.index(d) for d in athlete.strength_days or ())
        schedule = schedule_week(block_week.start, wanted, athlete, self.calendar, blocked,
                                 previous_days)
        warn_schedule(PlacedWeek(block_week, schedule, athlete, self.calendar), wanted,
                      self.warnings)
        names = session_names(schedule.slots)
        limits = self._limits(block_week, previous, len(schedule.slots))
        self._saved = self._snapshot()
        days = self._days(block_week.start, names, ctx, limits)
        if block_week.phase in ("base", "build", "peak"):
            days = self._keep_focus(block_week, names, ctx, limits, days)
        after_off = previous is not None and previous.off
        self._warn_week(block_week, [d.session for d in days if d.session], after_off)
        days = self.follow.lighten(days, ctx, athlete.session_minutes, number, self.warnings)
        check_ins: tuple[CheckIn, ...] = ()
        if (number - 1) % CHECK_IN_EVERY == 0 and block_week.phase not in ("taper", "race"):
            check_ins = CHECK_INS
        return self._week(block_week, tuple(days), check_ins, after_off)

    def _days(self, monday: dt.date, names: dict[int, str], ctx: WeekContext, limits: _Limits,
              choices: dict[str, list[Choice]] | None = None) -> list[Day]:
        days = []
        for i in range(7):
            date = monday + dt.timedelta(days=i)
            name = names.get(i)
            session = self.session(name, date, ctx, limits, (choices or {}).get(name)) \
                if name else None
            days.append(Day(date, DAYS[i], self.calendar.run(date), session))
        return days

    def _keep_focus(self, block_week: BlockWeek, names: dict[int, str], ctx: WeekContext,
                    limits: _Limits, days: list[Day]) -> list[Day]:
        """The week made again with the focus work it lacks (focus.py); what `avoid` or the
        equipment still keeps out is warned, outside deloads (their minimums do not apply)."""
        wanted = focus_needs(self.athlete)
        missing = focus_unmet(_made(days), wanted)
        if not missing:
            return days
        week = [(name, self._picked(name, ctx)) for name in dict.fromkeys(
            names[i] for i in sorted(names))]
        choices = focus_top_up(week, missing, self.athlete, self.library)
        self._restore()  # the first try's loads and time notes are not the week's
        days = self._days(block_week.start, names, ctx, limits, choices)
        for need in focus_unmet(_made(days), wanted):
            if not block_week.deload:
                self.warnings.add("focus-unmet", why_unmet(need, self.athlete, self.library),
                                  block_week.number)
        return days

    def _snapshot(self) -> _Saved:
        return _Saved(dict(self.loads), {k: list(v) for k, v in self.over.items()},
                      set(self.timed))

    def _restore(self) -> None:
        saved = self._saved
        assert saved is not None  # plan_week saves before making the week's sessions
        self.loads, self.over, self.timed = (dict(saved.loads),
                                             {k: list(v) for k, v in saved.over.items()},
                                             set(saved.timed))

    def _choices(self, name: str, ctx: WeekContext) -> tuple[tuple[Choice, ...], bool]:
        """`_picked`, kept for the block, and whether a known lift is among them."""
        key = (name, ctx.phase in ("base", "build"))
        known = self._picks.get(key)
        if known is None:
            picked = tuple(self._picked(name, ctx))
            known = self._picks[key] = (picked, self._lifted(picked))
        return known

    def _lifted(self, choices: Sequence[Choice]) -> bool:
        """Whether the book of loads has a part in these choices: a known lift among them."""
        return any(c.exercise.id in self.follow.dose_athlete.lifts for c in choices)

    def _picked(self, name: str, ctx: WeekContext) -> list[Choice]:
        """The session's exercises this week: plyometrics belong to base and build only."""
        return [c for c in self.choices[name]
                if c.role != "plyometric" or ctx.phase in ("base", "build")]

    def _week(self, block_week: BlockWeek, days: tuple[Day, ...], check_ins: tuple[CheckIn, ...],
              after_off: bool = False) -> Week:
        """The week as planned; an off week keeps its runs and has no session."""
        if block_week.off:
            days = tuple(Day(d, DAYS[d.weekday()], self.calendar.run(d), None)
                         for d in (block_week.start + dt.timedelta(days=i) for i in range(7)))
        change = self.athlete.changes.get(block_week.start)
        notes = block_week.notes + self._own_choices(block_week, days)
        if block_week.phase == "race" and after_off and not any(d.session for d in days):
            notes += ("No session: the week before was off, and a race week holds at most half "
                      "the week before's sets.",)
        return Week(block_week.number, block_week.start, block_week.phase, block_week.deload,
                    days, check_ins, off=block_week.off,
                    weekly_mileage=self._mileage(block_week.start),
                    changed=change is not None and bool(change.days or change.weekly_mileage),
                    notes=notes)

    def _own_choices(self, block_week: BlockWeek, days: tuple[Day, ...]) -> tuple[str, ...]:
        """What the plan chose for this week itself, explained rather than warned."""
        held = sum(d.session is not None for d in days)
        notes: list[str] = []
        if block_week.phase == "taper" and held:
            notes.append("Taper: fewer sets at the same loads; upper-body and extra accessory "
                         "work make way for the race.")
        if self._high_mileage(block_week.start) and held and not block_week.off:
            mileage = plain_number(self._mileage(block_week.start))
            one = (" and one session" if held == 1 and block_week.phase in ("peak", "taper")
                   else "")
            notes.append(f"High mileage ({mileage} {self.athlete.units} this week): sessions "
                         f"keep to the low end of 8–12 working sets{one}.")
        return tuple(notes)

    def _mileage(self, monday: dt.date) -> float:
        change = self.athlete.changes.get(monday)
        if change is not None and change.weekly_mileage is not None:
            return change.weekly_mileage
        return self.athlete.weekly_mileage

    def _high_mileage(self, monday: dt.date) -> bool:
        """Over 80 km a week, this week's mileage as `changes` may give it."""
        per_unit = KM_PER_MI if self.athlete.units == "mi" else 1.0
        return self._mileage(monday) * per_unit > HIGH_MILEAGE_KM

    def _limits(self, block_week: BlockWeek, previous: Week | None, sessions: int) -> _Limits:
        number = block_week.number
        if block_week.phase == "race":
            return _Limits(number, race_target=race_week_target(previous))
        if not (previous and previous.working_sets and sessions):
            return _Limits(number)
        if block_week.phase == "taper":
            # a taper cuts volume: at most about 80 % of the week before, shared by the sessions
            return _Limits(number, taper_cap=max(1, int(previous.working_sets * 0.8) // sessions))
        if block_week.deload:
            return _Limits(number, deload_cap=max(1, round(previous.working_sets * 0.6)
                                                  // sessions))
        return _Limits(number)

    def _warn_week(self, block_week: BlockWeek, sessions: list[Session], after_off: bool) -> None:
        number = block_week.number
        if block_week.phase == "race" and not sessions and after_off:
            pass  # explained in the week's notes
        elif block_week.phase == "race" and not sessions:
            self.warnings.add("race-week-no-session", "no day of the race week leaves 4 days "
                              "before the race and 3 after it, so the race week has no strength "
                              "session.", number)
        elif block_week.phase != "race" and not sessions:
            self.warnings.add("no-session", "no day this week can take a strength session (long "
                              "runs, races and the days around the race fill it).", number)
        if block_week.phase != "race":
            # a deload keeps every exercise of its week: what it misses, a loading week misses
            cut = "taper" if block_week.phase == "taper" else (
                "time" if number in self.timed else "sets")
            warn_shoulds(number, sessions, self.athlete, self.library, self.warnings, cut)
            warn_plyometrics(block_week, sessions, self.athlete, self.warnings)
            warn_avoid_unmet(number, sessions, self.athlete, self.library, self.warnings)

    def session(self, name: str, date: dt.date, ctx: WeekContext, limits: _Limits,
                choices: list[Choice] | None = None) -> Session | None:
        athlete = self.athlete
        picked, lifted = self._choices(name, ctx) if choices is None else (
            tuple(choices), self._lifted(choices))
        sets = set_range(name, ctx, limits.race_target, limits.taper_cap)
        # fit the session as in a normal week, so a deload keeps the same exercises, fewer sets
        # (a deload's loads hold what the week before implied: no step up, the reps' own load)
        cut = (ctx.deload, limits.deload_cap, limits.taper_cap)
        if not lifted:
            if sets is None:
                return None  # nothing left to halve after an off week
            # no load to look up in the book: the session is the same wherever it recurs
            kept, timed, minutes, working = fitted_unloaded(
                picked, DoseWeek.of(ctx, self.follow.dose_athlete), sets,
                athlete.session_minutes, ctx.phase, cut)
        else:
            prescriptions = tuple(at_least(c, p) for c, p in zip(
                picked, self.follow.prescribe(list(picked), ctx, date, self.loads), strict=True))
            if sets is None:
                return None
            kept, timed, minutes, working = fitted(tuple(c.spec for c in picked), prescriptions,
                                                   sets, athlete.session_minutes, ctx.phase, cut)
        if working == 0:
            return None
        self.loads.update({p.id: p.load.value for p in kept if p.load})
        if timed:
            self.timed.add(limits.number)
        if minutes > athlete.session_minutes + 5:  # coaching.md §5: warned after every cut
            self.over.setdefault(name, []).append((limits.number, minutes))
        return self._session(name, date, ctx, kept, minutes)

    def _session(self, name: str, date: dt.date, ctx: WeekContext,
                 kept: tuple[Prescription, ...], minutes: int) -> Session:
        intensity = "heavy"
        if name in ("C", "Light", "Primer", "Recovery") or ctx.phase == "recovery":
            intensity = "light"
        elif ctx.deload or ctx.phase in ("peak", "taper"):
            intensity = "moderate"
        run = self.calendar.run(date)
        order = "standalone" if run in ("rest", "cross") else "after_run"
        return Session(name=name, focus=self.shapes[name].focus, intensity=intensity, order=order,
                       minutes=minutes, exercises=kept,
                       reason=day_reason(date, run, self.calendar, name))


def _made(days: list[Day]) -> list[tuple[str, list[Prescription]]]:
    return [(d.session.name, list(d.session.exercises)) for d in days if d.session]
