"""The exercise library: Markdown files with YAML front matter, built-in and the club's own."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..errors import Problem, ProfileError
from ..model import Exercise, Library
from ..vocabulary import DOSES, EQUIPMENT_ITEMS, EXPERIENCE, PATTERNS, ROLES
from .discovery import display
from .suggest import did_you_mean, shown
from .yamlsource import Source, YamlProblems, parse_yaml, read_text

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
    """One exercise file; ProfileError with every mistake in it, each on its line."""
    return _parse(text, display)[0]


def _parse(text: str, display: str) -> tuple[Exercise, Source]:
    if not text.startswith("---"):
        raise ProfileError([Problem(display, 1, "", "an exercise file starts with '---' front "
                                    "matter")])
    try:
        _, front, body = text.split("---", 2)
    except ValueError:
        raise ProfileError([Problem(display, 1, "", "front matter is not closed with '---'")]) \
            from None
    try:  # the front matter starts on the file's first line: its lines are the file's
        source = parse_yaml(front, display)
    except YamlProblems as exc:
        raise ProfileError(exc.problems) from None
    meta = source.data or {}
    if not isinstance(meta, dict):
        raise ProfileError([Problem(display, 2, "", "the front matter is a mapping of fields; "
                                    f"allowed {', '.join(REQUIRED)}")])
    found = _Found(source)
    _check_shapes(meta, found)
    if not found.problems:
        _check_words(meta, found)
    if found.problems:
        raise ProfileError(found.problems)
    options = tuple(tuple(o or ()) for o in meta["equipment"])
    return Exercise(
        id=str(meta["id"]), name=str(meta["name"]), pattern=meta["pattern"], equipment=options,
        level=meta["level"], unilateral=bool(meta["unilateral"]), dose=meta["dose"],
        tempo=(str(meta["tempo"]) if meta.get("tempo") else None), roles=tuple(meta["roles"]),
        tags=tuple(meta.get("tags") or ()), regressions=tuple(meta.get("regressions") or ()),
        progressions=tuple(meta.get("progressions") or ()), summary=str(meta["summary"]).strip(),
        cues=tuple(str(c) for c in meta["cues"]), body=body.strip() + "\n", source=display,
    ), source


class _Found:
    """An exercise file's mistakes, each on the line of its field."""

    def __init__(self, source: Source):
        self.source = source
        self.problems: list[Problem] = []

    def add(self, loc: tuple[Any, ...], message: str) -> None:
        line = self.source.line(loc) if loc else 1
        field = ".".join(str(part) for part in loc)
        self.problems.append(Problem(self.source.path, line, field, message))


def _check_shapes(meta: dict[str, Any], found: _Found) -> None:
    """Lists are lists (of lists, for equipment) and texts are text, before anything walks them."""
    for key in REQUIRED:
        if key not in meta:
            found.add((), f"{key}: missing; every exercise file gives {', '.join(REQUIRED)}")
    exercise_id = meta.get("id")
    if "id" in meta and (not isinstance(exercise_id, str) or not EXERCISE_ID.fullmatch(
            exercise_id) or exercise_id in DEVICE_NAMES):
        found.add(("id",), f"got {shown(exercise_id)}; allowed up to 64 lowercase letters, "
                           "digits and hyphens, e.g. 'single-leg-bridge'")
    for key in LISTS:
        value = meta.get(key)
        if key in meta and not isinstance(value, list) and not (
                value is None and key not in REQUIRED):
            found.add((key,), f"got {shown(value)}; allowed a list")
    for i, option in enumerate(meta.get("equipment") or ()) \
            if isinstance(meta.get("equipment"), list) else ():
        if option is not None and not isinstance(option, list):
            found.add(("equipment", i), f"got {shown(option)}; allowed a list of lists of "
                                        "equipment, e.g. [[dumbbells]] ([] for none)")
    for key in TEXTS:
        if key in meta and not isinstance(meta[key], str):
            found.add((key,), f"got {shown(meta[key])}; allowed text")


def _check_words(meta: dict[str, Any], found: _Found) -> None:
    """Every word is one of the vocabulary's."""
    words = [(("pattern",), meta["pattern"], PATTERNS), (("level",), meta["level"], EXPERIENCE),
             *[(("equipment", i), item, EQUIPMENT_ITEMS)
               for i, o in enumerate(meta["equipment"]) for item in o or ()],
             *[(("roles", i), role, ROLES) for i, role in enumerate(meta["roles"])],
             (("dose",), meta["dose"], DOSES)]
    for loc, value, allowed in words:
        if not isinstance(value, str) or value not in allowed:
            found.add(loc, f"got {shown(value)}; allowed {', '.join(allowed)}"
                           f"{did_you_mean(value, allowed) if isinstance(value, str) else ''}")


def load_library(extra_dirs: list[Path] | tuple[Path, ...] = ()) -> Library:
    """The built-in library, then each folder in `extra_dirs` adding or replacing entries.

    Raises ProfileError with every mistake of every exercise file, each on its line."""
    exercises: dict[str, Exercise] = {}
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for folder in (BUILTIN_DIR, *extra_dirs):
        for path in sorted(folder.glob("*.md")):
            shown_path = display(path)
            try:
                exercise, source = _parse(read_text(path, shown_path), shown_path)
            except (YamlProblems, ProfileError) as exc:
                problems.extend(exc.problems)
                continue
            name_problem = _name_problem(exercise.id, path.stem)
            if name_problem:
                problems.append(Problem(shown_path, source.line(("id",)), "id", name_problem))
                continue
            if exercise.id in exercises and folder != BUILTIN_DIR:
                log.info("%s overrides the built-in %s", path, exercise.id)
            exercises[exercise.id] = exercise
            sources[exercise.id] = source
    for exercise in exercises.values():
        for key in ("regressions", "progressions"):
            for i, other in enumerate(getattr(exercise, key)):
                if not isinstance(other, str) or other not in exercises:
                    source = sources[exercise.id]
                    problems.append(Problem(exercise.source, source.line((key, i)), f"{key}.{i}",
                                            f"got {shown(other)}, which is no exercise of the "
                                            f"library{did_you_mean(other, sorted(exercises))}"))
    if problems:
        raise ProfileError(sorted(problems, key=lambda p: (p.path, p.line)))
    return Library(exercises)


def _name_problem(exercise_id: str, stem: str) -> str | None:
    if exercise_id != stem:
        return (f"got {exercise_id!r}, which is not the file's name; allowed {stem!r} (an "
                "exercise file is named <id>.md)")
    if exercise_id == "index":  # exercises/index.html is the library's own page
        return "got 'index', the library page's own name; allowed any other id, e.g. 'index-exercise'"
    return None
