"""Reading athlete profiles: defaults, and one located, helpful message for every mistake.

Each test is a tiny project in tmp_path, checked with `runlift validate` as a coach would run it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import ProfileError
from generator.inputs.library import load_library
from generator.inputs.profile import load_athlete, validate_athlete
from generator.inputs.yamlsource import YamlProblems, parse_yaml
from generator.vocabulary import EQUIPMENT_PRESETS

LIBRARY = load_library()
WEEK = "{mon: easy, tue: intervals, wed: rest, thu: easy, fri: easy, sat: long, sun: rest}"

# the example of profile.md, line for line (line numbers below refer to it)
EXAMPLE = """\
name: Maya López
id: maya-lopez
units: mi
load_unit: lb
weekly_mileage: 35
week:
  mon: easy
  tue: intervals
  wed: rest
  thu: easy
  fri: easy
  sat: long
  sun: rest
phase: base
race:
  date: 2027-04-11
  distance: half
  name: Riverside Half
start: 2027-01-04
weeks: 8
experience: intermediate
equipment: gym
sessions_per_week: 2
strength_days: [mon, thu]
placement: easy_days
session_minutes: 40
bodyweight: 58 kg
lifts:
  split-squat: 65 lb
  romanian-deadlift: 95 lb
focus: [achilles, hip]
notes: |
  Hill repeats return in March.
