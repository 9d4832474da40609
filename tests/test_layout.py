"""The code's shape, as the README's Layout promises: short modules and functions, and a wheel
that works when installed like any other package."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modules_and_functions_stay_short(module):
    text = module.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400, f"{module.name} has over 400 lines"
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > 60]
    assert not long, f"functions over 60 lines in {module.name}: {', '.join(long)}"


CLUB = "name: Wheel Club\nbase_url: https://wheel.example/club/\n"
ATHLETE = """\
name: {name}
weekly_mileage: 40
week: {{mon: easy, tue: intervals, wed: rest, thu: easy, fri: rest, sat: long, sun: rest}}
phase: base
weeks: 2
start: 2027-01-04
"""


@pytest.mark.slow
def test_an_installed_wheel_builds_a_club_in_every_format(tmp_path):
    """`pip install runlift.whl` (no -e) finds its templates, stylesheet and exercises."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(ROOT)], check=True)
    wheel = next(wheels.glob("runlift-*.whl"))
    env_dir = tmp_path / "venv"
    # the dependencies come from this interpreter's site-packages; runlift itself only from the wheel
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    python = env_dir / "bin" / "python"
    # run from a virtualenv (scripts/test's .venv), the dependencies live in its site-packages
    site_dir = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    Path(site_dir, "_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    club = tmp_path / "club"
    (club / "athletes").mkdir(parents=True)
    (club / "club.yaml").write_text(CLUB, encoding="utf-8")
    for name in ("Ana Wheel", "Ben Wheel"):
        slug = name.lower().replace(" ", "-")
        (club / "athletes" / f"{slug}.yaml").write_text(ATHLETE.format(name=name),
                                                        encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    where = subprocess.run([python, "-c", "import generator; print(generator.__file__)"],
                           cwd=outside, env=clean, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout, "runlift was not imported from the installed wheel"
    result = subprocess.run([env_dir / "bin" / "runlift", "build", str(club), "-o",
                             str(tmp_path / "site"), "--today", "2026-11-24"],
                            cwd=outside, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for athlete in ("ana-wheel", "ben-wheel"):
        for name in ("index.html", f"{athlete}.pdf", f"{athlete}.json", f"{athlete}.ics"):
            assert (site / athlete / name).stat().st_size > 0
    assert "Ana Wheel" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "style.css").stat().st_size > 1000
    assert (site / "exercises" / "back-squat.html").is_file()
