"""Choosing exercises (coaching.md §4, §7): session templates of slots, filled for one athlete.

A template is a list of slots, each a role and the exercises that may fill it, best first; the
athlete's focus (injury history) shapes the candidates and adds protected work.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ..model import Athlete, Exercise, Library
from ..vocabulary import EXPERIENCE, LOWER_BODY_PATTERNS
from .dose import LOAD_STEPS
from .loads import LISTED, kit_for


@dataclass(frozen=True)
class SlotSpec:
    """A place in a session template: a role and the exercises that may fill it, best first."""

    role: str
    candidates: tuple[str, ...]
    purpose: str
    essential: bool = False  # covers a pattern the week must have: never trimmed away
    protected: bool = False  # upper-body work: dropped only when a ceiling forces it
    focus: bool = False  # the athlete's injury history: cut last, after main-lift sets
    trim: int = 0  # higher is trimmed sooner when time or volume is short
    bodyweight_only: bool = False  # lightened/primer sessions: no external load
    min_sets: int = 1  # focus work: the fewest sets the week's focus minimum leaves it
    level_slack: int = 0  # focus work may reach this many experience levels above the athlete

    def __hash__(self) -> int:  # kept: specs and choices key the planner's caches
        kept: int | None = self.__dict__.get("_hash")
        if kept is None:
            kept = self.__dict__["_hash"] = hash((
                self.role, self.candidates, self.purpose, self.essential, self.protected,
                self.focus, self.trim, self.bodyweight_only, self.min_sets, self.level_slack))
        return kept

    def __getstate__(self) -> dict[str, object]:
        return _without_hash(self)


@dataclass(frozen=True)
class Choice:
    spec: SlotSpec
    exercise: Exercise
    option: tuple[str, ...]
    role: str

    def __hash__(self) -> int:  # kept, as a spec's
        kept: int | None = self.__dict__.get("_hash")
        if kept is None:
            kept = self.__dict__["_hash"] = hash((self.spec, self.exercise, self.option,
                                                  self.role))
        return kept

    def __getstate__(self) -> dict[str, object]:
        return _without_hash(self)


@functools.lru_cache(maxsize=4096)
def _one(choice: Choice) -> Choice:
    """The first choice of this value still kept: athletes share their choices, so that the
    planner's caches, keyed by choices, hold one of each (and compare them by identity)."""
    return choice


def _without_hash(value: object) -> dict[str, object]:
    """Specs and choices keep their hash once worked out (the planner's caches, in dose.py,
    fit.py and builder.py, are keyed by them session after session), but do not pickle it:
    another process hashes strings differently."""
    return {k: v for k, v in value.__dict__.items() if k != "_hash"}


@dataclass(frozen=True)
class Template:
    name: str
    focus: str
    slots: tuple[SlotSpec, ...]


@dataclass(frozen=True)
class _Focus:
    """What the athlete's focus changes in the templates."""

    knee: bool
    low_back: bool
    calf: bool
    hip: bool
    shin: bool
    hamstring: bool

    @classmethod
    def of(cls, athlete: Athlete) -> _Focus:
        return cls(knee=athlete.has_focus("knee"), low_back=athlete.has_focus("low_back"),
                   calf=athlete.has_focus("achilles", "calf"),
                   hip=athlete.has_focus("hip", "it_band"), shin=athlete.has_focus("shin"),
                   hamstring=athlete.has_focus("hamstring"))

    @property
    def squat(self) -> tuple[str, ...]:
        if self.knee:
            return ("step-up", "split-squat", "reverse-lunge", "goblet-squat")
        return ("back-squat", "goblet-squat", "bodyweight-squat")

    @property
    def hinge(self) -> tuple[str, ...]:
        if self.low_back:
            return ("hip-thrust", "glute-bridge", "single-leg-romanian-deadlift")
        if self.hamstring:
            return ("romanian-deadlift", "single-leg-romanian-deadlift", "glute-bridge")
        return ("romanian-deadlift", "trap-bar-deadlift", "single-leg-romanian-deadlift",
                "hip-thrust", "glute-bridge")

    @property
    def single_leg(self) -> tuple[str, ...]:
        if self.knee:
            return ("step-up", "split-squat", "reverse-lunge")
        return ("bulgarian-split-squat", "split-squat", "step-up", "reverse-lunge")


