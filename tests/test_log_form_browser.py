"""The log form of the athlete page in a real browser (Debian's chromium driven by Playwright).

A copy of the demo club is built once; the athlete page is opened from file://, as a runner opens
a folder, and the sessions to fill are chosen from the plan's JSON (a load on one implement, a
load in each hand, bodyweight work, timed work), so the tests follow the planner. What is typed
must come back after a reload, and "Download my log" must give the training log file of
log.md, byte for byte; nothing may leave the page, and without JavaScript the page must be the
page a club without the form gets.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.model.exercise import LOAD_STEPS
from generator.pipeline import BuildOptions, build_club

sync_api = pytest.importorskip("playwright.sync_api")
import test_site_browser  # noqa: E402

chromium = test_site_browser.chromium  # the fixture: Debian's chromium, once for the module

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 24)
ATHLETE = "maya-lopez"  # loads on one implement and in each hand, bodyweight and timed work
DOWNLOADED = dt.datetime(2027, 2, 19, 12, 0)  # the day the athlete downloads the log
FILE_NAME = f"{ATHLETE}.{DOWNLOADED:%Y-%m-%d}.yaml"
NOTE = 'Left calf: tight # after set 2, "slow" \\ next time\nsecond line'

expect = sync_api.expect
pytestmark = pytest.mark.browser


# ---------------------------------------------------------------- the club, its plan, the browser


def _build(club: Path, out: Path, today: dt.date = TODAY) -> Path:
    report = build_club(club, out, BuildOptions(formats=("html", "json"), today=today))
    assert not report.problems and not report.failures, (report.problems, report.failures)
    return out


@pytest.fixture(scope="module")
def club(tmp_path_factory) -> Path:
    """A copy of the demo club, so that logs can be dropped into it."""
    folder = tmp_path_factory.mktemp("log-form") / "club"
    shutil.copytree(ROOT / "programs", folder, ignore=shutil.ignore_patterns("site", "logs"))
    return folder


@pytest.fixture(scope="module")
def site(club) -> Path:
    return _build(club, club.parent / "site")


@pytest.fixture(scope="module")
def plan(site) -> dict:
    import json

    return json.loads((site / ATHLETE / f"{ATHLETE}.json").read_text(encoding="utf-8"))


@pytest.fixture
def browser_context(chromium):
    """A fresh browser profile (empty localStorage) whose clock says DOWNLOADED."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.clock.set_fixed_time(DOWNLOADED)
    yield context
    context.close()


# ---------------------------------------------------------------- what to fill, from the plan


@dataclass
class Pick:
    """One working exercise of one planned session."""

    week: int
    weekday: str
    date: str
    exercise: dict
    order: list[str]  # the session's working exercises, in order

    @property
    def heading(self) -> str:
        return f"s-{self.week}-{self.weekday}"

    @property
    def day(self) -> str:
        d = dt.date.fromisoformat(self.date)
        return f"{d:%A} {d.day} {d:%b}"


def _working(session: dict) -> list[dict]:
    return [e for e in session["exercises"] if e["role"] not in ("warmup", "cooldown")]


def _picks(plan: dict, test) -> list[Pick]:
    found = []
    for week in plan["weeks"]:
        for day in week["days"]:
            if day["session"]:
                working = _working(day["session"])
                found += [Pick(week["number"], day["weekday"], day["date"], e,
                               [w["id"] for w in working]) for e in working if test(e)]
    return found


def _one(e: dict) -> bool:
    return bool(e["load"]) and e["load"]["implements"] == 1 and e["reps"] and e["sets"] >= 2


def _each(e: dict) -> bool:
    return bool(e["load"]) and e["load"]["implements"] == 2 and e["reps"]


def _bodyweight(e: dict) -> bool:
    return not e["equipment"] and e["reps"] is not None


def _timed(e: dict) -> bool:
    return e["seconds"] is not None and not set(e["equipment"]) & set(LOAD_STEPS)


def _open(page, pick: Pick):
    """The log form of a session, opened."""
    entry = page.locator(f"section.session:has(#{pick.heading}) details.log-entry")
    if entry.get_attribute("open") is None:
        entry.locator("summary").click()
    return entry


