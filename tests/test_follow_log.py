"""Plans follow the training log (issue 11, docs/coaching.md "The training log"): what was done
shows beside what was planned, and the weeks after it are re-dosed from it. Every number below
is worked out by hand from the rules, not read back from the planner."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from conftest import LIBRARY, TODAY, athlete_from
from rules import broken_rules
from test_plan_json import PLAN

from generator.model import (
    DoneExercise,
    DoneSet,
    Load,
    LoggedSession,
    Niggle,
    Range,
    TrainingLog,
)
from generator.plan.builder import build_plan
from generator.plan.follow import NIGGLE_LOADS, Judged, active_niggles, in_unit, verdict
from generator.plan.loads import Kit, LoadWeek, Logged, from_log

WEEK = {"mon": "easy", "tue": "intervals", "wed": "easy", "thu": "easy", "fri": "rest",
        "sat": "long", "sun": "rest"}
# 8 base weeks from Monday 4 January 2027, deloads in weeks 4 and 8. With a home set, session A
# is on Wednesdays (6, 13, 20 Jan …) and holds the dumbbell RDL at 8-10 reps, RIR 2-3; session
# B on Sundays holds the split squat. The known RDL, 2 x 20 kg, gives 2 x 18 kg in weeks 1-2.
RUNNER = {"name": "Test Runner", "units": "km", "weekly_mileage": 40, "week": WEEK,
          "phase": "base", "weeks": 8, "start": "2027-01-04", "experience": "intermediate",
          "equipment": "home",
          "lifts": {"romanian-deadlift": "2 x 20 kg", "split-squat": "2 x 16 kg"}}
RDL = "romanian-deadlift"
D = dt.date.fromisoformat


def each(per: float, reps: list[int], rir: int | None = 2, unit: str = "kg") -> tuple:
    """Sets with a dumbbell of `per` in each hand."""
    return tuple(DoneSet(Load(per, unit, 2), r, None, rir) for r in reps)


def lifted(date: str, **exercises: tuple) -> LoggedSession:
    return LoggedSession(D(date), tuple(DoneExercise(k.replace("_", "-"), v)
                                        for k, v in exercises.items()))


def log_of(*sessions: LoggedSession, niggles: tuple[Niggle, ...] = ()) -> TrainingLog:
    return TrainingLog("test-runner", tuple(sorted(sessions, key=lambda s: s.date)),
                       niggles=niggles)


def planned(log: TrainingLog | None, profile: dict = RUNNER) -> dict:
    athlete = athlete_from(profile)
    plan = json.loads(build_plan(athlete, LIBRARY, TODAY, log).to_json())
    jsonschema.validate(plan, PLAN)
    changes = {str(k): v for k, v in (profile.get("changes") or {}).items()}
    assert broken_rules(plan, profile["week"], set(athlete.equipment), changes) == []
    return plan


def on(plan: dict, date: str) -> dict:
    return next(d for w in plan["weeks"] for d in w["days"] if d["date"] == date)


def exercise(plan: dict, date: str, exercise_id: str) -> dict:
    return next(e for e in on(plan, date)["session"]["exercises"] if e["id"] == exercise_id)


def per_hand(plan: dict, date: str, exercise_id: str = RDL) -> float:
    load = exercise(plan, date, exercise_id)["load"]
    assert load["implements"] == 2
    return load["value"]


def test_without_a_log_the_rdl_is_2_x_18_kg_then_2_x_20_kg():
    plan = planned(None)
    assert [per_hand(plan, d) for d in ("2027-01-06", "2027-01-13", "2027-01-20")] == [18, 18, 20]
    assert "log" not in plan


def test_two_sessions_at_the_top_of_the_range_earn_one_step():
    """RDL 3 x 10 at 2 x 20 kg with 2 in reserve (8-10, RIR 2-3), twice: 2 x 22 kg next."""
    top = each(20, [10, 10, 10], rir=2)
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=top),
                          lifted("2027-01-13", romanian_deadlift=top)))
    assert per_hand(plan, "2027-01-13") == 20  # one session: the load done goes on
    assert per_hand(plan, "2027-01-20") == 22  # two: one dumbbell step (2 kg) above it
    assert per_hand(plan, "2027-01-27") == 22  # the deload holds it


def test_the_top_needs_the_reserve_and_every_set():
    """10 reps at RIR 1 (the target's lower RIR is 2), or one set of 9: no step."""
    low_reserve = each(20, [10, 10, 10], rir=1)
    one_short = each(20, [10, 10, 9], rir=2)
    for first, second in ((low_reserve, low_reserve), (one_short, each(20, [10, 10, 10]))):
        plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=first),
                              lifted("2027-01-13", romanian_deadlift=second)))
        assert per_hand(plan, "2027-01-20") == 20


