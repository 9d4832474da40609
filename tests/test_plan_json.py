"""The plan's JSON, field for field as docs/plan-json.md describes it."""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner
from conftest import plan_json
from test_builder import SEED_RUNNER

from generator.cli import main
from generator.publish.plan_schema import plan_schema

# the plan's schema lives in the package (`runlift schema --plan`); one source for both
PLAN = plan_schema()


def test_plan_matches_the_spec_shape():
    plan = plan_json(dict(SEED_RUNNER, bodyweight="58 kg", notes="Hills *in March*."))
    jsonschema.validate(plan, PLAN)
    assert plan["athlete"]["bodyweight"] == {"value": 58, "unit": "kg"}
    assert plan["race"] == {"date": "2027-04-11", "distance": "half", "name": None}
    assert plan["notes_html"] == "<p>Hills <em>in March</em>.</p>\n"
    for week in plan["weeks"]:
        assert [d["weekday"] for d in week["days"]] == ["mon", "tue", "wed", "thu", "fri",
                                                          "sat", "sun"]
        for day in week["days"]:
            if day["session"] is None:
                continue
            for e in day["session"]["exercises"]:
                if e["role"] in ("warmup", "cooldown", "plyometric"):
                    assert e["rir"] is None
                assert (e["reps"] is None) == (e["seconds"] is not None)


def test_race_date_run_is_race_and_no_race_is_null():
    plan = plan_json(SEED_RUNNER)
    race_day = [d for w in plan["weeks"] for d in w["days"] if d["date"] == "2027-04-11"]
    assert race_day[0]["run"] == "race" and race_day[0]["key_run"] is True
    no_race = {k: v for k, v in SEED_RUNNER.items() if k != "race"}
    plan = plan_json(dict(no_race, phase="base"))
    assert plan["race"] is None
    jsonschema.validate(plan, PLAN)


def test_cli_json_is_byte_identical_between_runs(tmp_path):
    path = tmp_path / "maya.yaml"
    path.write_text(json.dumps(SEED_RUNNER), encoding="utf-8")  # JSON is YAML too
    runner = CliRunner()
    first = runner.invoke(main, ["plan", str(path), "--json", "--today", "2026-11-24"])
    second = runner.invoke(main, ["plan", str(path), "--json", "--today", "2026-11-24"])
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    jsonschema.validate(json.loads(first.output), PLAN)


def test_json_does_not_depend_on_python_hash_seed(tmp_path):
    # three sessions (heavy, heavy, light) tie in score; the choice must not follow set order
    import os
    import subprocess
    import sys

    profile = dict(SEED_RUNNER, sessions_per_week=3, phase="base", weeks=3)
    del profile["race"]
    path = tmp_path / "three.yaml"
    path.write_text(json.dumps(profile), encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "generator.cli", "plan", str(path),
                                 "--json", "--today", "2026-11-24"], capture_output=True,
                                env=env, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1


def _loaded(plan: dict) -> list[dict]:
    return [e for w in plan["weeks"] for d in w["days"] if d["session"]
            for e in d["session"]["exercises"] if e["load"]]


def test_load_holds_implements_and_total():
    # plan-json.md: value is one implement, implements 2 when one is held in each hand
    plan = plan_json(SEED_RUNNER)
    split = [e["load"] for e in _loaded(plan) if e["id"] == "split-squat"]
    assert split and all(load["implements"] == 2 for load in split)
    for e in _loaded(plan):
        load = e["load"]
        assert load["total"] == round(load["value"] * load["implements"], 1)
        assert e["per_hand"] == (load["implements"] == 2)
    rdl = [e["load"] for e in _loaded(plan) if e["id"] == "romanian-deadlift"]
    assert rdl and all(load["implements"] == 1 for load in rdl)  # a barbell


def test_plyometrics_count_as_lower_body_load():
    plan = plan_json(dict(SEED_RUNNER, experience="advanced"))
    sessions = [d["session"] for w in plan["weeks"] for d in w["days"] if d["session"]]
    with_jumps = [s for s in sessions if any(e["role"] == "plyometric" for e in s["exercises"])]
    assert with_jumps and all(s["lower_body_loaded"] for s in with_jumps)


def test_plan_states_its_progression_rule_and_how_lifts_were_read():
    plan = plan_json(SEED_RUNNER)
    assert "two sessions in a row" in plan["progression_rule"]
    assert "keep the load" in plan["progression_rule"]
    read = {lift["id"]: lift for lift in plan["athlete"]["lifts"]}
    assert read["split-squat"]["read_as"] == "65 lb total, 2 × 32.5 lb"
    assert read["split-squat"]["total"] == {"value": 65, "unit": "lb"}
    assert read["romanian-deadlift"]["read_as"] == "95 lb total"
    assert plan["athlete"]["weights"] is None
