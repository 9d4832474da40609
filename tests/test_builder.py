"""Hand-checked plans: scheduling, prescriptions, progression, and crowded weeks."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import LIBRARY, TODAY, athlete_from, plan_json
from rules import broken_rules

from generator.errors import ProfileError
from generator.plan.builder import build_plan
from generator.plan.schedule import RunCalendar, why_not

SEED_RUNNER = {
    # seed 000: half marathon, ~35 mi, four runs, lifting Monday and Thursday (easy days)
    "name": "Seed Runner",
    "units": "mi",
    "weekly_mileage": 35,
    "week": {"mon": "easy", "tue": "rest", "wed": "tempo", "thu": "easy", "fri": "rest",
             "sat": "long", "sun": "rest"},
    "race": {"date": "2027-04-11", "distance": "half"},
    "start": "2027-02-08",
    "experience": "intermediate",
    "equipment": "gym",
    "strength_days": ["mon", "thu"],
    "lifts": {"split-squat": "65 lb", "romanian-deadlift": "95 lb"},
}


def sessions_of(plan):
    return [(w["number"], d["weekday"], d["session"]) for w in plan["weeks"]
            for d in w["days"] if d["session"]]


def check(profile):
    plan = plan_json(profile)
    owned = set(plan["athlete"]["equipment"])
    problems = broken_rules(plan, profile["week"], owned)
    assert problems == [], problems
    return plan


def test_seed_runner_lifts_monday_and_thursday():
    plan = check(SEED_RUNNER)
    assert [w["phase"] for w in plan["weeks"]] == [
        "base", "base", "build", "build", "build", "peak", "peak", "taper", "race"]
    for week in plan["weeks"][:-1]:
        days = [d["weekday"] for d in week["days"] if d["session"]]
        assert days == ["mon", "thu"], (week["number"], days)
    monday = plan["weeks"][0]["days"][0]["session"]
    assert monday["reason"] == "Monday: easy run, lift after it, 48 h before Wednesday's tempo run"
    thursday = plan["weeks"][0]["days"][3]["session"]
    assert thursday["reason"] == "Thursday: easy run, lift after it, 48 h before Saturday's long run"
    moved = [w["message"] for w in plan["warnings"] if w["code"] == "moved-session"]
    assert moved == ["Week 9: strength_days asks for Thursday, but Thursday is 3 days before the "
                     "race; sessions are on Monday."]


def test_seed_runner_split_squat_progresses_from_known_lift():
    plan = check(SEED_RUNNER)
    loads = []
    for week in plan["weeks"]:
        for day in week["days"]:
            for e in (day["session"] or {}).get("exercises", []):
                if e["id"] == "split-squat":
                    loads.append((week["number"], week["phase"], week["deload"], e["load"]))
    assert loads, "the known split squat is prescribed"
    assert all(load["unit"] == "lb" and load["value"] % 5 == 0 for *_, load in loads)
    values = [load["total"] for _, phase, deload, load in loads if not deload]
    assert values == sorted(values)
    # 65 lb for ~8 reps: base 8–10 reps at 2 in reserve starts a little under it, build above it
    assert 55 <= values[0] <= 65
    assert values[-1] <= 70  # the known lift is the total: at most a step of 5 lb a hand over it


def test_tuesday_intervals_keep_monday_free_of_loaded_work():
    profile = dict(SEED_RUNNER, week={"mon": "easy", "tue": "intervals", "wed": "rest",
                                     "thu": "easy", "fri": "easy", "sat": "long", "sun": "rest"})
    plan = check(profile)
    moved = [w for w in plan["warnings"] if w["code"] == "moved-session"]
    assert moved and "Monday is the day before Tuesday's intervals run" in moved[0]["message"]


def test_key_runs_every_other_day_lighten_or_drop_with_warning():
    profile = {"name": "Crowded", "weekly_mileage": 60, "phase": "build", "start": "2027-01-04",
               "week": {"mon": "intervals", "tue": "easy", "wed": "tempo", "thu": "easy",
                        "fri": "hills", "sat": "easy", "sun": "long"},
               "experience": "advanced"}
    plan = check(profile)
    codes = {w["code"] for w in plan["warnings"]}
    assert codes & {"lightened-session", "dropped-session", "after-key-run"}
    for week in plan["weeks"]:
        assert any(d["session"] for d in week["days"])


def test_seven_run_days_all_key_still_one_session_a_week():
    profile = {"name": "Every Day Hard", "weekly_mileage": 70, "phase": "base",
               "start": "2027-01-04",
               "week": {d: k for d, k in zip(["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                        ["tempo", "intervals", "hills", "tempo", "fartlek", "intervals", "long"],
                        strict=True)}}
    plan = check(profile)
    assert any(w["code"] == "lightened-session" for w in plan["warnings"])


def test_race_ten_days_away():
    today = dt.date(2027, 3, 29)  # a Monday; the race is a week on Thursday
    profile = {"name": "Soon", "weekly_mileage": 40, "race": {"date": "2027-04-08",
               "distance": "10k"},
               "week": {"mon": "easy", "tue": "intervals", "wed": "easy", "thu": "easy",
                        "fri": "rest", "sat": "long", "sun": "easy"}}
    plan = plan_json(profile, today)
    assert broken_rules(plan, profile["week"], set(plan["athlete"]["equipment"])) == []
    assert [w["phase"] for w in plan["weeks"]] == ["taper", "race"]
    race_week = plan["weeks"][1]
    for day in race_week["days"]:
        if day["session"]:  # only 4+ days before the race or 3+ days after it
            gap = (dt.date.fromisoformat(day["date"]) - dt.date(2027, 4, 8)).days
            assert gap <= -4 or gap >= 3


def test_race_on_a_wednesday_has_no_session_in_the_three_days_before():
    profile = {"name": "Midweek Racer", "weekly_mileage": 30,
               "race": {"date": "2027-03-17", "distance": "5k"}, "start": "2027-02-01",
               "week": {"mon": "easy", "tue": "tempo", "wed": "easy", "thu": "easy",
                        "fri": "rest", "sat": "long", "sun": "easy"}}
    plan = check(profile)
    race_week = plan["weeks"][-1]
    assert race_week["phase"] == "race"
    assert race_week["days"][2]["run"] == "race"
    previous = plan["weeks"][-2]
    assert not any(d["session"] for d in previous["days"][4:])  # Fri–Sun: race −5 … −3
    assert previous["days"][6]["session"] is None  # Sunday, 3 days before the race
    assert any(w["code"] == "race-week-no-session" or d["session"]
               for w in plan["warnings"] for d in race_week["days"])


def test_race_week_cuts_half_to_seventy_percent():
    plan = check(SEED_RUNNER)
    taper, race = plan["weeks"][-2], plan["weeks"][-1]
    assert race["working_sets"] > 0
    assert 0.5 <= 1 - race["working_sets"] / taper["working_sets"] <= 0.7


def test_deload_every_fourth_week_in_long_blocks():
    profile = dict(SEED_RUNNER, start="2026-12-07")
    plan = check(profile)
    deloads = [w["number"] for w in plan["weeks"] if w["deload"]]
    assert deloads and all(n % 4 == 0 for n in deloads)
    week3, week4 = plan["weeks"][2], plan["weeks"][3]
    assert week4["deload"] and week4["working_sets"] <= 0.7 * week3["working_sets"]


def test_bodyweight_novice_gets_no_barbell_and_no_plyometrics():
    profile = {"name": "Novice", "weekly_mileage": 15, "phase": "base", "equipment": "bodyweight",
               "week": {"mon": "easy", "tue": "rest", "wed": "easy", "thu": "rest",
                        "fri": "easy", "sat": "long", "sun": "rest"}}
    plan = check(profile)
    for _, _, s in sessions_of(plan):
        for e in s["exercises"]:
            assert e["equipment"] == []
            assert e["role"] != "plyometric"


def test_focus_changes_exercise_choice():
    base = {"name": "F", "weekly_mileage": 30, "phase": "base", "experience": "intermediate",
            "week": SEED_RUNNER["week"]}
    ids = {e["id"] for *_, s in sessions_of(plan_json(dict(base, focus=["knee"])))
           for e in s["exercises"] if e["role"] == "main"}
    assert not ids & {"back-squat", "front-squat"}
    ids = {e["id"] for *_, s in sessions_of(plan_json(dict(base, focus=["shin"])))
           for e in s["exercises"]}
    assert "tibialis-raise" in ids
    ids = {e["id"] for *_, s in sessions_of(plan_json(dict(base, focus=["low_back"])))
           for e in s["exercises"]}
    assert not ids & {"trap-bar-deadlift"}
    for *_, s in sessions_of(plan_json(dict(base, focus=["low_back"]))):
        for e in s["exercises"]:
            if e["pattern"] == "hinge":
                assert "barbell" not in e["equipment"]


def test_loads_convert_kg_to_lb_and_round_to_steps():
    profile = dict(SEED_RUNNER, lifts={"romanian-deadlift": "40 kg"})
    plan = check(profile)
    loads = {e["load"]["value"] for *_, s in sessions_of(plan) for e in s["exercises"]
             if e["id"] == "romanian-deadlift" and e["load"]}
    assert loads and all(v % 5 == 0 for v in loads)
    assert min(loads) >= 75  # 40 kg is 88 lb


def test_check_ins_every_four_weeks_and_nutrition_from_bodyweight():
    plan = check(dict(SEED_RUNNER, bodyweight="58 kg"))
    with_tests = [w["number"] for w in plan["weeks"] if w["check_in"]]
    assert with_tests[0] == 1 and all(b - a == 4 for a, b in zip(with_tests, with_tests[1:],
                                                                   strict=False))
    assert plan["nutrition"]["protein_g_per_day"] == {"min": 93, "max": 128}


def test_same_input_same_json_bytes():
    athlete = athlete_from(SEED_RUNNER)
    first = build_plan(athlete, LIBRARY, TODAY).to_json()
    second = build_plan(athlete_from(SEED_RUNNER), LIBRARY, TODAY).to_json()
    assert first == second


def test_default_start_is_eight_weeks_before_race_week():
    profile = {k: v for k, v in SEED_RUNNER.items() if k != "start"}
    plan = plan_json(profile)
    assert plan["weeks"][0]["start"] == "2027-02-08"
    assert plan["weeks"][-1]["phase"] == "race"


def test_why_not_names_the_rule():
    athlete = athlete_from(SEED_RUNNER)
    calendar = RunCalendar(athlete)
    assert why_not(dt.date(2027, 2, 13), calendar, loaded=False) == "Saturday is a long-run day"
    assert why_not(dt.date(2027, 2, 9), calendar, loaded=True) == \
        "Tuesday is the day before Wednesday's tempo run"
    assert why_not(dt.date(2027, 4, 9), calendar, loaded=False) == "Friday is 2 days before the race"


def test_phase_race_needs_a_race():
    profile = {"name": "Race Phase", "weekly_mileage": 30, "phase": "race", "weeks": 4,
               "start": "2027-01-04", "week": SEED_RUNNER["week"]}
    with pytest.raises(ProfileError) as caught:
        athlete_from(profile)
    assert [str(p) for p in caught.value.problems] == [
        "test.yaml:3: phase: got 'race', but race is not given; a race week is the week of a "
        "race: add race: with its date, or choose base, build, peak, taper or recovery"]


def test_a_race_more_than_a_year_away_caps_the_block_at_52_weeks():
    profile = dict(SEED_RUNNER, start="2027-01-04", race={"date": "2028-06-04",
                                                         "distance": "marathon"})
    plan = plan_json(profile)
    assert len(plan["weeks"]) == 52
    assert any(w["code"] == "block-ends-before-race" for w in plan["warnings"])


def test_the_week_before_a_monday_race_keeps_a_session():
    # Fri–Sun are race −3…−1 (no loaded work), Tue/Wed long, Thu the only rest day
    profile = {"name": "Cascade", "weekly_mileage": 20, "units": "mi",
               "week": {"mon": "easy", "tue": "long", "wed": "long", "thu": "rest", "fri": "easy",
                        "sat": "easy", "sun": "easy"},
               "race": {"date": "2026-12-21", "distance": "5k"}}
    plan = check(profile)
    taper = plan["weeks"][-2]
    sessions = [d for d in taper["days"] if d["session"]]
    assert sessions
    for day in sessions:
        if day["date"] >= "2026-12-18":
            assert not day["session"]["lower_body_loaded"]


def test_a_recovery_week_may_use_the_days_just_after_the_race():
    # only Monday is free after a Sunday race: the week after still gets its session
    profile = {"name": "After", "weekly_mileage": 30, "weeks": 3, "start": "2026-11-30",
               "week": {"mon": "easy", "tue": "rest", "wed": "long", "thu": "long",
                        "fri": "long", "sat": "long", "sun": "long"},
               "race": {"date": "2026-12-13", "distance": "10k"}}
    plan = check(profile)
    assert plan["weeks"][2]["days"][0]["session"] is not None


def test_a_taper_session_is_not_given_up_for_an_optional_race_week_primer():
    profile = {"name": "Taper", "weekly_mileage": 30, "start": "2026-12-28",
               "experience": "intermediate",
               "week": {"mon": "easy", "tue": "long", "wed": "long", "thu": "long",
                        "fri": "rest", "sat": "long", "sun": "easy"},
               "race": {"date": "2027-01-17", "distance": "10k"}}
    plan = check(profile)
    assert any(d["session"] for d in plan["weeks"][1]["days"])
    dropped = [w["message"] for w in plan["warnings"] if w["code"] == "dropped-session"]
    assert "Monday follows the previous week's Sunday session" in dropped[0]


def test_hard_days_placement_warns_when_the_week_has_no_hard_run():
    profile = dict(SEED_RUNNER, placement="hard_days",
                   week={"mon": "easy", "tue": "rest", "wed": "easy", "thu": "easy",
                         "fri": "rest", "sat": "long", "sun": "rest"})
    plan = check(profile)
    assert any(w["code"] == "hard-days-unmet" and "no intervals, tempo" in w["message"]
               for w in plan["warnings"])


def test_the_week_holding_the_race_is_the_race_week_whatever_phase_says():
    profile = {"name": "Override", "weekly_mileage": 30, "phase": "base", "weeks": 1,
               "start": "2026-11-30", "week": SEED_RUNNER["week"],
               "race": {"date": "2026-12-06", "distance": "10k"}}
    plan = check(profile)
    assert plan["weeks"][0]["phase"] == "race"
    assert any(w["code"] == "phase-overridden" for w in plan["warnings"])


def test_phase_race_names_the_week_of_the_race():
    profile = {"name": "Label", "weekly_mileage": 30, "phase": "race", "start": "2026-11-30",
               "week": SEED_RUNNER["week"], "race": {"date": "2026-12-13", "distance": "10k"}}
    with pytest.raises(ProfileError) as caught:
        athlete_from(profile)
    assert [p.field for p in caught.value.problems] == ["phase"]
    assert "the block starts 2026-11-30 and the race is on 2026-12-13" in str(
        caught.value.problems[0])
    assert "start: 2026-12-07" in str(caught.value.problems[0])
    # without start the block depends on today: the countdown wins, with a warning
    plan = check({k: v for k, v in profile.items() if k != "start"})
    assert plan["weeks"][0]["phase"] != "race" and plan["weeks"][-1]["phase"] == "race"
    assert any(w["code"] == "phase-overridden" for w in plan["warnings"])
    first, race = plan["weeks"][-2:]
    assert race["working_sets"] <= 0.5 * first["working_sets"]


def test_work_without_a_load_gets_harder_and_never_cycles():
    """coaching.md §6: bodyweight work progresses by tempo every two loading weeks, reps hold
    the phase's range, and nothing is prescribed at a RIR no one can reach."""
    profile = {"name": "Novice", "weekly_mileage": 15, "phase": "base", "weeks": 6,
               "start": "2027-01-04", "equipment": "bodyweight",
               "week": {"mon": "easy", "tue": "rest", "wed": "easy", "thu": "rest",
                        "fri": "easy", "sat": "long", "sun": "rest"}}
    plan = check(profile)
    firsts = {}
    for week in plan["weeks"]:
        for *_, s in sessions_of({"weeks": [week]}):
            for e in s["exercises"]:
                if e["role"] not in ("main", "accessory", "core"):
                    continue
                if e["role"] == "main":
                    assert e["reps"] == {"min": 8, "max": 12}  # novice base, no cycling
                assert e["rir"] is None or e["id"] in {"push-up", "inverted-row",
                                                       "single-leg-calf-raise"}
                firsts.setdefault((s["name"], e["id"]), {})[week["number"]] = (
                    e["tempo"], e["seconds"])
    changed = [k for k, by_week in firsts.items() if 1 in by_week and 5 in by_week
               and by_week[1] != by_week[5]]
    assert changed  # week 5 is not week 1 again
    for by_week in firsts.values():
        if 1 in by_week and 3 in by_week and by_week[1][0]:
            lowering = [int(t.split("-")[0]) for t, _ in by_week.values() if t]
            assert lowering == sorted(lowering)  # never reset


