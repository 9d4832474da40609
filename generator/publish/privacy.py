"""What the published site shows of a plan: the club's `privacy` applied (club.yaml).

A profile holds health data: bodyweight, injury focus, the coach's notes (and, once runlift reads
them, training logs, pain scores and check-in results). `runlift plan` shows a plan whole, on the
coach's own machine. Everything published goes through here first: the pages, the JSON and the
calendar get `published_plan(plan, privacy)`, with every kind that is not `public` blanked as
plan-json.md allows (`bodyweight` and `nutrition` null, `focus` empty, `notes_html` empty); the
athlete's PDF gets `published_plan(plan, privacy, in_pdf=True)`, which keeps the `pdf_only` kinds
too (the protein grams are the athlete's own numbers). A kind set to `private` is in no published
file at all.

The kinds not read yet (`log`, `pain`, `checkins`) are validated and kept on the club now; the
code that reads them blanks them here, with the same two calls.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Club, Plan, Privacy, Warning
from ..vocabulary import FOCUS

# how warnings name focus areas: "the low_back focus keeps heavy hinges out of the plan", "the
# focus work (achilles, hip) fills ..."; plan/warnings.py words them, and this follows it
_AREA = "(?:" + "|".join(map(re.escape, FOCUS)) + ")"
_FOCUS_NAMED = re.compile(rf"\bthe {_AREA} focus\b")
_FOCUS_LISTED = re.compile(rf" \({_AREA}(?:, {_AREA})*\)")
# what the athlete's page says the PDF holds, for each kind a page leaves out and a PDF keeps
_IN_PDF = {"bodyweight": "your protein a day (from your bodyweight)", "notes": "the coach's notes"}


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
    return replace(plan, athlete=athlete, warnings=warnings,
                   nutrition=plan.nutrition if shows("bodyweight") else None,
                   notes_html=plan.notes_html if shows("notes") else "")


def published_json(plan: Plan, club: Club) -> str:
    """The plan's JSON file on the site (runlift-plan/1, with what the club keeps private
    blanked); `runlift plan --json` prints `plan.to_json()`, the plan whole."""
    return published_plan(plan, club.privacy).to_json()


def pdf_only_notice(privacy: Privacy) -> list[str]:
    """What the athlete's page tells the athlete is in their PDF only. It follows the club's
    settings, never the profile, so it says nothing about whether this athlete has any."""
    return [text for kind, text in _IN_PDF.items() if getattr(privacy, kind) == "pdf_only"]


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
