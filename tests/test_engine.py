"""The club engine: rebuilds do only what changed, workers give the same bytes, a killed build
is completed by the next one, and --only / --clean do what they say."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import snapshot

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
WEEK = "{mon: easy, tue: rest, wed: tempo, thu: easy, fri: rest, sat: long, sun: rest}"
FAST = ("--format", "html,json,ics", "--today", "2026-11-24")


def profile(name: str, weeks: int = 2) -> str:
    return (f"name: {name}\nweekly_mileage: 30\nphase: base\nweeks: {weeks}\n"
            f"start: 2027-01-04\nexperience: intermediate\nweek: {WEEK}\n")


@pytest.fixture
def club(project):
    project("club/club.yaml", "name: Engine Club\n")
    for name in ("Ann", "Bob", "Cy"):
        project(f"club/{name.lower()}.yaml", profile(name))
    return Path("club").resolve()


def build(*extra: str, out: str = "site"):
    result = CliRunner().invoke(main, ["build", "club", "-o", out, *FAST, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_with_nothing_changed_writes_nothing(club):
    assert build().exit_code == 0
    before = stamps(Path("site"))
    time.sleep(0.01)
    again = build()
    assert again.exit_code == 0
    assert "Built 0 athletes" in again.output and "3 unchanged" in again.output
    assert "(0 files written" in again.output
    assert stamps(Path("site")) == before


def test_one_edit_rewrites_only_that_athlete_and_the_club_page(club):
    build()
    before = stamps(Path("site"))
    (club / "bob.yaml").write_text(profile("Bob", weeks=3), encoding="utf-8")
    time.sleep(0.01)
    assert build().exit_code == 0
    after = stamps(Path("site"))
    changed = {f for f in after if after[f] != before.get(f)}
    assert changed == {"bob/index.html", "bob/bob.json", "bob/bob.ics", "index.html",
                       "overview.html", ".runlift-manifest.json"}


def test_an_unchanged_profile_with_a_mistake_is_reported_again_without_validating(club):
    (club / "cy.yaml").write_text(profile("Cy").replace("phase: base", "phase: bass"),
                                  encoding="utf-8")
    first = build()
    assert first.exit_code == 1 and "cy.yaml:3: phase: got 'bass'" in first.output
    probe = ("import sys; from generator.cli import main\n"
             "try:\n    main(['build', 'club', '-o', 'site', " + ", ".join(map(repr, FAST)) + "])\n"
             "except SystemExit as exc:\n    print('exit', exc.code)\n"
             "print('pydantic' in sys.modules, 'jinja2' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=club.parent, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "cy.yaml:3: phase: got 'bass'" in result.stderr
    assert result.stdout.splitlines()[-2:] == ["exit 1", "False False"]


def test_only_rebuilds_the_athletes_named_and_clean_rebuilds_all(club):
    build()
    before = stamps(Path("site"))
    time.sleep(0.01)
    assert "Built 1 athlete" in build("--only", "ann").output
    after = stamps(Path("site"))
    assert after["ann/index.html"] != before["ann/index.html"]
    assert after["bob/index.html"] == before["bob/index.html"]
    cleaned = build("--clean")
    assert "Built 3 athletes" in cleaned.output
    assert stamps(Path("site"))["bob/index.html"] != after["bob/index.html"]
    assert build(out="fresh").exit_code == 0
    assert snapshot(Path("site")) == snapshot(Path("fresh"))  # same bytes as a first build


def test_only_takes_file_names_and_refuses_a_name_that_is_no_athlete(club):
    assert build().exit_code == 0
    for name in ("bob.yaml", "club/bob.yaml"):
        again = build("--only", name)
        assert again.exit_code == 0 and "Built 1 athlete" in again.output, again.output
    typo = build("--only", "bbo")
    assert typo.exit_code == 2
    assert typo.output == ("Error: --only: got 'bbo', which is no athlete of club/; allowed an "
                           "athlete's id or profile file name; did you mean 'bob'?\n")
    assert build("--only", " , ").exit_code == 2


def test_a_build_into_the_club_folder_itself_is_refused(club):
    result = build(out="club")
    assert result.exit_code == 2
    assert result.output == ("-o club/ is the club's own folder; build into a folder of its own, "
                             "e.g. -o club/site\n")
    assert not Path("club/index.html").exists()


def test_a_profile_that_leaves_takes_its_files_with_it(club):
    build()
    (club / "cy.yaml").unlink()
    result = build()
    assert result.exit_code == 0 and not Path("site/cy").exists()
    assert "cy/index.html" not in Path("site/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_one_worker_and_two_give_the_same_bytes(club):
    for name in ("Dee", "Eve"):
        (club / f"{name.lower()}.yaml").write_text(profile(name, weeks=1), encoding="utf-8")
    one = build("--format", "html,pdf,json,ics", "-j", "1", out="one")
    two = build("--format", "html,pdf,json,ics", "-j", "2", out="two")
    assert one.exit_code == two.exit_code == 0
    assert snapshot(Path("one")) == snapshot(Path("two"))


@pytest.mark.slow
@pytest.mark.parametrize(("after", "jobs"), [(0.8, "1"), (1.6, "1"), (2.6, "1"), (1.6, "2")])
def test_a_build_killed_at_any_moment_is_completed_by_the_next(club, after, jobs):
    """kill -9 part way through a build with PDFs, then build again: equal to a clean build.
    With two workers, athletes and their PDFs are tasks of their own, staged by the workers."""
    for name in ("Dee", "Eve", "Fay"):
        (club / f"{name.lower()}.yaml").write_text(profile(name, weeks=1), encoding="utf-8")
    command = [sys.executable, "-m", "generator.cli", "build", "club", "-o", "site", "-j", jobs,
               "--format", "html,pdf,json,ics", "--today", "2026-11-24"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()
    rerun = subprocess.run(command, env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    clean = subprocess.run([*command[:6], "clean", *command[7:]], env=env)
    assert clean.returncode == 0
    assert snapshot(Path("site")) == snapshot(Path("clean"))


def test_three_shards_merged_equal_one_build(club):
    for name in ("Dee", "Eve", "Fay", "Gus"):
        (club / f"{name.lower()}.yaml").write_text(profile(name), encoding="utf-8")
    assert build(out="whole").exit_code == 0
    shards = []
    for i in (1, 2, 3):
        result = build("--shard", f"{i}/3", out=f"shard-{i}")
        assert result.exit_code == 0, result.output
        assert not Path(f"shard-{i}/index.html").exists()  # the club pages come with the merge
        shards.append(f"shard-{i}")
    sizes = [len(list(Path(s).glob("*/index.html"))) for s in shards]
    assert sum(sizes) == 7 and all(sizes)  # every athlete in exactly one shard
    merged = CliRunner().invoke(main, ["merge", *shards, "-o", "merged", "--club", "club",
                                       *FAST])
    assert merged.exit_code == 0, merged.output
    assert snapshot(Path("merged")) == snapshot(Path("whole"))


def test_a_shard_with_no_athletes_merges_and_a_shard_given_twice_does_not(club):
    # more shards than athletes: some shard builds nothing, and the merge still equals one build
    assert build(out="whole").exit_code == 0
    shards = [f"shard-{i}" for i in range(1, 6)]
    for i, shard in enumerate(shards, 1):
        assert build("--shard", f"{i}/5", out=shard).exit_code == 0
    assert any(not list(Path(s).glob("*/index.html")) for s in shards)
    merge = ["merge", "--club", "club", *FAST]
    merged = CliRunner().invoke(main, [*merge, *shards, "-o", "merged"])
    assert merged.exit_code == 0, merged.output
    assert snapshot(Path("merged")) == snapshot(Path("whole"))
    same = Path(shards[0]).resolve().as_posix()  # one folder, written two ways
    twice = CliRunner().invoke(main, [*merge, shards[0], same, "-o", "again"])
    assert twice.exit_code == 1
    assert twice.output == (f"error: {same}/ is given twice (as {shards[0]}/ too); give each "
                            "shard once\n")
    into = CliRunner().invoke(main, [*merge, *shards, "-o", shards[1]])
    assert into.exit_code == 1 and "is one of the shards" in into.output


def test_an_id_in_two_shards_fails_the_merge_for_the_second(club):
    (club / "ann-again.yaml").write_text(profile("Ann").replace("name: Ann", "name: Ann\nid: ann"),
                                         encoding="utf-8")
    for i in (1, 2):
        build("--shard", f"{i}/2", out=f"shard-{i}")
    merged = CliRunner().invoke(main, ["merge", "shard-1", "shard-2", "-o", "merged", "--club",
                                       "club", *FAST])
    if merged.exit_code == 0:  # both landed in one shard, whose own build caught it
        pytest.skip("the two profiles fell in the same shard")
    assert merged.exit_code == 1 and "'ann' is already used by" in merged.output


def test_a_profile_linked_from_outside_the_club_is_not_read(club, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: Hidden Person\nweekly_mileage: 30\n", encoding="utf-8")
    (club / "evil.yaml").symlink_to(secret)
    result = build()
    assert result.exit_code == 1
    assert ("club/evil.yaml: is a link to a file outside the club's folder; runlift reads only "
            "the club's own files") in result.output
    assert "Hidden Person" not in result.output and not Path("site/hidden-person").exists()
    checked = CliRunner().invoke(main, ["validate", "club"])
    assert checked.exit_code == 1 and "club/evil.yaml: is a link" in checked.output
