"""Reminders for overdue corrective actions: the action's owner gets a task again if theirs was closed without the
action being finished, and the nonconformity's owner gets one follow-up task per nonconformity with overdue actions."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.core.audit import object_type_of
from styring.tasks.jobs import register
from styring.tasks.selectors import open_tasks_about
from styring.tasks.services import task_create

from .choices import ACTIVE_STATUSES
from .models import CorrectiveAction, Nonconformity
from .selectors import overdue_actions


@register("corrective-action-reminders")
def corrective_action_reminders(today=None) -> str:
    """Idempotent: a second run on the same day creates nothing."""
    today = today or timezone.localdate()
    actions = list(
        overdue_actions(today=today)
        .filter(nonconformity__status__in=ACTIVE_STATUSES)
        .select_related("organisation", "owner", "nonconformity__organisation", "nonconformity__owner")
        .order_by("organisation_id", "due_date", "id")
    )
    by_organisation: dict = {}
    for action in actions:
        by_organisation.setdefault(action.organisation, []).append(action)
    created = 0
    for organisation, items in by_organisation.items():
        open_action_tasks = open_tasks_about(
            organisation, object_type_of(CorrectiveAction), [action.public_id for action in items]
        )
        nonconformities = {action.nonconformity.pk: action.nonconformity for action in items}
        open_follow_ups = open_tasks_about(
            organisation, object_type_of(Nonconformity), [record.public_id for record in nonconformities.values()]
        )
        with transaction.atomic():
            for action in items:
                if str(action.public_id) in open_action_tasks:
                    continue
                task = task_create(
                    organisation=organisation,
                    actor=None,
                    title=(_("Overdue corrective action %(reference)s: %(action)s")
                           % {"reference": action.nonconformity.reference, "action": action})[:300],
                    owner=action.owner,
                    due_date=action.due_date,
                    description=action.description,
                    subject=action,
                    subject_url=action.get_absolute_url(),
                )  # fmt: skip
                CorrectiveAction.objects.filter(pk=action.pk).update(task=task)
                created += 1
            for record in nonconformities.values():
                if str(record.public_id) in open_follow_ups:
                    continue
                task_create(
                    organisation=organisation,
                    actor=None,
                    title=_("Follow up overdue corrective actions of %(nonconformity)s")
                    % {"nonconformity": str(record)[:200]},
                    owner=record.owner,
                    due_date=today,
                    subject=record,
                    subject_url=record.get_absolute_url(),
                )
                created += 1
    return f"{created} corrective action reminder task(s) created"