HIP_WORK = ("side-lying-leg-lift", "clamshell", "lateral-band-walk")
STRAIGHT_KNEE_CALF = ("single-leg-calf-raise", "standing-calf-raise")


def _warmup(*ids: str) -> SlotSpec:
    return SlotSpec("warmup", ids, "activation")


def _cooldown(*ids: str) -> SlotSpec:
    return SlotSpec("cooldown", ids, "mobility")


def _template_a(f: _Focus) -> list[SlotSpec]:
    """A: posterior chain, with the straight-knee calf raise."""
    a = [_warmup("glute-bridge-march", "leg-swings"),
         _warmup("lateral-band-walk", "clamshell") if f.hip else _warmup("leg-swings",
                                                                          "walking-knee-hug"),
         SlotSpec("plyometric", ("pogo-jump", "box-jump"), "elastic stiffness", trim=5),
         SlotSpec("main", f.squat, "squat"),
         SlotSpec("main", f.hinge, "hinge"),
         SlotSpec("accessory", ("hip-thrust", "glute-bridge", "single-leg-glute-bridge"),
                  "glutes", trim=6),
         SlotSpec("accessory", STRAIGHT_KNEE_CALF, "calf, straight knee", essential=True)]
    if f.calf:
        a.append(SlotSpec("accessory", ("bent-knee-calf-raise",), "calf, bent knee", trim=3,
                          focus=True))  # focus work is the athlete's injury history
    a += _focus_slots(f)
    return [*a,
            SlotSpec("core", ("dead-bug", "front-plank", "bird-dog"), "core, anti-extension",
                     essential=True),
            SlotSpec("accessory", ("bent-over-row", "single-arm-dumbbell-row", "inverted-row",
                                   "band-row"), "upper pull", trim=8, protected=True),
            _cooldown("couch-stretch"), _cooldown("ankle-dorsiflexion-rock"),
            _cooldown("crocodile-breathing")]


def _focus_slots(f: _Focus) -> list[SlotSpec]:
    """Work for the athlete's focus beyond the calf raises every session has."""
    slots = []
    if f.shin:
        slots.append(SlotSpec("accessory", ("tibialis-raise",), "shin", trim=3, focus=True))
    if f.hip:
        slots.append(SlotSpec("accessory", HIP_WORK, "glute medius", trim=4, focus=True))
    if f.low_back:
        slots.append(SlotSpec("core", ("farmers-carry", "suitcase-carry"), "carry", trim=2,
                              focus=True))
    return slots


def _template_b(f: _Focus) -> list[SlotSpec]:
    """B: single leg and stability, with the bent-knee calf raise."""
    b = [_warmup("leg-swings", "walking-knee-hug"),
         _warmup("clamshell", "lateral-band-walk") if f.hip else _warmup("walking-knee-hug",
                                                                          "inchworm"),
         SlotSpec("main", f.single_leg, "single leg"),
         SlotSpec("main", ("single-leg-romanian-deadlift", "single-leg-glute-bridge"),
                  "single-leg hinge"),
         SlotSpec("accessory", ("bent-knee-calf-raise",), "calf, bent knee", essential=True)]
    if f.calf:
        b.append(SlotSpec("accessory", STRAIGHT_KNEE_CALF, "calf, straight knee", trim=3,
                          focus=True))
    return [*b,
            SlotSpec("accessory", HIP_WORK, "glute medius", trim=4 if f.hip else 6,
                     focus=f.hip),
            SlotSpec("core", ("pallof-press", "bird-dog", "side-plank", "suitcase-carry"),
                     "core, anti-rotation", essential=True),
            SlotSpec("accessory", ("push-up", "dumbbell-bench-press"), "upper push", trim=8,
                     protected=True),
            _cooldown("ninety-ninety-hip-switch"), _cooldown("thoracic-open-book"),
            _cooldown("crocodile-breathing")]


