"""The training log shown (issue 11, item 3): the weeks already done show what was done beside
what was planned, on the athlete's page, in the PDF and in `runlift plan`; check-ins as a trend;
niggles listed; and only what the club's privacy lets each file show.

Until the log parser and the re-dosing planner land, the plans here are real built plans with a
log attached by `dataclasses.replace`, as the planner will attach it.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import replace

import pytest
from conftest import LIBRARY, TODAY, athlete_from
from pypdf import PdfReader

from generator.model import (
    CheckInResult,
    Club,
    DoneExercise,
    DoneSet,
    Load,
    LoggedSession,
    Niggle,
    Plan,
    Privacy,
    TrainingLog,
    Warning,
)
from generator.plan.builder import build_plan
from generator.publish.assets import PRINT_STYLESHEET
from generator.publish.context import athlete_context
from generator.publish.environment import environment, stylesheet
from generator.publish.logview import set_text
from generator.publish.pages import athlete_page, pdf_source
from generator.publish.pdf import render_pdf
from generator.publish.text import render_text

WEEK = dict(zip(["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                ["easy", "intervals", "rest", "easy", "rest", "long", "rest"], strict=True))
PROFILE = {"name": "Lou Logged", "id": "lou", "weekly_mileage": 30, "week": WEEK, "units": "km",
           "phase": "base", "start": "2027-01-04", "weeks": 6, "equipment": "gym",
           "lifts": {"romanian-deadlift": "60 kg", "goblet-squat": "24 kg",
                     "split-squat": "2 x 10 kg"}}
NOTE = "Left calf tight on the last set."
# as the planner words it (plan/follow.py)
NIGGLE_WARNING = ("Weeks 2–3: the log has the left Achilles at 5/10 on 13 Jan 2027: calf raises "
                  "at half their sets with no load rise, and no plyometrics, until the log has it "
                  "under 4/10.")


def _sets(load: Load | None, *reps_rir: tuple[int, int | None]) -> tuple[DoneSet, ...]:
    return tuple(DoneSet(load, reps, None, rir) for reps, rir in reps_rir)


KG = "kg"
# Thu 7 Jan (week 1, session A): the goblet squat at the top of its range; the RDL's second set
# at RIR 1 (below 2–3) and its third short of 8 reps at RIR 0; one row set of two planned
DONE_7_JAN = {
    "goblet-squat": _sets(Load(20, KG), (12, 3), (12, 2), (10, 2)),
    "romanian-deadlift": _sets(Load(52.5, KG), (10, 2), (9, 1), (7, 0)),
    "single-leg-calf-raise": _sets(None, (12, 3), (12, 2)),
    "dead-bug": _sets(None, (12, None)),
}
DONE_14_JAN = {"goblet-squat": _sets(Load(20, KG), (12, 2), (12, 2))}
EXTRA_6_JAN = (DoneExercise("goblet-squat", _sets(Load(16, KG), (10, 3), (10, 3))),
               DoneExercise("side-plank", (DoneSet(None, None, 40, None),
                                           DoneSet(None, None, 35, None))))
CHECK_INS = tuple(CheckInResult(dt.date.fromisoformat(d), i, left, right, unit)
                  for d, i, left, right, unit in (
                      ("2027-01-07", "single-leg-squat", 6, 5, "reps"),
                      ("2027-01-07", "calf-raise-test", 18, 15, "reps"),
                      ("2027-01-07", "side-plank-test", 40, 35, "s"),
                      ("2027-02-04", "single-leg-squat", 8, 7, "reps"),
                      ("2027-02-04", "calf-raise-test", 22, 19, "reps"),
                      ("2027-02-04", "side-plank-test", 45, 45, "s")))
NIGGLES = (Niggle(dt.date(2027, 1, 13), "achilles", "left", 5),)


def plain_plan() -> Plan:
    return build_plan(athlete_from(PROFILE), LIBRARY, TODAY)


def logged_plan() -> Plan:
    """Week 1: Thursday's session A logged, Sunday's B skipped, an extra session on the
    Wednesday; week 2: Thursday's A logged with a set missing; check-ins in weeks 1 and 5; a
    niggle, and the planner's warning naming it."""
    plan = plain_plan()
    done = {dt.date(2027, 1, 7): DONE_7_JAN, dt.date(2027, 1, 14): DONE_14_JAN}
    weeks = []
    for week in plan.weeks:
        days = []
        for day in week.days:
            if day.date in done and day.session:
                sets = done[day.date]
                session = replace(day.session, exercises=tuple(
                    replace(p, done=sets.get(p.id)) for p in day.session.exercises))
                day = replace(day, session=session, logged=True)
            elif day.date == dt.date(2027, 1, 10):
                day = replace(day, logged="skipped")
            elif day.date == dt.date(2027, 1, 6):
                day = replace(day, extra_done=EXTRA_6_JAN, logged=True)
            days.append(day)
        weeks.append(replace(week, days=tuple(days)))
    sessions = (
        LoggedSession(dt.date(2027, 1, 6), EXTRA_6_JAN),
        LoggedSession(dt.date(2027, 1, 7), tuple(DoneExercise(k, v) for k, v in DONE_7_JAN.items()),
                      note=NOTE),
        LoggedSession(dt.date(2027, 1, 10), skipped=True),
        LoggedSession(dt.date(2027, 1, 14),
                      tuple(DoneExercise(k, v) for k, v in DONE_14_JAN.items())))
    log = TrainingLog("lou", sessions, CHECK_INS, NIGGLES, ("logs/lou.yaml",))
    return replace(plan, weeks=tuple(weeks), log=log,
                   warnings=(*plan.warnings, Warning("niggle", NIGGLE_WARNING)))


