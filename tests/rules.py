"""The MUSTs of coaching.md, checked on a plan's JSON the way an outside tool would read it.

Used by the hand-written cases and by the property tests; it knows nothing of the builder.
"""

from __future__ import annotations

import datetime as dt
import re

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
KEY_RUNS = {"long", "intervals", "tempo", "hills", "fartlek", "race"}
LOWER = {"squat", "hinge", "single_leg"}
WORKING = {"main", "accessory", "core", "plyometric"}
ANTI_CORE = {"dead-bug", "pallof-press", "bird-dog", "front-plank"}
ROLE_ORDER = {"warmup": 0, "plyometric": 1, "main": 2, "accessory": 3, "core": 3, "cooldown": 4}
SESSIONS_MAX = {"base": 3, "build": 2, "peak": 2, "taper": 2, "race": 1, "recovery": 2}
MAIN_REPS = {"base": (6, 12), "build": (4, 8), "peak": (4, 6), "taper": (4, 6), "recovery": (8, 12)}
RIR = {"base": (2, 3), "build": (1, 3), "peak": (2, 3), "taper": (3, 3), "recovery": (3, 3)}
REST = {"main": (90, 180), "accessory": (60, 90), "core": (30, 60)}


def broken_rules(plan: dict, profile_week: dict[str, str], owned: set[str],
                 changes: dict[str, dict] | None = None) -> list[str]:
    """Every MUST the plan breaks, as readable lines (empty when the plan is sound)."""
    out: list[str] = []
    race = plan["race"]
    race_date = dt.date.fromisoformat(race["date"]) if race else None
    days = [d for w in plan["weeks"] for d in w["days"]]
    by_date = {dt.date.fromisoformat(d["date"]): d for d in days}
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    def run_on(date: dt.date) -> str:
        if date in by_date:
            return by_date[date]["run"]
        return "race" if date == race_date else profile_week[names[date.weekday()]]

    experience = plan["athlete"]["experience"]
    for week in plan["weeks"]:
        n, phase = week["number"], week["phase"]
        assert len(week["days"]) == 7
        sessions = [d for d in week["days"] if d["session"]]
        if phase != "race" and not sessions and not week.get("off"):
            rests = sum(d["run"] == "rest" for d in week["days"])
            possible = [d for d in week["days"] if d["run"] not in ("long", "race") and not (
                race_date and 0 <= (race_date - dt.date.fromisoformat(d["date"])).days <= 0)
                and not (d["run"] == "rest" and rests == 1)]  # the only rest day stays free
            if possible:
                out.append(f"week {n}: no session although {possible[0]['date']} was free")
        most = 2 if phase == "base" and experience == "novice" else SESSIONS_MAX[phase]
        if len(sessions) > most:
            out.append(f"week {n}: {len(sessions)} sessions in {phase}")
        if len(sessions) == 7:
            out.append(f"week {n}: no day without strength")
        rest_days = [d for d in week["days"] if d["run"] == "rest"]
        if rest_days and all(d["session"] for d in rest_days):
            out.append(f"week {n}: every rest day has a session")
        total = 0
        for day in sessions:
            date = dt.date.fromisoformat(day["date"])
            s = day["session"]
            label = f"week {n} {day['weekday']}"
            total += sum(e["sets"] for e in s["exercises"] if e["role"] in WORKING)
            loaded = any(e["role"] == "main" and e["pattern"] in LOWER
                         or e["role"] == "plyometric" for e in s["exercises"])  # landings load
            if loaded != s["lower_body_loaded"]:
                out.append(f"{label}: lower_body_loaded is wrong")
            if day["run"] in ("long", "race"):
                out.append(f"{label}: session on a {day['run']} day")
            if loaded and run_on(date + dt.timedelta(days=1)) in KEY_RUNS:
                out.append(f"{label}: loaded session the day before a key run")
            if race_date and 0 <= (race_date - date).days <= 3 and (loaded or phase == "race"):
                out.append(f"{label}: session within 3 days of the race")
            if (date + dt.timedelta(days=1)) in by_date and by_date[
                    date + dt.timedelta(days=1)]["session"]:
                out.append(f"{label}: sessions on consecutive days")
            sets = sum(e["sets"] for e in s["exercises"] if e["role"] in WORKING)
            if phase not in ("taper", "race") and not week["deload"] and not 6 <= sets <= 16 \
                    and not (sets < 6 and warned(plan, "niggle", n)):  # a niggle lightens
                out.append(f"{label}: {sets} working sets")
            advanced_base = experience == "advanced" and phase == "base"
            if sets > 12 and not advanced_base:  # 12–16 only for advanced athletes in base
                out.append(f"{label}: {sets} working sets for {experience} in {phase}")
            ranks = [ROLE_ORDER[e["role"]] for e in s["exercises"]]
            if ranks != sorted(ranks):
                out.append(f"{label}: exercises out of order {[e['role'] for e in s['exercises']]}")
            for e in s["exercises"]:
                if not set(e["equipment"]) <= owned:
                    out.append(f"{label}: {e['id']} needs {e['equipment']}")
                if e["role"] == "plyometric" and (experience == "novice" or phase not in (
                        "base", "build")):
                    out.append(f"{label}: plyometrics for {experience} in {phase}")
                if e["role"] == "main" and phase in MAIN_REPS:
                    low, high = MAIN_REPS[phase]
                    if phase == "base":  # 6–10; novices 8–12 while learning the movement
                        low, high = (8, 12) if experience == "novice" else (6, 10)
                    if e["reps"] and not (low <= e["reps"]["min"] and e["reps"]["max"] <= high):
                        out.append(f"{label}: {e['id']} reps {e['reps']} in {phase}")
                    rlow, rhigh = RIR[phase]
                    if e["rir"] and not (rlow <= e["rir"]["min"] and e["rir"]["max"] <= rhigh):
                        out.append(f"{label}: {e['id']} rir {e['rir']} in {phase}")
                if e["role"] in REST and not (
                        REST[e["role"]][0] <= e["rest_seconds"] <= REST[e["role"]][1]):
                    out.append(f"{label}: {e['id']} rest {e['rest_seconds']}")
                if e["role"] in ("warmup", "cooldown", "plyometric") and e["rir"] is not None:
                    out.append(f"{label}: {e['id']} has rir in role {e['role']}")
        if total != week["working_sets"]:
            out.append(f"week {n}: working_sets {week['working_sets']} but sets add to {total}")
        if phase != "race" and sessions:
            ex = [e for d in sessions for e in d["session"]["exercises"] if e["role"] in WORKING]
            patterns = {e["pattern"] for e in ex}
            # coaching.md §4: unless `avoid` rules the pattern out, and a warning says so
            unmet = " ".join(m for m in warned(plan, "avoid-unmet", n))
            if not patterns & {"squat", "single_leg"} and "squat or single-leg" not in unmet:
                out.append(f"week {n}: no squat or single-leg work")
            if "hinge" not in patterns and "hinge" not in unmet:
                out.append(f"week {n}: no hinge")
            if not any(e["pattern"] == "calf" and e["id"] != "tibialis-raise" for e in ex) \
                    and "no calf" not in unmet:
                out.append(f"week {n}: no calf raise")
            if not any(e["id"] in ANTI_CORE for e in ex) and "core" not in unmet:
                out.append(f"week {n}: no anti-rotation or anti-extension core")
    # race week cut and loads across weeks
    weeks = plan["weeks"]
    for before, after in zip(weeks, weeks[1:], strict=False):
        if after["phase"] == "race" and after["working_sets"] \
                and before["working_sets"]:
            cut = 1 - after["working_sets"] / before["working_sets"]
            if not 0.5 <= cut <= 0.7:
                out.append(f"race week cut {cut:.0%} from the week before")
        # a week a niggle lightened is no measure of what a deload or a taper cuts
        lightened = bool(warned(plan, "niggle", before["number"]))
        if after["deload"] and not before["deload"] and before["working_sets"] and \
                after["working_sets"] > 0.75 * before["working_sets"] and not lightened:
            out.append(f"week {after['number']}: deload only {after['working_sets']} sets "
                       f"after {before['working_sets']}")
        if after["phase"] == "taper" and before["phase"] in ("peak", "build", "base") and \
                after["working_sets"] >= before["working_sets"] > 0 and not lightened:
            out.append(f"week {after['number']}: taper keeps {after['working_sets']} sets")
        if after["phase"] in ("base", "build", "peak", "taper") and not after["deload"] and \
                before["phase"] in ("base", "build", "peak", "taper"):
            old, new = _loads(before), _loads(after)
            for key in old.keys() & new.keys():
                if new[key] < old[key] and not log_explains_fall(plan, after, key, old[key],
                                                                  new[key]):
                    out.append(f"week {after['number']}: {key} load fell {old[key]} -> {new[key]}")
    out += broken_time_rules(plan)
    out += broken_bodyweight_rules(plan)
    out += broken_warning_rules(plan)
    out += broken_load_rules(plan)
    out += broken_deload_rules(plan)
    out += broken_race_rules(plan)
    out += broken_off_rules(plan)
    out += broken_avoid_rules(plan)
    out += broken_change_rules(plan, profile_week, changes or {})
    out += broken_session_content_rules(plan)
    out += broken_log_rules(plan)
    out += broken_focus_rules(plan)
    return out


