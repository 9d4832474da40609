"""`runlift build` on tiny clubs in tmp_path: what lands in the output folder, and what a coach sees.

Each test writes a club.yaml and athlete YAML files, runs the CLI through CliRunner and checks the
site as a user would: the files are there, the pages say the right things, mistakes are reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import __version__
from generator.cli import main
from generator.errors import BuildError
from generator.inputs.library import load_library
from generator.publish.output import MANIFEST, SiteFiles, Writer

TODAY = "2026-11-24"
WEEK = "{mon: easy, tue: intervals, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}"
LIBRARY_IDS = load_library().ids()

CLUB = """\
    name: Test Harriers
    paper: a4
    defaults:
      units: mi
      start: 2027-01-04
    """
ANN = f"""\
    name: Ann Example
    weekly_mileage: 30
    week: {WEEK}
    phase: base
    weeks: 2
    lifts:
      romanian-deadlift: 95 lb
    """
BEA = f"""\
    name: Béa Ōkubo
    id: bea
    weekly_mileage: 25
    week: {WEEK}
    race: {{date: 2027-02-14, distance: 10k, name: Valentine 10K}}
    equipment: home
    """
# line 3 is the broken one
BROKEN = """\
    name: Broken Profile
    weekly_mileage: 30
    week: {mon: easy, tue: intervalz, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}
    phase: base
    """


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def runlift(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="runlift")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def build(club: Path, out: Path, *extra: str):
    return runlift("build", club, "-o", out, "--today", TODAY, *extra)


def files_under(folder: Path) -> dict[str, bytes]:
    """The site's files, without the build's own bookkeeping (.runlift-manifest.json)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A club folder in tmp_path, which is also the working directory (as for a coach)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """The two-athlete club built twice with every format, from inside its folder."""
    root = tmp_path_factory.mktemp("full")
    write(root, {"club/club.yaml": CLUB, "club/athletes/ann.yaml": ANN,
                 "club/athletes/bea.yaml": BEA})
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        first = build(Path("club"), Path("site"))
        second = build(Path("club"), Path("again"))
        plans = {a: runlift("plan", f"club/athletes/{a}.yaml", "--json", "--today", TODAY)
                 for a in ("ann", "bea")}
    return root, first, second, plans


# --- what a build writes ------------------------------------------------------------------------


def test_club_builds_pages_pdfs_json_and_the_exercise_library(full):
    root, result, _, _ = full
    assert result.exit_code == 0, result.output
    assert "Built 2 athletes into site/" in result.output
    site = root / "site"
    ids = ["ann-example", "bea"]
    for athlete_id in ids:
        assert (site / athlete_id / "index.html").is_file()
        assert (site / athlete_id / f"{athlete_id}.pdf").read_bytes().startswith(b"%PDF-")
        plan = json.loads((site / athlete_id / f"{athlete_id}.json").read_text("utf-8"))
        assert plan["format"] == "runlift-plan/1"
        assert plan["athlete"]["id"] == athlete_id
    index = (site / "index.html").read_text("utf-8")
    assert "Test Harriers" in index
    for athlete_id, name in zip(ids, ["Ann Example", "Béa Ōkubo"], strict=True):
        assert f'href="{athlete_id}/index.html"' in index
        assert f'href="{athlete_id}/{athlete_id}.pdf"' in index
        assert f'href="{athlete_id}/{athlete_id}.json"' in index
        assert name in index
        assert name in (site / athlete_id / "index.html").read_text("utf-8")
    assert (site / "exercises" / "index.html").is_file()
    built = {p.stem for p in (site / "exercises").glob("*.html")} - {"index"}
    assert built == set(LIBRARY_IDS)
    library_index = (site / "exercises" / "index.html").read_text("utf-8")
    for exercise_id in LIBRARY_IDS:
        assert f'href="{exercise_id}.html"' in library_index
    assert (site / "assets" / "style.css").is_file()
    assert not (site / "sitemap.xml").exists(), "no base_url, so no sitemap"


def test_club_defaults_reach_the_plans(full):
    root = full[0]
    plan = json.loads((root / "site" / "ann-example" / "ann-example.json").read_text("utf-8"))
    assert plan["athlete"]["units"] == "mi" and plan["athlete"]["load_unit"] == "lb"
    assert plan["weeks"][0]["start"] == "2027-01-04"


