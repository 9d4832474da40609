"""Every word of runlift's domain, defined once, with the name people read beside it.

The profile validator builds its allowed values from these tuples, the planner reasons with them
and the renderers show their display names; nothing else restates them.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# The running week, Monday first.
DAY_NAMES: Final = MappingProxyType({
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
    "sat": "Saturday", "sun": "Sunday"})
DAYS: Final = tuple(DAY_NAMES)

# What a day of the running week holds.
RUN_NAMES: Final = MappingProxyType({
    "rest": "Rest", "easy": "Easy", "recovery": "Recovery", "moderate": "Moderate",
    "long": "Long run", "intervals": "Intervals", "tempo": "Tempo", "hills": "Hills",
    "fartlek": "Fartlek", "race": "Race", "cross": "Cross-training"})
RUN_TYPES: Final = tuple(RUN_NAMES)
KEY_RUNS: Final = frozenset({"long", "intervals", "tempo", "hills", "fartlek", "race"})
HARD_RUNS: Final = frozenset({"intervals", "tempo", "hills", "fartlek"})
EASY_RUNS: Final = frozenset({"easy", "recovery", "moderate"})

# Phases of a block, in the order a race block passes through them.
PHASE_NAMES: Final = MappingProxyType({
    "base": "Base", "build": "Build", "peak": "Peak", "taper": "Taper", "race": "Race week",
    "recovery": "Recovery"})
PHASES: Final = tuple(PHASE_NAMES)

DISTANCES: Final = ("5k", "10k", "half", "marathon", "ultra", "other")
FOCUS: Final = ("achilles", "calf", "knee", "hip", "it_band", "hamstring", "low_back", "shin")
EXPERIENCE: Final = ("novice", "intermediate", "advanced")
PLACEMENTS: Final = ("easy_days", "hard_days")
UNITS: Final = ("mi", "km")
LOAD_UNITS: Final = ("kg", "lb")
PAPER: Final = ("a4", "letter")

# Equipment: single items, and the kits a profile may name instead of a list.
EQUIPMENT_ITEMS: Final = ("barbell", "trap_bar", "dumbbells", "kettlebell", "bench", "box",
                          "band", "cable", "pullup_bar", "plates")
EQUIPMENT_PRESETS: Final = MappingProxyType({
    "gym": frozenset(EQUIPMENT_ITEMS),
    "home": frozenset({"dumbbells", "kettlebell", "band", "box"}),
    "bodyweight": frozenset(),
})

# Exercises: their movement pattern, and the part each plays in a session.
PATTERNS: Final = ("squat", "hinge", "single_leg", "calf", "core", "plyometric", "upper_push",
                   "upper_pull", "carry", "hip", "mobility", "activation")
LOWER_BODY_PATTERNS: Final = frozenset({"squat", "hinge", "single_leg"})
ROLE_NAMES: Final = MappingProxyType({
    "warmup": "Warm-up", "plyometric": "Plyometrics", "main": "Main lift",
    "accessory": "Accessory", "core": "Core", "cooldown": "Cool-down"})
ROLES: Final = tuple(ROLE_NAMES)
WORKING_ROLES: Final = frozenset({"main", "accessory", "core", "plyometric"})
DOSES: Final = ("reps", "seconds")

# When a session sits in the day, as a coach says it.
ORDER_NAMES: Final = MappingProxyType({
    "after_run": "after the run", "before_run": "before the run", "standalone": "no run today"})

# The terms a plan uses, each with the sentence that explains it where the athlete reads it:
# the page, the PDF's "How to use this log" and `runlift plan`. The example of a load held in
# each hand is in the athlete's own unit.
_HAND_EXAMPLE = {"kg": (14, 28), "lb": (30, 60)}


def terms(unit: str) -> dict[str, str]:
    """Each term and its explanation, loads in `unit` (kg or lb)."""
    one, both = _HAND_EXAMPLE.get(unit, _HAND_EXAMPLE["kg"])
    return {
        "RIR": "Reps in reserve: how many more good reps you could still have done when you stop "
               "the set. RIR 2 means stop with two left in the tank. Never lift to failure.",
        "Double progression": "Keep the weight until every set reaches the top of the rep range "
                              "with the RIR shown still in reserve, in two sessions running; then "
                              "go up one step (the smallest jump your weights allow). When your "
                              "reps fall short of the range, keep the weight and build the reps "
                              "back up.",
        f"2 × {one} {unit} ({both} {unit})": f"One dumbbell or kettlebell of {one} {unit} in each "
                                            f"hand, {both} {unit} in all. A single number is one "
                                            "weight: the whole bar, or the one bell you hold.",
        "Tempo 3-1-1": "Seconds for each part of a rep: 3 lowering, 1 paused at the bottom, 1 "
                       "lifting.",
        "Working sets": "The sets that count: main lifts, accessories, core and jumps, not the "
                        "warm-up or cool-down.",
    }


# What a build can write for each athlete.
FORMATS: Final = ("html", "pdf", "json", "ics")

KG_PER_LB: Final = 0.45359237
KM_PER_MI: Final = 1.609344


# The years a date may fall in (a profile's, a log's, --today): a plan runs a year past its
# dates, and a date far outside these is a typing slip, never a block to plan.
FIRST_YEAR: Final = 2000
LAST_YEAR: Final = 2199


def year_problem(year: int) -> str | None:
    """Why a date of `year` cannot be planned, or None."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"allowed a date in the years {FIRST_YEAR}–{LAST_YEAR}"


def with_article(word: str) -> str:
    """'an intervals run', 'a tempo run': the article a run type takes."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def plain_number(value: float) -> int | float:
    """A number as people write it: 60, not 60.0; 62.5 stays 62.5."""
    return int(value) if float(value).is_integer() else value