def _template_c(f: _Focus) -> list[SlotSpec]:
    """C: a lighter third session of a base week: upper body and trunk, no leg load."""
    return [_warmup("inchworm", "leg-swings"), _warmup("walking-knee-hug"),
            SlotSpec("accessory", ("half-kneeling-overhead-press", "push-up"), "upper push",
                     trim=3),
            SlotSpec("accessory", ("single-arm-dumbbell-row", "inverted-row", "band-row"),
                     "upper pull", trim=3),
            SlotSpec("core", ("suitcase-carry", "farmers-carry", "side-plank"), "carry", trim=1,
                     essential=True),
            SlotSpec("core", ("side-plank", "bird-dog"), "core, anti-lateral", essential=True),
            SlotSpec("accessory", ("tibialis-raise",) if f.shin else ("copenhagen-plank",
                                                                        "clamshell"),
                     "lower leg" if f.shin else "hip", trim=4),
            _cooldown("thoracic-open-book"), _cooldown("ankle-dorsiflexion-rock"),
            _cooldown("crocodile-breathing")]


def _template_light() -> list[SlotSpec]:
    """A heavy session that may not load the legs (the day before a key run)."""
    return [_warmup("glute-bridge-march", "leg-swings"), _warmup("leg-swings", "walking-knee-hug"),
            SlotSpec("accessory", ("split-squat", "step-up", "reverse-lunge"),
                     "single leg, bodyweight", essential=True, bodyweight_only=True),
            SlotSpec("accessory", ("glute-bridge", "single-leg-glute-bridge"),
                     "hinge, bodyweight", essential=True, bodyweight_only=True),
            # the day before a key run no leg work takes a weight, calf raises neither
            SlotSpec("accessory", ("single-leg-calf-raise", "bent-knee-calf-raise"), "calf",
                     essential=True, bodyweight_only=True),
            SlotSpec("core", ("dead-bug", "bird-dog"), "core, anti-extension", essential=True),
            SlotSpec("core", ("pallof-press", "side-plank"), "core, anti-rotation", trim=2),
            SlotSpec("accessory", ("push-up",), "upper push", trim=4),
            SlotSpec("accessory", ("band-row", "single-arm-dumbbell-row", "inverted-row"),
                     "upper pull", trim=4),
            _cooldown("ninety-ninety-hip-switch"), _cooldown("crocodile-breathing")]


def _template_primer() -> list[SlotSpec]:
    """The race week's short activation session."""
    return [_warmup("leg-swings"), _warmup("walking-knee-hug"), _warmup("glute-bridge-march"),
            SlotSpec("accessory", ("glute-bridge",), "hinge, bodyweight", bodyweight_only=True,
                     trim=1),
            SlotSpec("accessory", ("single-leg-calf-raise",), "calf", bodyweight_only=True,
                     trim=2),
            SlotSpec("core", ("dead-bug",), "core, anti-extension", trim=3),
            SlotSpec("core", ("side-plank",), "core, anti-lateral", trim=4),
            SlotSpec("accessory", ("push-up",), "upper push", trim=5),
            _cooldown("ankle-dorsiflexion-rock"), _cooldown("crocodile-breathing")]


def _template_full(a: list[SlotSpec], b: list[SlotSpec], f: _Focus) -> list[SlotSpec]:
    """One session in a week: it has to cover everything, so it takes from both A and B,
    focus work included."""

    def take(slots: list[SlotSpec], purpose: str) -> SlotSpec:
        return next(s for s in slots if s.purpose == purpose)

    calf = [replace(take(a, "calf, straight knee"), focus=f.calf),
            replace(take(b, "calf, bent knee"), focus=f.calf)]
    return [a[0], b[0], take(a, "elastic stiffness"), take(b, "single leg"), take(a, "hinge"),
            *calf, *_focus_slots(f), take(b, "core, anti-rotation"), take(a, "upper pull"),
            _cooldown("couch-stretch"), _cooldown("thoracic-open-book"),
            _cooldown("crocodile-breathing")]


