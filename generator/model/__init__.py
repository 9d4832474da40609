"""The model every layer shares: the athlete, the club, the exercise and the plan, as plain
dataclasses in the coach's words, and the plan's JSON form (plan-json.md)."""

from .athlete import (
    PRIVACY_KINDS,
    PRIVACY_LEVELS,
    Athlete,
    Club,
    OwnedWeights,
    Privacy,
    Race,
    WeekChange,
    Weight,
)
from .exercise import (
    LOAD_STEPS,
    TWO_DUMBBELLS,
    TWO_KETTLEBELLS,
    Exercise,
    Library,
)
from .log import CheckInResult, DoneExercise, DoneSet, LoggedSession, Niggle, TrainingLog
from .plan import (
    FORMAT,
    CheckIn,
    Day,
    Load,
    Nutrition,
    Plan,
    Prescription,
    Range,
    Session,
    Warning,
    Week,
)

__all__ = [
    "Athlete",
    "CheckIn",
    "CheckInResult",
    "DoneExercise",
    "DoneSet",
    "LoggedSession",
    "Niggle",
    "TrainingLog",
    "Club",
    "Day",
    "Exercise",
    "FORMAT",
    "LOAD_STEPS",
    "Library",
    "Load",
    "Nutrition",
    "OwnedWeights",
    "PRIVACY_KINDS",
    "PRIVACY_LEVELS",
    "Plan",
    "Prescription",
    "Privacy",
    "Race",
    "Range",
    "Session",
    "TWO_DUMBBELLS",
    "TWO_KETTLEBELLS",
    "Warning",
    "Week",
    "WeekChange",
    "Weight",
]
