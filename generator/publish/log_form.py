"""What the athlete page's log form is built from (templates/_log_form.html, assets/log.js): a
JSON data island holding only what the page already shows of the plan (the athlete's id from the
page's address, the load unit, each session's date and working exercises with their targets),
never anything the club's privacy keeps off the page."""

from __future__ import annotations

from typing import Any

from ..model import Plan, Prescription
from ..model.exercise import LOAD_STEPS, TWO_DUMBBELLS, TWO_KETTLEBELLS
from ..vocabulary import FOCUS
from .wording import effort

_FOCUS_NAMES = {"it_band": "IT band"}  # the rest read as written, with spaces
_LOADABLE = frozenset(LOAD_STEPS)  # equipment that takes a load


def log_form_data(plan: Plan) -> dict[str, Any]:
    """The data island of the log form, for a plan as the page shows it (published_plan)."""
    check_ins: dict[str, dict[str, str]] = {}
    sessions = []
    for week in plan.weeks:
        for c in week.check_ins:  # named as log.md names them: side-plank, not side-plank-test
            check_ins.setdefault(c.id, {"id": c.id.removesuffix("-test"), "name": c.name,
                                        "dose": "seconds" if "seconds" in c.record else "reps"})
        for day, session in week.sessions:
            sessions.append({
                "heading": f"s-{week.number}-{day.weekday}",
                "date": day.date.isoformat(),
                "check_in": bool(week.check_ins),
                "exercises": [_exercise(p) for p in session.exercises if p.working],
            })
    return {"athlete": plan.athlete.id, "unit": plan.athlete.load_unit, "sessions": sessions,
            "check_ins": list(check_ins.values()),
            "focus": [[f, _FOCUS_NAMES.get(f, f.replace("_", " ").capitalize())] for f in FOCUS]}


def _exercise(p: Prescription) -> dict[str, Any]:
    target = " · ".join([t for t in (p.dose(), effort(p), str(p.load) if p.load else "") if t])
    return {"id": p.id, "name": p.name, "sets": p.sets, "target": target,
            "dose": "reps" if p.reps else "seconds", "load": _load_kind(p)}


def _load_kind(p: Prescription) -> str | None:
    """'each' for a load held in each hand, 'one' for one implement, None for bodyweight work
    (no implement that takes a load)."""
    if p.load is not None:
        return "each" if p.load.implements == 2 else "one"
    if _LOADABLE.isdisjoint(p.equipment):
        return None
    two = ("dumbbells" in p.equipment and p.id in TWO_DUMBBELLS
           or "kettlebell" in p.equipment and p.id in TWO_KETTLEBELLS)
    return "each" if two else "one"