ALL_PUBLIC = Privacy(log="public", pain="public", checkins="public", notes="public")


def page_of(plan: Plan, privacy: Privacy = ALL_PUBLIC) -> str:
    club = Club(name="Log Harriers", privacy=privacy)
    return athlete_page(environment([]), athlete_context(plan, club), ("html", "pdf"))


def pdf_html_of(plan: Plan, privacy: Privacy = ALL_PUBLIC) -> str:
    return pdf_source(environment([]), athlete_context(plan, Club(privacy=privacy)))


def pdf_text_of(plan: Plan, privacy: Privacy = ALL_PUBLIC) -> str:
    env = environment([])
    pdf = render_pdf(pdf_html_of(plan, privacy), stylesheet(env, PRINT_STYLESHEET), "a4")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def text(fragment: str) -> str:
    """What a reader sees of some HTML: scripts and tags gone (inline tags without a space), the
    spaces collapsed."""
    visible = re.sub(r"<script\b.*?</script>", " ", fragment, flags=re.DOTALL)
    inline = re.sub(r"</?(?:a|strong|em|abbr)\b[^>]*>", "", visible)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def section(page: str, element_id: str) -> str:
    """From the element with that id (a section's heading) to the end of its section."""
    start = page.index(">", page.index(f' id="{element_id}"')) + 1
    return page[start:page.index("</section>", start)]


def row(fragment: str, name: str) -> str:
    """The table row whose exercise is `name`, as text."""
    start = fragment.index(f">{name}</")
    return text(fragment[fragment.rindex("<tr", 0, start):fragment.index("</tr>", start)])


@pytest.fixture(scope="module")
def page() -> str:
    return page_of(logged_plan())


def test_a_logged_session_shows_each_set_done_beside_the_plan(page):
    thursday = section(page, "s-1-thu")
    assert text(thursday[:thursday.index("</h4>")]).endswith("done")
    # the plan's dose, effort and load, then the sets done, in the same row
    assert row(thursday, "Goblet squat").startswith(
        "Goblet squat Main lift · dumbbells 3 × 8–12 RIR 2–3 20 kg 20 × 12 @ 3 20 × 12 @ 2 "
        "20 × 10 @ 2 120 s")
    # RIR 1 and 0 are under the planned 2–3; 7 reps are under the planned 8–12: said in words
    assert "52.5 × 10 @ 2 52.5 × 9 @ 1 low RIR 52.5 × 7 @ 0 short, low RIR" in \
        row(thursday, "Romanian deadlift")
    assert "short" not in row(thursday, "Goblet squat") and "low RIR" not in row(
        thursday, "Goblet squat")
    assert "× 12 @ 3 × 12 @ 2" in row(thursday, "Single-leg calf raise")  # bodyweight
    assert "not logged" in row(thursday, "Bent-over row")
    assert f"Logged note: {NOTE}" in text(thursday)
    assert "Done kg × reps @ RIR" in text(thursday)  # the loads done are in the athlete's unit
    assert "1 planned set not logged" in row(section(page, "s-2-thu"), "Goblet squat")


def test_skipped_extra_and_unlogged_sessions_read_as_such(page):
    sunday = section(page, "s-1-sun")
    assert text(sunday[:sunday.index("</h4>")]).endswith("skipped")
    assert "the log says this session was not done" in text(sunday)
    assert ">Done" not in sunday  # nothing done to show beside the plan
    extra = text(section(page, "x-1-wed"))
    assert extra.startswith("Wednesday 6 Jan: extra session not in the plan")
    assert "Done kg × reps @ RIR" in extra
    assert "Goblet squat 16 × 10 @ 3 16 × 10 @ 3" in extra and "Side plank 40 s 35 s" in extra
    later = section(page, "s-3-thu")
    assert "done" not in text(later[:later.index("</h4>")]) and ">Done" not in later
    assert "logged: 2 done, 1 skipped, 1 extra" in text(section(page, "week-1-h"))


def test_the_log_section_lists_the_niggles_and_sums_up_the_log(page):
    log = text(section(page, "log"))
    assert "The log holds 2 sessions done, 1 skipped and 1 extra session." in log
    assert "Wed 13 Jan 2027: Achilles, left side, pain 5/10" in log
    assert '<a href="#log">Training log</a>' in page