def templates(athlete: Athlete) -> dict[str, Template]:
    """The session templates for this athlete, shaped by focus (injury history)."""
    return dict(_templates(_Focus.of(athlete)))


@functools.cache
def _templates(focus: _Focus) -> dict[str, Template]:
    """The templates of each focus, made once (and shared: read-only)."""
    a, b = _template_a(focus), _template_b(focus)
    return {
        "A": Template("A", "Posterior chain", tuple(a)),
        "B": Template("B", "Single leg and stability", tuple(b)),
        "C": Template("C", "Light: upper body and trunk", tuple(_template_c(focus))),
        "Full": Template("Full", "Full body: the week's one session",
                         tuple(_template_full(a, b, focus))),
        "Light": Template("Light", "Bodyweight leg work only", tuple(_template_light())),
        "Primer": Template("Primer", "Race-week primer", tuple(_template_primer())),
    }


def _owned_for(spec: SlotSpec, exercise: Exercise, athlete: Athlete) -> frozenset[str]:
    owned = athlete.equipment
    if spec.bodyweight_only:
        owned = owned - LOAD_STEPS.keys()
    if (athlete.experience == "novice" and exercise.pattern in LOWER_BODY_PATTERNS
            and exercise.id not in athlete.lifts):
        owned = owned - {"barbell", "trap_bar"}  # novices learn with dumbbells before the bar
    if exercise.pattern == "hinge" and athlete.has_focus("low_back"):
        owned = owned - {"barbell", "trap_bar"}  # no heavy barbell hinges with a sore back
    return frozenset(owned)


def _option(exercise: Exercise, owned: frozenset[str], athlete: Athlete) -> tuple[str, ...] | None:
    """The way of doing the exercise: the first the athlete's equipment allows, or for a known
    lift, the one whose weights owned come nearest it without passing it (coaching.md §6: a
    known 24 kg goblet squat with dumbbells to 16 kg and a 24 kg kettlebell takes the bell)."""
    options = [o for o in exercise.equipment if set(o) <= owned]
    if len(options) < 2 or exercise.id not in athlete.lifts or athlete.weights is None:
        return options[0] if options else None
    known = athlete.lifts[exercise.id]

    def nearest(option: tuple[str, ...]) -> float:
        kit = kit_for(exercise, option, athlete)
        if kit is None or kit.owned is None and kit.implement in LISTED:
            return 0.0  # no load, or bells whose weights the profile does not list
        per = kit.down(known / kit.implements)
        return per * kit.implements if per else 0.0

    return max(options, key=nearest)  # the first of equals: the library's order


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
    experience = EXPERIENCE.index(athlete.experience)
    avoided = frozenset(athlete.avoid)
    exercises = library.exercises
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
                exercise = exercises.get(exercise_id)
                if exercise is None or exercise_id in in_session or (
                        exercise_id in avoided or exercise.pattern in avoided):
                    continue  # avoid: the coach keeps it away from this athlete (profile.md)
                if avoid_others and exercise_id in used_elsewhere and spec.role not in (
                        "warmup", "cooldown"):
                    continue
                if (EXPERIENCE.index(exercise.level) > experience + spec.level_slack
                        and exercise_id not in athlete.lifts):
                    continue
                role = _role_for(spec, exercise)
                option = _option(exercise, _owned_for(spec, exercise, athlete), athlete)
                if role is None or option is None:
                    continue
                pick = _one(Choice(spec, exercise, option, role))
                break
            if pick:
                break
        if pick:
            chosen.append(pick)
            in_session.add(pick.exercise.id)
    return chosen


def same_as_before(choices: list[Choice], earlier: list[Choice]) -> list[Choice]:
    """`choices` with each slot an earlier session also filled taking that session's exercise.

    coaching.md §7: a block that lifts a squat in A does not meet a different heavy squat for the
    first time when its weeks shrink to one session (peak, taper, high mileage).
    """
    before = {(c.spec.role, c.spec.purpose): c for c in earlier if c.spec.role == "main"}
    return [replace(before[key], spec=c.spec) if (key := (c.spec.role, c.spec.purpose)) in before
            else c for c in choices]
