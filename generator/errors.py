"""The exceptions the core raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


class RunliftError(Exception):
    """Base class of every error runlift reports to a user."""


@dataclass(frozen=True)
class Problem:
    """One mistake in an input file, located to its line."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ProfileError(RunliftError):
    """An input file has one or more mistakes; all of them are in `problems`."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class BuildError(RunliftError):
    """Output could not be written (e.g. the same path written twice)."""


class LimitError(RunliftError):
    """An input is bigger than runlift reads (e.g. more profiles than --max-athletes allows)."""


class UsageError(RunliftError):
    """The command was given the wrong kind of input (exit code 2)."""
