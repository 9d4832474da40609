"""Benchmark: build a generated club and print each figure beside its floor (not a test).

    python benchmarks/bench_build.py [--athletes 200] [--pdf-athletes 8] [--json out.json]

Every figure is measured in the same run as its floor, on the same machine, so that a shared,
noisy machine still gives comparable ratios:

- cold HTML+JSON+ICS build (the best of three, each into a new folder), in units of a bare CPU
  loop (`for i in range(10**7): pass`);
- a no-op rebuild, beside a Python that imports click and PyYAML and reads and hashes every profile;
- one edited profile, beside a cold build of that athlete alone;
- `runlift --help`, beside `python -c "import click"`;
- PDFs at --jobs 1 and --jobs 2 (the better of two runs each), as PDF pages per second per core;
- peak memory (RSS) of a build at 50 and at 500 profiles.

Each runlift figure runs the installed `runlift` command in a child process, so the figures are
what a coach's build costs. Profiles are generated with a fixed seed, so runs are comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
TODAY = "2026-11-24"
RSS_ATHLETES = 500  # peak memory is compared at 50 and at this many athletes
FLOOR = """
import hashlib, pathlib, sys
import click, yaml
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    hashlib.sha256(p.read_bytes()).hexdigest()
"""


def make_profile(rng: random.Random, n: int) -> dict:
    week = {d: rng.choice(["easy", "easy", "rest", "moderate", "recovery"]) for d in DAYS}
    week[rng.choice(["sat", "sun"])] = "long"
    week[rng.choice(["tue", "wed"])] = rng.choice(["intervals", "tempo", "hills"])
    profile = {"name": f"Runner {n:03d}", "weekly_mileage": rng.randint(15, 120), "week": week,
               "experience": rng.choice(["novice", "intermediate", "advanced"]),
               "equipment": rng.choice(["gym", "home", "bodyweight"]),
               "start": "2027-01-04"}
    if rng.random() < 0.7:
        race = f"2027-{rng.randint(2, 5):02d}-{rng.randint(1, 28):02d}"
        profile["race"] = {"date": race,
                           "distance": rng.choice(["5k", "10k", "half", "marathon"])}
    else:
        profile["phase"] = rng.choice(["base", "build"])
        profile["weeks"] = rng.randint(4, 12)
    if profile["equipment"] == "gym" and rng.random() < 0.5:
        profile["lifts"] = {"back-squat": f"{rng.randint(40, 120)} kg",
                            "romanian-deadlift": f"{rng.randint(30, 100)} kg"}
    return profile


def make_club(folder: Path, athletes: int) -> Path:
    rng = random.Random(2026)
    club = folder / f"club-{athletes}"
    (club / "athletes").mkdir(parents=True)
    (club / "club.yaml").write_text("name: Benchmark Club\n", encoding="utf-8")
    for n in range(athletes):
        (club / "athletes" / f"runner-{n:03d}.yaml").write_text(
            yaml.safe_dump(make_profile(rng, n), sort_keys=False), encoding="utf-8")
    return club


# Children run as an installed runlift does, with Python's bytecode cache: a shell that sets
# PYTHONDONTWRITEBYTECODE would have runlift compile its own source on every run (about 0.2 s),
# while the floors' modules (click, PyYAML) come compiled from their install.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(args: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=CHILD_ENV)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, (peak if peak > before else 0) // 1024


def best(args: list[str], runs: int = 3) -> float:
    return min(timed(args)[0] for _ in range(runs))


def installed_runlift() -> list[str]:
    """The `runlift` script installed beside this Python, run directly: through the same
    launcher as the floors (a version manager's shim in PATH, such as pyenv's, would add its own
    start-up to runlift's figures only)."""
    script = Path(sys.executable).parent / "runlift"
    return [str(script)] if script.is_file() else ["runlift"]


RUNLIFT = installed_runlift()  # --command replaces it, e.g. to measure another checkout


def build(club: Path, out: Path, formats: str, *extra: str) -> list[str]:
    return [*RUNLIFT, "build", str(club), "-o", str(out), "--today", TODAY, "--format", formats,
            *extra]


def cpu_unit() -> float:
    return best([sys.executable, "-c", "for i in range(10**7): pass"])


def rss_of(club: Path, out: Path) -> int:
    """Peak RSS of a build, in a fresh child so that earlier peaks do not hide it."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")
    result = subprocess.run([sys.executable, "-c", probe, *build(club, out, "html,json,ics")],
                            capture_output=True, text=True, check=False, env=CHILD_ENV)
    return int(result.stdout.strip() or 0)


def pdf_pages(site: Path) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(p).pages) for p in site.rglob("*.pdf"))


def measure(work: Path, athletes: int, pdf_athletes: int) -> dict:
    figures: dict = {"athletes": athletes, "unit_s": cpu_unit()}
    club = make_club(work, athletes)
    sites = [work / f"site-{run}" for run in range(3)]  # each cold run into a new folder
    cold = min(timed(build(club, site, "html,json,ics"))[0] for site in sites)
    site = sites[-1]
    figures["cold_html_json_ics_s"] = cold
    figures["cold_units"] = cold / figures["unit_s"]
    figures["noop_s"] = best(build(club, site, "html,json,ics"))
    figures["noop_floor_s"] = best([sys.executable, "-c", FLOOR, str(club)])
    edited = club / "athletes" / "runner-000.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Runner 000", "Runner Zero"),
                      encoding="utf-8")
    figures["one_edit_s"], _ = timed(build(club, site, "html,json,ics"))
    figures["one_athlete_cold_s"] = min(  # each run into a new folder: cold, not a no-op
        timed(build(edited, work / f"alone-{run}", "html,json,ics"))[0] for run in range(3))
    figures["help_s"] = best([*RUNLIFT, "--help"])
    figures["import_click_s"] = best([sys.executable, "-c", "import click"])
    pdf_club = make_club(work / "pdf", pdf_athletes)
    for jobs in (1, 2):  # the better of two runs, each into a new folder
        outs = [work / f"pdf-site-{jobs}-{run}" for run in range(2)]
        seconds = min(timed(build(pdf_club, out, "pdf", "--jobs", str(jobs)))[0] for out in outs)
        pages = pdf_pages(outs[0])
        figures[f"pdf_jobs{jobs}_s"] = seconds
        figures[f"pdf_pages_per_s_per_core_jobs{jobs}"] = pages / seconds / jobs
    figures["pdf_pages"] = pdf_pages(work / "pdf-site-1-0")
    figures["rss_mb_50"] = rss_of(make_club(work / "rss", 50), work / "rss-site")
    big = club if athletes == RSS_ATHLETES else make_club(work / "rss", RSS_ATHLETES)
    figures[f"rss_mb_{RSS_ATHLETES}"] = rss_of(big, work / "rss-site-n")
    return figures


def report(f: dict) -> str:
    big = RSS_ATHLETES
    rows = [
        ("cold HTML+JSON+ICS", f"{f['cold_html_json_ics_s']:.2f} s",
         f"{f['cold_units']:.1f} units of {f['unit_s']:.2f} s"),
        ("no-op rebuild", f"{f['noop_s']:.2f} s",
         f"{f['noop_s'] / f['noop_floor_s']:.1f}x its floor ({f['noop_floor_s']:.2f} s)"),
        ("one edited profile", f"{f['one_edit_s']:.2f} s",
         f"no-op + {(f['one_edit_s'] - f['noop_s']) / f['one_athlete_cold_s']:.1f}x that "
         f"athlete's cold build ({f['one_athlete_cold_s']:.2f} s)"),
        ("runlift --help", f"{f['help_s']:.2f} s",
         f"{f['help_s'] / f['import_click_s']:.1f}x import click ({f['import_click_s']:.2f} s)"),
        ("PDF, --jobs 1", f"{f['pdf_jobs1_s']:.2f} s",
         f"{f['pdf_pages_per_s_per_core_jobs1']:.2f} pages/s/core ({f['pdf_pages']} pages)"),
        ("PDF, --jobs 2", f"{f['pdf_jobs2_s']:.2f} s",
         f"{f['pdf_jobs1_s'] / f['pdf_jobs2_s']:.2f}x faster than --jobs 1"),
        ("peak RSS", f"{f[f'rss_mb_{big}']} MB at {big}",
         f"{f['rss_mb_50']} MB at 50 ({f[f'rss_mb_{big}'] / max(1, f['rss_mb_50']):.2f}x)"),
    ]
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {value:>16}  {floor}" for name, value, floor in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=200)
    parser.add_argument("--pdf-athletes", type=int, default=8)
    parser.add_argument("--json", type=Path, help="Also write the figures here, as JSON.")
    parser.add_argument("--command", default=" ".join(RUNLIFT),
                        help="How to run runlift, e.g. 'env PYTHONPATH=/old python -m "
                             "generator.cli' for another checkout (default: the runlift "
                             "script beside this Python).")
    args = parser.parse_args()
    RUNLIFT[:] = args.command.split()
    work = Path(tempfile.mkdtemp(prefix="runlift-bench-"))
    try:
        figures = measure(work, args.athletes, args.pdf_athletes)
    finally:
        shutil.rmtree(work)
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
