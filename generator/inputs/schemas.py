"""JSON Schemas of the profile, the club file and the training log for editors
(yaml-language-server), draft-07.

Built from the pydantic models (schema.py), with every field described (schema_docs.py) and the
exercise ids, built-in and the club's own, listed so an editor completes `lifts` keys and `avoid`
entries. The models stay the one source of what is valid; `runlift validate` says it best.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ..model import Library
from ..vocabulary import DAYS, FOCUS, PATTERNS
from . import schema_docs as docs
from .discovery import club_folder
from .library import load_library
from .log import CHECK_IN_TESTS, SESSION_WORDS, SIDES
from .log_values import MAX_PAIN, MAX_RIR
from .schema import ClubModel, ProfileModel

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_REF_2020 = "#/$defs/"
_REF_07 = "#/definitions/"
_UNSUPPORTED = ("$dynamicRef", "$dynamicAnchor", "unevaluatedProperties", "unevaluatedItems",
                "dependentSchemas", "minContains", "maxContains")


def to_draft07(node: Any) -> Any:
    """A pydantic (draft 2020-12) schema in draft-07's words: $defs become definitions, a $ref
    with siblings is wrapped in allOf (draft-07 ignores them), prefixItems become items."""
    if isinstance(node, list):
        return [to_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    bad = [key for key in _UNSUPPORTED if key in node]
    if bad:
        raise ValueError(f"draft-07 has no {', '.join(bad)}")
    out = {("definitions" if key == "$defs" else key): to_draft07(value)
           for key, value in node.items()}
    if "dependentRequired" in out:
        out["dependencies"] = out.pop("dependentRequired")
    if "prefixItems" in out:
        rest = out.pop("items", None)
        out["items"] = out.pop("prefixItems")
        if rest is not None:
            out["additionalItems"] = rest
    if "$ref" in out:
        out["$ref"] = out["$ref"].replace(_REF_2020, _REF_07)
        if len(out) > 1:
            out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out


def club_library(path: Path | None) -> Library:
    """The exercise library a club's profiles are checked against: the built-in exercises and
    those in the club's exercises/ folder (`path`: the club folder or a profile in it)."""
    if path is None:
        return load_library()
    folder = club_folder(path) / "exercises"
    return load_library([folder] if folder.is_dir() else [])


def profile_schema(library: Library | None = None) -> dict[str, Any]:
    """The profile's JSON Schema; `lifts` and `avoid` list the library's ids (default: the
    built-in library)."""
    library = library if library is not None else load_library()
    schema = to_draft07(ProfileModel.model_json_schema())
    _describe_profile(schema, library)
    # club.yaml's defaults may supply every field but name, so an editor must not demand them
    schema["required"] = ["name"]
    schema["description"] = (
        "An athlete profile for runlift. weekly_mileage and week are required, and phase unless "
        "race is given; each may come from the club file's defaults instead.")
    return _ordered(schema)


def club_schema(library: Library | None = None) -> dict[str, Any]:
    """club.yaml's JSON Schema: `defaults` takes the profile's fields but name and id."""
    profile = profile_schema(library)
    schema = to_draft07(ClubModel.model_json_schema())
    definitions = {**profile.pop("definitions"), **schema.get("definitions", {})}
    _describe_models(definitions)
    fields = {key: value for key, value in profile["properties"].items()
              if key not in ("name", "id")}
    props = schema["properties"]
    for key, value in props.items():
        props[key] = docs.annotate(value, docs.CLUB[key])
    defaults = {key: value for key, value in props["defaults"].items() if key != "default"}
    props["defaults"] = {**defaults, "type": "object", "properties": fields,
                         "additionalProperties": False}
    schema["definitions"] = definitions
    schema["description"] = ("A runlift club file (club.yaml): the club's name, paper, web "
                             "address, defaults for every athlete and privacy.")
    return _ordered(schema)


def _ordered(schema: dict[str, Any]) -> dict[str, Any]:
    """$schema and the top's words first, the definitions last: easier to read."""
    first = ("title", "description", "type", "required", "additionalProperties", "properties")
    return {"$schema": DRAFT_07, **{key: schema[key] for key in first if key in schema},
            **{key: value for key, value in schema.items() if key not in first}}