def _exercises(week: dict) -> list[dict]:
    return [e for d in week["days"] if d["session"] for e in d["session"]["exercises"]]


def broken_session_content_rules(plan: dict) -> list[str]:
    """coaching.md §4 and §7, from the JSON: plyometrics where they are wanted and dosed as the
    spec says; no main lift first met in peak or taper when the block began in base or build."""
    out: list[str] = []
    experience = plan["athlete"]["experience"]
    for week in plan["weeks"]:
        n = week["number"]
        drills = [e for e in _exercises(week) if e["role"] == "plyometric"]
        for drill in drills:
            if not (1 <= drill["sets"] <= 3 and drill["reps"] and drill["reps"]["max"] <= 8):
                out.append(f"week {n}: plyometric {drill['id']} dosed {drill['sets']} x "
                           f"{drill['reps']}")
        wanted = (experience != "novice" and week["phase"] in ("base", "build")
                  and not week["deload"] and not week.get("off")
                  and any(d["session"] for d in week["days"]))
        if wanted and not drills and not (warned(plan, "no-plyometrics", n)
                                          or warned(plan, "niggle", n)):
            out.append(f"week {n}: no plyometrics and no warning saying why")
        if experience == "novice" and drills:
            out.append(f"week {n}: plyometrics for a novice")
    first = plan["weeks"][0]["phase"] if plan["weeks"] else None
    if first in ("base", "build"):
        seen: set[str] = set()
        for week in plan["weeks"]:
            mains = {e["id"] for e in _exercises(week) if e["role"] == "main"}
            if week["phase"] in ("peak", "taper"):
                known = {lift["id"] for lift in plan["athlete"].get("lifts") or []}
                late = mains - seen - known
                if late:
                    out.append(f"week {week['number']}: main lift {sorted(late)} first met in "
                               f"{week['phase']}")
            seen |= mains
    return out