def test_check_in_results_read_as_a_trend_in_a_table_and_a_chart(page):
    check_ins = section(page, "check-ins")
    table = check_ins[check_ins.index('class="trend-table"'):]
    assert "Test Side 7 Jan 4 Feb Change" in text(table)
    assert "Single-leg squat to a box reps Left 6 8 +2 Right 5 7 +2" in text(table)
    assert "Side-plank hold seconds Left 40 s 45 s +5 s Right 35 s 45 s +10 s" in text(table)
    charts = re.findall(r'<svg class="trend-chart".*?</svg>', check_ins)
    assert len(charts) == 3
    assert 'role="img"' in charts[0]
    assert "<title id=\"trend-single-leg-squat-title\">Single-leg squat to a box: check-in " \
        "results</title>" in charts[0]
    assert "left: 6 on 7 Jan 2027, 8 on 4 Feb 2027; right: 5 on 7 Jan 2027, 7 on 4 Feb " \
        "2027." in charts[0]


def test_a_plan_without_a_log_shows_nothing_of_one():
    page = page_of(plain_plan())
    for word in ('id="log"', "Training log", "Done", "logged-mark", "✓", "skipped", "trend",
                 "Niggles"):
        assert word not in page, word


def test_the_pdf_prints_each_set_done_in_its_box():
    logged, plain = pdf_html_of(logged_plan()), pdf_html_of(plain_plan())
    # every planned set keeps its box, logged or not: a cell of its own on a logged day; otherwise
    # one of the s<n> planned boxes drawn in the row's one cell, beside its effort and notes boxes
    def boxes(html: str) -> int:
        drawn = re.findall(r'<td class="box sets s(\d)" colspan="\d">', html)
        return html.count('class="box"') + sum(int(s) + 2 for s in drawn)
    assert boxes(logged) == boxes(plain) and 'class="box sets s' in plain
    assert '<td class="box">52.5 × 7 @ 0<span class="flag">short, low RIR</span></td>' in logged
    pdf = pdf_text_of(logged_plan())
    week_1 = pdf[pdf.index("Week 1 · Base"):pdf.index("Week 2 · Base")]
    for shown in ("logged: 2 done, 1 skipped, 1 extra", "Session A Posterior chain",
                  "52.5 × 9 @ 1", "low RIR", "skipped", "Extra session", "16 × 10 @ 3",
                  f"Logged note: {NOTE}"):
        assert shown in week_1, shown
    assert re.search(r"Session A Posterior chain.*done", week_1)
    # the check-in results in the week's boxes, and as a trend on the notes page
    assert re.search(r"control 1–5\.\n6 5\n", week_1) and "way. Record reps each leg.\n18 15\n" \
        in week_1 and "sag. Record seconds each side.\n40 s 35 s\n" in week_1
    notes = pdf[pdf.index("Notes for this block"):pdf.index("Week 1 · Base")]
    assert "Your check-in results" in notes and "Wed 13 Jan 2027: Achilles, left side, pain 5/10" \
        in notes and "+10 s" in notes


def test_runlift_plan_prints_done_beside_planned_and_the_log():
    printed = render_text(logged_plan())
    assert "done: 52.5 × 10 @ 2, 52.5 × 9 @ 1 (low RIR), 52.5 × 7 @ 0 (short, low RIR)" in printed
    assert "(done sets: kg × reps @ RIR;" in printed
    assert "(heavy, ~38 min, no run today): skipped" in printed
    assert "Wed 06 Jan  rest + extra session, not in the plan: done" in printed
    assert "Side-plank hold, right: 07 Jan 35 s, 04 Feb 45 s (+10 s)" in printed
    assert "13 Jan 2027: Achilles, left side, pain 5/10" in printed
    assert f"note: {NOTE}" in printed
    plain = render_text(plain_plan())
    assert plain[:plain.index("\nTerms:\n")].count("done") == 0


def test_runlift_plan_ends_with_the_terms_it_uses():
    printed = render_text(plain_plan())
    terms = printed[printed.index("\nTerms:\n"):]
    for term in ("RIR: Reps in reserve", "Double progression:", "Tempo 3-1-1:", "Working sets:"):
        assert f"\n  {term}" in terms


def test_a_set_done_reads_as_written_in_the_fewest_words():
    # the athlete's unit goes without saying (the boxes' heading names it); another one is named
    assert set_text(DoneSet(Load(52.5, KG), 8, None, 2), KG) == "52.5 × 8 @ 2"
    assert set_text(DoneSet(Load(40, "lb"), 8, None, None), KG) == "40 lb × 8"
    assert set_text(DoneSet(Load(10, KG, 2), 10, None, 1), KG) == "2×10 × 10 @ 1"  # each hand
    assert set_text(DoneSet(None, 12, None, 3), KG) == "× 12 @ 3"  # bodyweight
    assert set_text(DoneSet(None, None, 40, None), KG) == "40 s"
