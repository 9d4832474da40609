"""What the published site shows of a plan: the club's `privacy` applied (club.yaml).

A profile holds health data: bodyweight, injury focus, the coach's notes; a training log holds
more (the sets done, niggles with their pain scores, check-in results). `runlift plan` shows a
plan whole, on the coach's own machine. Everything published goes through here first: the pages,
the JSON and the calendar get `published_plan(plan, privacy)`, with every kind that is not
`public` blanked as plan-json.md allows (`bodyweight` and `nutrition` null, `focus` empty,
`notes_html` empty); the athlete's PDF gets `published_plan(plan, privacy, in_pdf=True)`, which
keeps the `pdf_only` kinds too (the protein grams are the athlete's own numbers). A kind set to
`private` is in no published file at all.

The log's kinds: without `log`, the sets done (`done`), the days logged or skipped (`logged`) and
the extra sessions (`extra_done`) go, with the log's session notes (free text, like the coach's
notes: shown only where `notes` is too); without `pain`, the niggles, and the `niggle` warnings
say no more than that a niggle lightens some exercises in the weeks they name; without
`checkins`, the check-in results. With none of the three, the plan carries no log at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import orjson

from ..model import Club, Day, Plan, Privacy, TrainingLog, Warning, Week
from ..vocabulary import FOCUS

# how warnings name focus areas: "the low_back focus keeps heavy hinges out of the plan", "the
# focus work (achilles, hip) fills ..."; plan/warnings.py words them, and this follows it
_AREA = "(?:" + "|".join(map(re.escape, FOCUS)) + ")"
_FOCUS_NAMED = re.compile(rf"\bthe {_AREA} focus\b")
_FOCUS_LISTED = re.compile(rf" \({_AREA}(?:, {_AREA})*\)")
# what the athlete's page says the PDF holds, for each kind a page leaves out and a PDF keeps
_IN_PDF = {"bodyweight": "your protein a day (from your bodyweight)", "notes": "the coach's notes"}
_LOG_IN_PDF = {"log": "the sets you logged", "pain": "the niggles you logged",
               "checkins": "your check-in results"}
# what a niggle warning says when pain is not public: the weeks it names, not where it hurts
_NIGGLE_UNNAMED = ("a niggle in the training log lightens the exercises that load it (half the "
                   "sets, no load rise, no plyometrics) until a later entry says otherwise.")
_WEEKS_NAMED = re.compile(r"\bweeks? \d+(?:(?:–|-|, | and | to )\d+)*", re.IGNORECASE)


def published_plan(plan: Plan, privacy: Privacy, in_pdf: bool = False) -> Plan:
    """The plan as the site (or, with in_pdf, the athlete's PDF) may show it. Applying it twice
    changes nothing, so any function may apply it again to be sure."""
    a = plan.athlete

    def shows(kind: str) -> bool:
        return privacy.shows(kind, in_pdf)

    athlete = replace(a, bodyweight=a.bodyweight if shows("bodyweight") else None,
                      focus=a.focus if shows("focus") else (),
                      notes=a.notes if shows("notes") else None)
    warnings = plan.warnings if shows("focus") else tuple(_unnamed_focus(w) for w in plan.warnings)
    if not shows("pain"):
        warnings = tuple(_unnamed_niggle(w) for w in warnings)
    weeks = plan.weeks if shows("log") else tuple(_unlogged(w) for w in plan.weeks)
    return replace(plan, athlete=athlete, warnings=warnings, weeks=weeks,
                   log=_published_log(plan.log, shows),
                   nutrition=plan.nutrition if shows("bodyweight") else None,
                   notes_html=plan.notes_html if shows("notes") else "")


def published_json(plan: Plan, club: Club) -> str:
    """The plan's JSON file on the site (runlift-plan/1, with what the club keeps private
    blanked); `runlift plan --json` prints `plan.to_json()`, the plan whole. Without the log
    public, the log's counts of sessions logged and skipped go too."""
    published = published_plan(plan, club.privacy)
    if published.log is None or club.privacy.shows("log"):
        return published.to_json()
    data = published.as_json()
    for key in ("sessions_logged", "sessions_skipped"):
        del data["log"][key]
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"


def pdf_only_notice(privacy: Privacy, has_log: bool = False) -> list[str]:
    """What the athlete's page tells the athlete is in their PDF only. It follows the club's
    settings, never the profile, so it says nothing about whether this athlete has any; the
    log's kinds are named only to an athlete who has a log."""
    kinds = _IN_PDF | (_LOG_IN_PDF if has_log else {})
    return [text for kind, text in kinds.items() if getattr(privacy, kind) == "pdf_only"]


def robots_meta(html: str, privacy: Privacy) -> str:
    """A page with `<meta name="robots" content="noindex">` unless the club lets search engines
    index the site; added here too, so that a club's own layout template cannot lose it."""
    if privacy.index or re.search(r"<meta\s+name=\"?robots", html, re.IGNORECASE):
        return html
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head is None:
        return html
    tag = '\n<meta name="robots" content="noindex">'
    return html[:head.end()] + tag + html[head.end():]


def _unnamed_focus(warning: Warning) -> Warning:
    unnamed = _FOCUS_NAMED.sub("the profile", warning.message)
    return replace(warning, message=_FOCUS_LISTED.sub("", unnamed))


def _unnamed_niggle(warning: Warning) -> Warning:
    if warning.code != "niggle":
        return warning
    weeks = _WEEKS_NAMED.search(warning.message)
    if weeks is None:
        return replace(warning, message=_NIGGLE_UNNAMED[0].upper() + _NIGGLE_UNNAMED[1:])
    return replace(warning, message=f"{weeks.group(0).capitalize()}: {_NIGGLE_UNNAMED}")


def _unlogged(week: Week) -> Week:
    """The week without what the log says was done (the plan as planned)."""
    if not any(d.logged is not None or d.extra_done or _has_done(d) for d in week.days):
        return week
    days = tuple(replace(d, logged=None, extra_done=(), session=replace(d.session, exercises=tuple(
        replace(p, done=None) for p in d.session.exercises)) if d.session else None)
        for d in week.days)
    return replace(week, days=days)


def _has_done(day: Day) -> bool:
    return day.session is not None and any(p.done is not None for p in day.session.exercises)


def _published_log(log: TrainingLog | None, shows: Callable[[str], bool]) -> TrainingLog | None:
    if log is None or not any(shows(kind) for kind in ("log", "pain", "checkins")):
        return None
    sessions = log.sessions if shows("notes") else tuple(
        replace(s, note=None) if s.note else s for s in log.sessions)
    return replace(log, sessions=sessions if shows("log") else (),
                   check_ins=log.check_ins if shows("checkins") else (),
                   niggles=log.niggles if shows("pain") else ())
