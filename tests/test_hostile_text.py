"""Text from profiles reaches HTML, SVG, XML, ICS, PDF and JSON as text, never as markup; nothing
is fetched (a listener on a local port receives nothing); ids cannot leave their folder."""

from __future__ import annotations

import json
import socket
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from pypdf import PdfReader

from generator.cli import main

WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"
NAME = "<script>alert(1)</script> \u202eRLO\u202c \u200fMarwa\u200f 🏃\u200d♀️ O'Brien & \"Co\""


def athlete(name: str, extra: str = "") -> str:
    return (f"name: {json.dumps(name, ensure_ascii=False)}\nweekly_mileage: 30\nphase: base\nweeks: 1\n"
            f"start: 2027-01-04\nweek: {WEEK}\n{extra}")


EXERCISE = """\
---
id: odd-lift
name: "<img src=x onerror=alert(1)>Odd lift"
pattern: squat
equipment:
  - []
level: novice
unilateral: false
dose: reps
tempo: null
roles: [main]
tags: ["<b>tag</b>"]
regressions: []
progressions: []
summary: "<script>alert('summary')</script>"
cues:
  - "[cue](javascript:alert(1))"
---

![remote](http://127.0.0.1:PORT/exercise.png)
<img src="http://127.0.0.1:PORT/raw-exercise.png">
<svg onload="alert(1)"></svg>
[file](file:///etc/passwd)
"""


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="runlift")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


