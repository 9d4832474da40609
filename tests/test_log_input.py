"""The training log as an input (log.md): a good log read field by field, every broken log with
its exact message, files read together, and the log passed through `plan`, `build` and
`validate`."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schema import Yaml12, described, textual

from generator.cli import main
from generator.errors import ProfileError
from generator.inputs.library import load_library
from generator.inputs.log import CHECK_IN_TESTS, read_log
from generator.inputs.log_values import parse_set
from generator.model import Load
from generator.plan.week import CHECK_INS

LIBRARY = load_library()
D = dt.date

GOOD = """\
athlete: maya-lopez
sessions:
  2027-02-08:
    back-squat: [85 lb x 10 @ 3, 85 lb x 10 @ 2, 85 lb x 10 @ 2]
    romanian-deadlift: [90 lb x 10 @ 2, 90 lb x 9 @ 1, 90 lb x 8 @ 1]
    split-squat: [25 lb each x 10 @ 2, 2 x 25 lb x 9 @ 1]
    dead-bug: [x 12, x 12]
    side-plank: [x 40 s, x 35 s]
    note: Left calf tight on the last set.
  2027-02-11:
    skipped: true
checkins:
  2027-03-01:
    single-leg-squat: {left: 8, right: 6}
    calf-raise: {left: 22, right: 19}
    side-plank: {left: 45 s, right: 40 s}
niggles:
  2027-02-20: {where: achilles, side: left, pain: 4}
  2027-02-22: {where: knee, pain: 2}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "logs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def mistakes(folder: Path, athlete_id: str = "maya-lopez") -> list[str]:
    with pytest.raises(ProfileError) as caught:
        read_log(folder, athlete_id, LIBRARY)
    return [str(p) for p in caught.value.problems]


def test_a_good_log_is_read_field_by_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "maya-lopez.yaml", GOOD)
    log = read_log(tmp_path, "maya-lopez", LIBRARY)
    assert log is not None and log.athlete_id == "maya-lopez"
    assert log.files == ("logs/maya-lopez.yaml",)
    lifted, skipped = log.sessions
    assert lifted.date == D(2027, 2, 8) and not lifted.skipped
    assert lifted.note == "Left calf tight on the last set."
    assert [e.id for e in lifted.exercises] == [
        "back-squat", "romanian-deadlift", "split-squat", "dead-bug", "side-plank"]
    squat = lifted.exercises[0]
    assert squat.source == "logs/maya-lopez.yaml:4"
    assert [(s.load, s.reps, s.seconds, s.rir) for s in squat.sets] == [
        (Load(85, "lb"), 10, None, 3), (Load(85, "lb"), 10, None, 2), (Load(85, "lb"), 10, None, 2)]
    assert [s.reps for s in lifted.sets_of("romanian-deadlift") or ()] == [10, 9, 8]
    split = lifted.sets_of("split-squat") or ()
    assert [s.load for s in split] == [Load(25, "lb", 2), Load(25, "lb", 2)]  # each, 2 x
    assert [(s.load, s.reps, s.rir) for s in lifted.sets_of("dead-bug") or ()] == [
        (None, 12, None), (None, 12, None)]
    assert [(s.reps, s.seconds) for s in lifted.sets_of("side-plank") or ()] == [
        (None, 40), (None, 35)]
    assert skipped.date == D(2027, 2, 11) and skipped.skipped and skipped.exercises == ()
    assert [(c.id, c.left, c.right, c.unit) for c in log.check_ins] == [
        ("single-leg-squat", 8, 6, "reps"), ("calf-raise-test", 22, 19, "reps"),
        ("side-plank-test", 45, 40, "s")]
    assert [(n.date, n.where, n.side, n.pain) for n in log.niggles] == [
        (D(2027, 2, 20), "achilles", "left", 4), (D(2027, 2, 22), "knee", "both", 2)]


def test_the_check_in_ids_are_the_plans():
    assert {plan_id for plan_id, _, _ in CHECK_IN_TESTS.values()} == {c.id for c in CHECK_INS}
    assert {c.id for c in CHECK_INS} <= set(CHECK_IN_TESTS)


