"""The one writer of the output folder: atomic writes, and never the same path twice."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from .errors import BuildError

log = logging.getLogger(__name__)


class Writer:
    def __init__(self, root: Path):
        self.root = root
        self.written: list[str] = []
        self._seen: set[str] = set()

    def write(self, relative: str, content: str | bytes) -> Path:
        """Write `content` to `root/relative` through a temporary file and a rename."""
        key = Path(relative).as_posix()
        if key in self._seen:
            raise BuildError(f"{key} would be written twice in one build (two athletes with the "
                             "same id, or a template name clash)")
        self._seen.add(key)
        target = self.root / key
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
        self.written.append(key)
        log.debug("wrote %s", key)
        return target
