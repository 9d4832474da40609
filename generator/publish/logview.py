"""How the training log reads beside the plan, the same on the page, in the PDF and in the
terminal: each set done against the set planned, the check-in results as a trend, the niggles.

Everything here works on a plan as published (privacy.py has already blanked what the club keeps
off a page), so a kind that is not shown is simply absent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import DoneExercise, DoneSet, Niggle, Plan, Prescription, Week
from ..vocabulary import plain_number

AREA_NAMES = {"achilles": "Achilles", "it_band": "IT band", "low_back": "low back"}  # the rest as written
SHORT, LOW_RIR = "short", "low RIR"  # the words that mark a set below the plan


@dataclass(frozen=True)
class DoneMark:
    """One set done, compact ('85 × 10 @ 2', '2×25 × 10' for one in each hand, '× 12', '40 s'),
    with the ways it fell below the plan in words: SHORT (reps or seconds under the range),
    LOW_RIR (fewer reps in reserve than the lowest target)."""

    text: str
    flags: tuple[str, ...] = ()


def set_text(done: DoneSet, unit: str) -> str:
    """A set done as the PDF's boxes take it: the load in the athlete's unit needs no unit."""
    load = ""
    if done.load is not None:
        written = "" if done.load.unit == unit else f" {done.load.unit}"
        each = f"{done.load.implements}×" if done.load.implements > 1 else ""
        load = f"{each}{plain_number(done.load.value)}{written} "
    amount = f"× {done.reps}" if done.reps is not None else f"{done.seconds} s"
    rir = f" @ {done.rir}" if done.rir is not None else ""
    return f"{load}{amount}{rir}"


def _flags(p: Prescription, done: DoneSet) -> tuple[str, ...]:
    short = (p.reps is not None and done.reps is not None and done.reps < p.reps.min) or (
        p.seconds is not None and done.seconds is not None and done.seconds < p.seconds)
    hard = p.rir is not None and done.rir is not None and done.rir < p.rir.min
    return tuple(word for word, on in ((SHORT, short), (LOW_RIR, hard)) if on)


def done_marks(p: Prescription, unit: str) -> list[DoneMark]:
    """The sets the log says were done for this prescription, each marked against it."""
    return [DoneMark(set_text(s, unit), _flags(p, s)) for s in p.done or ()]


def sets_missing(p: Prescription) -> int:
    """How many planned sets the log does not hold, on a logged exercise."""
    return max(p.sets - len(p.done), 0) if p.done is not None else 0


def done_line(p: Prescription, unit: str) -> str:
    """The sets done on one line, for the terminal: '85 × 10 @ 3, 85 × 8 @ 1 (short, low RIR)'."""
    marks = [m.text + (f" ({', '.join(m.flags)})" if m.flags else "") for m in done_marks(p, unit)]
    missing = sets_missing(p)
    if missing:
        marks.append(f"{missing} planned set{'s' if missing > 1 else ''} not logged")
    return ", ".join(marks)


def session_note(plan: Plan, date: dt.date) -> str | None:
    """The note the log holds for that date's session, when the plan shows the log."""
    logged = plan.log.on(date) if plan.log else None
    return logged.note if logged else None


def exercise_names(plan: Plan) -> dict[str, str]:
    """Every exercise the plan prescribes, by id, to name the exercises of an extra session."""
    return {p.id: p.name for w in plan.weeks for _, s in w.sessions for p in s.exercises}


def exercise_name(names: dict[str, str], exercise_id: str) -> str:
    return names.get(exercise_id) or exercise_id.replace("-", " ").capitalize()


def week_log_summary(week: Week) -> str:
    """'2 done', '1 done, 1 skipped', '1 extra': what the log says of one week, or ''."""
    logged = [d.logged for d in week.days]
    extra = sum(bool(d.extra_done) for d in week.days)
    parts = [f"{n} {word}" for n, word in ((logged.count(True), "done"),
                                          (logged.count("skipped"), "skipped"), (extra, "extra"))
             if n]
    return ", ".join(parts)


