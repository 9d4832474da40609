"""JSON Schemas of the profile and the club file for editors (yaml-language-server), draft-07.

Built from the pydantic models (schema.py), with every field described (schema_docs.py) and the
exercise ids, built-in and the club's own, listed so an editor completes `lifts` keys and `avoid`
entries. The models stay the one source of what is valid; `runlift validate` says it best.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ..model import Library
from ..vocabulary import DAYS, PATTERNS
from . import schema_docs as docs
from .discovery import club_folder
from .library import load_library
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
