"""Shared helpers: profiles as tiny YAML projects, planned with a fixed 'today'."""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))

from generator.inputs.library import load_library  # noqa: E402
from generator.inputs.profile import validate_athlete  # noqa: E402
from generator.inputs.yamlsource import parse_yaml  # noqa: E402
from generator.plan.builder import build_plan  # noqa: E402

TODAY = dt.date(2026, 11, 24)
LIBRARY = load_library()


def athlete_from(profile: dict):
    text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    return validate_athlete(parse_yaml(text, "test.yaml"), LIBRARY)


def plan_json(profile: dict, today: dt.date = TODAY) -> dict:
    plan = build_plan(athlete_from(profile), LIBRARY, today)
    return json.loads(plan.to_json())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by path, as bytes (links left out), to compare builds."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.fixture
def library():
    return LIBRARY


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Write files into a fresh folder (the working directory) and return the writer."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
