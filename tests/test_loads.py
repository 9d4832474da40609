"""Loads from known lifts (coaching.md §6, profile.md `lifts` and `weights`), hand-checked.

Epley: a known lift K (about 8 reps, 2 in reserve) implies a max of K × 4/3; a prescription of
reps r–R at RIR i–j implies load × (1 + (R + i) / 30).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import athlete_from, plan_json
from rules import broken_load_rules
from test_builder import SEED_RUNNER

from generator.cli import main
from generator.errors import ProfileError

PROGRAMS = Path(__file__).resolve().parent.parent / "programs" / "athletes"
WEEK = {"mon": "easy", "tue": "rest", "wed": "tempo", "thu": "easy", "fri": "rest",
        "sat": "long", "sun": "rest"}


def loads_of(plan: dict, exercise_id: str) -> list[tuple[int, str, bool, dict, dict]]:
    """(week, phase, deload, reps, load) of every prescription of `exercise_id` with a load."""
    return [(w["number"], w["phase"], w["deload"], e["reps"], e["load"])
            for w in plan["weeks"] for d in w["days"] if d["session"]
            for e in d["session"]["exercises"] if e["id"] == exercise_id and e["load"]]


def implied(reps: dict, rir: int, total: float) -> float:
    return total * (1 + (reps["max"] + rir) / 30)


def demo(name: str) -> dict:
    return yaml.safe_load((PROGRAMS / name).read_text(encoding="utf-8"))


def test_seed_runner_split_squat_is_a_total_never_140_lb():
    # `split-squat: 65 lb` is both dumbbells together: base 8–10 @ 2 → 86.7 / 1.4 = 61.9 lb total,
    # 30.95 a hand, rounded down to 30 lb: "2 × 30 lb (60 lb)", not "60 lb each hand"
    plan = plan_json(SEED_RUNNER)
    split = loads_of(plan, "split-squat")
    assert split[0][4] == {"value": 30, "unit": "lb", "implements": 2, "total": 60}
    assert all(load["implements"] == 2 for *_, load in split)
    assert max(load["total"] for *_, load in split) <= 70  # at most one step of 5 lb a hand
    assert broken_load_rules(plan) == []


def test_seed_runner_text_reads_both_dumbbells():
    plan = plan_json(SEED_RUNNER)
    assert {lift["id"]: lift["read_as"] for lift in plan["athlete"]["lifts"]} == {
        "split-squat": "65 lb total, 2 × 32.5 lb", "romanian-deadlift": "95 lb total"}


def test_romanian_deadlift_20_kg_at_home_is_two_10_kg_dumbbells():
    # home kit: dumbbell RDL; 20 kg total. Base 8–10 @ 2: 26.7 / 1.4 = 19.0 → 9.5 a hand → 8 kg.
    profile = {"name": "Sam", "weekly_mileage": 40, "week": WEEK, "phase": "build",
               "start": "2027-01-04", "weeks": 4, "experience": "intermediate",
               "equipment": "home", "lifts": {"romanian-deadlift": "20 kg"}}
    plan = plan_json(profile)
    rdl = loads_of(plan, "romanian-deadlift")
    # build 6–8 @ 1: 26.7 / 1.3 = 20.5, capped at the known 20 (8 reps): 2 × 10 kg (20 kg)
    assert rdl[0][4] == {"value": 10, "unit": "kg", "implements": 2, "total": 20}
    assert all(load["total"] <= 22 for *_, load in rdl)  # never "18 kg each hand" (36 kg)
    assert broken_load_rules(plan) == []


def test_lift_written_per_hand_is_doubled():
    for written in ("2 x 30 lb", "30 lb each", "2×30lb", "30 lb per hand"):
        athlete = athlete_from(dict(SEED_RUNNER, lifts={"split-squat": written}))
        assert athlete.lifts == {"split-squat": 60}
        assert athlete.lifts_per_hand == {"split-squat"}
    athlete = athlete_from(dict(SEED_RUNNER, lifts={"split-squat": "60 lb"}))
    assert athlete.lifts == {"split-squat": 60} and not athlete.lifts_per_hand


@pytest.mark.parametrize(("written", "expected"), [
    ("3 x 10 kg", "lifts.split-squat: got '3 x 10 kg'; allowed a weight: the total load ('20 kg') "
                  "or a load per hand ('2 x 10 kg' or '10 kg each')"),
    ("10 kg each side", "did you mean '10 kg each'?"),
])
def test_lift_notation_mistakes(written, expected):
    with pytest.raises(ProfileError) as caught:
        athlete_from(dict(SEED_RUNNER, lifts={"split-squat": written}))
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_per_hand_on_one_weight_or_a_bar_is_refused():
    with pytest.raises(ProfileError) as caught:
        athlete_from(dict(SEED_RUNNER, lifts={"goblet-squat": "2 x 10 kg",
                                              "back-squat": "2 x 20 kg"}))
    text = [str(p) for p in caught.value.problems]
    assert any("lifts.goblet-squat: got '2 x 10 kg', a load per hand; goblet-squat is done "
               "holding one weight" in t for t in text), text
    assert any("lifts.back-squat: got '2 x 20 kg', a load per hand; back-squat is a barbell "
               "lift: write the total on the bar" in t for t in text), text


def test_marathoner_back_squat_no_longer_climbs_to_125():
    # Tomasz, 130 km a week (hold 3 loading weeks a step), back squat 100 kg for ~8:
    # base 6–8 @ 2 → 100 kg (M 133.3); build 4–6 @ 1 → 133.3 / 1.2333 = 108.1 → 107.5 …
    plan = plan_json(demo("tomasz-nowak.yaml"))
    squat = loads_of(plan, "back-squat")
    totals = [load["total"] for *_, load in squat]
    assert totals[0] == 100 and max(totals) <= 115
    first = implied(squat[0][3], 2, totals[0])
    assert all(implied(reps, 1 if phase == "build" else 2, load["total"]) <= first * 1.15 + 0.05
               for _, phase, _, reps, load in squat)
    assert broken_load_rules(plan) == []


def test_kettlebell_runner_with_one_16_kg_bell_is_not_told_12_kg():
    profile = {"name": "Kettle Bell", "weekly_mileage": 40, "week": WEEK, "phase": "base",
               "start": "2027-01-04", "weeks": 6, "experience": "intermediate",
               "equipment": ["kettlebell"], "lifts": {"goblet-squat": "16 kg"},
               "weights": {"kettlebell": ["16 kg"]}}
    plan = plan_json(profile)
    goblet = loads_of(plan, "goblet-squat")
    assert goblet and all(load == {"value": 16, "unit": "kg", "implements": 1, "total": 16}
                          for *_, load in goblet)
    # 16 kg at 8–10 would imply more than the known lift allows: 6–8 reps, and the plan says so
    assert all(reps == {"min": 6, "max": 8} for _, _, _, reps, _ in goblet)
    notes = [e["note"] for w in plan["weeks"] for d in w["days"] if d["session"]
             for e in d["session"]["exercises"] if e["id"] == "goblet-squat"]
    assert notes[0] == "The nearest kettlebell you own is 16 kg: 6–8 reps instead of 8–10."
    assert plan["athlete"]["weights"]["kettlebell"] == [{"value": 16, "unit": "kg"}]
    assert broken_load_rules(plan) == []


def test_kettlebell_runner_without_weights_rounds_to_steps():
    profile = {"name": "Kettle Bell", "weekly_mileage": 40, "week": WEEK, "phase": "base",
               "start": "2027-01-04", "weeks": 2, "experience": "intermediate",
               "equipment": ["kettlebell"], "lifts": {"goblet-squat": "16 kg"}}
    goblet = loads_of(plan_json(profile), "goblet-squat")
    assert goblet[0][4]["total"] == 12  # 15.2 rounded down to a 4 kg step


def test_owned_dumbbells_are_used_as_pairs():
    profile = {"name": "Sam", "weekly_mileage": 40, "week": WEEK, "phase": "base",
               "start": "2027-01-04", "weeks": 8, "experience": "intermediate",
               "equipment": "home", "lifts": {"romanian-deadlift": "40 kg"},
               "weights": {"dumbbells": ["8 kg", "12 kg", "16 kg", "24 kg"]}}
    plan = plan_json(profile)
    rdl = loads_of(plan, "romanian-deadlift")
    assert rdl and all(load["value"] in (8, 12, 16, 24) for *_, load in rdl)
    assert all(load["total"] <= 40 for _, _, _, reps, load in rdl if reps["max"] >= 8)
    assert broken_load_rules(plan) == []


def test_weights_for_missing_equipment_and_empty_lists_are_mistakes():
    with pytest.raises(ProfileError) as caught:
        athlete_from(dict(SEED_RUNNER, equipment="bodyweight",
                          weights={"kettlebell": ["16 kg"], "dumbells": ["5 kg"]}))
    text = [str(p) for p in caught.value.problems]
    assert any("weights.kettlebell: equipment has no kettlebell" in t for t in text), text
    assert any("weights.dumbells: unknown field; allowed kettlebell, dumbbells, plates; did you "
               "mean 'dumbbells'?" in t for t in text), text
    with pytest.raises(ProfileError) as caught:
        athlete_from(dict(SEED_RUNNER, weights={"kettlebell": []}))
    assert "got []; list the weights you own" in str(caught.value.problems[0])


def test_runlift_plan_prints_how_lifts_were_read_and_the_rule(tmp_path):
    path = tmp_path / "maya.yaml"
    path.write_text(yaml.safe_dump(SEED_RUNNER), encoding="utf-8")
    result = CliRunner().invoke(main, ["plan", str(path), "--today", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert "Known lifts, as read: " in result.output
    assert "split-squat: 65 lb total, 2 × 32.5 lb" in result.output
    plan_lines = result.output[:result.output.index("\nTerms:\n")]
    assert "2 × 30 lb (60 lb)" in plan_lines and "each hand" not in plan_lines
    assert "in two sessions in a row, add one step next time" in result.output


def test_demo_club_loads_keep_the_rules():
    for path in sorted(PROGRAMS.glob("*.yaml")):
        plan = plan_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert broken_load_rules(plan) == [], path.name


def test_a_known_lift_takes_the_implement_whose_weights_come_nearest_it():
    # Sam's goblet squat is 24 kg; his dumbbells stop at 16 kg, but he owns a 24 kg kettlebell
    sam = demo("sam-reyes.yaml")
    goblet = loads_of(plan_json(sam), "goblet-squat")
    assert goblet and goblet[0][4] == {"value": 24, "unit": "kg", "implements": 1, "total": 24}
    equipment = {tuple(e["equipment"]) for w in plan_json(sam)["weeks"] for d in w["days"]
                 if d["session"] for e in d["session"]["exercises"] if e["id"] == "goblet-squat"}
    assert equipment == {("kettlebell",)}
    # with dumbbells as heavy as the bell, the library's first way (dumbbells) stays
    even = dict(sam, weights={"dumbbells": ["8 kg", "24 kg"], "kettlebell": ["16 kg", "24 kg"]})
    assert loads_of(plan_json(even), "goblet-squat")[0][4]["value"] == 24
    assert {tuple(e["equipment"]) for w in plan_json(even)["weeks"] for d in w["days"]
            if d["session"] for e in d["session"]["exercises"]
            if e["id"] == "goblet-squat"} == {("dumbbells",)}


def test_a_known_lift_lighter_than_anything_owned_is_done_by_effort_and_says_why():
    profile = {"name": "Martin", "weekly_mileage": 35, "week": WEEK, "phase": "base",
               "start": "2027-01-04", "weeks": 4, "experience": "intermediate",
               "equipment": ["kettlebell", "band"], "lifts": {"goblet-squat": "12 kg"},
               "weights": {"kettlebell": ["16 kg", "24 kg"]}}
    plan = plan_json(profile)
    assert loads_of(plan, "goblet-squat") == []
    unused = [w["message"] for w in plan["warnings"] if w["code"] == "lift-not-used"]
    assert unused == ["lifts gives goblet-squat, but the plan does not prescribe it with a load: "
                      "the lightest weight listed for it in weights is heavier than the known "
                      "12 kg allows for its reps, so it is done by effort and the load logged."]