def _group(entry, pick: Pick):
    return entry.get_by_role("group", name=re.compile("^" + re.escape(pick.exercise["name"]) + " "))


def _fill_set(entry, pick: Pick, n: int, load: str | None, amount: str, rir: str | None) -> None:
    group = _group(entry, pick)
    if load is not None:
        each = " each" if pick.exercise["load"]["implements"] == 2 else ""
        group.get_by_label(f"Set {n} load, lb{each}", exact=True).fill(load)
    what = "seconds" if pick.exercise["seconds"] else "reps"
    group.get_by_label(f"Set {n} {what}", exact=True).fill(amount)
    if rir is not None:
        group.get_by_label(f"Set {n} reps in reserve (RIR)", exact=True).fill(rir)


def _save(entry, pick: Pick) -> None:
    entry.get_by_role("button", name="Save").click()
    expect(entry.get_by_role("status")).to_have_text(f"Saved in this browser: {pick.day}.")


def _download(page) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my log").click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


@dataclass
class Filled:
    """What test_a_logged_session_is_kept_and_downloaded typed, and the file it expects."""

    picks: dict[str, Pick]
    expected: str


def _fill_four_sessions(page, plan: dict) -> Filled:
    """A load on one implement and bodyweight work with a note, a niggle and check-ins; a load
    in each hand; timed work; and a session skipped."""
    one = _picks(plan, _one)[0]
    bodyweight = next(p for p in _picks(plan, _bodyweight) if p.date == one.date)
    each = next(p for p in _picks(plan, _each) if p.date != one.date)
    timed = next(p for p in _picks(plan, _timed) if p.date not in (one.date, each.date))
    skipped = next(p for p in _picks(plan, lambda e: True)
                   if p.date not in (one.date, each.date, timed.date))
    checked = one.week == 1 and plan["weeks"][0]["check_in"]

    entry = _open(page, one)
    _fill_set(entry, one, 1, "90", "10", "2")
    _fill_set(entry, one, 2, "92.50", "9", "1")
    _fill_set(entry, bodyweight, 1, None, "12", None)
    entry.get_by_label("Where", exact=True).select_option(label="Achilles")
    entry.get_by_label("Side", exact=True).select_option(label="Left")
    entry.get_by_label("Pain, 0 to 10", exact=True).fill("4")
    entry.get_by_label("Note", exact=True).fill(NOTE)
    if checked:
        entry.get_by_label("Single-leg squat to a box, Left, reps").fill("8")
        entry.get_by_label("Single-leg squat to a box, Right, reps").fill("6")
        entry.get_by_label("Side-plank hold, Left, seconds").fill("45")
    _save(entry, one)
    entry = _open(page, each)
    _fill_set(entry, each, 1, "25", "10", "2")
    _save(entry, each)
    entry = _open(page, timed)
    _fill_set(entry, timed, 1, None, "40", "2")
    _save(entry, timed)
    entry = _open(page, skipped)
    entry.get_by_label("I skipped this session").check()
    _save(entry, skipped)

    first = sorted([(one.order.index(one.exercise["id"]),
                     f"    {one.exercise['id']}: [90 lb x 10 @ 2, 92.5 lb x 9 @ 1]"),
                    (one.order.index(bodyweight.exercise["id"]),
                     f"    {bodyweight.exercise['id']}: [x 12]")])
    sessions = {
        one.date: [line for _, line in first]
        + ['    note: "Left calf: tight # after set 2, \\"slow\\" \\\\ next time\\nsecond line"'],
        each.date: [f"    {each.exercise['id']}: [25 lb each x 10 @ 2]"],
        timed.date: [f"    {timed.exercise['id']}: [x 40 s @ 2]"],
        skipped.date: ["    skipped: true"],
    }
    lines = [f"# {ATHLETE}'s training log, typed on the athlete page and downloaded on "
             f"{DOWNLOADED:%Y-%m-%d}.", "# For the coach: put this file in the club's logs/ folder "
             "as it is.", f"athlete: {ATHLETE}", "sessions:"]
    for date in sorted(sessions):
        lines += [f"  {date}:", *sessions[date]]
    if checked:
        lines += ["checkins:", f"  {one.date}:", "    single-leg-squat: {left: 8, right: 6}",
                  "    side-plank: {left: 45 s}"]
    lines += ["niggles:", f"  {one.date}: {{where: achilles, side: left, pain: 4}}"]
    picks = {"one": one, "bodyweight": bodyweight, "each": each, "timed": timed,
             "skipped": skipped}
    return Filled(picks, "\n".join(lines) + "\n")


