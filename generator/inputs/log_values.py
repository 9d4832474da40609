"""The values of a training log (log.md), one at a time: a set as written, a check-in result, a
niggle's pain. Each parser returns the value or raises ValueError with runlift's words: what was
found, what is allowed and, where it is obvious, what was meant. Where a value sits in the file is
the caller's business (inputs/log.py)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..model import DoneSet, Load
from .fields import LiftField, WrittenLift
from .suggest import shown

MAX_REPS = 100
MAX_SECONDS = 600
MAX_RIR = 5
MAX_PAIN = 10
SET_ALLOWED = ("allowed a set written [LOAD] x REPS [@ RIR], e.g. '85 lb x 10 @ 2', "
               "'25 lb each x 10', 'x 12' or 'x 40 s'")
_LOAD_ALLOWED = ("allowed a load with its unit ('85 lb', '40 kg'), per hand ('25 lb each', "
                 "'2 x 25 lb'), or none for bodyweight ('x 12')")
_AMOUNT_ALLOWED = (f"allowed reps as a whole number from 1 to {MAX_REPS}, or seconds from 1 to "
                   f"{MAX_SECONDS} written '40 s'")
_RIR_ALLOWED = (f"allowed reps in reserve after @, a whole number from 0 to {MAX_RIR}, e.g. "
                "'@ 2'")
_SECONDS = re.compile(r"^(\d+)\s*(?:s|sec|secs|second|seconds)\.?$", re.IGNORECASE)
_MINUTES = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)\.?$", re.IGNORECASE)
_MEANT = re.compile(r"did you mean '([^']*)'\?")
_LIFT = TypeAdapter(LiftField)


def parse_set(value: Any) -> DoneSet:
    """One set: `[LOAD] x REPS [@ RIR]`, REPS a whole number or seconds ('40 s')."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"got {value}; {SET_ALLOWED}; did you mean 'x {value}'?")
    if not isinstance(value, str):
        raise ValueError(f"got {shown(value)}; {SET_ALLOWED}")
    text = value.strip()
    body, at, rir_text = text.partition("@")
    cut = max(body.lower().rfind("x"), body.rfind("×"))
    if cut < 0 or "@" in rir_text:
        raise ValueError(f"got {shown(value)}; {SET_ALLOWED}{_set_hint(body, at, rir_text)}")
    load_text, amount_text = body[:cut].strip(), body[cut + 1:].strip()
    tail = f" @ {rir_text.strip()}" if at else ""
    reps, seconds = _amount(value, load_text, amount_text, tail)
    load = _load(value, load_text, f"x {amount_text}{tail}")
    rir = _rir(value, rir_text) if at else None
    return DoneSet(load, reps, seconds, rir)


def _set_hint(body: str, at: str, rir: str) -> str:
    """'12' → 'x 12'; '85 lb 10' → '85 lb x 10'."""
    written = re.fullmatch(r"(.*?)\s*\b(\d+)\s*", body)
    if written is None or "@" in rir:
        return ""
    load, reps = written.group(1).strip(), written.group(2)
    meant = f"{load} x {reps}" if load else f"x {reps}"
    return f"; did you mean '{meant}{' @ ' + rir.strip() if at else ''}'?"


def _amount(value: str, load: str, text: str, tail: str) -> tuple[int | None, int | None]:
    """Reps, or seconds; the other is None."""
    seconds = _SECONDS.match(text)
    number = int(seconds.group(1)) if seconds else int(text) if text.isdigit() else None
    high = MAX_SECONDS if seconds else MAX_REPS
    if number is not None and 1 <= number <= high:
        return (None, number) if seconds else (number, None)
    minutes = _MINUTES.match(text)
    hint = ""
    if minutes and 1 <= round(float(minutes.group(1)) * 60) <= MAX_SECONDS:  # never a hint
        lead = f"{load} " if load else ""                                     # it would refuse
        hint = f"; did you mean '{lead}x {round(float(minutes.group(1)) * 60)} s{tail}'?"
    raise ValueError(f"got {shown(value)}; {_AMOUNT_ALLOWED}{hint}")


def _load(value: str, text: str, rest: str) -> Load | None:
    """The load before the x, as one implement held once or twice; None: bodyweight."""
    if not text:
        return None
    try:
        lift: WrittenLift = _LIFT.validate_python(text)
    except ValidationError as exc:
        meant = _MEANT.search(str(exc))
        hint = f"; did you mean '{meant.group(1)} {rest}'?" if meant else ""
        raise ValueError(f"got {shown(value)}; {_LOAD_ALLOWED}{hint}") from None
    weight = lift.weight
    if weight.unit is None:
        number = f"{weight.value:g}"
        lead = "2 x " if lift.per_hand and not text.rstrip().endswith(("each", "hand")) else ""
        tail = " each" if lift.per_hand and not lead else ""
        kinds = [f"'{lead}{number} {unit}{tail} {rest}'" for unit in ("lb", "kg")]
        raise ValueError(f"got {shown(value)}, a load without its unit; allowed kg or lb after "
                         f"the number; did you mean {' or '.join(kinds)}?")
    return Load(weight.value, weight.unit, 2 if lift.per_hand else 1)


def _rir(value: str, text: str) -> int:
    written = text.strip()
    if written.isdigit() and int(written) <= MAX_RIR:
        return int(written)
    raise ValueError(f"got {shown(value)}; {_RIR_ALLOWED}")


def whole(value: Any, low: int, high: int, allowed: str) -> int:
    """A whole number from `low` to `high` (YAML's true and false are not numbers); `allowed`
    says so in the field's words."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    hint = ""
    if isinstance(value, str):
        lead = re.fullmatch(r"\s*(\d+)\s*(?:/\s*10|out of 10)?\s*", value)
        if lead and low <= int(lead.group(1)) <= high:
            hint = f"; did you mean {int(lead.group(1))}?"
    raise ValueError(f"got {shown(value)}; allowed {allowed}{hint}")


def check_in_value(value: Any, unit: str, high: int) -> float:
    """One side's check-in result: reps (a whole number) or seconds ('45 s' or a number)."""
    example = "'45 s'" if unit == "s" else "8"
    allowed = (f"allowed seconds from 0 to {high}, e.g. {example}" if unit == "s" else
               f"allowed reps, a whole number from 0 to {high}, e.g. {example}")
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and unit == "s":
        seconds = _SECONDS.match(value.strip())
        number = float(seconds.group(1)) if seconds else None
    if number is None or not 0 <= number <= high or (unit != "s" and not number.is_integer()):
        hint = ""
        if isinstance(value, str) and unit != "s" and _SECONDS.match(value.strip()):
            hint = " (this test counts reps, not seconds)"
        raise ValueError(f"got {shown(value)}; {allowed}{hint}")
    return number