def test_reps_short_hold_the_load_and_two_short_sessions_drop_a_step():
    """2 x 22 kg for 9, 8, 7 (the range starts at 8): 2 x 22 kg again; short once more: 2 x 20."""
    short = each(22, [9, 8, 7])
    once = planned(log_of(lifted("2027-01-06", romanian_deadlift=short)))
    assert per_hand(once, "2027-01-13") == 22
    twice = planned(log_of(lifted("2027-01-06", romanian_deadlift=short),
                           lifted("2027-01-13", romanian_deadlift=short)))
    assert per_hand(twice, "2027-01-20") == 20
    # a good session after a short one holds no more: the load done goes on
    back = planned(log_of(lifted("2027-01-06", romanian_deadlift=short),
                          lifted("2027-01-13", romanian_deadlift=each(22, [9, 9, 8]))))
    assert per_hand(back, "2027-01-20") == 22


def test_a_load_done_in_the_range_is_where_the_plan_goes_on():
    """2 x 16 kg for 9, 9, 8 (lighter than the 2 x 18 kg planned): week 2 is 2 x 16 kg."""
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=each(16, [9, 9, 8]))))
    assert per_hand(plan, "2027-01-13") == 16


def test_a_log_that_matches_the_plan_changes_no_load():
    as_planned = each(18, [9, 9, 9])
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=as_planned),
                          lifted("2027-01-13", romanian_deadlift=as_planned)))
    loads = [(w["number"], e["id"], e["load"]) for w in plan["weeks"] for d in w["days"]
             if d["session"] for e in d["session"]["exercises"]]
    plain = planned(None)
    assert loads == [(w["number"], e["id"], e["load"]) for w in plain["weeks"]
                     for d in w["days"] if d["session"] for e in d["session"]["exercises"]]


def test_weeks_done_show_what_was_done_beside_the_plan():
    sets = each(20, [10, 9, 9])
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=sets)))
    day = on(plan, "2027-01-06")
    assert day["logged"] is True
    rdl = exercise(plan, "2027-01-06", RDL)
    assert rdl["load"]["value"] == 18  # what was planned stays
    assert rdl["done"][1] == {"load": {"value": 20, "unit": "kg", "implements": 2, "total": 40},
                              "reps": 9, "seconds": None, "rir": 2}
    assert all("done" not in e for e in day["session"]["exercises"] if e["id"] != RDL)
    assert "logged" not in on(plan, "2027-01-10")  # not logged: nothing said of it
    assert plan["log"]["sessions_logged"] == 1


def test_a_skipped_session_is_marked_and_never_counts():
    """Top on 6 Jan, 13 Jan skipped: one session at the top is no step (2 x 20 kg goes on)."""
    top = each(20, [10, 10, 10])
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=top),
                          LoggedSession(D("2027-01-13"), skipped=True)))
    day = on(plan, "2027-01-13")
    assert day["logged"] == "skipped"
    assert all("done" not in e for e in day["session"]["exercises"])
    assert per_hand(plan, "2027-01-20") == 20
    assert plan["log"]["sessions_skipped"] == 1