def _read_with_runlift(text: str, folder: Path):
    """The downloaded file as runlift reads a club's logs/ (mistakes raise ProfileError)."""
    from generator.inputs.library import load_library
    from generator.inputs.log import load_log

    path = folder / FILE_NAME
    path.write_text(text, encoding="utf-8")
    return load_log([path], ATHLETE, load_library())


def _page_url(site: Path) -> str:
    return (site / ATHLETE / "index.html").as_uri()


# ---------------------------------------------------------------- the tests


def test_a_logged_session_is_kept_and_downloaded_in_the_log_format(browser_context, site, plan,
                                                                   tmp_path):
    page = browser_context.new_page()
    page.goto(_page_url(site))
    filled = _fill_four_sessions(page, plan)
    expect(page.locator(".log-count")).to_have_text("4 days logged in this browser.")

    page.reload()
    one, each = filled.picks["one"], filled.picks["each"]
    entry = _open(page, one)
    group = _group(entry, one)
    assert group.get_by_label("Set 2 load, lb", exact=True).input_value() == "92.50"
    assert group.get_by_label("Set 2 reps", exact=True).input_value() == "9"
    assert entry.get_by_label("Note", exact=True).input_value() == NOTE
    assert entry.get_by_label("Where", exact=True).input_value() == "achilles"
    label = "Set 1 load, lb each"
    assert _group(_open(page, each), each).get_by_label(label).input_value() == "25"
    skipped = page.locator(f"section.session:has(#{filled.picks['skipped'].heading}) summary")
    assert skipped.locator(".log-badge").inner_text() == "skipped"
    assert page.locator(".log-badge:visible").count() == 4

    name, text = _download(page)
    assert name == FILE_NAME
    assert text == filled.expected
    log = yaml.safe_load(text)
    assert log["sessions"][dt.date.fromisoformat(one.date)]["note"] == NOTE
    read = _read_with_runlift(text, tmp_path)
    assert [s.date.isoformat() for s in read.sessions] == sorted(filled.picks[k].date for k in
                                                                  ("one", "each", "timed", "skipped"))
    assert read.on(dt.date.fromisoformat(filled.picks["skipped"].date)).skipped
    done = read.on(dt.date.fromisoformat(each.date)).sets_of(each.exercise["id"])
    assert [(s.load.value, s.load.implements, s.reps, s.rir) for s in done] == [(25, 2, 10, 2)]
    expect(page.get_by_role("status").filter(has_text="Downloaded")).to_have_text(
        f"Downloaded {FILE_NAME} (4 sessions). Send it to your coach.")


def test_nothing_leaves_the_page(browser_context, site, plan):
    requested: list[str] = []
    browser_context.on("request", lambda r: requested.append(r.url))
    page = browser_context.new_page()
    page.goto(_page_url(site))
    one = _picks(plan, _one)[0]
    _fill_set(_open(page, one), one, 1, "90", "10", "2")
    _download(page)
    inside = site.as_uri() + "/"
    outside = [url for url in requested if not url.startswith((inside, "blob:", "data:"))]
    assert not outside, f"requests outside the site: {outside}"
    assert {inside + f"assets/{name}" for name in ("log.js", "log.css")} <= set(requested)


