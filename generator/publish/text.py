"""The plan as plain text for a terminal: week by week, day by day."""

from __future__ import annotations

from ..model import Plan
from ..vocabulary import DAY_NAMES, PHASE_NAMES, plain_number
from .wording import effort, load_text, order_text


def render_text(plan: Plan) -> str:
    a = plan.athlete
    lines = [f"{a.name}: strength block of {len(plan.weeks)} weeks"]
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
    for week in plan.weeks:
        lines.append("")
        deload = ", deload" if week.deload else ""
        lines.append(f"Week {week.number} · {PHASE_NAMES[week.phase]}{deload} · from "
                     f"{week.start:%d %b %Y} · {week.working_sets} working sets")
        for day in week.days:
            name = DAY_NAMES[day.weekday][:3]
            run = day.run + (" (key)" if day.key_run else "")
            if not day.session:
                lines.append(f"  {name} {day.date:%d %b}  {run}")
                continue
            s = day.session
            order = order_text(s.order)
            lines.append(f"  {name} {day.date:%d %b}  {run} + session {s.name}: {s.focus} "
                         f"({s.intensity}, ~{s.minutes} min, {order})")
            lines.append(f"      why: {s.reason}")
            for p in s.exercises:
                bits = [p.dose(), effort(p), load_text(p),
                        f"rest {p.rest_seconds} s" if p.rest_seconds else "",
                        f"tempo {p.tempo}" if p.tempo else ""]
                detail = ", ".join(b for b in bits if b)
                lines.append(f"      {p.role:<10} {p.name:<30} {detail}")
                if p.note:
                    lines.append(f"      {'':<10} {'':<30} ({p.note})")
        for check in week.check_ins:
            lines.append(f"  check-in: {check.name} (record {check.record})")
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
    return "\n".join(lines) + "\n"
