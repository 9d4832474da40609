"""`runlift next`: the next block's start, phase and lifts (plan/next_block.py), and the profile
written as an edit of the old one (pipeline/next_block.py).

A known lift is the total load for about 8 reps with 2 in reserve: a set of load L × r @ i
implies a max of L × (1 + (r + i) / 30), and the known lift is that max × 30 / 40, rounded down
to the implement (barbell: 45 lb bar + 5 lb steps; dumbbells: 5 lb a hand).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import LIBRARY, TODAY, athlete_from

from generator.cli import main
from generator.model import DoneExercise, DoneSet, Load, LoggedSession, TrainingLog
from generator.plan.block import plan_block
from generator.plan.builder import build_plan
from generator.plan.next_block import next_block

D = dt.date
WEEK = {"mon": "easy", "tue": "rest", "wed": "tempo", "thu": "easy", "fri": "rest",
        "sat": "long", "sun": "rest"}
MAYA = {"name": "Maya López", "units": "mi", "weekly_mileage": 35, "week": WEEK,
        "race": {"date": "2027-04-11", "distance": "half", "name": "Riverside Half"},
        "start": "2027-02-08", "experience": "intermediate", "equipment": "gym",
        "strength_days": ["mon", "thu"],
        "lifts": {"split-squat": "2 x 30 lb", "romanian-deadlift": "95 lb"}}


def one(load: float | None, reps: int | None, rir: int | None = None, unit: str = "lb",
        hands: int = 1, seconds: int | None = None) -> DoneSet:
    return DoneSet(Load(load, unit, hands) if load is not None else None, reps, seconds, rir)


def log_of(*sessions: tuple[dt.date, dict[str, list[DoneSet]]]) -> TrainingLog:
    return TrainingLog("maya-lopez", tuple(
        LoggedSession(day, tuple(DoneExercise(k, tuple(v)) for k, v in done.items()))
        for day, done in sessions))


def following(profile: dict, log: TrainingLog | None = None, today: dt.date = TODAY):
    athlete = athlete_from(profile)
    return next_block(athlete, build_plan(athlete, LIBRARY, today, log), LIBRARY, log)


def next_phases(profile: dict) -> list[str]:
    """The phases of the block the next profile plans."""
    athlete = athlete_from(profile)
    block = next_block(athlete, build_plan(athlete, LIBRARY, TODAY), LIBRARY)
    after = replace(athlete, start=block.start, phase=block.phase,
                    race=athlete.race if block.keep_race else None,
                    weeks=block.weeks or athlete.weeks, changes={})
    return [w.phase for w in plan_block(after, TODAY)[0]]


def lifts(block) -> dict[str, tuple[str, str]]:
    return {lift.id: (lift.written(True), lift.source()) for lift in block.lifts}


def test_lifts_come_from_the_best_recent_set_hand_checked():
    log = log_of(
        # five weeks before the latest session: outside the latest four weeks, not used
        (D(2027, 1, 4), {"romanian-deadlift": [one(135, 10, 2)]}),
        (D(2027, 2, 8), {
            # 90 × (1 + 12/30) = 126 → 126 × 3/4 = 94.5 → 90 on the bar
            # 90 × (1 + 10/30) = 120 → 90; a lower max than the first set, so not the best
            "romanian-deadlift": [one(90, 10, 2), one(90, 9, 1)],
            # 2 × 25 = 50 × 1.4 = 70 → 52.5 → 26.25 a hand → 25 each
            "split-squat": [one(25, 10, 2, hands=2)],
            "dead-bug": [one(None, 12)], "side-plank": [one(None, None, seconds=40)]}),
        (D(2027, 2, 11), {
            # 2 × 30 = 60 × (1 + 13/30) = 86 → 64.5 → 32.25 a hand → 30 each
            "split-squat": [one(30, 10, 3, hands=2), one(30, 10, 2, hands=2)],
            # 100 × (1 + 9/30) = 130 → 97.5 → 95
            "back-squat": [one(100, 6, 3)]}))
    block = following(MAYA, log)
    assert lifts(block) == {
        "romanian-deadlift": ("90 lb", "2027-02-08: 90 lb x 10 @ 2"),
        "split-squat": ("2 x 30 lb", "2027-02-11: 30 lb each x 10 @ 3"),
        "back-squat": ("95 lb", "2027-02-11: 100 lb x 6 @ 3"),
    }
    assert block.recent == (D(2027, 1, 15), D(2027, 2, 11))


def test_lifts_convert_units_count_no_rir_as_none_left_and_round_to_owned_weights():
    home = dict(MAYA, equipment="home", lifts={"split-squat": "2 x 30 lb"},
                weights={"dumbbells": ["10 lb", "20 lb", "25 lb", "35 lb"]})
    log = log_of((D(2027, 2, 8), {
        # 2 × 15 kg = 30 kg = 66.14 lb × (1 + 8/30) = 83.8 → 62.8 → 31.4 a hand: 25 lb owned
        "split-squat": [one(15, 8, None, unit="kg", hands=2)]}))
    assert lifts(following(home, log)) == {
        "split-squat": ("2 x 25 lb", "2027-02-08: 15 kg each x 8 (no RIR: counted as 0)")}
    # 40 kg = 88.2 lb for 8 @ 2 is the known lift itself: 85 on the bar
    log = log_of((D(2027, 2, 8), {"romanian-deadlift": [one(40, 8, 2, unit="kg")]}))
    assert lifts(following(MAYA, log))["romanian-deadlift"][0] == "85 lb"


def test_a_race_in_this_block_goes_back_to_base_without_it():
    block = following(MAYA)
    # the block runs to the race week (Monday 2027-04-05); changes of this block are behind
    assert (block.start, block.phase, block.keep_race) == (D(2027, 4, 12), "base", False)
    assert block.lifts == () and block.recent is None
    assert any("Riverside Half" in r and "is done" in r for r in block.reasons)
    # a race already past when the block began (4 weeks planned as recovery from the Monday
    # after today, 2027-05-10): the same
    past = {k: v for k, v in MAYA.items() if k != "start"}
    block = following(past, today=D(2027, 5, 5))
    assert (block.start, block.phase, block.keep_race) == (D(2027, 6, 7), "base", False)


@pytest.mark.parametrize(("phase", "after"), [("base", "build"), ("build", "peak"),
                                              ("peak", "taper"), ("taper", "recovery"),
                                              ("recovery", "base")])
def test_a_block_given_by_phase_moves_on(phase, after):
    profile = {k: v for k, v in MAYA.items() if k != "race"} | {"phase": phase, "weeks": 3}
    block = following(profile)
    assert (block.start, block.phase, block.keep_race, block.weeks) == (
        D(2027, 3, 1), after, False, None)


def test_a_race_still_ahead_is_kept():
    later = dict(MAYA, race={"date": "2027-06-13", "distance": "half"}, weeks=4)
    block = following(later)
    # next start 2027-03-08, 13 weeks before race week: the countdown says base, as this
    # block was; nothing to write
    assert (block.start, block.phase, block.keep_race, block.weeks) == (
        D(2027, 3, 8), None, True, None)
    # a block given build does not step back to base
    block = following(dict(later, phase="build"))
    assert (block.phase, block.keep_race) == ("build", True)
    assert next_phases(dict(later, phase="build")) == ["build"] * 4
    # the countdown moves on: this block ends in build (2027-05-10), the next one starts 3
    # weeks before the race week, in peak (half: taper 1, peak 2); the countdown says so alone
    block = following(dict(later, start="2027-05-03", weeks=2))
    assert (block.start, block.phase, next_phases(dict(later, start="2027-05-03", weeks=2))) \
        == (D(2027, 5, 17), None, ["peak", "peak"])
    # weeks that would run past the race week end with it: 20 weeks from 2026-12-28 end with
    # the week of 2027-05-10; from 2027-05-17, 4 weeks reach the race week (2027-06-07)
    long = dict(later, start="2026-12-28", weeks=20)
    block = following(long)
    assert (block.start, block.weeks) == (D(2027, 5, 17), 4)
    assert next_phases(long) == ["peak", "peak", "taper", "race"]
    # the next block holds the race: a race week
    block = following(dict(later, start="2027-02-15", weeks=16))
    assert (block.start, block.weeks, block.phase) == (D(2027, 6, 7), 1, None)
    assert next_phases(dict(later, start="2027-02-15", weeks=16)) == ["race"]


# --- the profile as written: `runlift next` on files -------------------------------------------

PROFILE = """\
    # Maya's spring block: a half marathon in April.
    name: Maya López
    units: mi
    weekly_mileage: 35
    week:
      mon: easy
      tue: rest
      wed: tempo
      thu: easy
      fri: rest
      sat: long
      sun: rest
    race:
      date: 2027-04-11
      distance: half
      # the club's own race
      name: Riverside Half
    start: 2027-02-08      # after the winter break
    experience: intermediate
    strength_days: [mon, thu]
    lifts:
      split-squat: 30 lb each       # a dumbbell in each hand
      romanian-deadlift: 95 lb
      goblet-squat: 40 lb
    focus: [achilles]
    changes:
      2027-03-01: {sat: easy, weekly_mileage: 28}   # a cut-back week
    notes: |
      Keep the calf raises slow.
    """
LOG = """\
    sessions:
      2027-02-08:
        romanian-deadlift: [90 lb x 10 @ 2, 90 lb x 9 @ 1]
        split-squat: [30 lb each x 10 @ 3, 30 lb each x 10 @ 2]
        dead-bug: [x 12, x 12]
      2027-02-11:
        back-squat: [100 lb x 6 @ 3]
      2027-02-15:
        skipped: true
    """
CLUB = "name: Riverside Runners\n"


def run(*args: str):
    return CliRunner().invoke(main, ["next", *args, "--today", "2026-11-24"])


def changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines a diff removes and adds."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return ([d[2:] for d in diff if d.startswith("- ")],
            [d[2:] for d in diff if d.startswith("+ ")])


def test_the_diff_shows_only_what_changed(project):
    project("club.yaml", CLUB)
    profile = project("athletes/maya-lopez.yaml", PROFILE)
    project("logs/maya-lopez.yaml", LOG)
    result = run(str(profile))
    assert result.exit_code == 0, result.output
    removed, added = changed(profile.read_text(encoding="utf-8"), result.output)
    assert removed == [
        "race:", "  date: 2027-04-11", "  distance: half", "  # the club's own race",
        "  name: Riverside Half", "start: 2027-02-08      # after the winter break",
        "  split-squat: 30 lb each       # a dumbbell in each hand",
        "  romanian-deadlift: 95 lb",
        "changes:", "  2027-03-01: {sat: easy, weekly_mileage: 28}   # a cut-back week"]
    note = [line for line in added if line.startswith("#")]
    assert added == note + [
        "", "phase: base", "start: 2027-04-12      # after the winter break",
        # 2 × 30 × (1 + 13/30) = 86 → 64.5 → 32.25 a hand → 30 each, written as it was
        "  split-squat: 30 lb each       # from 2027-02-08: 30 lb each x 10 @ 3",
        # 90 × 1.4 = 126 → 94.5 → 90 on the bar
        "  romanian-deadlift: 90 lb  # from 2027-02-08: 90 lb x 10 @ 2",
        # a lift the profile did not have: 100 × 1.3 = 130 → 97.5 → 95
        "  back-squat: 95 lb  # from 2027-02-11: 100 lb x 6 @ 3"]
    said = " ".join(line.lstrip("# -") for line in note)
    for words in ("start: 2027-04-12", "Riverside Half, 2027-04-11", "back to base",
                  "2027-03-01 removed", "logs/maya-lopez.yaml", "goblet-squat"):
        assert words in said, said
    # the added lift sits in `lifts`, after the others
    lines = result.output.splitlines()
    assert lines.index("  back-squat: 95 lb  # from 2027-02-11: 100 lb x 6 @ 3") == \
        lines.index("  goblet-squat: 40 lb") + 1


def test_the_next_profile_validates_plans_and_is_written_to_a_file(project):
    project("club.yaml", CLUB)
    profile = project("athletes/maya-lopez.yaml", PROFILE)
    project("logs/maya-lopez.yaml", LOG)
    result = run(str(profile), "-o", str(profile))
    assert result.exit_code == 0, result.output
    assert "athletes/maya-lopez.yaml" in result.output and "2027-04-12" in result.output
    checked = CliRunner().invoke(main, ["validate", "."])
    assert checked.exit_code == 0, checked.output
    planned = CliRunner().invoke(main, ["plan", str(profile), "--json"])
    assert planned.exit_code == 0, planned.output
    plan = json.loads(planned.output)
    assert plan["block"]["start"] == "2027-04-12" and plan["race"] is None
    assert {w["phase"] for w in plan["weeks"]} == {"base"}
    assert {lift["id"]: lift["total"]["value"] for lift in plan["athlete"]["lifts"]} == {
        "split-squat": 60, "romanian-deadlift": 90, "goblet-squat": 40, "back-squat": 95}
    # once more: the note is replaced, not stacked, and the block moves on
    again = run(str(profile))
    assert again.exit_code == 0, again.output
    assert again.output.count("# runlift next:") == 1
    assert "phase: build" in again.output.splitlines() and \
        "start: 2027-05-10      # after the winter break" in again.output.splitlines()


def test_without_a_log_the_lifts_stay_and_the_dates_move(project):
    profile = project("athletes/maya-lopez.yaml", PROFILE)
    result = run(str(profile))
    assert result.exit_code == 0, result.output
    removed, added = changed(profile.read_text(encoding="utf-8"), result.output)
    assert not any("lb" in line for line in removed + added)
    assert "start: 2027-04-12      # after the winter break" in added
    assert "no log" in result.output.split("\n\n")[0]


def test_flow_style_and_per_hand_notation_are_kept_valid(project):
    project("athletes/sam.yaml", """\
        name: Sam
        weekly_mileage: 50
        week: {mon: easy, tue: intervals, wed: easy, thu: rest, fri: easy, sat: long, sun: rest}
        phase: build
        start: 2027-01-04
        weeks: 3
        equipment: home
        lifts: {split-squat: 2 x 10 kg, step-up: 20 kg}
        """)
    project("logs/sam.yaml", """\
        sessions:
          2027-01-14:
            split-squat: [12 kg each x 8 @ 2]
            step-up: [2 x 10 kg x 10 @ 2]
        """)
    result = run("athletes/sam.yaml", "-o", "athletes/sam.yaml")
    assert result.exit_code == 0, result.output
    text = Path("athletes/sam.yaml").read_text(encoding="utf-8")
    # 12 kg each for 8 @ 2 is the known lift: 2 x 12 kg; step-up's 20 kg in all (10 a hand)
    # × 1.4 = 28 → 21 → 10.5 a hand → 10 kg each: its total, as written
    assert "  split-squat: 2 x 12 kg  # from 2027-01-14: 12 kg each x 8 @ 2" in text
    assert "  step-up: 20 kg  # from 2027-01-14: 10 kg each x 10 @ 2" in text
    assert "phase: peak" in text and "start: 2027-01-25" in text
    assert CliRunner().invoke(main, ["validate", "athletes/sam.yaml"]).exit_code == 0


def test_mistakes_are_clean_messages(project):
    project("club.yaml", CLUB)
    result = run("athletes/nobody.yaml")
    assert result.exit_code == 2 and "does not exist" in result.output
    result = run("club.yaml")
    assert result.exit_code == 2
    assert "club.yaml: this is the club file, not an athlete profile" in result.output
    project("athletes/maya-lopez.yaml", PROFILE.replace("weekly_mileage: 35", "wekly_mileage: 35"))
    result = run("athletes/maya-lopez.yaml")
    assert result.exit_code == 1
    assert "athletes/maya-lopez.yaml:4: wekly_mileage: unknown field" in result.output
    project("athletes/maya-lopez.yaml", PROFILE)
    project("logs/maya-lopez.yaml", LOG.replace("romanian-deadlift:", "romanian-deadlfit:"))
    result = run("athletes/maya-lopez.yaml")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "logs/maya-lopez.yaml:3:" in result.output and "romanian-deadlift" in result.output


def test_a_profile_without_start_or_lifts_gets_them_in_its_own_line_endings(project):
    profile = project("athletes/ann.yaml", (
        b"name: Ann\r\nweekly_mileage: 30\r\n"
        b"week: {mon: easy, tue: intervals, wed: easy, thu: rest, fri: easy, sat: long, "
        b"sun: rest}\r\nphase: base  # winter\r\nlifts:\r\nnotes: hi\r\n"))
    project("logs/ann.yaml", "sessions: {2026-11-30: {goblet-squat: [20 kg x 10 @ 2]}}\n")
    result = run(str(profile), "-o", str(profile))
    assert result.exit_code == 0, result.output
    text = profile.read_bytes().decode()
    # planned on 2026-11-24: four base weeks from 2026-11-30; the next block from 2026-12-28
    # 20 × 1.4 = 28 → 21 → 20 kg (kettlebell or dumbbell, 4 kg or 2 kg steps)
    assert text.endswith(
        "phase: build  # winter\r\nstart: 2026-12-28\r\nlifts:\r\n"
        "  goblet-squat: 20 kg  # from 2026-11-30: 20 kg x 10 @ 2\r\nnotes: hi\r\n"), text
    assert "\n" not in text.replace("\r\n", "")
    assert CliRunner().invoke(main, ["plan", str(profile)]).exit_code == 0


DEMO = Path(__file__).resolve().parent.parent / "programs"
SET = re.compile(r"^(\d+) lb x (\d+) @ (\d)$")


def test_the_demo_athlete_next_block_validates_and_plans(tmp_path, monkeypatch):
    club = tmp_path / "programs"
    shutil.copytree(DEMO, club, ignore=shutil.ignore_patterns("site", "templates"))
    monkeypatch.chdir(tmp_path)
    profile = "programs/athletes/maya-lopez.yaml"
    result = run(profile, "-o", profile)
    assert result.exit_code == 0, result.output
    checked = CliRunner().invoke(main, ["validate", "programs"])
    assert checked.exit_code == 0, checked.output
    planned = CliRunner().invoke(main, ["plan", profile, "--json", "--today", "2026-11-24"])
    assert planned.exit_code == 0, planned.output
    plan = json.loads(planned.output)
    assert plan["race"] is None and plan["block"]["start"] == "2027-04-12"
    log = yaml.safe_load((club / "logs" / "maya-lopez.yaml").read_text(encoding="utf-8"))
    days = {str(day) for day in log["sessions"]}
    text = (club / "athletes" / "maya-lopez.yaml").read_text(encoding="utf-8")
    dated = re.findall(r"^  ([a-z-]+): .*# from (\d{4}-\d\d-\d\d): ", text, re.MULTILINE)
    assert dated and all(day in days for _, day in dated)
    # every lift written is the one the plan reads
    written = yaml.safe_load(text)["lifts"]
    read = {lift["id"]: lift for lift in plan["athlete"]["lifts"]}
    assert set(written) == set(read) and {lift for lift, _ in dated} <= set(written)
    # the RDL by hand: each barbell set's max × 3/4 = load × (30 + reps + RIR) / 40, down to
    # the 45 lb bar and 5 lb steps
    best = max(int(m[1]) * (30 + int(m[2]) + int(m[3])) / 40
               for day in log["sessions"].values() for done in day.get("romanian-deadlift", [])
               if (m := SET.match(done)))
    assert read["romanian-deadlift"]["total"]["value"] == 45 + (best - 45) // 5 * 5
