"""A server-rendered SVG line chart of a metric's measurements with its warning and breach thresholds."""

from __future__ import annotations

from django.utils import timezone

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 28
COLOURS = {"ok": "#2f9e44", "warning": "#f08c00", "breach": "#e03131"}


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def line_chart(metric, measurements) -> dict | None:
    if not measurements:
        return None
    values = [float(m.value) for m in measurements]
    thresholds = [float(t) for t in (metric.warning_threshold, metric.breach_threshold) if t is not None]
    low, high = min(values + thresholds), max(values + thresholds)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    times = [m.measured_at.timestamp() for m in measurements]
    start, end = times[0], times[-1]
    span = (end - start) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t):
        return round(LEFT + (plot_w * (t - start) / span if end > start else plot_w / 2), 1)

    def y(v):
        return round(TOP + plot_h * (high - v) / (high - low), 1)

    points = [
        {"x": x(t), "y": y(v), "colour": COLOURS.get(m.status, "#495057"), "label": f"{_fmt(v)}",
         "when": timezone.localtime(m.measured_at).strftime("%Y-%m-%d %H:%M")}
        for t, v, m in zip(times, values, measurements, strict=True)
    ]  # fmt: skip
    lines = []
    for name, threshold, colour in (
        ("warning", metric.warning_threshold, COLOURS["warning"]),
        ("breach", metric.breach_threshold, COLOURS["breach"]),
    ):
        if threshold is not None:
            lines.append({"name": name, "y": y(float(threshold)), "colour": colour, "label": _fmt(float(threshold))})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points if len(points) <= 200 else [],
        "thresholds": lines,
        "y_max": _fmt(high),
        "y_min": _fmt(low),
        "start": points[0]["when"],
        "end": points[-1]["when"],
        "count": len(points),
    }
