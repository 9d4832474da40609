"""`runlift plan`: one profile, read with its club and its training log and planned; and the day a
build plans from."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ProfileError, UsageError

if TYPE_CHECKING:
    from ..model import Athlete, Library, Plan, TrainingLog


def default_today() -> dt.date:
    """The day a build plans from when none is given: SOURCE_DATE_EPOCH's date (UTC) when it is
    set, so that builds on two days are byte-identical, else the clock's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH: got {epoch[:40]!r}; allowed a whole number of "
                         "seconds since 1970-01-01 UTC, e.g. 1798761600") from None


def plan_one(profile: Path, today: dt.date) -> Plan:
    """Read one profile with its club and the athlete's training log, and plan it.

    Raises what `read_one` raises.
    """
    from ..plan.builder import build_plan

    athlete, library, log = read_one(profile)
    return build_plan(athlete, library, today, log)


def read_one(profile: Path, command: str = "plan") -> tuple[Athlete, Library, TrainingLog | None]:
    """One profile read with its club, the library, and the athlete's training log
    (logs/<id>.yaml and logs/<id>.*.yaml in the club folder; None when there is none).

    Raises ProfileError with every mistake in the profile (or its club file, or the log), and
    UsageError when the file is the club file rather than an athlete's (`command` names the
    command in the message).
    """
    from ..inputs.club_files import read_inputs
    from ..inputs.discovery import logs_home
    from ..inputs.log import read_log

    inputs = read_inputs([profile])
    if inputs.failures:
        raise ProfileError([p for failure in inputs.failures for p in failure.problems])
    if not inputs.athletes:
        raise UsageError(f"{profile}: this is the club file, not an athlete profile; give "
                         f"`runlift {command}` one athlete's file (see `runlift validate` for "
                         "the club).")
    athlete = inputs.athletes[0]
    return athlete, inputs.library, read_log(logs_home(profile), athlete.id, inputs.library)
