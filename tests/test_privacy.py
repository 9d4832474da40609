"""Privacy by default (issue 10, item 6): health data stays off the published site unless the club
says so in club.yaml `privacy`; the athlete's PDF keeps what the athlete needs; `runlift plan`
shows everything; pages are noindex and the sitemap follows unless the club opts in.

Each test is a tiny club in tmp_path built through the CLI, read as a visitor would read it.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import LIBRARY, TODAY, athlete_from
from pypdf import PdfReader
from test_log_render import NIGGLE_WARNING, logged_plan, page_of, pdf_text_of
from test_log_render import text as text_of
from test_plan_json import PLAN

from generator.cli import main
from generator.model import Club, Privacy, Warning
from generator.plan.builder import build_plan
from generator.publish.calendar import plan_calendar
from generator.publish.privacy import published_json, published_plan, robots_meta
from generator.publish.text import render_text

WEEK = "{mon: easy, tue: intervals, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}"
# 64 kg: 102-141 g protein a day; a focus that a warning names; a note with an injury in it
ATHLETE = f"""\
    name: Ida Private
    id: ida
    weekly_mileage: 30
    week: {WEEK}
    phase: base
    start: 2027-01-04
    weeks: 2
    bodyweight: 64 kg
    lifts:
      romanian-deadlift: 60 kg
    focus: [low_back, shin]
    notes: |
      Back from a stress fracture in October.
    """
PROTEIN = "102–141 g"
NOTE = "stress fracture"
ROBOTS = '<meta name="robots" content="noindex">'
BASE = "base_url: https://club.example/plans/\n"


def _build(project, club: str) -> Path:
    project("club/club.yaml", "name: Private Harriers\n" + club)
    project("club/athletes/ida.yaml", ATHLETE)
    result = CliRunner().invoke(main, ["build", "club", "-o", "site", "--today", "2026-11-24",
                                       "-j", "1"])
    assert result.exit_code == 0, result.output
    return Path("site")


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def _published_text(site: Path) -> dict[str, str]:
    """Every published file but the PDF, as text; the log form's list of every focus area a
    niggle may name (the same on every page, the vocabulary, not the athlete's) left out."""
    return {p.relative_to(site).as_posix(): _FORM_AREAS.sub("", p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".pdf"
            and not p.name.startswith(".")}


_FORM_AREAS = re.compile(r'"focus": \[\[.*?\]\]')


@pytest.fixture
def default_site(project) -> Path:
    return _build(project, BASE)


def test_by_default_no_published_file_shows_health_data(default_site):
    files = _published_text(default_site)
    assert {"index.html", "ida/index.html", "ida/ida.json", "ida/ida.ics"} <= set(files)
    for name, text in files.items():
        for secret in ("64 kg", "64kg", PROTEIN, "protein_g", NOTE, "low_back", "Low back",
                       "shin focus", "bodyweight_kg"):
            assert secret not in text, f"{name} shows {secret!r}"
    plan = json.loads(files["ida/ida.json"])
    jsonschema.validate(plan, PLAN)  # still a runlift-plan/1 file, as plan-json.md allows
    assert plan["athlete"]["bodyweight"] is None and plan["athlete"]["focus"] == []
    assert plan["nutrition"] is None and plan["notes_html"] == ""
    assert plan["athlete"]["lifts"] and plan["weeks"]  # the plan itself is all there
    # the warning that named the focus says the same without naming it
    messages = [w["message"] for w in plan["warnings"] if w["code"] == "lift-not-used"]
    assert messages and "the profile keeps heavy hinges out" in messages[0]


def test_by_default_the_page_says_the_pdf_holds_the_rest(default_site):
    page = (default_site / "ida/index.html").read_text(encoding="utf-8")
    assert "Your PDF also holds your protein a day (from your bodyweight) and the coach&#39;s " \
        "notes, when there are any" in page
    assert 'id="nutrition"' not in page and 'id="notes"' not in page


def test_by_default_the_pdf_keeps_protein_grams_and_notes(default_site):
    text = _pdf_text(default_site / "ida/ida.pdf")
    assert PROTEIN in text and NOTE in text


def test_by_default_pages_are_noindex_and_the_sitemap_lists_none(default_site):
    for page in ("index.html", "ida/index.html", "exercises/index.html",
                 "exercises/goblet-squat.html"):
        html = (default_site / page).read_text(encoding="utf-8")
        assert html.count(ROBOTS) == 1, page
    sitemap = default_site / "sitemap.xml"
    # the build engine writes no sitemap of a noindex site; until then it lists no page
    assert not sitemap.exists() or "<url>" not in sitemap.read_text(encoding="utf-8")


def test_public_shows_everything_and_index_opts_in(project):
    site = _build(project, BASE + "privacy: {bodyweight: public, focus: public, notes: public, "
                  "index: true}\n")
    page = (site / "ida/index.html").read_text(encoding="utf-8")
    assert PROTEIN in page and NOTE in page and "Your PDF also holds" not in page
    plan = json.loads((site / "ida/ida.json").read_text(encoding="utf-8"))
    assert plan["athlete"]["bodyweight"] == {"value": 64, "unit": "kg"}
    assert plan["athlete"]["focus"] == ["low_back", "shin"]
    assert plan["nutrition"]["protein_g_per_day"] == {"min": 102, "max": 141}
    assert NOTE in plan["notes_html"]
    assert any("low_back focus" in w["message"] for w in plan["warnings"])
    for name, text in _published_text(site).items():
        assert 'name="robots"' not in text, name
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://club.example/plans/ida/</loc>" in sitemap
    assert "<loc>https://club.example/plans/</loc>" in sitemap


def test_each_kind_is_set_on_its_own(project):
    site = _build(project, "privacy:\n  bodyweight: public\n")
    page = (site / "ida/index.html").read_text(encoding="utf-8")
    assert PROTEIN in page and NOTE not in page
    assert "Your PDF also holds the coach&#39;s notes" in page
    assert json.loads((site / "ida/ida.json").read_text())["athlete"]["focus"] == []


def test_private_keeps_it_out_of_the_pdf_too(project):
    site = _build(project, "privacy: {bodyweight: private, notes: private}\n")
    text = _pdf_text(site / "ida/ida.pdf")
    assert PROTEIN not in text and NOTE not in text
    assert "Your PDF also holds" not in (site / "ida/index.html").read_text(encoding="utf-8")


def test_a_clubs_own_layout_still_gets_noindex(project):
    project("club/templates/_layout.html", """\
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ club.name }}</title>
        </head><body>{% block content %}{% endblock %}</body></html>
        """)
    site = _build(project, "")
    for page in ("index.html", "ida/index.html", "exercises/index.html"):
        assert (site / page).read_text(encoding="utf-8").count(ROBOTS) == 1, page


def test_runlift_plan_shows_everything(project):
    project("club/club.yaml", "name: Private Harriers\n")
    project("club/athletes/ida.yaml", ATHLETE)
    result = CliRunner().invoke(main, ["plan", "club/athletes/ida.yaml", "--json",
                                       "--today", "2026-11-24"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["athlete"]["bodyweight"] == {"value": 64, "unit": "kg"}
    assert plan["athlete"]["focus"] == ["low_back", "shin"]
    assert plan["nutrition"]["protein_g_per_day"] == {"min": 102, "max": 141}
    assert NOTE in plan["notes_html"]
    text = CliRunner().invoke(main, ["plan", "club/athletes/ida.yaml", "--today", "2026-11-24"])
    assert text.exit_code == 0 and "102" in text.output


@pytest.mark.parametrize(("privacy", "line", "expected"), [
    ("privacy:\n  bodywieght: public\n", 3,
     "privacy.bodywieght: unknown field; did you mean 'bodyweight'?"),
    ("privacy:\n  notes: publc\n", 3,
     "privacy.notes: got 'publc'; allowed public, pdf_only, private; did you mean 'public'?"),
    ("privacy:\n  focus: pdf-only\n", 3,
     "privacy.focus: got 'pdf-only'; allowed public, pdf_only, private; did you mean "
     "'pdf_only'?"),
    ("privacy:\n  index: maybe\n", 3, "privacy.index: got 'maybe'; allowed true or false"),
    ("privacy: public\n", 2,
     "privacy: got 'public'; allowed a mapping of kinds of data (bodyweight, focus, notes, log, "
     "pain, checkins) to public, pdf_only, private, and index: true or false, e.g. privacy: "
     "{bodyweight: public}"),
    ("privacy:\n  injuries: public\n", 3,
     "privacy.injuries: unknown field; allowed bodyweight, focus, notes, log, pain, checkins, "
     "index"),
])
def test_bad_privacy_is_a_located_mistake(project, privacy, line, expected):
    project("club/club.yaml", "name: Private Harriers\n" + privacy)
    project("club/athletes/ida.yaml", ATHLETE)
    result = CliRunner().invoke(main, ["validate", "club"])
    assert result.exit_code == 1
    assert f"club/club.yaml:{line}: {expected}" in result.output


def test_an_empty_privacy_keeps_the_defaults(project):
    project("club/club.yaml", "name: Private Harriers\nprivacy:\n")
    project("club/athletes/ida.yaml", ATHLETE)
    assert CliRunner().invoke(main, ["validate", "club"]).exit_code == 0


def _plan():
    return build_plan(athlete_from({
        "name": "Ida Private", "weekly_mileage": 30, "phase": "base", "weeks": 2,
        "start": "2027-01-04", "bodyweight": "64 kg", "focus": ["low_back"],
        "lifts": {"romanian-deadlift": "60 kg"}, "notes": "Back from a stress fracture.",
        "week": dict(zip(["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                         ["easy", "intervals", "rest", "easy", "rest", "long", "rest"],
                         strict=True))}), LIBRARY, TODAY)


def test_published_plan_twice_is_published_plan_once():
    plan, privacy = _plan(), Privacy()
    once = published_plan(plan, privacy)
    assert published_plan(once, privacy) == once
    assert published_json(plan, Club()) == once.to_json()
    assert published_plan(plan, Privacy(bodyweight="public", focus="public",
                                        notes="public")) == plan


def test_warnings_that_name_focus_areas_name_none_when_focus_is_not_public():
    plan = replace(_plan(), warnings=(Warning("no-plyometrics", "the main lifts and the focus "
                                              "work (achilles, hip) fill the sessions"),))
    shown = published_plan(plan, Privacy()).warnings[0].message
    assert shown == "the main lifts and the focus work fill the sessions"
    assert published_plan(plan, Privacy(), in_pdf=True) == plan


def test_the_calendar_shows_no_health_data_whatever_plan_it_gets():
    plan = _plan()
    feed = plan_calendar(plan).decode("utf-8")
    assert NOTE not in feed and "low_back" not in feed and "64" not in re.sub(r"\d{8}", "", feed)
    assert plan_calendar(plan, privacy=Privacy()) == plan_calendar(plan)


def test_robots_meta_is_added_once_and_only_when_noindex():
    html = "<html><head><title>x</title></head></html>"
    assert robots_meta(html, Privacy()).count(ROBOTS) == 1
    assert robots_meta(robots_meta(html, Privacy()), Privacy()).count(ROBOTS) == 1
    assert robots_meta(html, Privacy(index=True)) == html


# ---------------------------------------------------------------- the training log (issue 11)

SETS_DONE = "52.5 × 9 @ 1"  # a set the log holds, as the page and PDF print it
NIGGLE = "Achilles, left side, pain 5/10"
TREND = "Single-leg squat to a box reps Left 6 8 +2"
LOG_KINDS = ("log", "pain", "checkins")


def _logged_files(privacy: Privacy) -> tuple[str, dict, str]:
    """The logged plan's page (as text), JSON and calendar feed, as the club publishes them."""
    plan = logged_plan()
    club = Club(privacy=privacy)
    return (text_of(page_of(plan, privacy)), json.loads(published_json(plan, club)),
            plan_calendar(plan, privacy=privacy).decode("utf-8"))


def _done_anywhere(plan_json: dict) -> bool:
    days = [d for w in plan_json["weeks"] for d in w["days"]]
    return any("logged" in d or "extra_done" in d or any(
        "done" in p for p in (d["session"] or {}).get("exercises", [])) for d in days)


def test_by_default_the_log_is_in_the_pdf_only():
    page, plan, feed = _logged_files(Privacy())
    for secret in (SETS_DONE, "Training log", "Logged note", "chilles", "pain 5", "5/10", TREND,
                   "skipped", "extra session"):
        assert secret not in page and secret not in feed, secret
    assert "Your PDF also holds your protein a day (from your bodyweight), the coach's notes, " \
        "the sets you logged, the niggles you logged and your check-in results" in page
    jsonschema.validate(plan, PLAN)
    assert "log" not in plan and not _done_anywhere(plan)
    niggle = [w["message"] for w in plan["warnings"] if w["code"] == "niggle"]
    assert niggle == ["Weeks 2–3: a niggle in the training log lightens the exercises that load "
                      "it (half the sets, no load rise, no plyometrics) until a later entry says "
                      "otherwise."]
    pdf = pdf_text_of(logged_plan(), Privacy())
    for shown in (SETS_DONE, NIGGLE, "Your check-in results", "Logged note", NIGGLE_WARNING[:40]):
        assert shown in pdf, shown


@pytest.mark.parametrize("kind", LOG_KINDS)
def test_each_log_kind_is_public_on_its_own(kind):
    page, plan, _ = _logged_files(Privacy(**{kind: "public"}))
    jsonschema.validate(plan, PLAN)
    assert (SETS_DONE in page) == (kind == "log") == _done_anywhere(plan)
    assert (NIGGLE in page) == (kind == "pain") == bool(plan["log"]["niggles"])
    assert ("Achilles" in json.dumps(plan["warnings"])) == (kind == "pain")
    assert (TREND in page) == (kind == "checkins") == bool(plan["log"]["check_ins"])
    # how many sessions the log holds is the log's: no count at all unless it is public
    assert ("sessions_logged" in plan["log"]) == (kind == "log")
    if kind == "log":
        assert plan["log"]["sessions_logged"] == 3 and plan["log"]["sessions_skipped"] == 1
        thursday = plan["weeks"][0]["days"][3]
        assert thursday["logged"] is True and thursday["session"]["exercises"][3]["done"][2] == \
            {"load": {"value": 52.5, "unit": "kg", "implements": 1, "total": 52.5}, "reps": 7,
             "seconds": None, "rir": 0}
        assert plan["weeks"][0]["days"][6]["logged"] == "skipped"
        assert [e["id"] for e in plan["weeks"][0]["days"][2]["extra_done"]] == [
            "goblet-squat", "side-plank"]


def test_a_private_log_is_in_no_file_but_runlift_plan():
    private = Privacy(log="private", pain="private", checkins="private")
    pdf = pdf_text_of(logged_plan(), private)
    for secret in (SETS_DONE, NIGGLE, "Your check-in results", "Logged note", "chilles", "5/10"):
        assert secret not in pdf, secret
    assert "Your PDF also holds" in text_of(page_of(logged_plan(), private))
    assert "the sets you logged" not in text_of(page_of(logged_plan(), private))
    printed = render_text(logged_plan())
    assert SETS_DONE in printed and NIGGLE in printed and "(+2)" in printed


def test_published_plan_with_a_log_twice_is_published_plan_once():
    plan = logged_plan()
    for privacy in (Privacy(), Privacy(log="public"), Privacy(pain="private", checkins="public")):
        once = published_plan(plan, privacy)
        assert published_plan(once, privacy) == once
    assert published_plan(plan, Privacy(**dict.fromkeys((*LOG_KINDS, "notes"), "public"))) == plan
    assert published_plan(plan, Privacy(), in_pdf=True) == plan  # pdf_only: the PDF has it all


def test_the_logs_notes_are_free_text_shown_only_where_notes_are():
    log_public = Privacy(log="public")
    page = text_of(page_of(logged_plan(), log_public))
    assert SETS_DONE in page and "Logged note" not in page and "calf tight" not in page
    assert "Left calf tight" in pdf_text_of(logged_plan(), log_public)
    both = text_of(page_of(logged_plan(), Privacy(log="public", notes="public")))
    assert "Logged note: Left calf tight on the last set." in both
