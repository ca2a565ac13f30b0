"""Numbers for the server-rendered SVG progress chart."""

BAR_SPACING = 24
BAR_WIDTH = 340


def _colour(percent: int) -> str:
    # Colours with at least 3:1 contrast against the light track, from red through amber to green.
    if percent >= 80:
        return "#198754"
    if percent >= 50:
        return "#b35c00"
    return "#b02a37"


def progress_bars(groups) -> dict:
    bars = [
        {
            "y": index * BAR_SPACING,
            "label": f"{group.group.ref} {group.group.display_title}",
            "percent": group.percent,
            "width": round(BAR_WIDTH * group.percent / 100),
            "colour": _colour(group.percent),
        }
        for index, group in enumerate(groups)
    ]
    return {"bars": bars, "chart_height": max(len(bars), 1) * BAR_SPACING}