def test_the_form_works_with_the_keyboard_alone(browser_context, site, plan):
    page = browser_context.new_page()
    page.goto(_page_url(site))
    one = _picks(plan, _one)[0]
    summary = page.locator(f"section.session:has(#{one.heading}) summary")

    def tab_to(locator, limit: int = 600) -> None:
        for _ in range(limit):
            if locator.evaluate("e => e === document.activeElement"):
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {locator}")

    tab_to(summary)
    page.keyboard.press("Enter")  # opens the form
    first = page.locator(f"#log-{one.date}-{one.exercise['id']}-1-load")
    tab_to(first)
    for value in ("95", "Tab", "8", "Tab", "2", "Enter"):  # Enter in a box saves the form
        page.keyboard.press(value) if value in ("Tab", "Enter") else page.keyboard.type(value)
    entry = page.locator(f"section.session:has(#{one.heading}) details.log-entry")
    expect(entry.get_by_role("status")).to_have_text(f"Saved in this browser: {one.day}.")
    tab_to(page.get_by_role("button", name="Download my log"))
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"  {one.date}:\n    {one.exercise['id']}: [95 lb x 8 @ 2]\n" in text


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_the_open_forms_pass_axe_and_fit_the_screen(chromium, site, plan, viewport):
    page = chromium.new_page(viewport=viewport)
    try:
        page.goto(_page_url(site))
        for summary in page.locator("details.log-entry > summary").all()[:3]:
            summary.click()
        assert page.locator("details.log-entry[open] fieldset.log-checkins").count()
        problems = test_site_browser._axe_problems(page, f"{ATHLETE} with the forms open")
        assert not problems, "\n".join(problems)
        width, inner = page.evaluate(test_site_browser.OVERFLOW_JS)
        assert width <= inner + 1, f"{width}px wide in a {inner}px window"
        rows = page.locator("details.log-entry[open] .log-set").all()
        tops = [row.evaluate("r => [...r.children].map(c => c.getBoundingClientRect())"
                             ".filter(b => b.height).map(b => b.top)") for row in rows[:12]]
        assert all(max(t) - min(t) < 20 for t in tops), "a set's boxes wrap onto two lines"
        name = "desktop" if viewport["width"] > 600 else "phone"
        test_site_browser.ARTIFACTS.mkdir(exist_ok=True)
        page.locator("details.log-entry[open]").first.screenshot(
            path=test_site_browser.ARTIFACTS / f"log-form-{name}.png")
        page.emulate_media(media="print")
        assert not page.locator(".log-panel, details.log-entry").first.is_visible()
        assert page.locator("details.log-entry:visible, .log-panel:visible").count() == 0
    finally:
        page.close()


def test_two_tabs_keep_each_others_entries(browser_context, site, plan):
    one = _picks(plan, _one)[0]
    each = next(p for p in _picks(plan, _each) if p.date != one.date)
    first, second = browser_context.new_page(), browser_context.new_page()
    for page in (first, second):
        page.goto(_page_url(site))
    _fill_set(_open(first, one), one, 1, "90", "10", "2")
    _fill_set(_open(second, each), each, 1, "25", "8", None)
    expect(_group(_open(second, one), one).get_by_label("Set 1 reps", exact=True)).to_have_value("10")
    _, text = _download(second)
    assert f"    {one.exercise['id']}: [90 lb x 10 @ 2]\n" in text
    assert f"    {each.exercise['id']}: [25 lb each x 8]\n" in text


def test_a_mistake_stops_the_download_and_points_at_the_box(browser_context, site, plan):
    page = browser_context.new_page()
    page.goto(_page_url(site))
    one = _picks(plan, _one)[0]
    entry = _open(page, one)
    _fill_set(entry, one, 1, "90", "10", "7")
    entry.locator("summary").click()  # closed again: the download opens it
    downloads: list = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Download my log").click()
    expect(page.locator(".log-panel [role=status]")).to_have_text(
        f"Not downloaded: {one.day}, {one.exercise['name']}, set 1: reps in reserve are a "
        "whole number from 0 to 5 (got 7).")
    rir = _group(entry, one).get_by_label("Set 1 reps in reserve (RIR)", exact=True)
    expect(rir).to_be_focused()
    assert not downloads


def test_a_note_reads_back_exactly_whatever_it_holds(browser_context, site, plan):
    note = "ü 😀 key: value #tag 'single' \"double\" \\ tab\there\u0085next\u2028line\x7f- [a, b] {c}"
    page = browser_context.new_page()
    page.goto(_page_url(site))
    one = _picks(plan, _one)[0]
    entry = _open(page, one)
    entry.get_by_label("Note", exact=True).fill(note)
    _save(entry, one)
    _, text = _download(page)
    log = yaml.safe_load(text)
    assert log == {"athlete": ATHLETE,
                   "sessions": {dt.date.fromisoformat(one.date): {"note": note.strip()}}}


