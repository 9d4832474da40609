"""`runlift build`: a club's site, athlete by athlete, skipping what has not changed.

Each profile's outputs are keyed by a fingerprint of everything they depend on (the profile's
bytes, the athlete's training log files, the club file, the exercise library, the templates, the
versions, the formats, and the block's first Monday when `--today` moves it). Changed profiles are
validated, planned and rendered in worker processes, and each athlete's files are written together
as soon as they arrive, so memory stays flat however big the club. The club pages come last, from
each athlete's small row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError, Problem, UsageError
from ..inputs.discovery import (
    CLUB_FILE,
    MAX_ATHLETES,
    club_folder,
    display,
    find_club_file,
    find_logs,
    find_profiles,
    logs_home,
    orphan_log,
)
from ..inputs.suggest import did_you_mean
from ..inputs.yamlsource import MAX_FILE_BYTES
from ..plan.block import start_for
from ..publish.output import MANIFEST, Writer, check_folder, lock_folder, remove_stale
from ..vocabulary import FORMATS
from . import jobs as athlete
from .binder import check_binder, update_binder
from .club import write_club_pages
from .pool import nothing, outcomes
from .state import (
    PartsDigest,
    Record,
    State,
    digest,
    folder_digest,
    interned,
    log_digest,
    read_state,
    versions,
)

log = logging.getLogger(__name__)
BUILTIN_EXERCISES = Path(__file__).resolve().parent.parent / "exercises"
SAVE_EVERY = 2.0  # seconds between manifest saves while athletes are written


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    today: dt.date | None = None
    jobs: int | None = None
    max_athletes: int = MAX_ATHLETES
    clean: bool = False  # ignore the last build: everything is built again
    only: frozenset[str] = frozenset()  # ids (or file names) to build again; the rest is kept
    shard: tuple[int, int] | None = None  # (i, n): build the i-th of n stable parts, no club pages
    binder: bool = False  # also binder.pdf: every athlete's PDF in one
    progress: Callable[[int, int, str], None] | None = None  # (done, to do, athlete's file)


@dataclass
class BuildReport:
    total: int = 0  # profiles in this build
    built: list[str] = field(default_factory=list)  # athlete ids built now
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)  # files of athletes who left
    problems: list[Problem] = field(default_factory=list)  # every mistake, cached ones too
    failed: int = 0  # profiles with mistakes or that could not be built
    failures: list[str] = field(default_factory=list)  # builds that went wrong, as lines
    pdfs_rendered: int = 0
    pdfs_kept: int = 0
    written: int = 0  # files written
    warnings: dict[str, int] = field(default_factory=dict)  # athlete id -> warnings, when any
    seconds: float = 0.0


def build_club(path: Path, out: Path, options: BuildOptions) -> BuildReport:
    """Build the club at `path` (a folder, or one profile) into `out`.

    Raises ProfileError when the club file has mistakes, LimitError for too many profiles and
    BuildError for a template mistake, a link in the output folder, another build holding its
    lock, or a folder that cannot be written (read-only, full, gone).
    """
    started = time.perf_counter()
    folder = club_folder(path)
    if out.resolve() == folder.resolve():  # the site would land among the club's own files
        raise UsageError(f"-o {display(out)}/ is the club's own folder; build into a folder of "
                         f"its own, e.g. -o {display(folder / 'site')}")
    try:
        with lock_folder(out):
            check_folder(out)
            report = _Build(path, out, options).run()
    except OSError as exc:
        raise BuildError(_cannot_write(out, exc)) from None
    report.seconds = time.perf_counter() - started
    return report


def _cannot_write(out: Path, exc: OSError) -> str:
    why = exc.strerror or str(exc) or type(exc).__name__
    where = f" at {exc.filename}" if exc.filename else ""
    return (f"cannot write the site into {out.as_posix()}/ ({why}{where}); every athlete's files "
            "there are whole, from this build or the last one")


class _Build:
    def __init__(self, path: Path, out: Path, options: BuildOptions):
        self.out, self.options = out, options
        self.today = options.today or dt.date.today()
        self.folder = club_folder(path)
        self.resolved = self.folder.resolve()  # once: each profile's key is made from it
        club_path = find_club_file(path)
        self.profiles = self._profiles(path)
        self.whole_club = path.is_dir()
        self.logs = find_logs(logs_home(path))  # by athlete id
        self.shared = athlete.Shared(
            club_path=str(club_path) if club_path else None,
            club_display=display(club_path) if club_path else None,
            exercise_folders=tuple(str(p) for p in [self.folder / "exercises"] if p.is_dir()),
            template_folders=tuple(str(p) for p in [self.folder / "templates"] if p.is_dir()),
            formats=options.formats, today=self.today, root=str(self.folder),
            logs=tuple((a_id, tuple(map(str, paths))) for a_id, paths in sorted(self.logs.items())),
            out=str(out))
        self.base = digest(club_path.read_bytes() if club_path else b"",
                           folder_digest([BUILTIN_EXERCISES, *map(Path, self.shared.exercise_folders)]),
                           folder_digest(_template_folders(self.shared)),
                           versions(options.formats), ",".join(options.formats))
        self.before = State() if options.clean else read_state(out)
        self._check_only()
        self.state = State(club=dict(self.before.club), club_inputs=self.before.club_inputs)
        check_binder(self.shared, options.binder and not options.shard)
        self.report = BuildReport(total=len(self.profiles))
        self.writer = Writer(out)
        self.claimed: dict[str, str] = {}  # athlete id -> the profile that has it
        self.profile_prints: dict[str, str] = {}  # profile -> fingerprint without the log
        self.keys: dict[str, str] = {}  # a job's path -> its profile's key
        self.saved = "" if options.clean else _manifest_digest(out)  # of the manifest's bytes

    def _profiles(self, path: Path) -> list[Path]:
        self.club_profiles: list[Path] = []  # the whole club's, before any shard is taken
        if path.is_file():
            return [] if path.name == CLUB_FILE else [path]
        found = self.club_profiles = find_profiles(path, self.options.max_athletes)
        if self.options.shard:
            i, n = self.options.shard
            found = [p for p in found if _shard_of(self._key(p), n) == i - 1]
        return found

    def _check_only(self) -> None:
        """--only names athletes of this club: a name that is none of them is a typing slip.
        Ids are known from the last build's manifest (a first build builds everyone anyway);
        a shard knows only its own athletes' ids, and another shard's may differ from its file's."""
        before = self.before.records
        if not self.options.only or self.options.shard or not before:
            return
        known = {p.stem for p in self.club_profiles} | {
            r.athlete_id for r in before.values() if r.athlete_id}
        for name in sorted(self.options.only - known):
            raise UsageError(f"Error: --only: got {name!r}, which is no athlete of "
                             f"{display(self.folder)}/; allowed an athlete's id or profile file "
                             f"name{did_you_mean(name, sorted(known))}")

    def _key(self, profile: Path) -> str:
        try:
            return profile.resolve().relative_to(self.resolved).as_posix()
        except ValueError:
            return display(profile)

    def run(self) -> BuildReport:
        jobs = self._sort_out()
        new_templates = self.before.club_inputs != self.base
        check: Callable[[], None] = nothing
        if jobs or new_templates:
            from ..publish.environment import check_templates
            from ..publish.pages import athlete_templates
            from .athlete import start_process

            process = start_process(self.shared)  # once a build: worker processes inherit it
            if new_templates:  # checked before anything is written: the templates the workers
                # render before they start, the others (club pages, other formats) meanwhile
                check_templates(process.env, athlete_templates(self.options.formats))
                check = functools.partial(check_templates, process.env)
        self._build(jobs, check)
        self._prune_departed()
        if self.whole_club and not self.options.shard:
            self._orphan_logs()
        if not self.options.shard:
            write_club_pages(self.shared, self.base, self.before, self.state, self.writer,
                             self.report)
            update_binder(self)
        self._save()
        self.report.written = len(self.writer.written)
        self.report.warnings = warning_counts(self.state)
        return self.report

    def _sort_out(self) -> list[athlete.Job]:
        """Keep what has not changed; return a job for everything else."""
        jobs = []
        for profile in self.profiles:
            key = self.keys[str(profile)] = self._key(profile)
            self.profile_prints[key] = digest(self.base, _profile_bytes(profile))
            record = self.before.records.get(key)
            fingerprint = self._fingerprint(key, self._log_digest(record.log_id if record else None))
            if record and self._current(record, fingerprint, profile):
                self._keep(key, record)
            else:
                pdf = record.pdf if record and self._files_exist(record) else None
                jobs.append(athlete.Job(str(profile), display(profile), pdf))
                self.state.records[key] = Record(fingerprint, ["open", None], "")
        return jobs

    def _fingerprint(self, key: str, logs: str) -> str:
        """The profile's fingerprint with its athlete's training log."""
        return digest(self.profile_prints[key], logs)

    def _log_digest(self, athlete_id: str | None) -> str:
        return log_digest(self.logs.get(athlete_id or "", []))

    def _current(self, record: Record, fingerprint: str, profile: Path) -> bool:
        only = self.options.only
        if only and (record.athlete_id in only or profile.stem in only):
            return False
        rule = (str(record.start_rule[0]), record.start_rule[1])
        return (record.fingerprint == fingerprint and start_for(rule, self.today) == record.start
                and self._files_exist(record))

    def _shown(self, key: str) -> str:
        """A profile's key in the club, as the user would type its path."""
        return display(self.folder / key)

    def _files_exist(self, record: Record) -> bool:
        return all((self.out / f).is_file() for f in record.files)

    def _keep(self, key: str, record: Record) -> None:
        self.state.records[key] = record
        if record.problems:
            self.report.problems += record.mistakes()
            self.report.failed += 1
        else:
            self.report.unchanged += 1
            self.report.pdfs_kept += bool(record.pdf)
        if record.athlete_id and record.row:
            self.claimed.setdefault(record.athlete_id, key)

    def _build(self, jobs: list[athlete.Job], check: Callable[[], None]) -> None:
        if not jobs:
            check()
            return
        last_save = time.perf_counter()
        results = outcomes(jobs, self.shared, self.options.jobs, check, self._drop)
        for done, (job, outcome) in enumerate(zip(jobs, results, strict=True), 1):
            self._take(self.keys[job.path], job, outcome)
            if self.options.progress:
                self.options.progress(done, len(jobs), job.display)
            log.info("built %s", job.display)
            if time.perf_counter() - last_save > SAVE_EVERY:
                self._save()
                last_save = time.perf_counter()

    def _drop(self, outcome: athlete.Outcome) -> None:
        """An outcome never taken: its staged files, and the folders staging made for them."""
        self.writer.discard(outcome.files)
        for temp in outcome.files.values():
            with contextlib.suppress(OSError):
                (self.out / temp).parent.rmdir()  # only when empty

    def _take(self, key: str, job: athlete.Job, outcome: athlete.Outcome) -> None:
        """Write one athlete's files and remember them; or keep their last files and report why."""
        record, old = self.state.records[key], self.before.records.get(key)
        record.log_id = outcome.athlete_id  # the log read is the one of this id
        record.fingerprint = self._fingerprint(key, outcome.log_digest or self._log_digest(None))
        record.start_rule, record.start = list(outcome.start_rule), start_for(
            outcome.start_rule, self.today)
        other = self.claimed.get(outcome.athlete_id or "")
        if outcome.athlete_id and other and other != key:
            outcome.problems = [Problem(job.display, outcome.id_line, "id",
                                        f"{outcome.athlete_id!r} is already used by "
                                        f"{self._shown(other)}; give this athlete an id of their own")]
        if outcome.problems or (outcome.failure and not outcome.files):
            self._keep_old(record, old, outcome)
            return
        self.claimed[outcome.athlete_id or ""] = key
        self._write(record, old, outcome)

    def _keep_old(self, record: Record, old: Record | None, outcome: athlete.Outcome) -> None:
        """A profile with mistakes keeps the pages of its last good build."""
        self.writer.discard(outcome.files)
        if old:
            record.athlete_id, record.files, record.row, record.pdf = (
                old.athlete_id, old.files, old.row, old.pdf)
        record.problems = [[p.path, p.line, p.field, p.message] for p in outcome.problems]
        self.report.problems += outcome.problems
        self.report.failed += 1
        if outcome.failure:
            self.report.failures.append(outcome.failure)
            record.fingerprint = ""  # a bug is tried again next time

    def _write(self, record: Record, old: Record | None, outcome: athlete.Outcome) -> None:
        files = outcome.files
        a_id = outcome.athlete_id or ""
        pdf_path = f"{a_id}/{a_id}.pdf"
        self.writer.commit(files)
        kept_pdf = outcome.pdf_fingerprint is not None and not outcome.pdf_rendered
        record.athlete_id, record.row, record.pdf = a_id, interned(outcome.row), outcome.pdf_fingerprint
        record.files = sorted({*files, *([pdf_path] if kept_pdf else [])})
        if old:  # files the athlete had and has no more (a new id, fewer formats)
            gone = set(old.files) - set(record.files) - self.state.files()
            self.report.removed += remove_stale(self.out, sorted(gone), set())
        self.report.built.append(a_id)
        self.report.pdfs_rendered += outcome.pdf_rendered
        self.report.pdfs_kept += kept_pdf
        if outcome.failure:
            self.report.failures.append(outcome.failure)
            self.report.failed += 1
            record.fingerprint = ""

    def _prune_departed(self) -> None:
        """Remove the files of athletes whose profile is gone (never one another still has)."""
        keys = set(self.state.records)
        departed = [r for k, r in self.before.records.items() if k not in keys]
        files = sorted({f for r in departed for f in r.files} - self.state.files())
        self.report.removed += remove_stale(self.out, files, set())

    def _orphan_logs(self) -> None:
        """Log files whose name starts with no athlete's id (an athlete whose profile failed
        before its id was known counts by the profile's file name)."""
        known: set[str] = set()
        for key, record in self.state.records.items():
            ids = {i for i in (record.athlete_id, record.log_id) if i}
            known |= ids or {Path(key).stem}
        for a_id, paths in sorted(self.logs.items()):
            if a_id not in known:
                self.report.problems += [orphan_log(p, known) for p in paths]
                self.report.failed += 1

    def _save(self) -> None:
        """Write the manifest when it changed: a rebuild with nothing to do writes nothing."""
        if self.saved and self.state == self.before:
            return  # the same records as the last build's manifest (not even made into text)
        written = PartsDigest()
        staged = self.writer.stage(MANIFEST, written.passing(self.state.json_parts()))
        if written.hexdigest() == self.saved:
            self.writer.discard(staged)
            return
        self.writer.commit(staged)
        self.writer.written.remove(MANIFEST)
        self.saved = written.hexdigest()


def warning_counts(state: State) -> dict[str, int]:
    """Each athlete's warnings, from the rows (athletes without any left out)."""
    return {r.row["athlete"]["id"]: int(r.row["warnings"]) for _, r in sorted(state.records.items())
            if r.row and r.row.get("warnings")}


def _manifest_digest(out: Path) -> str:
    try:
        return digest((out / MANIFEST).read_bytes())
    except OSError:
        return ""


def _template_folders(shared: athlete.Shared) -> list[Path]:
    from ..publish.assets import template_folder

    return [*map(Path, shared.template_folders), template_folder()]


def _profile_bytes(profile: Path) -> bytes:
    """The profile's bytes; for a file over the size limit only its size (it is refused when
    read, and reading it whole here would defeat the limit)."""
    try:
        size = profile.stat().st_size
        if size > MAX_FILE_BYTES:
            return f"{size} bytes".encode()
        return profile.read_bytes()
    except OSError:
        return b""


def _shard_of(key: str, n: int) -> int:
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % n
