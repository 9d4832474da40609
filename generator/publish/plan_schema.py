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
    FOCUS,
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


def _object(description: str, properties: dict[str, Any], null: bool = False,
            optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """An object whose listed properties are all required (the format fixes them), and the
    `optional` ones that appear only when they apply (what the training log adds)."""
    return {"type": ["object", "null"] if null else "object", "description": description,
            "required": list(properties), "properties": properties | (optional or {})}


def _range(what: str) -> dict[str, Any]:
    number = {"type": "integer", "minimum": 0}
    return _object(f"{what}: from min to max; null where it does not apply.",
                   {"min": number, "max": number}, null=True)


def _load(description: str) -> dict[str, Any]:
    return _object(description, {
        "value": {"type": "number", "exclusiveMinimum": 0},
        "unit": {"enum": list(LOAD_UNITS)},
        "implements": {"enum": [1, 2]},
        "total": {"type": "number", "exclusiveMinimum": 0}}, null=True)


def _done() -> dict[str, Any]:
    """What the training log says was done (log.md): a set each, as written."""
    done_set = _object("One set as logged.", {
        "load": _load("The load as written in the log, in its own unit; null for bodyweight."),
        "reps": {"type": ["integer", "null"], "minimum": 0,
                 "description": "Reps done; null for a timed set."},
        "seconds": {"type": ["integer", "null"], "minimum": 0,
                    "description": "Seconds held; null for a set of reps."},
        "rir": {"type": ["integer", "null"], "minimum": 0, "maximum": 5,
                "description": "Reps in reserve, as logged; null when not written."}})
    return {"type": "array", "items": done_set, "description": (
        "The sets the training log records for this exercise on this day (only on a logged "
        "day; absent when the log has nothing for it).")}


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
        "load": _load("The weight: value of one implement, implements held (1 or 2), total "
                      "moved; null when the plan prescribes effort instead."),
    }, optional={"done": _done()})


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
    }, optional={
        "logged": {"enum": [True, "skipped"], "description": (
            "true when the training log holds this day's session, 'skipped' when it says the "
            "session was not done; absent otherwise.")},
        "extra_done": {"type": "array", "description": (
            "What the log records on this day beyond its planned session (or on a day "
            "without one); never a planned session."), "items": _object(
                "One exercise done beyond the plan.", {
                    "id": {"type": "string", "pattern": KEBAB}, "done": _done()})},
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


def _log() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0}
    side = {"type": ["number", "null"], "minimum": 0}
    return _object("What the training log holds besides sets: present when the plan followed a "
                   "log.", {
        "check_ins": {"type": "array", "items": _object("A check-in test's result.", {
            "date": DATE, "id": {"type": "string", "pattern": KEBAB},
            "left": side, "right": side, "unit": {"enum": ["reps", "s"]}})},
        "niggles": {"type": "array", "items": _object("Pain the athlete noted, 0-10.", {
            "date": DATE, "where": {"enum": list(FOCUS)},
            "side": {"enum": ["left", "right", "both"]},
            "pain": {"type": "integer", "minimum": 0, "maximum": 10}})},
    }, optional={  # a published file has the counts only when the club publishes the log
        "sessions_logged": {**count, "description": "Dates with a session logged."},
        "sessions_skipped": {**count, "description": "Dates logged as skipped."},
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
    }, optional={"log": _log()})
    return {"$schema": DRAFT_07, "title": "runlift plan (runlift-plan/1)", **schema}
