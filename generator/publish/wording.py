"""How a prescription and a session read, the same in every format: page, PDF, calendar, terminal."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..model import Prescription
from ..vocabulary import ORDER_NAMES, RUN_NAMES


def effort(p: Prescription) -> str:
    """'RIR 2–3', or nothing for work not dosed by effort."""
    return f"RIR {p.rir}" if p.rir else ""


def load_text(p: Prescription) -> str:
    """'60 kg', '2 × 14 kg (28 kg)' (one in each hand), 'log load' when the athlete picks it,
    or nothing."""
    if p.load is None:
        return "log load" if p.role in ("main", "accessory") and p.equipment else ""
    return str(p.load)


def order_text(order: str, run: str | None = None) -> str:
    """When the session sits in the day: 'after the easy run', 'before the run', 'no run'."""
    if order == "after_run" and run:
        return f"after the {RUN_NAMES[run].lower()} run"
    return ORDER_NAMES[order]


@lru_cache(maxsize=2048)  # a build writes the same few hundred dates on every page
def date_long(value: dt.date | str) -> str:
    """'Mon 3 Feb 2027' (a date, or one written YYYY-MM-DD)."""
    d = _date(value)
    return f"{d:%a} {d.day} {d:%b %Y}"


@lru_cache(maxsize=2048)
def date_short(value: dt.date | str) -> str:
    """'3 Feb'."""
    d = _date(value)
    return f"{d.day} {d:%b}"


def _date(value: dt.date | str) -> dt.date:
    """A date, or one written YYYY-MM-DD (as the club rows kept in the manifest hold them)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
