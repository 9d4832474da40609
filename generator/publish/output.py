"""The output folder, runlift's alone: what a build writes, written atomically by one writer, the
manifest of what was written, and pruning what an earlier build wrote and this one did not.

Nothing is followed out of the folder: a symbolic link inside it stops the build before anything
is read or written there, and every file is created through folders opened without following
links. A build writes every file to a temporary file first and renames them only when all are
written, so a full disk leaves the last good site as it was; a lock keeps a second build out.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import secrets
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import BuildError

log = logging.getLogger(__name__)

MANIFEST = ".runlift-manifest.json"
LOCK = ".runlift-lock"
TEMP_PREFIX = ".tmp-"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_HELD_LOCKS: set[int] = set()  # this process's lock descriptors, closed in any process it forks


def _forget_locks_in_child() -> None:
    """A forked worker shares its parent's lock until it closes its copy: were the build killed,
    the worker would keep the folder locked while it lives, and the next build refused."""
    for handle in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(handle)  # not LOCK_UN: that would unlock the parent's too
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_forget_locks_in_child)


class SiteFiles:
    """Everything one build writes, by path in the site; a path may be given once only."""

    def __init__(self) -> None:
        self.files: dict[str, str | bytes] = {}

    def put(self, relative: str, content: str | bytes) -> None:
        key = Path(relative).as_posix()
        if key in self.files:
            raise BuildError(f"{key} would be written twice in one build (two athletes with the "
                             "same id, or a template name clash)")
        self.files[key] = content

    def __contains__(self, relative: object) -> bool:
        return relative in self.files


def linked(root: Path, relative: str) -> BuildError:
    where = (root / relative).as_posix()
    try:
        target = f" (to {os.readlink(root / relative)})"
    except OSError:
        target = ""
    return BuildError(f"{where} is a symbolic link{target}; the output folder is runlift's alone "
                      "and runlift never writes through a link: remove the link, or build into "
                      "another folder")


class Writer:
    """The one writer of the output folder: each file through a temporary file and a rename.

    `write_all` writes every temporary file before it renames any, so a failure (a full disk)
    leaves the folder as it was. OSError is raised as it comes; a link in the way is a BuildError.
    """

    def __init__(self, root: Path):
        self.root = root
        self.written: list[str] = []

    def write_all(self, site: SiteFiles | Mapping[str, str | bytes]) -> None:
        """Write these files together: all staged, then all renamed (one athlete's files, or a
        whole site)."""
        self.commit(self.stage_all(site.files if isinstance(site, SiteFiles) else site))

    def stage_all(self, files: Mapping[str, str | bytes]) -> dict[str, str]:
        """Each file in a temporary file beside it, none renamed yet: {path: temporary path}.
        A worker process stages an athlete's files; the build then commits or discards them."""
        staged: dict[str, str] = {}
        try:
            for path in sorted(files):
                staged[path] = self._stage(path, files[path]).relative_to(self.root).as_posix()
        except BaseException:
            self.discard(staged)
            raise
        return staged

    def stage(self, relative: str, parts: Iterable[bytes]) -> dict[str, str]:
        """One file staged from its bytes in parts, each written as it comes (a big file is
        never whole in memory): {path: temporary path}, for `commit` or `discard`."""
        return {relative: self._stage(relative, parts).relative_to(self.root).as_posix()}

    def commit(self, staged: Mapping[str, str]) -> None:
        """Rename staged files into place, the manifest last: a build stopped half way still
        has the last build's record."""
        order = sorted(staged, key=lambda path: (path == MANIFEST, path))
        done = 0
        try:
            for path in order:
                os.replace(self.root / staged[path], self.root / path)
                done += 1
                self.written.append(path)
        finally:
            self.discard({path: staged[path] for path in order[done:]})

    def discard(self, staged: Mapping[str, str]) -> None:
        """Remove staged files that will not be renamed."""
        for temp in staged.values():
            (self.root / temp).unlink(missing_ok=True)

    def write(self, relative: str, content: str | bytes) -> Path:
        temp = self._stage(relative, content)
        try:
            os.replace(temp, self.root / relative)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        self.written.append(relative)
        log.debug("wrote %s", relative)
        return self.root / relative

    def _stage(self, relative: str, content: str | bytes | Iterable[bytes]) -> Path:
        """The content in a temporary file beside its target, created through folders opened
        without following links; the target must not be a link or a folder."""
        *folders, name = Path(relative).parts
        parts = ([content.encode("utf-8")] if isinstance(content, str)
                 else [content] if isinstance(content, bytes) else content)
        folder = _open_folder(self.root, folders)
        try:
            with contextlib.suppress(FileNotFoundError):
                mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    raise linked(self.root, relative)
                if stat.S_ISDIR(mode):
                    raise BuildError(f"{(self.root / relative).as_posix()} is a folder; runlift "
                                     "writes a file there: move the folder away")
            temp = f"{TEMP_PREFIX}{secrets.token_hex(6)}{Path(name).suffix}"
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644,
                             dir_fd=folder)
            try:
                _write_fully(handle, parts, temp, folder)
            finally:
                os.close(handle)
        finally:
            os.close(folder)
        return self.root.joinpath(*folders, temp)


