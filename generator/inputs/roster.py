"""Club rosters: a spreadsheet (CSV or XLSX) of athletes, read row by row into profile data.

Headers are matched forgivingly (case, spaces, dots, hyphens: `Race date`, `race.distance`,
`Weekly mileage`); the running week is seven columns `mon`…`sun`; known lifts sit in one cell,
`back-squat 60 kg; split-squat 2 x 10 kg`. Values are only tidied here (numbers, dates, lists);
whether they are allowed is the profile validator's to say, on the YAML the importer writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..vocabulary import DAY_NAMES, DAYS, plain_number
from .suggest import did_you_mean, shown
from .yamlsource import MAX_FILE_BYTES

MAX_ROSTER_BYTES = MAX_FILE_BYTES  # like every input a coach writes (SECURITY.md)
MAX_ROWS = 20_000
SUFFIXES = (".csv", ".xlsx")

TEXTS = ("name", "id", "bodyweight", "notes")
WORDS = ("units", "load_unit", "phase", "experience", "placement", "race.distance")
NUMBERS = ("weekly_mileage", "weeks", "sessions_per_week", "session_minutes")
DATES = ("start", "race.date")
LISTS = ("strength_days", "avoid", "focus")
# every column a roster may have, as the profile field (dotted) it fills, in the profile's order
FIELDS = ("name", "id", "units", "load_unit", "weekly_mileage", *(f"week.{d}" for d in DAYS),
          "phase", "race.date", "race.distance", "race.name", "start", "weeks", "experience",
          "equipment", "sessions_per_week", "strength_days", "placement", "session_minutes",
          "bodyweight", "lifts", "avoid", "focus", "notes")
ALIASES = {"mileage": "weekly_mileage", "weekly_distance": "weekly_mileage",
           "race": "race.name", "race_day": "race.date", "distance": "race.distance",
           "level": "experience", "sessions": "sessions_per_week", "days": "strength_days",
           "minutes": "session_minutes", "lift": "lifts", "known_lifts": "lifts",
           **{name.lower(): f"week.{day}" for day, name in DAY_NAMES.items()}}


@dataclass(frozen=True)
class RosterProblem:
    """One mistake in a roster: its row as the spreadsheet shows it, its column and value."""

    roster: str
    row: int
    column: str
    value: Any
    message: str

    def __str__(self) -> str:
        where = f"{self.roster}: row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        value = "" if self.value in (None, "") or shown(self.value) in self.message \
            else f" ({shown(self.value)})"
        return f"{where}{value}: {self.message}"


@dataclass
class RosterRow:
    """One athlete's row: profile data, and which column each profile field came from."""

    row: int
    data: dict[str, Any]
    columns: dict[str, str]
    cells: dict[str, Any]

    def column_of(self, field_path: str) -> tuple[str, Any]:
        """The header and raw value behind a profile field such as `week.tue` or `lifts.x`."""
        parts = field_path.removeprefix("defaults.").split(".")
        for n in (2, 1):
            header = self.columns.get(".".join(parts[:n]))
            if header is not None:
                return header, self.cells.get(header)
        return "", None


@dataclass
class Roster:
    display: str
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)


def header_key(header: Any) -> str:
    """`Race date`, `race.date`, `RACE-DATE` → `race_date`."""
    return re.sub(r"[\s._-]+", "_", str(header or "").strip().lower()).strip("_")


COLUMN_KEYS = {header_key(f): f for f in FIELDS} | {d: f"week.{d}" for d in DAYS} | ALIASES


def read_roster(path: Path, display: str) -> Roster:
    """Read a CSV or XLSX roster. Raises UsageError when it is no roster runlift can read."""
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{display}: got a {path.suffix or 'file without extension'}; "
                         "allowed a roster saved as .csv or .xlsx")
    size = path.stat().st_size
    if size > MAX_ROSTER_BYTES:
        raise UsageError(f"{display}: the file is {size:,} bytes; allowed at most "
                         f"{MAX_ROSTER_BYTES:,} bytes (256 KiB) per file: split the roster and "
                         "import each part")
    table = _xlsx_rows(path, display) if path.suffix.lower() == ".xlsx" else _csv_rows(path, display)
    roster = Roster(display)
    if not table or not any(_blank(c) is not None for c in table[0]):
        raise UsageError(f"{display}: row 1 should name the columns (name, weekly_mileage, "
                         "mon … sun, …); the file has none")
    headers = [str(c).strip() if c is not None else "" for c in table[0]]
    fields = _match_headers(headers, roster)
    if roster.problems:
        return roster
    for number, cells in enumerate(table[1:], start=2):
        if number > MAX_ROWS + 1:
            raise UsageError(f"{display}: more than {MAX_ROWS:,} rows; allowed at most that")
        if all(_blank(c) is None for c in cells):
            continue  # an empty line between groups of athletes
        roster.rows.append(_row(number, headers, fields, cells, roster))
    return roster


