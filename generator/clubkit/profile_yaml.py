"""Profile data written as tidy YAML, each field with a short comment saying what it holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from ..vocabulary import DISTANCES, EXPERIENCE, PHASES, PLACEMENTS, plain_number

COMMENT_COLUMN = 34
NOTES = {
    "name": "shown on the site and the PDF",
    "id": "the athlete's page and file names",
    "units": "km or mi, for weekly_mileage",
    "load_unit": "kg or lb, for loads",
    "weekly_mileage": "distance run in a normal week, in units",
    "week": "the running week, Monday first",
    "phase": " | ".join(PHASES),
    "race": "the goal race; the block counts back from it",
    "race.distance": " | ".join(DISTANCES),
    "start": "a Monday; default: 8 weeks before race week",
    "weeks": "length of the block, 1-52",
    "experience": " | ".join(EXPERIENCE),
    "equipment": "gym | home | bodyweight, or a list",
    "sessions_per_week": "1-3, checked against the rules",
    "strength_days": "preferred days, checked against the rules",
    "placement": " | ".join(PLACEMENTS),
    "session_minutes": "20-90",
    "bodyweight": "e.g. 58 kg",
    "lifts": "working weight for about 8 reps, 2 in reserve",
    "avoid": "exercise ids or patterns never to use",
    "focus": "injury focus",
    "notes": "Markdown, shown on the page and in the PDF",
}


def scalar(value: Any) -> str:
    """One value as YAML writes it inline: quoted only when it would read as something else."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | int) and not isinstance(value, bool):
        value = plain_number(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    return text.removesuffix("\n...\n").rstrip("\n")


def _line(indent: str, key: str, text: str, note: str | None) -> str:
    line = f"{indent}{scalar(key) if indent else key}:{' ' + text if text else ''}"
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {note}" if note else line


def profile_yaml(data: dict[str, Any], header: list[str]) -> str:
    """`data` (a profile's fields, nested one level) as commented YAML, after `header` lines."""
    lines = [f"# {h}" if h else "" for h in header]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(_line("", key, "", NOTES.get(key)))
            lines.extend(_line("  ", k, scalar(v), NOTES.get(f"{key}.{k}"))
                         for k, v in value.items())
        elif key == "notes" and isinstance(value, str) and "\n" in value.strip():
            lines.append(_line("", key, "|", NOTES.get(key)))
            lines.extend(f"  {t}".rstrip() for t in value.strip().splitlines())
        else:
            lines.append(_line("", key, scalar(value), NOTES.get(key)))
    return "\n".join(lines) + "\n"
