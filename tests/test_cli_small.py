"""Small CLI behaviours: validate's default folder, --pattern's choices, plural wording."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main
from generator.vocabulary import PATTERNS

WEEK = "{mon: easy, tue: intervals, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}"
GOOD = f"name: Ann\nweekly_mileage: 30\nweek: {WEEK}\nphase: base\n"
BAD = f"name: Bob\nweekly_mileage: 30\nweek: {WEEK}\nphase: bass\n"


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_validate_without_a_path_checks_programs(project):
    project("programs/athletes/ann.yaml", GOOD)
    result = invoke("validate")
    assert result.exit_code == 0
    assert "1 profile OK." in result.output


def test_validate_without_a_path_and_no_programs_is_a_usage_error(project):
    result = invoke("validate")
    assert result.exit_code == 2
    assert "programs" in result.output


def test_unknown_pattern_is_a_usage_error_listing_the_patterns(project):
    result = invoke("exercises", "--pattern", "foo")
    assert result.exit_code == 2
    assert "'foo'" in result.output
    assert all(p in result.output for p in PATTERNS)
    calf = invoke("exercises", "--pattern", "calf")
    assert calf.exit_code == 0 and "single-leg-calf-raise" in calf.output


def test_summary_grammar(project):
    project("one/bob.yaml", BAD)
    assert "1 of 1 profile has mistakes." in invoke("validate", "one").output
    project("three/ann.yaml", GOOD)
    project("three/bob.yaml", BAD)
    project("three/cy.yaml", GOOD.replace("Ann", "Cy"))
    assert "1 of 3 profiles has mistakes." in invoke("validate", "three").output
    project("three/di.yaml", BAD.replace("Bob", "Di"))
    assert "2 of 4 profiles have mistakes." in invoke("validate", "three").output