"""

MINIMAL = f"name: Sam Runner\nweekly_mileage: 30\nweek: {WEEK}\nphase: base\n"

# a field is a dotted path without spaces; file-level problems have none
LINE_RE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?:(?P<field>[^\s:]+): )?(?P<message>.+)$")



def validate(*paths: str):
    result = CliRunner().invoke(main, ["validate", *paths])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def problems(result) -> list[tuple[str, int, str | None, str]]:
    """Every `file:line: field: message` line of the output."""
    found = []
    for line in result.output.splitlines():
        match = LINE_RE.match(line)
        if match:
            found.append((match["file"], int(match["line"]), match["field"], match["message"]))
    return found


def check_one(project, text: str, name: str = "runner.yaml"):
    """Validate one profile that has mistakes; return its problems."""
    project(name, text)
    result = validate(name)
    assert result.exit_code == 1, result.output
    found = problems(result)
    assert found, result.output
    assert all(f == name for f, *_ in found), result.output
    return found


def only(found, field: str) -> tuple[int, str]:
    hits = [(line, message) for _, line, f, message in found if f == field]
    assert len(hits) == 1, found
    return hits[0]


# --- a good profile, and the defaults ---------------------------------------------------------


def test_the_example_of_the_spec_is_valid(project):
    project("maya.yaml", EXAMPLE)
    result = validate("maya.yaml")
    assert result.exit_code == 0, result.output
    assert "1 profile OK" in result.output


def test_the_example_loads_as_written(project):
    athlete = load_athlete(project("maya.yaml", EXAMPLE), LIBRARY)
    assert athlete.id == "maya-lopez"
    assert (athlete.units, athlete.load_unit) == ("mi", "lb")
    assert athlete.weekly_mileage == 35
    assert athlete.week["tue"] == "intervals"
    assert athlete.race.date == dt.date(2027, 4, 11) and athlete.race.distance == "half"
    assert athlete.start == dt.date(2027, 1, 4) and athlete.weeks == 8
    assert athlete.equipment == EQUIPMENT_PRESETS["gym"]
    assert athlete.strength_days == ("mon", "thu")
    assert athlete.lifts == {"split-squat": 65, "romanian-deadlift": 95}
    assert athlete.bodyweight_kg == 58
    assert athlete.focus == ("achilles", "hip")
    assert athlete.notes == "Hill repeats return in March.\n"


def test_defaults_of_a_minimal_profile(project):
    athlete = load_athlete(project("sam.yaml", MINIMAL), LIBRARY)
    assert athlete.id == "sam-runner"
    assert athlete.units == "km"
    assert athlete.load_unit == "kg"
    assert athlete.experience == "novice"
    assert athlete.equipment == frozenset({"barbell", "trap_bar", "dumbbells", "kettlebell", "bench",
                                           "box", "band", "cable", "pullup_bar", "plates"})
    assert athlete.placement == "easy_days"
    assert athlete.session_minutes == 40
    assert athlete.sessions_per_week is None and athlete.strength_days is None
    assert athlete.bodyweight is None and athlete.lifts == {} and athlete.focus == ()


def test_load_unit_follows_units(project):
    athlete = load_athlete(project("sam.yaml", MINIMAL + "units: mi\n"), LIBRARY)
    assert (athlete.units, athlete.load_unit) == ("mi", "lb")
    athlete = load_athlete(project("sam.yaml", MINIMAL + "units: mi\nload_unit: kg\n"), LIBRARY)
    assert athlete.load_unit == "kg"


def test_equipment_presets_and_lists(project):
    home = load_athlete(project("a.yaml", MINIMAL + "equipment: home\n"), LIBRARY)
    assert home.equipment == {"dumbbells", "kettlebell", "band", "box"}
    none = load_athlete(project("b.yaml", MINIMAL + "equipment: bodyweight\n"), LIBRARY)
    assert none.equipment == frozenset()
    own = load_athlete(project("c.yaml", MINIMAL + "equipment: [band, pullup_bar]\n"), LIBRARY)
    assert own.equipment == {"band", "pullup_bar"}


def test_a_field_left_empty_takes_its_default(project):
    athlete = load_athlete(project("a.yaml", MINIMAL + "equipment:\nsession_minutes:\n"), LIBRARY)
    assert athlete.equipment == EQUIPMENT_PRESETS["gym"] and athlete.session_minutes == 40


@pytest.mark.parametrize(("name", "slug"), [
    ("Łucja Wiśniewska", "lucja-wisniewska"),
    ("Дмитрий Иванов", "dmitrii-ivanov"),
    ("山田 花子", "shan-tian-hua-zi"),
    ("Zoë O'Brien", "zoe-o-brien"),
])
def test_id_is_a_transliterated_slug_of_the_name(project, name, slug):
    athlete = load_athlete(project("a.yaml", MINIMAL.replace("Sam Runner", name)), LIBRARY)
    assert athlete.id == slug
    assert athlete.name == name


def test_a_name_without_letters_gets_the_files_name_as_id(project):
    athlete = load_athlete(project("road-runner.yaml", MINIMAL.replace("Sam Runner", "🏃")), LIBRARY)
    assert athlete.id == "road-runner"


@pytest.mark.parametrize(("written", "kg"), [("58 kg", 58), ("128 lb", 58.1), ("58KG", 58),
                                             ("58", 58), ("58.5 kg", 58.5)])
def test_bodyweight_spellings(project, written, kg):
    athlete = load_athlete(project("a.yaml", MINIMAL + f"bodyweight: {written}\n"), LIBRARY)
    assert athlete.bodyweight_kg == pytest.approx(kg, abs=0.1)


def test_lifts_are_converted_to_the_load_unit(project):
    text = MINIMAL + "load_unit: lb\nlifts:\n  goblet-squat: 20 kg\n  split-squat: 50\n"
    athlete = load_athlete(project("a.yaml", text), LIBRARY)
    assert athlete.lifts == {"goblet-squat": 44.1, "split-squat": 50}


def test_a_quoted_date_is_a_date(project):
    athlete = load_athlete(project("a.yaml", MINIMAL + "start: '2027-01-04'\n"), LIBRARY)
    assert athlete.start == dt.date(2027, 1, 4)


def test_dates_far_from_now_are_mistakes_not_crashes(project):
    found = check_one(project, MINIMAL.replace("phase: base\n", "") + (
        "race: {date: 9999-12-31, distance: 5k}\nstart: 1999-12-27\n"
        "changes:\n  2250-01-06: {off: true}\n"))
    assert only(found, "race.date") == (4, "got 9999-12-31; allowed a date in the years "
                                           "2000–2199")
    assert only(found, "start")[1] == "got 1999-12-27; allowed a date in the years 2000–2199"
    assert any(f.startswith("changes") and "2250-01-06; allowed a date in the years" in m
               for _, _, f, m in found), found
    for command in (["plan", "runner.yaml"], ["build", "runner.yaml", "-o", "site"]):
        for today in ("9999-12-31", "2026-02-30"):
            result = CliRunner().invoke(main, [*command, "--today", today])
            assert result.exit_code == 2 and "Invalid value for '--today': got " \
                f"'{today}'" in result.output, result.output


def test_a_changed_week_has_the_same_mileage_ceiling(project):
    found = check_one(project, MINIMAL + "start: 2027-01-04\nweeks: 4\nchanges:\n"
                      "  2027-01-11: {weekly_mileage: 1000}\n")
    assert only(found, "changes.2027-01-11.weekly_mileage") == (
        8, "got 1000 km a week; allowed more than 0 and at most 320 km")


def test_a_weight_no_one_lifts_or_weighs_is_a_mistake(project):
    found = check_one(project, MINIMAL + "bodyweight: 100000 kg\nlifts:\n"
                      "  back-squat: 100000 kg\n  split-squat: 0.001 kg\n")
    allowed = "allowed a weight from 0.1 to 1100 (kg or lb)"
    assert only(found, "bodyweight")[1] == f"got '100000 kg'; {allowed}"
    assert only(found, "lifts.back-squat")[1] == f"got '100000 kg'; {allowed}"
    assert only(found, "lifts.split-squat")[1] == f"got '0.001 kg'; {allowed}"


def test_avoiding_every_pattern_is_a_mistake(project):
    patterns = "[squat, hinge, single_leg, calf, core, plyometric, upper_push, upper_pull, carry, " \
        "hip, mobility, activation]"
    found = check_one(project, MINIMAL + f"avoid: {patterns}\n")
    assert only(found, "avoid") == (5, "lists every pattern, which leaves no exercise to plan; "
                                       "allowed the patterns or exercises this athlete must not "
                                       "do, e.g. avoid: [plyometric, back-squat]")


def test_a_byte_order_mark_is_fine(project):
    path = project("a.yaml", b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_athlete(path, LIBRARY).name == "Sam Runner"


# --- every mistake, located ------------------------------------------------------------------


def test_three_mistakes_three_messages(project):
    found = check_one(project, f"""\
        name: Sam
        wekly_mileage: 30
        week: {WEEK}
        phase: base
        session_minutes: 10
        experience: expert
        """)
    assert len(found) == 4, found  # the misspelt field, so weekly_mileage is also missing
    line, message = only(found, "wekly_mileage")
    assert line == 2 and "did you mean 'weekly_mileage'" in message
    assert only(found, "weekly_mileage")[1].startswith("required field is missing; write the distance")
    line, message = only(found, "session_minutes")
    assert line == 5 and "got 10" in message and "20 to 90" in message
    line, message = only(found, "experience")
    assert line == 6 and "'expert'" in message and "novice, intermediate, advanced" in message


def test_messages_come_in_line_order(project):
    found = check_one(project, f"""\
        name: Sam
        weekly_mileage: 30
        week: {WEEK}
        phase: bass
        experience: pro
        placement: middle
        """)
    assert [line for _, line, *_ in found] == [4, 5, 6]


def test_every_mistake_of_the_example_at_its_own_line(project):
    text = (EXAMPLE.replace("tue: intervals", "tue: intervalz")
            .replace("weekly_mileage: 35", "wekly_mileage: 35")
            .replace("sessions_per_week: 2", "sessions_per_week: 5")
            .replace("bodyweight: 58 kg", "bodyweight: 58 kgs")
            .replace("split-squat: 65 lb", "split-squatt: 65 lb")
            .replace("focus: [achilles, hip]", "focus: [achilles, hips]")
            .replace("start: 2027-01-04", "start: 2027-01-06"))
    found = check_one(project, text)
    assert only(found, "wekly_mileage") == (5, "unknown field; did you mean 'weekly_mileage'?")
    line, message = only(found, "week.tue")
    assert line == 8 and "got 'intervalz'" in message and "did you mean 'intervals'" in message
    assert "allowed rest, easy, recovery" in message
    assert only(found, "start")[0] == 19
    assert only(found, "sessions_per_week") == (23, "got 5; allowed a whole number from 1 to 3")
    line, message = only(found, "bodyweight")
    assert line == 27 and "got '58 kgs'" in message and "did you mean '58 kg'" in message
    line, message = only(found, "lifts.split-squatt")
    assert line == 29 and "nearest: split-squat, " in message and "bulgarian-split-squat" in message
    line, message = only(found, "focus.1")
    assert line == 31 and "got 'hips'" in message and "did you mean 'hip'" in message
    assert len(found) == 8, found  # the seven above and the missing weekly_mileage


@pytest.mark.parametrize(("line", "written", "field", "expected"), [
    (1, "units: miles", "units", ["got 'miles'", "allowed mi, km", "did you mean 'mi'"]),
    (1, "load_unit: kgs", "load_unit", ["got 'kgs'", "allowed kg, lb", "did you mean 'kg'"]),
    (1, "race: {date: 2027-04-11, distance: 10km}", "race.distance", ["got '10km'", "did you mean '10k'"]),
    (1, "experience: Intermediate", "experience", ["did you mean 'intermediate'"]),
    (1, "placement: easy", "placement", ["allowed easy_days, hard_days", "did you mean 'easy_days'"]),
    (1, "equipment: gim", "equipment", ["got 'gim'", "gym, home, bodyweight", "did you mean 'gym'"]),
    (1, "equipment: barbell", "equipment", ["a single item is still a list: [barbell]"]),
    (3, "equipment:\n  - barbell\n  - dumbell", "equipment.1",
     ["got 'dumbell'", "trap_bar", "did you mean 'dumbbells'"]),
    (1, "equipment: [gym]", "equipment.0", ["write `equipment: gym`"]),
    (1, "equipment: 3", "equipment", ["got 3", "allowed gym, home, bodyweight or a list of"]),
    (1, "sessions_per_week: 5", "sessions_per_week", ["got 5", "from 1 to 3"]),
    (1, "sessions_per_week: 0", "sessions_per_week", ["got 0", "from 1 to 3"]),
    (1, "sessions_per_week: yes", "sessions_per_week", ["got true", "from 1 to 3"]),
    (1, "session_minutes: 10", "session_minutes", ["got 10", "from 20 to 90"]),
    (1, "session_minutes: 45.5", "session_minutes", ["got 45.5", "whole number"]),
    (1, "weeks: 60", "weeks", ["got 60", "from 1 to 52"]),
    (1, "bodyweight: 58 kgs", "bodyweight", ["got '58 kgs'", "'58 kg', '128 lb'", "did you mean '58 kg'"]),
    (1, "bodyweight: 128 lbs", "bodyweight", ["did you mean '128 lb'"]),
    (1, "bodyweight: abc", "bodyweight",
     ["got 'abc'", "allowed a weight like '58 kg', '128 lb' or a number"]),
    (1, "bodyweight: 0", "bodyweight", ["got 0", "above 0"]),
    (2, "lifts:\n  split-squat: heavy", "lifts.split-squat", ["got 'heavy'", "allowed a weight"]),
    (3, "lifts:\n  split-squat: 60\n  romainian-deadlift: 80", "lifts.romainian-deadlift",
     ["unknown exercise id 'romainian-deadlift'", "nearest: romanian-deadlift"]),
    (2, "lifts:\n  Goblet_Squat: 20", "lifts.Goblet_Squat", ["nearest: goblet-squat"]),
    (1, "lifts: [split-squat]", "lifts", ["allowed a mapping"]),
    (1, "focus: achilles", "focus", ["got 'achilles'", "allowed a list, e.g. [achilles]"]),
    (1, "focus: [it-band]", "focus.0", ["did you mean 'it_band'"]),
    (1, "strength_days: [mon, thursday]", "strength_days.1", ["got 'thursday'", "did you mean 'thu'"]),
    (1, "strength_days: [mon, mon]", "strength_days", ["listed twice"]),
    (1, "id: Sam Runner", "id", ["got 'Sam Runner'", "a-z, digits and single hyphens", "'sam-runner'"]),
    (1, "notes: yes", "notes", ["got true", "quotes"]),
    (1, "colour: red", "colour", ["unknown field; allowed name, id, units"]),
    (1, "sessions: 2", "sessions", ["did you mean 'sessions_per_week'"]),
    (1, "mon: easy", "mon", ["days go under week"]),
    (1, "start: 2027-02-30", "start", ["got '2027-02-30', which is not a date", "YYYY-MM-DD"]),
    (1, "start: next monday", "start", ["got 'next monday'", "YYYY-MM-DD"]),
    (1, "start: 2027/01/04", "start", ["got '2027/01/04'", "YYYY-MM-DD"]),
    (1, "start: 1798934400", "start", ["got 1798934400", "YYYY-MM-DD"]),
    (1, "start: 2027-01-04 10:00", "start", ["without a time"]),
    (1, "start: 2027-01-04 10:00:00", "start", ["got 2027-01-04 10:00:00", "without a time"]),
    (1, "start: 2027-01-06", "start",
     ["got 2027-01-06, a Wednesday", "2027-01-04", "2027-01-11"]),
])
def test_one_mistake(project, line, written, field, expected):
    # the mistake comes right after MINIMAL's four lines
    found = check_one(project, MINIMAL + written + "\n")
    assert len(found) == 1, found
    at, message = only(found, field)
    assert at == 4 + line
    for part in expected:
        assert part in message


@pytest.mark.parametrize(("units", "mileage", "limit"), [("mi", 201, 200), ("km", 321, 320),
                                                         ("km", "'400'", 320)])
def test_weekly_mileage_over_the_limit(project, units, mileage, limit):
    found = check_one(project, f"name: Sam\nunits: {units}\nweekly_mileage: {mileage}\n"
                               f"week: {WEEK}\nphase: base\n")
    line, message = only(found, "weekly_mileage")
    assert line == 3
    assert f"at most {limit} {units}" in message and "got" in message


def test_weekly_mileage_at_the_limit_is_fine(project):
    project("a.yaml", MINIMAL.replace("weekly_mileage: 30", "weekly_mileage: 200") + "units: mi\n")
    assert validate("a.yaml").exit_code == 0


@pytest.mark.parametrize(("written", "expected"), [
    ("0", "above 0"), ("-5", "above 0"), ("lots", "got 'lots'"), ("true", "got true"),
    ("35 mi", "units: mi"), ("", "got nothing"), (".inf", "got inf"),
])
def test_bad_weekly_mileage(project, written, expected):
    found = check_one(project, f"name: Sam\nweekly_mileage: {written}\nweek: {WEEK}\nphase: base\n")
    line, message = only(found, "weekly_mileage")
    assert line == 2 and expected in message


def test_missing_days_of_the_week(project):
    found = check_one(project, """\
        name: Sam
        weekly_mileage: 30
        phase: base
        week:
          mon: easy
          tue: intervals
          thu: easy
          fri: easy
          sat: long
        """)
    assert sorted(f for _, _, f, _ in found) == ["week.sun", "week.wed"]
    for _, line, _, message in found:
        assert line == 4 and "missing" in message and "rest" in message


def test_unknown_run_types_and_misspelt_days(project):
    found = check_one(project, """\
        name: Sam
        weekly_mileage: 30
        phase: base
        week:
          mon: easy
          tue: intervalz
          wed: jog
          thu: easy
          fri: off
          sat: long
          sunday: rest
        """)
    line, message = only(found, "week.tue")
    assert line == 6 and "did you mean 'intervals'" in message
    line, message = only(found, "week.wed")
    assert line == 7 and "got 'jog'" in message and "allowed rest, easy" in message
    line, message = only(found, "week.fri")
    assert line == 9 and "did you mean 'rest'" in message
    line, message = only(found, "week.sunday")
    assert line == 11 and "did you mean 'sun'" in message
    assert only(found, "week.sun")[1].startswith("missing")


def test_race_mistakes(project):
    found = check_one(project, """\
        name: Sam
        weekly_mileage: 30
        week: {mon: easy, tue: easy, wed: rest, thu: easy, fri: easy, sat: long, sun: rest}
        race:
          date: 2027-13-01
          distance: half marathon
          place: Riverside
        """)
    line, message = only(found, "race.date")
    assert line == 5 and "got '2027-13-01'" in message
    line, message = only(found, "race.distance")
    assert line == 6 and "did you mean 'half'" in message and "5k, 10k, half, marathon" in message
    assert only(found, "race.place")[0] == 7
    assert not [f for _, _, f, _ in found if f == "phase"]  # a race is given


def test_phase_or_race_is_required(project):
    found = check_one(project, f"name: Sam\nweekly_mileage: 30\nweek: {WEEK}\n")
    line, message = only(found, "phase")
    assert "required unless race is given" in message and "base, build, peak" in message


def test_start_after_the_race(project):
    found = check_one(project, f"""\
        name: Sam
        weekly_mileage: 30
        week: {WEEK}
        race: {{date: 2027-04-11, distance: 10k}}
        start: 2027-05-03
        """)
    line, message = only(found, "start")
    assert line == 5 and "2027-05-03" in message and "after the race on 2027-04-11" in message


def test_missing_required_fields(project):
    found = check_one(project, "name: Sam\nphase: base\n")
    assert {f for _, _, f, _ in found} == {"weekly_mileage", "week"}
    assert all(m.startswith("required field is missing; write the") for *_, m in found)


def test_a_blank_name(project):
    found = check_one(project, f"name: '  '\nweekly_mileage: 30\nweek: {WEEK}\nphase: base\n")
    assert only(found, "name")[0] == 1


# --- files that are not profiles at all ------------------------------------------------------


@pytest.mark.parametrize(("content", "line", "expected"), [
    ("", 1, "the file is empty"),
    ("# just a comment\n", 1, "the file is empty"),
    ("- name: Sam\n- name: Kim\n", 1, "a profile is a mapping of fields"),
    ("just some words\n", 1, "a profile is a mapping of fields"),
    ("name: Sam\nweek: [mon, tue\nphase: base\n", 3, "YAML syntax error"),
    ("name: Sam\nweek:\n\tmon: easy\n", 3, "a tab is used for indentation"),
    ("name: Sam\nweek: !!python/object:os.system {}\n", 2, "YAML syntax error"),
    ("name: Sam\n? [a, b]\n: c\n", 2, "YAML syntax error"),
])
def test_not_a_profile(project, content, line, expected):
    project("odd.yaml", content)
    result = validate("odd.yaml")
    assert result.exit_code == 1
    assert result.output.startswith(f"odd.yaml:{line}: "), result.output
    assert expected in result.output


def test_every_tab_indented_line_is_named(project):
    project("tabs.yaml", "name: Sam\nweek:\n\tmon: easy\n\ttue: easy\n")
    found = problems(validate("tabs.yaml"))
    assert [line for _, line, *_ in found] == [3, 4]


def test_duplicate_keys_are_reported_with_the_other_mistakes(project):
    found = check_one(project, f"""\
        name: Sam
        weekly_mileage: 30
        week: {WEEK}
        phase: base
        weekly_mileage: 35
        units: miles
        """)
    line, message = only(found, "weekly_mileage")
    assert line == 5 and "written twice (first on line 2)" in message
    assert only(found, "units")[0] == 6


def test_duplicate_keys_inside_a_mapping(project):
    found = check_one(project, """\
        name: Sam
        weekly_mileage: 30
        phase: base
        week:
          mon: easy
          tue: easy
          wed: rest
          thu: easy
          fri: easy
          sat: long
          sun: rest
          mon: tempo
        """)
    assert only(found, "week.mon") == (12, "written twice (first on line 5); keep one")


def test_aliases_are_refused(project):
    found = check_one(project, f"""\
        name: Sam
        weekly_mileage: 30
        week: &w {WEEK}
        phase: base
        other: *w
        """)
    assert found == [("runner.yaml", 5, None, found[0][3])]
    assert "aliases" in found[0][3]


def test_an_alias_bomb_is_refused_quickly(project):
    rows = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    project("bomb.yaml", "\n".join(rows) + "\n")
    result = validate("bomb.yaml")
    assert result.exit_code == 1
    assert result.output.startswith("bomb.yaml:2: YAML aliases")


def test_not_utf8_names_the_line(project):
    project("latin1.yaml", "name: Sam\nweekly_mileage: 30\nnotes: Müller\n".encode("latin-1"))
    result = validate("latin1.yaml")
    assert result.exit_code == 1
    assert result.output.startswith("latin1.yaml:3: not UTF-8 text")


def test_utf16_is_not_utf8(project):
    project("utf16.yaml", MINIMAL.encode("utf-16"))
    result = validate("utf16.yaml")
    assert result.exit_code == 1 and "not UTF-8 text" in result.output


# --- the core never raises anything but ProfileError on a user's data ------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
                     st.dates(), st.sampled_from(["mon", "easy", "gym", "58 kg", "2027-01-04", "half"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), st.integers()),
                                                 inner, max_size=4)), max_leaves=10)
_FIELDS = ["name", "id", "units", "load_unit", "weekly_mileage", "week", "phase", "race", "start",
           "weeks", "experience", "equipment", "sessions_per_week", "strength_days", "placement",
           "session_minutes", "bodyweight", "lifts", "focus", "notes", "week.mon", "race.date",
           "race.distance", "other"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(_FIELDS), _values, min_size=1, max_size=4))
def test_any_value_in_any_field_is_a_profile_error_or_fine(changes):
    profile = yaml.safe_load(EXAMPLE)
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            if not isinstance(profile.get(outer), dict):
                profile[outer] = {}
            profile[outer][inner] = value
        else:
            profile[key] = value
    text = yaml.safe_dump(profile, allow_unicode=True)
    try:
        validate_athlete(parse_yaml(text, "fuzz.yaml", keep_going=True), LIBRARY)
    except ProfileError as exc:
        for problem in exc.problems:
            assert problem.path == "fuzz.yaml" and problem.line >= 1 and problem.message


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\t\n 0123456789,?%@`")),
                    max_size=60))
def test_any_text_is_yaml_or_a_yaml_problem(text):
    try:
        source = parse_yaml(text, "fuzz.yaml", keep_going=True)
    except YamlProblems as exc:
        assert all(p.line >= 1 for p in exc.problems)
        return
    with contextlib.suppress(ProfileError):
        validate_athlete(source, LIBRARY)
