"""Fitting a session to its time and volume: trimming accessories, deloads and taper cuts."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ..model import Prescription
from ..vocabulary import WORKING_ROLES
from .choose import Choice, SlotSpec
from .dose import DoseWeek, unloaded
from .timing import fit_to_time, honest_minutes


def working_sets(prescriptions: Iterable[Prescription]) -> int:
    return sum(p.sets for p in prescriptions if p.role in WORKING_ROLES)


Item = tuple[SlotSpec, Prescription]


@functools.lru_cache(maxsize=256)
def fitted(specs: tuple[SlotSpec, ...], prescriptions: tuple[Prescription, ...],
           sets: tuple[int, int, int], minutes: int, phase: str,
           cut: tuple[bool, int | None, int | None]
           ) -> tuple[tuple[Prescription, ...], bool, int, int]:
    """The session fitted (`fit_session`), then cut as its week asks; whether the time cut
    upper-body work, the minutes it takes and its working sets.

    `cut` is (deload, the deload's cap, the taper's cap): a deload is cut by `deload_session`, a
    taper by `thin_main_lifts`. Sessions repeat from week to week and athlete to athlete, and
    this is a pure function of its arguments, so the answers are kept.
    """
    kept, timed = fit_session(specs, prescriptions, sets, minutes, phase)
    deload, deload_cap, taper_cap = cut
    if deload:
        kept = deload_session(kept, deload_cap)
    elif taper_cap is not None:
        kept = thin_main_lifts(kept, taper_cap)
    return tuple(_one(p) for p in kept), timed, honest_minutes(kept), working_sets(kept)


def at_least(choice: Choice, p: Prescription) -> Prescription:
    """Focus work keeps the sets the week's focus minimum gives it."""
    return p if p.sets >= choice.spec.min_sets else p.with_sets(choice.spec.min_sets)


@functools.lru_cache(maxsize=1024)
def fitted_unloaded(picked: tuple[Choice, ...], week: DoseWeek, sets: tuple[int, int, int],
                    minutes: int, phase: str, cut: tuple[bool, int | None, int | None]
                    ) -> tuple[tuple[Prescription, ...], bool, int, int]:
    """A session none of whose exercises is a known lift, prescribed and `fitted`: it needs
    nothing of the book of loads, so it is a pure function of these, and kept."""
    prescriptions = tuple(at_least(c, unloaded(c, week)) for c in picked)
    return fitted(tuple(c.spec for c in picked), prescriptions, sets, minutes, phase, cut)


@functools.lru_cache(maxsize=4096)
def _one(p: Prescription) -> Prescription:
    """The first prescription of this value still kept: the sessions `fitted` keeps share
    them (a few hundred values among the tens of thousands a big club's plans hold)."""
    return p


def fit_session(specs: tuple[SlotSpec, ...], prescriptions: tuple[Prescription, ...],
                sets: tuple[int, int, int], minutes: int,
                phase: str) -> tuple[list[Prescription], bool]:
    """Trim the session to its set target, then cut it to its time (`timing.fit_to_time`).

    `sets` is (target, ceiling, floor); `_trimmable` says what goes first. The floor is the
    fewest working sets allowed (6 outside taper, race and deload weeks); a short session is
    grown back to it, and no time cut goes under it. The flag says whether the time cut
    upper-body work.
    """
    target, ceiling, floor = sets
    items = list(zip(specs, prescriptions, strict=True))
    while _total(items) > max(target, floor) and _cut_one(items, forced=False):
        pass
    while _total(items) > max(ceiling, floor) and _cut_one(items, forced=True):
        pass
    _grow_to(items, floor)
    timed = fit_to_time(items, minutes, floor, phase)
    return [p for _, p in items], timed


def _total(items: list[Item]) -> int:
    return working_sets(p for _, p in items)


