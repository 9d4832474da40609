"""The printed log: what a coach checks after `runlift build` opens the PDFs.

Two tiny clubs (A4 and Letter) are built once for the whole module; every test reads those PDFs
with poppler (pdfinfo, pdffonts, pdftotext) or pypdf and checks them against the plan JSON.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdfinfo", "pdffonts", "pdftotext")),
    reason="needs poppler-utils (scripts/setup-system --test)")

TODAY = "2026-11-24"
WEEK = "{mon: easy, tue: intervals, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}"

ATHLETES = {
    # Latin name with accents, loads in lb from `lifts`, coach's notes: cover + notes page + weeks
    "maya-lopez": f"""\
        name: Maya López
        id: maya-lopez
        units: mi
        weekly_mileage: 35
        week: {WEEK}
        phase: base
        start: 2027-01-04
        weeks: 5
        experience: intermediate
        equipment: gym
        lifts:
          split-squat: 65 lb
          romanian-deadlift: 95 lb
          goblet-squat: 40 lb
        notes: |
          Keep the **calf raises** slow.
        """,
    # Cyrillic name, no notes
    "dmitrii-ivanov": f"""\
        name: Дмитрий Иванов
        id: dmitrii-ivanov
        weekly_mileage: 50
        week: {WEEK}
        phase: build
        start: 2027-01-04
        weeks: 2
        equipment: home
        """,
    # Japanese name, bodyweight only
    "hanako-yamada": f"""\
        name: 山田 花子
        id: hanako-yamada
        weekly_mileage: 40
        week: {WEEK}
        phase: base
        start: 2027-01-11
        weeks: 2
        equipment: bodyweight
        """,
}
# a 16-week marathon block: its cover has a 16-row overview (A4 club only)
LONG_BLOCK = f"""\
    name: Tomasz Nowak
    id: tomasz-nowak
    weekly_mileage: 70
    week: {WEEK}
    race: {{date: 2027-04-25, distance: marathon}}
    start: 2027-01-04
    experience: advanced
    """
CLUBS = {"a4": "Harbour Striders", "letter": "Lakeside Milers"}
PAGE_SIZES = {"a4": (595, 842), "letter": (612, 792)}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Both clubs built once: {paper: output folder}."""
    outputs = {}
    for paper, club_name in CLUBS.items():
        root = tmp_path_factory.mktemp(f"club-{paper}")
        _write(root / "club" / "club.yaml", f"""\
            name: {club_name}
            paper: {paper}
            # the JSON is read beside the PDF, so the club publishes what the PDF shows
            base_url: https://{paper}.example/plans/
            privacy: {{bodyweight: public, focus: public, notes: public}}
            """)
        for athlete_id, text in ATHLETES.items():
            _write(root / "club" / "athletes" / f"{athlete_id}.yaml", text)
        if paper == "a4":
            _write(root / "club" / "athletes" / "tomasz-nowak.yaml", LONG_BLOCK)
        out = root / "site"
        result = CliRunner().invoke(main, ["build", str(root / "club"), "-o", str(out),
                                           "--today", TODAY, "--format", "pdf,json", "-j", "4"])
        assert result.exit_code == 0, result.output
        outputs[paper] = out
    return outputs


def _cases():
    return [pytest.param(paper, athlete_id, id=f"{paper}-{athlete_id}")
            for paper in CLUBS for athlete_id in ATHLETES]


def _pdf(built, paper: str, athlete_id: str) -> Path:
    return built[paper] / athlete_id / f"{athlete_id}.pdf"