class Listener:
    """A local web server that must hear nothing: every connection made to it is counted."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.heard: list[bytes] = []
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.heard.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.heard.append(b"(connected)")

    def close(self) -> list[bytes]:
        self.stop = True
        self.thread.join()
        self.sock.close()
        return self.heard


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """One club built with every format from a profile whose name and notes are hostile."""
    root = tmp_path_factory.mktemp("hostile")
    listener = Listener()
    port = listener.port
    notes = "\n".join([
        "notes: |",
        "  [passwd](file:///etc/passwd) and <a rel=\"attachment\" href=\"file:///etc/passwd\">x</a>",
        f"  ![img](http://127.0.0.1:{port}/md-image.png)",
        f"  <img src=\"http://127.0.0.1:{port}/raw-image.png\">",
        f"  <link rel=\"stylesheet\" href=\"http://127.0.0.1:{port}/style.css\">",
        f"  <style>@import url(http://127.0.0.1:{port}/import.css);</style>",
        f"  [local page](http://127.0.0.1:{port}/page)",
        "  [js](javascript:alert(1)) [js2](JaVaScRiPt:alert(2)) [data](data:text/html,<b>x</b>)",
        "  <script>alert('notes')</script> <iframe src=\"file:///etc/passwd\"></iframe>",
        "",
    ])
    club = root / "club"
    club.mkdir()
    (club / "club.yaml").write_text("name: \"</title><script>alert('club')</script>\"\n"
                                    "base_url: https://club.example/plans/\n"
                                    # all published, so every hostile text reaches every format
                                    "privacy: {bodyweight: public, focus: public, notes: public, "
                                    "index: true}\n", encoding="utf-8")
    (club / "evil.yaml").write_text(athlete(NAME, notes + "id: evil\n"), encoding="utf-8")
    (club / "exercises").mkdir()
    (club / "exercises" / "odd-lift.md").write_text(EXERCISE.replace("PORT", str(port)),
                                                    encoding="utf-8")
    out = root / "site"
    result = run("build", str(club), "-o", str(out), "--today", "2026-11-24")
    heard = listener.close()
    assert result.exit_code == 0, result.output
    return {"out": out, "heard": heard, "port": port}


def test_a_local_listener_hears_nothing(hostile_site):
    assert hostile_site["heard"] == []


def test_names_and_notes_are_text_on_the_page(hostile_site):
    page = (hostile_site["out"] / "evil" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<iframe" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\u202eRLO\u202c" in page and "🏃\u200d♀️" in page  # kept, as text
    notes = page.split('id="notes"')[1].split("</section>")[0]
    assert f'href="http://127.0.0.1:{hostile_site["port"]}/page"' in notes  # a plain web link
    for bad in ('href="file:', 'href="javascript:', 'href="JaVaScRiPt:', 'href="data:',
                "<link rel=\"stylesheet\" href=\"http://127", "<style>@import"):
        assert bad not in notes, bad


def test_a_club_exercise_file_is_text_on_its_page(hostile_site):
    page = (hostile_site["out"] / "exercises" / "odd-lift.html").read_text(encoding="utf-8")
    main = page.split("<main")[1].split("</main>")[0]
    for bad in ("<img", "<svg onload", "<script>", 'href="file:', 'href="javascript:', "<b>tag"):
        assert bad not in main, bad
    assert "&lt;img src=x onerror=alert(1)&gt;Odd lift" in main


def test_the_club_page_escapes_the_club_name_and_athlete_names(hostile_site):
    page = (hostile_site["out"] / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;/title&gt;&lt;script&gt;" in page


def test_the_pdf_embeds_no_file_and_shows_the_name_as_text(hostile_site):
    reader = PdfReader(hostile_site["out"] / "evil" / "evil.pdf")
    root = reader.trailer["/Root"]
    names = root.get("/Names", {})
    assert "/EmbeddedFiles" not in names
    text = "".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert "root:x:0:0" not in text
    assert "<script>alert(" in text
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            uri = str(annot.get_object().get("/A", {}).get("/URI", ""))
            assert not uri.lower().startswith(("file:", "javascript:", "data:")), uri


def test_the_json_holds_the_name_exactly(hostile_site):
    data = json.loads((hostile_site["out"] / "evil" / "evil.json").read_text(encoding="utf-8"))
    assert data["athlete"]["name"] == NAME


def test_the_calendar_holds_the_name_as_one_escaped_value(hostile_site):
    raw = (hostile_site["out"] / "evil" / "evil.ics").read_bytes()
    calendar = Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]) == f"{NAME}: strength"
    assert raw.count(b"BEGIN:VCALENDAR") == 1


def test_the_sitemap_is_well_formed_xml(hostile_site):
    tree = ET.parse(hostile_site["out"] / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://club.example/plans/evil/" in locs


def test_the_chart_is_svg_without_script(hostile_site):
    page = (hostile_site["out"] / "evil" / "index.html").read_text(encoding="utf-8")
    for svg in page.split("<svg")[1:]:
        assert "<script" not in svg.split("</svg>")[0]


# --- ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "line"), [
    ("id: ../../etc", 7), ("id: ..", 7), ("id: CON", 7), ("id: a/b", 7), ("id: ' evil'", 7),
])
def test_an_id_that_is_not_a_plain_name_is_refused(project, written, line):
    project("club/ann.yaml", athlete("Ann", written + "\n"))
    result = run("validate", "club")
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"club/ann.yaml:{line}: id: ")
    assert "a-z, 0-9 and hyphens" in first or "allowed" in first


@pytest.mark.parametrize(("name", "id_"), [("Con", "con"), ("Nul", "nul"), ("Com1", "com1")])
def test_an_id_windows_keeps_for_a_device_is_refused(project, name, id_):
    project("club/ann.yaml", athlete(name))
    result = run("validate", "club")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"club/ann.yaml:1: id: got {id_!r}, a name Windows keeps for a device, so its folder could "
        f"not be copied there; allowed any other id, e.g. '{id_}-1'")


def test_names_made_of_dots_and_slashes_get_an_id_inside_the_site(project):
    project("club/dots.yaml", athlete("../../../etc/passwd"))
    project("club/odd.yaml", athlete("..\\..\\windows"))
    result = run("build", "club", "-o", "site", "--format", "json", "--today", "2026-11-24")
    assert result.exit_code == 0, result.output
    site = Path("site").resolve()
    for path in site.rglob("*.json"):
        assert site in path.resolve().parents
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == ["etc-passwd", "windows"]


def test_duplicate_ids_in_two_files_keep_the_first_and_name_both(project):
    project("club/a.yaml", athlete("Ann One", "id: ann\n"))
    project("club/b.yaml", athlete("Ann Two", "id: ann\n"))
    result = run("build", "club", "-o", "site", "--format", "json", "--today", "2026-11-24")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("club/b.yaml:7: id: 'ann' is already used by "
                                             "club/a.yaml; give this athlete an id of their own")
    assert json.loads(Path("site/ann/ann.json").read_text())["athlete"]["name"] == "Ann One"


def test_a_file_named_con_with_an_ordinary_name_builds(project):
    project("club/CON.yaml", athlete("Dotty"))
    result = run("build", "club", "-o", "site", "--format", "json", "--today", "2026-11-24")
    assert result.exit_code == 0 and Path("site/dotty/dotty.json").is_file()