def test_no_log_and_an_empty_log(tmp_path):
    assert read_log(tmp_path, "maya-lopez", LIBRARY) is None
    write(tmp_path, "maya-lopez.yaml", "# nothing yet\n")
    log = read_log(tmp_path, "maya-lopez", LIBRARY)
    assert log is not None and log.empty


# (what the file holds, the message: file:line: field: what is wrong)
BROKEN = [
    ("sessions:\n  2027-02-08:\n    back-squat: [85 lbs x 10]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.back-squat.0: got '85 lbs x 10'; allowed a "
     "load with its unit ('85 lb', '40 kg'), per hand ('25 lb each', '2 x 25 lb'), or none for "
     "bodyweight ('x 12'); did you mean '85 lb x 10'?"),
    ("sessions:\n  2027-02-08:\n    back-squat: [85 x 10 @ 2]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.back-squat.0: got '85 x 10 @ 2', a load "
     "without its unit; allowed kg or lb after the number; did you mean '85 lb x 10 @ 2' or "
     "'85 kg x 10 @ 2'?"),
    ("sessions:\n  2027-02-08:\n    back-squat: [85 lb x 10, 85 lb x 10 @ 7]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.back-squat.1: got '85 lb x 10 @ 7'; allowed "
     "reps in reserve after @, a whole number from 0 to 5, e.g. '@ 2'"),
    ("sessions:\n  2027-02-08:\n    back-squat:\n      - 85 lb x 10\n      - 85 lb x ten\n",
     "logs/maya-lopez.yaml:5: sessions.2027-02-08.back-squat.1: got '85 lb x ten'; allowed reps "
     "as a whole number from 1 to 100, or seconds from 1 to 600 written '40 s'"),
    ("sessions:\n  2027-02-08:\n    side-plank: [x 1 min]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.side-plank.0: got 'x 1 min'; allowed reps as "
     "a whole number from 1 to 100, or seconds from 1 to 600 written '40 s'; did you mean "
     "'x 60 s'?"),
    ("sessions:\n  2027-02-08:\n    side-plank: [x 40 m]\n",  # 40 minutes is over the limit
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.side-plank.0: got 'x 40 m'; allowed reps as "
     "a whole number from 1 to 100, or seconds from 1 to 600 written '40 s'"),
    ("sessions:\n  2027-02-08:\n    dead-bug: [12, 12]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.dead-bug.0: got 12; allowed a set written "
     "[LOAD] x REPS [@ RIR], e.g. '85 lb x 10 @ 2', '25 lb each x 10', 'x 12' or 'x 40 s'; did "
     "you mean 'x 12'?"),
    ("sessions:\n  2027-02-08:\n    back-squat: [85 lb 10 @ 2]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.back-squat.0: got '85 lb 10 @ 2'; allowed a "
     "set written [LOAD] x REPS [@ RIR], e.g. '85 lb x 10 @ 2', '25 lb each x 10', 'x 12' or "
     "'x 40 s'; did you mean '85 lb x 10 @ 2'?"),
    ("sessions:\n  2027-02-08:\n    back-squat: 85 lb x 10\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.back-squat: got '85 lb x 10'; allowed a list "
     "of the sets done, e.g. [85 lb x 10] (leave an exercise out when it was not done)"),
    ("sessions:\n  2027-02-08:\n    back-squat: [25 lb each x 10]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.back-squat.0: got '25 lb each x 10', a load "
     "per hand; back-squat is a barbell lift: write the total on the bar, e.g. '50 lb x 10'"),
    ("sessions:\n  2027-02-08:\n    back-squatt: [85 lb x 10]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.back-squatt: unknown exercise id "
     "'back-squatt'; allowed an exercise id of the library (see `runlift exercises`), skipped "
     "or note; did you mean 'back-squat'?"),
    ("sessions:\n  2027-02-08:\n    dead-bug: [x 12]\n    notes: tired\n",
     "logs/maya-lopez.yaml:4: sessions.2027-02-08.notes: unknown exercise id 'notes'; allowed an "
     "exercise id of the library (see `runlift exercises`), skipped or note; did you mean "
     "'note'?"),
    ("sessions:\n  2027-02-30:\n    dead-bug: [x 12]\n",
     "logs/maya-lopez.yaml:2: sessions.2027-02-30: got '2027-02-30', which is not a date (day "
     "is out of range for month); allowed a date written YYYY-MM-DD"),
    ("sessions:\n  2027-02-08:\n    skipped: true\n    dead-bug: [x 12]\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08.skipped: got true beside exercises with their "
     "sets; a skipped session has no sets: remove skipped: true, or the exercises"),
    ("sessions:\n  2027-02-08:\n    note: felt flat\n",
     "logs/maya-lopez.yaml:2: sessions.2027-02-08: no exercises; allowed the exercises done with "
     "their sets (back-squat: [85 lb x 10 @ 2]), or skipped: true"),
    ("sessions:\n  2027-02-08:\n",
     "logs/maya-lopez.yaml:2: sessions.2027-02-08: got nothing; allowed a mapping (key: value "
     "lines, indented) of the exercises done with their sets (back-squat: [85 lb x 10 @ 2]), or "
     "skipped: true"),
    ("athlete: maya\n",
     "logs/maya-lopez.yaml:1: athlete: got 'maya'; allowed 'maya-lopez', the athlete id the "
     "file's name (maya-lopez.yaml) gives"),
    ("session:\n  2027-02-08: {dead-bug: [x 12]}\n",
     "logs/maya-lopez.yaml:1: session: unknown field; allowed athlete, sessions, checkins, "
     "niggles; did you mean 'sessions'?"),
    ("checkins:\n  2027-03-01:\n    calf-raises: {left: 22, right: 19}\n",
     "logs/maya-lopez.yaml:3: checkins.2027-03-01.calf-raises: unknown check-in test; allowed "
     "single-leg-squat, calf-raise, calf-raise-test, side-plank, side-plank-test; did you mean "
     "'calf-raise'?"),
    ("checkins:\n  2027-03-01:\n    calf-raise: {left: 22 s, right: 19}\n",
     "logs/maya-lopez.yaml:3: checkins.2027-03-01.calf-raise.left: got '22 s'; allowed reps, a "
     "whole number from 0 to 100, e.g. 8 (this test counts reps, not seconds)"),
    ("checkins:\n  2027-03-01:\n    single-leg-squat: {left: 12, rigth: 9}\n",
     "logs/maya-lopez.yaml:3: checkins.2027-03-01.single-leg-squat.left: got 12; allowed reps, "
     "a whole number from 0 to 10, e.g. 8"),
    ("checkins:\n  2027-03-01:\n    single-leg-squat: {left: 8, rigth: 9}\n",
     "logs/maya-lopez.yaml:3: checkins.2027-03-01.single-leg-squat.rigth: unknown field; "
     "allowed left, right; did you mean 'right'?"),
    ("checkins:\n  2027-03-01:\n    side-plank: 45 s\n",
     "logs/maya-lopez.yaml:3: checkins.2027-03-01.side-plank: got '45 s'; allowed each side's "
     "result, e.g. {left: 45 s, right: 40 s}"),
    ("niggles:\n  2027-02-20: {where: achiles, side: left, pain: 4}\n",
     "logs/maya-lopez.yaml:2: niggles.2027-02-20.where: got 'achiles'; allowed achilles, calf, "
     "knee, hip, it_band, hamstring, low_back, shin; did you mean 'achilles'?"),
    ("niggles:\n  2027-02-20: {where: knee, side: L, pain: 4}\n",
     "logs/maya-lopez.yaml:2: niggles.2027-02-20.side: got 'L'; allowed left, right, both; did "
     "you mean 'left'?"),
    ("niggles:\n  2027-02-20: {where: knee, pain: 4/10}\n",
     "logs/maya-lopez.yaml:2: niggles.2027-02-20.pain: got '4/10'; allowed a whole number from "
     "0 (no pain) to 10 (the worst); did you mean 4?"),
    ("niggles:\n  2027-02-20:\n    where: knee\n    pain: 11\n",
     "logs/maya-lopez.yaml:4: niggles.2027-02-20.pain: got 11; allowed a whole number from 0 "
     "(no pain) to 10 (the worst)"),
    ("niggles:\n  2027-02-20:\n    where: knee\n",
     "logs/maya-lopez.yaml:2: niggles.2027-02-20.pain: required field is missing; write a whole "
     "number from 0 (no pain) to 10 (the worst), e.g. pain: 4"),
    ("niggles:\n  2027-02-20: [{where: knee, pain: 2}, {where: hip, pian: 3}]\n",
     "logs/maya-lopez.yaml:2: niggles.2027-02-20.1.pian: unknown field; allowed where, side, "
     "pain; did you mean 'pain'?"),
    ("- 85 lb x 10\n",
     "logs/maya-lopez.yaml:1: got a list; a training log is a mapping (key: value lines, "
     "indented) of sessions, checkins and niggles"),
    ("sessions:\n  2027-02-08: {dead-bug: [x 12]}\n  2027-02-08: {dead-bug: [x 10]}\n",
     "logs/maya-lopez.yaml:3: sessions.2027-02-08: written twice (first on line 2); keep one"),
    ("sessions: [2027-02-08]\n",
     "logs/maya-lopez.yaml:1: sessions: got a list; allowed a mapping "
     "(key: value lines, indented) of dates, e.g. sessions: {2027-02-08: …}"),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN, ids=[str(i) for i in range(len(BROKEN))])
