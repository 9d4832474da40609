"""`runlift merge`: join the parts of a club built on several machines (`build --shard i/N`) into
one site, and make the club pages. The result equals a build of the whole club on one machine."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import BuildError, Problem
from ..publish.output import check_folder, lock_folder, read_manifest
from .build import BuildOptions, BuildReport, _Build, _cannot_write, warning_counts
from .club import write_club_pages
from .state import STATE_VERSION, Record, state_of


def merge_shards(shards: list[Path], out: Path, club: Path, options: BuildOptions) -> BuildReport:
    """Copy each shard's athletes into `out`, then write the club pages from their rows.

    Raises BuildError when a shard is not a runlift build, or on the same grounds as a build.
    """
    started = time.perf_counter()
    _check_shards(shards, out)
    try:
        with lock_folder(out):
            check_folder(out)
            report = _Merge(club, out, options).merge(shards)
    except OSError as exc:
        raise BuildError(_cannot_write(out, exc)) from None
    report.seconds = time.perf_counter() - started
    return report


def _check_shards(shards: list[Path], out: Path) -> None:
    """Each shard once, and none of them the output folder: a shard counted twice or written
    over while it is read would not equal a build of the club."""
    seen: dict[Path, Path] = {}
    for shard in shards:
        real = shard.resolve()
        if real in seen:
            also = f" (as {seen[real].as_posix()}/ too)" if seen[real] != shard else ""
            raise BuildError(f"{shard.as_posix()}/ is given twice{also}; give each shard once")
        seen[real] = shard
    if out.resolve() in seen:
        raise BuildError(f"-o {out.as_posix()}/ is one of the shards; merge into a folder of its "
                         "own, e.g. -o site")


class _Merge(_Build):
    def merge(self, shards: list[Path]) -> BuildReport:
        for shard in shards:
            manifest = read_manifest(shard)
            if manifest.get("version") != STATE_VERSION:
                raise BuildError(f"{shard.as_posix()}/ holds no runlift build of this version "
                                 "(no manifest of its athletes); build it with --shard I/N first")
            state = state_of(manifest)  # a shard may have no athletes: a small club, N shards
            check_folder(shard)
            for key, record in sorted(state.records.items()):
                self._copy(shard, key, record)
        self._prune_departed()
        write_club_pages(self.shared, self.base, self.before, self.state, self.writer,
                         self.report)
        self._save()
        self.report.written = len(self.writer.written)
        self.report.total = len(self.state.records)
        self.report.warnings = warning_counts(self.state)
        return self.report

    def _copy(self, shard: Path, key: str, record: Record) -> None:
        """One athlete's files, as the shard wrote them; an id two shards both use fails."""
        other = self.claimed.get(record.athlete_id or "")
        if other and other != key:
            record.problems = [[self._shown(key), 1, "id", f"{record.athlete_id!r} is already "
                                f"used by {self._shown(other)}; give this athlete an id of their "
                                "own"]]
            record.files, record.row = [], None
        if record.problems:
            self.report.problems += [Problem(*p) for p in record.problems]
            self.report.failed += 1
        else:
            self.claimed[record.athlete_id or ""] = key
            self.writer.write_all({f: (shard / f).read_bytes() for f in record.files})
            self.report.built.append(record.athlete_id or "")
        self.state.records[key] = record
