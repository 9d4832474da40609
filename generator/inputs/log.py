"""Training logs (log.md): each file of one athlete read and checked, every mistake located to its
line, then the files merged into one TrainingLog (inputs/log_merge.py).

One file is a mapping of `athlete`, `sessions` (by date: each exercise's sets, or `skipped`, and
a `note`), `checkins` (by date: each test's result a side) and `niggles` (by date: where, which
side, how much it hurt).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem, ProfileError
from ..model import Athlete, CheckInResult, DoneExercise, DoneSet, Library, Niggle, TrainingLog
from ..vocabulary import FOCUS
from .discovery import display, find_logs, log_files, logs_home, orphan_log, outside_link
from .fields import parse_date
from .log_merge import Day, FileLog, merge
from .log_values import MAX_PAIN, check_in_value, parse_set, whole
from .messages import dotted
from .suggest import did_you_mean, nearest, shown
from .yamlsource import MAX_LOG_BYTES, Loc, Source, YamlProblems, read_yaml

LOG_FIELDS = ("athlete", "sessions", "checkins", "niggles")
SESSION_WORDS = ("skipped", "note")
NIGGLE_FIELDS = ("where", "side", "pain")
SIDES = ("left", "right", "both")
# the check-in tests as a log names them (log.md) and as the plan does (plan/week.py CHECK_INS):
# the plan's id, what is counted, and the most a side can score
CHECK_IN_TESTS: dict[str, tuple[str, str, int]] = {
    "single-leg-squat": ("single-leg-squat", "reps", 10),
    "calf-raise": ("calf-raise-test", "reps", 100),
    "calf-raise-test": ("calf-raise-test", "reps", 100),
    "side-plank": ("side-plank-test", "s", 600),
    "side-plank-test": ("side-plank-test", "s", 600),
}
_MAPPING = "a mapping (key: value lines, indented)"
_PAIN = f"a whole number from 0 (no pain) to {MAX_PAIN} (the worst)"


def read_log(home: Path, athlete_id: str, library: Library) -> TrainingLog | None:
    """The training log of `athlete_id` from `home`/logs/, or None when there is none.

    Raises ProfileError with every mistake of every file.
    """
    paths = log_files(home, athlete_id)
    return load_log(paths, athlete_id, library, home) if paths else None


def load_log(paths: Sequence[Path], athlete_id: str, library: Library,
             home: Path | None = None) -> TrainingLog:
    """Read the log files of one athlete together (in the order given), check every value and
    merge them. A file that links outside `home` is refused. Raises ProfileError with every
    mistake of every file."""
    problems: list[Problem] = []
    files: list[FileLog] = []
    for path in paths:
        refused = outside_link(path, home, "log") if home is not None else None
        if refused:
            problems.append(refused)
            continue
        try:
            source = read_yaml(path, display(path), MAX_LOG_BYTES)
        except YamlProblems as exc:
            problems += exc.problems
            continue
        reader = _FileReader(source, athlete_id, library)
        files.append(reader.read())
        problems += reader.problems
    log, clashes = merge(athlete_id, files)
    problems += clashes
    if problems:
        raise ProfileError(_in_order(problems, [display(p) for p in paths]))
    return log


def check_logs(path: Path, athletes: Sequence[Athlete], failed: Sequence[ProfileError],
               library: Library) -> tuple[int, list[ProfileError]]:
    """`runlift validate`: the logs of the athletes read from `path` (a folder or a profile) and,
    when `path` is the club's own folder, the log files of no athlete (`failed`: the profiles
    that could not be read, which may still own a log by their file's name). Returns how many
    athletes' logs were checked, and a ProfileError for each with mistakes."""
    home = logs_home(path)
    found = find_logs(home)
    ids = {athlete.id for athlete in athletes}
    failures: list[ProfileError] = []
    checked = 0
    for athlete_id, paths in sorted(found.items()):
        if athlete_id in ids:
            checked += 1
            try:
                load_log(paths, athlete_id, library, home)
            except ProfileError as exc:
                failures.append(exc)
    if path.is_dir() and path.resolve() == home.resolve():
        named = {Path(p.path).stem for failure in failed for p in failure.problems}
        for athlete_id, paths in sorted(found.items()):
            if athlete_id not in ids | named:
                checked += 1
                failures.append(ProfileError([orphan_log(p, ids) for p in paths]))
    return checked, failures


def _in_order(problems: list[Problem], order: list[str]) -> list[Problem]:
    """Each file's problems by line, the files in the order read."""
    rank = {path: i for i, path in enumerate(order)}
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (rank.get(p.path, len(rank)), p.path, p.line))


