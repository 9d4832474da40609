"""The command line: each command reads its options and calls one function of the core."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ProfileError, RunliftError, UsageError

log = logging.getLogger(__name__)


def _report(failures: list[ProfileError]) -> None:
    seen = set()
    for failure in failures:
        for problem in failure.problems:
            if problem not in seen:  # a club default's mistake shows once, not per athlete
                seen.add(problem)
                click.echo(str(problem), err=True)


today_option = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), envvar="RUNLIFT_TODAY",
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
            _report([exc])
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


def _today(value) -> dt.date:
    from .pipeline import default_today  # SOURCE_DATE_EPOCH's day, or the clock's

    return value.date() if value else default_today()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="runlift")
@click.option("-v", "--verbose", is_flag=True, help="Say what runlift is doing, step by step.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """runlift: strength blocks for runners, planned around their running week.

    Write a YAML profile per athlete (see `runlift schema`), then `runlift plan PROFILE` to see
    a block, or `runlift build` to publish a club's plans as a website, PDFs and JSON.
    """
    ctx.obj = {"quiet": quiet}
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    # -v is about runlift's own steps; WeasyPrint's chatter stays out of it
    logging.getLogger("generator").setLevel(logging.INFO if verbose else logging.WARNING)


@main.command()
@click.argument("paths", nargs=-1, default=("programs",),
                type=click.Path(exists=True, path_type=Path))
@max_athletes_option
@user_errors
def validate(paths: tuple[Path, ...], max_athletes: int) -> None:
    """Check profiles (files or folders, default programs/) and report every mistake.

    Exits 1 when any file has a mistake.
    """
    from .inputs.club_files import read_inputs

    failures: list[ProfileError] = []
    good = 0
    for path in paths:  # each path with its own club file
        try:
            inputs = read_inputs([path], max_athletes)
        except ProfileError as exc:
            failures.append(exc)
            continue
        failures.extend(inputs.failures)
        good += len(inputs.athletes)
    _report(failures)
    total = good + len(failures)
    if failures:
        click.echo(f"{len(failures)} of {total} profile{'s' if total != 1 else ''} "
                   f"{'has' if len(failures) == 1 else 'have'} mistakes.", err=True)
        sys.exit(1)
    click.echo(f"{total} profile{'s' if total != 1 else ''} OK.")


@main.command()
@click.argument("club", required=False, type=click.Path(path_type=Path))
@click.option("--club", "of_club", is_flag=True, help="The schema of club.yaml instead.")
@click.option("--plan", "of_plan", is_flag=True, help="The schema of the plan JSON instead.")
@user_errors
def schema(club: Path | None, of_club: bool, of_plan: bool) -> None:
    """Print a JSON Schema (draft-07) of the profile format.

    `lifts` keys and `avoid` complete from the exercise ids, built-in and those in CLUB's
    exercises/ (CLUB: the club folder, default programs/). Point yaml-language-server at it (a
    `# yaml-language-server: $schema=profile.schema.json` line in a profile) for completion,
    descriptions and checks while typing. --club prints the schema of club.yaml, --plan that of
    the plan JSON (runlift-plan/1).
    """
    from .inputs.schemas import club_library, club_schema, profile_schema
    from .publish.plan_schema import plan_schema

    if of_club and of_plan:
        raise UsageError("--club and --plan: choose one schema")
    if club is not None and not club.exists():
        raise UsageError(f"{club}: no such club folder")
    if of_plan:
        found = plan_schema()
    else:
        default = Path("programs")
        library = club_library(club or (default if default.is_dir() else None))
        found = club_schema(library) if of_club else profile_schema(library)
    click.echo(json.dumps(found, indent=2, ensure_ascii=False))


@main.command()
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON (runlift-plan/1).")
@today_option
@user_errors
def plan(profile: Path, as_json: bool, today) -> None:
    """Plan one athlete's block and print it, week by week."""
    from .pipeline import plan_one
    from .publish.text import render_text

    result = plan_one(profile, _today(today))
    click.echo(result.to_json() if as_json else render_text(result), nl=False)


def _pattern(ctx, param, value: str | None) -> str | None:
    from .vocabulary import PATTERNS

    if value is not None and value not in PATTERNS:
        raise click.BadParameter(f"got {value!r}; allowed {', '.join(PATTERNS)}")
    return value


