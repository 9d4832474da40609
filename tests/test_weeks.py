"""The calendar of a block, hand-checked: deloads, race week and the days after the race, the
coach's `changes` (weeks off included) and `avoid`."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import athlete_from, plan_json
from rules import broken_rules

from generator.errors import ProfileError

LOWER_OR_CALF = {"squat", "hinge", "single_leg", "calf", "plyometric"}

WEDNESDAY_5K = {  # the demo's Hanako: a 5k on Wednesday 17 March, three sessions asked for
    "name": "Hanako", "weekly_mileage": 40,
    "week": {"mon": "easy", "tue": "tempo", "wed": "easy", "thu": "easy", "fri": "rest",
             "sat": "long", "sun": "easy"},
    "race": {"date": "2027-03-17", "distance": "5k"}, "start": "2027-01-18",
    "experience": "intermediate", "equipment": "home", "sessions_per_week": 3, "focus": ["shin"],
}

HALF = {  # seed 000: a 9-week half block, lifting Monday and Thursday
    "name": "Seed Runner", "units": "mi", "weekly_mileage": 35,
    "week": {"mon": "easy", "tue": "rest", "wed": "tempo", "thu": "easy", "fri": "rest",
             "sat": "long", "sun": "rest"},
    "race": {"date": "2027-04-11", "distance": "half"}, "start": "2027-02-08",
    "experience": "intermediate", "equipment": "gym", "strength_days": ["mon", "thu"],
}

SAYS_NO = {  # a coach who says no: changed weeks, a week off, exercises kept away
    "name": "Says No", "units": "mi", "weekly_mileage": 35,
    "week": {"mon": "easy", "tue": "rest", "wed": "tempo", "thu": "easy", "fri": "rest",
             "sat": "long", "sun": "rest"},
    "race": {"date": "2027-04-11", "distance": "half"}, "start": "2027-02-08",
    "experience": "intermediate", "equipment": "gym",
    "avoid": ["back-squat", "box-jump", "upper_push"],
    "changes": {"2027-02-22": {"sat": "easy", "weekly_mileage": 28},
                "2027-03-08": {"off": True},
                "2027-03-15": {"sat": "race"}},
}


def check(profile: dict) -> dict:
    plan = plan_json(profile)
    problems = broken_rules(plan, profile["week"], set(plan["athlete"]["equipment"]),
                            _changes(profile))
    assert problems == [], problems
    return plan


def _changes(profile: dict) -> dict[str, dict]:
    return {str(k): v for k, v in profile.get("changes", {}).items()}


def sessions(week: dict) -> list[tuple[str, dict]]:
    return [(d["date"], d["session"]) for d in week["days"] if d["session"]]


def warnings(plan: dict, code: str) -> list[str]:
    return [w["message"] for w in plan["warnings"] if w["code"] == code]


def test_wednesday_5k_recovers_after_the_race_and_never_primes():
    plan = check(WEDNESDAY_5K)
    race_week = plan["weeks"][-1]
    assert race_week["phase"] == "race" and race_week["days"][2]["run"] == "race"
    placed = sessions(race_week)
    assert [date for date, _ in placed] == ["2027-03-21"]  # Sunday, 4 days after the race
    session = placed[0][1]
    assert session["name"] == "Recovery" and "primer" not in session["focus"].lower()
    assert "stay sharp" not in session["reason"]
    assert session["reason"].startswith("Sunday: 4 days after the race")
    assert not session["lower_body_loaded"]
    assert not {e["pattern"] for e in session["exercises"]} & LOWER_OR_CALF
    # nothing at all on the 3 days before and the 2 days after
    for day in race_week["days"][:2] + race_week["days"][3:5]:
        assert day["session"] is None, day
    assert warnings(plan, "race-week-run") == [
        "Week 9: Tuesday's tempo run (16 Mar) is the day before the race (Wednesday 17 Mar): "
        "the running plan, not the strength plan, should change it to an easy run or rest."]


def test_nothing_loaded_on_the_two_days_after_a_sunday_race_in_the_next_week():
    profile = dict(WEDNESDAY_5K, race={"date": "2027-03-21", "distance": "10k"}, weeks=10,
                   week=dict(WEDNESDAY_5K["week"], tue="intervals"))
    plan = check(profile)
    after = plan["weeks"][-1]
    assert after["phase"] == "recovery"
    for day in after["days"][:2]:  # Monday and Tuesday: race +1, +2
        assert not (day["session"] or {}).get("lower_body_loaded"), day
    # Tuesday's intervals are 2 days after the race: the running plan should change
    assert any("Tuesday's intervals run (23 Mar) is 2 days after the race" in m
               for m in warnings(plan, "race-week-run"))


def test_long_run_the_day_before_the_half_is_warned():
    plan = check(HALF)
    race_week = plan["weeks"][-1]
    assert [s["name"] for _, s in sessions(race_week)] == ["Primer"]
    assert warnings(plan, "race-week-run") == [
        "Week 9: Saturday's long run (10 Apr) is the day before the race (Sunday 11 Apr): "
        "the running plan, not the strength plan, should change it to an easy run or rest."]


def test_nine_week_half_has_no_deload_right_before_peak():
    plan = check(HALF)
    assert [w["phase"] for w in plan["weeks"]] == [
        "base", "base", "build", "build", "build", "peak", "peak", "taper", "race"]
    assert not any(w["deload"] for w in plan["weeks"])
    assert any("No deload this week: peak follows" in n for n in plan["weeks"][3]["notes"])
    assert not any("deload" in w["message"].lower() for w in plan["warnings"])


def test_deloads_every_fourth_week_keep_every_exercise():
    profile = {"name": "Base", "weekly_mileage": 40, "phase": "base", "weeks": 8,
               "start": "2027-01-04", "experience": "intermediate", "equipment": "gym",
               "week": HALF["week"]}
    plan = check(profile)
    assert [w["number"] for w in plan["weeks"] if w["deload"]] == [4, 8]
    week3, week4 = plan["weeks"][2], plan["weeks"][3]
    assert week4["notes"] and week4["notes"][0].startswith("Deload: about 40 % fewer sets")
    assert week4["working_sets"] <= 0.7 * week3["working_sets"]
    before = {s["name"]: {e["id"] for e in s["exercises"]} for _, s in sessions(week3)}
    for _, session in sessions(week4):
        assert before[session["name"]] <= {e["id"] for e in session["exercises"]}


def test_a_block_ending_in_peak_skips_the_deload_two_weeks_before_it():
    profile = dict(HALF, start="2027-01-11")  # 14 weeks: base 1–6, build 7–11? peak, taper, race
    plan = check(profile)
    phases = [w["phase"] for w in plan["weeks"]]
    for i, week in enumerate(plan["weeks"]):
        if week["deload"]:
            assert not {"peak", "taper"} & set(phases[i + 1:i + 3]), (week["number"], phases)
    assert any(w["deload"] for w in plan["weeks"])


def test_changes_move_the_runs_and_an_off_week_has_no_strength():
    plan = check(SAYS_NO)
    by_start = {w["start"]: w for w in plan["weeks"]}
    cut_back = by_start["2027-02-22"]
    assert cut_back["changed"] and cut_back["weekly_mileage"] == 28
    saturday = cut_back["days"][5]
    assert saturday["run"] == "easy" and saturday["key_run"] is False
    assert plan["weeks"][0]["weekly_mileage"] == 35 and not plan["weeks"][0]["changed"]
    off = by_start["2027-03-08"]
    assert off["off"] and off["working_sets"] == 0 and not sessions(off)
    assert [d["run"] for d in off["days"]] == list(SAYS_NO["week"].values())
    assert off["notes"] == ["Off week (changes): no strength this week."]
    assert not any("Week 5" in m for m in warnings(plan, "no-session"))
    tune_up = by_start["2027-03-15"]
    assert tune_up["days"][5]["run"] == "race" and tune_up["days"][5]["key_run"]
    assert not (tune_up["days"][4]["session"] or {}).get("lower_body_loaded")
    # loads after the week off are those before it
    loads = {}
    for week in plan["weeks"]:
        for _, s in sessions(week):
            for e in s["exercises"]:
                if e["load"]:
                    loads.setdefault(e["id"], []).append((week["number"], e["load"]["value"]))
    for series in loads.values():
        before = [v for n, v in series if n == 4]
        after = [v for n, v in series if n == 6]
        if before and after:
            assert after[0] >= before[0]


def test_an_off_week_before_the_race_week_leaves_nothing_to_halve():
    profile = dict(HALF, changes={"2027-03-29": {"off": True}})
    plan = check(profile)
    race_week = plan["weeks"][-1]
    assert not sessions(race_week)
    assert any("the week before was off" in n for n in race_week["notes"])
    assert not warnings(plan, "race-week-no-session")


def test_avoid_keeps_ids_and_patterns_out():
    plan = check(SAYS_NO)
    used = {(e["id"], e["pattern"]) for w in plan["weeks"] for _, s in sessions(w)
            for e in s["exercises"]}
    assert used
    assert not {i for i, _ in used} & {"back-squat", "box-jump"}
    assert "upper_push" not in {p for _, p in used}
    assert plan["athlete"]["avoid"] == ["back-squat", "box-jump", "upper_push"]


def test_avoiding_a_whole_weekly_pattern_is_warned():
    plan = plan_json(dict(HALF, avoid=["calf"]))
    assert not any(e["pattern"] == "calf" for w in plan["weeks"] for _, s in sessions(w)
                   for e in s["exercises"])
    messages = warnings(plan, "avoid-unmet")
    assert len(messages) == 1 and "avoid lists calf: the week has no calf work" in messages[0]


def test_the_same_date_gives_the_same_bytes():
    first, second = plan_json(SAYS_NO), plan_json(SAYS_NO)
    assert first == second
    later = plan_json(SAYS_NO, dt.date(2027, 1, 30))  # with start, today does not matter
    assert later == first


@pytest.mark.parametrize(("changes", "expected"), [
    ({"2027-02-24": {"sat": "easy"}},
     "changes.2027-02-24: got 2027-02-24, a Wednesday; a change is keyed by its week's Monday: "
     "use 2027-02-22 or 2027-03-01"),
    ({"2027-06-07": {"sat": "easy"}},
     "changes.2027-06-07: got 2027-06-07, outside the block (Mondays 2027-02-08 to 2027-04-05); "
     "the nearest Monday in the block is 2027-04-05"),
    ({"2027-02-22": {}},
     "changes.2027-02-22: is empty; write the days that differ, weekly_mileage or off: true"),
    ({"2027-02-22": {"saturday": "easy"}},
     "changes.2027-02-22.saturday: unknown field; did you mean 'sat'?"),
    ({"2027-02-22": {"sat": "longg"}},
     "changes.2027-02-22.sat: got 'longg'; allowed rest, easy, recovery, moderate, long, "
     "intervals, tempo, hills, fartlek, race, cross; did you mean 'long'?"),
    ({"2027-02-22": {"off": "yes please"}},
     "changes.2027-02-22.off: got 'yes please'; allowed true or false"),
])
def test_changes_mistakes_are_named(changes, expected):
    with pytest.raises(ProfileError) as caught:
        athlete_from(dict(HALF, changes=changes))
    assert [f"{p.field}: {p.message}" for p in caught.value.problems] == [expected]


def test_avoid_mistakes_are_named():
    with pytest.raises(ProfileError) as caught:
        athlete_from(dict(HALF, avoid=["plyometrics", "back-squat", "back-squat"]))
    messages = sorted(f"{p.field}: {p.message}" for p in caught.value.problems)
    assert messages[1] == ("avoid: got ['plyometrics', 'back-squat', 'back-squat']; back-squat "
                           "is listed twice")
    assert messages[0].startswith("avoid.0: got 'plyometrics'; allowed an exercise id")
    assert messages[0].endswith("did you mean 'plyometric'?")


def test_a_change_outside_a_block_without_start_is_warned_at_plan_time():
    profile = {k: v for k, v in HALF.items() if k != "start"}
    profile["changes"] = {"2027-01-04": {"off": True}, "2027-03-08": {"sat": "easy"}}
    athlete_from(profile)  # the block depends on today: not a validation error
    plan = plan_json(profile)  # today 2026-11-24: the block starts 2027-02-08
    assert warnings(plan, "change-outside-block") == [
        "changes gives 2027-01-04, outside this block (Mondays 2027-02-08 to 2027-04-05), so it "
        "does not apply; a start: date fixes the block's weeks."]
    assert plan["weeks"][4]["days"][5]["run"] == "easy"
