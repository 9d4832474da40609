"""Golden files: a small fixed club (tests/golden/club/) built with a fixed --today, compared byte
for byte with tests/golden/site/.

When output changes on purpose, read the diff this test prints, then run `scripts/regen-golden`
and review `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import contextlib
import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

HERE = Path(__file__).resolve().parent
CLUB_DIR = HERE / "golden" / "club"
EXPECTED_DIR = HERE / "golden" / "site"
TODAY = "2026-11-24"
HINT = ("If this change is intended, check the diff above, then run scripts/regen-golden and "
        "commit the updated tests/golden/site/.")


def render_golden(workdir: Path) -> dict[str, bytes]:
    """Build the golden club in `workdir` and return the compared files by relative path: the
    club page, and each athlete's page and JSON."""
    shutil.copytree(CLUB_DIR, workdir / "club")
    with contextlib.chdir(workdir):  # messages and paths never depend on where the repo lives
        result = CliRunner().invoke(main, ["build", "club", "-o", "site", "--today", TODAY,
                                           "-j", "1"])
    if result.exit_code != 0 or result.exception and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"building the golden club failed:\n{result.output}")
    site = workdir / "site"
    files = {"index.html": (site / "index.html").read_bytes()}
    for folder in sorted(p for p in site.iterdir() if (p / f"{p.name}.json").is_file()):
        files[f"{folder.name}/index.html"] = (folder / "index.html").read_bytes()
        files[f"{folder.name}/{folder.name}.json"] = (folder / f"{folder.name}.json").read_bytes()
    return files


def expected_files() -> dict[str, bytes]:
    return {p.relative_to(EXPECTED_DIR).as_posix(): p.read_bytes()
            for p in sorted(EXPECTED_DIR.rglob("*")) if p.is_file()}


def _diff(name: str, expected: bytes, actual: bytes, limit: int = 60) -> str:
    lines = list(difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(keepends=True),
        actual.decode("utf-8", "replace").splitlines(keepends=True),
        fromfile=f"tests/golden/site/{name}", tofile=f"built/{name}"))
    shown = "".join(lines[:limit])
    if len(lines) > limit:
        shown += f"\n... {len(lines) - limit} more diff lines\n"
    return shown


@pytest.fixture(scope="module")
def golden(tmp_path_factory) -> dict[str, bytes]:
    return render_golden(tmp_path_factory.mktemp("golden"))


def test_golden_club_builds_the_expected_files(golden):
    # two athletes: each a page and a JSON, plus the club page
    assert sorted(golden) == ["index.html", "kenji/index.html", "kenji/kenji.json",
                              "rosa-diaz/index.html", "rosa-diaz/rosa-diaz.json"]
    missing = sorted(set(golden) - set(expected_files()))
    extra = sorted(set(expected_files()) - set(golden))
    assert not missing and not extra, (
        f"golden files missing: {missing}; golden files no longer built: {extra}. {HINT}")


@pytest.mark.parametrize("name", ["index.html", "kenji/index.html", "kenji/kenji.json",
                                  "rosa-diaz/index.html", "rosa-diaz/rosa-diaz.json"])
def test_output_matches_golden_file(golden, name):
    expected = expected_files().get(name)
    assert expected is not None, f"tests/golden/site/{name} does not exist. {HINT}"
    actual = golden[name]
    if actual != expected:
        pytest.fail(f"{name} differs from tests/golden/site/{name}:\n"
                    f"{_diff(name, expected, actual)}\n{HINT}", pytrace=False)


def test_regen_script_is_executable():
    script = HERE.parent / "scripts" / "regen-golden"
    assert script.is_file() and script.stat().st_mode & 0o111
    assert script.read_text("utf-8").startswith("#!/usr/bin/env ")
