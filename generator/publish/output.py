"""The output folder, runlift's alone: what a build writes, written atomically by one writer, the
manifest of what was written, and pruning what an earlier build wrote and this one did not."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import BuildError

log = logging.getLogger(__name__)

MANIFEST = ".runlift-manifest.json"


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


class Writer:
    """The one writer of the output folder: each file through a temporary file and a rename."""

    def __init__(self, root: Path):
        self.root = root
        self.written: list[str] = []

    def write_all(self, site: SiteFiles) -> None:
        for path in sorted(site.files):
            self.write(path, site.files[path])

    def write(self, relative: str, content: str | bytes) -> Path:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.written.append(relative)
        log.debug("wrote %s", relative)
        return target


def read_manifest(out: Path) -> dict[str, Any]:
    """What the last build into `out` wrote, and the fingerprints of its PDFs."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def manifest_text(pdfs: dict[str, str], files: list[str]) -> str:
    return json.dumps({"pdf": pdfs, "files": files}, indent=1, sort_keys=True) + "\n"


def remove_stale(out: Path, before: list[Any], now: set[str]) -> list[str]:
    """Delete what the last build wrote and this one did not (an athlete who left the club).

    Only files runlift itself wrote are touched, and only after a build without failures, so a
    typo in one profile never takes that athlete's published page down.
    """
    removed = []
    root = out.resolve()
    for relative in before:
        if not isinstance(relative, str) or relative in now:
            continue
        path = (out / relative).resolve()
        if root not in path.parents or not path.is_file():
            continue  # never outside the output folder
        path.unlink()
        removed.append(relative)
        folder = path.parent
        while folder != root and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed
