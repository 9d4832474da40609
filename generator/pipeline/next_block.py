"""`runlift next`: the next block's profile, written as an edit of this one's text.

The profile is read with its club and its log, planned, and plan/next_block.py says what follows.
The new profile is the old text with only those lines changed (found by the line of every key that
inputs/yamlsource.py records), so that the coach's diff shows what changed and nothing else: a
note at the top saying what and why, `start`, `phase`, `race`, `weeks`, the `changes` weeks left
behind, and each known lift with the date of the set it came from. Comments stay where they were.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Athlete
from ..plan.next_block import RECENT_WEEKS, NextBlock, NextLift

HEADER = "# runlift next:"  # the first line of the note at the top; a later run replaces it
WIDTH = 99
_LINE = re.compile(r"^(?P<key>\s*[^\s#][^#]*?:)(?=\s|$)(?P<gap>\s*)(?P<value>[^#]*?)"
                   r"(?P<pad>\s*)(?P<comment>#.*)?$")
_UNIT = re.compile(r"\b(kg|lb)\b", re.IGNORECASE)
_EACH = re.compile(r"\b(each|hand)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NextProfile:
    text: str  # the next block's profile
    block: NextBlock
    athlete: Athlete


def next_profile(profile: Path, today: dt.date) -> NextProfile:
    """Read `profile` (with its club and log), plan it as of `today`, and write what follows.

    Raises ProfileError with the mistakes of the profile, its club file or its log, and
    UsageError when the file is the club file.
    """
    from ..inputs.discovery import display
    from ..inputs.yamlsource import parse_yaml, read_text
    from ..plan.builder import build_plan
    from ..plan.next_block import next_block
    from .one import read_one

    athlete, library, log = read_one(profile, "next")
    plan = build_plan(athlete, library, today, log)
    text = read_text(profile, display(profile))
    source = parse_yaml(text, display(profile))
    lifts = source.data.get("lifts") if isinstance(source.data, dict) else None
    units = {key: _unit(value, athlete.load_unit)
             for key, value in (lifts.items() if isinstance(lifts, dict) else ())}
    block = next_block(athlete, plan, library, log, units)
    files = [display(Path(f)) for f in log.files] if log else []
    note = _note(block, athlete, plan.weeks[0].start, files)
    return NextProfile(_Editor(text, source.lines, source.data).apply(block, athlete, note),
                       block, athlete)


def _unit(value: Any, default: str) -> str:
    found = _UNIT.search(str(value))
    return found.group(1).lower() if found else default


def _note(block: NextBlock, athlete: Athlete, first: dt.date, files: list[str]) -> list[str]:
    """The note at the top: what changed and why, a point each."""
    read = f"this profile and its log ({', '.join(files)})" if files else \
        "this profile alone (no log in the club's logs/)"
    points = list(block.reasons)
    was = {lift.id for lift in block.lifts}
    if block.lifts and block.recent:
        points.append(
            f"lifts: {', '.join(sorted(was))} from the best set of the log's latest "
            f"{RECENT_WEEKS} weeks ({block.recent[0].isoformat()} to "
            f"{block.recent[1].isoformat()}; each set's date is on its line), as the load for "
            "about 8 reps with 2 in reserve, rounded down.")
    kept = sorted(set(athlete.lifts) - was)
    if kept:
        why = "nothing logged in the latest weeks" if files else "no log"
        points.append(f"lifts kept as written ({why}): {', '.join(kept)}.")
    last = block.start - dt.timedelta(days=1)
    lines = textwrap.wrap(f"{HEADER} the block after the one of {first.isoformat()} to "
                          f"{last.isoformat()}, from {read}.", WIDTH,
                          subsequent_indent="#   ", break_on_hyphens=False)
    for point in points:
        lines += textwrap.wrap(point, WIDTH, initial_indent="# - ", subsequent_indent="#   ",
                               break_on_hyphens=False)
    return lines


class _Editor:
    """The profile's lines, and what replaces them: a line's new text ([] drops it) and lines
    added after it (-1: at the top). Line numbers are the original text's, from 0."""

    def __init__(self, text: str, lines: dict[tuple[Any, ...], int], data: Any):
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.rows = text.splitlines()
        self.keys = {loc: n - 1 for loc, n in lines.items() if loc}
        self.data = data if isinstance(data, dict) else {}
        self.replaced: dict[int, list[str]] = {}
        self.added: dict[int, list[str]] = defaultdict(list)

    def apply(self, block: NextBlock, athlete: Athlete, note: list[str]) -> str:
        self._drop_old_note()
        self.added[-1] += [*note, ""]
        top: list[tuple[str, str]] = []
        if not block.keep_race and ("race",) in self.keys:
            self._drop(("race",))
        for key, value in (("phase", block.phase), ("start", block.start.isoformat()),
                           ("weeks", None if block.weeks is None else str(block.weeks))):
            if value is None:
                continue
            if (key,) in self.keys:
                self._set_value((key,), value)
            else:
                top.append((key, value))
        if top:
            self.added[self._anchor(block)] += [f"{key}: {value}" for key, value in top]
        self._changes(block.dropped_changes)
        self._lifts(block.lifts, athlete)
        out: list[str] = list(self.added[-1])
        for i, row in enumerate(self.rows):
            out += self.replaced.get(i, [row])
            out += self.added.get(i, [])
        return self.newline.join(out) + self.newline

    def _drop_old_note(self) -> None:
        if not self.rows or not self.rows[0].startswith(HEADER):
            return
        end = next((i for i, row in enumerate(self.rows) if not row.strip()), len(self.rows) - 1)
        for i in range(end + 1):
            self.replaced[i] = []

    def _anchor(self, block: NextBlock) -> int:
        """The line after which new top-level keys go: where the race was, or after `race`,
        `phase` or `week`, or at the end."""
        if not block.keep_race and ("race",) in self.keys:
            return self.keys[("race",)] - 1
        for key in ("race", "phase", "week"):
            if (key,) in self.keys:
                return self._span((key,))[1]
        return len(self.rows) - 1

    def _span(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """The first and last line of a key's entry: up to its next sibling, less the blank lines
        and the comments no deeper than the key that follow it."""
        first = self.keys[loc]
        later = [n for k, n in self.keys.items()
                 if len(k) == len(loc) and k[:-1] == loc[:-1] and n > first]
        stop = min(later) if later else (
            self._span(loc[:-1])[1] + 1 if len(loc) > 1 else len(self.rows))
        depth = _indent(self.rows[first])
        last = stop - 1
        while last > first and (not self.rows[last].strip() or (
                self.rows[last].lstrip().startswith("#") and _indent(self.rows[last]) <= depth)):
            last -= 1
        return first, last

    def _drop(self, loc: tuple[Any, ...]) -> None:
        first, last = self._span(loc)
        for i in range(first, last + 1):
            self.replaced[i] = []

    def _flow(self, loc: tuple[Any, ...]) -> bool:
        """Whether the entry's children are written on its own line (`{a: 1}`), or it has none."""
        children = [n for k, n in self.keys.items() if len(k) == len(loc) + 1 and k[:-1] == loc]
        return not children or min(children) == self.keys[loc]

    def _set_value(self, loc: tuple[Any, ...], value: str, comment: str | None = None) -> None:
        """A one-line entry's value replaced, its comment kept in its column (or `comment`)."""
        first, last = self._span(loc)
        row = self.rows[first]
        match = _LINE.match(row)
        if match is None or last > first:
            self.replaced.update({i: [] for i in range(first + 1, last + 1)})
            self.replaced[first] = [" " * _indent(row) + f"{loc[-1]}: {value}" + (
                f"  {comment}" if comment else "")]
            return
        head = f"{match['key']} {value}"
        comment = comment or match["comment"]
        if comment:
            column = len(row) - len(match["comment"] or "") if match["comment"] else 0
            head += " " * max(2, column - len(head)) + comment
        self.replaced[first] = [head]

    def _changes(self, dropped: tuple[dt.date, ...]) -> None:
        changes = self.data.get("changes")
        if not dropped or ("changes",) not in self.keys or not isinstance(changes, dict):
            return
        kept = {k: v for k, v in changes.items() if _day(k) not in dropped}
        if not kept:
            self._drop(("changes",))
        elif self._flow(("changes",)):
            self._set_value(("changes",), "{" + ", ".join(
                f"{_day(k).isoformat()}: {_flow(v)}" for k, v in kept.items()) + "}")
        else:
            for key in changes:
                if key not in kept and ("changes", key) in self.keys:
                    self._drop(("changes", key))

    def _lifts(self, lifts: tuple[NextLift, ...], athlete: Athlete) -> None:
        written = self.data.get("lifts")
        written = written if isinstance(written, dict) else {}
        fresh = []
        flow = ("lifts",) in self.keys and self._flow(("lifts",))
        for lift in lifts:
            old = written.get(lift.id)
            per_hand = lift.id in athlete.lifts_per_hand if old is not None else True
            value = lift.written(per_hand, bool(old is not None and _EACH.search(str(old))))
            comment = f"# from {lift.source()}"
            if old is not None and not flow and ("lifts", lift.id) in self.keys:
                self._set_value(("lifts", lift.id), value, comment)
            else:
                fresh.append((lift.id, value, comment))
        if flow and lifts:
            fresh = [(k, str(v), "") for k, v in written.items()
                     if k not in {lift.id for lift in lifts}] + fresh
            self._drop(("lifts",))
            at = self.keys[("lifts",)]
            self.added[at - 1] += ["lifts:"] + [_entry("  ", *f) for f in fresh]
        elif fresh and ("lifts",) in self.keys:
            last = self._span(("lifts",))[1]
            siblings = [n for k, n in self.keys.items() if k[:1] == ("lifts",) and len(k) == 2]
            indent = " " * _indent(self.rows[min(siblings)]) if siblings else "  "
            self.added[last] += [_entry(indent, *f) for f in fresh]
        elif fresh:
            self.added[len(self.rows) - 1] += ["lifts:"] + [_entry("  ", *f) for f in fresh]


def _entry(indent: str, key: str, value: str, comment: str) -> str:
    return f"{indent}{key}: {value}" + (f"  {comment}" if comment else "")


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _day(key: Any) -> dt.date:
    return key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key))


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value).lower() if isinstance(value, bool) else str(value)