def test_an_extra_session_is_shown_on_its_day_and_judged_against_the_week():
    """Top on Wednesday 6 Jan and again on Friday 8 Jan (a rest day, nothing planned): the
    Friday shows as extra_done, no session appears, and the two sessions earn 2 x 22 kg."""
    top = each(20, [10, 10, 10])
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=top, push_up=(
        DoneSet(None, 12, None, 2),)), lifted("2027-01-08", romanian_deadlift=top)))
    friday = on(plan, "2027-01-08")
    assert friday["session"] is None and "logged" not in friday
    assert friday["extra_done"][0]["id"] == RDL
    assert friday["extra_done"][0]["done"][0]["reps"] == 10
    # push-ups are session B's: on Wednesday they were done beyond the plan
    wednesday = on(plan, "2027-01-06")
    assert [x["id"] for x in wednesday["extra_done"]] == ["push-up"]
    assert "push-up" not in {e["id"] for e in wednesday["session"]["exercises"]}
    assert per_hand(plan, "2027-01-13") == 22


def test_pounds_logged_for_a_kilogram_plan():
    """45 lb a hand is 2 x 20.41 kg: 2 x 20 kg goes on; twice at the top, 2 x 22 kg."""
    assert in_unit(Load(45, "lb", 2), "kg") == pytest.approx(40.82, abs=0.01)
    assert in_unit(Load(40, "kg", 1), "lb") == pytest.approx(88.18, abs=0.01)
    top = each(45, [10, 10, 10], unit="lb")
    once = planned(log_of(lifted("2027-01-06", romanian_deadlift=top)))
    assert per_hand(once, "2027-01-13") == 20
    twice = planned(log_of(lifted("2027-01-06", romanian_deadlift=top),
                           lifted("2027-01-13", romanian_deadlift=top)))
    assert per_hand(twice, "2027-01-20") == 22


def test_a_lift_without_a_known_weight_takes_its_load_from_the_log():
    """The goblet squat has no known lift: effort only, until 6 Jan logs 16 kg for 3 x 10."""
    goblet = tuple(DoneSet(Load(16, "kg", 1), 10, None, 3) for _ in range(3))
    plan = planned(log_of(lifted("2027-01-06", goblet_squat=goblet)))
    assert exercise(plan, "2027-01-06", "goblet-squat")["load"] is None
    load = exercise(plan, "2027-01-13", "goblet-squat")["load"]
    assert (load["value"], load["implements"]) == (16, 1)
    assert "goblet-squat" not in {lift["id"] for lift in plan["athlete"]["lifts"]}


def test_a_new_rep_range_carries_the_load_by_the_max_it_implies():
    """60 kg done for 8-10 at RIR 2 implies 60 x (1 + 12/30) = 84 kg; at build's 6-8, RIR 1-2,
    that is 84 / 1.3 = 64.6 kg: 62.5 kg on the bar, 65 kg after two sessions at the top, 60 kg
    after two short ones."""
    bar = Kit("barbell", 1, "kg", 2.5, None, 20.0)
    build = LoadWeek("build", "intermediate", 4, False, Range(6, 8), Range(1, 2), 60.0)
    base_f = 1 + (10 + 2) / 30
    totals = {v: from_log(None, Logged(60.0, base_f, v, 1.0), build, bar) for v in (
        "base", "hold", "rise", "drop")}
    assert {v: s.total for v, s in totals.items() if s} == {
        "base": 62.5, "hold": 62.5, "rise": 65.0, "drop": 60.0}
    # peak, a deload or a niggle hold a rise the log earned
    for week in (LoadWeek("peak", "intermediate", 4, False, Range(6, 8), Range(1, 2), 60.0),
                 LoadWeek("build", "intermediate", 4, False, Range(6, 8), Range(1, 2), 60.0,
                          deload=True),
                 LoadWeek("build", "intermediate", 4, False, Range(6, 8), Range(1, 2), 60.0,
                          no_rise=True)):
        state = from_log(None, Logged(60.0, base_f, "rise", 1.0), week, bar)
        assert state is not None and state.total == (60.0 if week.no_rise else 62.5)