def _trimmable(items: list[Item], forced: bool) -> int | None:
    """The index of the next item to thin or drop, or None when nothing may go.

    In order: ordinary accessories (thinned, then dropped, highest `trim` first); upper-body and
    essential work thinned to one set. Under a hard ceiling (`forced`) then: upper-body work
    dropped, plyometrics thinned to two sets, main-lift sets above three thinned, and last the
    athlete's focus work thinned to its weekly share (`min_sets`); only then, when the ceiling
    still holds, the plyometrics. The main lifts' first three sets, essential work and focus work are never
    dropped.
    """
    by_trim = sorted((i for i, (_, p) in enumerate(items) if p.role in ("accessory", "core")),
                     key=lambda i: (-items[i][0].trim, -i))
    ordinary = None  # the first ordinary accessory, to drop when none has a set to spare
    for i in by_trim:
        spec, p = items[i]
        if not (spec.protected or spec.essential or spec.focus):
            if p.sets > 1:
                return i
            ordinary = i if ordinary is None else ordinary
    if ordinary is not None:
        return ordinary
    thinned = next((i for i in by_trim if not items[i][0].focus and items[i][1].sets > 1), None)
    if thinned is not None or not forced:
        return thinned
    tiers = (
        (i for i in by_trim if not (items[i][0].essential or items[i][0].focus)),
        (i for i, (_, p) in enumerate(items) if p.role == "plyometric" and p.sets > 2),
        (i for i in range(len(items) - 1, -1, -1)
         if items[i][1].role == "main" and items[i][1].sets > 3),
        # focus is cut after main-lift sets (§7): the later main lifts give to 2
        (i for i in _later_mains(items) if items[i][1].sets > 2),
        (i for i in by_trim if items[i][0].focus and items[i][1].sets > items[i][0].min_sets),
        # the set ceiling is a MUST, plyometrics a SHOULD: they go last of all
        (i for i, (_, p) in enumerate(items) if p.role == "plyometric"))
    return next((i for tier in tiers for i in tier), None)


def _later_mains(items: list[Item]) -> list[int]:
    mains = [i for i, (_, p) in enumerate(items) if p.role == "main"]
    return list(reversed(mains[1:]))


def _cut_one(items: list[Item], forced: bool) -> bool:
    i = _trimmable(items, forced)
    if i is None:
        return False
    spec, p = items[i]
    if p.sets > 1:
        items[i] = (spec, p.with_sets(p.sets - 1))
    else:
        del items[i]
    return True


def _grow_to(items: list[Item], floor: int) -> None:
    """Below the floor (a short session list): add back accessory and core sets, or main-lift
    sets when `avoid` left the session nothing else."""
    growable = [i for i, (_, p) in enumerate(items) if p.role in ("accessory", "core")] or [
        i for i, (_, p) in enumerate(items) if p.role == "main"]
    while _total(items) < floor and growable:
        grown = False
        for i in growable:
            spec, p = items[i]
            if p.sets < 4 and _total(items) < floor:
                items[i] = (spec, p.with_sets(p.sets + 1))
                grown = True
        if not grown:
            break


def deload_session(prescriptions: list[Prescription],
                   cap: int | None = None) -> list[Prescription]:
    """About 40 % less volume than a normal week: fewer sets, loads as prescribed (the deload's
    loads take no step up, `loads.next_pick`).

    `cap` limits the session further, so that the week is also 40 % under the week before.
    """
    goal = round(working_sets(prescriptions) * 0.6)
    if cap is not None:
        goal = max(1, min(goal, cap))
    held = []
    for p in prescriptions:
        if p.working:
            p = p.with_sets(max(1, int(p.sets * 0.6 + 0.5)))
        held.append(p)
    # cut evenly: every exercise keeps its place; the one with the most sets (the later one of
    # equals) gives one up until the session is at its goal or all are at one set
    while working_sets(held) > goal:
        thick = [i for i, p in enumerate(held) if p.working and p.sets > 1]
        if not thick:
            break
        i = max(thick, key=lambda i: (held[i].sets, i))
        held[i] = held[i].with_sets(held[i].sets - 1)
    return held


def thin_main_lifts(prescriptions: list[Prescription], goal: int) -> list[Prescription]:
    """Take sets from the main lifts, then from the rest, never below one, until the session is
    at `goal`.

    Only deloads and tapers do this: their point is less volume, and their tables allow 1 set.
    """
    kept = list(prescriptions)
    while working_sets(kept) > goal:
        mains = [i for i, p in enumerate(kept) if p.role == "main" and p.sets > 1]
        # then the rest, focus work too: the taper's point is less volume (§7's focus
        # minimums hold in base, build and peak)
        rest = [i for i, p in enumerate(kept) if p.working and p.sets > 1]
        if not (mains or rest):
            break
        i = max(mains or rest, key=lambda i: (kept[i].sets, -i))
        kept[i] = kept[i].with_sets(kept[i].sets - 1)
    return kept
