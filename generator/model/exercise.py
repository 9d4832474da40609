"""An exercise of the library, and the library; the steps each implement allows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

LOAD_STEPS = {  # the smallest jump of one implement, in kg and lb (coaching.md §6)
    "barbell": {"kg": 2.5, "lb": 5.0}, "trap_bar": {"kg": 2.5, "lb": 5.0},
    "plates": {"kg": 2.5, "lb": 5.0}, "cable": {"kg": 2.5, "lb": 5.0},
    "dumbbells": {"kg": 2.0, "lb": 5.0}, "kettlebell": {"kg": 4.0, "lb": 8.0},
}


TWO_DUMBBELLS = frozenset({
    "split-squat", "bulgarian-split-squat", "romanian-deadlift", "step-up", "forward-lunge",
    "reverse-lunge", "standing-calf-raise", "bent-over-row", "dumbbell-bench-press",
    "farmers-carry"})
TWO_KETTLEBELLS = frozenset({"farmers-carry"})  # a kettlebell split squat holds one, goblet style


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    pattern: str
    equipment: tuple[tuple[str, ...], ...]  # ways to do it, preferred first
    level: str
    unilateral: bool
    dose: str  # reps | seconds
    tempo: str | None
    roles: tuple[str, ...]
    tags: tuple[str, ...]
    regressions: tuple[str, ...]
    progressions: tuple[str, ...]
    summary: str
    cues: tuple[str, ...]
    body: str = field(repr=False)  # Markdown
    source: str = field(repr=False, default="")

    def implements_for(self, option: tuple[str, ...]) -> int:
        """How many dumbbells or kettlebells this way of doing the exercise holds: 2 or 1."""
        if "dumbbells" in option and self.id in TWO_DUMBBELLS:
            return 2
        return 2 if "kettlebell" in option and self.id in TWO_KETTLEBELLS else 1

    def option_for(self, owned: frozenset[str]) -> tuple[str, ...] | None:
        """The first way of doing this exercise that needs only equipment the athlete owns."""
        for option in self.equipment:
            if set(option) <= owned:
                return option
        return None


class Library:
    """Every exercise by id, sorted by id."""

    def __init__(self, exercises: dict[str, Exercise]):
        self.exercises = dict(sorted(exercises.items()))

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)

    def ids(self) -> list[str]:
        return list(self.exercises)
