"""Fuzzing the promise: whatever a profile holds (any YAML document, any value in any field, any
bytes), `validate`, `plan` and `build` answer with messages and exit 0, 1 or 2, never a traceback,
and in bounded time.

The default run tries a few dozen examples of each. The long run tries many more, and renders PDFs:

    python -m pytest -m fuzz tests/test_fuzz.py          # RUNLIFT_FUZZ_EXAMPLES=N to change N
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main

TODAY = "2026-11-24"
SECONDS = 60  # any one command on one fuzzed file, however slow the machine
BASE = {"name": "Fuzz Runner", "weekly_mileage": 30, "phase": "base", "weeks": 2,
        "start": "2027-01-04", "week": {"mon": "easy", "tue": "intervals", "wed": "rest",
                                        "thu": "easy", "fri": "rest", "sat": "long", "sun": "rest"}}
FIELDS = ["name", "id", "units", "load_unit", "weekly_mileage", "week", "phase", "race", "start",
          "weeks", "experience", "equipment", "sessions_per_week", "strength_days", "placement",
          "session_minutes", "bodyweight", "lifts", "focus", "notes"]
QUICK = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(QUICK, max_examples=int(os.environ.get("RUNLIFT_FUZZ_EXAMPLES", "400")),
                derandomize=False)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-10**30, 10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=80),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(["", "mi", "km", "base", "race", "easy", "barbell", "home", "10k", "kg",
                     "60 kg", "2 x 10 kg", "mon", "tue", "2027-02-30", "9" * 200, "<script>",
                     "[x](javascript:alert(1))", "file:///etc/passwd", "\u202e", "🏃", "~", "null"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=6), st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(
        max_size=12)), inner, max_size=6)), max_leaves=30)


def _profiles() -> st.SearchStrategy[dict]:
    """A valid profile with a few fields given arbitrary values, added or removed."""
    change = st.tuples(st.sampled_from(FIELDS), values, st.booleans())

    def apply(changes: list[tuple[str, object, bool]]) -> dict:
        profile = dict(BASE)
        for key, value, remove in changes:
            if remove:
                profile.pop(key, None)
            else:
                profile[key] = value
        return profile

    return st.lists(change, min_size=1, max_size=4).map(apply)


def _dump(data: object) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


documents = st.one_of(
    _profiles().map(_dump),
    values.map(_dump),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=400),
    st.lists(st.sampled_from(["name: A\n", "week:\n", "  mon: easy\n", "- x\n", "&a [1]\n", "*a\n",
                              "? [a]\n", ": b\n", "!!python/object:os.system {}\n", "\t", "---\n",
                              "notes: |\n", "  text\n", "'", "\"\\ud800\"", "{", "[", "%YAML 1.1\n"]),
             max_size=20).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
)


def _check(*args: str) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(main, list(args), prog_name="runlift")
    assert time.monotonic() - started < SECONDS, f"{args} took too long"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}\n{result.output}")
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output


def _validate_and_plan(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(content)
        _check("validate", str(path))
        _check("plan", str(path), "--today", TODAY)
        _check("plan", str(path), "--json", "--today", TODAY)


def _build(content: bytes, formats: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        club = Path(folder) / "club"
        club.mkdir()
        (club / "fuzz.yaml").write_bytes(content)
        (club / "good.yaml").write_bytes(_dump(BASE | {"name": "Good Runner"}))
        _check("build", str(club), "-o", str(Path(folder) / "site"), "--format", formats,
               "--today", TODAY, "--jobs", "1")


def _club_file(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "club.yaml").write_bytes(content)
        (Path(folder) / "ann.yaml").write_bytes(_dump(BASE))
        _check("validate", folder)


# --- the default run: a few examples of each --------------------------------------------------


@QUICK
@given(documents)
def test_validate_and_plan_never_crash(content):
    _validate_and_plan(content)


@settings(QUICK, max_examples=6)
@given(documents)
def test_build_never_crashes(content):
    _build(content, "html,json,ics")


@settings(QUICK, max_examples=8)
@given(st.one_of(values.map(lambda v: _dump({"name": "Club", "base_url": v})),
                 values.map(lambda v: _dump({"defaults": v})), values.map(_dump), st.binary()))
def test_club_files_never_crash(content):
    _club_file(content)


# --- the long run: python -m pytest -m fuzz tests/test_fuzz.py ---------------------------------


@pytest.fixture
def long_run(request):
    if "fuzz" not in (request.config.getoption("-m") or ""):
        pytest.skip("the long fuzz run: python -m pytest -m fuzz tests/test_fuzz.py")


@pytest.mark.fuzz
def test_long_validate_and_plan(long_run):
    LONG(given(documents)(_validate_and_plan))()


@pytest.mark.fuzz
def test_long_build_with_pdfs(long_run):
    settings(LONG, max_examples=max(LONG.max_examples // 10, 1))(
        given(documents)(lambda content: _build(content, "html,pdf,json,ics")))()


@pytest.mark.fuzz
def test_long_club_files(long_run):
    LONG(given(st.one_of(values.map(lambda v: _dump({"name": "Club", "base_url": v})),
                         values.map(lambda v: _dump({"defaults": v})), st.binary()))(_club_file))()
