"""Odd but possible inputs found by stress-testing builds: none may crash or break the site."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main

WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"


def athlete(name: str, extra: str = "") -> str:
    return (f"name: {name}\nweekly_mileage: 30\nphase: base\nweeks: 1\nstart: 2027-01-04\n"
            f"week: {WEEK}\n{extra}")


def build(*args):
    return CliRunner().invoke(main, ["build", *args, "--today", "2026-11-24"])


def test_images_and_headings_in_notes_neither_load_nor_break_anything(tmp_path):
    club = tmp_path / "club"
    club.mkdir()
    notes = ("notes: |\n  # Plan\n  ![chart](http://example.com/x.png)\n"
             "  ![local](x.png)\n")
    (club / "ann.yaml").write_text(athlete("Ann", notes), encoding="utf-8")
    (club / "club.yaml").write_text("privacy: {notes: public}\n", encoding="utf-8")
    out = tmp_path / "site"
    result = build(str(club), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "ann" / "ann.pdf").stat().st_size > 1000
    page = (out / "ann" / "index.html").read_text(encoding="utf-8")
    assert "<img" not in page.split('id="notes"')[1].split("</section>")[0]
    assert page.count("<h1>") == 1 and "<h3>Plan</h3>" in page


def test_building_the_club_file_itself_is_a_usage_error(tmp_path):
    (tmp_path / "club.yaml").write_text("name: Club\n", encoding="utf-8")
    result = build(str(tmp_path / "club.yaml"), "-o", str(tmp_path / "site"))
    assert result.exit_code == 2
    assert "this is the club file" in result.output
    assert not (tmp_path / "site").exists()


def test_a_very_long_name_gets_a_short_id_and_builds(tmp_path):
    club = tmp_path / "club"
    club.mkdir()
    name = " ".join(["Maximiliana"] * 9)  # 107 characters is too long; 9 words fit in 100
    name = name[:100].strip()
    (club / "long.yaml").write_text(athlete(name), encoding="utf-8")
    (club / "ann.yaml").write_text(athlete("Ann"), encoding="utf-8")
    result = build(str(club), "-o", str(tmp_path / "site"), "--format", "json")
    assert result.exit_code == 0, result.output
    ids = [p.name for p in (tmp_path / "site").iterdir() if p.is_dir()]
    assert "ann" in ids and all(len(i) <= 64 for i in ids)


def test_a_template_mistake_in_a_club_override_is_one_message(tmp_path):
    club = tmp_path / "club"
    (club / "templates").mkdir(parents=True)
    (club / "templates" / "index.html").write_text("<p>{% if %}</p>\n", encoding="utf-8")
    (club / "ann.yaml").write_text(athlete("Ann"), encoding="utf-8")
    result = build(str(club), "-o", str(tmp_path / "site"), "--format", "html")
    assert result.exit_code == 1
    assert "index.html:1: template error" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("template", ["index.html", "pdf.html", "_session.html"])
def test_a_template_mistake_stops_a_club_build_before_anything_is_written(tmp_path, template):
    """Checked before the workers start (the athlete page's templates) or while they build the
    first athletes (the others): either way nothing of theirs is left in the site."""
    club = tmp_path / "club"
    (club / "templates").mkdir(parents=True)
    (club / "templates" / template).write_text("<p>{% if %}</p>\n", encoding="utf-8")
    for name in ("Ann", "Bob", "Cat", "Dan", "Eve", "Fay"):
        (club / f"{name.lower()}.yaml").write_text(athlete(name), encoding="utf-8")
    result = build(str(club), "-o", str(tmp_path / "site"), "--format", "html,json",
                   "--jobs", "2")
    assert result.exit_code == 1
    assert f"{template}:1: template error" in result.output
    assert not (tmp_path / "site").exists()


def test_the_templates_workers_render_are_each_page_with_what_it_includes():
    """Compiled before the workers start, so that none compiles one again."""
    from jinja2 import meta

    from generator.publish.environment import environment
    from generator.publish.pages import ATHLETE_TEMPLATES

    env = environment([])
    assert env.loader is not None

    def used(name: str) -> set[str]:
        found = set(meta.find_referenced_templates(env.parse(env.loader.get_source(env, name)[0])))
        return {name}.union(*(used(n) for n in found if n))

    for page in ATHLETE_TEMPLATES.values():
        assert set(page) == used(page[0])
