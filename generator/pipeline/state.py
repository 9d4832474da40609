"""What the last build into a folder knew, kept in its manifest: for each profile, the fingerprint
of what its outputs depend on (its training log included), the files it wrote, its row for the
club pages and its mistakes; for the club pages, what they were made from.

A profile whose fingerprint is unchanged is skipped without being read, validated, planned or
rendered; an unchanged profile with mistakes has them reported again from here.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Problem
from ..inputs.yamlsource import MAX_LOG_BYTES
from ..publish.output import read_manifest

STATE_VERSION = 2
BINDER = "binder.pdf"


@dataclass
class Record:
    """One profile as the last build left it."""

    fingerprint: str
    start_rule: list[Any]  # plan.block.start_rule, as JSON keeps it
    start: str  # the block's first Monday when it was built
    athlete_id: str | None = None
    files: list[str] = field(default_factory=list)
    row: dict[str, Any] | None = None
    pdf: str | None = None  # the PDF's own fingerprint
    problems: list[list[Any]] = field(default_factory=list)  # [path, line, field, message]
    log_id: str | None = None  # the athlete id whose training log the fingerprint holds

    def mistakes(self) -> list[Problem]:
        return [Problem(*p) for p in self.problems]


@dataclass
class State:
    records: dict[str, Record] = field(default_factory=dict)  # by profile path in the club
    club: dict[str, str] = field(default_factory=dict)  # club-level file -> its content's hash
    club_inputs: str = ""  # fingerprint of what the library pages were made from
    binder: str = ""  # fingerprint of what binder.pdf was made from, when there is one

    def json_parts(self) -> Iterator[bytes]:
        """The manifest's bytes in parts, a record at a time: a big club's manifest whole (and
        the encoder's buffer as it grows) was the peak of a build's memory. The parts make the
        bytes orjson makes of the whole, sorted keys and two-space indents, "athletes" first."""
        import orjson  # only a build that changed something writes the manifest

        option = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2
        rest: dict[str, Any] = {"version": STATE_VERSION, "club": self.club,
                                "club_inputs": self.club_inputs, "files": sorted(self.files())}
        if self.binder:
            rest["binder"] = self.binder
        yield b'{\n  "athletes": {' if self.records else b'{\n  "athletes": {}'
        for n, key in enumerate(sorted(self.records)):
            # a record two levels in: each of its lines indented four spaces more
            record = orjson.dumps(self.records[key], option=option).replace(b"\n", b"\n    ")
            yield b"%s\n    %s: %s" % (b"," if n else b"", orjson.dumps(key), record)
        yield (b"\n  }," if self.records else b",") + orjson.dumps(rest, option=option)[1:] + b"\n"

    def files(self) -> set[str]:
        """Every file the site holds that a build wrote, the manifest aside."""
        return {*self.club, *(f for r in self.records.values() for f in r.files),
                *([BINDER] if self.binder else [])}


def interned(value: Any) -> Any:
    """A row with each of its strings interned: a build keeps every athlete's row until the club
    pages are made, and most of a row's strings (phases, days, keys) are the same for all."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return [interned(v) for v in value]
    if isinstance(value, dict):
        return {sys.intern(k): interned(v) for k, v in value.items()}
    return value


def read_state(out: Path) -> State:
    """The state of the last build into `out`; an empty one for a first build, an older
    manifest, or one that cannot be read (everything is then built again)."""
    return state_of(read_manifest(out))


def state_of(data: dict[str, Any]) -> State:
    """The state a manifest's data holds (read_manifest); empty when it is of another version."""
    if data.get("version") != STATE_VERSION:
        return State()
    try:
        records = {k: Record(**v) for k, v in data.get("athletes", {}).items()}
        return State(records, dict(data.get("club", {})), str(data.get("club_inputs", "")),
                     str(data.get("binder", "")))
    except (TypeError, AttributeError):
        return State()


def digest(*parts: bytes | str) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8") if isinstance(part, str) else part)
        sha.update(b"\0")
    return sha.hexdigest()


class PartsDigest:
    """digest() of one part that comes in pieces, taken as they pass (a file written in parts)."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def passing(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        for piece in pieces:
            self._sha.update(piece)
            yield piece

    def hexdigest(self) -> str:
        sha = self._sha.copy()
        sha.update(b"\0")  # as digest() ends each part
        return sha.hexdigest()


def folder_digest(folders: list[Path], pattern: str = "*") -> str:
    """One hash of every file under `folders` (names and bytes), in a stable order."""
    parts: list[bytes | str] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def log_digest(paths: list[Path] | tuple[Path, ...]) -> str:
    """One hash of an athlete's training log files (names and bytes); for a file over the size
    limit only its size (it is refused when read, and reading it whole here would defeat the
    limit)."""
    parts: list[bytes | str] = []
    for path in paths:
        parts.append(path.name)
        try:
            size = path.stat().st_size
            parts.append(path.read_bytes() if size <= MAX_LOG_BYTES else f"{size} bytes")
        except OSError:
            parts.append(b"")
    return digest(*parts)


def versions(formats: tuple[str, ...]) -> str:
    """runlift's version, and WeasyPrint's when PDFs are built (read without importing it)."""
    if "pdf" not in formats:
        return __version__
    from importlib import metadata  # slow to import: only when PDFs are built

    try:
        return f"{__version__} weasyprint {metadata.version('weasyprint')}"
    except metadata.PackageNotFoundError:
        return __version__

