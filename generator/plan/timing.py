"""Honest session times and the cut order that makes a session fit (coaching.md §5).

A session's time is a real warm-up (5 min, 3 in its short form), ramp-up sets before barbell
lifts, every set's reps at its tempo, every rest, a minute to change equipment between exercises
and a cool-down (5 min, 3 short). Warm-up and cool-down drills are done in two rounds; their short
form is one round. When a session is too long, `fit_to_time` cuts in §5's order and stops as soon
as it fits: (1) accessories that are not focus work, upper body first, never below what the
week's MUSTs need; (2) rests to the low end of their ranges; (3) main-lift sets to the phase's
lowest; (4) warm-up and cool-down to their short forms; (5) plyometrics to 2 sets; (6) the second
main lift, when another exercise of the session covers its pattern. Never the first main lift,
never the focus work, never below the session's working-set floor.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

from ..model import Prescription
from ..vocabulary import WORKING_ROLES
from .choose import SlotSpec

Item = tuple[SlotSpec, Prescription]
BLOCK, SHORT_BLOCK = 300, 180  # warm-up and cool-down, normal and short form (s)
RAMP_FIRST, RAMP_LATER = 180, 120  # ramp-up sets before the first barbell lift and the others
CHANGE_OVER = 60  # between working exercises
SIDE_SWITCH = 5  # to switch sides within a set
LOW_REST = {"main": 90, "accessory": 60, "core": 30, "plyometric": 60}
LOWEST_MAIN_SETS = {"base": 3, "build": 3, "peak": 2, "taper": 1, "race": 1, "recovery": 2}
BARS = frozenset({"barbell", "trap_bar"})
UPPER = frozenset({"upper_push", "upper_pull"})


@functools.cache
def _tempo_seconds(tempo: str) -> int:
    try:
        return sum(int(part) for part in tempo.split("-"))
    except ValueError:
        return 3


def _set_seconds(p: Prescription) -> int:
    sides = 2 if p.per_side else 1
    if p.reps is not None:
        rep = 2 if p.role == "plyometric" or not p.tempo else _tempo_seconds(p.tempo)
        work = p.reps.max * rep
    else:
        work = p.seconds or 30
    return work * sides + (SIDE_SWITCH if p.per_side else 0)


def honest_seconds(prescriptions: list[Prescription]) -> int:
    """The seconds a session really takes (module docstring), in one pass over it."""
    total = ramps = working = 0
    ends: dict[str, tuple[int, bool]] = {}  # warm-up, cool-down: seconds, more than one round
    for p in prescriptions:
        role = p.role
        if role in WORKING_ROLES:
            total += p.sets * _set_seconds(p) + (p.sets - 1) * p.rest_seconds
            if role == "main" and not BARS.isdisjoint(p.equipment):
                total += RAMP_FIRST if ramps == 0 else RAMP_LATER
                ramps += 1
            working += 1
        elif role in ("warmup", "cooldown"):
            seconds, rounds = ends.get(role, (0, False))
            ends[role] = (seconds + p.sets * _set_seconds(p), rounds or p.sets > 1)
    for seconds, rounds in ends.values():
        total += max(BLOCK, seconds) if rounds else SHORT_BLOCK
    return total + CHANGE_OVER * max(0, working - 1)


def honest_minutes(prescriptions: list[Prescription]) -> int:
    return math.ceil(honest_seconds(prescriptions) / 60)


def _minutes(items: list[Item]) -> int:
    return honest_minutes([p for _, p in items])


def _total(items: list[Item]) -> int:
    return sum(p.sets for _, p in items if p.role in WORKING_ROLES)


def _set(items: list[Item], i: int, sets: int | None = None, rest: int | None = None) -> None:
    p = items[i][1]
    items[i] = (items[i][0], p.with_sets(p.sets if sets is None else sets, rest))


def _cut_accessories(items: list[Item], limit: int, floor: int) -> None:
    """(1) Non-focus accessories and core, upper body first: thinned to one set, then dropped
    unless the week's MUSTs need them (essential)."""
    order = sorted((i for i, (s, p) in enumerate(items)
                    if p.role in ("accessory", "core") and not s.focus),
                   key=lambda i: (items[i][1].pattern not in UPPER, -items[i][0].trim, -i))
    for i in order:
        while items[i][1].sets > 1 and _total(items) > floor and _minutes(items) > limit:
            _set(items, i, sets=items[i][1].sets - 1)
    for i in sorted(order, reverse=True):  # drop from the end, so indexes stay valid
        spec, p = items[i]
        if _minutes(items) <= limit:
            return
        if not spec.essential and _total(items) - p.sets >= floor:
            del items[i]


def _low_rests(items: list[Item], limit: int, floor: int) -> None:
    """(2) Rests to the low end of their ranges."""
    for i, (_, p) in enumerate(items):
        if p.role in LOW_REST and p.rest_seconds > LOW_REST[p.role]:
            _set(items, i, rest=LOW_REST[p.role])


def _mains_to(lowest: int) -> Callable[[list[Item], int, int], None]:
    def cut(items: list[Item], limit: int, floor: int) -> None:
        """(3) Main-lift sets to the phase's lowest, the later lift first."""
        while _minutes(items) > limit and _total(items) > floor:
            mains = [i for i, (_, p) in enumerate(items) if p.role == "main" and p.sets > lowest]
            if not mains:
                return
            i = max(mains, key=lambda i: (items[i][1].sets, i))
            _set(items, i, sets=items[i][1].sets - 1)
    return cut


def _short_ends(items: list[Item], limit: int, floor: int) -> None:
    """(4) Warm-up and cool-down in their short form: one round."""
    for i, (_, p) in enumerate(items):
        if p.role in ("warmup", "cooldown") and p.sets > 1:
            _set(items, i, sets=1)


def _plyometrics_to_two(items: list[Item], limit: int, floor: int) -> None:
    """(5) Plyometrics to 2 sets."""
    for i, (_, p) in enumerate(items):
        if p.role == "plyometric" and p.sets > 2 and _total(items) - (p.sets - 2) >= floor:
            _set(items, i, sets=2)


def _second_main(items: list[Item], limit: int, floor: int) -> None:
    """(6) The second main lift, when another exercise of the session covers its pattern."""
    mains = [i for i, (_, p) in enumerate(items) if p.role == "main"]
    if len(mains) < 2:
        return
    i = mains[1]
    spec, p = items[i]
    # focus work added for the week's minimum does not stand in for a main lift: the main lift
    # would come back, new, in the lighter peak and taper weeks
    covered = any(q.working and q.pattern == p.pattern and not s.focus
                  for j, (s, q) in enumerate(items) if j != i)
    if covered and not spec.focus and _total(items) - p.sets >= floor:
        del items[i]


def fit_to_time(items: list[Item], limit: int, floor: int, phase: str) -> bool:
    """Cut `items` in §5's order until the session takes at most `limit` minutes; True when
    the time took upper-body work away (the true cause a `no-upper-body` warning names)."""
    upper = sum(p.pattern in UPPER for _, p in items)
    steps = (_cut_accessories, _low_rests, _mains_to(LOWEST_MAIN_SETS.get(phase, 2)),
             _short_ends, _plyometrics_to_two, _second_main)
    for step in steps:
        if _minutes(items) <= limit:
            break
        step(items, limit, floor)
    return sum(p.pattern in UPPER for _, p in items) < upper
