"""The exercise library: Markdown files with YAML front matter, built-in and the club's own."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..errors import LibraryError
from ..model import Exercise, Library
from ..vocabulary import DOSES, EQUIPMENT_ITEMS, EXPERIENCE, PATTERNS, ROLES
from .yamlsource import YamlProblems, parse_yaml, read_text

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "exercises"
REQUIRED = ("id", "name", "pattern", "equipment", "level", "unilateral", "dose", "roles",
            "summary", "cues")
LISTS = ("equipment", "roles", "cues", "tags", "regressions", "progressions")
TEXTS = ("name", "summary")
EXERCISE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                          *(f"lpt{n}" for n in range(10))})  # Windows cannot open such a file


def parse_exercise(text: str, display: str) -> Exercise:
    if not text.startswith("---"):
        raise LibraryError(f"{display}:1: an exercise file starts with '---' front matter")
    try:
        _, front, body = text.split("---", 2)
    except ValueError:
        raise LibraryError(f"{display}:1: front matter is not closed with '---'") from None
    try:
        meta = parse_yaml(front, display).data or {}
    except YamlProblems as exc:
        raise LibraryError("\n".join(str(p) for p in exc.problems)) from None
    if not isinstance(meta, dict):
        raise LibraryError(f"{display}:2: the front matter is a mapping of fields; allowed "
                           f"{', '.join(REQUIRED)}")
    _check_shapes(meta, display)
    _check_words(meta, display)
    options = tuple(tuple(o or ()) for o in meta["equipment"])
    return Exercise(
        id=str(meta["id"]), name=str(meta["name"]), pattern=meta["pattern"], equipment=options,
        level=meta["level"], unilateral=bool(meta["unilateral"]), dose=meta["dose"],
        tempo=(str(meta["tempo"]) if meta.get("tempo") else None), roles=tuple(meta["roles"]),
        tags=tuple(meta.get("tags") or ()), regressions=tuple(meta.get("regressions") or ()),
        progressions=tuple(meta.get("progressions") or ()), summary=str(meta["summary"]).strip(),
        cues=tuple(str(c) for c in meta["cues"]), body=body.strip() + "\n", source=display,
    )


def _check_shapes(meta: dict[str, Any], display: str) -> None:
    """Lists are lists (of lists, for equipment) and texts are text, before anything walks them."""
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise LibraryError(f"{display}: missing front-matter fields: {', '.join(missing)}")
    exercise_id = meta["id"]
    if not isinstance(exercise_id, str) or not EXERCISE_ID.fullmatch(exercise_id) \
            or exercise_id in DEVICE_NAMES:
        raise LibraryError(f"{display}: id: got {exercise_id!r}; allowed up to 64 lowercase "
                           "letters, digits and hyphens, e.g. 'single-leg-bridge'")
    for key in LISTS:
        value = meta.get(key)
        if not isinstance(value, list) and not (value is None and key not in REQUIRED):
            raise LibraryError(f"{display}: {key}: got {type(value).__name__}; allowed a list")
    for option in meta["equipment"]:
        if option is not None and not isinstance(option, list):
            raise LibraryError(f"{display}: equipment: got {option!r}; allowed a list of lists "
                               "of equipment, e.g. [[dumbbells]] ([] for none)")
    for key in TEXTS:
        if not isinstance(meta[key], str):
            raise LibraryError(f"{display}: {key}: got {meta[key]!r}; allowed text")


def _check_words(meta: dict[str, Any], display: str) -> None:
    """Every word is one of the vocabulary's."""
    words = [("pattern", meta["pattern"], PATTERNS), ("level", meta["level"], EXPERIENCE),
             *[("equipment", item, EQUIPMENT_ITEMS) for o in meta["equipment"] for item in o or ()],
             *[("roles", role, ROLES) for role in meta["roles"]],
             ("dose", meta["dose"], DOSES)]
    for field, value, allowed in words:
        if not isinstance(value, str) or value not in allowed:
            raise LibraryError(f"{display}: {field}: got {value!r}; allowed {', '.join(allowed)}")


def load_library(extra_dirs: list[Path] | tuple[Path, ...] = ()) -> Library:
    """The built-in library, then each folder in `extra_dirs` adding or replacing entries."""
    exercises: dict[str, Exercise] = {}
    for folder in (BUILTIN_DIR, *extra_dirs):
        for path in sorted(folder.glob("*.md")):
            try:
                text = read_text(path, str(path))
            except YamlProblems as exc:
                raise LibraryError("\n".join(str(p) for p in exc.problems)) from None
            exercise = parse_exercise(text, str(path))
            if exercise.id != path.stem:
                raise LibraryError(f"{path}: id {exercise.id!r} does not match the file name")
            if exercise.id == "index":  # exercises/index.html is the library's own page
                raise LibraryError(f"{path}: id 'index' is the library page's own name; allowed "
                                   "any other id, e.g. 'index-exercise'")
            if exercise.id in exercises and folder != BUILTIN_DIR:
                log.info("%s overrides the built-in %s", path, exercise.id)
            exercises[exercise.id] = exercise
    for exercise in exercises.values():
        for other in (*exercise.regressions, *exercise.progressions):
            if not isinstance(other, str) or other not in exercises:
                raise LibraryError(f"{exercise.source}: links to unknown exercise {other!r}")
    return Library(exercises)
