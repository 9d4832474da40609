"""The block chart as inline SVG: weekly mileage beside working sets and main-lift loads; and a
small chart a check-in test, its results over the dates tested.

Drawn in black, grey and patterns so it reads in black-and-white print too.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Plan
from ..vocabulary import plain_number
from .logview import Trend

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 56, 20, 58
DASHES = ("", "6 3", "2 3", "10 3 2 3")
MARKS = ("circle", "square", "diamond", "triangle")


def main_lift_loads(plan: Plan, limit: int = 3) -> dict[str, list[float | None]]:
    """Each loaded main lift's heaviest prescribed load per week (None when not that week)."""
    names: dict[str, str] = {}
    series: dict[str, list[float | None]] = {}
    for index, week in enumerate(plan.weeks):
        for _, session in week.sessions:
            for p in session.exercises:
                if p.role == "main" and p.load:
                    names.setdefault(p.id, p.name)
                    values = series.setdefault(p.id, [None] * len(plan.weeks))
                    values[index] = max(values[index] or 0, p.load.value)
    return {names[k]: v for k, v in list(series.items())[:limit]}


@dataclass(frozen=True)
class _Frame:
    """The chart's scales: a column per week, sets on the left axis, loads on the right."""

    count: int
    sets_top: int
    load_top: float

    @property
    def step(self) -> float:
        return (WIDTH - LEFT - RIGHT) / self.count

    @property
    def inner_h(self) -> int:
        return HEIGHT - TOP - BOTTOM

    def y_sets(self, v: float) -> float:
        return TOP + self.inner_h - self.inner_h * v / self.sets_top

    def y_load(self, v: float) -> float:
        return TOP + self.inner_h - self.inner_h * v / self.load_top


def block_chart(plan: Plan) -> Markup:
    weeks = plan.weeks
    if not weeks:
        return Markup("")
    max_sets = max([w.working_sets for w in weeks] + [10])
    loads = main_lift_loads(plan)
    all_loads = [v for vs in loads.values() for v in vs if v is not None]
    frame = _Frame(len(weeks), ((max_sets + 9) // 10) * 10,
                   max(all_loads) * 1.15 if all_loads else 1)
    athlete = plan.athlete
    mileage = plain_number(athlete.weekly_mileage)
    summary = (f"Working sets per week from {min(w.working_sets for w in weeks)} to "
               f"{max_sets}; weekly running {mileage} {athlete.units}")
    if loads:
        summary += "; main-lift loads: " + "; ".join(
            f"{name} {min(v for v in vs if v is not None):g}–{max(v for v in vs if v is not None):g}"
            f" {athlete.load_unit}" for name, vs in loads.items())
    parts = [f'<svg class="block-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
             '<title id="chart-title">The block at a glance</title>',
             f'<desc id="chart-desc">{escape(summary)}.</desc>',
             '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
             '<line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/></pattern>'
             '</defs>',
             *_set_axis(frame), *_bars(frame, plan), *_load_lines(frame, loads, athlete.load_unit),
             *_legend(loads),
             f'<text x="{WIDTH - RIGHT}" y="{TOP - 6}" text-anchor="end" class="legend">'
             f'running: {mileage} {athlete.units} a week</text>',
             "</svg>"]
    return Markup("".join(parts))


def _set_axis(frame: _Frame) -> list[str]:
    """The grid and the left axis (working sets)."""
    parts = []
    for tick in range(0, frame.sets_top + 1, max(5, frame.sets_top // 4)):
        y = frame.y_sets(tick)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     'stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'class="tick">{tick}</text>')
    middle = TOP + frame.inner_h / 2
    parts.append(f'<text x="12" y="{middle:.1f}" class="axis" text-anchor="middle" '
                 f'transform="rotate(-90 12 {middle:.1f})">working sets</text>')
    return parts


def _bars(frame: _Frame, plan: Plan) -> list[str]:
    """A bar of working sets per week, deload weeks hatched, labelled with week and phase."""
    parts = []
    step = frame.step
    for i, week in enumerate(plan.weeks):
        x = LEFT + i * step + step * 0.18
        y = frame.y_sets(week.working_sets)
        fill = "url(#hatch)" if week.deload else "#9aa5b1"
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.64:.1f}" '
                     f'height="{TOP + frame.inner_h - y:.1f}" fill="{fill}" stroke="#333" '
                     'stroke-width="0.8"/>')
        label_x = LEFT + i * step + step / 2
        parts.append(f'<text x="{label_x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                     f'class="tick">W{week.number}</text>')
        parts.append(f'<text x="{label_x:.1f}" y="{HEIGHT - BOTTOM + 30}" text-anchor="middle" '
                     f'class="tick phase">{week.phase[:5]}</text>')
    return parts


def _load_lines(frame: _Frame, loads: dict[str, list[float | None]], unit: str) -> list[str]:
    """A line per main lift's load, with its own dash and mark, on the right axis."""
    if not loads:
        return []
    parts = [f'<text x="{WIDTH - RIGHT + 6}" y="{frame.y_load(tick) + 4:.1f}" '
             f'class="tick">{tick:.0f}</text>' for tick in (0, frame.load_top / 2, frame.load_top)]
    middle = TOP + frame.inner_h / 2
    parts.append(f'<text x="{WIDTH - 10}" y="{middle:.1f}" class="axis" '
                 f'text-anchor="middle" transform="rotate(90 {WIDTH - 10} '
                 f'{middle:.1f})">load ({unit})</text>')
    step = frame.step
    for n, values in enumerate(loads.values()):
        points = [(LEFT + i * step + step / 2, frame.y_load(v)) for i, v in enumerate(values)
                  if v is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#111" stroke-width="2" '
                     f'stroke-dasharray="{DASHES[n % 4]}"/>')
        parts += [_mark(MARKS[n % 4], x, y) for x, y in points]
    return parts


def _legend(loads: dict[str, list[float | None]]) -> list[str]:
    legend_y = HEIGHT - 10
    items: list[tuple[str | int, str]] = [("bar", "working sets"), ("hatch", "deload week")]
    items += [(n, name) for n, name in enumerate(loads)]
    parts = []
    x = LEFT
    for kind, label in items:
        if kind == "bar":
            parts.append(f'<rect x="{x}" y="{legend_y - 9}" width="12" height="10" '
                         'fill="#9aa5b1" stroke="#333"/>')
        elif kind == "hatch":
            parts.append(f'<rect x="{x}" y="{legend_y - 9}" width="12" height="10" '
                         'fill="url(#hatch)" stroke="#333"/>')
        else:
            parts.append(f'<line x1="{x}" y1="{legend_y - 4}" x2="{x + 14}" y2="{legend_y - 4}" '
                         f'stroke="#111" stroke-width="2" stroke-dasharray="{DASHES[int(kind) % 4]}"/>')
        parts.append(f'<text x="{x + 18}" y="{legend_y}" class="legend">{escape(label)}</text>')
        x += 26 + 7 * len(label)
    return parts


def _mark(kind: str, x: float, y: float) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#111"/>'
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="#fff" ' \
               'stroke="#111" stroke-width="1.5"/>'
    if kind == "diamond":
        return f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},' \
               f'{y + 4.5:.1f} {x - 4.5:.1f},{y:.1f}" fill="#111"/>'
    return f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 4:.1f} ' \
           f'{x - 4.5:.1f},{y + 4:.1f}" fill="#fff" stroke="#111" stroke-width="1.5"/>'


