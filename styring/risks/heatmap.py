"""Heat maps of the risk register on the current method: one cell per likelihood × impact, coloured by the level
the method gives it, with the number of risks; each cell links to the register filtered to it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .models import RiskMethod
from .selectors import heatmap_counts

CELL, LEFT, TOP = 64, 120, 8


@dataclass
class Cell:
    x: int
    y: int
    count: int
    colour: str
    level: str
    url: str
    label: str
    selected: bool


def heatmap(method: RiskMethod, risks, stage: str, base_query: dict, selected: str = "") -> dict:
    """`risks` is the filtered register; only risks rated with `method` are placed (others use other scales)."""
    counts = heatmap_counts(risks.filter(method=method), stage) if method.pk else {}
    rows = len(method.likelihood)
    cells = []
    for likelihood in range(1, rows + 1):
        for impact in range(1, len(method.impact) + 1):
            level = method.level_of(likelihood, impact)
            value = f"{likelihood}-{impact}"
            query = {**base_query, stage: value}
            count = counts.get((likelihood, impact), 0)
            cells.append(
                Cell(
                    x=LEFT + (impact - 1) * CELL,
                    y=TOP + (rows - likelihood) * CELL,  # most likely at the top
                    count=count,
                    colour=method.level_colour(level),
                    level=method.level_label(level),
                    url="?" + urlencode(query),
                    label=_("Likelihood %(likelihood)s, impact %(impact)s, level %(level)s: %(count)s risks")
                    % {
                        "likelihood": method.likelihood_label(likelihood),
                        "impact": method.impact_label(impact),
                        "level": method.level_label(level),
                        "count": count,
                    },
                    selected=selected == value,
                )
            )
    return {
        "stage": stage,
        "cells": cells,
        "cell": CELL,
        "width": LEFT + len(method.impact) * CELL + 8,
        "height": TOP + rows * CELL + 56,
        "row_labels": [
            {"y": TOP + (rows - value) * CELL + CELL // 2, "text": method.likelihood_label(value)}
            for value in range(1, rows + 1)
        ],
        "column_labels": [
            {"x": LEFT + (value - 1) * CELL + CELL // 2, "text": method.impact_label(value)}
            for value in range(1, len(method.impact) + 1)
        ],
        "axis_y": TOP + rows * CELL + 40,
        "total": sum(counts.values()),
    }
