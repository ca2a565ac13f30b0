"""Writes for the gap analysis. Every change is validated and logged in the same transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from styring.core.services import tenant_create, tenant_delete, tenant_update
from styring.tasks.models import OPEN_STATUSES, Task
from styring.tasks.services import task_create

from .choices import OPEN_GAP_STATUSES
from .models import GapAnswer

EDITABLE = ("status", "maturity", "note", "owner", "target_date", "evidence_links")


def gap_answer_save(
    *, organisation, actor, requirement, expected_version: int | None = None, reason: str = "", **data: Any
) -> GapAnswer:
    """Create or update the organisation's answer for `requirement` with the given fields."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        answer = GapAnswer.objects.for_organisation(organisation).filter(requirement=requirement).first()
        if answer is None:
            return tenant_create(
                instance=GapAnswer(organisation=organisation, requirement=requirement, **data),
                actor=actor,
                reason=reason,
            )
        return tenant_update(instance=answer, actor=actor, data=data, expected_version=expected_version, reason=reason)


def gap_answer_delete(*, answer: GapAnswer, actor, reason: str = "") -> None:
    tenant_delete(instance=answer, actor=actor, reason=reason)


def gap_answers_bulk_update(*, organisation, actor, requirements, reason: str = "", **data: Any) -> int:
    """Apply the same fields to many requirements at once; all or nothing."""
    with transaction.atomic():
        for requirement in requirements:
            gap_answer_save(organisation=organisation, actor=actor, requirement=requirement, reason=reason, **data)
    return len(requirements)


def tasks_for_open_gaps(*, organisation, actor, rows, due_date: datetime.date | None = None, default_owner=None) -> int:
    """One task per open gap (not started, partial, largely; unanswered counts as not started) that has no open
    task yet. The task goes to the answer's owner (or `default_owner`) and is due on its target date (or
    `due_date`). Returns how many were created."""
    from styring.tasks.selectors import open_tasks_about

    created = 0
    with transaction.atomic():
        answers = [row.answer for row in rows if row.answer is not None]
        existing = open_tasks_about(organisation, "controls.gapanswer", [answer.public_id for answer in answers])
        for row in rows:
            answer = row.answer
            if answer is not None and answer.status not in OPEN_GAP_STATUSES:
                continue
            if answer is None:
                answer = gap_answer_save(organisation=organisation, actor=actor, requirement=row.requirement)
            elif str(answer.public_id) in existing:
                continue
            url = reverse(
                "controls:gap-answer",
                kwargs={
                    "org": organisation.slug,
                    "version": row.requirement.version.key,
                    "requirement": row.requirement.key,
                },
            )
            task_create(
                organisation=organisation,
                actor=actor,
                title=_("Close the gap: %(ref)s %(title)s")
                % {"ref": row.requirement.ref, "title": row.requirement.display_title},
                owner=answer.owner or default_owner,
                due_date=answer.target_date or due_date,
                description=answer.note,
                subject=answer,
                subject_url=url,
            )
            created += 1
    return created


def open_task_count(organisation) -> int:
    return (
        Task.objects.for_organisation(organisation)
        .filter(subject_type="controls.gapanswer", status__in=OPEN_STATUSES)
        .count()
    )


def gap_import(*, organisation, actor, version, imported_rows) -> tuple[int, int]:
    """Apply an imported workbook: every row is validated first and saved in one transaction, so a single bad row
    leaves everything as it was. Returns (changed, unchanged) row counts."""
    from django.core.exceptions import ValidationError

    from styring.catalog.models import Requirement

    from .workbook import WorkbookError

    requirements = {r.key: r for r in Requirement.objects.filter(version=version, assessable=True)}
    current = {
        answer.requirement_id: answer
        for answer in GapAnswer.objects.for_organisation(organisation).filter(requirement__version=version)
    }
    changed = unchanged = 0
    errors = []
    with transaction.atomic():
        for row in imported_rows:
            requirement = requirements[row.key]
            answer = current.get(requirement.pk)
            if answer is not None and all(getattr(answer, name) == value for name, value in row.data.items()):
                unchanged += 1
                continue
            if (
                answer is None
                and row.data["status"] == "not_started"
                and not any(row.data[name] for name in ("maturity", "owner", "target_date", "note", "evidence_links"))
            ):
                unchanged += 1
                continue
            try:
                gap_answer_save(
                    organisation=organisation,
                    actor=actor,
                    requirement=requirement,
                    reason=_("Imported from a workbook"),
                    **row.data,
                )
            except ValidationError as exc:
                errors.append(_("Row %(line)d: %(problems)s") % {"line": row.line, "problems": "; ".join(exc.messages)})
                continue
            changed += 1
        if errors:
            raise WorkbookError(errors)  # rolls back every row saved above
    return changed, unchanged
