"""Building into the same folder again: unchanged PDFs are kept, departed athletes removed."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import main

WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"


def profile(name: str) -> str:
    return (f"name: {name}\nweekly_mileage: 30\nphase: base\nweeks: 2\nstart: 2027-01-04\n"
            f"week: {WEEK}\n")


def build(club, out):
    result = CliRunner().invoke(main, ["build", str(club), "-o", str(out), "--format",
                                       "html,pdf,json", "--today", "2026-11-24"])
    assert result.exit_code in (0, 1), result.output
    return result


def test_rebuild_keeps_unchanged_pdfs_and_removes_departed_athletes(tmp_path):
    club = tmp_path / "club"
    club.mkdir()
    (club / "club.yaml").write_text("name: Club\n", encoding="utf-8")
    (club / "ann.yaml").write_text(profile("Ann"), encoding="utf-8")
    (club / "bob.yaml").write_text(profile("Bob"), encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "README.txt").write_text("mine", encoding="utf-8")
    out = tmp_path / "site"
    assert build(club, out).exit_code == 0
    ann_pdf = (out / "ann" / "ann.pdf").read_bytes()
    manifest = json.loads((out / ".runlift-manifest.json").read_text(encoding="utf-8"))
    assert manifest["athletes"]["ann.yaml"]["pdf"] and "bob/index.html" in manifest["files"]

    (club / "bob.yaml").unlink()  # Bob leaves the club
    assert build(club, out).exit_code == 0
    assert not (out / "bob").exists()
    assert (out / "ann" / "ann.pdf").read_bytes() == ann_pdf
    assert (out / "README.txt").read_text(encoding="utf-8") == "mine"  # not ours: untouched


def test_a_broken_profile_does_not_take_its_old_page_down(tmp_path):
    club = tmp_path / "club"
    club.mkdir()
    (club / "ann.yaml").write_text(profile("Ann"), encoding="utf-8")
    (club / "bob.yaml").write_text(profile("Bob"), encoding="utf-8")
    out = tmp_path / "site"
    build(club, out)
    (club / "bob.yaml").write_text(profile("Bob").replace("phase: base", "phase: bass"),
                                   encoding="utf-8")
    result = build(club, out)
    assert result.exit_code == 1 and "bob.yaml" in result.output
    assert (out / "bob" / "index.html").exists()


def test_the_manifest_written_in_parts_is_the_one_orjson_makes_whole(tmp_path):
    import orjson

    from generator.pipeline.state import read_state

    club = tmp_path / "club"
    club.mkdir()
    (club / "ann.yaml").write_text(profile("Ann"), encoding="utf-8")
    (club / "zoé.yaml").write_text(profile('Zoé "Z"'), encoding="utf-8")
    (club / "bad.yaml").write_text("name: Bad\n", encoding="utf-8")
    out = tmp_path / "site"
    build(club, out)
    state = read_state(out)
    whole = {"version": 2, "club": state.club, "club_inputs": state.club_inputs,
             "athletes": state.records, "files": sorted(state.files())}
    expected = orjson.dumps(whole, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    assert len(state.records) == 3 and state.records["bad.yaml"].problems
    assert (out / ".runlift-manifest.json").read_bytes() == expected
