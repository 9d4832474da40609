"""The plan as a calendar feed (iCalendar): one all-day event per strength session.

Subscribing to the feed puts the sessions beside the runs in any calendar app. The feed is
reproducible: UIDs and DTSTAMP come from the plan, not the clock.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from .. import __version__
from ..model import Plan, Privacy
from .privacy import published_plan
from .wording import effort, load_text


def plan_calendar(plan: Plan, page_url: str | None = None,
                  privacy: Privacy | None = None) -> bytes:
    """The feed shows what the club's privacy lets the site show (its defaults when none is
    given: no health data), whatever plan it is given."""
    plan = published_plan(plan, privacy or Privacy())
    a = plan.athlete
    cal = Calendar()
    cal.add("prodid", f"-//runlift//runlift {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{a.name}: strength")  # escaped by icalendar
    stamp = dt.datetime.combine(plan.weeks[0].start, dt.time(0, 0), tzinfo=dt.UTC) \
        if plan.weeks else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    for week in plan.weeks:
        for day, session in week.sessions:
            event = Event()
            event.add("uid", f"{a.id}-{day.date.isoformat()}-{session.name.lower()}@runlift")
            event.add("dtstamp", stamp)
            event.add("dtstart", day.date)
            event.add("dtend", day.date + dt.timedelta(days=1))
            event.add("summary", f"Strength {session.name}: {session.focus} (~{session.minutes} min)")
            lines = [session.reason, f"Week {week.number}, {week.phase}"
                     f"{' (deload)' if week.deload else ''}.", ""]
            for p in session.exercises:
                bits = [p.dose(), effort(p), load_text(p)]
                lines.append(f"{p.name}: {', '.join(b for b in bits if b)}")
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            if page_url:
                event.add("url", page_url)
            cal.add_component(event)
    return cal.to_ical()
