"""The weekly minimums of an athlete's focus (coaching.md §7), kept whatever the week holds:
one short session, bodyweight only, a novice, or a coach's `avoid` that rules the work out."""

from __future__ import annotations

import copy

from conftest import plan_json
from rules import broken_focus_rules, warned
from test_sessions import runner as session_runner

CALF = {"standing-calf-raise", "single-leg-calf-raise", "bent-knee-calf-raise"}


def runner(**extra) -> dict:
    """test_sessions' runner (an intermediate in a gym, 8 base weeks), at 40 km a week."""
    return session_runner(**{"weekly_mileage": 40, **extra})


def full_weeks(plan: dict) -> list[dict]:
    """The weeks §7's minimums hold in: base, build and peak, not a deload, with a session."""
    return [w for w in plan["weeks"] if w["phase"] in ("base", "build", "peak")
            and not w["deload"] and any(d["session"] for d in w["days"])]


def worked(week: dict) -> list[dict]:
    return [e for d in week["days"] if d["session"] for e in d["session"]["exercises"]
            if e["role"] not in ("warmup", "cooldown")]


def test_one_short_bodyweight_session_still_holds_four_calf_sets_of_both_kinds():
    # the case a coach found: achilles focus, one 20-minute session a week, no weights
    plan = plan_json(runner(equipment="bodyweight", sessions_per_week=1, session_minutes=20,
                            focus=["achilles"]))
    assert full_weeks(plan)
    for week in full_weeks(plan):
        calf = [e for e in worked(week) if e["id"] in CALF]
        assert sum(e["sets"] for e in calf) >= 4, week["number"]
        ids = {e["id"] for e in calf}
        assert "bent-knee-calf-raise" in ids and ids & {"standing-calf-raise",
                                                        "single-leg-calf-raise"}
    assert broken_focus_rules(plan) == []


def test_a_novice_in_a_gym_with_an_achilles_focus_gets_both_calf_raises():
    plan = plan_json(runner(experience="novice", sessions_per_week=1, session_minutes=20,
                            focus=["achilles"], phase="peak", weeks=4))
    for week in full_weeks(plan):
        ids = {e["id"] for e in worked(week)}
        assert "bent-knee-calf-raise" in ids, week["number"]
        assert ids & {"standing-calf-raise", "single-leg-calf-raise"}, week["number"]


def test_a_bodyweight_novice_with_a_sore_back_gets_a_dead_bug_or_a_carry_every_week():
    plan = plan_json(runner(experience="novice", equipment="bodyweight",
                            focus=["achilles", "low_back"], session_minutes=25))
    for week in full_weeks(plan):
        ids = {e["id"] for e in worked(week)}
        assert ids & {"dead-bug", "suitcase-carry", "farmers-carry"}, week["number"]


def test_a_bodyweight_novice_with_a_hamstring_focus_gets_an_eccentric_hinge():
    # no weights for a Romanian deadlift: the single-leg one, bodyweight, slow on the way down
    plan = plan_json(runner(experience="novice", equipment="bodyweight",
                            focus=["hamstring"]))
    for week in full_weeks(plan):
        hinges = [e for e in worked(week) if e["id"] == "single-leg-romanian-deadlift"]
        assert hinges and hinges[0]["equipment"] == [], week["number"]
    assert not warned(plan, "focus-unmet")


def test_focus_work_outlasts_main_lift_sets_when_the_session_is_full():
    # one session a week, three focus areas: the second main lift gives up a set first
    plan = plan_json(runner(sessions_per_week=1, session_minutes=60,
                            focus=["achilles", "hip", "low_back"]))
    for week in full_weeks(plan):
        session = next(d["session"] for d in week["days"] if d["session"])
        assert session["working_sets"] <= 12
        mains = [e["sets"] for e in session["exercises"] if e["role"] == "main"]
        assert mains[0] >= 3
        assert sum(e["sets"] for e in worked(week) if e["id"] in CALF) >= 4
    assert broken_focus_rules(plan) == []


def test_what_avoid_rules_out_is_warned_once_with_its_cause():
    plan = plan_json(runner(focus=["shin"], avoid=["tibialis-raise"]))
    messages = warned(plan, "focus-unmet")
    assert len(messages) == 1
    weeks = [w["number"] for w in full_weeks(plan)]
    assert messages[0].startswith(f"Weeks {weeks[0]}")
    assert "the shin focus asks for tibialis raises" in messages[0]
    assert "avoid lists tibialis-raise" in messages[0]
    assert broken_focus_rules(plan) == []  # warned, so not broken


def test_the_rule_check_finds_a_week_without_the_focus_minimum():
    plan = plan_json(runner(focus=["knee"]))
    assert broken_focus_rules(plan) == []
    stripped = copy.deepcopy(plan)
    week = full_weeks(stripped)[0]
    for day in week["days"]:
        if day["session"]:
            day["session"]["exercises"] = [e for e in day["session"]["exercises"]
                                           if e["id"] not in ("step-up", "split-squat",
                                                              "bulgarian-split-squat")]
    assert broken_focus_rules(stripped) == [
        f"week {week['number']}: knee focus gets none of "
        "['bulgarian-split-squat', 'split-squat', 'step-up']"]
