"""`runlift validate` and `runlift schema` on tiny projects: exit codes, folders, the club file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_profile import EXAMPLE, MINIMAL, WEEK, problems

from generator.cli import main
from generator.inputs.club_files import read_inputs


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def athlete(name: str, **fields) -> str:
    text = f"name: {name}\nweekly_mileage: 30\nweek: {WEEK}\nphase: base\n"
    return text + "".join(f"{k}: {v}\n" for k, v in fields.items())


# --- exit codes ------------------------------------------------------------------------------


def test_all_good_exits_0(project):
    project("a.yaml", MINIMAL)
    project("b.yaml", EXAMPLE)
    result = run("validate", "a.yaml", "b.yaml")
    assert result.exit_code == 0
    assert "2 profiles OK" in result.output
    assert problems(result) == []


def test_one_bad_file_exits_1_and_the_others_are_still_checked(project):
    project("a.yaml", athlete("Ann", units="miles"))
    project("b.yaml", MINIMAL)
    project("c.yaml", athlete("Cy", experience="expert"))
    result = run("validate", "a.yaml", "b.yaml", "c.yaml")
    assert result.exit_code == 1
    found = problems(result)
    assert [(f, line, field) for f, line, field, _ in found] == [("a.yaml", 5, "units"),
                                                                 ("c.yaml", 5, "experience")]
    assert "2 of 3 profiles have mistakes" in result.output


def test_every_mistake_of_every_file(project):
    project("a.yaml", f"name: Ann\nwekly_mileage: 30\nweek: {WEEK}\nphase: bass\nsession_minutes: 5\n")
    project("b.yaml", "name: [\n")
    result = run("validate", "a.yaml", "b.yaml")
    assert result.exit_code == 1
    fields = [(f, field) for f, _, field, _ in problems(result)]
    assert fields == [("a.yaml", "weekly_mileage"), ("a.yaml", "wekly_mileage"), ("a.yaml", "phase"),
                      ("a.yaml", "session_minutes"), ("b.yaml", None)]


@pytest.mark.parametrize("args", [["validate"], ["validate", "missing.yaml"], ["validate", "--nope", "."],
                                  ["valdiate", "."]])
def test_usage_errors_exit_2(project, args):
    project("a.yaml", MINIMAL)
    result = run(*args)
    assert result.exit_code == 2


def test_plan_of_a_bad_profile_reports_and_exits_1(project):
    project("a.yaml", athlete("Ann", sessions_per_week=5, bodyweight="abc"))
    result = run("plan", "a.yaml")
    assert result.exit_code == 1
    assert [(line, field) for _, line, field, _ in problems(result)] == [(5, "sessions_per_week"),
                                                                         (6, "bodyweight")]


# --- folders ---------------------------------------------------------------------------------


def test_a_folder_is_every_yaml_and_yml_file_under_it_except_club_yaml(project):
    project("club/club.yaml", "name: Riverside Runners\n")
    project("club/ann.yaml", athlete("Ann"))
    project("club/juniors/bo.yml", athlete("Bo"))
    project("club/juniors/cy.yaml", athlete("Cy", units="miles"))
    project("club/readme.md", "not a profile\n")
    result = run("validate", "club")
    assert result.exit_code == 1
    assert [(f, line, field) for f, line, field, _ in problems(result)] == [
        ("club/juniors/cy.yaml", 5, "units")]
    assert "1 of 3 profiles has mistakes" in result.output


def test_a_good_folder(project):
    project("club/club.yaml", "name: Riverside Runners\n")
    project("club/ann.yaml", athlete("Ann"))
    project("club/bo.yml", athlete("Bo"))
    result = run("validate", "club")
    assert result.exit_code == 0 and "2 profiles OK" in result.output


def test_duplicate_ids_across_a_folder(project):
    project("club/a.yaml", athlete("Łucja Wiśniewska"))
    project("club/b.yaml", athlete("Other Runner", id="lucja-wisniewska"))
    result = run("validate", "club")
    assert result.exit_code == 1
    found = problems(result)
    assert len(found) == 1
    path, _, field, message = found[0]
    assert (path, field) == ("club/b.yaml", "id")
    assert "'lucja-wisniewska'" in message and "club/a.yaml" in message


def test_duplicate_ids_from_names(project):
    project("club/a.yaml", athlete("Anna Berg"))
    project("club/b.yaml", athlete("Anna  Berg"))
    result = run("validate", "club")
    assert result.exit_code == 1 and "'anna-berg' is already used by club/a.yaml" in result.output


# --- the club file ---------------------------------------------------------------------------


def test_club_defaults_apply_and_athletes_override_them(project):
    project("club/club.yaml", "name: Riverside\ndefaults:\n  units: mi\n  equipment: home\n")
    project("club/ann.yaml", athlete("Ann", equipment="bodyweight"))
    inputs = read_inputs([Path("club")])
    assert not inputs.failures
    (ann,) = inputs.athletes
    assert (ann.units, ann.load_unit) == ("mi", "lb")
    assert ann.equipment == frozenset()


def test_bad_club_defaults_are_reported_at_club_yaml_lines(project):
    project("club/club.yaml", """\
        name: Riverside Runners
        defaults:
          units: miles
          equipment: home
          start: 2027-01-05
          week: {mon: easy, tue: intervalz, wed: rest, thu: easy, fri: easy, sat: long, sun: rest}
        """)
    project("club/ann.yaml", "name: Ann\nweekly_mileage: 30\nphase: base\n")
    project("club/bo.yaml", "name: Bo\nweekly_mileage: 30\nphase: base\nunits: km\n")
    result = run("validate", "club")
    assert result.exit_code == 1
    found = problems(result)
    where = [(f, line, field) for f, line, field, _ in found]
    # a club default's mistake is shown once, however many athletes use it
    assert where == [("club/club.yaml", 3, "defaults.units"), ("club/club.yaml", 5, "defaults.start"),
                     ("club/club.yaml", 6, "defaults.week.tue")]
    assert "did you mean 'mi'" in found[0][3]
    assert "2027-01-04" in found[1][3] and "2027-01-11" in found[1][3]


def test_mileage_over_the_limit_with_the_clubs_units(project):
    project("club/club.yaml", "defaults:\n  units: mi\n")
    project("club/ann.yaml", athlete("Ann").replace("weekly_mileage: 30", "weekly_mileage: 250"))
    found = problems(run("validate", "club"))
    assert [(f, line, field) for f, line, field, _ in found] == [("club/ann.yaml", 2, "weekly_mileage")]
    assert "at most 200 mi" in found[0][3]


@pytest.mark.parametrize(("club", "line", "field", "expected"), [
    ("name: Riverside\npapr: letter\n", 2, "papr", "did you mean 'paper'"),
    ("paper: A5\n", 1, "paper", "allowed a4, letter"),
    ("base_url: club.example\n", 1, "base_url", "absolute web address"),
    ("defaults:\n  name: Everyone\n", 2, "defaults.name", "each athlete has their own"),
    ("defaults:\n  wekly_mileage: 30\n", 2, "defaults.wekly_mileage", "did you mean 'weekly_mileage'"),
    ("defaults: [units]\n", 1, "defaults", "allowed a mapping"),
    ("name: A\nname: B\n", 2, "name", "written twice"),
])
def test_a_broken_club_file_is_reported_and_exits_1(project, club, line, field, expected):
    project("club/club.yaml", club)
    project("club/ann.yaml", athlete("Ann"))
    for target in ("club", "club/ann.yaml"):
        result = run("validate", target)
        assert result.exit_code == 1
        found = problems(result)
        assert len(found) == 1, found
        assert found[0][:3] == ("club/club.yaml", line, field)
        assert expected in found[0][3]


@pytest.mark.parametrize(("club", "expected"), [
    ("name: [Riverside\n", "YAML syntax error"),
    ("- a\n- b\n", "a club file is a mapping"),
    ("a: &x 1\nb: *x\n", "aliases"),
    (b"name: Caf\xe9\n", "not UTF-8"),
])
def test_a_club_file_that_is_not_yaml(project, club, expected):
    project("club/club.yaml", club)
    project("club/ann.yaml", athlete("Ann"))
    result = run("validate", "club")
    assert result.exit_code == 1
    assert result.output.startswith("club/club.yaml:") and expected in result.output


def test_an_empty_club_file_is_fine(project):
    project("club/club.yaml", "")
    project("club/ann.yaml", athlete("Ann"))
    assert run("validate", "club").exit_code == 0


# --- the schema ------------------------------------------------------------------------------


def _as_json(data):
    return json.loads(json.dumps(data, default=str))  # YAML dates are strings in JSON


def test_schema_is_json_schema_that_accepts_the_example_and_rejects_mistakes():
    jsonschema = pytest.importorskip("jsonschema")
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    example = _as_json(yaml.safe_load(EXAMPLE))
    assert list(validator.iter_errors(example)) == []
    assert list(validator.iter_errors(_as_json(yaml.safe_load(MINIMAL)))) == []
    for mistake in ({"wekly_mileage": 35}, {"sessions_per_week": 5}, {"bodyweight": "58 kgs"},
                    {"equipment": "gim"}, {"start": "2027-02-30"}, {"week": {"mon": "easy"}}):
        assert not validator.is_valid({**example, **mistake}), mistake
    unknown = list(validator.iter_errors({**example, "wekly_mileage": 35}))
    assert "wekly_mileage" in unknown[0].message


def test_schema_lets_the_club_supply_everything_but_the_name():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run("schema").output)
    validator = jsonschema.Draft7Validator(schema)
    assert validator.is_valid({"name": "Ann", "bodyweight": "60 kg"})  # the rest from club.yaml
    assert not validator.is_valid({"bodyweight": "60 kg"})


def test_an_id_the_site_uses_itself_is_refused(tmp_path):
    (tmp_path / "ex.yaml").write_text(MINIMAL + "id: exercises\n", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "ex.yaml:" in result.output and "id: got 'exercises'" in result.output


def test_plan_of_the_club_file_is_a_usage_error_not_a_traceback(tmp_path):
    (tmp_path / "club.yaml").write_text("name: Club\n", encoding="utf-8")
    result = run("plan", str(tmp_path / "club.yaml"))
    assert result.exit_code == 2
    assert "club file, not an athlete profile" in result.output
    assert "Traceback" not in result.output


def test_a_training_log_given_as_a_profile_says_what_it_is(project):
    project("club/athletes/ann.yaml", MINIMAL)
    project("club/logs/ann.yaml", "athlete: ann\nsessions: {}\n")
    for command in ("validate", "plan"):
        result = run(command, "club/logs/ann.yaml")
        assert result.exit_code == 2
        assert result.output == ("club/logs/ann.yaml: this is a training log, not an athlete "
                                 "profile; `runlift validate club` checks it with its athlete's "
                                 "profile\n")