def test_a_broken_log_gets_its_exact_message(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "maya-lopez.yaml", text)
    found = mistakes(tmp_path)
    assert expected in found, "\n".join(found)


def test_every_mistake_of_a_file_in_one_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "maya-lopez.yaml", """\
        athlete: maya
        sessions:
          2027-02-08:
            back-squat: [85 lbs x 10, 85 lb x 10 @ 9]
            backsquat: [x 3]
        checkins:
          2027-03-01: {calf-raise: {left: -1}}
        niggles:
          2027-02-20: {where: toe, pain: 3}
        """)
    found = [m.split(": ", 2)[0:2] for m in mistakes(tmp_path)]
    assert found == [
        ["logs/maya-lopez.yaml:1", "athlete"],
        ["logs/maya-lopez.yaml:4", "sessions.2027-02-08.back-squat.0"],
        ["logs/maya-lopez.yaml:4", "sessions.2027-02-08.back-squat.1"],
        ["logs/maya-lopez.yaml:5", "sessions.2027-02-08.backsquat"],
        ["logs/maya-lopez.yaml:7", "checkins.2027-03-01.calf-raise.left"],
        ["logs/maya-lopez.yaml:9", "niggles.2027-02-20.where"]]


def test_two_files_are_read_together(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "maya-lopez.yaml", GOOD)
    write(tmp_path, "maya-lopez.2027-02-15.yaml", """\
        athlete: maya-lopez
        sessions:
          2027-02-08:  # a download dropped again: the same sets are no clash
            back-squat: [85 lb x 10 @ 3, 85lb x 10 @ 2, 85 LB x 10 @ 2]
            goblet-squat: [16 kg x 8 @ 2]
            note: Knees fine.
          2027-02-15:
            back-squat: [90 lb x 8 @ 2]
        checkins:
          2027-03-01:
            calf-raise-test: {left: 22, right: 19}
        niggles:
          2027-02-20: {where: achilles, side: left, pain: 4}
        """)
    write(tmp_path, "maya.yaml", "sessions: {2027-02-09: {dead-bug: [x 12]}}\n")  # maya's
    log = read_log(tmp_path, "maya-lopez", LIBRARY)
    assert log is not None
    assert log.files == ("logs/maya-lopez.yaml", "logs/maya-lopez.2027-02-15.yaml")
    assert [s.date for s in log.sessions] == [D(2027, 2, 8), D(2027, 2, 11), D(2027, 2, 15)]
    first = log.sessions[0]
    assert [e.id for e in first.exercises] == [
        "back-squat", "romanian-deadlift", "split-squat", "dead-bug", "side-plank", "goblet-squat"]
    assert first.exercises[0].source == "logs/maya-lopez.yaml:4"
    assert first.exercises[-1].source == "logs/maya-lopez.2027-02-15.yaml:5"
    assert first.note == "Left calf tight on the last set.\nKnees fine."
    assert len(log.check_ins) == 3 and len(log.niggles) == 2


