"""A JSON Schema (draft-07) of the plan JSON, runlift-plan/1 (docs/formats.md, "The plan JSON").

It holds the fields the format fixes; a plan may carry more, so objects stay open. `runlift
schema --plan` prints it, and the tests validate every plan they make against it.
"""

from __future__ import annotations

from typing import Any

from ..vocabulary import (
    DAYS,
    DISTANCES,
    EQUIPMENT_ITEMS,
    EXPERIENCE,
    LOAD_UNITS,
    ORDER_NAMES,
    PATTERNS,
    PHASES,
    ROLES,
    RUN_TYPES,
    UNITS,
)

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
KEBAB = "^[a-z0-9]+(-[a-z0-9]+)*$"
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _object(description: str, properties: dict[str, Any], null: bool = False) -> dict[str, Any]:
    """An object whose listed properties are all required (the format fixes them)."""
    return {"type": ["object", "null"] if null else "object", "description": description,
            "required": list(properties), "properties": properties}


def _range(what: str) -> dict[str, Any]:
    number = {"type": "integer", "minimum": 0}
    return _object(f"{what}: from min to max; null where it does not apply.",
                   {"min": number, "max": number}, null=True)


def _exercise() -> dict[str, Any]:
    return _object("One exercise of the session, as prescribed.", {
        "id": {"type": "string", "pattern": KEBAB, "description": "The exercise's id in the library."},
        "name": {"type": "string", "minLength": 1},
        "pattern": {"enum": list(PATTERNS), "description": "The movement pattern."},
        "role": {"enum": list(ROLES), "description": "The part it plays in the session."},
        "equipment": {"type": "array", "items": {"enum": list(EQUIPMENT_ITEMS)},
                      "description": "What this prescription uses; all of it the athlete has."},
        "sets": {"type": "integer", "minimum": 1},
        "reps": _range("Reps a set; null for timed holds and carries in metres or seconds"),
        "seconds": {"type": ["integer", "null"], "minimum": 0,
                    "description": "Seconds a set, for timed holds; else null."},
        "per_side": {"type": "boolean", "description": "True when sets are done on each side."},
        "rir": _range("Reps in reserve; null for warm-up, cool-down and plyometrics"),
        "rest_seconds": {"type": "integer", "minimum": 0},
        "tempo": {"type": ["string", "null"], "pattern": r"^\d-\d-\d$",
                  "description": "Seconds down, pause, up (3-1-1); null where it does not apply."},
        "load": _object("The weight: value of one implement, implements held (1 or 2), total "
                        "moved; null when the plan prescribes effort instead.", {
                            "value": {"type": "number", "exclusiveMinimum": 0},
                            "unit": {"enum": list(LOAD_UNITS)},
                            "implements": {"enum": [1, 2]},
                            "total": {"type": "number", "exclusiveMinimum": 0}}, null=True),
    })


def _session() -> dict[str, Any]:
    return _object("The strength session of the day; null on days without strength.", {
        "name": {"type": "string"},
        "focus": {"type": "string"},
        "intensity": {"type": "string"},
        "lower_body_loaded": {"type": "boolean", "description": (
            "True when a main exercise squats, hinges or works one leg, or any is plyometric.")},
        "order": {"enum": list(ORDER_NAMES), "description": "When it sits beside the run."},
        "minutes": {"type": "integer", "minimum": 1},
        "exercises": {"type": "array", "minItems": 1, "items": _exercise()},
    }, null=True)


def _week() -> dict[str, Any]:
    day = _object("A day of the week.", {
        "date": DATE,
        "weekday": {"enum": list(DAYS)},
        "run": {"enum": list(RUN_TYPES), "description": "The run that day ('race' on race day)."},
        "key_run": {"type": "boolean"},
        "session": _session(),
    })
    return _object("A week of the block, Monday first.", {
        "number": {"type": "integer", "minimum": 1},
        "start": {**DATE, "description": "The week's Monday."},
        "phase": {"enum": list(PHASES)},
        "deload": {"type": "boolean"},
        "working_sets": {"type": "integer", "minimum": 0, "description": (
            "Sets of main, accessory, core and plyometric exercises in the week.")},
        "days": {"type": "array", "minItems": 7, "maxItems": 7, "items": day},
    })


def _athlete() -> dict[str, Any]:
    return _object("Who the plan is for (what the club publishes of them).", {
        "id": {"type": "string", "pattern": KEBAB},
        "name": {"type": "string", "minLength": 1},
        "units": {"enum": list(UNITS)},
        "load_unit": {"enum": list(LOAD_UNITS)},
        "weekly_mileage": {"type": "number", "exclusiveMinimum": 0},
        "experience": {"enum": list(EXPERIENCE)},
        "equipment": {"type": "array", "items": {"enum": list(EQUIPMENT_ITEMS)}},
        "session_minutes": {"type": "integer", "minimum": 1},
        "bodyweight": _object("Null when unknown or kept private.", {
            "value": {"type": "number", "exclusiveMinimum": 0},
            "unit": {"enum": list(LOAD_UNITS)}}, null=True),
    })


def plan_schema() -> dict[str, Any]:
    """The plan JSON's schema, draft-07."""
    schema = _object("A strength block planned by runlift, as JSON.", {
        "format": {"const": "runlift-plan/1", "description": "The format and its version."},
        "athlete": _athlete(),
        "race": _object("The goal race; null when the profile has none.", {
            "date": DATE, "distance": {"enum": list(DISTANCES)},
            "name": {"type": ["string", "null"]}}, null=True),
        "weeks": {"type": "array", "minItems": 1, "items": _week(),
                  "description": "The block, week by week."},
        "warnings": {"type": "array", "description": "What the coach should look at.",
                     "items": _object("Something the coach should look at.", {
            "code": {"type": "string", "pattern": KEBAB, "description": "A short stable code."},
            "message": {"type": "string", "description": "Names the day and the reason."}})},
        "notes_html": {"type": "string", "description": "The coach's notes as HTML."},
    })
    return {"$schema": DRAFT_07, "title": "runlift plan (runlift-plan/1)", **schema}
