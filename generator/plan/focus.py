"""The weekly minimums of the athlete's focus (coaching.md §7), kept for the week as a whole.

Sessions are filled from their templates one by one; whether the week as a whole holds what each
focus needs (both calf raises and 4 sets of them for an achilles, an eccentric hinge for a
hamstring, …) is only known once they are made. `top_up` says which sessions take which focus
exercise, and at least how many sets each keeps, so the week can be made again with them; what
still cannot be met (the coach's `avoid`, the equipment) is warned once, with its cause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..model import Athlete, Library, Prescription
from .choose import Choice, SlotSpec, Template, choose_exercises

CALF_STRAIGHT = ("single-leg-calf-raise", "standing-calf-raise")
CALF_BENT = ("bent-knee-calf-raise",)
CALF_SETS = 4  # a week's calf-raise sets for an achilles or calf focus
# what each focus needs in a week, best first: any one of them meets it
NEEDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "shin": ("tibialis raises", ("tibialis-raise",)),
    "hip": ("glute medius work", ("side-lying-leg-lift", "clamshell", "lateral-band-walk",
                                  "side-plank", "copenhagen-plank")),
    "hamstring": ("an eccentric hinge", ("romanian-deadlift", "single-leg-romanian-deadlift")),
    "knee": ("a step-up or split squat", ("split-squat", "step-up", "bulgarian-split-squat")),
    "low_back": ("a carry or a dead bug", ("dead-bug", "suitcase-carry", "farmers-carry")),
}
NEEDS["it_band"] = NEEDS["hip"]
HEAVY_FIRST = ("A", "Full", "B", "C", "Light")  # where added work goes, in order of preference


@dataclass(frozen=True)
class Need:
    """One focus minimum: any of `ids` in the week, `sets` sets of them in all."""

    focus: str
    what: str
    ids: tuple[str, ...]
    sets: int = 1


def needs(athlete: Athlete) -> list[Need]:
    """The weekly minimums the athlete's focus asks for."""
    out: list[Need] = []
    if athlete.has_focus("achilles", "calf"):
        area = "achilles" if athlete.has_focus("achilles") else "calf"
        out += [Need(area, "straight-knee calf raises", CALF_STRAIGHT),
                Need(area, "bent-knee calf raises", CALF_BENT),
                Need(area, f"{CALF_SETS} sets of calf raises", CALF_STRAIGHT + CALF_BENT,
                     CALF_SETS)]
    seen: set[str] = set()
    for area in athlete.focus:
        if area in NEEDS and NEEDS[area][0] not in seen:
            seen.add(NEEDS[area][0])
            out.append(Need(area, *NEEDS[area]))
    return out


def unmet(week: list[tuple[str, list[Prescription]]], wanted: list[Need]) -> list[Need]:
    """The needs the week's sessions (name, prescriptions) do not meet."""
    done = [p for _, kept in week for p in kept if p.working]
    return [n for n in wanted
            if sum(p.sets for p in done if p.id in n.ids) < n.sets]


def top_up(week: list[tuple[str, list[Choice]]], missing: list[Need], athlete: Athlete,
           library: Library) -> dict[str, list[Choice]]:
    """The week's sessions' choices with the missing focus work added and protected.

    Each absent need gets its first exercise the athlete can do, in the session that has room
    first (HEAVY_FIRST); then every exercise that meets a need is marked focus work, kept at the
    sets that together reach the need's minimum.
    """
    sessions = {name: list(choices) for name, choices in week}
    order = sorted(sessions, key=lambda n: HEAVY_FIRST.index(n) if n in HEAVY_FIRST else 9)
    for need in missing:
        if any(c.exercise.id in need.ids for cs in sessions.values() for c in cs):
            continue
        for name in order:
            added = _pick(need, sessions[name], athlete, library)
            if added:
                sessions[name] = _placed(sessions[name], added)
                break
    for need in missing:
        holders = [(n, i) for n, cs in sessions.items() for i, c in enumerate(cs)
                   if c.exercise.id in need.ids]
        floor = math.ceil(need.sets / len(holders)) if holders else 0
        for name, i in holders:
            c = sessions[name][i]
            least = max(floor, c.spec.min_sets if c.spec.focus else 1)
            sessions[name][i] = replace(c, spec=replace(c.spec, focus=True, min_sets=least))
    return sessions


def _pick(need: Need, session: list[Choice], athlete: Athlete,
          library: Library) -> Choice | None:
    here = {c.exercise.id for c in session}
    candidates = tuple(i for i in need.ids if i not in here)
    role = "core" if need.ids[0] in ("dead-bug",) else "accessory"
    spec = SlotSpec(role, candidates, f"{need.focus} focus: {need.what}", focus=True, trim=1,
                    level_slack=1)
    chosen = choose_exercises(Template("focus", "focus", (spec,)), athlete, library, set())
    return chosen[0] if chosen else None


def _placed(session: list[Choice], added: Choice) -> list[Choice]:
    """`added` after the session's last accessory or core work, before the cool-down."""
    at = max((i + 1 for i, c in enumerate(session) if c.role != "cooldown"), default=0)
    return [*session[:at], added, *session[at:]]


def why_unmet(need: Need, athlete: Athlete, library: Library) -> str:
    """The true cause of a need the plan could not meet, in the athlete's own terms."""
    avoided = [i for i in need.ids if i in athlete.avoid
               or (i in library and library[i].pattern in athlete.avoid)]
    if avoided and len(avoided) == len(need.ids):
        cause = f"avoid lists {', '.join(_avoid_entries(need, athlete, library))}"
    else:
        cause = "none of them fits the equipment and experience given"
    return (f"the {need.focus} focus asks for {need.what} every full week "
            f"({', '.join(need.ids)}); {cause}.")


def _avoid_entries(need: Need, athlete: Athlete, library: Library) -> list[str]:
    patterns = {library[i].pattern for i in need.ids if i in library}
    return [a for a in athlete.avoid if a in need.ids or a in patterns]
