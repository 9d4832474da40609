"""The calendar feed: one event per strength session, reproducible, readable by any calendar."""

from __future__ import annotations

import datetime as dt

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
