"""Benchmark: build a club of N generated profiles and report figures (not a test).

    python benchmarks/bench_build.py [--athletes 200] [--jobs 2] [--formats html,pdf,json]

Prints seconds for reading, planning and the whole build, per-athlete figures, and the
output size. Profiles are generated deterministically (fixed seed), so runs are comparable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from generator.inputs.club_files import read_inputs
from generator.pipeline import build_site
from generator.plan.builder import build_plan

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
TODAY = dt.date(2026, 11, 24)


def make_profile(rng: random.Random, n: int) -> dict:
    week = {d: rng.choice(["easy", "easy", "rest", "moderate", "recovery"]) for d in DAYS}
    week[rng.choice(["sat", "sun"])] = "long"
    week[rng.choice(["tue", "wed"])] = rng.choice(["intervals", "tempo", "hills"])
    profile = {"name": f"Runner {n:03d}", "weekly_mileage": rng.randint(15, 120), "week": week,
               "experience": rng.choice(["novice", "intermediate", "advanced"]),
               "equipment": rng.choice(["gym", "home", "bodyweight"]),
               "start": "2027-01-04"}
    if rng.random() < 0.7:
        race = dt.date(2027, 1, 4) + dt.timedelta(days=rng.randint(40, 120))
        profile["race"] = {"date": race.isoformat(),
                           "distance": rng.choice(["5k", "10k", "half", "marathon"])}
    else:
        profile["phase"] = rng.choice(["base", "build"])
        profile["weeks"] = rng.randint(4, 12)
    if profile["equipment"] == "gym" and rng.random() < 0.5:
        profile["lifts"] = {"back-squat": f"{rng.randint(40, 120)} kg",
                            "romanian-deadlift": f"{rng.randint(30, 100)} kg"}
    return profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--formats", default="html,pdf,json")
    args = parser.parse_args()
    rng = random.Random(2026)
    work = Path(tempfile.mkdtemp(prefix="runlift-bench-"))
    try:
        club = work / "club"
        (club / "athletes").mkdir(parents=True)
        (club / "club.yaml").write_text("name: Benchmark Club\n", encoding="utf-8")
        for n in range(args.athletes):
            (club / "athletes" / f"runner-{n:03d}.yaml").write_text(
                yaml.safe_dump(make_profile(rng, n), sort_keys=False), encoding="utf-8")

        t0 = time.perf_counter()
        inputs = read_inputs([club])
        t1 = time.perf_counter()
        for athlete in inputs.athletes:
            build_plan(athlete, inputs.library, TODAY)
        t2 = time.perf_counter()
        formats = tuple(args.formats.split(","))
        result = build_site(inputs, work / "site", formats, TODAY, args.jobs)
        t3 = time.perf_counter()
        # a second build after editing one profile: unchanged PDFs are kept, not re-rendered
        edited = club / "athletes" / "runner-000.yaml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Runner 000", "Runner Zero"),
                          encoding="utf-8")
        t4 = time.perf_counter()
        again = build_site(read_inputs([club]), work / "site", formats, TODAY, args.jobs)
        t5 = time.perf_counter()
        size = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())
        count = len(inputs.athletes)
        print(f"athletes:            {count} ({len(inputs.failures)} invalid)")
        print(f"read + validate:     {t1 - t0:7.2f} s")
        print(f"plan only:           {t2 - t1:7.2f} s  ({(t2 - t1) / count * 1000:.1f} ms/athlete)")
        print(f"full build ({args.formats}): {t3 - t2:7.2f} s  "
              f"({(t3 - t2) / count * 1000:.0f} ms/athlete, jobs={args.jobs or 'auto'})")
        print(f"rebuild, 1 edited:   {t5 - t4:7.2f} s  ({again.reused} PDFs kept)")
        print(f"files written:       {len(result.written)}, {size / 1e6:.1f} MB")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
