"""The plan as plain text for a terminal: week by week, day by day."""

from __future__ import annotations

from ..model import Day, Plan
from ..vocabulary import DAY_NAMES, PHASE_NAMES, plain_number, terms
from .logview import LogView, done_line
from .wording import effort, load_text, order_text


def render_text(plan: Plan) -> str:
    a = plan.athlete
    count = len(plan.weeks)
    lines = [f"{a.name}: strength block of {count} week{'s' if count != 1 else ''}"]
    if a.race:
        name = f"{a.race.name}, " if a.race.name else ""
        lines.append(f"Race: {name}{a.race.distance} on {a.race.date:%a %d %b %Y}")
    lines.append(f"Experience {a.experience}; {plain_number(a.weekly_mileage)} {a.units} a week; "
                 f"sessions of {a.session_minutes} min")
    lifts = plan.lifts_read()
    if lifts:
        lines.append("Known lifts, as read: " + "; ".join(
            f"{lift['id']}: {lift['read_as']}" for lift in lifts))
    lines.append(f"Progression: {plan.progression_rule}")
    log = LogView(plan)
    for week in plan.weeks:
        lines.append("")
        deload = ", deload" if week.deload else ""
        logged = f" · logged: {log.week(week)}" if log.week(week) else ""
        lines.append(f"Week {week.number} · {PHASE_NAMES[week.phase]}{deload} · from "
                     f"{week.start:%d %b %Y} · {week.working_sets} working sets{logged}")
        for day in week.days:
            lines += _day_lines(day, log)
        for check in week.check_ins:
            lines.append(f"  check-in: {check.name} (record {check.record})")
    lines += _log_lines(log)
    if plan.warnings:
        lines.append("")
        lines.append("Warnings:")
        for w in plan.warnings:
            lines.append(f"  [{w.code}] {w.message}")
    if plan.nutrition:
        n = plan.nutrition
        lines.append("")
        lines.append(f"Protein {n.protein_g} g a day in {n.meals} meals of {n.protein_per_meal_g} g; "
                     f"sleep {n.sleep_hours} h.")
    lines += ["", "Terms:"] + [f"  {term}: {text}" for term, text in terms(a.load_unit).items()]
    return "\n".join(lines) + "\n"


def _day_lines(day: Day, log: LogView) -> list[str]:
    """A day: its run, and its session with every exercise (and, once logged, what was done)."""
    name = DAY_NAMES[day.weekday][:3]
    run = day.run + (" (key)" if day.key_run else "")
    if not day.session:
        if not day.extra_done:
            return [f"  {name} {day.date:%d %b}  {run}"]
        lines = [f"  {name} {day.date:%d %b}  {run} + extra session, not in the plan: done"]
        for done in day.extra_done:
            exercise, marks = log.extra(done)
            lines.append(f"      {'done':<10} {exercise:<30} {', '.join(m.text for m in marks)}")
        return lines + _note_lines(day, log)
    s = day.session
    order = order_text(s.order)
    status = ": done" if day.logged is True else (": skipped" if day.logged == "skipped" else "")
    lines = [f"  {name} {day.date:%d %b}  {run} + session {s.name}: {s.focus} "
             f"({s.intensity}, ~{s.minutes} min, {order}){status}",
             f"      why: {s.reason}"]
    for p in s.exercises:
        bits = [p.dose(), effort(p), load_text(p),
                f"rest {p.rest_seconds} s" if p.rest_seconds else "",
                f"tempo {p.tempo}" if p.tempo else ""]
        detail = ", ".join(b for b in bits if b)
        lines.append(f"      {p.role:<10} {p.name:<30} {detail}")
        if p.note:
            lines.append(f"      {'':<10} {'':<30} ({p.note})")
        if day.logged is True and (p.done is not None or p.working):
            did = done_line(p, log.unit) if p.done is not None else "not logged"
            lines.append(f"      {'':<10} {'':<30} done: {did}")
    return lines + (_note_lines(day, log) if day.logged is True else [])


def _note_lines(day: Day, log: LogView) -> list[str]:
    note = log.note(day.date)
    return [f"      note: {note}"] if note else []


def _log_lines(log: LogView) -> list[str]:
    """The log over the block: sessions, check-in results by test, niggles."""
    lines = []
    if log.logged:
        lines += ["", f"Log: {log.summary()} (done sets: {log.unit} × reps @ RIR; short: below the "
                  "planned reps or seconds; low RIR: fewer reps in reserve than planned)."]
    if log.trends:
        lines += ["", "Check-in results:"]
        for trend in log.trends:
            for side, values in (("left", trend.left), ("right", trend.right)):
                results = ", ".join(f"{d:%d %b} {trend.value(v)}"
                                    for d, v in zip(trend.dates, values, strict=True)
                                    if v is not None)
                change = f" ({trend.change(side)})" if trend.change(side) else ""
                lines.append(f"  {trend.name}, {side}: {results}{change}")
    if log.niggles:
        lines += ["", "Niggles:"]
        lines += [f"  {date:%d %b %Y}: {text}" for date, text in log.niggles]
    return lines
