"""The club file: the club's name, paper size, web address and defaults for every profile."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import ValidationError

from ..errors import Problem, ProfileError
from ..model import PRIVACY_LEVELS, Club, Privacy
from .messages import dotted, in_order, message, unique
from .schema import CLUB_FIELDS, PRIVACY_FIELDS, PROFILE_FIELDS, ClubModel
from .suggest import did_you_mean, shown
from .yamlsource import Source, YamlProblems, read_yaml


@dataclass(frozen=True)
class ClubFile:
    """A club read from its file, with the file kept to locate its defaults' lines."""

    club: Club
    source: Source


def load_club(path: Path, display: str | None = None) -> ClubFile:
    """Read `club.yaml`; raise ProfileError listing every mistake."""
    try:
        source = read_yaml(path, display)
    except YamlProblems as exc:
        raise ProfileError(exc.problems) from None
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise ProfileError([Problem(source.path, 1, "", f"got {shown(data)}; a club file is a "
                                    "mapping of fields (name, paper, base_url, defaults)")])
    data = {k: v for k, v in data.items() if not (k in ("defaults", "privacy") and v is None)}
    problems: list[Problem] = [*source.problems, *_default_problems(source, data.get("defaults"))]
    model: ClubModel | None = None
    try:
        model = ClubModel.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(Problem(source.path, source.line(loc), dotted(loc),
                                    _club_message(error)))
    if model is not None and model.base_url:
        try:
            web_address(model.base_url)
        except ValueError as exc:
            problems.append(Problem(source.path, source.line(("base_url",)), "base_url",
                                    f"got {shown(model.base_url)}; {exc}"))
    if problems or model is None:
        raise ProfileError(in_order(unique(problems), source.path))
    base_url = web_address(model.base_url) if model.base_url else None
    return ClubFile(Club(name=model.name.strip(), paper=model.paper, base_url=base_url,
                         defaults=dict(model.defaults), folder=path.parent,
                         privacy=Privacy(**model.privacy.model_dump())), source)


PRIVACY_ALLOWED = ("allowed a mapping of kinds of data (" + ", ".join(PRIVACY_FIELDS[:-1]) +
                   ") to " + ", ".join(PRIVACY_LEVELS) + ", and index: true or false, e.g. "
                   "privacy: {bodyweight: public}")


def _club_message(error: Any) -> str:
    """A club file mistake in runlift's words; `privacy` names its own kinds of data."""
    loc = tuple(error["loc"])
    fields = PRIVACY_FIELDS if loc[:1] == ("privacy",) and len(loc) == 2 else CLUB_FIELDS
    if error["type"] in ("extra_forbidden", "invalid_key"):
        msg = f"unknown field{did_you_mean(loc[-1], fields)}"
        return msg if msg != "unknown field" else msg + "; allowed " + ", ".join(fields)
    if loc == ("privacy",) and error["type"].endswith("_type"):
        return f"got {shown(error.get('input'))}; {PRIVACY_ALLOWED}"
    return message(error)


URL_ALLOWED = ("allowed an http:// or https:// address with no user name, password, query (?) or "
               "fragment (#), e.g. https://club.example/plans/")


def web_address(url: str) -> str:
    """The club's web address as the site links it: ending in '/', with a path in plain ASCII
    (anything else percent-encoded) and an international host name in its ASCII form.

    Raises ValueError saying what is allowed when it is not an http(s) address a site can use.
    """
    parts = urlsplit(url.strip())
    bad = (parts.scheme.lower() not in ("http", "https") or not parts.hostname
           or "@" in parts.netloc or parts.query or parts.fragment or "?" in url or "#" in url)
    try:
        port = parts.port
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except (ValueError, UnicodeError):
        bad = True
    if bad or not host or any(c in host for c in "<>\"'` {}|^%"):
        raise ValueError(URL_ALLOWED)
    netloc = f"{host}:{port}" if port is not None else host
    netloc = parts.netloc if parts.netloc.isascii() else netloc  # as the club wrote it, if ASCII
    path = quote(re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", parts.path), safe="/%!$&'()*+,;=:@~-._")
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def _default_problems(source: Source, defaults: object) -> list[Problem]:
    """Defaults name profile fields, and never the athlete's own name or id."""
    problems = []
    for key in defaults if isinstance(defaults, dict) else ():
        if key in ("name", "id"):
            problems.append(Problem(source.path, source.line(("defaults", key)), f"defaults.{key}",
                                    "each athlete has their own; remove it from defaults"))
        elif key not in PROFILE_FIELDS:
            hint = did_you_mean(key, PROFILE_FIELDS) if isinstance(key, str) else ""
            problems.append(Problem(source.path, source.line(("defaults", key)),
                                    f"defaults.{key}", f"unknown field{hint}"))
    return problems
