"""What the commands share: their common options, how a mistake or a build's end is printed,
and the progress bar. The commands themselves are in cli.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
from pathlib import Path

import click

from .errors import ProfileError, RunliftError, UsageError


def print_problems(failures: list[ProfileError]) -> None:
    seen = set()
    for failure in failures:
        for problem in failure.problems:
            if problem not in seen:  # a club default's mistake shows once, not per athlete
                seen.add(problem)
                click.echo(str(problem), err=True)


class Day(click.ParamType):
    """A date written YYYY-MM-DD, in the years runlift plans."""

    name = "date"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        from .vocabulary import year_problem

        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"got {value!r}, which is no date; allowed a date written YYYY-MM-DD, "
                      "e.g. 2027-01-04", param, ctx)
        problem = year_problem(day.year)
        if problem:
            self.fail(f"got {value!r}; {problem}", param, ctx)
        return day


today_option = click.option(
    "--today", type=Day(), envvar="RUNLIFT_TODAY",
    help="Plan as if today were this date (YYYY-MM-DD); default: today. Also RUNLIFT_TODAY.")


max_athletes_option = click.option(
    "--max-athletes", type=click.IntRange(min=1), default=20_000, show_default=True,
    help="Refuse to read more athlete profiles than this in one run.")


def user_errors(command):
    """Turn runlift's own errors into one message and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ProfileError as exc:
            print_problems([exc])
            sys.exit(1)
        except UsageError as exc:
            click.echo(str(exc), err=True)
            sys.exit(2)
        except RunliftError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except OSError as exc:  # an unwritable output folder, a full disk, a vanished file
            where = f" ({exc.filename})" if exc.filename else ""
            click.echo(f"error: {exc.strerror or exc}{where}", err=True)
            sys.exit(1)

    return wrapper


def today(value) -> dt.date:
    from .pipeline import default_today  # SOURCE_DATE_EPOCH's day, or the clock's

    return value if value else default_today()


def pattern(ctx, param, value: str | None) -> str | None:
    from .vocabulary import PATTERNS

    if value is not None and value not in PATTERNS:
        raise click.BadParameter(f"got {value!r}; allowed {', '.join(PATTERNS)}")
    return value


def formats(ctx, param, value: str) -> tuple[str, ...]:
    from .vocabulary import FORMATS

    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    bad = [v for v in chosen if v not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"got {','.join(bad) or value!r}; allowed a comma-separated "
                                 f"list of {', '.join(FORMATS)}")
    return chosen


def shard(ctx, param, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        i, n = (int(part) for part in value.split("/"))
    except ValueError:
        i = n = 0
    if not 1 <= i <= n:
        raise click.BadParameter(f"got {value!r}; allowed I/N with 1 <= I <= N, e.g. 2/4")
    return i, n


def ids(ctx, param, value: str | None) -> frozenset[str]:
    """Athlete ids or profile file names (`maya-lopez`, `maya-lopez.yaml`, a path to it)."""
    names = [v.strip() for v in (value or "").split(",") if v.strip()]
    if value is not None and not names:
        raise click.BadParameter("got nothing; allowed athlete ids or profile file names, "
                                 "e.g. --only maya-lopez,sam-reyes")
    return frozenset(Path(n).stem if n.endswith((".yaml", ".yml")) or "/" in n else n
                     for n in names)


def finish(report, output: Path, quiet: bool, strict: bool = False) -> None:
    """Every mistake, then one closing line; exit 1 when any profile failed (or, with
    --strict, when any plan has warnings)."""
    print_problems([ProfileError(report.problems)] if report.problems else [])
    for failure in report.failures:
        click.echo(failure, err=True)
    if not quiet:
        click.echo(closing_line(report, output))
    if report.failed:
        click.echo(f"{report.failed} profile{'s' if report.failed != 1 else ''} failed; see the "
                   "messages above.", err=True)
        sys.exit(1)
    if strict and report.warnings:
        count = sum(report.warnings.values())
        listed = ", ".join(f"{a} ({n})" for a, n in report.warnings.items())
        click.echo(f"--strict: {count} warning{'s' if count != 1 else ''} in "
                   f"{len(report.warnings)} plan{'s' if len(report.warnings) != 1 else ''}: "
                   f"{listed}; see overview.html.", err=True)
        sys.exit(1)


def closing_line(report, output: Path) -> str:
    built = len(report.built)
    parts = [f"Built {built} athlete{'s' if built != 1 else ''} into {output}/",
             f"{report.unchanged} unchanged", f"{len(report.removed)} files removed",
             f"{report.failed} failed"]
    pdfs = f"; PDFs: {report.pdfs_rendered} rendered, {report.pdfs_kept} kept" \
        if report.pdfs_rendered or report.pdfs_kept else ""
    return f"{', '.join(parts)}{pdfs} ({report.written} files written, {report.seconds:.1f} s)."


@contextlib.contextmanager
def progress(quiet: bool):
    """A progress bar on a terminal (Click's own): athletes done, the one at hand, time left."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    bar = None

    def advance(done: int, total: int, name: str) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Building", file=sys.stderr,
                                    show_pos=True, show_eta=True, item_show_func=lambda n: n)
            bar.__enter__()
        bar.update(1, name)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
