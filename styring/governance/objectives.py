"""The status of an AI objective, computed from its target, dates and measurements (never typed in), and the
server-rendered trend chart of its measurements."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .choices import Direction, ObjectiveStatus

STALE_AFTER_DAYS = 90


def target_met(direction: str, value: float, target: float) -> bool:
    if direction == Direction.DECREASE:
        return value <= target
    return value >= target  # increase, and maintain (keep at the target or above)


def expected_value(objective, on: datetime.date) -> float | None:
    """Where the value should be on `on` if it moved in a straight line from the baseline at the start date to the
    target at the due date; None when the objective lacks a baseline, start or due date."""
    if objective.baseline is None or objective.start_date is None or objective.due_date is None:
        return None
    span = (objective.due_date - objective.start_date).days
    if span <= 0:
        return objective.target_value
    fraction = min(max((on - objective.start_date).days / span, 0.0), 1.0)
    return objective.baseline + (objective.target_value - objective.baseline) * fraction


def objective_status(
    objective, latest_value: float | None, latest_on: datetime.date | None, today: datetime.date
) -> ObjectiveStatus:
    """- not measured: no measurement yet;
    - achieved: the latest value meets the target (for "maintain": once the due date has passed; before it the
      objective is on track while the target is met);
    - missed: the due date has passed and the latest value does not meet the target;
    - at risk: the latest value is behind the straight line from baseline to target, is older than 90 days, or (for
      "maintain") does not meet the target;
    - on track otherwise."""
    if latest_value is None or latest_on is None:
        return ObjectiveStatus.NOT_MEASURED
    met = target_met(objective.direction, latest_value, objective.target_value)
    overdue = objective.due_date is not None and today > objective.due_date
    if met and (objective.direction != Direction.MAINTAIN or overdue):
        return ObjectiveStatus.ACHIEVED
    if overdue:
        return ObjectiveStatus.MISSED
    if (today - latest_on).days > STALE_AFTER_DAYS:
        return ObjectiveStatus.AT_RISK
    if objective.direction == Direction.MAINTAIN:
        return ObjectiveStatus.ON_TRACK if met else ObjectiveStatus.AT_RISK
    expected = expected_value(objective, latest_on)
    if expected is not None:
        behind = latest_value > expected if objective.direction == Direction.DECREASE else latest_value < expected
        if behind:
            return ObjectiveStatus.AT_RISK
    return ObjectiveStatus.ON_TRACK


def status_of(objective, today: datetime.date) -> ObjectiveStatus:
    """For an objective read through `selectors.objectives_of` (latest measurement annotated)."""
    return objective_status(objective, objective.latest_value, objective.latest_on, today)


STATUS_BADGE = {
    ObjectiveStatus.NOT_MEASURED: "text-bg-secondary",
    ObjectiveStatus.ON_TRACK: "text-bg-primary",
    ObjectiveStatus.AT_RISK: "text-bg-warning",
    ObjectiveStatus.ACHIEVED: "text-bg-success",
    ObjectiveStatus.MISSED: "text-bg-danger",
}

# --- trend chart ---------------------------------------------------------------------------------------------------

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


def trend_chart(objective, measurements: list, today: datetime.date) -> dict | None:
    """Coordinates for the SVG chart: the measured values over time, the target line, the planned straight line
    and the due date. None without measurements."""
    if not measurements:
        return None
    dates = [m.measured_on for m in measurements]
    for extra in (objective.start_date, objective.due_date):
        if extra is not None:
            dates.append(extra)
    first, last = min(dates), max(dates)
    if first == last:
        first, last = first - datetime.timedelta(days=1), last + datetime.timedelta(days=1)
    values = [m.value for m in measurements] + [objective.target_value]
    if objective.baseline is not None:
        values.append(objective.baseline)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    margin = (high - low) * 0.08
    low, high = low - margin, high + margin
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: datetime.date) -> float:
        return round(LEFT + plot_w * (day - first).days / (last - first).days, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (high - value) / (high - low), 1)

    points = [Point(x(m.measured_on), y(m.value), f"{m.measured_on.isoformat()}: {m.value:g}") for m in measurements]
    plan = None
    if expected_value(objective, objective.start_date or first) is not None:
        plan = {
            "x1": x(objective.start_date),
            "y1": y(objective.baseline),
            "x2": x(objective.due_date),
            "y2": y(objective.target_value),
        }
    ticks = [{"y": y(value), "label": f"{value:.4g}"} for value in (low + margin, (low + high) / 2, high - margin)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "points": points,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
        "target_y": y(objective.target_value),
        "due_x": x(objective.due_date) if objective.due_date else None,
        "plan": plan,
        "ticks": ticks,
        "first_label": first.isoformat(),
        "last_label": last.isoformat(),
    }