def test_two_latest_sessions_decide():
    def j(day: int, total: float, top: bool, short: bool) -> Judged:
        return Judged(dt.date(2027, 1, day), total, 1.4, top, short)
    assert verdict([j(6, 40, True, False), j(13, 40, True, False)]) == "rise"
    assert verdict([j(6, 36, True, False), j(13, 40, True, False)]) == "base"  # heavier: once
    assert verdict([j(6, 40, False, True), j(13, 40, True, False), j(20, 40, True, False)]) \
        == "rise"
    assert verdict([j(6, 40, False, True)]) == "hold"
    assert verdict([j(6, 40, False, True), j(13, 40, False, True)]) == "drop"
    assert verdict([j(6, 40, True, False)]) == "base"


def _calf_sets(plan: dict, date: str) -> dict[str, int]:
    return {e["id"]: e["sets"] for e in on(plan, date)["session"]["exercises"]
            if e["pattern"] in ("calf", "plyometric")}


def test_an_achilles_niggle_lightens_calf_work_until_the_log_says_it_eased():
    """Left achilles 5/10 on Tuesday 12 Jan, 2/10 on Tuesday 26 Jan: from 13 Jan to 24 Jan the
    calf raises do half their sets (2 -> 1) and the pogo jumps go; from 27 Jan all is back."""
    niggles = (Niggle(D("2027-01-12"), "achilles", "left", 5),
               Niggle(D("2027-01-26"), "achilles", "left", 2))
    plain, plan = planned(None), planned(log_of(niggles=niggles))
    assert _calf_sets(plain, "2027-01-13") == {"pogo-jump": 2, "single-leg-calf-raise": 2}
    assert _calf_sets(plan, "2027-01-06") == _calf_sets(plain, "2027-01-06")
    assert _calf_sets(plan, "2027-01-13") == {"single-leg-calf-raise": 1}
    assert _calf_sets(plan, "2027-01-17") == {"bent-knee-calf-raise": 1}
    assert _calf_sets(plan, "2027-01-20") == {"single-leg-calf-raise": 1}
    assert _calf_sets(plan, "2027-02-03") == _calf_sets(plain, "2027-02-03")
    [warning] = [w for w in plan["warnings"] if w["code"] == "niggle"]
    assert warning["message"].startswith("Weeks 2, 3: ")
    assert "left Achilles at 5/10 on 12 Jan 2027" in warning["message"]
    assert plan["log"]["niggles"][0] == {"date": "2027-01-12", "where": "achilles",
                                         "side": "left", "pain": 5}


def test_a_niggle_under_4_changes_nothing():
    plan = planned(log_of(niggles=(Niggle(D("2027-01-12"), "knee", "both", 3),)))
    plain = planned(None)
    assert plan["weeks"] == plain["weeks"]
    assert not [w for w in plan["warnings"] if w["code"] == "niggle"]


def test_a_hamstring_niggle_holds_a_rise_the_log_earned_and_halves_the_hinges():
    """Two sessions at the top would give 2 x 22 kg on 13 Jan; a hamstring at 4/10 on 11 Jan
    holds 2 x 20 kg and takes the RDL from 3 sets to 2."""
    top = each(20, [10, 10, 10])
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=top),
                          lifted("2027-01-08", romanian_deadlift=top),
                          niggles=(Niggle(D("2027-01-11"), "hamstring", "both", 4),)))
    rdl = exercise(plan, "2027-01-13", RDL)
    assert (rdl["load"]["value"], rdl["sets"]) == (20, 2)


def test_the_niggle_table_covers_every_focus_area():
    from generator.vocabulary import FOCUS
    assert set(NIGGLE_LOADS) == set(FOCUS)
    left = (Niggle(D("2027-01-01"), "knee", "left", 6), Niggle(D("2027-01-05"), "knee", "right", 1))
    assert [n.side for n in active_niggles(left, D("2027-01-06"))] == ["left"]
    ended = left + (Niggle(D("2027-01-09"), "knee", "both", 2),)
    assert active_niggles(ended, D("2027-01-09")) == ()