def test_the_same_exercise_two_ways_on_one_day_names_both_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "maya-lopez.yaml", GOOD)
    write(tmp_path, "maya-lopez.phone.yaml", """\
        sessions:
          2027-02-08:
            back-squat: [85 lb x 10 @ 3, 85 lb x 8 @ 1]
          2027-02-11:
            dead-bug: [x 12]
        niggles:
          2027-02-20: {where: achilles, side: left, pain: 6}
        """)
    assert mistakes(tmp_path) == [  # the files in the order read, each by line
        "logs/maya-lopez.yaml:10: sessions.2027-02-11.skipped: got true, but "
        "logs/maya-lopez.phone.yaml:4 logs sets for the same day; a skipped session has no sets: "
        "the log's files are read together: keep one of them, or make them the same",
        "logs/maya-lopez.phone.yaml:3: sessions.2027-02-08.back-squat: got [85 lb x 10 @ 3, "
        "85 lb x 8 @ 1], but logs/maya-lopez.yaml:4 has [85 lb x 10 @ 3, 85 lb x 10 @ 2, 85 lb x "
        "10 @ 2] for back-squat on the same day; the log's files are read together: keep one of "
        "them, or make them the same",
        "logs/maya-lopez.phone.yaml:7: niggles.2027-02-20: got pain 6, but logs/maya-lopez.yaml:18 "
        "has pain 4 for the same day; the log's files are read together: keep one of them, or "
        "make them the same"]


