"""What an editor shows on hover for each field of the profile and the club file: a title, a short
description and examples, keyed by the models' field names (docs/formats.md says it at length).

Allowed words are added from the schema itself where it lists them (an enum), so they are never
written twice.
"""

from __future__ import annotations

from typing import Any

from ..vocabulary import EQUIPMENT_ITEMS, PATTERNS

Doc = tuple[str, str, list[Any]]  # title, description, examples

PROFILE: dict[str, Doc] = {
    "name": ("Name", "The athlete's name, one line, any language. Required.", ["Maya López"]),
    "id": ("Id", "The name of the athlete's page and files: a-z, 0-9 and hyphens. Default: made "
           "from name.", ["maya-lopez"]),
    "units": ("Distance unit", "The unit of weekly_mileage. Default: the club's, else km.",
              ["km"]),
    "load_unit": ("Load unit", "The unit loads are planned in. Default: lb with mi, kg with km.",
                  ["kg"]),
    "weekly_mileage": ("Weekly mileage", "Distance run in a normal week, in units: more than 0, "
                       "at most 200 mi or 320 km. Required (here or in the club's defaults).",
                       [35]),
    "week": ("Running week", "The run type of each day, Monday first; all seven days. Required "
             "(here or in the club's defaults).",
             [{"mon": "easy", "tue": "intervals", "wed": "rest", "thu": "easy", "fri": "easy",
               "sat": "long", "sun": "rest"}]),
    "phase": ("Phase", "The training phase of the block (of its first week when race is given). "
              "Required unless race is given; race needs race.date.", ["base"]),
    "race": ("Goal race", "The race the block counts back to: later weeks get their phase from "
             "it.", [{"date": "2027-04-11", "distance": "half", "name": "Riverside Half"}]),
    "start": ("First Monday", "The Monday the block starts, YYYY-MM-DD. Default: 8 weeks before "
              "race week (or the next Monday when that is later), else the next Monday.",
              ["2027-01-04"]),
    "weeks": ("Weeks", "Length of the block, 1-52. Default: up to race week, else 4.", [8]),
    "experience": ("Experience", "Strength-training experience. Default novice.",
                   ["intermediate"]),
    "equipment": ("Equipment", "A kit (gym: everything; home: dumbbells, kettlebell, band, box; "
                  "bodyweight: nothing) or a list of items. Default gym.",
                  ["home", ["dumbbells", "band"]]),
    "sessions_per_week": ("Sessions a week", "Strength sessions a week, 1-3; checked against the "
                          "coaching rules. Default: as the phase needs.", [2]),
    "strength_days": ("Strength days", "Preferred days for strength; moved when a day breaks a "
                      "rule.", [["mon", "thu"]]),
    "placement": ("Placement", "Lift on easy days, or on hard days after the key run. Default "
                  "easy_days.", ["easy_days"]),
    "session_minutes": ("Session minutes", "Time for a session, warm-up included, 20-90. Default "
                        "40.", [40]),
    "bodyweight": ("Bodyweight", "'58 kg', '128 lb', or a number in load_unit. Used for protein "
                   "numbers; private unless the club publishes it.", ["58 kg"]),
    "lifts": ("Known lifts", "Working weight for about 8 reps with 2 in reserve, by exercise id: "
              "the total moved ('60 kg') or per hand ('2 x 10 kg', '10 kg each').",
              [{"goblet-squat": "16 kg", "step-up": "2 x 10 kg"}]),
    "weights": ("Weights owned", "The implements the athlete owns; loads are rounded to these.",
                [{"kettlebell": ["8 kg", "16 kg"], "plates": "1.25 kg"}]),
    "changes": ("Changed weeks", "Weeks whose running differs from week, keyed by that week's "
                "Monday (YYYY-MM-DD, inside the block): the days that differ, weekly_mileage, or "
                "off: true for no strength that week.",
                [{"2027-02-01": {"sat": "easy", "weekly_mileage": 28},
                  "2027-02-15": {"off": True}}]),
    "avoid": ("Avoid", "Exercise ids and movement patterns this athlete never gets; the plan "
              "picks alternatives.", [["back-squat", "plyometric"]]),
    "focus": ("Injury focus", "Areas to strengthen with extra work; private unless the club "
              "publishes it.", [["achilles", "hip"]]),
    "notes": ("Notes", "The coach's notes, in Markdown; on the page (when the club publishes "
              "them) and in the PDF.", ["Hill repeats return in March."]),
}

RACE: dict[str, Doc] = {
    "date": ("Race date", "The day of the race, YYYY-MM-DD.", ["2027-04-11"]),
    "distance": ("Distance", "The race distance; a marathon tapers longer than a 5k. Default "
                 "other.", ["half"]),
    "name": ("Race name", "Shown on the page and the PDF.", ["Riverside Half"]),
}

_DAY = "This day's run type in that week, instead of week's."
CHANGE: dict[str, Doc] = {
    **{day: (day.capitalize(), _DAY, ["easy"]) for day in ("mon", "tue", "wed", "thu", "fri",
                                                            "sat", "sun")},
    "weekly_mileage": ("Weekly mileage", "That week's distance, in units.", [28]),
    "off": ("Off", "true: no strength that week (holiday, illness).", [True]),
}

WEIGHTS: dict[str, Doc] = {
    "kettlebell": ("Kettlebells", "Each kettlebell owned; list a weight twice for two bells.",
                   [["8 kg", "16 kg"]]),
    "dumbbells": ("Dumbbells", "The dumbbell weights owned (a pair of each for two-handed work).",
                  [["5 kg", "10 kg", "12.5 kg"]]),
    "plates": ("Smallest plate", "The smallest plate owned; a barbell steps by two of it.",
               ["1.25 kg"]),
}