def _csv_rows(path: Path, display: str) -> list[list[Any]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{display}: not UTF-8 text (byte {exc.start}); save the roster as "
                         "CSV UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_rows(path: Path, display: str) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UsageError(f"{display}: not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _match_headers(headers: list[str], roster: Roster) -> list[str | None]:
    fields: list[str | None] = []
    seen: dict[str, str] = {}
    for header in headers:
        key = header_key(header)
        target = COLUMN_KEYS.get(key)
        if not key:
            fields.append(None)  # an unnamed, empty column
            continue
        if target is None:
            hint = did_you_mean(key, COLUMN_KEYS) or "; allowed " + ", ".join(
                f.replace("week.", "") for f in FIELDS)
            roster.problems.append(RosterProblem(roster.display, 1, header, None,
                                                 f"unknown column{hint}"))
        elif target in seen:
            roster.problems.append(RosterProblem(roster.display, 1, header, None,
                                                 f"the same field as column {seen[target]!r}"))
        else:
            seen[target] = header
        fields.append(target)
    return fields


def _row(number: int, headers: list[str], fields: list[str | None], cells: list[Any],
         roster: Roster) -> RosterRow:
    found: dict[str, Any] = {}
    row = RosterRow(number, {}, {}, {})
    for header, target, cell in zip(headers, fields, cells, strict=False):
        value = _blank(cell)
        if target is not None:
            row.columns[target] = header  # a blank name is reported in its column too
        if target is None or value is None:
            continue
        row.cells[header] = cell
        tidy = _tidy(target, value)
        if isinstance(tidy, RosterProblem):
            roster.problems.append(RosterProblem(roster.display, number, header, cell, tidy.message))
            continue
        found[target] = tidy
    for target in FIELDS:  # nested as the profile has them, in the profile's order
        if target in found:
            group, _, key = target.partition(".")
            if key:
                row.data.setdefault(group, {})[key] = found[target]
            else:
                row.data[group] = found[target]
    return row


def _blank(cell: Any) -> Any:
    """A cell's value, or None when it is empty."""
    if isinstance(cell, str):
        return cell.strip() or None
    return cell


def _tidy(target: str, value: Any) -> Any:
    """A cell's value as the profile writes it; a RosterProblem when it cannot be read at all."""
    if target in NUMBERS:
        return _number(value)
    if target in DATES:
        return _date(value)
    if target in LISTS or target == "equipment":
        items = [w.strip().lower() for w in re.split(r"[,;/\s]+", str(value)) if w.strip()]
        return items[0] if target == "equipment" and len(items) == 1 else items
    if target == "lifts":
        return _lifts(str(value))
    if target.startswith("week.") or target in WORDS:
        text = str(value).strip().lower()
        return re.sub(r"[\s-]+", "_", text) if target == "placement" else text
    if target in TEXTS and isinstance(value, float | int) and not isinstance(value, bool):
        return plain_number(value) if target == "bodyweight" else str(plain_number(value))
    return value if target == "notes" else str(value).strip()


def _number(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return plain_number(value)
    text = str(value).strip()
    try:
        return plain_number(float(text.replace(",", "."))) if re.fullmatch(
            r"\d+(?:[.,]\d+)?", text) else text
    except ValueError:
        return text


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
    except ValueError:
        return text


_LIFT = re.compile(r"^\s*(?P<id>[A-Za-z][A-Za-z0-9 _-]*?)\s*[:=]?\s*(?P<load>\d.*?)?\s*$")


def _lifts(cell: str) -> dict[str, Any] | RosterProblem:
    """`back-squat 60 kg; split-squat 2 x 10 kg` → {back-squat: 60 kg, split-squat: 2 x 10 kg}."""
    lifts: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]", cell))):
        match = _LIFT.match(part)
        if not match or not match.group("load"):
            return RosterProblem("", 0, "", cell, f"cannot read {part!r}; allowed lifts written "
                                 "'exercise-id load', separated by ';', e.g. "
                                 "'back-squat 60 kg; split-squat 2 x 10 kg'")
        exercise = re.sub(r"[\s_]+", "-", match.group("id").strip().lower())
        load = match.group("load")
        lifts[exercise] = _number(load) if re.fullmatch(r"\d+(?:\.\d+)?", load) else load
    return lifts