def week_numbers(message: str) -> set[int]:
    """The weeks a warning names in its 'Week 3: …' or 'Weeks 1–3, 5: …' prefix."""
    match = re.match(r"Weeks? ([0-9–, ]+):", message)
    out: set[int] = set()
    for part in (match.group(1).split(",") if match else []):
        low, _, high = part.strip().partition("–")
        out |= set(range(int(low), int(high or low) + 1))
    return out


def warned(plan: dict, code: str, week: int | None = None) -> list[str]:
    """The messages of `code` warnings, those naming `week` when it is given."""
    return [w["message"] for w in plan["warnings"] if w["code"] == code
            and (week is None or week in week_numbers(w["message"]))]


def honest_floor(session: dict) -> int:
    """The fewest minutes a session can honestly take (coaching.md §5): every set's reps at its
    tempo (2 s a rep without one), every rest, a minute to change exercises, and warm-up and
    cool-down in their short forms (3 min each); no ramp-up sets counted."""
    seconds, working = 360, [e for e in session["exercises"] if e["role"] in WORKING]
    for e in working:
        sides = 2 if e["per_side"] else 1
        rep = sum(int(x) for x in e["tempo"].split("-")) if e["tempo"] else 2
        work = e["reps"]["max"] * rep if e["reps"] else (e["seconds"] or 0)
        seconds += e["sets"] * work * sides + (e["sets"] - 1) * e["rest_seconds"]
    return -(-(seconds + 60 * max(0, len(working) - 1)) // 60)


def broken_time_rules(plan: dict) -> list[str]:
    """coaching.md §5: a session's minutes are honest, and at most session_minutes + 5 unless a
    `session-over-time` warning names its week."""
    out: list[str] = []
    allowed = plan["athlete"]["session_minutes"] + 5
    for week in plan["weeks"]:
        over = warned(plan, "session-over-time", week["number"])
        for _, s in _sessions(week):
            if s["minutes"] < honest_floor(s):
                out.append(f"week {week['number']} {s['name']}: {s['minutes']} min, but its sets "
                           f"and rests alone take {honest_floor(s)}")
            if s["minutes"] > allowed and not any(f"session {s['name']} " in m for m in over):
                out.append(f"week {week['number']} {s['name']}: {s['minutes']} min, over "
                           f"{allowed}, without a session-over-time warning")
    return out


LOADABLE = {"barbell", "trap_bar", "dumbbells", "kettlebell", "cable", "band", "plates"}
REACHABLE = {"push-up", "inverted-row", "pull-up", "single-leg-calf-raise",
             "single-leg-box-squat"}


def broken_bodyweight_rules(plan: dict) -> list[str]:
    """coaching.md §6: bodyweight work is never at a RIR no one can reach (core at none), and
    progresses rather than cycling: in base and build its reps never fall within a phase, its
    tempo never gets faster, and four loading weeks apart it is not the same prescription."""
    out: list[str] = []
    seen: dict[tuple[str, str], list[tuple[int, str, tuple]]] = {}
    for week in plan["weeks"]:
        for _, s in _sessions(week):
            for e in s["exercises"]:
                if e["role"] not in ("main", "accessory", "core") or LOADABLE & set(
                        e["equipment"]):
                    continue
                label = f"week {week['number']} {s['name']} {e['id']}"
                if e["rir"] is not None and (e["role"] == "core" or e["id"] not in REACHABLE):
                    out.append(f"{label}: bodyweight work at RIR {e['rir']}")
                if week["phase"] in ("base", "build") and not week["deload"]:
                    tempo = tuple(int(x) for x in e["tempo"].split("-")) if e["tempo"] else ()
                    dose = (e["reps"] and e["reps"]["min"], tempo, e["seconds"])
                    seen.setdefault((s["name"], e["id"]), []).append(
                        (week["number"], week["phase"], dose))
    for (name, ident), history in seen.items():
        for (_, phase, old), (n, new_phase, new) in zip(history, history[1:], strict=False):
            if phase == new_phase and old[0] and new[0] and new[0] < old[0]:
                out.append(f"week {n} {name} {ident}: reps fell, cycling")
            if old[1] and new[1] and sum(new[1]) < sum(old[1]):
                out.append(f"week {n} {name} {ident}: tempo faster again {old[1]} -> {new[1]}")
        slow = [d for _, _, d in history if d[1] and d[1][0] >= 6 and d[1][1] >= 4]
        for (_, _, old), (n, _, new) in zip(history, history[4:], strict=False):
            if old == new and not slow and not (old[2] and old[2] >= 60):
                out.append(f"week {n} {name} {ident}: the same as four loading weeks before")
    return out


def broken_warning_rules(plan: dict) -> list[str]:
    """coaching.md §8: once per cause (no two warnings of one code say the same after their
    weeks), and what the plan chose itself (high mileage, a taper) is not warned."""
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for w in plan["warnings"]:
        key = (w["code"], re.sub(r"^Weeks? [0-9–, ]+: ", "", w["message"]))
        if key in seen:
            out.append(f"warning {w['code']} twice: {key[1]}")
        seen.add(key)
        if w["code"] == "high-mileage":
            out.append("high mileage is the plan's own choice, warned")
    taper = {w["number"] for w in plan["weeks"] if w["phase"] == "taper"}
    for message in warned(plan, "no-upper-body"):
        if week_numbers(message) & taper:
            out.append(f"no-upper-body warned for a taper week: {message}")
    return out


def _loads(week: dict) -> dict[str, float]:
    loads: dict[str, float] = {}
    for day in week["days"]:
        for e in (day["session"] or {}).get("exercises", []):
            if e["load"]:
                loads[e["id"]] = max(loads.get(e["id"], 0), e["load"]["total"])
    return loads


STEP = {"barbell": {"kg": 2.5, "lb": 5}, "trap_bar": {"kg": 2.5, "lb": 5},
        "dumbbells": {"kg": 2, "lb": 5}, "kettlebell": {"kg": 4, "lb": 8}}


def _implied_max(e: dict) -> float:
    """Epley: the max a prescription implies, from the top of its rep range and its lowest RIR."""
    return e["load"]["total"] * (1 + (e["reps"]["max"] + e["rir"]["min"]) / 30)


def _step(e: dict, plan: dict) -> float:
    """One equipment step of this prescription's total (coaching.md §6)."""
    unit = plan["athlete"]["load_unit"]
    plates = ((plan["athlete"].get("weights") or {}).get("plates") or {}).get("value")
    item = next((i for i in e["equipment"] if i in STEP), None)
    if item is None:
        return 0.0
    if item in ("barbell", "trap_bar") and plates:
        return 2 * plates
    return STEP[item][unit] * e["load"]["implements"]


def broken_load_rules(plan: dict) -> list[str]:
    """Loads (coaching.md §6, plan-json.md): total = value × implements; week 1 at 8+ reps never
    above the known lift; the implied max rises at most one step or 5 % a week and 15 % over the
    block (25 % for novices), unless the training log earned it (`log_allowance`), and the block's
    cap counts from the highest max a logged load implied when that is higher."""
    out: list[str] = []
    known = {lift["id"]: lift["total"]["value"] for lift in plan["athlete"].get("lifts") or []}
    gain = 1.25 if plan["athlete"]["experience"] == "novice" else 1.15
    first_checked: set[str] = set()
    history: dict[str, tuple[int, float]] = {}  # id -> (week, implied max) of its last week
    first_max: dict[str, float] = {}
    for week in plan["weeks"]:
        # id -> (implied max, one step of it, the most the log allows)
        this_week: dict[str, tuple[float, float, float]] = {}
        for day in week["days"]:
            for e in (day["session"] or {}).get("exercises", []):
                load, label = e["load"], f"week {week['number']} {day['weekday']} {e['id']}"
                if not load:
                    continue
                if load["implements"] not in (1, 2) or load["total"] != round(
                        load["value"] * load["implements"], 1):
                    out.append(f"{label}: load total {load} is not value × implements")
                if load["implements"] == 2 and not {"dumbbells", "kettlebell"} & set(e["equipment"]):
                    out.append(f"{label}: two implements without dumbbells or kettlebells")
                if e["id"] in known and e["reps"] and e["reps"]["max"] >= 8 \
                        and e["id"] not in first_checked:
                    first_checked.add(e["id"])
                    if load["total"] > known[e["id"]] + 0.05 and not _before(plan, e["id"], week):
                        out.append(f"{label}: {load['total']} at {e['reps']} reps, above the "
                                   f"known lift {known[e['id']]}")
                if e["reps"] and e["rir"]:
                    m = _implied_max(e)
                    old = this_week.get(e["id"], (0.0, 0.0, 0.0))
                    # one step of the total, at this prescription's Epley factor
                    step = _step(e, plan) * m / load["total"]
                    this_week[e["id"]] = (max(old[0], m), max(old[1], step),
                                          max(old[2], log_allowance(plan, week, e)))
        for key, (m, step, logged) in this_week.items():
            first_max.setdefault(key, m)
            cap = max(first_max[key], log_peak(plan, week, key)) * gain
            if m > max(cap, logged) + 0.05:
                out.append(f"week {week['number']}: {key} implies a max {m:.1f}, over "
                           f"{gain - 1:.0%} above its first week's {first_max[key]:.1f}")
            if key in history:
                _, before = history[key]
                allowed = max(before * 1.05, before + step, logged)
                if m > allowed + 0.05:
                    out.append(f"week {week['number']}: {key} implied max rose {before:.1f} -> "
                               f"{m:.1f}, more than one step or 5 %")
            history[key] = (week["number"], m)
    return out


def _sessions(week: dict) -> list[tuple[dt.date, dict]]:
    return [(dt.date.fromisoformat(d["date"]), d["session"]) for d in week["days"] if d["session"]]


def broken_deload_rules(plan: dict) -> list[str]:
    """coaching.md §6: no deload in the two weeks before peak or taper; a deload cuts sets evenly
    (every exercise of the week before's same session stays), and is explained, not warned."""
    out: list[str] = []
    weeks = plan["weeks"]
    last: dict[str, set[str]] = {}  # session name -> ids of the last non-deload week
    for i, week in enumerate(weeks):
        if i and week["phase"] != weeks[i - 1]["phase"]:
            last = {}  # a new phase may choose and dose otherwise: compare within a phase
        ahead = {w["phase"] for w in weeks[i + 1:i + 3]}
        if week["deload"] and ahead & {"peak", "taper"}:
            out.append(f"week {week['number']}: deload with {sorted(ahead)} in the next two weeks")
        for _, s in _sessions(week):
            ids = {e["id"] for e in s["exercises"] if e["role"] in WORKING}
            if week["deload"] and s["name"] in last and not last[s["name"]] <= ids \
                    and not warned(plan, "niggle", week["number"]):  # a niggle stops jumps
                out.append(f"week {week['number']}: deload session {s['name']} drops "
                           f"{sorted(last[s['name']] - ids)}")
            if not week["deload"]:
                last[s["name"]] = ids
    if any("deload" in w["message"].lower() for w in plan["warnings"]):
        out.append("a warning about a deload (the plan's own choice is explained, not warned)")
    return out


def broken_race_rules(plan: dict) -> list[str]:
    """coaching.md §3, §8: nothing loaded on the 2 days after the goal race; race-week sessions
    after it are Recovery sessions without leg work; `race-week-run` names every key run on the
    day before the race or the 2 days after it, and only those."""
    out: list[str] = []
    if not plan["race"]:
        return out
    race = dt.date.fromisoformat(plan["race"]["date"])
    warned = " ".join(w["message"] for w in plan["warnings"] if w["code"] == "race-week-run")
    for week in plan["weeks"]:
        for day in week["days"]:
            date, s = dt.date.fromisoformat(day["date"]), day["session"]
            gap = (date - race).days
            if s and gap in (1, 2) and s["lower_body_loaded"]:
                out.append(f"{day['date']}: loaded session {gap} day(s) after the race")
            if s and week["phase"] == "race" and gap > 0 and (s["name"] != "Recovery" or {
                    e["pattern"] for e in s["exercises"]} & (LOWER | {"calf", "plyometric"})):
                out.append(f"{day['date']}: after the race, session {s['name']} is no recovery")
            if gap in (-1, 1, 2) and day["key_run"]:
                name = DAY_NAMES[date.weekday()]
                if f"{name}'s {day['run']} run" not in warned:
                    out.append(f"{day['date']}: {day['run']} run next to the race, not warned")
    if warned and not any((dt.date.fromisoformat(d["date"]) - race).days in (-1, 1, 2)
                          and d["key_run"] for w in plan["weeks"] for d in w["days"]):
        out.append("race-week-run warned without a key run next to the race")
    return out


def broken_off_rules(plan: dict) -> list[str]:
    """profile.md `changes`: an off week has no session."""
    return [f"week {w['number']}: off but has sessions" for w in plan["weeks"]
            if w.get("off") and _sessions(w)]


def broken_avoid_rules(plan: dict) -> list[str]:
    """profile.md `avoid`: no exercise whose id or pattern the profile avoids."""
    avoid = set(plan["athlete"].get("avoid") or [])
    return [f"week {w['number']} {s['name']}: {e['id']} is avoided" for w in plan["weeks"]
            for _, s in _sessions(w) for e in s["exercises"]
            if {e["id"], e["pattern"]} & avoid]


def broken_change_rules(plan: dict, profile_week: dict[str, str],
                        changes: dict[str, dict]) -> list[str]:
    """profile.md `changes`: a day's run follows the changed week (the race date stays a race)."""
    out: list[str] = []
    race = plan["race"]["date"] if plan["race"] else None
    for week in plan["weeks"]:
        change = changes.get(week["start"], {})
        for day in week["days"]:
            expected = "race" if day["date"] == race else change.get(
                day["weekday"], profile_week[day["weekday"]])
            if day["run"] != expected:
                out.append(f"{day['date']}: run {day['run']}, the profile says {expected}")
        if change.get("off") and not week.get("off"):
            out.append(f"week {week['number']}: changes mark it off")
    return out


CALF_STRAIGHT = {"standing-calf-raise", "single-leg-calf-raise"}
CALF_BENT = {"bent-knee-calf-raise"}
GLUTE_MED = {"side-lying-leg-lift", "clamshell", "lateral-band-walk", "side-plank",
             "copenhagen-plank"}
ECCENTRIC_HINGE = {"romanian-deadlift", "single-leg-romanian-deadlift"}
KNEE_FRIENDLY = {"step-up", "split-squat", "bulgarian-split-squat"}
BACK_FRIENDLY = {"farmers-carry", "suitcase-carry", "dead-bug"}


def _focus_unmet(week: dict, focus: str) -> str | None:
    """What the week lacks of coaching.md §7's minimum for `focus`, or None."""
    done = [e for e in _exercises(week) if e["role"] in WORKING]
    ids = {e["id"] for e in done}
    if focus in ("achilles", "calf"):
        sets = sum(e["sets"] for e in done if e["id"] in CALF_STRAIGHT | CALF_BENT)
        if sets < 4 or not ids & CALF_STRAIGHT or not ids & CALF_BENT:
            return f"{sets} calf-raise sets ({sorted(ids & (CALF_STRAIGHT | CALF_BENT))})"
        return None
    wanted = {"shin": {"tibialis-raise"}, "hip": GLUTE_MED, "it_band": GLUTE_MED,
              "hamstring": ECCENTRIC_HINGE, "knee": KNEE_FRIENDLY,
              "low_back": BACK_FRIENDLY}[focus]
    if not ids & wanted:
        return f"none of {sorted(wanted)}"
    if focus == "low_back":
        bar = [e["id"] for e in done if e["pattern"] == "hinge"
               and {"barbell", "trap_bar"} & set(e["equipment"])]
        if bar:
            return f"a barbell hinge {bar}"
    return None


def broken_focus_rules(plan: dict) -> list[str]:
    """coaching.md §7: every base, build and peak week that is not a deload keeps the weekly
    minimum of each focus, unless a warning names the week and says why (the coach's `avoid`,
    a niggle in the log)."""
    out: list[str] = []
    for week in plan["weeks"]:
        n = week["number"]
        if (week["phase"] not in ("base", "build", "peak") or week["deload"] or week.get("off")
                or not any(d["session"] for d in week["days"])):
            continue
        for focus in plan["athlete"]["focus"]:
            lack = _focus_unmet(week, focus)
            if lack and not (warned(plan, "focus-unmet", n) or warned(plan, "niggle", n)):
                out.append(f"week {n}: {focus} focus gets {lack}")
    return out


# The training log (log.md; docs/coaching.md, "The training log"): what the plan shows as done,
# and what the log may change in the weeks after it. Read from the JSON alone: `done` on the
# prescriptions, `logged` and `extra_done` on the days, `log` at the top level.

LB_PER_KG = 1 / 0.45359237
NIGGLE_PAIN = 4
# what a niggle at each place lightens, as docs/coaching.md's table says: (patterns, ids, spared)
NIGGLE_LOADS = {
    "achilles": ({"calf"}, set(), {"tibialis-raise"}),
    "calf": ({"calf"}, set(), {"tibialis-raise"}),
    "shin": ({"calf"}, set(), set()),
    "knee": ({"squat", "single_leg"}, set(), set()),
    "hamstring": ({"hinge"}, set(), set()),
    "low_back": ({"hinge", "carry"}, {"back-squat", "front-squat"}, set()),
    "hip": ({"single_leg", "hip"}, {"single-leg-romanian-deadlift"}, set()),
    "it_band": ({"single_leg", "hip"}, {"single-leg-romanian-deadlift"}, set()),
}


def _in_unit(load: dict, unit: str) -> float:
    if load["unit"] == unit:
        return load["total"]
    return load["total"] * (0.45359237 if unit == "kg" else LB_PER_KG)


def _factor(e: dict) -> float:
    return 1 + (e["reps"]["max"] + e["rir"]["min"]) / 30


def _judged(plan: dict) -> dict[str, list[tuple[dt.date, float, float, bool, bool]]]:
    """Each exercise's logged sessions with a load, judged against the prescription they were
    done to (the day's, else the same week's): (date, heaviest total in the athlete's unit,
    Epley factor of the prescription, every set at the top with the RIR, a set short)."""
    unit = plan["athlete"]["load_unit"]
    out: dict[str, list] = {}
    for week in plan["weeks"]:
        planned = {e["id"]: e for _, s in _sessions(week) for e in s["exercises"]}
        for day in week["days"]:
            exercises = [e for e in (day["session"] or {}).get("exercises", []) if "done" in e]
            exercises += [{**planned[x["id"]], "done": x["done"]} for x in day.get(
                "extra_done", []) if x["id"] in planned]
            for e in exercises:
                sets = [s for s in e["done"] if s["load"] and s["reps"] is not None]
                if not sets or not e["reps"] or not e["rir"]:
                    continue
                top = all(s["reps"] >= e["reps"]["max"] and s["rir"] is not None
                          and s["rir"] >= e["rir"]["min"] for s in sets)
                short = any(s["reps"] < e["reps"]["min"] for s in sets)
                total = max(_in_unit(s["load"], unit) for s in sets)
                out.setdefault(e["id"], []).append(
                    (dt.date.fromisoformat(day["date"]), total, _factor(e), top, short))
    for history in out.values():
        history.sort()
    return out


def _before(plan: dict, exercise_id: str, week: dict) -> list:
    start = dt.date.fromisoformat(week["start"])
    return [j for j in _judged(plan).get(exercise_id, []) if j[0] < start]


def _next_up(plan: dict, e: dict, per: float) -> float:
    """The weight of one implement one step above `per`: the next owned, else one step."""
    item = next((i for i in e["equipment"] if i in STEP), None)
    owned = ((plan["athlete"].get("weights") or {}).get(item) or []) if item else []
    above = sorted(w["value"] for w in owned if w["value"] > per + 1e-6)
    if above:
        return above[0]
    return per + _step(e, plan) / e["load"]["implements"]


def log_allowance(plan: dict, week: dict, e: dict) -> float:
    """The highest max the log lets prescription `e` imply in `week`: one step above the latest
    load done before the week, carried to the week's rep range (0 when nothing is logged)."""
    history = _before(plan, e["id"], week)
    if not history or not (e["reps"] and e["rir"] and e["load"]):
        return 0.0
    _, total, f, _, _ = history[-1]
    per = total * f / _factor(e) / e["load"]["implements"]
    return _next_up(plan, e, per) * e["load"]["implements"] * _factor(e)


def log_peak(plan: dict, week: dict, exercise_id: str) -> float:
    """The highest max a load logged before `week` implied (0 when nothing is logged)."""
    return max((total * f for _, total, f, _, _ in _before(plan, exercise_id, week)), default=0.0)


def active_niggles(plan: dict, date: dt.date) -> list[dict]:
    """The log's niggles at 4/10 or more on `date` that no later entry under 4 has ended."""
    active: dict[tuple[str, str], dict] = {}
    for n in sorted((plan.get("log") or {}).get("niggles", []), key=lambda n: n["date"]):
        if dt.date.fromisoformat(n["date"]) > date:
            break
        if n["pain"] >= NIGGLE_PAIN:
            active[(n["where"], n["side"])] = n
        else:
            active = {k: v for k, v in active.items()
                      if k[0] != n["where"] or n["side"] not in ("both", k[1])}
    return list(active.values())


def log_explains_fall(plan: dict, week: dict, exercise_id: str, old: float, new: float) -> bool:
    """A load may fall from `old` to `new` in base, build, peak or taper outside a deload only
    when the log says so: a niggle, or the latest logged session short of the range or lighter
    than planned, and then no lower than a step under the load done (two when both latest
    sessions were short), carried to the week's rep range."""
    start = dt.date.fromisoformat(week["start"])
    if any(active_niggles(plan, start + dt.timedelta(days=i)) for i in range(7)):
        return True
    history = _before(plan, exercise_id, week)
    if not history:
        return False
    _, total, f, _, short = history[-1]
    both_short = short and len(history) > 1 and history[-2][4]
    e = next(e for e in _exercises(week) if e["id"] == exercise_id and e["load"])
    if not (short or total < old - 0.05) or not (e["reps"] and e["rir"]):
        return False
    steps = 2 if both_short else 1
    return new >= total * f / _factor(e) - steps * _step(e, plan) - 0.05


def broken_log_rules(plan: dict) -> list[str]:
    """`done` only on the exercises of logged days, nothing done on a skipped day; a niggle at
    4/10 or more: no plyometrics, and no load rise for what loads the sore place, on its days,
    and a `niggle` warning naming each week it lightened."""
    out: list[str] = []
    last_planned: dict[str, float] = {}
    last_done: dict[str, float] = {}
    for week in plan["weeks"]:
        this_week: dict[str, float] = {}
        for day in week["days"]:
            label, logged = f"week {week['number']} {day['date']}", day.get("logged")
            exercises = (day["session"] or {}).get("exercises", [])
            if logged is not None and not day["session"]:
                out.append(f"{label}: logged {logged!r} without a planned session")
            if any("done" in e for e in exercises) and logged is not True:
                out.append(f"{label}: done on a day not logged ({logged!r})")
            if logged == "skipped" and day.get("extra_done"):
                out.append(f"{label}: skipped, yet extra_done")
            sore = active_niggles(plan, dt.date.fromisoformat(day["date"])) \
                if day["session"] else []
            for e in exercises:
                if sore and (e["role"] == "plyometric" or e["pattern"] == "plyometric"):
                    out.append(f"{label}: {e['id']} while a niggle lasts")
                hit = any(_loads_place(e, n["where"]) for n in sore)
                last = max(last_planned.get(e["id"], 0), last_done.get(e["id"], 0)) or 1e9
                if hit and e["load"] and e["load"]["total"] > last + 0.05:
                    out.append(f"{label}: {e['id']} load rose while a niggle lasts")
                if hit and not warned(plan, "niggle", week["number"]):
                    out.append(f"{label}: {e['id']} under a niggle, no warning names the week")
            unit = plan["athlete"]["load_unit"]  # a rise: above the last planned and done
            for e in exercises + day.get("extra_done", []):
                done = [_in_unit(s["load"], unit) for s in e.get("done", []) if s["load"]]
                if e.get("load"):
                    last_planned[e["id"]] = e["load"]["total"]
                if done:  # the log counts from the next week on (a week is planned whole)
                    this_week[e["id"]] = max(done)
        last_done.update(this_week)
    for message in warned(plan, "niggle"):
        if not (plan.get("log") or {}).get("niggles"):
            out.append(f"niggle warned without a niggle in the log: {message}")
    return out


def _loads_place(e: dict, where: str) -> bool:
    patterns, ids, spared = NIGGLE_LOADS[where]
    return e["role"] in ("main", "accessory", "core") and e["id"] not in spared and (
        e["pattern"] in patterns or e["id"] in ids)
