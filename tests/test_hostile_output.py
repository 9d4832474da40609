"""The output folder is runlift's alone: no link followed or written through, a full, read-only or
vanished folder is one message and exit 1 with the last good site intact, one build at a time, and
a build stopped half way then run again equals a clean build."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import re
import shutil
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import snapshot

from generator.cli import main
from generator.pipeline import one as pipeline_one
from generator.publish import output

WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"
FAST = ("--format", "html,json,ics", "--today", "2026-11-24")


def profile(name: str) -> str:
    return (f"name: {name}\nweekly_mileage: 30\nphase: base\nweeks: 1\nstart: 2027-01-04\n"
            f"week: {WEEK}\n")


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="runlift")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def club(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "club"
    folder.mkdir()
    (folder / "club.yaml").write_text("name: Club\n", encoding="utf-8")
    (folder / "ann.yaml").write_text(profile("Ann"), encoding="utf-8")
    (folder / "bob.yaml").write_text(profile("Bob"), encoding="utf-8")
    return folder


def built(*extra: str) -> dict[str, bytes]:
    result = run("build", "club", "-o", "site", *FAST, *extra)
    assert result.exit_code == 0, result.output
    return snapshot(Path("site"))


# --- links ------------------------------------------------------------------------------------


def test_a_link_to_a_folder_outside_is_refused_before_anything_is_written(club, tmp_path):
    before = built()
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, "site/x")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"error: site/x is a symbolic link (to {outside}); the output folder is runlift's alone "
        "and runlift never writes through a link: remove the link, or build into another folder")
    assert list(outside.iterdir()) == []
    assert snapshot(Path("site")) == before


def test_a_link_planted_where_a_page_goes_is_never_written_through(club, tmp_path):
    built()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    os.remove("site/ann/index.html")
    os.symlink(victim, "site/ann/index.html")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1
    assert "error: site/ann/index.html is a symbolic link" in result.output
    assert victim.read_text(encoding="utf-8") == "precious"
    assert os.path.islink("site/ann/index.html")


def test_an_athlete_folder_replaced_by_a_link_is_refused(club, tmp_path):
    built()
    outside = tmp_path / "etc"
    outside.mkdir()
    shutil.rmtree("site/bob")
    os.symlink(outside, "site/bob")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1 and "error: site/bob is a symbolic link" in result.output
    assert list(outside.iterdir()) == []


def test_a_dangling_link_is_refused_too(club):
    built()
    os.symlink("/nonexistent/runlift-target", "site/ann/ann.json.bak")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1 and "site/ann/ann.json.bak is a symbolic link" in result.output


def test_the_writer_never_writes_through_a_link_even_if_one_appears_late(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "site"
    root.mkdir()
    os.symlink(outside, root / "ann")
    site = output.SiteFiles()
    site.put("ann/index.html", "page")
    with pytest.raises(output.BuildError, match="ann is a symbolic link"):
        output.Writer(root).write_all(site)
    assert list(outside.iterdir()) == []


def test_the_output_folder_itself_may_be_a_link(club, tmp_path):
    real = tmp_path / "www"
    real.mkdir()
    os.symlink(real, "site")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 0, result.output
    assert (real / "ann" / "index.html").is_file()


def test_pruning_never_follows_a_link_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    root = tmp_path / "site"
    root.mkdir()
    os.symlink(outside, root / "old")
    removed = output.remove_stale(root, ["old/keep.txt", "../outside/keep.txt", "/etc/hostname"],
                                  set())
    assert removed == [] and (outside / "keep.txt").exists()


# --- a folder that cannot be written ------------------------------------------------------------


def test_a_full_disk_is_one_message_and_the_last_site_stays_whole(club, monkeypatch):
    before = built()
    (club / "ann.yaml").write_text(profile("Ann").replace("weeks: 1", "weeks: 2"), encoding="utf-8")
    real_write = os.write
    calls = []

    def full(fd, data):
        calls.append(fd)
        if len(calls) > 3:  # a few files fit, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    result = run("build", "club", "-o", "site", *FAST)
    monkeypatch.setattr(os, "write", real_write)
    assert result.exit_code == 1
    message = result.output.splitlines()[-1]
    assert message.startswith("error: cannot write the site into site/ (No space left on device")
    assert message.endswith("every athlete's files there are whole, from this build or the last "
                            "one")
    now = snapshot(Path("site"))
    after = built()  # the next build completes it

    def ann(files: dict[str, bytes]) -> dict[str, bytes]:
        return {k: v for k, v in files.items() if k.startswith("ann/")}

    assert ann(now) in (ann(before), ann(after))  # all from one build or the other: whole
    assert set(now) == set(before)  # no temporary files left behind
    assert after != before


def test_a_rename_failing_leaves_no_temporary_files(club, monkeypatch):
    before = built()
    (club / "ann.yaml").write_text(profile("Ann").replace("weeks: 1", "weeks: 2"), encoding="utf-8")

    def fail(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert snapshot(Path("site")) == before


def test_a_read_only_file_system_is_one_message(club, monkeypatch):
    before = built()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = run("build", "club", "-o", "site", *FAST)
    monkeypatch.setattr(os, "open", real_open)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(
        "error: cannot write the site into site/ (Read-only file system at ")
    assert snapshot(Path("site")) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_message(club):
    before = built()
    os.chmod("site", 0o555)
    try:
        result = run("build", "club", "-o", "site", *FAST)
    finally:
        os.chmod("site", 0o755)
    assert result.exit_code == 1 and "Permission denied" in result.output
    assert snapshot(Path("site")) == before


def test_an_output_path_that_is_a_file_is_one_message(club):
    Path("site").write_text("not a folder", encoding="utf-8")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert Path("site").read_text(encoding="utf-8") == "not a folder"


def test_a_folder_that_vanishes_during_the_build_is_one_message(club, monkeypatch):
    built()
    (club / "ann.yaml").write_text(profile("Ann").replace("weeks: 1", "weeks: 2"), encoding="utf-8")
    real = output.Writer.write_all

    def vanish(self, site):
        shutil.rmtree("site")
        return real(self, site)

    monkeypatch.setattr(output.Writer, "write_all", vanish)
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(
        "error: cannot write the site into site/ (No such file or directory")


def test_a_folder_where_a_page_goes_is_one_message(club):
    built()
    os.remove("site/ann/index.html")
    os.mkdir("site/ann/index.html")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1
    assert ("error: site/ann/index.html is a folder; runlift writes a file there: move the folder "
            "away") in result.output


# --- one build at a time; stopped builds --------------------------------------------------------


def test_a_second_build_into_the_same_folder_is_refused(club):
    before = built()
    handle = os.open("site/.runlift-lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)  # another build, as far as runlift can tell
    try:
        result = run("build", "club", "-o", "site", *FAST)
    finally:
        os.close(handle)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "error: site/ is being built by another runlift right now (it holds "
        "site/.runlift-lock); wait for it to finish, or build into another folder")
    assert {k: v for k, v in snapshot(Path("site")).items() if k != ".runlift-lock"} == before
    assert built() == before  # the lock is gone with the build that held it
    assert not os.path.exists("site/.runlift-lock")


def test_a_build_stopped_while_renaming_then_run_again_equals_a_clean_build(club, tmp_path,
                                                                             monkeypatch):
    built()
    (club / "ann.yaml").write_text(profile("Ann").replace("weeks: 1", "weeks: 2"), encoding="utf-8")
    real_replace = os.replace
    count = []

    def killed(src, dst):
        count.append(dst)
        if len(count) == 4:
            raise KeyboardInterrupt  # the build is killed half way through its renames
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", killed)
    CliRunner().invoke(main, ["build", "club", "-o", "site", *FAST])
    monkeypatch.setattr(os, "replace", real_replace)
    again = built()
    clean = run("build", "club", "-o", tmp_path / "clean", *FAST)
    assert clean.exit_code == 0
    assert again == snapshot(tmp_path / "clean")


def test_temporary_files_a_killed_build_left_are_cleared(club):
    before = built()
    Path("site/ann/.tmp-0123456789ab.html").write_text("half a page", encoding="utf-8")
    assert built() == before


def test_a_template_mistake_leaves_no_empty_folder_behind(club):
    (club / "templates").mkdir()
    (club / "templates" / "index.html").write_text("{% if %}", encoding="utf-8")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1 and not os.path.exists("site")


# --- dates from the inputs or SOURCE_DATE_EPOCH, never the clock -------------------------------


def _clock(day: dt.date) -> types.SimpleNamespace:
    """The datetime module as the pipeline sees it, with the clock showing `day`."""

    class Clock(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return day

    return types.SimpleNamespace(date=Clock, datetime=dt.datetime, UTC=dt.UTC,
                                 timedelta=dt.timedelta, time=dt.time)


def _build_on(day: dt.date, out: str, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setattr(pipeline_one, "dt", _clock(day))
    result = run("build", "club", "-o", out, "--format", "html,pdf,json,ics")
    assert result.exit_code == 0, result.output
    return snapshot(Path(out))


def test_builds_on_two_days_with_one_source_date_epoch_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "club").mkdir()
    (tmp_path / "club" / "club.yaml").write_text(
        "name: Club\nbase_url: https://club.example/plans/\n", encoding="utf-8")
    (tmp_path / "club" / "ann.yaml").write_text(  # no start: the block begins after 'today'
        f"name: Ann\nweekly_mileage: 30\nphase: base\nweeks: 1\nweek: {WEEK}\n", encoding="utf-8")
    monkeypatch.delenv("RUNLIFT_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _build_on(dt.date(2027, 3, 1), "a", monkeypatch) != \
        _build_on(dt.date(2027, 5, 3), "b", monkeypatch)  # the clock matters without it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01 UTC
    first = _build_on(dt.date(2027, 3, 1), "c", monkeypatch)
    second = _build_on(dt.date(2031, 7, 9), "d", monkeypatch)
    assert first == second and "ann/ann.pdf" in first
    assert b"DTSTAMP:20270104T000000Z" in first["ann/ann.ics"]  # the block's first Monday


@pytest.mark.parametrize("value", ["soon", "1e9", "99999999999999999999"])
def test_a_source_date_epoch_that_is_not_a_number_is_a_usage_error(club, monkeypatch, value):
    monkeypatch.delenv("RUNLIFT_TODAY", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run("build", "club", "-o", "site", "--format", "json")
    assert result.exit_code == 2
    assert result.output == (f"SOURCE_DATE_EPOCH: got {value!r}; allowed a whole number of "
                             "seconds since 1970-01-01 UTC, e.g. 1798761600\n")


# --- a failed build leaves a site a browser can use ---------------------------------------------


def _broken_links(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>"), f"{page} is not whole"
        for link in re.findall(r'(?:href|src)="([^"#]+)', text):
            if re.match(r"[a-z]+:", link):
                continue  # http(s), mailto, data: not files of the site
            target = (page.parent / link).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
    return broken


def test_a_failed_build_keeps_every_page_whole_and_every_link_resolving(club):
    built()
    (club / "bob.yaml").write_text(profile("Bob").replace("phase: base", "phase: bass"),
                                   encoding="utf-8")
    (club / "cy.yaml").write_text(profile("Cy"), encoding="utf-8")
    result = run("build", "club", "-o", "site", *FAST)
    assert result.exit_code == 1 and "bob.yaml" in result.output
    site = Path("site")
    assert (site / "bob" / "index.html").is_file()  # the last good page of Bob stays
    assert (site / "cy" / "index.html").is_file()
    assert _broken_links(site) == []