def test_the_same_profile_and_log_give_the_same_bytes():
    log = log_of(lifted("2027-01-06", romanian_deadlift=each(20, [10, 10, 10])),
                 lifted("2027-01-13", romanian_deadlift=each(20, [10, 10, 10])),
                 niggles=(Niggle(D("2027-01-19"), "calf", "right", 6),))
    athlete = athlete_from(RUNNER)
    first = build_plan(athlete, LIBRARY, TODAY, log).to_json()
    assert build_plan(athlete_from(RUNNER), LIBRARY, TODAY, log).to_json() == first
    assert first != build_plan(athlete, LIBRARY, TODAY).to_json()


def test_the_docs_show_the_niggle_table_the_planner_uses():
    from pathlib import Path

    from generator.plan.follow import PLACES
    text = (Path(__file__).parent.parent / "docs" / "coaching.md").read_text(encoding="utf-8")
    for place, strain in NIGGLE_LOADS.items():
        assert f"| {PLACES.get(place, place)} | {strain.words} |" in text


def test_the_schema_holds_the_fields_the_log_adds():
    plan = planned(log_of(lifted("2027-01-06", romanian_deadlift=each(20, [10, 10, 10])),
                          LoggedSession(D("2027-01-10"), skipped=True)))
    for day, key, wrong in (("2027-01-10", "logged", "done"), ("2027-01-06", "logged", False)):
        broken = json.loads(json.dumps(plan))
        on(broken, day)[key] = wrong
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, PLAN)
    broken = json.loads(json.dumps(plan))
    exercise(broken, "2027-01-06", RDL)["done"][0]["rir"] = 9
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, PLAN)


def test_the_demo_log_shows_every_rule():
    """programs/logs/maya-lopez.yaml (block from Monday 8 Feb 2027; loads in lb). Worked by
    hand: RDL 90 lb for 10s at RIR 2+ twice in base (8-10) is 90 x 1.4 / 1.3 = 96.9 lb for
    build's 6-8 at RIR 1, 95 on the bar, a step up: 100. Split squats 2 x 30 lb short of 8 once:
    held at 2 x 30 lb; twice: 60 x 1.4 / 1.3 = 64.6 lb, 2 x 30, a step down: 2 x 25 lb. Back
    squat, no known lift: 85 lb from the log in week 2; 90 lb in the range in week 2 carried to
    build: 96.9 lb, 95 lb."""
    from pathlib import Path

    from generator.inputs.log import read_log

    root = Path(__file__).parent.parent / "programs"
    profile = __import__("yaml").safe_load((root / "athletes" / "maya-lopez.yaml").read_text())
    log = read_log(root, "maya-lopez", LIBRARY)
    assert log is not None
    plan = planned(log, profile)
    assert per_hand(plan, "2027-02-18", "split-squat") == 30
    assert per_hand(plan, "2027-02-25", "split-squat") == 25
    assert exercise(plan, "2027-02-22", RDL)["load"]["total"] == 100
    assert exercise(plan, "2027-02-08", "back-squat")["load"] is None
    assert exercise(plan, "2027-02-15", "back-squat")["load"]["total"] == 85
    assert exercise(plan, "2027-02-22", "back-squat")["load"]["total"] == 95
    assert on(plan, "2027-02-25")["logged"] == "skipped"
    assert [x["id"] for x in on(plan, "2027-02-16")["extra_done"]] == [
        "single-leg-calf-raise", "side-plank"]
    assert "pogo-jump" not in {e["id"] for e in on(plan, "2027-02-22")["session"]["exercises"]}
    assert "pogo-jump" in {e["id"] for e in on(plan, "2027-03-01")["session"]["exercises"]}
    assert [w["message"][:7] for w in plan["warnings"] if w["code"] == "niggle"] == ["Week 3:"]
    assert len(plan["log"]["check_ins"]) == 3
