"""Readiness for certification, per step of the journey, computed from the records themselves (not from ticks).

Each domain app registers checks for the step it serves (`@readiness.check(step)` in its `readiness.py`); a check
looks at the organisation's data in a fixed number of queries and returns how far that aspect is achieved (0–1),
how much it weighs, and the gaps with a link to where each is fixed. A step's score is the weighted average."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Gap:
    text: str
    url: str


@dataclass(frozen=True)
class Finding:
    title: str
    achieved: float  # 0 (nothing) … 1 (fully achieved)
    weight: int = 1
    gaps: tuple[Gap, ...] = ()


@dataclass
class StepScore:
    number: int
    label: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def score(self) -> int | None:
        total = sum(finding.weight for finding in self.findings)
        if not total:
            return None
        return round(100 * sum(finding.achieved * finding.weight for finding in self.findings) / total)

    @property
    def gaps(self) -> list[Gap]:
        return [gap for finding in self.findings for gap in finding.gaps]


STEPS = {
    1: _("Map AI use"),
    2: _("Gap analysis"),
    3: _("Establish the AIMS"),
    4: _("Controls and risks"),
    5: _("Operate and monitor"),
    6: _("Audit and review"),
    7: _("Improve"),
}

Check = Callable[[object], Finding | None]
_checks: dict[int, list[Check]] = {number: [] for number in STEPS}


def check(step: int):
    def decorator(function: Check) -> Check:
        if function not in _checks[step]:
            _checks[step].append(function)
        return function

    return decorator


def ratio(good: int, total: int) -> float:
    """Share achieved; nothing recorded yet counts as nothing achieved."""
    return good / total if total else 0.0


def readiness(organisation) -> list[StepScore]:
    steps = []
    for number, label in STEPS.items():
        step = StepScore(number, str(label))
        for function in _checks[number]:
            finding = function(organisation)
            if finding is not None:
                step.findings.append(finding)
        steps.append(step)
    return steps


def overall(steps: list[StepScore]) -> int:
    scores = [step.score for step in steps if step.score is not None]
    return round(sum(scores) / len(scores)) if scores else 0
