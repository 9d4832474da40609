"""Many generated profiles: every plan keeps every MUST of coaching.md."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
from conftest import LIBRARY, TODAY, athlete_from
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rules import broken_rules
from test_plan_json import PLAN

from generator.inputs.changes import block_mondays
from generator.plan.builder import build_plan

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
RUNS = ["rest", "easy", "recovery", "moderate", "long", "intervals", "tempo", "hills", "fartlek",
        "race", "cross"]
ITEMS = ["barbell", "trap_bar", "dumbbells", "kettlebell", "bench", "box", "band", "cable",
         "pullup_bar", "plates"]
LIFTABLE = ["back-squat", "goblet-squat", "split-squat", "romanian-deadlift", "hip-thrust",
            "bulgarian-split-squat", "step-up", "trap-bar-deadlift", "single-leg-calf-raise",
            "bent-over-row", "farmers-carry"]
# lifts a runner often holds a dumbbell in each hand for: written per hand as often as total
PER_HAND = {"split-squat", "bulgarian-split-squat", "romanian-deadlift", "step-up",
            "farmers-carry"}
AVOIDABLE = ["back-squat", "goblet-squat", "split-squat", "box-jump", "pogo-jump",
             "romanian-deadlift", "trap-bar-deadlift", "hip-thrust", "step-up", "push-up",
             "single-leg-calf-raise", "dead-bug", "farmers-carry", "squat", "hinge",
             "single_leg", "plyometric", "upper_push", "upper_pull", "carry", "hip", "calf",
             "core"]
KG_WEIGHTS = {"kettlebell": [4, 8, 12, 16, 20, 24, 32], "dumbbells": [2.5, 5, 7.5, 10, 12.5, 15,
              17.5, 20, 22.5, 25, 30], "plates": [0.5, 1.25, 2.5]}
LB_WEIGHTS = {"kettlebell": [9, 18, 26, 35, 44, 53], "dumbbells": [5, 10, 15, 20, 25, 30, 35,
              40, 45, 50, 60], "plates": [1.25, 2.5, 5]}


def mondays_from(day: dt.date) -> st.SearchStrategy[dt.date]:
    first = day + dt.timedelta(days=(7 - day.weekday()) % 7)
    return st.integers(0, 30).map(lambda n: first + dt.timedelta(weeks=n))


@st.composite
def profiles(draw):
    # a week with at least one day a session could use
    week = draw(st.lists(st.sampled_from(RUNS), min_size=7, max_size=7).filter(
        lambda w: any(r not in ("long", "race") for r in w)))
    profile = {"name": "Generated Runner", "week": dict(zip(DAYS, week, strict=True)),
               "units": draw(st.sampled_from(["mi", "km"])),
               "weekly_mileage": draw(st.integers(5, 120)),
               "experience": draw(st.sampled_from(["novice", "intermediate", "advanced"])),
               "placement": draw(st.sampled_from(["easy_days", "hard_days"])),
               "session_minutes": draw(st.one_of(st.integers(20, 30), st.integers(20, 90)))}
    equipment = draw(st.one_of(st.sampled_from(["gym", "home", "bodyweight"]),
                               st.lists(st.sampled_from(ITEMS), unique=True, max_size=5)))
    profile["equipment"] = equipment
    shape = draw(st.sampled_from(["phase", "race", "both"]))
    if shape in ("race", "both"):
        race_day = TODAY + dt.timedelta(days=draw(st.integers(3, 200)))
        profile["race"] = {"date": race_day.isoformat(),
                           "distance": draw(st.sampled_from(
                               ["5k", "10k", "half", "marathon", "ultra", "other"]))}
        if draw(st.booleans()):
            profile["weeks"] = draw(st.integers(1, 30))
    if shape in ("phase", "both"):
        profile["phase"] = draw(st.sampled_from(
            ["base", "build", "peak", "taper", "race", "recovery"]))
        if shape == "phase" and draw(st.booleans()):
            profile["weeks"] = draw(st.integers(1, 16))
    if draw(st.booleans()):
        limit = dt.date.fromisoformat(profile["race"]["date"]) if "race" in profile else \
            TODAY + dt.timedelta(days=200)
        start = draw(mondays_from(TODAY))
        if start <= limit:
            profile["start"] = start.isoformat()
    if profile.get("phase") == "race" and ("race" not in profile or "start" in profile and (
            dt.date.fromisoformat(profile["race"]["date"])
            - dt.date.fromisoformat(profile["start"])).days not in range(7)):
        profile["phase"] = "base"  # phase: race names the week of the race (profile.md)
    if draw(st.booleans()):
        profile["sessions_per_week"] = draw(st.integers(1, 3))
    if draw(st.booleans()):
        profile["strength_days"] = draw(st.lists(st.sampled_from(DAYS), unique=True,
                                                 max_size=3))
    profile["focus"] = draw(st.lists(st.sampled_from(
        ["achilles", "calf", "knee", "hip", "it_band", "hamstring", "low_back", "shin"]),
        unique=True, max_size=3))
    profile["lifts"] = draw(lifts_written())
    if draw(st.booleans()):
        profile["bodyweight"] = f"{draw(st.integers(40, 120))} kg"
    unit = "lb" if profile["units"] == "mi" else "kg"
    if draw(st.integers(0, 2)) == 0 and (kinds := owned_kinds(equipment)):
        profile["weights"] = draw(owned_weights(unit, kinds))
    if draw(st.booleans()):
        profile["avoid"] = draw(st.lists(st.sampled_from(AVOIDABLE), unique=True, max_size=3))
    if "start" in profile and draw(st.booleans()):
        profile["changes"] = draw(week_changes(profile))
    return profile


@st.composite
def lifts_written(draw):
    """Known lifts in all three notations: the total, `2 x 10 kg` and `10 kg each`."""
    out = {}
    for lift in draw(st.lists(st.sampled_from(LIFTABLE), unique=True, max_size=4)):
        unit = draw(st.sampled_from(["kg", "lb"]))
        total = draw(st.integers(4, 60)) * (2.5 if unit == "kg" else 5)
        notation = draw(st.sampled_from(["total", "2 x", "each"])) if lift in PER_HAND \
            else "total"
        out[lift] = {"total": f"{total:g} {unit}", "2 x": f"2 x {total / 2:g} {unit}",
                     "each": f"{total / 2:g} {unit} each"}[notation]
    return out


def owned_kinds(equipment) -> list[str]:
    """The kinds of `weights` an athlete with this equipment may list."""
    items = {"gym": set(ITEMS), "home": {"dumbbells", "kettlebell", "band", "box"},
             "bodyweight": set()}.get(equipment, equipment) if isinstance(equipment, str) \
        else set(equipment)
    kinds = [k for k in ("dumbbells", "kettlebell") if k in items]
    return kinds + (["plates"] if items & {"barbell", "trap_bar", "plates"} else [])


@st.composite
def owned_weights(draw, unit, allowed):
    """The implements an athlete owns, in their load unit (profile.md `weights`)."""
    table = KG_WEIGHTS if unit == "kg" else LB_WEIGHTS
    kinds = draw(st.lists(st.sampled_from(allowed), unique=True, min_size=1, max_size=3))
    out: dict = {}
    for kind in kinds:
        if kind == "plates":
            out[kind] = f"{draw(st.sampled_from(table[kind])):g} {unit}"
        else:
            out[kind] = [f"{w:g} {unit}" for w in draw(st.lists(
                st.sampled_from(table[kind]), min_size=1, max_size=4))]
    return out


@st.composite
def week_changes(draw, profile):
    """0–3 Mondays of the block: a week off, a day run otherwise, or another mileage."""
    race = dt.date.fromisoformat(profile["race"]["date"]) if "race" in profile else None
    mondays = block_mondays(race, dt.date.fromisoformat(profile["start"]), profile.get("weeks"))
    out = {}
    for monday in draw(st.lists(st.sampled_from(mondays), unique=True, max_size=3)):
        kind = draw(st.sampled_from(["off", "days", "mileage", "both"]))
        change: dict = {"off": True} if kind == "off" else {}
        if kind in ("days", "both"):
            for day in draw(st.lists(st.sampled_from(DAYS), unique=True, min_size=1, max_size=3)):
                change[day] = draw(st.sampled_from(RUNS))
        if kind in ("mileage", "both"):
            change["weekly_mileage"] = draw(st.integers(5, 120))
        out[monday.isoformat()] = change
    return out


def changes_of(profile: dict) -> dict[str, dict]:
    return profile.get("changes") or {}


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_every_plan_keeps_every_must(profile):
    athlete = athlete_from(profile)
    plan = json.loads(build_plan(athlete, LIBRARY, TODAY).to_json())
    jsonschema.validate(plan, PLAN)
    problems = broken_rules(plan, profile["week"], set(athlete.equipment), changes_of(profile))
    assert problems == [], (profile, problems[:5])
    for warning in plan["warnings"]:
        assert warning["code"] == warning["code"].lower() and " " not in warning["code"]
        assert warning["message"]


@st.composite
def logs_for(draw, plan: dict, unit: str):
    """A training log over a plan's dates: sessions logged as planned or not, lighter or
    heavier, in either unit, short or at the top, skipped, moved to a free day; niggles."""
    from generator.model import DoneExercise, DoneSet, Load, LoggedSession, Niggle, TrainingLog

    days = [d for w in plan["weeks"] for d in w["days"]]
    sessions = {}
    for day in draw(st.lists(st.sampled_from(days), unique_by=lambda d: d["date"], max_size=12)):
        date = dt.date.fromisoformat(day["date"])
        if day["session"] and draw(st.integers(0, 5)) == 0:
            sessions[date] = LoggedSession(date, skipped=True)
            continue
        planned = (day["session"] or {}).get("exercises") or draw(st.sampled_from(
            [d["session"]["exercises"] for d in days if d["session"]] or [[]]))
        done = []
        for e in draw(st.lists(st.sampled_from(planned), unique_by=lambda e: e["id"])
                      if planned else st.just([])):
            load = None
            if e["load"] or draw(st.booleans()):
                base = e["load"]["value"] if e["load"] else draw(st.integers(2, 60))
                written = draw(st.sampled_from([unit, "kg", "lb"]))
                value = round(base * draw(st.sampled_from([0.8, 0.9, 1, 1, 1.1, 1.25])), 1)
                load = Load(max(value, 1.0), written, e["load"]["implements"] if e["load"] else 1)
            sets = tuple(DoneSet(load, draw(st.integers(1, 15)), None,
                                 draw(st.one_of(st.none(), st.integers(0, 5))))
                         for _ in range(draw(st.integers(1, 4))))
            done.append(DoneExercise(e["id"], sets))
        sessions[date] = LoggedSession(date, tuple(done))
    niggles = {}
    for day in draw(st.lists(st.sampled_from(days), unique_by=lambda d: d["date"], max_size=3)):
        date = dt.date.fromisoformat(day["date"])
        niggles[date] = Niggle(date, draw(st.sampled_from(
            ["achilles", "calf", "knee", "hip", "it_band", "hamstring", "low_back", "shin"])),
            draw(st.sampled_from(["left", "right", "both"])), draw(st.integers(0, 9)))
    return TrainingLog("generated-runner", tuple(sessions[d] for d in sorted(sessions)),
                       niggles=tuple(niggles[d] for d in sorted(niggles)))


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(profiles(), st.data())
def test_random_logs_never_break_a_must(profile, data):
    """Whatever the log holds, the plan that follows it keeps every MUST (tests/rules.py reads
    the log's part from the JSON: done only on logged days, loads that fall only as the log
    says, niggles lightening with a warning), and is the same bytes twice."""
    athlete = athlete_from(profile)
    plain = json.loads(build_plan(athlete, LIBRARY, TODAY).to_json())
    log = data.draw(logs_for(plain, athlete.load_unit))
    text = build_plan(athlete, LIBRARY, TODAY, log).to_json()
    assert build_plan(athlete, LIBRARY, TODAY, log).to_json() == text
    plan = json.loads(text)
    jsonschema.validate(plan, PLAN)
    problems = broken_rules(plan, profile["week"], set(athlete.equipment), changes_of(profile))
    assert problems == [], (profile, log, problems[:5])
