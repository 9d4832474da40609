"""The plan as a calendar feed (iCalendar): one all-day event per strength session.

Subscribing to the feed puts the sessions beside the runs in any calendar app. The feed is
reproducible: UIDs and DTSTAMP come from the plan, not the clock.

The feed is written here directly, in the bytes the icalendar library writes for the same events
(its property order, TEXT escaping and line folding): tests/test_calendar.py builds the same feed
with icalendar and checks that the bytes are equal. Building it with icalendar took longer than
planning the athlete.
"""

from __future__ import annotations

import datetime as dt

from .. import __version__
from ..model import Plan, Privacy
from .privacy import published_plan
from .wording import effort, load_text

FOLD_AT = 74  # bytes of a content line before it is folded (icalendar folds below 75 octets)


def plan_calendar(plan: Plan, page_url: str | None = None,
                  privacy: Privacy | None = None) -> bytes:
    """The feed shows what the club's privacy lets the site show (its defaults when none is
    given: no health data), whatever plan it is given."""
    plan = published_plan(plan, privacy or Privacy())
    a = plan.athlete
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{text(f'-//runlift//runlift {__version__}//EN')}",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{text(f'{a.name}: strength')}"]
    start = plan.weeks[0].start if plan.weeks else dt.date(2000, 1, 1)
    stamp = f"DTSTAMP:{_date(start)}T000000Z"
    for week in plan.weeks:
        for day, session in week.sessions:
            description = [session.reason, f"Week {week.number}, {week.phase}"
                           f"{' (deload)' if week.deload else ''}.", ""]
            for p in session.exercises:
                bits = [p.dose(), effort(p), load_text(p)]
                description.append(f"{p.name}: {', '.join(b for b in bits if b)}")
            lines += [
                "BEGIN:VEVENT",
                f"SUMMARY:{text(f'Strength {session.name}: {session.focus} (~{session.minutes} min)')}",
                f"DTSTART;VALUE=DATE:{_date(day.date)}",
                f"DTEND;VALUE=DATE:{_date(day.date + dt.timedelta(days=1))}",
                stamp,
                f"UID:{text(f'{a.id}-{day.date.isoformat()}-{session.name.lower()}@runlift')}",
                f"DESCRIPTION:{text(chr(10).join(description))}",
                "TRANSP:TRANSPARENT",
                *([f"URL:{_uri(page_url)}"] if page_url else []),
                "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return b"\r\n".join(fold(line) for line in lines) + b"\r\n"


def text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 says, in icalendar's order of replacements."""
    return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;")
            .replace(",", r"\,").replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def _uri(value: str) -> str:
    if "\r" in value or "\n" in value:
        raise ValueError(f"A URI value may not contain CR or LF characters: {value!r}")
    return value


def _date(day: dt.date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def fold(line: str) -> bytes:
    """The content line in UTF-8, folded into parts of at most 74 bytes of whole characters; a
    part never ends in the backslash or caret that starts an escape (icalendar's rule)."""
    raw = line.encode("utf-8")
    if len(raw) <= FOLD_AT:
        return raw
    parts, start = [], 0
    while len(raw) - start > FOLD_AT:
        end = start + FOLD_AT
        while raw[end] & 0xC0 == 0x80:  # inside a character: it goes to the next part
            end -= 1
        if end - start > 1 and raw[end - 1] in b"\\^":
            end -= 1
        parts.append(raw[start:end])
        start = end
    parts.append(raw[start:])
    return b"\r\n ".join(parts)
