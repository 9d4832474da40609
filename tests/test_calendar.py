"""The calendar feed: one event per strength session, reproducible, readable by any calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from conftest import LIBRARY, TODAY, athlete_from
from icalendar import Calendar
from test_builder import SEED_RUNNER

from generator.plan.builder import build_plan
from generator.publish.calendar import plan_calendar


def test_one_event_per_session_on_its_day():
    plan = build_plan(athlete_from(SEED_RUNNER), LIBRARY, TODAY)
    feed = Calendar.from_ical(plan_calendar(plan, "https://club.example/plans/seed-runner/"))
    events = [c for c in feed.walk() if c.name == "VEVENT"]
    sessions = [(day, s) for w in plan.weeks for day, s in w.sessions]
    assert len(events) == len(sessions)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, (day, session) in zip(events, sessions, strict=True):
        assert event.decoded("DTSTART") == day.date
        assert event.decoded("DTEND") == day.date + dt.timedelta(days=1)
        assert f"Strength {session.name}" in str(event["SUMMARY"])
        description = str(event["DESCRIPTION"])
        assert session.reason in description
        for p in session.exercises:
            assert p.name in description
        assert str(event["URL"]) == "https://club.example/plans/seed-runner/"


def test_same_plan_same_feed_bytes():
    first = plan_calendar(build_plan(athlete_from(SEED_RUNNER), LIBRARY, TODAY))
    second = plan_calendar(build_plan(athlete_from(SEED_RUNNER), LIBRARY, TODAY))
    assert first == second
    assert b"DTSTAMP:20270208T000000Z" in first  # from the plan, not the clock


def _icalendar_feed(plan, page_url=None, privacy=None) -> bytes:
    """The feed as the icalendar library writes it: the format plan_calendar must match."""
    from icalendar import Event
    from icalendar.prop import vText

    from generator import __version__
    from generator.model import Privacy
    from generator.publish.privacy import published_plan
    from generator.publish.wording import effort, load_text

    plan = published_plan(plan, privacy or Privacy())
    cal = Calendar()
    cal.add("prodid", f"-//runlift//runlift {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # TEXT, as calendar apps read it (icalendar 7.2+ would write an X- property verbatim)
    cal.add("x-wr-calname", vText(f"{plan.athlete.name}: strength"))
    stamp = dt.datetime.combine(plan.weeks[0].start, dt.time(0, 0), tzinfo=dt.UTC)
    for week in plan.weeks:
        for day, session in week.sessions:
            event = Event()
            event.add("uid", f"{plan.athlete.id}-{day.date.isoformat()}-{session.name.lower()}"
                             "@runlift")
            event.add("dtstamp", stamp)
            event.add("dtstart", day.date)
            event.add("dtend", day.date + dt.timedelta(days=1))
            event.add("summary", f"Strength {session.name}: {session.focus} "
                                 f"(~{session.minutes} min)")
            lines = [session.reason, f"Week {week.number}, {week.phase}"
                     f"{' (deload)' if week.deload else ''}.", ""]
            lines += [f"{p.name}: {', '.join(b for b in [p.dose(), effort(p), load_text(p)] if b)}"
                      for p in session.exercises]
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            if page_url:
                event.add("url", page_url)
            cal.add_component(event)
    return cal.to_ical()


ODD_NAMES = ["Zoë Ødegård-Núñez, Jr.; \\N back\\slash ^caret", "🏃" * 40,
             "a" * 55 + "\\b", "a" * 56 + "\\b", "a" * 57 + "^b", "a" * 54 + "é\\" + "é" * 30,
             "Kō " * 30]


def test_feed_bytes_are_icalendars():
    """The feed written directly is byte for byte what icalendar writes for the same events,
    for odd names (escapes and multi-byte characters where a long line folds) and every
    kind of week the golden club plans."""
    plans = [build_plan(athlete_from({**SEED_RUNNER, "name": name}), LIBRARY, TODAY)
             for name in ["Seed Runner", *ODD_NAMES]]
    for path in sorted(Path(__file__).parent.glob("golden/club/athletes/*.yaml")):
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        plans.append(build_plan(athlete_from(profile), LIBRARY, TODAY))
    for plan in plans:
        assert plan.weeks
        url = f"https://club.example/plans/{plan.athlete.id}/"
        assert plan_calendar(plan, url) == _icalendar_feed(plan, url)
        assert plan_calendar(plan) == _icalendar_feed(plan)


def test_folding_matches_icalendar():
    """Every length around the fold, with an escape or a multi-byte character at the edge."""
    from icalendar.parser import Contentline
    from icalendar.prop import vText

    from generator.publish.calendar import fold, text

    for n in range(60, 160):
        for tail in ["\\,x", ";y", "^z", "é–", "🏃🏃", "\n\r\n\rw", "\\N"]:
            for value in ["x" * n + tail, tail * (n // 4), "é" * (n // 2) + tail + "x" * n]:
                line = f"DESCRIPTION:{text(value)}"
                assert text(value) == vText(value).to_ical().decode("utf-8")
                assert fold(line) == Contentline(line).to_ical(), (n, tail)