CLUB: dict[str, Doc] = {
    "name": ("Club name", "Shown on the club page and on every PDF.", ["Riverside Runners"]),
    "paper": ("Paper", "The PDFs' paper size. Default a4.", ["letter"]),
    "base_url": ("Web address", "Where the site is published, http(s), ending in /. Gives PDFs "
                 "a QR code, the site a sitemap and the calendars absolute links.",
                 ["https://club.example/plans/"]),
    "defaults": ("Defaults", "Any athlete field but name and id, for every athlete; an "
                 "athlete's own file wins.", [{"units": "km", "equipment": "home"}]),
    "privacy": ("Privacy", "What the site, JSON and calendars show of each kind of health data.",
                [{"bodyweight": "pdf_only", "index": False}]),
}

_LEVELS = "public: on the site; pdf_only: in the athlete's PDF only; private: nowhere. Default "
PRIVACY: dict[str, Doc] = {
    "bodyweight": ("Bodyweight", "Bodyweight and protein numbers. " + _LEVELS + "pdf_only.",
                   ["pdf_only"]),
    "focus": ("Injury focus", "The focus areas. " + _LEVELS + "pdf_only.", ["pdf_only"]),
    "notes": ("Notes", "The coach's notes. " + _LEVELS + "pdf_only.", ["pdf_only"]),
    "log": ("Training log", "What was lifted and how it felt. " + _LEVELS + "pdf_only.",
            ["pdf_only"]),
    "pain": ("Pain", "Pain scores. " + _LEVELS + "pdf_only.", ["private"]),
    "checkins": ("Check-ins", "Check-in results. " + _LEVELS + "pdf_only.", ["pdf_only"]),
    "index": ("Search engines", "true lets search engines index the pages and writes "
              "sitemap.xml. Default false.", [False]),
}

MODELS: dict[str, dict[str, Doc]] = {
    "Race": RACE, "WeekChange": CHANGE, "OwnedWeightsModel": WEIGHTS, "PrivacyModel": PRIVACY}

WEEK_DAY = "The run type of this day (rest included)."
AVOID_ITEM = "An exercise id, or a pattern: " + ", ".join(PATTERNS) + "."
EQUIPMENT_ITEM = "An item: " + ", ".join(EQUIPMENT_ITEMS) + "."
LIFT_VALUE = ("The total load ('65 lb': both dumbbells together), a number in load_unit, or per "
              "hand ('2 x 30 lb', '30 lb each').")


def annotate(schema: dict[str, Any], doc: Doc) -> dict[str, Any]:
    """The schema with its title, description (ending with the allowed words, when it lists
    them) and examples."""
    title, description, examples = doc
    words = allowed(schema)
    if words:
        description += " Allowed: " + ", ".join(words) + "."
    return {**schema, "title": title, "description": description, "examples": examples}


def allowed(schema: dict[str, Any]) -> list[str]:
    """The words an enum lists, looking inside anyOf (a field that may also be null)."""
    if "enum" in schema:
        return [str(word) for word in schema["enum"]]
    for option in schema.get("anyOf", ()):
        if "enum" in option:
            return [str(word) for word in option["enum"]]
    return []

# the training log (log.md); the sets' words are also in docs/formats.md
LOG: dict[str, Doc] = {
    "athlete": ("Athlete", "The athlete's id. Optional; when given, it must be the id the file's "
                "name starts with (logs/<id>.yaml or logs/<id>.<anything>.yaml).",
                ["maya-lopez"]),
    "sessions": ("Sessions", "What was lifted, by the date it was lifted (YYYY-MM-DD): each "
                 "exercise's sets, or skipped: true for a planned session not done.",
                 [{"2027-02-08": {"back-squat": ["85 lb x 10 @ 2", "85 lb x 10 @ 2"]},
                   "2027-02-11": {"skipped": True}}]),
    "checkins": ("Check-ins", "Check-in test results, by the date tested: each test's result "
                 "for the left and right side.",
                 [{"2027-03-01": {"calf-raise": {"left": 22, "right": 19}}}]),
    "niggles": ("Niggles", "Aches worth noting, by the date felt: where, which side and how "
                "much it hurt (0-10). Several on one day are a list.",
                [{"2027-02-20": {"where": "achilles", "side": "left", "pain": 4}}]),
}
SESSION: dict[str, Doc] = {
    "skipped": ("Skipped", "true: the session planned for this day was not done (no sets "
                "beside it).", [True]),
    "note": ("Note", "How the session went, in a line or two.",
             ["Left calf tight on the last set."]),
}
NIGGLE: dict[str, Doc] = {
    "where": ("Where", "The body part, one of the profile's focus areas.", ["achilles"]),
    "side": ("Side", "Which side hurt. Default both.", ["left"]),
    "pain": ("Pain", "How much it hurt, 0 (no pain) to 10 (the worst); 4 or more lightens the "
             "work that loads it.", [4]),
}
SETS = ("The sets done, in order, each written [LOAD] x REPS [@ RIR]: LOAD with its unit "
        "('85 lb', '40 kg'), per hand ('25 lb each', '2 x 25 lb') or left out for bodyweight; "
        "REPS a whole number, or seconds ('40 s'); RIR, the reps left in reserve, 0-5.")
SET_EXAMPLES = ["85 lb x 10 @ 2", "25 lb each x 10", "x 12", "x 40 s"]
