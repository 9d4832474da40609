"""The exercise library: Markdown files with YAML front matter, built-in and the club's own."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from .errors import LibraryError
from .yamlsource import YamlProblems, parse_yaml

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).parent / "exercises"

PATTERNS = ("squat", "hinge", "single_leg", "calf", "core", "plyometric", "upper_push",
            "upper_pull", "carry", "hip", "mobility", "activation")
ROLES = ("warmup", "main", "accessory", "core", "plyometric", "cooldown")
EQUIPMENT_ITEMS = ("barbell", "trap_bar", "dumbbells", "kettlebell", "bench", "box", "band",
                   "cable", "pullup_bar", "plates")
LEVELS = ("novice", "intermediate", "advanced")
REQUIRED = ("id", "name", "pattern", "equipment", "level", "unilateral", "dose", "roles",
            "summary", "cues")


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    pattern: str
    equipment: tuple[tuple[str, ...], ...]  # ways to do it, preferred first
    level: str
    unilateral: bool
    dose: str  # reps | seconds
    tempo: str | None
    roles: tuple[str, ...]
    tags: tuple[str, ...]
    regressions: tuple[str, ...]
    progressions: tuple[str, ...]
    summary: str
    cues: tuple[str, ...]
    body: str = field(repr=False)
    source: str = field(repr=False, default="")

    def option_for(self, owned: frozenset[str]) -> tuple[str, ...] | None:
        """The first way of doing this exercise that needs only equipment the athlete owns."""
        for option in self.equipment:
            if set(option) <= owned:
                return option
        return None

    def body_html(self) -> str:
        return _markdown().render(self.body)


def _markdown() -> MarkdownIt:
    # js-default escapes raw HTML: library text is shown on pages and in PDFs.
    return MarkdownIt("js-default")


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
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise LibraryError(f"{display}: missing front-matter fields: {', '.join(missing)}")
    if meta["pattern"] not in PATTERNS:
        raise LibraryError(f"{display}: pattern: got {meta['pattern']!r}; allowed "
                           f"{', '.join(PATTERNS)}")
    if meta["level"] not in LEVELS:
        raise LibraryError(f"{display}: level: got {meta['level']!r}; allowed {', '.join(LEVELS)}")
    options = tuple(tuple(o or ()) for o in meta["equipment"])
    for option in options:
        for item in option:
            if item not in EQUIPMENT_ITEMS:
                raise LibraryError(f"{display}: equipment: got {item!r}; allowed "
                                   f"{', '.join(EQUIPMENT_ITEMS)}")
    for role in meta["roles"]:
        if role not in ROLES:
            raise LibraryError(f"{display}: roles: got {role!r}; allowed {', '.join(ROLES)}")
    if meta["dose"] not in ("reps", "seconds"):
        raise LibraryError(f"{display}: dose: got {meta['dose']!r}; allowed reps, seconds")
    return Exercise(
        id=str(meta["id"]), name=str(meta["name"]), pattern=meta["pattern"], equipment=options,
        level=meta["level"], unilateral=bool(meta["unilateral"]), dose=meta["dose"],
        tempo=(str(meta["tempo"]) if meta.get("tempo") else None), roles=tuple(meta["roles"]),
        tags=tuple(meta.get("tags") or ()), regressions=tuple(meta.get("regressions") or ()),
        progressions=tuple(meta.get("progressions") or ()), summary=str(meta["summary"]).strip(),
        cues=tuple(str(c) for c in meta["cues"]), body=body.strip() + "\n", source=display,
    )


class Library:
    """Every exercise by id; later folders override earlier ones."""

    def __init__(self, exercises: dict[str, Exercise]):
        self.exercises = dict(sorted(exercises.items()))

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    def __iter__(self):
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)

    def ids(self) -> list[str]:
        return list(self.exercises)


def load_library(extra_dirs: list[Path] | tuple[Path, ...] = ()) -> Library:
    """The built-in library, then each folder in `extra_dirs` adding or replacing entries."""
    exercises: dict[str, Exercise] = {}
    for folder in (BUILTIN_DIR, *extra_dirs):
        for path in sorted(folder.glob("*.md")):
            exercise = parse_exercise(path.read_text(encoding="utf-8"), str(path))
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
            if other not in exercises:
                raise LibraryError(f"{exercise.source}: links to unknown exercise {other!r}")
    return Library(exercises)
