"""pydantic's errors in runlift's words: what is wrong, what was found, what is allowed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from slugify import slugify

from ..errors import Problem
from ..vocabulary import DAYS, EQUIPMENT_PRESETS, RUN_TYPES
from .schema import CHANGE_FIELDS, PROFILE_FIELDS, RACE_FIELDS, RANGES, WEIGHTS_FIELDS
from .suggest import did_you_mean, nearest, norm, shown
from .yamlsource import Loc

_REQUIRED_HINTS = {
    ("name",): "; write the athlete's name, e.g. name: Maya López",
    ("weekly_mileage",): "; write the distance run in a week, in `units`, e.g. weekly_mileage: 35",
    ("week",): "; write the running week, a run type for each day mon to sun",
    ("race", "date"): "; write the race day as YYYY-MM-DD",
}
# what people write for a race distance, and the value it is spelt as here
_DISTANCE_WORDS = {
    "half marathon": "half", "half-marathon": "half", "halfmarathon": "half", "half_marathon": "half",
    "21k": "half", "21.1k": "half", "21.1": "half", "13.1": "half", "13.1 mi": "half",
    "full": "marathon", "full marathon": "marathon", "42k": "marathon", "42.2k": "marathon",
    "26.2": "marathon", "5 k": "5k", "5km": "5k", "10 k": "10k", "10km": "10k", "50k": "ultra",
    "100k": "ultra", "50 mi": "ultra", "100 mi": "ultra",
}
_FIELDS_AT: dict[tuple[Any, ...], tuple[str, ...]] = {
    (): PROFILE_FIELDS,
    ("week",): DAYS,
    ("race",): RACE_FIELDS,
    ("weights",): WEIGHTS_FIELDS,
}
_BOUNDS = {"greater_than": "above", "greater_than_equal": "at least", "less_than": "below",
           "less_than_equal": "at most"}
_WHOLE_KINDS = frozenset({*_BOUNDS, "int_parsing", "int_type", "int_from_float"})
# error kinds whose message needs nothing but what was found
_ALLOWED = {
    "finite_number": "a number above 0",
    "int_parsing": "a whole number", "int_type": "a whole number", "int_from_float": "a whole number",
    "float_parsing": "a number", "float_type": "a number",
    "model_type": "a mapping of fields (key: value lines, indented)",
    "dict_type": "a mapping of fields (key: value lines, indented)",
    "model_attributes_type": "a mapping of fields (key: value lines, indented)",
    "bool_type": "true or false", "bool_parsing": "true or false",
}
_CHANGE_MAPPING = ("allowed a mapping of days, weekly_mileage and off, e.g. {sat: easy} or "
                   "{off: true}")


def yaml_reading(value: Any) -> str:
    """Why a value the user typed as a word arrived as something else."""
    if isinstance(value, bool):
        return (" (YAML reads yes/no/on/off/true/false as true or false; put the word in "
                "quotes to keep it as text)")
    if isinstance(value, int | float | dt.date):
        return f" (put it in quotes to keep it as text: \"{shown(value)}\")"
    return ""


def message(error: Mapping[str, Any]) -> str:
    """Turn one pydantic error into runlift's wording: what is wrong (got ...; allowed ...)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    name = loc[-1] if loc else ""
    if kind in ("extra_forbidden", "invalid_key"):
        return unknown_field(loc)
    if name in RANGES and (isinstance(value, bool) or kind in _WHOLE_KINDS):
        low, high = RANGES[str(name)]
        return f"got {shown(value)}; allowed a whole number from {low} to {high}"
    if kind == "missing":
        return _missing(loc)
    if kind == "literal_error":
        return _not_allowed(loc, value, error.get("ctx") or {})
    if kind in _BOUNDS:
        limit = next(iter((error.get("ctx") or {}).values()))
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"got {shown(value)}; allowed a number {_BOUNDS[kind]} {limit}"
    if loc[:1] == ("changes",) and len(loc) == 2 and kind.endswith("_type"):
        return f"got {shown('off' if value is False else value)}; {_CHANGE_MAPPING}"
    if kind in _ALLOWED:
        return f"got {shown(value)}; allowed {_ALLOWED[kind]}"
    return _other(kind, name, value, error)