@main.command()
@click.option("--pattern", callback=_pattern,
              help="Only exercises of this pattern (squat, hinge, calf, …).")
@user_errors
def exercises(pattern: str | None) -> None:
    """List the exercise library: id, pattern, level and equipment."""
    from .inputs.library import load_library

    for exercise in load_library():
        if pattern and exercise.pattern != pattern:
            continue
        kit = " or ".join("+".join(o) or "none" for o in exercise.equipment)
        click.echo(f"{exercise.id:<32} {exercise.pattern:<11} {exercise.level:<13} {kit}")


def _formats(ctx, param, value: str) -> tuple[str, ...]:
    from .vocabulary import FORMATS

    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    bad = [v for v in chosen if v not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"got {','.join(bad) or value!r}; allowed a comma-separated "
                                 f"list of {', '.join(FORMATS)}")
    return chosen


def _shard(ctx, param, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        i, n = (int(part) for part in value.split("/"))
    except ValueError:
        i = n = 0
    if not 1 <= i <= n:
        raise click.BadParameter(f"got {value!r}; allowed I/N with 1 <= I <= N, e.g. 2/4")
    return i, n


def _ids(ctx, param, value: str | None) -> frozenset[str]:
    return frozenset(v.strip() for v in (value or "").split(",") if v.strip())


@main.command()
@click.argument("path", required=False, default="programs",
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the site to.")
@click.option("--format", "formats", default="html,pdf,json,ics", show_default=True,
              callback=_formats, help="What to build: any of html, pdf, json, ics (calendar).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64),
              help="Processes building athletes (default: up to 4, one per core).")
@click.option("--clean", is_flag=True, help="Build every athlete again, changed or not.")
@click.option("--only", callback=_ids, metavar="ID[,ID...]",
              help="Build these athletes again (ids or file names); keep the others as they are.")
@click.option("--shard", callback=_shard, metavar="I/N",
              help="Build the I-th of N stable parts of the club (no club pages); "
                   "`runlift merge` joins the parts.")
@click.option("--strict", is_flag=True,
              help="Fail (exit 1) when any athlete's plan has warnings.")
@click.option("--binder", is_flag=True,
              help="Also write binder.pdf: every athlete's PDF in one, with contents and "
                   "bookmarks.")
@max_athletes_option
@today_option
@click.pass_context
@user_errors
def build(ctx: click.Context, path: Path, output: Path, formats: tuple[str, ...],
          jobs: int | None, clean: bool, only: frozenset[str], shard: tuple[int, int] | None,
          strict: bool, binder: bool, max_athletes: int, today) -> None:
    """Build a club (a folder, default programs/) or one profile into a static site.

    Writes index.html, a page, PDF, JSON and calendar per athlete, and the exercise library.
    A rebuild only builds athletes whose profile (or anything they depend on) changed. A
    profile with mistakes is reported and keeps its last pages; the others are still built,
    and the command exits 1.
    """
    from .pipeline import BuildOptions, build_club

    if path.is_file() and path.name == "club.yaml":
        click.echo(f"{path}: this is the club file; build its folder ({path.parent}) or one "
                   "athlete's profile.", err=True)
        sys.exit(2)
    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    with _progress(quiet) as progress:
        options = BuildOptions(formats=formats, today=_today(today), jobs=jobs,
                               max_athletes=max_athletes, clean=clean, only=only, shard=shard,
                               binder=binder, progress=progress)
        try:
            report = build_club(path, output, options)
        except ProfileError as exc:
            _report([exc])
            click.echo("The club file has mistakes; nothing was built.", err=True)
            sys.exit(1)
    _finish(report, output, quiet, strict)


def _finish(report, output: Path, quiet: bool, strict: bool = False) -> None:
    """Every mistake, then one closing line; exit 1 when any profile failed (or, with
    --strict, when any plan has warnings)."""
    _report([ProfileError(report.problems)] if report.problems else [])
    for failure in report.failures:
        click.echo(failure, err=True)
    if not quiet:
        click.echo(_closing_line(report, output))
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


def _closing_line(report, output: Path) -> str:
    built = len(report.built)
    parts = [f"Built {built} athlete{'s' if built != 1 else ''} into {output}/",
             f"{report.unchanged} unchanged", f"{len(report.removed)} files removed",
             f"{report.failed} failed"]
    pdfs = f"; PDFs: {report.pdfs_rendered} rendered, {report.pdfs_kept} kept" \
        if report.pdfs_rendered or report.pdfs_kept else ""
    return f"{', '.join(parts)}{pdfs} ({report.written} files written, {report.seconds:.1f} s)."


@contextlib.contextmanager
def _progress(quiet: bool):
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


@main.command()
@click.argument("path", required=False, default="programs",
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the site to.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--format", "formats", default="html,json,ics", show_default=True,
              callback=_formats, help="What to build while editing (add pdf for the PDFs).")
@today_option
@user_errors
def serve(path: Path, output: Path, port: int, formats: tuple[str, ...], today) -> None:
    """Build a club, serve it on 127.0.0.1 and build again whenever a file changes.

    Watches the profiles, the club file, the exercises and the templates; the open page
    reloads itself after each build and shows a profile's mistakes. Ctrl-C stops.
    """
    from .pipeline import BuildOptions
    from .pipeline.serve import ServeSession

    def say(event) -> None:
        if event.error:
            click.echo(f"error: {event.error}", err=True)
            return
        _report([ProfileError(event.report.problems)] if event.report.problems else [])
        for failure in event.report.failures:
            click.echo(failure, err=True)
        click.echo(_closing_line(event.report, output))

    session = ServeSession(path, output, BuildOptions(formats=formats, today=_today(today)),
                           port)
    say(session.first)
    click.echo(f"Serving {output}/ at {session.url} (Ctrl-C stops)", err=False)
    try:
        for event in session.changes():
            say(event)
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
    click.echo("Stopped.")


@main.command()
@click.argument("shards", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the site to.")
@click.option("--club", "club", default="programs", show_default=True,
              type=click.Path(exists=True, path_type=Path),
              help="The club folder the shards were built from (for the club pages).")
@click.option("--format", "formats", default="html,pdf,json,ics", show_default=True,
              callback=_formats, help="The formats the shards were built with.")
@today_option
@user_errors
def merge(shards: tuple[Path, ...], output: Path, club: Path, formats: tuple[str, ...],
          today) -> None:
    """Join shards (folders made by `runlift build --shard I/N`) into one site.

    Copies every athlete's files and writes the club pages; an id used in two shards fails.
    """
    from .pipeline import BuildOptions, merge_shards

    report = merge_shards(list(shards), output, club,
                          BuildOptions(formats=formats, today=_today(today)))
    _finish(report, output, quiet=False)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", help="The club's name; default: from the folder's name.")
@today_option
@user_errors
def new(folder: Path, name: str | None, today) -> None:
    """Start a club in FOLDER, ready to validate, build and publish.

    Writes club.yaml, an example athlete, the profile schema, a README for the coach, a
    .gitignore and a GitHub Pages workflow. Never overwrites a file.
    """
    from .clubkit.scaffold import EXAMPLE, new_club

    made = new_club(folder, _today(today), name)
    for path in made.written:
        click.echo(f"wrote {path}")
    click.echo(f"Next: edit {folder / EXAMPLE}, then `runlift build {folder} -o {folder / 'site'}`.")


@main.command("import")
@click.argument("roster", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the profiles to (e.g. a club's athletes/).")
@click.option("--force", is_flag=True, help="Overwrite profiles that exist.")
@user_errors
def import_(roster: Path, output: Path, force: bool) -> None:
    """Turn a roster (CSV or XLSX, a row per athlete) into profiles in OUTPUT.

    Columns are named like the profile's fields (`Race date`, `race.distance`), the week is
    `mon` … `sun`, lifts sit in one cell (`back-squat 60 kg; split-squat 2 x 10 kg`). Every bad
    row is reported and skipped; exits 1 when there was one.
    """
    from .clubkit.importer import import_roster

    result = import_roster(roster, output, force)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if any(p.row == 1 for p in result.problems):
        click.echo("The header row has mistakes; nothing was imported.", err=True)
        sys.exit(1)
    click.echo(f"Wrote {len(result.written)} profile{'s' if len(result.written) != 1 else ''} "
               f"into {output}/.")
    bad = len({p.row for p in result.problems})
    if bad:
        click.echo(f"{bad} row{'s' if bad != 1 else ''} not imported; see the messages above.",
                   err=True)
        sys.exit(1)


def run() -> None:
    """The console script; every command turns runlift's errors into messages itself."""
    main()


if __name__ == "__main__":
    run()
