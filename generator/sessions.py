"""What goes into a session (coaching.md §4, §5, §7): templates of slots, the exercises chosen for
an athlete, and the week's prescription of sets, reps, effort, rest, tempo and load."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .library import LEVELS, Exercise, Library
from .model import Load, Prescription, Range
from .profile import Athlete

HIGH_MILEAGE_KM = 80  # over 50 mi / 80 km a week keeps session volume at the low end
LOAD_STEPS = {  # the smallest jump each implement allows, in kg and lb
    "barbell": {"kg": 2.5, "lb": 5.0},
    "trap_bar": {"kg": 2.5, "lb": 5.0},
    "plates": {"kg": 2.5, "lb": 5.0},
    "cable": {"kg": 2.5, "lb": 5.0},
    "dumbbells": {"kg": 2.0, "lb": 5.0},
    "kettlebell": {"kg": 4.0, "lb": 8.0},
}
# dumbbell exercises done holding a single dumbbell: their load is not "each hand"
ONE_DUMBBELL = frozenset({"goblet-squat", "single-leg-calf-raise", "bent-knee-calf-raise",
                          "single-arm-dumbbell-row", "half-kneeling-overhead-press",
                          "suitcase-carry", "single-leg-romanian-deadlift", "step-up"})
WEEKLY_GAIN = 0.025  # load creeps up ~2.5 % a loading week: one variable, small steps


@dataclass(frozen=True)
class SlotSpec:
    """A place in a session template: a role and the exercises that may fill it, best first."""

    role: str
    candidates: tuple[str, ...]
    purpose: str
    essential: bool = False  # covers a pattern the week must have: never trimmed away
    protected: bool = False  # focus or upper-body work: dropped only when a ceiling forces it
    trim: int = 0  # higher is trimmed sooner when time or volume is short
    bodyweight_only: bool = False  # lightened/primer sessions: no external load


@dataclass(frozen=True)
class Choice:
    spec: SlotSpec
    exercise: Exercise
    option: tuple[str, ...]
    role: str


@dataclass(frozen=True)
class Template:
    name: str
    focus: str
    slots: tuple[SlotSpec, ...]


def _focus(athlete: Athlete, *names: str) -> bool:
    return any(n in athlete.focus for n in names)


def templates(athlete: Athlete) -> dict[str, Template]:
    """The session templates for this athlete, shaped by focus (injury history)."""
    knee = _focus(athlete, "knee")
    low_back = _focus(athlete, "low_back")
    calf = _focus(athlete, "achilles", "calf")
    hip = _focus(athlete, "hip", "it_band")
    shin = _focus(athlete, "shin")
    hamstring = _focus(athlete, "hamstring")

    squat = (("step-up", "split-squat", "reverse-lunge", "goblet-squat") if knee else
             ("back-squat", "goblet-squat", "bodyweight-squat"))
    if low_back:
        hinge = ("hip-thrust", "glute-bridge", "single-leg-romanian-deadlift")
    elif hamstring:
        hinge = ("romanian-deadlift", "single-leg-romanian-deadlift", "glute-bridge")
    else:
        hinge = ("romanian-deadlift", "trap-bar-deadlift", "single-leg-romanian-deadlift",
                 "hip-thrust", "glute-bridge")
    single_leg = (("step-up", "split-squat", "reverse-lunge") if knee else
                  ("bulgarian-split-squat", "split-squat", "step-up", "reverse-lunge"))
    hip_work = ("side-lying-leg-lift", "clamshell", "lateral-band-walk")

    def w(*ids, purpose="activation"):
        return SlotSpec("warmup", ids, purpose)

    def cd(*ids):
        return SlotSpec("cooldown", ids, "mobility")

    a = [w("glute-bridge-march", "leg-swings"),
         w("lateral-band-walk", "clamshell") if hip else w("leg-swings", "walking-knee-hug"),
         SlotSpec("plyometric", ("pogo-jump", "box-jump"), "elastic stiffness", trim=5),
         SlotSpec("main", squat, "squat"),
         SlotSpec("main", hinge, "hinge"),
         SlotSpec("accessory", ("hip-thrust", "glute-bridge", "single-leg-glute-bridge"),
                  "glutes", trim=6),
         SlotSpec("accessory", ("single-leg-calf-raise", "standing-calf-raise"),
                  "calf, straight knee", essential=True)]
    if calf:
        a.append(SlotSpec("accessory", ("bent-knee-calf-raise",), "calf, bent knee", trim=3,
                          protected=True))  # focus work is the athlete's injury history
    if shin:
        a.append(SlotSpec("accessory", ("tibialis-raise",), "shin", trim=3, protected=True))
    if hip:
        a.append(SlotSpec("accessory", hip_work, "glute medius", trim=4, protected=True))
    if low_back:
        a.append(SlotSpec("core", ("farmers-carry", "suitcase-carry"), "carry", trim=2,
                          protected=True))
    a += [SlotSpec("core", ("dead-bug", "front-plank", "bird-dog"), "core, anti-extension",
                   essential=True),
          SlotSpec("accessory", ("bent-over-row", "single-arm-dumbbell-row", "inverted-row",
                                 "band-row"), "upper pull", trim=8, protected=True),
          cd("couch-stretch"), cd("ankle-dorsiflexion-rock"), cd("crocodile-breathing")]

    b = [w("leg-swings", "walking-knee-hug"),
         w("clamshell", "lateral-band-walk") if hip else w("walking-knee-hug", "inchworm"),
         SlotSpec("plyometric", ("single-leg-hop", "bounding", "skater-hop"), "elastic stiffness",
                  trim=5),
         SlotSpec("main", single_leg, "single leg"),
         SlotSpec("main", ("single-leg-romanian-deadlift", "single-leg-glute-bridge"),
                  "single-leg hinge"),
         SlotSpec("accessory", ("bent-knee-calf-raise",), "calf, bent knee", essential=True)]
    if calf:
        b.append(SlotSpec("accessory", ("single-leg-calf-raise", "standing-calf-raise"),
                          "calf, straight knee", trim=3, protected=True))
    b += [SlotSpec("accessory", hip_work, "glute medius", trim=4 if hip else 6, protected=hip),
          SlotSpec("core", ("pallof-press", "bird-dog", "side-plank", "suitcase-carry"),
                   "core, anti-rotation", essential=True),
          SlotSpec("accessory", ("push-up", "dumbbell-bench-press"), "upper push", trim=8, protected=True),
          cd("ninety-ninety-hip-switch"), cd("thoracic-open-book"), cd("crocodile-breathing")]

    c = [w("inchworm", "leg-swings"), w("walking-knee-hug"),
         SlotSpec("plyometric", ("skater-hop", "box-jump", "pogo-jump"), "elastic stiffness",
                  trim=2),
         SlotSpec("accessory", ("half-kneeling-overhead-press", "push-up"), "upper push", trim=3),
         SlotSpec("accessory", ("single-arm-dumbbell-row", "inverted-row", "band-row"),
                  "upper pull", trim=3),
         SlotSpec("core", ("suitcase-carry", "farmers-carry", "side-plank"), "carry", trim=1,
                  essential=True),
         SlotSpec("core", ("side-plank", "bird-dog"), "core, anti-lateral", essential=True),
         SlotSpec("accessory", ("tibialis-raise",) if shin else ("copenhagen-plank", "clamshell"),
                  "lower leg" if shin else "hip", trim=4),
         cd("thoracic-open-book"), cd("ankle-dorsiflexion-rock"), cd("crocodile-breathing")]

    light = [w("glute-bridge-march", "leg-swings"), w("leg-swings", "walking-knee-hug"),
             SlotSpec("accessory", ("split-squat", "step-up", "reverse-lunge"),
                      "single leg, bodyweight", essential=True, bodyweight_only=True),
             SlotSpec("accessory", ("glute-bridge", "single-leg-glute-bridge"),
                      "hinge, bodyweight", essential=True, bodyweight_only=True),
             SlotSpec("accessory", ("single-leg-calf-raise", "bent-knee-calf-raise"), "calf",
                      essential=True),
             SlotSpec("core", ("dead-bug", "bird-dog"), "core, anti-extension", essential=True),
             SlotSpec("core", ("pallof-press", "side-plank"), "core, anti-rotation", trim=2),
             SlotSpec("accessory", ("push-up",), "upper push", trim=4),
             SlotSpec("accessory", ("band-row", "single-arm-dumbbell-row", "inverted-row"),
                      "upper pull", trim=4),
             cd("ninety-ninety-hip-switch"), cd("crocodile-breathing")]

    primer = [w("leg-swings"), w("walking-knee-hug"), w("glute-bridge-march"),
              SlotSpec("accessory", ("glute-bridge",), "hinge, bodyweight", bodyweight_only=True,
                       trim=1),
              SlotSpec("accessory", ("single-leg-calf-raise",), "calf", bodyweight_only=True,
                       trim=2),
              SlotSpec("core", ("dead-bug",), "core, anti-extension", trim=3),
              SlotSpec("core", ("side-plank",), "core, anti-lateral", trim=4),
              SlotSpec("accessory", ("push-up",), "upper push", trim=5),
              cd("ankle-dorsiflexion-rock"), cd("crocodile-breathing")]

    # One session in a week: it has to cover everything, so it takes from both A and B.
    def take(slots: list[SlotSpec], purpose: str) -> SlotSpec:
        return next(s for s in slots if s.purpose == purpose)

    full = [a[0], b[0], take(a, "elastic stiffness"), take(b, "single leg"), take(a, "hinge"),
            take(a, "calf, straight knee"), take(b, "calf, bent knee"),
            take(b, "core, anti-rotation"), take(a, "upper pull"),
            cd("couch-stretch"), cd("thoracic-open-book"), cd("crocodile-breathing")]
    return {
        "A": Template("A", "Posterior chain", tuple(a)),
        "B": Template("B", "Single leg and stability", tuple(b)),
        "C": Template("C", "Light: springs, upper body and trunk", tuple(c)),
        "Full": Template("Full", "Full body: the week's one session", tuple(full)),
        "Light": Template("Light", "Light: no loaded lower-body lifts", tuple(light)),
        "Primer": Template("Primer", "Race-week primer", tuple(primer)),
    }


LOWER_BODY = frozenset({"squat", "hinge", "single_leg"})


def _owned_for(spec: SlotSpec, exercise: Exercise, athlete: Athlete) -> frozenset[str]:
    owned = athlete.equipment
    if spec.bodyweight_only:
        owned = owned - LOAD_STEPS.keys()
    if (athlete.experience == "novice" and exercise.pattern in LOWER_BODY
            and exercise.id not in athlete.lifts):
        owned = owned - {"barbell", "trap_bar"}  # novices learn with dumbbells before the bar
    if exercise.pattern == "hinge" and _focus(athlete, "low_back"):
        owned = owned - {"barbell", "trap_bar"}  # no heavy barbell hinges with a sore back
    return frozenset(owned)


def _role_for(spec: SlotSpec, exercise: Exercise) -> str | None:
    if spec.role in exercise.roles:
        return spec.role
    if spec.role == "main" and "accessory" in exercise.roles:
        return "accessory"  # e.g. a single-leg glute bridge can't carry a session as main lift
    if spec.role in ("accessory", "core") and {"accessory", "core"} & set(exercise.roles):
        return spec.role
    return None


def choose_exercises(template: Template, athlete: Athlete, library: Library,
                     used_elsewhere: set[str]) -> list[Choice]:
    """Fill each slot of `template` with the best exercise this athlete can do.

    Known lifts come first (a runner who logs split squats should see split squats), then the
    slot's order; exercises already in another session are avoided when another fits.
    """
    experience = LEVELS.index(athlete.experience)
    chosen: list[Choice] = []
    in_session: set[str] = set()
    for spec in template.slots:
        if spec.role == "plyometric" and athlete.experience == "novice":
            continue  # plyometrics wait until the athlete has a base of strength
        ids = list(spec.candidates)
        if spec.role in ("main", "accessory") and not spec.bodyweight_only:
            ids.sort(key=lambda i: i not in athlete.lifts)
        pick = None
        for avoid_others in (True, False):
            for exercise_id in ids:
                if exercise_id not in library or exercise_id in in_session:
                    continue
                if avoid_others and exercise_id in used_elsewhere and spec.role not in (
                        "warmup", "cooldown"):
                    continue
                exercise = library[exercise_id]
                if LEVELS.index(exercise.level) > experience and exercise_id not in athlete.lifts:
                    continue
                role = _role_for(spec, exercise)
                option = exercise.option_for(_owned_for(spec, exercise, athlete))
                if role is None or option is None:
                    continue
                pick = Choice(spec, exercise, option, role)
                break
            if pick:
                break
        if pick:
            chosen.append(pick)
            in_session.add(pick.exercise.id)
    return chosen


@dataclass(frozen=True)
class WeekContext:
    """What the prescription of one week depends on."""

    phase: str
    deload: bool
    experience: str
    high_mileage: bool
    taper_week: int  # 1 for the first taper week, 2 for the next…; 0 outside taper
    loading_weeks: int  # base/build weeks without deload before this one
    taper_length: int = 1  # how many taper weeks the block has


def main_scheme(ctx: WeekContext) -> tuple[int, Range, Range, int]:
    """Sets, reps, reps in reserve and rest (s) of a main lift (coaching.md §5)."""
    novice, advanced = ctx.experience == "novice", ctx.experience == "advanced"
    match ctx.phase:
        case "base":
            reps = Range(8, 12) if novice else Range(6, 8) if advanced else Range(8, 10)
            return 3, reps, Range(2, 3), 120
        case "build":
            reps = Range(4, 6) if advanced else Range(6, 8)
            return (4 if advanced else 3), reps, Range(2, 3) if novice else Range(1, 2), 150
        case "peak":
            return 2, Range(4, 6), Range(2, 3), 150
        case "taper":
            # a long taper steps down: 2 sets, then 1; a one-week taper goes straight to 1
            first_of_two = ctx.taper_week == 1 and ctx.taper_length > 1
            return (2 if first_of_two else 1), Range(4, 6), Range(3, 3), 120
        case _:  # recovery, and anything lighter
            return 2, Range(8, 12), Range(3, 3), 90


def accessory_scheme(ctx: WeekContext) -> tuple[int, Range, Range, int]:
    match ctx.phase:
        case "base" | "build":
            return 2, Range(8, 12), Range(2, 3), 75
        case "peak":
            return 2, Range(8, 10), Range(2, 3), 75
        case "taper":
            return 1, Range(8, 10), Range(3, 3), 75
        case "race":
            return 1, Range(8, 10), Range(3, 4), 60
        case _:
            return 2, Range(10, 12), Range(3, 3), 60


def hold_seconds(exercise: Exercise, ctx: WeekContext) -> int:
    if exercise.pattern == "carry":
        return 40 if ctx.phase == "build" else 30
    if ctx.experience == "novice" or ctx.phase in ("race", "recovery", "taper"):
        return 20
    return 30 if ctx.phase == "base" else 35


def load_step(option: tuple[str, ...], unit: str) -> tuple[str, float] | None:
    for item in option:
        if item in LOAD_STEPS:
            return item, LOAD_STEPS[item][unit]
    return None


def prescribed_load(known: float, reps: Range, rir: Range, gain_weeks: int, step: float) -> float:
    """The load for this week from a known working weight (about 8 good reps, 2 in reserve).

    Epley's estimate turns the known set into a max, lifted by a small weekly gain, then back into
    a load that leaves `rir.min` reps in reserve at the top of the rep range; rounded down to the
    step.
    """
    estimated_max = known * (1 + (8 + 2) / 30)
    target = estimated_max * (1 + WEEKLY_GAIN * gain_weeks) / (1 + (reps.max + rir.min) / 30)
    # round down: a coarse step (a 4 kg kettlebell jump) must not overshoot the estimate
    return max(step, math.floor(target / step + 1e-9) * step)


def prescribe(choices: list[Choice], ctx: WeekContext, athlete: Athlete,
              loads: dict[str, float]) -> list[Prescription]:
    """Sets, reps, effort, rest, tempo and load of each chosen exercise in a loading week.

    `loads` holds each exercise's last prescribed load: in base and build a load never goes
    down, and peak and taper hold the late-build load while sets drop. Deloads are applied
    afterwards by `deload`, to the session as fitted in a normal week.
    """
    out = []
    for choice in choices:
        ex, role = choice.exercise, choice.role
        seconds = None
        reps: Range | None = None
        rir: Range | None = None
        rest = 0
        tempo = ex.tempo
        sets = 1
        if role in ("warmup", "cooldown"):
            tempo = None
            if ex.dose == "seconds":
                seconds = 60 if not ex.unilateral else 40
            else:
                reps = Range(8, 10) if role == "warmup" else Range(6, 8)
        elif role == "plyometric":
            sets = 3 if ctx.phase == "build" and ctx.experience == "advanced" else 2
            reps = Range(5, 6) if ex.unilateral else Range(8, 10)
            rest, tempo = 60, None
        elif role == "main":
            sets, reps, rir, rest = main_scheme(ctx)
        else:
            sets, reps, rir, rest = accessory_scheme(ctx)
            if role == "core":
                rest = 45
            if ex.pattern == "calf" and _focus(athlete, "achilles", "calf") and ctx.phase in (
                    "base", "build"):
                sets = 3  # tendons want load and more of it
            if ex.dose == "seconds":
                seconds, reps = hold_seconds(ex, ctx), None
        load = None
        per_hand = False
        step = load_step(choice.option, athlete.load_unit)
        if (ex.id in athlete.lifts and reps is not None and step is not None
                and role in ("main", "accessory")):
            implement, size = step
            per_hand = implement == "dumbbells" and ex.id not in ONE_DUMBBELL
            previous = loads.get(ex.id)
            if ctx.phase in ("base", "build"):
                value = prescribed_load(athlete.lifts[ex.id], reps, rir, ctx.loading_weeks, size)
                value = max(value, previous or 0)
            elif ctx.phase in ("peak", "taper"):
                value = previous or prescribed_load(athlete.lifts[ex.id], reps, rir,
                                                    ctx.loading_weeks, size)
            else:  # recovery: a fresh, lighter start
                value = prescribed_load(athlete.lifts[ex.id], reps, rir, 0, size)
            load = Load(value, athlete.load_unit)
        elif role in ("main", "accessory") and reps is not None and ctx.phase in (
                "base", "build"):
            reps = rep_target(reps, ctx.loading_weeks)
        out.append(Prescription(
            id=ex.id, name=ex.name, pattern=ex.pattern, role=role, equipment=choice.option,
            sets=sets, reps=reps, seconds=seconds, per_side=ex.unilateral, rir=rir,
            rest_seconds=rest, tempo=tempo, load=load, per_hand=per_hand))
    return out


def rep_target(reps: Range, loading_weeks: int) -> Range:
    """Double progression for work without a prescribed load: the week's rep target climbs
    through the range over three loading weeks (8–10, 9–11, 10–12); when the top is reached
    with good form, the athlete adds load and the wave starts again at the bottom."""
    width = reps.max - reps.min
    if width < 4:
        return reps
    span = width // 2
    shift = (loading_weeks % 3) * (width - span) // 2
    return Range(reps.min + shift, reps.min + shift + span)


def _tempo_seconds(tempo: str | None) -> int:
    if not tempo:
        return 3
    try:
        return sum(int(part) for part in tempo.split("-"))
    except ValueError:
        return 3


def estimate_minutes(prescriptions: list[Prescription]) -> int:
    """Minutes from sets, reps, tempo and rest, with a short change-over between exercises."""
    seconds = 0
    for p in prescriptions:
        sides = 2 if p.per_side else 1
        if p.reps is not None:
            work = (p.reps.min + p.reps.max) / 2 * _tempo_seconds(p.tempo) * sides
        else:
            work = (p.seconds or 0) * sides
        # accessories and core are done in pairs, so one's rest is the other's work
        rest = p.rest_seconds if p.role in ("main", "plyometric") else p.rest_seconds / 2
        seconds += p.sets * (work + rest) + 20
    return math.ceil(seconds / 60)


def target_sets(template: str, ctx: WeekContext) -> tuple[int, int]:
    """The session's working-set target and ceiling (coaching.md §5).

    8–12 is the target; 12–16 only for advanced athletes in base; high mileage keeps the low end.
    Peak and taper cut volume: fewer sets, not lighter loads.
    """
    if ctx.phase == "race":
        return 0, 0
    if template in ("C", "Light"):
        return 8, 10
    if ctx.phase == "base":
        target = {"novice": 10, "intermediate": 12, "advanced": 14}[ctx.experience]
        ceiling = 16 if ctx.experience == "advanced" else 12
    elif ctx.phase == "build":
        target = {"novice": 10, "intermediate": 11, "advanced": 12}[ctx.experience]
        ceiling = 12
    elif ctx.phase == "taper":
        target, ceiling = 5, 7
    else:  # peak, recovery
        target, ceiling = 8, 10
    if ctx.high_mileage:
        target, ceiling = min(target, 10 if ctx.phase in ("base", "build") else 8), \
            min(ceiling, 10)
    return target, ceiling


def working_sets(prescriptions: list[Prescription]) -> int:
    return sum(p.sets for p in prescriptions if p.working)


def fit_session(choices: list[Choice], prescriptions: list[Prescription], target: int,
                ceiling: int, minutes: int, floor: int) -> tuple[list[Choice], list[Prescription]]:
    """Trim accessories, never main lifts, until the session meets its set target and its time.

    In order: thin the ordinary accessories to one set, drop them (highest `trim` first), thin the
    essential and protected work to one set. Above `ceiling` (a hard limit) protected work goes
    too; essential work (the week's calf and core) never does. `floor` is the fewest working sets
    allowed (6 outside taper, race and deload weeks).
    """
    items = list(zip(choices, prescriptions, strict=True))

    def trimmable(forced: bool) -> int | None:
        working = [i for i, (c, p) in enumerate(items) if p.working and p.role != "main"]
        by_trim = sorted(working, key=lambda i: (-items[i][0].spec.trim, -i))
        ordinary = [i for i in by_trim if not (items[i][0].spec.protected
                                               or items[i][0].spec.essential)]
        thin = [i for i in ordinary if items[i][1].sets > 1]
        if thin or ordinary:
            return (thin or ordinary)[0]
        thin = [i for i in by_trim if items[i][1].sets > 1]
        if thin:
            return thin[0]
        if forced:
            droppable = [i for i in by_trim if not items[i][0].spec.essential]
            return droppable[0] if droppable else None
        return None

    def cut_one(forced: bool = False) -> bool:
        i = trimmable(forced)
        if i is None:
            return False
        choice, p = items[i]
        if p.sets > 1:
            items[i] = (choice, _with_sets(p, p.sets - 1))
        else:
            del items[i]
        return True

    def total() -> int:
        return working_sets([p for _, p in items])

    while total() > max(target, floor) and cut_one():
        pass
    while total() > max(ceiling, floor) and cut_one(forced=True):
        pass
    while (estimate_minutes([p for _, p in items]) > minutes and total() > floor
           and cut_one()):
        pass
    # below the floor (a short session list): add back accessory and core sets
    growable = [i for i, (c, p) in enumerate(items) if p.role in ("accessory", "core")]
    while total() < floor and growable:
        grown = False
        for i in growable:
            choice, p = items[i]
            if p.sets < 4 and total() < floor:
                items[i] = (choice, _with_sets(p, p.sets + 1))
                grown = True
        if not grown:
            break
    return [c for c, _ in items], [p for _, p in items]


def deload_session(choices: list[Choice], prescriptions: list[Prescription],
                   loads: dict[str, float], cap: int | None = None) -> list[Prescription]:
    """About 40 % less volume than a normal week: fewer sets, loads held at last week's.

    `cap` limits the session further, so that the week is also 40 % under the week before.
    """
    goal = round(working_sets(prescriptions) * 0.6)
    if cap is not None:
        goal = max(1, min(goal, cap))
    held = []
    for p in prescriptions:
        if p.working:
            load = Load(loads[p.id], p.load.unit) if p.load and p.id in loads else p.load
            p = replace(p, sets=max(1, round(p.sets * 0.6)), load=load)
        held.append(p)
    _, kept = fit_session(choices, held, goal, goal, 10_000, 1)
    return thin_main_lifts(kept, goal)


def thin_main_lifts(prescriptions: list[Prescription], goal: int) -> list[Prescription]:
    """Take sets from the main lifts, never below one, until the session is at `goal`.

    Only deloads and tapers do this: their point is less volume, and their tables allow 1 set.
    """
    kept = list(prescriptions)
    while working_sets(kept) > goal:
        mains = [i for i, p in enumerate(kept) if p.role == "main" and p.sets > 1]
        if not mains:
            break
        i = max(mains, key=lambda i: (kept[i].sets, -i))
        kept[i] = replace(kept[i], sets=kept[i].sets - 1)
    return kept


def _with_sets(p: Prescription, sets: int) -> Prescription:
    return replace(p, sets=sets)