def test_a_light_session_before_a_key_run_loads_no_leg_work_and_says_so():
    # Tuesday intervals, Wednesday tempo: Monday's session is the Light one, the eve of a key run
    profile = {"name": "Cora", "weekly_mileage": 60, "phase": "build", "start": "2027-01-04",
               "weeks": 2, "experience": "intermediate", "equipment": "gym",
               "sessions_per_week": 2,
               "week": {"mon": "easy", "tue": "intervals", "wed": "tempo", "thu": "easy",
                        "fri": "rest", "sat": "hills", "sun": "long"},
               "lifts": {"single-leg-calf-raise": "20 kg"}}
    plan = check(profile)
    light = [d["session"] for w in plan["weeks"] for d in w["days"]
             if d["session"] and d["session"]["name"] == "Light"]
    assert light
    for session in light:
        legs = [e for e in session["exercises"]
                if e["pattern"] in ("squat", "hinge", "single_leg", "calf")]
        assert legs and all(e["load"] is None and e["role"] != "main" for e in legs), legs
        assert session["focus"] == "Bodyweight leg work only"
        assert session["reason"].endswith("kept light because Tuesday has an intervals run")
    assert {"code": "lightened-session", "message": "Weeks 1, 2: the Monday session's leg work is "
            "bodyweight only, with no loaded squats, hinges or lunges, because Monday is the day "
            "before Tuesday's intervals run."} in plan["warnings"]


def test_a_block_that_cannot_reach_the_race_suggests_what_can():
    # the race is 60 weeks after the start: weeks: 61 is beyond the 52 a block may have
    profile = dict(SEED_RUNNER, start="2027-02-08", race={"date": "2028-04-02", "distance": "half"})
    del profile["strength_days"]
    plan = plan_json(profile)
    note = next(w["message"] for w in plan["warnings"] if w["code"] == "block-ends-before-race")
    assert note.endswith("a block is at most 52 weeks: a start on a later Monday would reach it.")