TREND_W, TREND_H = 320, 170
TREND_L, TREND_R, TREND_T, TREND_B = 40, 14, 30, 36
TREND_INSET = 22  # the first and last dates sit this far inside the axis, their labels in view
SIDES = (("left", "", "circle"), ("right", "5 3", "square"))  # a side's dash and mark


def check_in_chart(trend: Trend) -> Markup:
    """One check-in test's results over its dates, a line a side (left solid with dots, right
    dashed with squares), each point labelled with its value: readable in black and white, and
    by a screen reader from its title and description."""
    values = [v for v in (*trend.left, *trend.right) if v is not None]
    top = max(values, default=1) * 1.25 or 1
    inner_w, inner_h = TREND_W - TREND_L - TREND_R - 2 * TREND_INSET, TREND_H - TREND_T - TREND_B
    count = len(trend.dates)

    def x(i: int) -> float:
        return TREND_L + TREND_INSET + (inner_w / 2 if count == 1 else inner_w * i / (count - 1))

    def y(v: float) -> float:
        return TREND_T + inner_h - inner_h * v / top

    key = escape(trend.id)
    desc = "; ".join(
        f"{side}: " + ", ".join(f"{trend.value(v)} on {d.day} {d:%b %Y}"
                                for d, v in zip(trend.dates, series, strict=True) if v is not None)
        for side, series in (("left", trend.left), ("right", trend.right))
        if any(v is not None for v in series))
    parts = [f'<svg class="trend-chart" viewBox="0 0 {TREND_W} {TREND_H}" role="img" '
             f'aria-labelledby="trend-{key}-title trend-{key}-desc" '
             'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="trend-{key}-title">{escape(trend.name)}: check-in results</title>',
             f'<desc id="trend-{key}-desc">{escape(desc)}.</desc>',
             f'<line x1="{TREND_L}" y1="{y(0):.1f}" x2="{TREND_W - TREND_R}" y2="{y(0):.1f}" '
             'stroke="#333" stroke-width="1"/>',
             f'<text x="{TREND_L - 6}" y="{y(0) + 4:.1f}" text-anchor="end" class="tick">0</text>',
             f'<text x="4" y="14" class="legend">{escape(trend.name)} '
             f'({"seconds" if trend.unit == "s" else "reps"})</text>']
    for i, d in enumerate(trend.dates):
        parts.append(f'<text x="{x(i):.1f}" y="{TREND_H - TREND_B + 16}" text-anchor="middle" '
                     f'class="tick">{d.day} {d:%b}</text>')
    for n, (side, dash, mark) in enumerate(SIDES):
        series = trend.left if side == "left" else trend.right
        points = [(x(i), y(v), v) for i, v in enumerate(series) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="#111" stroke-width="2" '
                         f'stroke-dasharray="{dash}"/>')
        for px, py, v in points:
            parts.append(_mark(mark, px, py))
            dy = -8 if n == 0 else 16
            parts.append(f'<text x="{px + 6:.1f}" y="{py + dy:.1f}" class="tick">'
                         f'{plain_number(v)}</text>')
        legend_x = TREND_L + 60 * n
        parts.append(f'<line x1="{legend_x}" y1="{TREND_H - 6}" x2="{legend_x + 16}" '
                     f'y2="{TREND_H - 6}" stroke="#111" stroke-width="2" '
                     f'stroke-dasharray="{dash}"/>')
        parts.append(_mark(mark, legend_x + 8, TREND_H - 6))
        parts.append(f'<text x="{legend_x + 21}" y="{TREND_H - 2}" class="legend">{side}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
