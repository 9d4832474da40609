"""The command line: each command reads its options and calls one function of the core."""

from __future__ import annotations

import json
import logging
import shlex
import signal
import sys
import threading
from pathlib import Path

import click

from . import __version__, console
from .errors import ProfileError, UsageError

log = logging.getLogger(__name__)


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
@console.max_athletes_option
@console.user_errors
def validate(paths: tuple[Path, ...], max_athletes: int) -> None:
    """Check profiles and their training logs, and report every mistake.

    PATHS are profiles or folders (default programs/); the logs are those in the club folder's
    logs/. Exits 1 when any file has a mistake.
    """
    from .inputs.club_files import read_inputs
    from .inputs.log import check_logs

    failures: list[ProfileError] = []
    log_failures: list[ProfileError] = []
    club_failures: list[ProfileError] = []  # the club file or exercise files: no profile read
    good = logs = 0
    for path in paths:  # each path with its own club file
        try:
            inputs = read_inputs([path], max_athletes)
        except ProfileError as exc:
            club_failures.append(exc)
            continue
        failures.extend(inputs.failures)
        good += len(inputs.athletes)
        checked, bad = check_logs(path, inputs.athletes, inputs.failures, inputs.library)
        logs, log_failures = logs + checked, log_failures + bad
    console.print_problems(club_failures + failures + log_failures)
    total = good + len(failures)
    if club_failures:
        click.echo("The club's own files have mistakes (above); every profile depends on them, so "
                   "none was checked.", err=True)
    if failures:
        click.echo(f"{_count(len(failures), total, 'profile')} mistakes.", err=True)
    if log_failures:
        click.echo(f"{_count(len(log_failures), logs, 'training log')} mistakes.", err=True)
    if club_failures or failures or log_failures:
        sys.exit(1)
    logged = f", {logs} training log{'s' if logs != 1 else ''}" if logs else ""
    click.echo(f"{total} profile{'s' if total != 1 else ''}{logged} OK.")


def _count(bad: int, total: int, what: str) -> str:
    """'1 of 3 profiles has', '2 of 3 training logs have'."""
    return (f"{bad} of {total} {what}{'s' if total != 1 else ''} "
            f"{'has' if bad == 1 else 'have'}")


@main.command()
@click.argument("club", required=False, type=click.Path(path_type=Path))
@click.option("--club", "of_club", is_flag=True, help="The schema of club.yaml instead.")
@click.option("--plan", "of_plan", is_flag=True, help="The schema of the plan JSON instead.")
@click.option("--log", "of_log", is_flag=True, help="The schema of a training log instead.")
@console.user_errors
def schema(club: Path | None, of_club: bool, of_plan: bool, of_log: bool) -> None:
    """Print a JSON Schema (draft-07) of the profile format.

    `lifts` keys and `avoid` complete from the exercise ids, built-in and those in CLUB's
    exercises/ (CLUB: the club folder, default programs/). Point yaml-language-server at it (a
    `# yaml-language-server: $schema=profile.schema.json` line in a profile) for completion,
    descriptions and checks while typing. --club prints the schema of club.yaml, --plan that of
    the plan JSON (runlift-plan/1), --log that of a training log (logs/<id>.yaml).
    """
    from .inputs.schemas import club_library, club_schema, log_schema, profile_schema
    from .publish.plan_schema import plan_schema

    if of_club + of_plan + of_log > 1:
        raise UsageError("--club, --plan and --log: choose one schema")
    if club is not None and not club.exists():
        raise UsageError(f"{club}: no such club folder")
    if of_plan:
        found = plan_schema()
    else:
        default = Path("programs")
        library = club_library(club or (default if default.is_dir() else None))
        made = club_schema if of_club else log_schema if of_log else profile_schema
        found = made(library)
    click.echo(json.dumps(found, indent=2, ensure_ascii=False))


@main.command()
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON (runlift-plan/1).")
@console.today_option
@console.user_errors
def plan(profile: Path, as_json: bool, today) -> None:
    """Plan one athlete's block and print it, week by week."""
    from .pipeline import plan_one
    from .publish.text import render_text

    result = plan_one(profile, console.today(today))
    click.echo(result.to_json() if as_json else render_text(result), nl=False)


@main.command("next")
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the profile to this file instead of standard output.")
@console.today_option
@console.user_errors
def next_(profile: Path, output: Path | None, today) -> None:
    """Write the athlete's next block's profile, for a review in a diff.

    It starts the Monday after this block, in the phase that follows, with `lifts` from the
    best sets of the log's latest weeks (logs/<id>.yaml in the club folder); the rest of the
    profile, comments included, is kept as written.
    """
    from .pipeline.next_block import next_profile

    made = next_profile(profile, console.today(today))
    if output is None:
        click.echo(made.text, nl=False)
        return
    output.write_text(made.text, encoding="utf-8", newline="")
    click.echo(f"wrote {output}: the next block starts {made.block.start.isoformat()}.", err=True)