def test_without_javascript_the_page_is_the_page_without_the_form(chromium, club, site):
    """A club whose _log_form.html is empty gets today's page; without JavaScript the page with
    the form reads the same, and only the form's two script elements differ in the file."""
    bare = club.parent / "bare"
    shutil.copytree(club, bare)
    (bare / "templates").mkdir(exist_ok=True)
    (bare / "templates" / "_log_form.html").write_text("", encoding="utf-8")
    bare_site = _build(bare, club.parent / "bare-site")
    with_form = (site / ATHLETE / "index.html").read_text(encoding="utf-8")
    without = (bare_site / ATHLETE / "index.html").read_text(encoding="utf-8")
    island = re.compile(r'<script type="application/json" id="log-form-data">[^<]*</script>\n'
                        r'<script src="\.\./assets/log\.js" defer></script>\n')
    assert len(island.findall(with_form)) == 1
    assert island.sub("", with_form) == without

    context = chromium.new_context(java_script_enabled=False)
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    try:
        page = context.new_page()
        texts = []
        for folder in (site, bare_site):
            page.goto(_page_url(folder))
            texts.append(page.locator("body").inner_text())
            assert page.locator("form, input, textarea, select, details, button").count() == 0
        assert texts[0] == texts[1]
        assert not [url for url in requested if url.endswith("log.css")]
    finally:
        context.close()


def test_a_downloaded_log_dropped_into_the_club_drives_the_next_weeks(browser_context, club,
                                                                       site, plan, tmp_path):
    """Two sessions of a loaded lift done at the top of the range with the lower target RIR
    still in reserve: the rebuilt page shows them done and the next session one step up from
    the load done (coaching.md §6)."""
    lift = _picks(plan, _one)[0].exercise["id"]
    sessions = [p for p in _picks(plan, _one) if p.exercise["id"] == lift]
    # three sessions running with one rep range, the plan's load the same in the last two: any
    # rise in the third is the log's
    first, second, after = next(
        (a, b, c) for a, b, c in zip(sessions, sessions[1:], sessions[2:], strict=False)
        if a.exercise["reps"] == b.exercise["reps"] == c.exercise["reps"]
        and b.exercise["load"] == c.exercise["load"])
    step = LOAD_STEPS[next(e for e in first.exercise["equipment"] if e in LOAD_STEPS)]["lb"]
    done = second.exercise["load"]["value"] + 2 * step  # not the planned load: the log's
    top, rir = first.exercise["reps"]["max"], first.exercise["rir"]["min"]
    page = browser_context.new_page()
    page.goto(_page_url(site))
    for pick in (first, second):
        entry = _open(page, pick)
        for n in range(1, pick.exercise["sets"] + 1):
            _fill_set(entry, pick, n, f"{done:g}", str(top), str(rir))
        _save(entry, pick)
    page.reload()
    assert _group(_open(page, first), first).get_by_label("Set 1 reps", exact=True).input_value()
    name, text = _download(page)

    logs = club / "logs"
    logs.mkdir(exist_ok=True)
    (logs / name).write_text(text, encoding="utf-8")
    try:
        rebuilt = _build(club, tmp_path / "site",
                         today=dt.date.fromisoformat(second.date) + dt.timedelta(days=1))
    finally:
        shutil.rmtree(logs)
    page.goto(_page_url(rebuilt))
    logged = page.locator(f"section.session:has(#{first.heading})")
    assert re.search(r"\bdone\b", logged.locator("h4").inner_text(), re.IGNORECASE)

    def row(pick: Pick):
        return page.locator(f"section.session:has(#{pick.heading}) tbody tr").filter(
            has=page.locator(f"a[href$='/{lift}.html']")).first

    for pick in (first, second):
        assert row(pick).inner_text().count(f"{done:g} × {top} @ {rir}") == pick.exercise["sets"]
    assert row(after).locator("td.load").inner_text().strip() == f"{done + step:g} lb"