def test_one_area_twice_on_one_day_in_one_file_asks_for_one_entry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "maya-lopez.yaml", """\
        niggles:
          2027-02-24:
            - {where: knee, pain: 2}
            - {where: knee, pain: 3}
        """)
    assert mistakes(tmp_path) == [
        "logs/maya-lopez.yaml:4: niggles.2027-02-24.1: got pain 3, but logs/maya-lopez.yaml:3 has "
        "pain 2 for the same day; one entry a day for each test or area: keep one of them"]


# --- the log through `plan`, `build` and `validate` ---------------------------------------------

WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"
ANN_LOG = "sessions:\n  2027-01-04:\n    goblet-squat: [16 kg x 10 @ 2, 16 kg x 10 @ 2]\n"


def club_of_two(root: Path) -> Path:
    """A club folder: club.yaml (publishing the log), athletes ann and bob, and a log for
    ann."""
    club = root / "club"
    (club / "athletes").mkdir(parents=True)
    (club / "club.yaml").write_text("name: Club\nprivacy: {log: public}\n", encoding="utf-8")
    for name in ("Ann", "Bob"):
        (club / "athletes" / f"{name.lower()}.yaml").write_text(
            f"name: {name}\nweekly_mileage: 30\nphase: base\nweeks: 2\nstart: 2027-01-04\n"
            f"week: {WEEK}\n", encoding="utf-8")
    write(club, "ann.yaml", ANN_LOG)
    return club


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def build(club: Path, out: Path):
    return cli("build", str(club), "-o", str(out), "--format", "html,json", "--today",
               "2026-11-24", "-j", "1")


def built_ids(result) -> int:
    return int(result.output.split("Built ", 1)[1].split(" ", 1)[0])


def test_plan_picks_up_the_athletes_log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    ann = json.loads(cli("plan", str(club / "athletes" / "ann.yaml"), "--json", "--today",
                         "2026-11-24").output)
    bob = json.loads(cli("plan", str(club / "athletes" / "bob.yaml"), "--json", "--today",
                         "2026-11-24").output)
    assert ann["log"]["sessions_logged"] == 1 and "log" not in bob


