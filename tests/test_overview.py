"""The club overview (overview.html): every athlete against every calendar week of the season,
made from the rows and the failed profiles kept in the manifest, never by planning again; and
--strict, which fails a build whose plans have warnings."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"
FAST = ("--format", "html,json", "--today", "2026-11-24")


def profile(name: str, start: str = "2027-01-04", weeks: int = 3, extra: str = "") -> str:
    return (f"name: {name}\nweekly_mileage: 30\nphase: base\nweeks: {weeks}\n"
            f"start: {start}\nexperience: intermediate\nweek: {WEEK}\n{extra}")


@pytest.fixture
def club(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "club"
    folder.mkdir()
    (folder / "club.yaml").write_text("name: Overview Club\n", encoding="utf-8")
    (folder / "ann.yaml").write_text(profile("Ann"), encoding="utf-8")
    (folder / "bob.yaml").write_text(profile("Bob", "2027-01-18", 2), encoding="utf-8")
    return folder


def build(*extra: str):
    result = CliRunner().invoke(main, ["build", "club", "-o", "site", *FAST, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


class Table(HTMLParser):
    """The season table as text: the header row and each body row, cell by cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td") and self.rows:
            self.cell = []
        elif tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data + " ")


def table(html: str) -> Table:
    parsed = Table()
    parsed.feed(html)
    return parsed


def test_every_athlete_against_every_monday_of_the_season(club):
    assert build().exit_code == 0
    html = Path("site/overview.html").read_text(encoding="utf-8")
    parsed = table(html)
    header, *rows = parsed.rows
    # Ann: 4 Jan to 24 Jan; Bob: 18 Jan to 31 Jan: the season is 4 weeks long
    assert header == ["Athlete", "Warnings", "Week of 4 Jan", "Week of 11 Jan", "Week of 18 Jan",
                      "Week of 25 Jan"]
    assert [r[0] for r in rows] == ["Ann", "Bob"]
    ann, bob = rows
    assert all(c.startswith("Base") for c in ann[2:5]) and ann[5] == ""
    assert bob[2:4] == ["", ""] and all(c.startswith("Base") for c in bob[4:6])
    for cell in ann[2:5]:  # the strength days of each week are named
        assert re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)", cell), cell
    assert 'href="overview.html"' in Path("site/index.html").read_text(encoding="utf-8")


def test_deloads_race_week_and_warning_links(club):
    race = "race: {date: 2027-03-14, distance: half}\n"
    (club / "ann.yaml").write_text(profile("Ann", weeks=10).replace("phase: base\n", "")
                                   + race, encoding="utf-8")
    assert build().exit_code == 0
    html = Path("site/overview.html").read_text(encoding="utf-8")
    rows = {r[0]: r for r in table(html).rows[1:]}
    ann = rows["Ann"]
    assert any("Deload" in c for c in ann), ann
    race_cells = [c for c in ann if c.endswith("Race")]
    assert len(race_cells) == 1 and "Race week" in race_cells[0]
    header = table(html).rows[0]
    assert header[ann.index(race_cells[0])] == "Week of 8 Mar"  # 14 March's Monday
    manifest = Path("site/.runlift-manifest.json").read_text(encoding="utf-8")
    warnings = int(re.search(r'"warnings": (\d+)', manifest).group(1))  # Ann's row comes first
    if warnings:
        assert 'href="ann/index.html#warnings"' in html


def test_a_failed_profile_is_listed_with_its_message_and_its_last_good_plan(club):
    assert build().exit_code == 0
    (club / "bob.yaml").write_text(profile("Bob").replace("phase: base", "phase: bass"),
                                   encoding="utf-8")
    (club / "cy.yaml").write_text("name: Cy\nweekly_mileage: lots\n", encoding="utf-8")
    assert build().exit_code == 1
    html = Path("site/overview.html").read_text(encoding="utf-8")
    failed = html[html.index('id="failed"'):html.index("</section>")]
    assert "club/bob.yaml" in failed and "bass" in failed and 'href="bob/index.html"' in failed
    assert "club/cy.yaml" in failed and "weekly_mileage" in failed
    assert "cy/index.html" not in failed  # never built: no last good plan
    assert [r[0] for r in table(html).rows[1:]] == ["Ann", "Bob"]  # Bob's last good plan stays


def test_made_from_the_rows_without_planning_again_and_skipped_when_unchanged(club, monkeypatch):
    assert build().exit_code == 0
    overview = Path("site/overview.html")
    stamp = overview.stat().st_mtime_ns
    time.sleep(0.01)
    assert build().exit_code == 0
    assert overview.stat().st_mtime_ns == stamp  # nothing it shows changed: not written

    def no_planning(*args, **kwargs):
        raise AssertionError("planned again")

    monkeypatch.setattr("generator.pipeline.athlete.build_plan", no_planning)
    (club / "bob.yaml").unlink()  # Bob leaves: the club pages change, nobody is planned
    result = build()
    assert result.exit_code == 0, result.output
    assert [r[0] for r in table(overview.read_text(encoding="utf-8")).rows[1:]] == ["Ann"]


def test_strict_fails_a_build_whose_plans_have_warnings(club):
    plain = build()
    manifest = Path("site/.runlift-manifest.json").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r'"warnings": (\d+)', manifest)]
    strict = build("--strict")
    assert plain.exit_code == 0
    assert strict.exit_code == (1 if sum(counts) else 0), strict.output
    if sum(counts):
        assert "--strict:" in strict.output and "overview.html" in strict.output


def test_strict_on_the_demo_club(tmp_path):
    runner = CliRunner()
    args = ["build", str(ROOT / "programs"), "-o", str(tmp_path / "site"), *FAST]
    assert runner.invoke(main, args).exit_code == 0
    strict = runner.invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1 and "--strict:" in strict.output