class _FileReader:
    """One log file, value by value: what it holds, and every mistake in `problems`."""

    def __init__(self, source: Source, athlete_id: str, library: Library):
        self.source, self.athlete_id, self.library = source, athlete_id, library
        self.problems: list[Problem] = list(source.problems)
        self.log = FileLog(source.path)

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(self.source.path, self.source.line(loc), dotted(loc),
                                     message))

    def where(self, loc: Loc) -> str:
        return f"{self.source.path}:{self.source.line(loc)}"

    def read(self) -> FileLog:
        data = self.source.data
        if data is None:  # an empty file: nothing logged yet
            return self.log
        if not isinstance(data, dict):
            self.add((), f"got {_got(data)}; a training log is {_MAPPING} of sessions, "
                     "checkins and niggles")
            return self.log
        for key, value in data.items():
            if key not in LOG_FIELDS:
                self.add((key,), _unknown(key, LOG_FIELDS))
            elif key == "athlete":
                self._athlete(value)
            elif value is not None:
                self._by_date((key,), value, getattr(self, f"_{key}"))
        return self.log

    def _athlete(self, value: Any) -> None:
        if value is not None and value != self.athlete_id:  # `athlete:` left empty: not given
            name = Path(self.source.path).name
            self.add(("athlete",), f"got {shown(value)}; allowed {self.athlete_id!r}, the "
                     f"athlete id the file's name ({name}) gives")

    def _by_date(self, loc: Loc, value: Any, read_one: Any) -> None:
        if not isinstance(value, dict):
            self.add(loc, f"got {_got(value)}; allowed {_MAPPING} of dates, e.g. "
                     f"{loc[0]}: {{2027-02-08: …}}")
            return
        for key, entry in value.items():
            try:
                date = parse_date(key)
            except ValueError as exc:
                self.add((*loc, key), str(exc))
                continue
            read_one((*loc, key), date, entry)

    def _sessions(self, loc: Loc, date: dt.date, entry: Any) -> None:
        if not isinstance(entry, dict) or not entry:
            self.add(loc, f"got {_got(entry)}; allowed {_MAPPING} of the exercises done with "
                     "their sets (back-squat: [85 lb x 10 @ 2]), or skipped: true")
            return
        day, count = Day(date, self.where(loc)), len(self.problems)
        for key, value in entry.items():
            if key == "skipped":
                day.skipped = self._skipped((*loc, key), value)
            elif key == "note":
                day.note = self._note((*loc, key), value)
            elif key not in self.library:
                self.add((*loc, key), _unknown_exercise(key, self.library))
            else:
                sets = self._sets((*loc, key), key, value)
                if sets is not None:
                    day.exercises[key] = DoneExercise(key, sets, self.where((*loc, key)))
                    day.written[key] = _written(value)
        if day.skipped and day.exercises:
            self.add((*loc, "skipped"), "got true beside exercises with their sets; a skipped "
                     "session has no sets: remove skipped: true, or the exercises")
        elif not day.skipped and set(entry) <= set(SESSION_WORDS) and \
                len(self.problems) == count:
            self.add(loc, "no exercises; allowed the exercises done with their sets "
                     "(back-squat: [85 lb x 10 @ 2]), or skipped: true")
        self.log.days.append(day)

    def _skipped(self, loc: Loc, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        self.add(loc, f"got {shown(value)}; allowed true (the session was planned but not done)")
        return False

    def _note(self, loc: Loc, value: Any) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None:
            self.add(loc, f"got {shown(value)}; allowed text (put it in quotes to keep it as "
                     "written)")
        return None

    def _sets(self, loc: Loc, exercise_id: str, value: Any) -> tuple[DoneSet, ...] | None:
        if not isinstance(value, list) or not value:
            example = f"[{value}]" if isinstance(value, str) else "[85 lb x 10 @ 2, 85 lb x 10]"
            self.add(loc, f"got {shown(value)}; allowed a list of the sets done, e.g. {example}"
                     " (leave an exercise out when it was not done)")
            return None
        sets: list[DoneSet] = []
        for index, item in enumerate(value):
            try:
                done = parse_set(item)
            except ValueError as exc:
                self.add((*loc, index), str(exc))
                continue
            wrong = _per_hand_problem(self.library, exercise_id, item, done)
            if wrong:
                self.add((*loc, index), wrong)
            sets.append(done)
        return tuple(sets) if len(sets) == len(value) else None

    def _checkins(self, loc: Loc, date: dt.date, entry: Any) -> None:
        if not isinstance(entry, dict) or not entry:
            self.add(loc, f"got {_got(entry)}; allowed {_MAPPING} of check-in tests, e.g. "
                     "calf-raise: {left: 22, right: 19}")
            return
        for key, value in entry.items():
            if key not in CHECK_IN_TESTS:
                self.add((*loc, key), _unknown(key, CHECK_IN_TESTS, "check-in test"))
                continue
            result = self._check_in((*loc, key), date, CHECK_IN_TESTS[key], value)
            if result is not None:
                self.log.check_ins.append((result, self.where((*loc, key)),
                                           dotted((*loc, key))))

    def _check_in(self, loc: Loc, date: dt.date, test: tuple[str, str, int],
                  value: Any) -> CheckInResult | None:
        plan_id, unit, high = test
        example = "{left: 45 s, right: 40 s}" if unit == "s" else "{left: 8, right: 6}"
        if not isinstance(value, dict) or not value:
            self.add(loc, f"got {shown(value)}; allowed each side's result, e.g. {example}")
            return None
        sides: dict[str, float | None] = {"left": None, "right": None}
        ok = True
        for key, side in value.items():
            if key not in sides:
                self.add((*loc, key), _unknown(key, sides))
                ok = False
                continue
            try:
                sides[key] = check_in_value(side, unit, high)
            except ValueError as exc:
                self.add((*loc, key), str(exc))
                ok = False
        if not ok:
            return None
        return CheckInResult(date, plan_id, sides["left"], sides["right"], unit)

    def _niggles(self, loc: Loc, date: dt.date, entry: Any) -> None:
        entries = list(enumerate(entry)) if isinstance(entry, list) and entry else [(None, entry)]
        for index, one in entries:
            where = loc if index is None else (*loc, index)
            niggle = self._niggle(where, date, one)
            if niggle is not None:
                self.log.niggles.append((niggle, self.where(where), dotted(where)))

    def _niggle(self, loc: Loc, date: dt.date, value: Any) -> Niggle | None:
        if not isinstance(value, dict):
            self.add(loc, f"got {shown(value)}; allowed {_MAPPING} of where, side and pain, "
                     "e.g. {where: achilles, side: left, pain: 4}")
            return None
        count = len(self.problems)
        for key in value:
            if key not in NIGGLE_FIELDS:
                self.add((*loc, key), _unknown(key, NIGGLE_FIELDS))
        where, side, written = value.get("where"), value.get("side"), value.get("pain")
        side = "both" if side is None else side  # `side:` left empty: both
        if where not in FOCUS:
            self.add((*loc, "where"), _word(where, FOCUS, "the body part that hurts"))
        if side not in SIDES:
            self.add((*loc, "side"), _word(side, SIDES, "the side that hurts"))
        pain = 0
        if written is None:
            self.add((*loc, "pain"), f"required field is missing; write {_PAIN}, e.g. pain: 4")
        else:
            try:
                pain = whole(written, 0, MAX_PAIN, _PAIN)
            except ValueError as exc:
                self.add((*loc, "pain"), str(exc))
        if len(self.problems) > count:
            return None
        return Niggle(date, str(where), str(side), pain)


def _got(value: Any) -> str:
    return "a list" if isinstance(value, list) else shown(value)


def _word(value: Any, allowed: Sequence[str], what: str) -> str:
    if value is None:
        return f"required field is missing; write {what}: {', '.join(allowed)}"
    hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
    initial = [word for word in allowed if isinstance(value, str) and len(value.strip()) == 1
               and word.startswith(value.strip().lower())]
    if len(initial) == 1:
        hint = f"; did you mean {initial[0]!r}?"
    return f"got {shown(value)}; allowed {', '.join(allowed)}{hint}"


def _unknown(key: Any, allowed: Sequence[str] | dict[str, Any], what: str = "field") -> str:
    hint = did_you_mean(key, allowed) if isinstance(key, str) else ""
    return f"unknown {what}; allowed {', '.join(allowed)}{hint}"


def _unknown_exercise(key: Any, library: Library) -> str:
    near = nearest(key, [*library.ids(), *SESSION_WORDS], cutoff=0.5) \
        if isinstance(key, str) else []
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return (f"unknown exercise id {shown(key)}; allowed an exercise id of the library (see "
            f"`runlift exercises`), skipped or note{hint}")


def _per_hand_problem(library: Library, exercise_id: str, written: Any,
                      done: DoneSet) -> str | None:
    """A load per hand on an exercise done with one weight (or a bar) is a slip."""
    load = done.load
    exercise = library[exercise_id]
    if load is None or load.implements == 1 or \
            any(exercise.implements_for(option) == 2 for option in exercise.equipment):
        return None
    amount = f"{done.reps}" if done.reps is not None else f"{done.seconds} s"
    if all({"barbell", "trap_bar"} & set(option) for option in exercise.equipment):
        return (f"got {shown(written)}, a load per hand; {exercise_id} is a barbell lift: write "
                f"the total on the bar, e.g. '{load.total:g} {load.unit} x {amount}'")
    return (f"got {shown(written)}, a load per hand; {exercise_id} is done holding one weight: "
            f"write that weight, e.g. '{load.value:g} {load.unit} x {amount}'")


def _written(value: list[Any]) -> str:
    return "[" + ", ".join(str(item) for item in value) + "]"
