"""Known lifts and owned weights (profile.md `lifts`, `weights`): the checks that need the library
or the equipment, and the values in the athlete's load_unit."""

from __future__ import annotations

from typing import Any

from ..model import Library, OwnedWeights, Weight
from ..vocabulary import EQUIPMENT_PRESETS
from .fields import WrittenLift, is_per_hand
from .suggest import shown

Found = tuple[tuple[Any, ...], str]  # where, and what is wrong


def _equipment(data: dict[str, Any]) -> frozenset[str] | None:
    kit = data.get("equipment", "gym")
    if isinstance(kit, str) and kit in EQUIPMENT_PRESETS:
        return EQUIPMENT_PRESETS[kit]
    if isinstance(kit, list) and all(isinstance(item, str) for item in kit):
        return frozenset(kit)
    return None


def lift_problems(data: dict[str, Any], library: Library) -> list[Found]:
    """A load per hand on an exercise done holding one weight, or on a barbell."""
    lifts = data.get("lifts")
    found: list[Found] = []
    if not isinstance(lifts, dict):
        return found
    for key, value in lifts.items():
        if key not in library or not is_per_hand(value):
            continue
        exercise = library[key]
        if any(exercise.implements_for(option) == 2 for option in exercise.equipment):
            continue
        if all({"barbell", "trap_bar"} & set(option) for option in exercise.equipment):
            found.append((("lifts", key), (
                f"got {shown(value)}, a load per hand; {key} is a barbell lift: write the total "
                f"on the bar, e.g. {key}: 60 kg")))
        else:
            found.append((("lifts", key), (
                f"got {shown(value)}, a load per hand; {key} is done holding one weight: write "
                f"that weight, e.g. {key}: 20 kg")))
    return found


def weights_problems(data: dict[str, Any]) -> list[Found]:
    """Weights owned for an implement the equipment does not have."""
    weights, owned = data.get("weights"), _equipment(data)
    found: list[Found] = []
    if not isinstance(weights, dict) or owned is None:
        return found
    for item in ("kettlebell", "dumbbells"):
        if weights.get(item) is not None and item not in owned:
            found.append((("weights", item), (
                f"equipment has no {item}; add {item} to equipment or remove this line")))
    if weights.get("plates") is not None and not {"barbell", "trap_bar", "plates"} & owned:
        found.append((("weights", "plates"), (
            "equipment has no barbell, trap_bar or plates; add one or remove this line")))
    return found


def resolve_lifts(lifts: dict[str, WrittenLift] | None,
                  unit: str) -> tuple[dict[str, float], frozenset[str]]:
    """Each known lift as the total moved in `unit`, and the ids written per hand."""
    totals = {key: round(lift.weight.to(unit) * (2 if lift.per_hand else 1), 1)
              for key, lift in (lifts or {}).items()}
    return totals, frozenset(key for key, lift in (lifts or {}).items() if lift.per_hand)


def resolve_weights(weights: Any, unit: str) -> OwnedWeights | None:
    """The weights owned, in `unit`: kettlebells as listed (twice is two bells), dumbbell pairs
    once each, ascending."""
    if weights is None:
        return None

    def converted(values: list[Weight] | None) -> list[float] | None:
        return None if values is None else [round(w.to(unit), 1) for w in values]

    bells, dumbbells = converted(weights.kettlebell), converted(weights.dumbbells)
    return OwnedWeights(
        kettlebell=tuple(sorted(bells)) if bells is not None else None,
        dumbbells=tuple(sorted(set(dumbbells))) if dumbbells is not None else None,
        plates=round(weights.plates.to(unit), 2) if weights.plates is not None else None)
