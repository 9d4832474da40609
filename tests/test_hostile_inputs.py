"""Broken, hostile and unlucky input files: each one refused with one located message naming the
file, what was found and what is allowed, never a traceback, in bounded time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"
GOOD = f"name: Ann Example\nweekly_mileage: 30\nphase: base\nweeks: 1\nweek: {WEEK}\n"
EXERCISE = """\
---
id: {id}
name: Odd lift
pattern: {pattern}
equipment:
  - []
level: novice
unilateral: false
dose: reps
tempo: null
roles: [{role}]
tags: []
regressions: []
progressions: []
summary: A lift.
cues:
  - Lift it.
---

Body.
"""


def run(*args: str):
    started = time.monotonic()
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="runlift")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert time.monotonic() - started < 30, "took too long"
    return result


def refused(target: str, *extra: str) -> list[str]:
    """Validate `target`; it fails with exit 1; the lines of the messages."""
    result = run("validate", target, *extra)
    assert result.exit_code == 1, result.output
    return result.output.splitlines()


# --- sizes and shapes: each refused with its file, line and limit ---------------------------------


def test_a_profile_over_256_kib_is_refused_before_it_is_read(project):
    # the case: a valid profile followed by 20,000 lines of comments
    project("big.yaml", GOOD + "# a comment that goes on and on and on and on and on and on\n" * 20_000)
    size = os.path.getsize("big.yaml")
    lines = refused("big.yaml")
    assert lines[0] == (f"big.yaml:1: the file is {size:,} bytes; allowed at most 262,144 bytes "
                        "(256 KiB) per file")


def test_thousands_of_avoid_entries_or_lifts_get_one_message_each_and_quickly(project):
    # within the size limit, each entry once got its own did-you-mean (a minute of work)
    avoid = "".join(f"  - not-an-exercise-{i}\n" for i in range(6_000))
    lifts = "".join(f"  lift-{i}: 20 kg\n" for i in range(3_000))
    project("many.yaml", GOOD + "avoid:\n" + avoid + "lifts:\n" + lifts)
    started = time.monotonic()
    lines = refused("many.yaml")
    assert time.monotonic() - started < 10
    assert lines[0].startswith("many.yaml:6: avoid: got 6000 entries; allowed at most ")
    assert lines[1].startswith("many.yaml:6007: lifts: got 3000 known lifts; allowed at most one "
                               "for each of the library's ")
    assert len(lines) == 3  # and the closing line


def test_a_profile_of_exactly_256_kib_is_read(project):
    text = GOOD + "notes: ok\n"
    project("edge.yaml", text + "#" * (256 * 1024 - len(text) - 1) + "\n")
    assert os.path.getsize("edge.yaml") == 256 * 1024
    assert run("validate", "edge.yaml").exit_code == 0


def test_a_club_file_over_256_kib_is_refused(project):
    project("club/club.yaml", "name: Club\n" + "# padding\n" * 30_000)
    project("club/ann.yaml", GOOD)
    lines = refused("club")
    assert lines[0].startswith("club/club.yaml:1: the file is ")
    assert "allowed at most 262,144 bytes (256 KiB) per file" in lines[0]


def test_a_club_exercise_file_over_256_kib_is_refused(project):
    project("club/ann.yaml", GOOD)
    text = EXERCISE.format(id="huge-lift", pattern="squat", role="main") + "x" * 300_000
    project("club/exercises/huge-lift.md", text)
    lines = refused("club")
    assert lines[0].startswith("club/exercises/huge-lift.md:1: the file is 300,")
    assert "allowed at most 262,144 bytes (256 KiB)" in lines[0]


@pytest.mark.parametrize(("text", "line"), [
    (GOOD + "notes: " + "[" * 25 + "]" * 25 + "\n", 6),  # flow style: refused at the 21st [
    (GOOD + "x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 30)), 26),
    ("[" * 200_000, 1),  # deep and unfinished: refused long before the end
])
def test_nesting_deeper_than_20_is_refused(project, text, line):
    project("deep.yaml", text)
    assert refused("deep.yaml")[0] == (f"deep.yaml:{line}: nested more than 20 levels deep; "
                                       "allowed at most 20 (a profile needs 3)")


def test_nesting_of_20_is_not_refused_for_its_depth(project):
    project("deep.yaml", GOOD + "notes: " + "[" * 19 + "]" * 19 + "\n")
    assert "nested" not in run("validate", "deep.yaml").output


def test_notes_over_20000_characters_are_refused_with_their_line(project):
    project("long.yaml", GOOD + "notes: " + "a" * 20_001 + "\n")
    assert ("long.yaml:6: notes: a text of 20,001 characters; allowed at most 20,000"
            in refused("long.yaml"))


def test_any_text_over_20000_characters_is_refused_wherever_it_is(project):
    project("long.yaml", GOOD + "lists:\n  - " + "b" * 25_000 + "\n")
    assert ("long.yaml:7: lists.0: a text of 25,000 characters; allowed at most 20,000"
            in refused("long.yaml"))


def test_a_key_over_20000_characters_is_refused(project):
    project("long.yaml", GOOD + "? " + "k" * 20_001 + "\n: 1\n")  # a long key is written so
    assert any(line.startswith("long.yaml:6: ") and "a text of 20,001 characters; allowed at "
               "most 20,000" in line for line in refused("long.yaml"))


def test_notes_of_20000_characters_are_fine(project):
    project("notes.yaml", GOOD + "notes: " + "a" * 20_000 + "\n")
    assert run("validate", "notes.yaml").exit_code == 0


def test_more_profiles_than_max_athletes_are_refused_before_reading_them(project):
    for n in range(4):
        project(f"club/a{n}.yaml", f"name: Runner {n}\n" + GOOD.split("\n", 1)[1])
    result = run("validate", "club", "--max-athletes", "3")
    assert result.exit_code == 1
    assert result.output == ("error: club: more than 3 athlete profiles; allowed at most 3 "
                             "(--max-athletes allows more)\n")
    assert run("validate", "club", "--max-athletes", "4").exit_code == 0
    built = run("build", "club", "-o", "site", "--max-athletes", "3", "--format", "json")
    assert built.exit_code == 1 and "allowed at most 3" in built.output
    assert not os.path.exists("site")


def test_max_athletes_must_be_a_positive_number(project):
    project("ann.yaml", GOOD)
    assert run("validate", "ann.yaml", "--max-athletes", "0").exit_code == 2


def test_the_default_limit_is_20000_profiles():
    from generator.inputs.club_files import MAX_ATHLETES
    from generator.inputs.yamlsource import MAX_LOG_BYTES

    assert MAX_ATHLETES == 20_000
    assert MAX_LOG_BYTES == 4 * 1024 * 1024


def test_a_fifo_is_not_read(project, tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    assert refused("pipe.yaml")[0] == "pipe.yaml: not a regular file; allowed a file of text"


# --- not YAML, or not the YAML of a profile ----------------------------------------------------


@pytest.mark.parametrize(("content", "expected"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bad.yaml:1: not UTF-8 text (byte 89 at byte 1: "
     "invalid start byte); save the file as UTF-8"),
    (b"name: Ren\xe9e\nweekly_mileage: 30\n", "bad.yaml:1: not UTF-8 text (byte E9 at byte 10: "
     "invalid continuation byte); save the file as UTF-8"),
    (b"name: Ann\nweekly_mileage: 30\x00\x00\n", "bad.yaml:2: got the control character U+0000; "
     "allowed printable text only (is this a text file?)"),
    (b"name: \x1b[31mAnn\x1b[0m\n", "bad.yaml:1: got the control character U+001B; allowed "
     "printable text only (is this a text file?)"),
    (b"", "bad.yaml:1: the file is empty; an athlete profile needs at least name, weekly_mileage "
     "and week"),
    (b"- name: Ann\n- name: Bea\n", "bad.yaml:1: got [{'name': 'Ann'}, {'name': 'Bea'}]; a "
     "profile is a mapping of fields (name: \u2026, weekly_mileage: \u2026, week: \u2026)"),
    (b"just some words\n", "bad.yaml:1: got 'just some words'; a profile is a mapping of fields "
     "(name: \u2026, weekly_mileage: \u2026, week: \u2026)"),
    (b"name: Ann\nx: !!python/object/apply:os.system [echo pwned]\n",
     "bad.yaml:2: YAML syntax error: unknown YAML tag "
     "'tag:yaml.org,2002:python/object/apply:os.system'; write plain values"),
    (b"name: Ann\nweekly_mileage: !!float abc\n", "bad.yaml:2: YAML syntax error: 'abc' is not a "
     "valid !!float; write plain values"),
    (b"name: Ann\nstart: !!timestamp soon\n", "bad.yaml:2: YAML syntax error: 'soon' is not a "
     "valid !!timestamp; write plain values"),
    (b"name: Ann\nweekly_mileage: !!int '12abc'\n", "bad.yaml:2: YAML syntax error: '12abc' is "
     "not a valid !!int; write plain values"),
    (b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", "bad.yaml:2: YAML aliases (*name) are not "
     "allowed; write the value out in full"),
    (b"name: [Ann\n", "bad.yaml:2: YAML syntax error: "),
])
def test_files_that_are_not_a_profile(project, content, expected):
    project("bad.yaml", content)
    assert refused("bad.yaml")[0].startswith(expected)


def test_a_billion_laughs_is_refused_in_milliseconds(project):
    rows = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    project("bomb.yaml", "\n".join(rows) + "\n")
    started = time.monotonic()
    assert refused("bomb.yaml")[0].startswith("bomb.yaml:2: YAML aliases (*name) are not allowed")
    assert time.monotonic() - started < 2


def test_a_number_of_5000_digits_is_text_to_validation_not_a_traceback(project):
    project("big.yaml", GOOD.replace("weekly_mileage: 30", "weekly_mileage: " + "9" * 5000))
    line = next(x for x in refused("big.yaml") if x.startswith("big.yaml:2: weekly_mileage: got"))
    assert line.endswith("...; allowed a number above 0") or "allowed a number" in line


def test_a_hex_number_of_5000_digits_is_not_a_traceback(project):
    project("big.yaml", GOOD.replace("weekly_mileage: 30", "weekly_mileage: 0x" + "f" * 5000))
    assert any(x.startswith("big.yaml:2: weekly_mileage: got '0xfff") for x in refused("big.yaml"))


def test_an_exercise_file_with_a_list_for_front_matter(project):
    project("club/ann.yaml", GOOD)
    project("club/exercises/odd-lift.md", "---\n- a\n- b\n---\nBody\n")
    lines = refused("club")
    assert lines[0] == (
        "club/exercises/odd-lift.md:2: the front matter is a mapping of fields; allowed id, name, "
        "pattern, equipment, level, unilateral, dose, roles, summary, cues")


@pytest.mark.parametrize(("change", "expected"), [
    (("roles: [main]", "roles: 7"), ":11: roles: got 7; allowed a list"),
    (("  - []", "  - barbell"), ":6: equipment.0: got 'barbell'; allowed a list of lists of "
                                "equipment"),
    (("name: Odd lift", "name: [a, b]"), ":3: name: got ['a', 'b']; allowed text"),
    (("pattern: squat", "pattern: [squat]"), ":4: pattern: got ['squat']; allowed "),
    (("regressions: []", "regressions: [[x]]"), ":13: regressions.0: got ['x'], which is no "
                                               "exercise of the library"),
])
def test_exercise_files_of_the_wrong_shape(project, change, expected):
    project("club/ann.yaml", GOOD)
    text = EXERCISE.format(id="odd-lift", pattern="squat", role="main").replace(*change)
    project("club/exercises/odd-lift.md", text)
    lines = refused("club")
    assert lines[0].startswith(f"club/exercises/odd-lift.md{expected}"), lines


@pytest.mark.parametrize("name", ["CON", "..", "Odd_Lift", "a/b"])
def test_exercise_ids_must_be_plain_slugs(project, name):
    project("club/ann.yaml", GOOD)
    text = EXERCISE.format(id=name, pattern="squat", role="main")
    project("club/exercises/odd-lift.md", text)
    lines = refused("club")
    assert lines[0] == (f"club/exercises/odd-lift.md:2: id: got {name!r}; allowed up to 64 "
                        "lowercase letters, digits and hyphens, e.g. 'single-leg-bridge'")


def test_every_mistake_of_every_exercise_file_is_reported_on_its_line(project):
    project("club/ann.yaml", GOOD)
    text = EXERCISE.format(id="odd-lift", pattern="squatt", role="mian")
    project("club/exercises/odd-lift.md", text.replace("level: novice", "level: pro"))
    project("club/exercises/other-lift.md", EXERCISE.format(id="another", pattern="squat",
                                                            role="main"))
    lines = refused("club")
    assert lines[:4] == [
        "club/exercises/odd-lift.md:4: pattern: got 'squatt'; allowed squat, hinge, single_leg, "
        "calf, core, plyometric, upper_push, upper_pull, carry, hip, mobility, activation; did you "
        "mean 'squat'?",
        "club/exercises/odd-lift.md:7: level: got 'pro'; allowed novice, intermediate, advanced",
        "club/exercises/odd-lift.md:11: roles.0: got 'mian'; allowed warmup, plyometric, main, "
        "accessory, core, cooldown; did you mean 'main'?",
        "club/exercises/other-lift.md:2: id: got 'another', which is not the file's name; allowed "
        "'other-lift' (an exercise file is named <id>.md)"]
    assert lines[4] == ("The club's own files have mistakes (above); every profile depends on "
                        "them, so none was checked.")


def test_an_exercise_file_in_latin_1(project):
    project("club/ann.yaml", GOOD)
    text = EXERCISE.format(id="odd-lift", pattern="squat", role="main").replace("A lift.", "Caf\xe9")
    project("club/exercises/odd-lift.md", text.encode("latin-1"))
    lines = refused("club")
    assert lines[0].startswith("club/exercises/odd-lift.md:15: not UTF-8 text (byte E9")


# --- the club's web address --------------------------------------------------------------------

URL_ALLOWED = ("allowed an http:// or https:// address with no user name, password, query (?) or "
               "fragment (#), e.g. https://club.example/plans/")


@pytest.mark.parametrize("url", [
    "https://coach:secret@club.example/plans/",
    "https://club.example/plans/?utm=1",
    "https://club.example/plans/#top",
    "https://club.example:99999/",
    "https:///plans/",
    "'https://club<script>.example/'",
])
def test_a_base_url_a_site_cannot_use_is_refused(project, url):
    project("club/club.yaml", f"name: Club\npaper: a4\nbase_url: {url}\n")
    project("club/ann.yaml", GOOD)
    lines = refused("club")
    assert lines[0].startswith("club/club.yaml:3: base_url: got '")
    assert lines[0].endswith(URL_ALLOWED)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://club.example/"])
def test_a_base_url_that_is_not_a_web_address_is_refused(project, url):
    project("club/club.yaml", f"name: Club\nbase_url: '{url}'\n")
    project("club/ann.yaml", GOOD)
    lines = refused("club")
    assert lines[0].startswith("club/club.yaml:2: base_url: ")


def test_a_base_url_with_a_non_ascii_path_is_percent_encoded_in_the_sitemap(project):
    project("club/club.yaml", "name: Club\nbase_url: https://läufer.example/pläne/<x>\n"
            "privacy: {index: true}\n")
    project("club/ann.yaml", GOOD)
    result = run("build", "club", "-o", "site", "--format", "html,ics", "--today", "2026-11-24")
    assert result.exit_code == 0, result.output
    sitemap = Path("site/sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.isascii()
    assert "<loc>https://xn--lufer-gra.example/pl%C3%A4ne/%3Cx%3E/ann-example/</loc>" in sitemap
    ics = Path("site/ann-example/ann-example.ics").read_text(encoding="utf-8")
    assert "URL:https://xn--lufer-gra.example/pl%C3%A4ne/%3Cx%3E/ann-example/" in ics


@pytest.mark.parametrize(("text", "line", "field"), [
    (GOOD + 'notes: "a \\ud800 b"\n', 6, "notes"),
    ('name: "\\udfff"\n' + GOOD.split("\n", 1)[1], 1, "name"),
])
def test_half_a_character_is_refused_not_a_traceback_when_written(project, text, line, field):
    project("half.yaml", text)
    assert (f"half.yaml:{line}: {field}: got the escape \\u{'d800' if field == 'notes' else 'dfff'}, "
            "half of a character; allowed whole characters (write the character itself)"
            in refused("half.yaml"))
