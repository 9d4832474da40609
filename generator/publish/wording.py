"""How a prescription and a session read, the same in every format: page, PDF, calendar, terminal."""

from __future__ import annotations

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
