"""`runlift new`: a club folder that validates, builds and publishes, and never overwrites a file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main

TODAY = "2026-11-24"
FILES = ["club.yaml", "athletes/alex-example.yaml", "profile.schema.json", ".gitignore", "README.md",
         ".github/workflows/pages.yml"]


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_new_club_has_every_file_and_validates_and_builds(project):
    result = invoke("new", "riverside-runners", "--today", TODAY)
    assert result.exit_code == 0, result.output
    club = Path("riverside-runners")
    for name in FILES:
        assert (club / name).is_file(), name
    club_text = (club / "club.yaml").read_text(encoding="utf-8")
    assert "name: Riverside Runners" in club_text
    for field in ("paper", "base_url", "defaults", "units"):
        assert f"{field}:" in club_text
    assert all(line.count("#") or not line.strip() or line.startswith(("name:", "paper:", "defaults"))
               or "#" in line for line in club_text.splitlines())
    athlete = (club / "athletes/alex-example.yaml").read_text(encoding="utf-8")
    assert athlete.startswith("# yaml-language-server: $schema=../profile.schema.json\n")
    schema = json.loads((club / "profile.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(invoke("schema").output)
    assert "site/" in (club / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert invoke("validate", str(club)).exit_code == 0
    built = invoke("build", str(club), "-o", "site", "--format", "html,json", "--today", TODAY)
    assert built.exit_code == 0, built.output
    assert Path("site/alex-example/alex-example.json").is_file()
    plan = json.loads(Path("site/alex-example/alex-example.json").read_text(encoding="utf-8"))
    assert not [w for w in plan.get("warnings", []) if w.get("code") == "race-passed"]


def test_workflow_builds_and_publishes_on_github_pages(project):
    invoke("new", "club", "--today", TODAY)
    flow = yaml.safe_load(Path("club/.github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["build"]["steps"]
    runs = " ".join(str(s.get("run", "")) for s in steps)
    assert "pip install" in runs and "runlift build . -o site" in runs
    assert any(str(s.get("uses", "")).startswith("actions/upload-pages-artifact") and
               s["with"]["path"] == "site" for s in steps)
    assert flow["permissions"]["pages"] == "write"
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages")
               for s in flow["jobs"]["deploy"]["steps"])


def test_new_refuses_to_overwrite_and_writes_nothing(project):
    assert invoke("new", "club", "--today", TODAY).exit_code == 0
    Path("club/club.yaml").write_text("name: Mine\n", encoding="utf-8")
    again = invoke("new", "club", "--today", TODAY)
    assert again.exit_code == 2
    assert "already has club.yaml" in again.output and "never overwrites" in again.output
    assert Path("club/club.yaml").read_text(encoding="utf-8") == "name: Mine\n"

    Path("other").mkdir()
    Path("other/README.md").write_text("my notes\n", encoding="utf-8")
    refused = invoke("new", "other")
    assert refused.exit_code == 2 and "README.md" in refused.output
    assert sorted(p.name for p in Path("other").iterdir()) == ["README.md"]
    assert Path("other/README.md").read_text(encoding="utf-8") == "my notes\n"


def test_new_into_an_existing_empty_folder_and_a_file(project):
    Path("empty").mkdir()
    assert invoke("new", "empty", "--name", "Track Club").exit_code == 0
    assert "name: Track Club" in Path("empty/club.yaml").read_text(encoding="utf-8")
    Path("afile").write_text("x", encoding="utf-8")
    assert invoke("new", "afile").exit_code == 2


def test_a_club_name_yaml_would_misread_is_written_so_it_reads_back(project):
    name = 'Riverside: "Tuesday" #1 & *friends'
    assert invoke("new", "odd", "--name", name, "--today", TODAY).exit_code == 0
    club = yaml.safe_load(Path("odd/club.yaml").read_text(encoding="utf-8"))
    assert club["name"] == name
    assert invoke("validate", "odd").exit_code == 0
    for bad in ("two\nlines", "   ", "a" * 20_001):
        refused = invoke("new", "bad", "--name", bad, "--today", TODAY)
        assert refused.exit_code == 2 and refused.output.startswith("--name: got ")
        assert not Path("bad").exists()
    hint = invoke("new", "our club", "--today", TODAY).output.splitlines()[-1]
    assert hint == ("Next: edit 'our club/athletes/alex-example.yaml', then `runlift build "
                    "'our club' -o 'our club/site'`.")