@main.command()
@click.option("--pattern", callback=console.pattern,
              help="Only exercises of this pattern (squat, hinge, calf, …).")
@console.user_errors
def exercises(pattern: str | None) -> None:
    """List the exercise library: id, pattern, level and equipment."""
    from .inputs.library import load_library

    for exercise in load_library():
        if pattern and exercise.pattern != pattern:
            continue
        kit = " or ".join("+".join(o) or "none" for o in exercise.equipment)
        click.echo(f"{exercise.id:<32} {exercise.pattern:<11} {exercise.level:<13} {kit}")


@main.command()
@click.argument("path", required=False, default="programs",
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the site to.")
@click.option("--format", "formats", default="html,pdf,json,ics", show_default=True,
              callback=console.formats, help="What to build: any of html, pdf, json, ics (calendar).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64),
              help="Processes building athletes (default: up to 4, one per core).")
@click.option("--clean", is_flag=True, help="Build every athlete again, changed or not.")
@click.option("--only", callback=console.ids, metavar="ID[,ID...]",
              help="Build these athletes again (ids or file names); keep the others as they are.")
@click.option("--shard", callback=console.shard, metavar="I/N",
              help="Build the I-th of N stable parts of the club (no club pages); "
                   "`runlift merge` joins the parts.")
@click.option("--strict", is_flag=True,
              help="Fail (exit 1) when any athlete's plan has warnings.")
@click.option("--binder", is_flag=True,
              help="Also write binder.pdf: every athlete's PDF in one, with contents and "
                   "bookmarks.")
@console.max_athletes_option
@console.today_option
@click.pass_context
@console.user_errors
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
    with console.progress(quiet) as progress:
        options = BuildOptions(formats=formats, today=console.today(today), jobs=jobs,
                               max_athletes=max_athletes, clean=clean, only=only, shard=shard,
                               binder=binder, progress=progress)
        try:
            report = build_club(path, output, options)
        except ProfileError as exc:
            console.print_problems([exc])
            click.echo("The club file has mistakes; nothing was built.", err=True)
            sys.exit(1)
    console.finish(report, output, quiet, strict)


@main.command()
@click.argument("path", required=False, default="programs",
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", default="site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write the site to.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--format", "formats", default="html,json,ics", show_default=True,
              callback=console.formats, help="What to build while editing (add pdf for the PDFs).")
@console.today_option
@console.user_errors
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
        console.print_problems([ProfileError(event.report.problems)] if event.report.problems else [])
        for failure in event.report.failures:
            click.echo(failure, err=True)
        click.echo(console.closing_line(event.report, output))

    session = ServeSession(path, output, BuildOptions(formats=formats, today=console.today(today)),
                           port)
    say(session.first)
    click.echo(f"Serving {output}/ at {session.url} (Ctrl-C stops)", err=False)
    stop = threading.Event()

    def ask_to_stop(signum, frame) -> None:
        """Ctrl-C (or a TERM) ends the watch once the build at hand is written; a second one
        stops that build too."""
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, ask_to_stop)
    try:
        for event in session.changes(stop):
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
              callback=console.formats, help="The formats the shards were built with.")
@console.today_option
@console.user_errors
def merge(shards: tuple[Path, ...], output: Path, club: Path, formats: tuple[str, ...],
          today) -> None:
    """Join shards (folders made by `runlift build --shard I/N`) into one site.

    Copies every athlete's files and writes the club pages; an id used in two shards fails.
    """
    from .pipeline import BuildOptions, merge_shards

    report = merge_shards(list(shards), output, club,
                          BuildOptions(formats=formats, today=console.today(today)))
    console.finish(report, output, quiet=False)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", help="The club's name; default: from the folder's name.")
@console.today_option
@console.user_errors
def new(folder: Path, name: str | None, today) -> None:
    """Start a club in FOLDER, ready to validate, build and publish.

    Writes club.yaml, an example athlete, the profile schema, a README for the coach, a
    .gitignore and a GitHub Pages workflow. Never overwrites a file.
    """
    from .clubkit.scaffold import EXAMPLE, new_club

    made = new_club(folder, console.today(today), name)
    for path in made.written:
        click.echo(f"wrote {path}")
    quoted = shlex.quote  # the commands as a shell takes them, whatever the folder's name
    click.echo(f"Next: edit {quoted(str(folder / EXAMPLE))}, then `runlift build "
               f"{quoted(str(folder))} -o {quoted(str(folder / 'site'))}`.")


@main.command("import")
@click.argument("roster", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the profiles to (e.g. a club's athletes/).")
@click.option("--force", is_flag=True, help="Overwrite profiles that exist.")
@console.user_errors
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
