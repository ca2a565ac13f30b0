"""Reads for the gap analysis, each in a fixed number of queries whatever the size of the framework."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from styring.catalog.choices import INVERSE_RELATIONSHIP
from styring.catalog.models import FrameworkVersion, Mapping, Requirement
from styring.tasks.models import OPEN_STATUSES, Task

from .choices import STATUS_SCORE, GapStatus
from .models import GapAnswer


@dataclass
class Suggestion:
    requirement: Requirement
    answer: GapAnswer
    relationship: str


@dataclass
class GapRow:
    requirement: Requirement
    group: Requirement
    answer: GapAnswer | None
    suggestions: list[Suggestion] = field(default_factory=list)
    open_tasks: int = 0

    @property
    def status(self) -> str:
        return self.answer.status if self.answer else GapStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return GapStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status not in (GapStatus.FULLY, GapStatus.NOT_APPLICABLE)


@dataclass
class GroupProgress:
    group: Requirement
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    score_sum: int = 0
    applicable: int = 0

    @property
    def percent(self) -> int:
        return round(self.score_sum / self.applicable) if self.applicable else 100


def assessable_versions():
    """Framework versions that have gap-analysis rows, with their framework."""
    return FrameworkVersion.objects.filter(requirements__assessable=True).distinct().select_related("framework")


def gap_rows(organisation, version: FrameworkVersion) -> list[GapRow]:
    """Every assessable requirement of `version` in document order with the organisation's answer, its group
    (the clause, or the Annex A domain), suggestions from mapped requirements and the number of open tasks."""
    requirements = list(Requirement.objects.filter(version=version).order_by("position"))
    answers = {
        answer.requirement_id: answer
        for answer in GapAnswer.objects.for_organisation(organisation)
        .filter(requirement__version=version)
        .select_related("owner__user")
    }
    rows: list[GapRow] = []
    stack: list[Requirement] = []
    for requirement in requirements:
        del stack[requirement.depth :]
        stack.append(requirement)
        if not requirement.assessable:
            continue
        group = stack[1] if stack[0].kind == "annex" and len(stack) > 1 else stack[0]
        rows.append(GapRow(requirement, group, answers.get(requirement.pk)))
    _attach_suggestions(organisation, rows)
    _attach_open_tasks(organisation, rows)
    return rows


def _attach_suggestions(organisation, rows: list[GapRow]) -> None:
    """Answers the organisation gave on requirements mapped to these ones (in either direction)."""
    by_id = {row.requirement.pk: row for row in rows}
    mappings = Mapping.objects.filter(Q(source_id__in=by_id) | Q(target_id__in=by_id)).values_list(
        "source_id", "target_id", "relationship"
    )
    counterpart_of: dict[int, list[tuple[int, str]]] = {}
    for source_id, target_id, relationship in mappings:
        if source_id in by_id:
            counterpart_of.setdefault(source_id, []).append((target_id, relationship))
        if target_id in by_id:
            counterpart_of.setdefault(target_id, []).append((source_id, INVERSE_RELATIONSHIP[relationship]))
    wanted = {other for pairs in counterpart_of.values() for other, _ in pairs}
    if not wanted:
        return
    answers = {
        answer.requirement_id: answer
        for answer in GapAnswer.objects.for_organisation(organisation)
        .filter(requirement_id__in=wanted)
        .select_related("requirement__version__framework")
    }
    for requirement_id, pairs in counterpart_of.items():
        row = by_id[requirement_id]
        for other_id, relationship in pairs:
            answer = answers.get(other_id)
            if answer is not None:
                row.suggestions.append(Suggestion(answer.requirement, answer, relationship))


def _attach_open_tasks(organisation, rows: list[GapRow]) -> None:
    # All open gap tasks of the organisation in one query (an `IN` list would skip the query when empty and make
    # the page's query count depend on the data).
    counts: dict[str, int] = {}
    for subject_id in (
        Task.objects.for_organisation(organisation)
        .filter(subject_type="controls.gapanswer", status__in=OPEN_STATUSES)
        .values_list("subject_id", flat=True)
    ):
        counts[subject_id] = counts.get(subject_id, 0) + 1
    for row in rows:
        if row.answer:
            row.open_tasks = counts.get(str(row.answer.public_id), 0)


def progress(rows: list[GapRow]) -> tuple[list[GroupProgress], GroupProgress | None]:
    """Progress per group and overall: the average implementation score of applicable requirements."""
    groups: dict[int, GroupProgress] = {}
    overall = None
    for row in rows:
        entry = groups.setdefault(row.group.pk, GroupProgress(row.group))
        if overall is None:
            overall = GroupProgress(row.group)
        for target in (entry, overall):
            target.total += 1
            target.counts[row.status] = target.counts.get(row.status, 0) + 1
            if row.status != GapStatus.NOT_APPLICABLE:
                target.applicable += 1
                target.score_sum += STATUS_SCORE[row.status]
    return list(groups.values()), overall


def gap_summary(organisation, version_key: str = "iso42001:2023") -> dict | None:
    """Overall progress and open gaps of the organisation's main gap analysis, for the dashboard."""
    version = FrameworkVersion.objects.filter(key=version_key).first()
    if version is None:
        return None
    rows = gap_rows(organisation, version)
    _groups, overall = progress(rows)
    answered = sum(1 for row in rows if row.answer is not None)
    return {
        "version": version,
        "percent": overall.percent if overall else 0,
        "answered": answered,
        "total": len(rows),
        "open": sum(1 for row in rows if row.is_open),
    }