def _write_fully(handle: int, parts: Iterable[bytes], temp: str, folder: int) -> None:
    try:
        os.fchmod(handle, 0o644)
        for data in parts:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        raise


def _open_folder(root: Path, folders: list[str]) -> int:
    """A descriptor of root/folders, each made if missing, none of them a link."""
    handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY)  # the folder given may be a link
    for depth, name in enumerate(folders):
        try:
            try:
                inner = os.open(name, _DIR_FLAGS, dir_fd=handle)
            except FileNotFoundError:
                # two workers may make one folder at once (two athletes with one id)
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o755, dir_fd=handle)
                inner = os.open(name, _DIR_FLAGS, dir_fd=handle)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise linked(root, "/".join(folders[:depth + 1])) from None
            raise
        finally:
            os.close(handle)
        handle = inner
    return handle


def check_folder(out: Path) -> None:
    """Refuse an output folder with a link anywhere inside it, and clear the temporary files a
    build that was stopped left behind (the caller holds the lock)."""
    for folder, dirs, files in os.walk(out):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if path.is_symlink():
                raise linked(out, path.relative_to(out).as_posix())
            if name.startswith(TEMP_PREFIX) and name in files:
                path.unlink()


@contextlib.contextmanager
def lock_folder(out: Path) -> Iterator[None]:
    """Hold the output folder's lock for one build; a second build at once is refused.

    The lock file is removed when the build ends, and a folder made here and left empty (the
    build failed before writing) is removed too.
    """
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    lock_path = out / LOCK
    handle = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.stat(lock_path, follow_symlinks=False).st_ino != os.fstat(handle).st_ino:
            raise BlockingIOError  # another build ended and removed the file meanwhile
    except (BlockingIOError, FileNotFoundError):
        os.close(handle)
        raise BuildError(f"{out.as_posix()}/ is being built by another runlift right now (it "
                         f"holds {lock_path.as_posix()}); wait for it to finish, or build into "
                         "another folder") from None
    except BaseException:
        os.close(handle)
        raise
    _HELD_LOCKS.add(handle)
    try:
        yield
    finally:
        # removed while still held: a build that opened it meanwhile sees it gone and stops
        with contextlib.suppress(OSError):
            lock_path.unlink()
        _HELD_LOCKS.discard(handle)
        os.close(handle)
        if made:
            with contextlib.suppress(OSError):
                out.rmdir()  # only when empty: the build failed before writing


def read_manifest(out: Path) -> dict[str, Any]:
    """What the last build into `out` wrote, and the fingerprints of its PDFs."""
    try:
        path = out / MANIFEST
        if path.is_symlink() or path.stat().st_size > MAX_MANIFEST_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remove_stale(out: Path, before: list[Any], now: set[str]) -> list[str]:
    """Delete what the last build wrote and this one did not (an athlete who left the club).

    Only files runlift itself wrote are touched, and only after a build without failures, so a
    typo in one profile never takes that athlete's published page down.
    """
    removed = []
    root = out.resolve()
    for relative in before:
        if not isinstance(relative, str) or relative in now or not _plain_file(out, relative):
            continue
        path = (out / relative).resolve()
        if root not in path.parents:
            continue  # never outside the output folder
        path.unlink()
        removed.append(relative)
        folder = path.parent
        while folder != root and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


def _plain_file(out: Path, relative: str) -> bool:
    """A file inside `out` reached through no link, '..' or absolute part."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        return False
    path = out
    for part in parts:
        path = path / part
        if path.is_symlink():
            return False
    return path.is_file()