@dataclass(frozen=True)
class Trend:
    """One check-in test's results over the dates tested: a value a side a date (None: not
    tested that side that day)."""

    id: str
    name: str
    unit: str  # "reps" | "s"
    dates: tuple[dt.date, ...]
    left: tuple[float | None, ...]
    right: tuple[float | None, ...]

    def value(self, v: float | None) -> str:
        if v is None:
            return "–"
        return f"{plain_number(v)} s" if self.unit == "s" else str(plain_number(v))

    def change(self, side: str) -> str:
        """The change from the first result to the last, '+2', '−3 s', or '' with one result."""
        values = [v for v in (self.left if side == "left" else self.right) if v is not None]
        if len(values) < 2:
            return ""
        diff = plain_number(round(values[-1] - values[0], 1))
        sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
        return f"{sign}{abs(diff)}{' s' if self.unit == 's' else ''}"


def check_in_trends(plan: Plan) -> list[Trend]:
    """The log's check-in results, a trend per test, in the plan's order of the tests."""
    if plan.log is None or not plan.log.check_ins:
        return []
    names = {c.id: c.name for w in plan.weeks for c in w.check_ins}
    order = list(names)
    dates = tuple(sorted({r.date for r in plan.log.check_ins}))
    trends = []
    for test_id in sorted({r.id for r in plan.log.check_ins},
                          key=lambda i: (order.index(i) if i in order else len(order), i)):
        results = {r.date: r for r in plan.log.check_ins if r.id == test_id}
        trends.append(Trend(test_id, exercise_name(names, test_id),
                            next(iter(results.values())).unit, dates,
                            tuple(results[d].left if d in results else None for d in dates),
                            tuple(results[d].right if d in results else None for d in dates)))
    return trends


def check_in_results(plan: Plan, week_start: dt.date) -> dict[str, tuple[str, str]]:
    """The results logged in one week, by test id: (left, right) as text, for the PDF's boxes."""
    week = {week_start + dt.timedelta(days=i) for i in range(7)}
    shown: dict[str, tuple[str, str]] = {}
    for trend in check_in_trends(plan):
        for date, left, right in zip(trend.dates, trend.left, trend.right, strict=True):
            if date in week and (left is not None or right is not None):
                shown[trend.id] = (trend.value(left), trend.value(right))
    return shown


def niggle_text(niggle: Niggle) -> str:
    """'Achilles, left side, pain 4/10' (the date is written beside it)."""
    where = AREA_NAMES.get(niggle.where, niggle.where)
    side = "both sides" if niggle.side == "both" else f"{niggle.side} side"
    return f"{where}, {side}, pain {niggle.pain}/10"


class LogView:
    """What the templates ask of a plan's log, for the plan as one page or PDF shows it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.unit = plan.athlete.load_unit
        self.names = exercise_names(plan)
        self.trends = check_in_trends(plan)
        self.niggles = [(n.date, niggle_text(n)) for n in plan.log.niggles] if plan.log else []
        self.logged = any(d.logged is not None or d.extra_done for w in plan.weeks for d in w.days)

    @property
    def shown(self) -> bool:
        """Whether the page has any of the log to show."""
        return bool(self.logged or self.trends or self.niggles)

    def marks(self, p: Prescription) -> list[DoneMark]:
        return done_marks(p, self.unit)

    def missing(self, p: Prescription) -> int:
        return sets_missing(p)

    def extra(self, done: DoneExercise) -> tuple[str, list[DoneMark]]:
        """An exercise of an extra session: its name and its sets (nothing to mark them by)."""
        return exercise_name(self.names, done.id), [DoneMark(set_text(s, self.unit))
                                                    for s in done.sets]

    def note(self, date: dt.date) -> str | None:
        return session_note(self.plan, date)

    def week(self, week: Week) -> str:
        return week_log_summary(week)

    def check_ins(self, week: Week) -> dict[str, tuple[str, str]]:
        return check_in_results(self.plan, week.start)

    def summary(self) -> str:
        """'3 sessions done, 1 skipped and 1 extra session': the log over the whole block."""
        days = [d for w in self.plan.weeks for d in w.days]
        done = sum(d.logged is True and d.session is not None for d in days)
        skipped = sum(d.logged == "skipped" for d in days)
        extra = sum(bool(d.extra_done) and d.session is None for d in days)
        parts = [f"{done} session{'s' if done != 1 else ''} done"]
        if skipped:
            parts.append(f"{skipped} skipped")
        if extra:
            parts.append(f"{extra} extra session{'s' if extra != 1 else ''}")
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
