"""What a page shows of a plan: one context per athlete, shared by the page, the PDF, the
calendar and the club row, so that each is computed once."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Club, Day, Plan, Prescription, Session, Week
from ..vocabulary import DAY_NAMES, DAYS, PHASE_NAMES, ROLE_NAMES, RUN_NAMES
from .charts import block_chart, main_lift_loads
from .privacy import pdf_only_notice, published_plan
from .wording import date_short, effort, load_text, order_text


def athlete_context(plan: Plan, club: Club) -> dict[str, Any]:
    """What the athlete page, the calendar and the club row show of one plan (links from the
    root), with the club's privacy applied; under "pdf", the same for the athlete's PDF, which
    also keeps what the club marks pdf_only (privacy.py)."""
    page_plan = published_plan(plan, club.privacy)
    a = page_plan.athlete
    ctx = {
        "plan": page_plan,
        "athlete": a,
        "club": club,
        "root": "",
        "chart": block_chart(plan),
        "loads": main_lift_loads(plan),
        "reasons": _reasons(plan),
        "phase_runs": _phase_runs(plan),
        "strength_days": _strength_days(plan),
        "pdf_name": f"{a.id}.pdf",
        "json_name": f"{a.id}.json",
        "ics_name": f"{a.id}.ics",
        "block_end": plan.weeks[-1].start + dt.timedelta(days=6),
        "page_url": f"{club.base_url}{a.id}/" if club.base_url else None,
        "max_sets": min(_max_sets(plan), 5),
        "pdf_only": pdf_only_notice(club.privacy, has_log=plan.log is not None),
    }
    pdf_plan = published_plan(plan, club.privacy, in_pdf=True)
    return {**ctx, "pdf": {**ctx, "plan": pdf_plan, "athlete": pdf_plan.athlete}}


def sort_key(name: str) -> str:
    """Names as a reader alphabetises them: Ådne beside Adam, not after Zed."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def qr_data_uri(url: str) -> str:
    import segno  # the PDF's alone: an HTML build never loads it (and its urllib and email)

    return segno.make(url, error="m").svg_data_uri(scale=4, dark="#000", light="#fff")


def _reasons(plan: Plan) -> list[str]:
    seen: dict[str, None] = {}
    for week in plan.weeks:
        for _, session in week.sessions:
            seen.setdefault(session.reason, None)
    return list(seen)


def _phase_runs(plan: Plan) -> list[tuple[str, int, int]]:
    runs: list[list[Any]] = []
    for week in plan.weeks:
        if runs and runs[-1][0] == week.phase:
            runs[-1][2] = week.number
        else:
            runs.append([week.phase, week.number, week.number])
    return [(r[0], r[1], r[2]) for r in runs]


def _strength_days(plan: Plan) -> list[str]:
    """The weekdays most weeks lift on, for the club table."""
    counts: dict[str, int] = {}
    for week in plan.weeks:
        for day, _ in week.sessions:
            counts[day.weekday] = counts.get(day.weekday, 0) + 1
    common = sorted(counts, key=lambda d: (-counts[d], DAYS.index(d)))
    typical = max((len(w.sessions) for w in plan.weeks), default=0)
    return sorted(common[:typical], key=DAYS.index)


def _max_sets(plan: Plan) -> int:
    return max((p.sets for w in plan.weeks for _, s in w.sessions for p in s.exercises
                if p.working), default=1)


@dataclass(frozen=True)
class LogRow:
    """A row of the paper log: one working exercise, or all of a warm-up or cool-down."""

    role: str
    working: bool
    items: tuple[Prescription, ...]


def log_rows(exercises: Iterable[Prescription]) -> list[LogRow]:
    rows: list[LogRow] = []
    for p in exercises:
        if not p.working and rows and rows[-1].role == p.role:
            rows[-1] = LogRow(p.role, False, (*rows[-1].items, p))
        else:
            rows.append(LogRow(p.role, p.working, (p,)))
    return rows


# What the athlete page's partials write, worked out in Python as plain text (the templates
# escape it): one call a session or a plan instead of a filter, an attribute lookup and an escape
# for each piece of it.

def session_text(session: Session, day: Day, week: Week) -> tuple[str, str, str, str]:
    """A session's id on the page ("3-mon"), its day ("Monday 8 Feb"), the line under its
    heading and its table's caption (_session.html)."""
    day_name = DAY_NAMES[day.weekday]
    meta = (f"{session.intensity.capitalize()} · about {session.minutes} min · "
            f"{order_text(session.order, day.run)} · {session.working_sets} working sets")
    return (f"{week.number}-{day.weekday}", f"{day_name} {date_short(day.date)}", meta,
            f"Session {session.name} on {day_name}, week {week.number}")


ExerciseRow = tuple[Prescription, str, str, str, str, str, str, str, bool, str, str]


def exercise_rows(exercises: Iterable[Prescription], root: str = "") -> list[ExerciseRow]:
    """A session's rows (_session.html): (p, role, link, name, "Main lift · barbell", dose,
    effort, load, target load?, rest, tempo), "" for an empty cell."""
    rows = []
    for p in exercises:
        role, equipment = p.role, p.equipment
        sub = (f"{ROLE_NAMES[role]} · {', '.join(equipment).replace('_', ' ')}" if equipment
               else ROLE_NAMES[role])
        rest = p.rest_seconds
        rows.append((p, role, f"{root}exercises/{p.id}.html", p.name, sub, p.dose(), effort(p),
                     load_text(p), p.load is not None, f"{rest} s" if rest else "",
                     p.tempo or ""))
    return rows


OverviewCell = tuple[bool, bool, str, str, str | None]


def overview_rows(plan: Plan) -> list[tuple[Week, str, str, list[OverviewCell]]]:
    """The block overview's rows (_overview.html): each week with its phase's name and its
    start ("8 Feb"), and a cell a day: (key run?, lifting?, run, the run's name, the session's
    name or None)."""
    return [(week, PHASE_NAMES[week.phase], date_short(week.start),
             [(day.key_run, day.session is not None, day.run, RUN_NAMES[day.run],
               day.session.name if day.session else None) for day in week.days])
            for week in plan.weeks]