def _other(kind: str, name: Any, value: Any, error: Mapping[str, Any]) -> str:
    ctx = error.get("ctx") or {}
    got = shown(value)
    if kind == "string_pattern_mismatch":
        return _pattern(name, value, ctx)
    if kind.startswith("date"):
        return f"got {got}; allowed a date written YYYY-MM-DD"
    if kind == "list_type":
        example = f"[{value}]" if isinstance(value, str) else "[a, b]"
        return f"got {got}; allowed a list, e.g. {example}"
    if kind == "string_too_long":
        return f"got {got}; allowed at most {ctx.get('max_length')} characters"
    if kind == "string_type":
        return f"got {got}; allowed text{yaml_reading(value)}"
    if kind == "string_too_short":
        return "is empty; allowed text"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"got {got}; {error['msg']}"


def _missing(loc: Loc) -> str:
    if loc[:1] == ("week",) and len(loc) == 2:
        return ("missing; every day of the week needs a run type (use 'rest' for a day off; "
                "allowed " + ", ".join(RUN_TYPES) + ")")
    return "required field is missing" + _REQUIRED_HINTS.get(loc, "")


def _not_allowed(loc: Loc, value: Any, ctx: dict[str, Any]) -> str:
    allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
    hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
    name = loc[-1] if loc else ""
    if loc[:1] == ("race",) and name == "distance" and norm(value) in {
            norm(k) for k in _DISTANCE_WORDS}:
        word = next(v for k, v in _DISTANCE_WORDS.items() if norm(k) == norm(value))
        hint = f"; did you mean {word!r}?"
    if loc[:1] in (("week",), ("changes",)) and value is False:
        hint = "; did you mean 'rest'? (YAML reads off and no as false)"
    if loc[:1] == ("equipment",) and isinstance(value, str) and value in EQUIPMENT_PRESETS:
        hint = f"; {value} is a whole kit: write `equipment: {value}`, not a list"
    return f"got {shown(value)}; allowed {', '.join(allowed)}{hint}{yaml_reading(value) * (not hint)}"


def _pattern(name: Any, value: Any, ctx: dict[str, Any]) -> str:
    got = shown(value)
    if name == "id":
        better = slugify(str(value))
        example = f", e.g. {better!r}" if better else ""
        return f"got {got}; allowed lowercase letters a-z, digits and single hyphens{example}"
    if name == "base_url":
        return f"got {got}; allowed an absolute web address, e.g. 'https://club.example/plans/'"
    return f"got {got}; allowed text matching {ctx.get('pattern')}"


def unknown_field(loc: Loc) -> str:
    key, parent = loc[-1], tuple(loc[:-1])
    known = CHANGE_FIELDS if parent[:1] == ("changes",) and len(parent) == 2 else \
        _FIELDS_AT.get(parent, ())
    hint = did_you_mean(key, known) if isinstance(key, str) else ""
    if not hint and parent == () and isinstance(key, str):
        if norm(key) in DAYS or nearest(key, DAYS):
            hint = "; days go under week:"
        elif norm(key) in ("date", "distance"):
            hint = "; the race's date and distance go under race:"
    if parent == ("weights",) and known:  # few kinds, easily confused: name them all
        return f"unknown field; allowed {', '.join(known)}{hint}"
    return f"unknown field{hint or '; allowed ' + ', '.join(known)}"


def dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def in_order(problems: list[Problem], path: str) -> list[Problem]:
    """The file's own problems by line, then those of the club file."""
    return sorted(problems, key=lambda p: (p.path != path, p.path, p.line))