def _plan(built, paper: str, athlete_id: str) -> dict:
    return json.loads((built[paper] / athlete_id / f"{athlete_id}.json").read_text("utf-8"))


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _page_texts(path: Path) -> list[str]:
    """Text of each page, whitespace collapsed (table cells wrap names over lines)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [" ".join(page.split()) for page in pages]


def _exercises(plan: dict):
    for week in plan["weeks"]:
        for day in week["days"]:
            if day["session"]:
                yield from day["session"]["exercises"]


def _load_text(load: dict) -> str:
    return f"{load['value']:g} {load['unit']}"


# --- page size, tagging, fonts ---------------------------------------------------------------


@pytest.mark.parametrize("paper, athlete_id", _cases())
def test_page_size_matches_the_club_paper(built, paper, athlete_id):
    reader = PdfReader(_pdf(built, paper, athlete_id))
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == PAGE_SIZES[paper]
    assert ("(A4)" if paper == "a4" else "(letter)") in _pdfinfo(_pdf(built, paper, athlete_id))[
        "Page size"]


@pytest.mark.parametrize("paper, athlete_id", _cases())
def test_pdf_is_tagged_for_screen_readers(built, paper, athlete_id):
    assert _pdfinfo(_pdf(built, paper, athlete_id))["Tagged"] == "yes"


@pytest.mark.parametrize("paper, athlete_id", _cases())
def test_every_font_is_embedded(built, paper, athlete_id):
    out = subprocess.run(["pdffonts", str(_pdf(built, paper, athlete_id))], capture_output=True,
                         text=True, check=True).stdout
    header, rule, *rows = out.splitlines()
    assert rows, "pdffonts lists no fonts at all"
    emb = header.index("emb")  # columns are fixed-width; font names have no spaces
    for row in rows:
        assert row[emb:emb + 3] == "yes", f"font not embedded: {row}"


# --- pages: cover, notes, one per week ------------------------------------------------------


def _week_start_pages(texts: list[str], plan: dict) -> dict[int, int]:
    """The 1-based page on which each week's title is printed (the running header repeats the
    title on a spill page, so a start page holds it twice, a spill page once)."""
    starts = {}
    for week in plan["weeks"]:
        title = f"Week {week['number']} · "
        headed = [i for i, text in enumerate(texts, 1) if text.count(title) >= 2]
        assert len(headed) == 1, f"week {week['number']} title on pages {headed}"
        starts[week["number"]] = headed[0]
    return starts


@pytest.mark.parametrize("paper, athlete_id", _cases())
def test_page_count_is_cover_notes_and_one_page_per_week(built, paper, athlete_id):
    plan = _plan(built, paper, athlete_id)
    texts = _page_texts(_pdf(built, paper, athlete_id))
    notes = 1 if plan["warnings"] or plan["notes_html"] else 0
    weeks = plan["weeks"]
    if notes:
        assert "Notes for this block" in texts[1]
    else:
        assert not any("Notes for this block" in text for text in texts)
    starts = _week_start_pages(texts, plan)
    assert starts[1] == 2 + notes, "the cover and the notes must take one page each"
    ends = [*[starts[w["number"]] for w in weeks[1:]], len(texts) + 1]
    spills = 0
    for week, end in zip(weeks, ends, strict=True):
        pages = list(range(starts[week["number"]], end))
        # Found while writing this test: a week with check-in tests (weeks 1, 5, 9, ...) can run
        # onto a second page, which then holds the check-in table; every other week fits on one.
        if week["check_in"] and len(pages) == 2:
            assert texts[pages[1] - 1].count("Check-in tests") == 1
            spills += 1
        else:
            assert len(pages) == 1, f"week {week['number']} takes pages {pages}"
    assert len(texts) == 1 + notes + len(weeks) + spills


def test_cover_of_a_long_block_fits_one_page(built):
    plan = _plan(built, "a4", "tomasz-nowak")
    assert len(plan["weeks"]) == 16
    texts = _page_texts(_pdf(built, "a4", "tomasz-nowak"))
    notes = 1 if plan["warnings"] or plan["notes_html"] else 0
    assert "How to use this log" in texts[0]
    assert _week_start_pages(texts, plan)[1] == 2 + notes


def test_fixture_covers_both_notes_cases(built):
    with_notes = {a for a in ATHLETES if (p := _plan(built, "a4", a))["warnings"] or p["notes_html"]}
    assert with_notes and with_notes != set(ATHLETES)


@pytest.mark.parametrize("paper, athlete_id", _cases())
def test_every_page_has_a_page_n_of_m_footer(built, paper, athlete_id):
    texts = _page_texts(_pdf(built, paper, athlete_id))
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text
        assert CLUBS[paper] in text  # bottom-left running footer


# --- text: names, exercises, loads ------------------------------------------------------------


@pytest.mark.parametrize("paper, athlete_id", _cases())
def test_text_has_athlete_club_every_exercise_and_load(built, paper, athlete_id):
    plan = _plan(built, paper, athlete_id)
    texts = _page_texts(_pdf(built, paper, athlete_id))
    assert plan["athlete"]["name"] in texts[0]
    assert CLUBS[paper].upper() in texts[0]  # the cover prints it in capitals
    assert all(CLUBS[paper] in text for text in texts)  # and every footer as written
    starts = _week_start_pages(texts, plan)
    ends = [*list(starts.values())[1:], len(texts) + 1]
    for week, end in zip(plan["weeks"], ends, strict=True):
        text = " ".join(texts[starts[week["number"]] - 1:end - 1])
        for day in week["days"]:
            for e in day["session"]["exercises"] if day["session"] else ():
                assert e["name"] in text, f"week {week['number']}: {e['name']} not printed"
                if e["load"]:
                    # the load is printed in the exercise's own row, right after its name
                    row = re.escape(e["name"]) + r"[^·]*(?: · [^·]*){0,4}?" + re.escape(
                        _load_text(e["load"]))
                    assert re.search(row, text), f"week {week['number']}: {e['name']} " \
                        f"{_load_text(e['load'])} not printed"


def test_loads_in_lb_are_printed(built):
    plan = _plan(built, "a4", "maya-lopez")
    loads = {_load_text(e["load"]) for e in _exercises(plan) if e["load"]}
    assert len(loads) >= 3 and all(re.fullmatch(r"\d+(\.\d+)? lb", load) for load in loads)
    text = " ".join(_page_texts(_pdf(built, "a4", "maya-lopez")))
    assert sorted(load for load in loads if load not in text) == []
    assert " kg" not in text


@pytest.mark.parametrize("paper", CLUBS)
@pytest.mark.parametrize("athlete_id, name", [("dmitrii-ivanov", "Дмитрий Иванов"),
                                              ("hanako-yamada", "山田 花子")])
def test_non_latin_names_are_real_text(built, paper, athlete_id, name):
    path = _pdf(built, paper, athlete_id)
    assert name in _page_texts(path)[0]
    # pypdf reads the same text: the fonts carry a ToUnicode map, not just glyphs
    assert name.replace(" ", "") in PdfReader(path).pages[0].extract_text().replace(" ", "")


# --- the print stylesheet ---------------------------------------------------------------------


def test_pdf_uses_its_own_print_stylesheet_which_a_club_may_override(tmp_path):
    from generator.publish.assets import PRINT_STYLESHEET, template_folder
    from generator.publish.environment import environment, stylesheet

    own = (template_folder() / PRINT_STYLESHEET).read_text("utf-8")
    assert stylesheet(environment([tmp_path]), PRINT_STYLESHEET) == own
    # only what the PDF uses: no screen rules, no custom properties to resolve
    assert "@media" not in own and "var(" not in own and ":nth-child" not in own
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "print.css").write_text("body { color: #000; }", encoding="utf-8")
    assert stylesheet(environment([tmp_path]), PRINT_STYLESHEET) == "body { color: #000; }"
