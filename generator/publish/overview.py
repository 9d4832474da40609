"""The club overview: every athlete against every calendar week (by Monday) of the club's season,
made from the athletes' rows (summary.club_row) and the profiles that failed, never from a plan."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from ..model import Club
from .context import sort_key
from .privacy import robots_meta

MAX_WEEKS = 78  # a season wider than this (a race years away) is cut at its end


@dataclass(frozen=True)
class Cell:
    """One athlete's calendar week: empty outside their block."""

    phase: str | None = None
    deload: bool = False
    days: tuple[str, ...] = ()
    off: bool = False
    race: bool = False


@dataclass(frozen=True)
class Line:
    row: dict[str, Any]
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Failure:
    """A profile that failed: where it is, and its mistakes as lines."""

    path: str
    messages: tuple[str, ...]
    athlete_id: str | None  # set when the athlete's last good pages are still published


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def season(rows: list[dict[str, Any]]) -> list[dt.date]:
    """The Mondays from the first block's start to the last block's (or race's) week."""
    firsts, lasts = [], []
    for row in rows:
        start = dt.date.fromisoformat(row["start"])
        firsts.append(start)
        lasts.append(start + dt.timedelta(weeks=max(row["weeks"], 1) - 1))
        race = row["athlete"].get("race")
        if race:
            lasts.append(monday(dt.date.fromisoformat(race["date"])))
    if not firsts:
        return []
    first = monday(min(firsts))
    count = min((monday(max(lasts)) - first).days // 7 + 1, MAX_WEEKS)
    return [first + dt.timedelta(weeks=i) for i in range(count)]


def line(row: dict[str, Any], mondays: list[dt.date]) -> Line:
    start = monday(dt.date.fromisoformat(row["start"]))
    weeks = row.get("calendar", [])
    race = row["athlete"].get("race")
    race_monday = monday(dt.date.fromisoformat(race["date"])) if race else None
    cells = []
    for day in mondays:
        index = (day - start).days // 7
        is_race = day == race_monday
        if 0 <= index < len(weeks):
            phase, deload, days, off = weeks[index]
            cells.append(_cell(phase, bool(deload), tuple(days), bool(off), is_race))
        else:
            cells.append(_cell(None, False, (), False, is_race))
    return Line(row, tuple(cells))


@functools.lru_cache(maxsize=1024)
def _cell(phase: str | None, deload: bool, days: tuple[str, ...], off: bool, race: bool) -> Cell:
    """One Cell for each kind of week: a club of hundreds has a few dozen kinds, and thousands
    of weeks."""
    return Cell(phase, deload, days, off, race)


def overview_page(env: Environment, club: Club, rows: list[dict[str, Any]],
                  failures: list[Failure]) -> str:
    """The overview page, athletes by name as on the club page."""
    rows = sorted(rows, key=lambda r: (sort_key(r["athlete"]["name"]), r["athlete"]["id"]))
    mondays = season(rows)
    lines = [line(row, mondays) for row in rows]
    html = env.get_template("overview.html").render(
        club=club, root="", mondays=mondays, lines=lines, failures=failures,
        warnings=sum(r["warnings"] for r in rows))
    return robots_meta(html, club.privacy)