def _describe_profile(schema: dict[str, Any], library: Library) -> None:
    props = schema["properties"]
    for key, value in props.items():
        props[key] = docs.annotate(value, docs.PROFILE[key])
    week = schema["definitions"]["Week"]
    for day in DAYS:
        week["properties"][day] = docs.annotate(week["properties"][day],
                                                (day.capitalize(), docs.WEEK_DAY, ["easy"]))
    _describe_models(schema["definitions"])
    props["lifts"]["anyOf"][0] = _lifts(props["lifts"]["anyOf"][0], library)
    props["avoid"]["anyOf"][0]["items"] = {
        "enum": [*PATTERNS, *library.ids()], "description": docs.AVOID_ITEM}
    props["equipment"]["anyOf"][1]["items"]["description"] = docs.EQUIPMENT_ITEM
    changes = props["changes"]["anyOf"][0]
    changes["propertyNames"] = {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _describe_models(definitions: dict[str, Any]) -> None:
    for name, fields in docs.MODELS.items():
        model = definitions.get(name)
        if model is None:
            continue
        for key, value in model["properties"].items():
            model["properties"][key] = docs.annotate(value, fields[key])


def _lifts(mapping: dict[str, Any], library: Library) -> dict[str, Any]:
    """`lifts` as an object with a property per exercise id, so an editor completes the ids and
    describes each; any other key is an error."""
    value = mapping["additionalProperties"]
    value = {**value, "description": docs.LIFT_VALUE,
             "examples": ["20 kg", "2 x 10 kg", "10 kg each"]}
    properties = {}
    for exercise in library:
        one = copy.deepcopy(value)
        one["title"] = exercise.name
        one["description"] = f"{exercise.name}: {exercise.summary} {docs.LIFT_VALUE}"
        properties[exercise.id] = one
    return {"type": "object", "properties": properties, "additionalProperties": False}


_DATE_KEYS = {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_LOAD = (r"(2\s*[xX×*]\s*)?\d+(\.\d+)?\s*([kK][gG]|[lL][bB])"
         r"(\s*(each( hand)?|per hand|a hand))?")
SET_PATTERN = (rf"^\s*({_LOAD}\s*)?[xX×]\s*\d+(\s*(s|secs?|seconds?)\.?)?"
               rf"\s*(@\s*[0-{MAX_RIR}])?\s*$")
_SECONDS_PATTERN = r"^\s*\d+\s*(s|secs?|seconds?)\.?\s*$"


def log_schema(library: Library | None = None) -> dict[str, Any]:
    """The training log's JSON Schema (log.md): a session's keys are the library's exercise ids
    (default: the built-in library), skipped and note."""
    library = library if library is not None else load_library()

    def by_date(value: dict[str, Any], doc: docs.Doc) -> dict[str, Any]:
        return docs.annotate({"type": "object", "propertyNames": _DATE_KEYS,
                              "additionalProperties": value}, doc)

    sets = {"type": "array", "minItems": 1, "items": {
        "type": "string", "pattern": SET_PATTERN, "description": "One set: " + docs.SETS,
        "examples": docs.SET_EXAMPLES}}
    session = {"type": "object", "minProperties": 1, "additionalProperties": False,
               "propertyNames": {"enum": [*SESSION_WORDS, *library.ids()]},
               "description": "One day's session: the exercises done, or skipped: true.",
               "properties": {
                   **{key: docs.annotate(value, docs.SESSION[key]) for key, value in (
                       ("skipped", {"type": "boolean"}), ("note", {"type": "string"}))},
                   **{e.id: {**sets, "title": e.name, "description": f"{e.name}: {docs.SETS}",
                             "examples": [docs.SET_EXAMPLES[:2]]} for e in library}}}
    niggle = {"type": "object", "required": ["where", "pain"], "additionalProperties": False,
              "description": "One niggle: where, which side and how much it hurt.",
              "properties": {key: docs.annotate(value, docs.NIGGLE[key]) for key, value in (
                  ("where", {"enum": list(FOCUS)}), ("side", {"enum": list(SIDES)}),
                  ("pain", {"type": "integer", "minimum": 0, "maximum": MAX_PAIN}))}}
    schema = {
        "title": "runlift training log",
        "description": ("A runlift training log (logs/<athlete id>.yaml in the club folder): the "
                        "sets done, sessions skipped, check-in results and niggles. Every file "
                        "of an athlete is read together."),
        "type": "object", "additionalProperties": False,
        "properties": {
            "athlete": docs.annotate({"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
                                     docs.LOG["athlete"]),
            "sessions": by_date({"$ref": "#/definitions/Session"}, docs.LOG["sessions"]),
            "checkins": by_date({"$ref": "#/definitions/CheckIns"}, docs.LOG["checkins"]),
            "niggles": by_date({"anyOf": [
                {"$ref": "#/definitions/Niggle"},
                {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/Niggle"}}]},
                docs.LOG["niggles"])},
        "definitions": {"Session": session, "CheckIns": _check_ins(), "Niggle": niggle}}
    return _ordered(schema)


def _check_ins() -> dict[str, Any]:
    """A day's check-in tests, each with a result a side (log.md's names and the plan's)."""
    tests = {}
    for name, (plan_id, unit, high) in CHECK_IN_TESTS.items():
        number = {"type": "integer" if unit == "reps" else "number", "minimum": 0, "maximum": high}
        side = number if unit == "reps" else {"anyOf": [
            number, {"type": "string", "pattern": _SECONDS_PATTERN}]}
        measure = f"reps, 0-{high}" if unit == "reps" else f"seconds, 0-{high} ('45 s')"
        tests[name] = {
            "type": "object", "minProperties": 1, "additionalProperties": False,
            "title": name, "description": f"The {plan_id} check-in test: {measure} a side.",
            "properties": {key: {**side, "title": key.capitalize(),
                                 "description": f"The {key} side's result: {measure}."}
                           for key in ("left", "right")}}
    return {"type": "object", "minProperties": 1, "additionalProperties": False,
            "description": "One day's check-in tests.", "properties": tests}
