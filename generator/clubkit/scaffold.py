"""`runlift new`: a club folder ready to edit, validate, build and publish."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import __version__
from ..errors import UsageError
from ..inputs.schemas import club_schema, profile_schema
from ..inputs.yamlsource import MAX_TEXT

FILES = Path(__file__).parent / "files"
EXAMPLE = "athletes/alex-example.yaml"
# the club's files and the packaged file each comes from (a schema: written from code)
SCHEMAS = {"profile.schema.json": profile_schema, "club.schema.json": club_schema}
LAYOUT: dict[str, str | None] = {
    "club.yaml": "club.yaml",
    EXAMPLE: "athlete.yaml",
    "profile.schema.json": None,
    "club.schema.json": None,
    ".gitignore": "gitignore",
    "README.md": "README.md",
    ".github/workflows/pages.yml": "pages.yml",
}


@dataclass(frozen=True)
class NewClub:
    folder: Path
    written: list[Path]


def new_club(folder: Path, today: dt.date, name: str | None = None) -> NewClub:
    """Write a new club into `folder` (which may exist, but none of the club's files may).

    Raises UsageError naming every file that is already there; nothing is written then.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder; choose a new folder for the club")
    there = [rel for rel in LAYOUT if (folder / rel).exists() or (folder / rel).is_symlink()]
    if there:
        raise UsageError(f"{folder}: already has {', '.join(there)}; runlift new never "
                         "overwrites a file: choose an empty folder, or move those files away")
    club_name = _checked_name(name if name is not None else _club_name(folder))
    words = {
        "@CLUB_NAME_YAML@": _yaml_text(club_name),
        "@CLUB_NAME@": club_name,
        "@RACE_DATE@": _race_day(today).isoformat(),
        "@RUNLIFT_SOURCE@": f"runlift=={__version__}",
    }
    written = []
    for rel, packaged in LAYOUT.items():
        text = _schema(rel) if packaged is None else (FILES / packaged).read_text(encoding="utf-8")
        for word, value in words.items():
            text = text.replace(word, value)
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as out:  # "x": never over a file that appeared
            out.write(text)
        written.append(target)
    return NewClub(folder, written)


def _schema(name: str) -> str:
    """A schema for the built-in exercises (`runlift schema DIR` adds the club's own later)."""
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"


def _checked_name(name: str) -> str:
    """The club's name as club.yaml can hold it: one line, not empty, not too long."""
    name = name.strip()
    if not name or len(name) > MAX_TEXT or any(ord(c) < 32 or ord(c) == 127 for c in name):
        shown = name if len(name) <= 60 else name[:60] + "…"
        raise UsageError(f"--name: got {shown!r}; allowed a name on one line, of 1 to "
                         f"{MAX_TEXT} characters")
    return name


def _yaml_text(text: str) -> str:
    """`text` as a YAML value reads it back: plain when it can be, else quoted (`: `, `#`)."""
    try:
        if yaml.safe_load(f"name: {text}") == {"name": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _club_name(folder: Path) -> str:
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Our Running Club"


def _race_day(today: dt.date) -> dt.date:
    """A Sunday about twelve weeks away, so the example plans a whole block from today."""
    return today + dt.timedelta(days=6 - today.weekday()) + dt.timedelta(weeks=12)