def test_building_twice_gives_byte_identical_files(full):
    root, first, second, _ = full
    assert first.exit_code == second.exit_code == 0
    one, two = files_under(root / "site"), files_under(root / "again")
    assert sorted(one) == sorted(two)
    assert any(name.endswith(".pdf") for name in one)
    different = [name for name in one if one[name] != two[name]]
    assert different == []


def test_site_json_is_what_runlift_plan_prints(full):
    root, _, _, plans = full
    for profile, athlete_id in (("ann", "ann-example"), ("bea", "bea")):
        result = plans[profile]
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == (root / "site" / athlete_id / f"{athlete_id}.json").read_bytes()


def test_no_temporary_files_are_left_in_the_site(full):
    leftovers = [p for p in (full[0] / "site").rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []


@pytest.mark.parametrize("base_url", ["https://club.example/plans/", "https://club.example/plans"])
def test_sitemap_lists_every_page_under_base_url(project, base_url):
    write(project, {"club.yaml": f"name: Test Harriers\nbase_url: {base_url}\n"
                                 "privacy: {index: true}\n",  # no sitemap of noindex pages
                    "athletes/ann.yaml": ANN, "athletes/bea.yaml": BEA})
    result = build(Path("."), Path("out"), "--format", "html")
    assert result.exit_code == 0, result.output
    tree = ET.parse(project / "out" / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    base = "https://club.example/plans/"
    assert all(loc.startswith(base) for loc in locs), locs
    expected = {base, f"{base}ann-example/", f"{base}bea/", f"{base}exercises/",
                *(f"{base}exercises/{e}.html" for e in LIBRARY_IDS)}
    assert set(locs) == expected
    assert len(locs) == len(expected)
    # every listed page exists in the site
    for loc in locs:
        page = project / "out" / loc[len(base):]
        assert (page / "index.html" if loc.endswith("/") else page).is_file(), loc


def test_format_json_builds_only_json(project):
    write(project, {"club.yaml": "name: Test Harriers\nbase_url: https://x.example/\n",
                    "athletes/ann.yaml": ANN, "athletes/bea.yaml": BEA})
    result = build(Path("."), Path("out"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(files_under(project / "out")) == ["ann-example/ann-example.json", "bea/bea.json"]


# --- mistakes ---------------------------------------------------------------------------------


def test_one_broken_profile_does_not_stop_the_others(project):
    write(project, {"club.yaml": CLUB, "athletes/ann.yaml": ANN, "athletes/bea.yaml": BEA,
                    "athletes/broken.yaml": BROKEN})
    result = build(Path("."), Path("out"), "--format", "html,json")
    assert result.exit_code == 1
    assert "athletes/broken.yaml:3: week.tue:" in result.output
    assert "intervalz" in result.output and "intervals" in result.output
    assert "1 profile failed" in result.output
    out = project / "out"
    for athlete_id in ("ann-example", "bea"):
        assert (out / athlete_id / "index.html").is_file()
        assert (out / athlete_id / f"{athlete_id}.json").is_file()
    assert not (out / "broken-profile").exists()
    index = (out / "index.html").read_text("utf-8")
    assert "Ann Example" in index and "Broken Profile" not in index


def test_two_athletes_with_one_id_fail_instead_of_overwriting(project):
    other = textwrap.dedent(ANN).replace("Ann Example", "Ann Other") + "id: ann-example\n"
    write(project, {"club.yaml": CLUB, "a.yaml": ANN, "b.yaml": other})
    result = build(Path("."), Path("out"), "--format", "json")
    assert result.exit_code == 1
    assert "b.yaml:8: id:" in result.output and "already used by a.yaml" in result.output
    plan = json.loads((project / "out" / "ann-example" / "ann-example.json").read_text("utf-8"))
    assert plan["athlete"]["name"] == "Ann Example"


@pytest.mark.parametrize("club_text, where", [
    ("name: Test Harriers\npaper: a5\n", "club.yaml:2: paper:"),
    ("name: Test Harriers\nbase_ulr: https://x.example/\n", "club.yaml:2: base_ulr:"),
    ("name: [unclosed\n", "club.yaml:2: YAML syntax error"),
])
def test_broken_club_file_exits_1_and_writes_nothing(project, club_text, where):
    write(project, {"club.yaml": club_text, "athletes/ann.yaml": ANN})
    result = build(Path("."), Path("out"))
    assert result.exit_code == 1
    assert where in result.output
    assert "nothing was built" in result.output
    assert not (project / "out").exists()


@pytest.mark.parametrize("value", ["html,docx", "PDF", ",", ""])
def test_bad_format_exits_2(project, value):
    write(project, {"club.yaml": CLUB, "athletes/ann.yaml": ANN})
    result = build(Path("."), Path("out"), "--format", value)
    assert result.exit_code == 2
    assert "--format" in result.output and "html, pdf, json" in result.output
    assert not (project / "out").exists()


# --- help and version -------------------------------------------------------------------------


def test_every_command_has_help():
    result = runlift("--help")
    assert result.exit_code == 0
    assert "Usage: runlift" in result.output
    assert set(main.commands) >= {"build", "plan", "validate", "schema", "exercises"}
    for name, command in main.commands.items():
        assert name in result.output
        sub = runlift(name, "--help")
        assert sub.exit_code == 0, sub.output
        assert f"Usage: runlift {name}" in sub.output
        assert command.help and command.help.split("\n")[0].strip() in sub.output
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"runlift {name} {param.opts[0]} has no help text"
    assert runlift("build", "-h").output == runlift("build", "--help").output


def test_version():
    result = runlift("--version")
    assert result.exit_code == 0
    assert result.output == f"runlift, version {__version__}\n"


# --- the club's own templates and exercises -----------------------------------------------------


def test_club_template_replaces_the_builtin_one(project):
    write(project, {"club.yaml": CLUB, "athletes/ann.yaml": ANN,
                    "templates/index.html": """\
                        <!DOCTYPE html><title>{{ club.name }}</title>
                        <h1>Our own front page for {{ club.name }}</h1>
                        {% for a in athletes %}<p>{{ a.athlete.name }}</p>{% endfor %}
                        """})
    result = build(Path("."), Path("out"), "--format", "html")
    assert result.exit_code == 0, result.output
    index = (project / "out" / "index.html").read_text("utf-8")
    assert index == ("<!DOCTYPE html><title>Test Harriers</title>\n"
                     "<h1>Our own front page for Test Harriers</h1>\n<p>Ann Example</p>")
    # templates not overridden are still the built-in ones
    assert "Exercise library" in (project / "out" / "ann-example" / "index.html").read_text("utf-8")


OWN_GOBLET = """\
    ---
    id: goblet-squat
    name: Club goblet squat
    pattern: squat
    equipment:
      - [dumbbells]
      - [kettlebell]
    level: novice
    unilateral: false
    dose: reps
    tempo: "3-1-1"
    roles: [main]
    summary: Our way of doing the goblet squat, with a box to sit to.
    cues:
      - Sit to the box without dropping onto it.
    regressions: [bodyweight-squat]
    ---

    Tap the box with your seat on every rep.
    """
WALL_SIT = """\
    ---
    id: wall-sit
    name: Wall sit
    pattern: squat
    equipment:
      - []
    level: novice
    unilateral: false
    dose: seconds
    roles: [accessory]
    summary: Back flat on a wall, thighs level, and hold.
    cues:
      - Knees over ankles.
      - Breathe out slowly.
    ---

    A club favourite for **quads** that hurt on descents.
    """


def test_club_exercises_add_and_override_library_entries(project):
    write(project, {"club.yaml": CLUB, "athletes/ann.yaml": ANN,
                    "exercises/goblet-squat.md": OWN_GOBLET, "exercises/wall-sit.md": WALL_SIT})
    result = build(Path("."), Path("out"), "--format", "html,json")
    assert result.exit_code == 0, result.output
    out = project / "out" / "exercises"
    wall = (out / "wall-sit.html").read_text("utf-8")
    assert "Wall sit" in wall and "<strong>quads</strong>" in wall
    goblet = (out / "goblet-squat.html").read_text("utf-8")
    assert "Club goblet squat" in goblet and "Tap the box" in goblet
    assert "Goblet squat<" not in goblet
    index = (out / "index.html").read_text("utf-8")
    assert 'href="wall-sit.html"' in index and "Club goblet squat" in index
    assert {p.stem for p in out.glob("*.html")} - {"index"} == {*LIBRARY_IDS, "wall-sit"}
    # the plan uses the club's version of the exercise
    plan = json.loads((project / "out" / "ann-example" / "ann-example.json").read_text("utf-8"))
    names = {e["id"]: e["name"] for w in plan["weeks"] for d in w["days"] if d["session"]
             for e in d["session"]["exercises"]}
    assert names.get("goblet-squat") == "Club goblet squat"


HOSTILE_BODY = """
    A picture from elsewhere: ![tracker](https://tracker.example/pixel.png)
    <img src="https://tracker.example/raw.png"> <script>alert(1)</script>
    [a script](javascript:alert(1)), [a file](file:///etc/passwd), [the club](https://club.example/)
    and [mail](mailto:coach@club.example).
    """


def test_text_from_exercise_files_and_notes_is_never_markup(project):
    """Exercise files and coach's notes share one renderer: raw HTML escaped, no images, and
    links only to web pages and e-mail addresses."""
    hostile = WALL_SIT.replace("    A club favourite for **quads** that hurt on descents.\n",
                               HOSTILE_BODY)
    notes = "\n".join("      " + line.strip() for line in HOSTILE_BODY.strip().splitlines())
    profile = ANN.rstrip(" ") + f"    notes: |\n{notes}\n"
    write(project, {"club.yaml": CLUB.rstrip(" ") + "    privacy: {notes: public}\n",  # notes on the page
                    "athletes/ann.yaml": profile, "exercises/wall-sit.md": hostile})
    result = build(Path("."), Path("out"), "--format", "html")
    assert result.exit_code == 0, result.output
    for page in ("out/exercises/wall-sit.html", "out/ann-example/index.html"):
        html = (project / page).read_text("utf-8")
        assert "<img" not in html and "<script>" not in html, page
        assert 'href="javascript:' not in html and 'href="file:' not in html, page
        assert "&lt;img" in html, page  # shown as text
        assert 'href="https://club.example/"' in html and 'href="mailto:coach@club.example"' in html


# --- the writer -------------------------------------------------------------------------------


def test_a_build_refuses_the_same_path_twice(tmp_path):
    site = SiteFiles()
    site.put("a/page.html", "first")
    with pytest.raises(BuildError, match="twice"):
        site.put("a/page.html", "second")
    with pytest.raises(BuildError, match="twice"):
        site.put("./a/page.html", b"third")
    writer = Writer(tmp_path)
    writer.write_all(site)
    assert (tmp_path / "a" / "page.html").read_text() == "first"
    assert writer.written == ["a/page.html"]


def test_writer_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    target.write_text("old")
    writer = Writer(tmp_path)
    writer.write("b/c.json", "{}")
    assert (tmp_path / "b" / "c.json").read_text() == "{}"
    assert oct((tmp_path / "b" / "c.json").stat().st_mode & 0o777) == "0o644"

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        writer.write("a.json", "new")
    assert target.read_text() == "old"  # the old file is untouched, never half-written
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []


def test_two_workers_making_one_folder_at_once_both_stage_their_file(tmp_path, monkeypatch):
    real_mkdir = os.mkdir

    def the_other_worker_first(name, mode=0o777, *, dir_fd=None):
        real_mkdir(name, mode, dir_fd=dir_fd)  # the other worker's, just before this one's
        real_mkdir(name, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "mkdir", the_other_worker_first)
    staged = Writer(tmp_path).stage_all({"ann/ann.json": "{}"})
    assert (tmp_path / staged["ann/ann.json"]).read_text() == "{}"


# --- user text in notes ------------------------------------------------------------------------

NOTES = """\
    notes: |
      Read <a rel="attachment" href="file:///etc/passwd">x</a> and
      ![x](file:///etc/passwd) before Monday.
    """


def test_markdown_notes_cannot_attach_or_show_local_files(project):
    write(project, {"club.yaml": CLUB.rstrip(" ") + "    privacy: {notes: public}\n",  # notes on the page
                    "athletes/ann.yaml": textwrap.dedent(ANN) + textwrap.dedent(NOTES)})
    result = build(Path("."), Path("out"))
    assert result.exit_code == 0, result.output
    athlete = project / "out" / "ann-example"
    page = (athlete / "index.html").read_text("utf-8")
    assert "&lt;a rel=&quot;attachment&quot; href=&quot;file:///etc/passwd&quot;&gt;x&lt;/a&gt;" in page
    assert '<a rel="attachment"' not in page
    assert not re.search(r"""(src|href)=["']?file:""", page)
    plan = json.loads((athlete / "ann-example.json").read_text("utf-8"))
    assert "&lt;a rel=" in plan["notes_html"] and "<a " not in plan["notes_html"]

    pdf = athlete / "ann-example.pdf"
    reader = PdfReader(pdf)
    assert dict(reader.attachments) == {}
    for page_obj in reader.pages:
        for annot in page_obj.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    if shutil.which("pdfdetach"):
        listed = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True,
                                check=True).stdout
        assert listed.startswith("0 embedded files")
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert '<a rel="attachment" href="file:///etc/passwd">x</a>' in text  # shown as typed
    assert "root:" not in text
