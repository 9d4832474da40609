"""Naming what a user wrote and what they probably meant: the words of every error message."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from typing import Any


def norm(text: Any) -> str:
    """Compare names the way people misspell them: case, spaces, hyphens and underscores aside."""
    return re.sub(r"[\s_-]+", "-", str(text).strip().lower())


def nearest(value: Any, options: Iterable[Any], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The options closest to `value`, best first: same but for case and separators, then one
    that starts with the value (`sessions`), one the value starts with (`thursday`), then
    difflib's nearest spellings."""
    names = [str(o) for o in options]
    wanted = norm(value)
    same = [o for o in names if norm(o) == wanted]
    longer = sorted((o for o in names if len(wanted) >= 4 and norm(o).startswith(wanted)), key=len)
    shorter = sorted((o for o in names if len(norm(o)) >= 2 and wanted.startswith(norm(o))),
                     key=len, reverse=True)
    by_norm: dict[str, str] = {}
    for option in names:
        by_norm.setdefault(norm(option), option)
    close = [by_norm[m] for m in difflib.get_close_matches(wanted, list(by_norm), n=n, cutoff=cutoff)]
    return list(dict.fromkeys([*same, *longer, *shorter, *close]))[:n]


def did_you_mean(value: Any, options: Iterable[Any]) -> str:
    match = nearest(value, options)
    return f"; did you mean {match[0]!r}?" if match else ""


def shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"  # as YAML writes it
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list | tuple):  # each item as it is written, not as Python shows it
        text = "[" + ", ".join(repr(item) if isinstance(item, dict) else shown(item)
                               for item in value[:20]) + "]"
        return text if len(text) <= 60 else text[:57] + "..."
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
