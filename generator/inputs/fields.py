"""Field types of the profile and club files: how a weight, a date, a distance or a kit is read.

Each is a pydantic annotated type whose validator speaks runlift's words: what was found, what is
allowed and, where it is obvious, what was meant.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from ..model import Weight
from ..vocabulary import EQUIPMENT_ITEMS, EQUIPMENT_PRESETS, year_problem
from .suggest import did_you_mean, shown

MAX_MILEAGE = {"mi": 200, "km": 320}
_NUMBER = r"\d+(?:\.\d+)?"
_WEIGHT_RE = re.compile(rf"^\s*({_NUMBER})\s*(kg|lb)?\s*$", re.IGNORECASE)
_LOOSE_WEIGHT_RE = re.compile(rf"^\s*({_NUMBER}|\d+,\d+)\s*([a-z#.]+)\s*$", re.IGNORECASE)
_UNIT_SPELLINGS = {
    "kg": "kg", "kgs": "kg", "kg.": "kg", "k": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg",
    "kilograms": "kg", "kilogramme": "kg", "kilogrammes": "kg",
    "lb": "lb", "lbs": "lb", "lb.": "lb", "lbs.": "lb", "#": "lb", "pound": "lb", "pounds": "lb",
}
_WEIGHT_ALLOWED = "allowed a weight like '58 kg', '128 lb' or a number"


# A weight in kg or lb, from a micro plate to more than anyone lifts or weighs: outside these
# it is a typing slip (100000 kg, 0.001 kg), never a load to plan.
MIN_WEIGHT, MAX_WEIGHT = 0.1, 1100


def _in_range(number: float, got: str) -> float:
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"got {got}; allowed a weight above 0")
    if not MIN_WEIGHT <= number <= MAX_WEIGHT:
        raise ValueError(f"got {got}; allowed a weight from {MIN_WEIGHT} to {MAX_WEIGHT} "
                         "(kg or lb)")
    return number


def _parse_weight(value: Any) -> Weight:
    if isinstance(value, Weight):
        return value
    got = shown(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Weight(_in_range(float(value), got), None)
    if isinstance(value, str):
        match = _WEIGHT_RE.match(value)
        if match:
            number = _in_range(float(match.group(1)), got)
            unit = match.group(2).lower() if match.group(2) else None
            return Weight(number, unit)
        loose = _LOOSE_WEIGHT_RE.match(value)
        if loose and loose.group(2).lower() in _UNIT_SPELLINGS:
            written = loose.group(1).replace(",", ".")
            better = f"{written} {_UNIT_SPELLINGS[loose.group(2).lower()]}"
            raise ValueError(f"got {got}; {_WEIGHT_ALLOWED}; did you mean '{better}'?")
    raise ValueError(f"got {got}; {_WEIGHT_ALLOWED}")


WeightField = Annotated[
    Weight,
    BeforeValidator(_parse_weight),
    WithJsonSchema({
        "anyOf": [{"type": "number", "minimum": MIN_WEIGHT, "maximum": MAX_WEIGHT},
                  {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*([kK][gG]|[lL][bB])\s*$"}],
        "description": "A weight: '58 kg', '128 lb', or a number in load_unit.",
    }),
]


@dataclass(frozen=True)
class WrittenLift:
    """A known lift as written: the weight, and whether it is per hand ('2 x 10 kg')."""

    weight: Weight
    per_hand: bool


_PER_HAND_RE = (
    re.compile(rf"^\s*2\s*[x×*]\s*({_NUMBER})\s*(kg|lb)?\s*$", re.IGNORECASE),
    re.compile(rf"^\s*({_NUMBER})\s*(kg|lb)?\s*(?:each(?: hand)?|per hand|a hand)\s*$",
               re.IGNORECASE),
)
_LIFT_ALLOWED = ("allowed a weight: the total load ('20 kg') or a load per hand ('2 x 10 kg' or "
                 "'10 kg each')")


def is_per_hand(value: Any) -> bool:
    """True when a `lifts` value is written per hand: '2 x 10 kg' or '10 kg each'."""
    return isinstance(value, str) and any(r.match(value) for r in _PER_HAND_RE)


def _parse_lift(value: Any) -> WrittenLift:
    if isinstance(value, WrittenLift):
        return value
    got = shown(value)
    if isinstance(value, str):
        for pattern in _PER_HAND_RE:
            match = pattern.match(value)
            if match:
                return WrittenLift(_parse_weight(f"{match.group(1)} {match.group(2) or ''}"),
                                   True)
        each = re.match(rf"^\s*({_NUMBER})\s*(kg|lb)?\s*(each|per|a)\b.*$", value, re.IGNORECASE)
        if each:
            better = f"{each.group(1)} {each.group(2) or ''}".strip() + " each"
            raise ValueError(f"got {got}; {_LIFT_ALLOWED}; did you mean '{better}'?")
        if re.match(r"^\s*\d+\s*[x×*]", value, re.IGNORECASE):
            raise ValueError(f"got {got}; {_LIFT_ALLOWED}")
    try:
        return WrittenLift(_parse_weight(value), False)
    except ValueError as exc:
        raise ValueError(str(exc).replace(_WEIGHT_ALLOWED, _LIFT_ALLOWED)) from None


LiftField = Annotated[
    WrittenLift,
    BeforeValidator(_parse_lift),
    WithJsonSchema({
        "anyOf": [{"type": "number", "minimum": MIN_WEIGHT, "maximum": MAX_WEIGHT},
                  {"type": "string", "pattern": (
                      r"^\s*(2\s*[xX×*]\s*)?\d+(\.\d+)?\s*([kK][gG]|[lL][bB])?"
                      r"\s*((each|per|a) hand|each)?\s*$")}],
        "description": "The total load ('65 lb', both dumbbells together) or a load per hand "
                       "('2 x 30 lb', '30 lb each').",
    }),
]


def _owned_list(value: Any) -> Any:
    if isinstance(value, list) and not value:
        raise ValueError("got []; list the weights you own, e.g. [8 kg, 16 kg]")
    return value


OwnedList = Annotated[list[WeightField], BeforeValidator(_owned_list)]


def parse_date(value: Any) -> dt.date:
    """Dates are written YYYY-MM-DD; YAML reads them as dates, a quoted one arrives as text."""
    day = _date(value)
    problem = year_problem(day.year)
    if problem:
        raise ValueError(f"got {day.isoformat()}; {problem}")
    return day


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"got {shown(value)}; allowed a date written YYYY-MM-DD, without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.match(r"\s*\d{4}-\d{2}-\d{2}[T ]+\d", value):
        raise ValueError(f"got {shown(value)}; allowed a date written YYYY-MM-DD, without a time")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"got {shown(value)}, which is not a date ({exc}); allowed a date "
                             "written YYYY-MM-DD") from None
    raise ValueError(f"got {shown(value)}; allowed a date written YYYY-MM-DD, e.g. 2027-01-04")


DateField = Annotated[dt.date, BeforeValidator(parse_date),
                      WithJsonSchema({"type": "string", "format": "date"})]


def _not_bool(value: Any) -> Any:
    """YAML reads yes/no/on/off as true/false; pydantic would take those for 1 and 0."""
    if isinstance(value, bool):
        raise ValueError(f"got {shown(value)}; allowed a number")
    return value


def _number_with_unit(value: Any) -> Any:
    value = _not_bool(value)
    if isinstance(value, str):
        match = re.fullmatch(rf"\s*({_NUMBER})\s*(mi|miles?|km|kms|kilometres?|kilometers?)\s*",
                             value, re.IGNORECASE)
        if match:
            unit = "mi" if match.group(2).lower().startswith("mi") else "km"
            raise ValueError(f"got {shown(value)}; allowed a number: write "
                             f"weekly_mileage: {match.group(1)} and units: {unit}")
    return value


# constraints before the validator, so that the JSON Schema keeps them
Mileage = Annotated[float, Field(gt=0, allow_inf_nan=False), BeforeValidator(_number_with_unit),
                    Field(description="In `units`; more than 0, at most 200 mi / 320 km",
                          json_schema_extra={"maximum": MAX_MILEAGE["km"]})]


def whole_number(low: int, high: int) -> Any:
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_not_bool)]


def _parse_equipment(value: Any) -> Any:
    if isinstance(value, str) and value in EQUIPMENT_PRESETS:
        return value
    if isinstance(value, list):
        return value
    allowed = f"allowed gym, home, bodyweight or a list of {', '.join(EQUIPMENT_ITEMS)}"
    hint = ""
    if isinstance(value, str):
        hint = did_you_mean(value, (*EQUIPMENT_PRESETS, *EQUIPMENT_ITEMS))
        if value in EQUIPMENT_ITEMS:
            hint = f"; a single item is still a list: [{value}]"
    raise ValueError(f"got {shown(value)}; {allowed}{hint}")


EquipmentItem = Literal[EQUIPMENT_ITEMS]
EquipmentField = Annotated[
    Literal[tuple(EQUIPMENT_PRESETS)] | list[EquipmentItem],
    BeforeValidator(_parse_equipment),
]
