"""An athlete's row on the club pages, small and plain (JSON-ready), so that the club pages can be
made again from the rows kept in the manifest, without planning anyone again."""

from __future__ import annotations

from typing import Any

from ..vocabulary import plain_number


def club_row(ctx: dict[str, Any]) -> dict[str, Any]:
    """What the club page shows of one athlete, from the athlete's page context."""
    plan, a = ctx["plan"], ctx["athlete"]
    race = a.race
    return {
        "athlete": {
            "id": a.id, "name": a.name, "experience": a.experience,
            "weekly_mileage": plain_number(a.weekly_mileage), "units": a.units,
            "race": ({"name": race.name, "distance": race.distance,
                      "date": race.date.isoformat()} if race else None),
        },
        "phase_runs": [list(run) for run in ctx["phase_runs"]],
        "weeks": len(plan.weeks),
        "start": plan.weeks[0].start.isoformat(),
        "strength_days": list(ctx["strength_days"]),
        "warnings": len(plan.warnings),
        # a week a row for the club overview: [phase, deload, strength weekdays, off]
        "calendar": [[w.phase, w.deload, [d.weekday for d, _ in w.sessions], w.off]
                     for w in plan.weeks],
        "pdf_name": ctx["pdf_name"], "json_name": ctx["json_name"], "ics_name": ctx["ics_name"],
    }
