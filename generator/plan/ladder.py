"""Work without a load progresses too (coaching.md §6): bodyweight work gets harder every two
loading weeks by a slower lowering or a longer pause, one change at a time, and holds get 5 s
longer; never by cycling rep ranges. Bodyweight work is not prescribed at a reps-in-reserve no
one can reach: only the exercises hard enough to fail at (push-ups, rows, one-leg calf raises
and box squats) carry a RIR, and core work none.
"""

from __future__ import annotations

from ..model import Range

# an exercise done with one of these takes a load; without, it is bodyweight work
LOADABLE = frozenset({"barbell", "trap_bar", "dumbbells", "kettlebell", "cable", "band",
                      "plates"})
# bodyweight exercises hard enough that a set can end 2-3 reps short of failure
REACHABLE = frozenset({"push-up", "inverted-row", "pull-up", "single-leg-calf-raise",
                       "single-leg-box-squat"})
EVERY = 2  # loading weeks a stage lasts
MAX_LOWERING, MAX_PAUSE, MAX_HOLD = 6, 4, 60
BASE_TEMPO = "2-1-1"


def stage(phase: str, loading_weeks: int) -> int:
    """How many steps harder this week is: peak and taper hold the last stage, recovery steps
    back one."""
    reached = loading_weeks // EVERY
    return max(0, reached - 1) if phase == "recovery" else reached


def bodyweight(option: tuple[str, ...]) -> bool:
    return not LOADABLE & set(option)


def harder(tempo: str | None, seconds: int | None, steps: int) -> tuple[str | None, int | None,
                                                                          str | None]:
    """The tempo and hold `steps` stages on, and a few words on what changed (None: nothing)."""
    if steps <= 0:
        return tempo, seconds, None
    if seconds is not None:
        held = min(MAX_HOLD, seconds + 5 * steps)
        return tempo, held, f"{held - seconds} s longer holds than at the start"
    try:
        lowering, pause, lift = (int(x) for x in (tempo or BASE_TEMPO).split("-"))
    except ValueError:
        return tempo, seconds, None
    for step in range(steps):
        if step % 2 == 0 and lowering < MAX_LOWERING or pause >= MAX_PAUSE:
            lowering = min(MAX_LOWERING, lowering + 1)
        else:
            pause += 1
    new = f"{lowering}-{pause}-{lift}"
    return new, seconds, (f"slower: tempo {new}" if new != tempo else None)


def effort(exercise_id: str, role: str, rir: Range | None) -> Range | None:
    """The RIR of bodyweight work: none for core, none where no one could reach it."""
    if role == "core" or exercise_id not in REACHABLE:
        return None
    return rir
