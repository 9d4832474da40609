"""`runlift schema`: the profile, club and plan schemas, draft-07, every field described, the
exercise ids (built-in and the club's own) listed, and the demo club valid against them."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.inputs.schemas import to_draft07

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "programs"
TODAY = "2027-01-04"
CHECK = jsonschema.FormatChecker()


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def schema(*args: str) -> dict:
    result = run("schema", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def validator(found: dict) -> jsonschema.Draft7Validator:
    jsonschema.Draft7Validator.check_schema(found)
    return jsonschema.Draft7Validator(found, format_checker=CHECK)


def textual(data):
    """Dates as text, keys too: JSON has no dates, and editors read YAML 1.2, where a date is
    text."""
    if isinstance(data, dict):
        return {str(k) if isinstance(k, dt.date) else k: textual(v) for k, v in data.items()}
    if isinstance(data, list):
        return [textual(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data


class Yaml12(yaml.SafeLoader):
    """Booleans as YAML 1.2 (and editors) read them: only true and false, so `off:` is a key."""


Yaml12.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for _first in "tTfF":
    Yaml12.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile("^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list(_first))


def as_json(path: Path):
    return textual(yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12))  # noqa: S506


def described(node, where="") -> list[str]:
    """Every property, anywhere, without a description."""
    missing = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            if not value.get("description"):
                missing.append(f"{where}.{key}")
        for key, value in node.items():
            missing += described(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            missing += described(value, f"{where}[{i}]")
    return missing


@pytest.fixture(scope="module")
def profile():
    return schema(str(DEMO))


def test_all_three_are_draft_07_and_the_demo_club_is_valid(profile):
    club, plan = schema("--club", str(DEMO)), schema("--plan")
    for found in (profile, club, plan):
        assert found["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(found) and "prefixItems" not in json.dumps(found)
    athletes = sorted((DEMO / "athletes").glob("*.yaml"))
    assert athletes
    for path in athletes:
        errors = [e.message for e in validator(profile).iter_errors(as_json(path))]
        assert errors == [], path
    assert list(validator(club).iter_errors(as_json(DEMO / "club.yaml"))) == []
    result = run("plan", str(athletes[0]), "--json", "--today", TODAY)
    assert list(validator(plan).iter_errors(json.loads(result.output))) == []


def test_every_field_has_a_title_description_and_examples(profile):
    assert described(profile) == []
    assert described(schema("--club")) == []
    assert [key for key, value in schema("--plan")["properties"].items()
            if not value.get("description")] == []
    for key, field in profile["properties"].items():
        assert field["title"] and field["examples"], key
    assert "Allowed: base, build, peak" in profile["properties"]["phase"]["description"]
    privacy = schema("--club")["definitions"]["PrivacyModel"]["properties"]
    assert "public, pdf_only, private" in privacy["focus"]["description"]


def test_lifts_list_every_exercise_id_and_refuse_others(profile):
    lifts = profile["properties"]["lifts"]["anyOf"][0]
    assert {"goblet-squat", "split-squat", "step-up", "back-squat"} <= set(lifts["properties"])
    assert lifts["additionalProperties"] is False
    assert "Goblet squat" in lifts["properties"]["goblet-squat"]["description"]
    check = validator(profile)
    base = {"name": "Ann"}
    for value in ("60 kg", "2 x 10 kg", "10 kg each", "2×10kg", 42, "95 lb"):
        assert check.is_valid({**base, "lifts": {"step-up": value}}), value
    for value in ("60 kgs", "two", 0, "10 kg per"):
        assert not check.is_valid({**base, "lifts": {"step-up": value}}), value
    errors = list(check.iter_errors({**base, "lifts": {"goblet-sqat": "16 kg"}}))
    assert errors and "goblet-sqat" in errors[0].message


def test_avoid_changes_and_weights(profile):
    check, base = validator(profile), {"name": "Ann"}
    assert check.is_valid({**base, "avoid": ["back-squat", "plyometric"]})
    assert not check.is_valid({**base, "avoid": ["plyometrics"]})
    assert check.is_valid({**base, "changes": {"2027-02-01": {"sat": "easy", "weekly_mileage": 28},
                                               "2027-02-15": {"off": True}}})
    for bad in ({"2027-02-01": {"sat": "eazy"}}, {"2027-02-01": {"off": "yes"}},
                {"Feb 1": {"off": True}}, {"2027-02-01": {"sunday": "easy"}}):
        assert not check.is_valid({**base, "changes": bad}), bad
    assert check.is_valid({**base, "weights": {"kettlebell": ["8 kg", "16 kg"], "plates": "1.25 kg"}})
    assert not check.is_valid({**base, "weights": {"barbell": ["20 kg"]}})


def test_the_club_schema_checks_defaults_and_privacy():
    check = validator(schema("--club"))
    assert check.is_valid({"name": "C", "defaults": {"units": "km", "equipment": "home"}})
    for bad in ({"defaults": {"name": "Ann"}}, {"defaults": {"unts": "km"}},
                {"privacy": {"notes": "secret"}}, {"paper": "a5"}, {"base_url": "club.example"}):
        assert not check.is_valid(bad), bad
    assert check.is_valid({"privacy": {"notes": "public", "index": True}})


def test_a_clubs_own_exercises_complete_too(tmp_path):
    own = (ROOT / "generator/exercises/goblet-squat.md").read_text(encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises/sled-push.md").write_text(
        own.replace("id: goblet-squat", "id: sled-push").replace("name: Goblet squat",
                                                                 "name: Sled push"),
        encoding="utf-8")
    found = schema(str(tmp_path))
    assert "sled-push" in found["properties"]["lifts"]["anyOf"][0]["properties"]
    assert "sled-push" in found["properties"]["avoid"]["anyOf"][0]["items"]["enum"]
    club = schema("--club", str(tmp_path))
    assert "sled-push" in club["properties"]["defaults"]["properties"]["lifts"]["anyOf"][0][
        "properties"]
    assert "sled-push" not in schema()["properties"]["lifts"]["anyOf"][0]["properties"]


def test_usage_errors():
    assert run("schema", "no/such/club").exit_code == 2
    assert run("schema", "--club", "--plan").exit_code == 2


def test_new_writes_both_schemas_and_points_club_yaml_at_its_own(project):
    assert run("new", "club", "--today", TODAY).exit_code == 0
    club = Path("club")
    assert (club / "club.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=club.schema.json\n")
    written = json.loads((club / "club.schema.json").read_text(encoding="utf-8"))
    assert written == schema("--club")
    assert list(validator(written).iter_errors(as_json(club / "club.yaml"))) == []
    profile = json.loads((club / "profile.schema.json").read_text(encoding="utf-8"))
    assert list(validator(profile).iter_errors(as_json(club / "athletes/alex-example.yaml"))) == []


def test_draft_07_conversion():
    converted = to_draft07({
        "$defs": {"A": {"type": "string"}},
        "properties": {"a": {"$ref": "#/$defs/A", "description": "d"},
                       "t": {"prefixItems": [{"type": "integer"}], "items": False},
                       "n": {"dependentRequired": {"x": ["y"]}}}})
    assert converted["definitions"] == {"A": {"type": "string"}}
    assert converted["properties"]["a"] == {"allOf": [{"$ref": "#/definitions/A"}],
                                            "description": "d"}
    assert converted["properties"]["t"] == {"items": [{"type": "integer"}],
                                            "additionalItems": False}
    assert converted["properties"]["n"] == {"dependencies": {"x": ["y"]}}
    with pytest.raises(ValueError, match="unevaluatedProperties"):
        to_draft07({"unevaluatedProperties": False})