def test_plan_hands_the_log_to_the_planner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    seen = []
    from generator.plan import builder

    real = builder.build_plan

    def spy(athlete, library, today, log=None):
        seen.append(log)
        return real(athlete, library, today, log)

    monkeypatch.setattr(builder, "build_plan", spy)
    assert cli("plan", str(club / "athletes" / "ann.yaml"), "--today", "2026-11-24").exit_code == 0
    (log,) = seen
    assert log.athlete_id == "ann" and log.files == ("club/logs/ann.yaml",)
    assert [s.date for s in log.sessions] == [D(2027, 1, 4)]


def test_plan_with_a_broken_log_says_where(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    write(club, "ann.2027-01-07.yaml", "sessions: {2027-01-07: {goblet-squat: [16 kgs x 8]}}\n")
    result = cli("plan", str(club / "athletes" / "ann.yaml"), "--today", "2026-11-24")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "club/logs/ann.2027-01-07.yaml:1: sessions.2027-01-07.goblet-squat.0: got '16 kgs x 8'; "
        "allowed a load with its unit ('85 lb', '40 kg'), per hand ('25 lb each', '2 x 25 lb'), "
        "or none for bodyweight ('x 12'); did you mean '16 kg x 8'?")


def test_a_broken_log_fails_only_its_athlete(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    write(club, "ann.yaml", "sessions:\n  2027-01-04:\n    goblet-squat: [16 kg x 10 @ 9]\n")
    out = tmp_path / "site"
    result = build(club, out)
    assert result.exit_code == 1
    assert ("club/logs/ann.yaml:3: sessions.2027-01-04.goblet-squat.0: got '16 kg x 10 @ 9'; "
            "allowed reps in reserve after @, a whole number from 0 to 5, e.g. '@ 2'"
            in result.output)
    assert (out / "bob" / "index.html").is_file() and not (out / "ann").exists()
    again = build(club, out)  # unchanged: the mistake from the manifest, nothing built
    assert again.exit_code == 1 and built_ids(again) == 0
    assert "club/logs/ann.yaml:3: sessions.2027-01-04.goblet-squat.0: got" in again.output


def test_a_log_joins_its_athletes_fingerprint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    out = tmp_path / "site"
    first = build(club, out)
    assert first.exit_code == 0 and built_ids(first) == 2
    plan = json.loads((out / "ann" / "ann.json").read_text(encoding="utf-8"))
    assert plan["log"]["sessions_logged"] == 1
    again = build(club, out)
    assert built_ids(again) == 0 and "(0 files written" in again.output  # a no-op stays one
    write(club, "ann.yaml", ANN_LOG + "  2027-01-07:\n    skipped: true\n")
    edited = build(club, out)
    assert built_ids(edited) == 1 and "1 unchanged" in edited.output
    plan = json.loads((out / "ann" / "ann.json").read_text(encoding="utf-8"))
    assert plan["log"]["sessions_skipped"] == 1
    write(club, "bob.phone.yaml", "sessions: {2027-01-05: {dead-bug: [x 12]}}\n")  # a new file
    added = build(club, out)
    assert built_ids(added) == 1 and "1 unchanged" in added.output
    assert json.loads((out / "bob" / "bob.json").read_text(encoding="utf-8"))["log"][
        "sessions_logged"] == 1
    (club / "logs" / "bob.phone.yaml").unlink()
    assert built_ids(build(club, out)) == 1
    assert "log" not in json.loads((out / "bob" / "bob.json").read_text(encoding="utf-8"))


def test_a_log_of_no_athlete_is_a_mistake(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    write(club, "bobb.2027-01-05.yaml", "sessions: {2027-01-05: {dead-bug: [x 12]}}\n")
    orphan = ("club/logs/bobb.2027-01-05.yaml: got the athlete id 'bobb' from the file's name; "
              "allowed the id of an athlete of the club, as logs/<id>.yaml or "
              "logs/<id>.<anything>.yaml; did you mean 'bob'?")
    built = build(club, tmp_path / "site")
    assert built.exit_code == 1 and orphan in built.output and built_ids(built) == 2
    checked = cli("validate", str(club))
    assert checked.exit_code == 1 and orphan in checked.output
    assert "1 of 2 training logs has mistakes." in checked.output
    (club / "logs" / "bobb.2027-01-05.yaml").rename(club / "logs" / "bob.2027-01-05.yaml")
    assert build(club, tmp_path / "site").exit_code == 0
    assert "2 profiles, 2 training logs OK." in cli("validate", str(club)).output


def test_validate_checks_the_logs_of_the_athletes_it_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    write(club, "bob.yaml", "niggles: {2027-01-05: {where: knee, pain: 12}}\n")
    mistake = ("club/logs/bob.yaml:1: niggles.2027-01-05.pain: got 12; allowed a whole number "
               "from 0 (no pain) to 10 (the worst)")
    whole = cli("validate", str(club))
    assert whole.exit_code == 1 and mistake in whole.output
    one = cli("validate", str(club / "athletes" / "bob.yaml"))
    assert one.exit_code == 1 and mistake in one.output
    assert cli("validate", str(club / "athletes" / "ann.yaml")).exit_code == 0


def test_a_log_that_links_out_of_the_club_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text(ANN_LOG, encoding="utf-8")
    (club / "logs" / "bob.yaml").symlink_to(secret)
    result = cli("plan", str(club / "athletes" / "bob.yaml"), "--today", "2026-11-24")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "club/logs/bob.yaml: is a link to a file outside the club's folder; runlift reads only "
        "the club's own files: copy the log in instead")


# --- `runlift schema --log` -------------------------------------------------------------------

def docs_example() -> str:
    """The example log of docs/formats.md."""
    text = (Path(__file__).resolve().parent.parent / "docs/formats.md").read_text(encoding="utf-8")
    return text.split("## The training log", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="module")
def log_schema():
    result = cli("schema", "--log")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    jsonschema.Draft7Validator.check_schema(found)
    return found


def as_data(text: str):
    return textual(yaml.load(text, Loader=Yaml12))  # noqa: S506


def test_the_log_schema_is_titled_described_and_lists_the_exercises(log_schema):
    assert log_schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert log_schema["title"] == "runlift training log" and "read together" in log_schema[
        "description"]
    assert described(log_schema) == []
    session = log_schema["definitions"]["Session"]
    assert {"back-squat", "dead-bug", "skipped", "note"} <= set(session["propertyNames"]["enum"])
    assert set(session["propertyNames"]["enum"]) == {*LIBRARY.ids(), "skipped", "note"}
    assert "Back squat" in session["properties"]["back-squat"]["title"]


def test_the_docs_example_is_valid_for_schema_and_parser_and_wrong_ones_are_not(
        log_schema, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check = jsonschema.Draft7Validator(log_schema, format_checker=jsonschema.FormatChecker())
    good = as_data(docs_example())
    assert list(check.iter_errors(good)) == []
    demo = sorted((Path(__file__).resolve().parent.parent / "programs/logs").glob("*.yaml"))
    for path in demo:  # the demo club's logs too
        assert list(check.iter_errors(as_data(path.read_text(encoding="utf-8")))) == [], path
    write(tmp_path, "maya-lopez.yaml", docs_example())
    log = read_log(tmp_path, "maya-lopez", LIBRARY)
    assert log is not None and len(log.sessions) == 2 and len(log.niggles) == 3
    day = "2027-02-08"
    wrong = [
        {"sessions": {day: {"back-squatt": ["85 lb x 10"]}}},
        {"sessions": {day: {"back-squat": ["85 lbs x 10"]}}},
        {"sessions": {day: {"back-squat": "85 lb x 10"}}},
        {"sessions": {day: {"back-squat": ["85 lb x 10 @ 6"]}}},
        {"sessions": {"Feb 8": {"dead-bug": ["x 12"]}}},
        {"sessions": {day: {"skipped": "yes"}}},
        {"checkins": {day: {"calf-raises": {"left": 3}}}},
        {"checkins": {day: {"single-leg-squat": {"left": 11}}}},
        {"niggles": {day: {"where": "toe", "pain": 3}}},
        {"niggles": {day: {"where": "knee"}}},
        {"niggles": {day: {"where": "knee", "pain": 11}}},
        {"athlete": "Maya López"},
        {"sesions": {}},
    ]
    for data in wrong:
        assert not check.is_valid(data), data


@pytest.mark.parametrize("written", [
    "85 lb x 10 @ 3", "25 lb each x 10", "2 x 25 lb x 10 @ 2", "2×25kg×8", "x 12", "x 40 s",
    "x 40s @ 1", "40 KG X 5", "12.5 kg x 8 @ 0", "85 lbs x 10", "85 x 10", "x ten", "x 10 @ 6",
    "85 lb 10", "x 1 min", "25 lb per x 10", "x 10 @", "@ 2"])
def test_the_schema_and_the_parser_read_a_set_alike(log_schema, written):
    pattern = re.compile(log_schema["definitions"]["Session"]["properties"]["dead-bug"]["items"][
        "pattern"])
    try:
        parse_set(written)
        parsed = True
    except ValueError:
        parsed = False
    assert bool(pattern.match(written)) == parsed


def test_a_clubs_own_exercise_may_be_logged(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    club = club_of_two(tmp_path)
    own = (Path(__file__).resolve().parent.parent / "generator/exercises/goblet-squat.md")
    (club / "exercises").mkdir()
    (club / "exercises" / "sled-push.md").write_text(
        own.read_text(encoding="utf-8").replace("id: goblet-squat", "id: sled-push")
        .replace("name: Goblet squat", "name: Sled push"), encoding="utf-8")
    write(club, "ann.yaml", "sessions: {2027-01-04: {sled-push: [90 kg x 8]}}\n")
    assert cli("validate", str(club)).exit_code == 0
    assert build(club, tmp_path / "site").exit_code == 0
    session = json.loads(cli("schema", "--log", str(club)).output)["definitions"]["Session"]
    assert "sled-push" in session["propertyNames"]["enum"]
    assert "sled-push" not in json.loads(cli("schema", "--log", str(tmp_path)).output)[
        "definitions"]["Session"]["propertyNames"]["enum"]


def test_a_log_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "maya-lopez.yaml", "")
    with path.open("wb") as handle:
        handle.write(b"sessions:\n" + b"#" * (4 * 2**20))
    size = path.stat().st_size
    assert mistakes(tmp_path) == [
        f"logs/maya-lopez.yaml:1: the file is {size:,} bytes; allowed at most 4,194,304 bytes "
        "(4 MiB) per file"]


# --- whatever is written, a log is read or its mistakes are reported: never a crash -----------

_WORDS = ["athlete", "sessions", "checkins", "niggles", "skipped", "note", "back-squat",
          "dead-bug", "split-squat", "single-leg-squat", "calf-raise", "side-plank-test", "left",
          "right", "where", "side", "pain", "achilles", "both", "2027-02-08", "maya-lopez"]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(), st.text(max_size=30),
    st.dates(D(1, 1, 1), D(9999, 12, 31)), st.sampled_from(_WORDS),
    st.sampled_from(["85 lb x 10 @ 2", "x 12", "x 40 s", "2 x 25 lb x 8", "25 lb each x 10 @ 9",
                     "x", "@", "x @", "2 x x 2", "× 3 s @ 0", "0 kg x 1", "1e9 lb x 1", "45 s"]))
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(_WORDS), st.dates(D(2027, 1, 1), D(2027, 12, 31))),
                    inner, max_size=4)), max_leaves=25)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=_DATA)
def test_any_log_is_read_or_its_mistakes_located(tmp_path, data):
    path = tmp_path / "logs" / "maya-lopez.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        read_log(tmp_path, "maya-lopez", LIBRARY)
    except ProfileError as exc:
        assert exc.problems
        assert all(p.path.endswith("maya-lopez.yaml") and p.line >= 1 for p in exc.problems)
