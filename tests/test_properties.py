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

from generator.plan.builder import build_plan

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
RUNS = ["rest", "easy", "recovery", "moderate", "long", "intervals", "tempo", "hills", "fartlek",
        "race", "cross"]
ITEMS = ["barbell", "trap_bar", "dumbbells", "kettlebell", "bench", "box", "band", "cable",
         "pullup_bar", "plates"]
LIFTABLE = ["back-squat", "goblet-squat", "split-squat", "romanian-deadlift", "hip-thrust",
            "bulgarian-split-squat", "step-up", "trap-bar-deadlift", "single-leg-calf-raise",
            "bent-over-row"]


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
               "session_minutes": draw(st.integers(20, 90))}
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
    lifts = draw(st.lists(st.sampled_from(LIFTABLE), unique=True, max_size=4))
    profile["lifts"] = {k: f"{draw(st.integers(4, 60)) * 2.5:g} kg" for k in lifts}
    if draw(st.booleans()):
        profile["bodyweight"] = f"{draw(st.integers(40, 120))} kg"
    return profile


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_every_plan_keeps_every_must(profile):
    athlete = athlete_from(profile)
    plan = json.loads(build_plan(athlete, LIBRARY, TODAY).to_json())
    jsonschema.validate(plan, PLAN)
    problems = broken_rules(plan, profile["week"], set(athlete.equipment))
    assert problems == [], (profile, problems[:5])
    for warning in plan["warnings"]:
        assert warning["code"] == warning["code"].lower() and " " not in warning["code"]
        assert warning["message"]
