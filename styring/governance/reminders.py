"""Tasks created by this area: one per recipient of a reported concern, and reminders of communications due."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.tasks import jobs
from styring.tasks.services import task_create

from .models import CommunicationItem, Concern

REMIND_DAYS_BEFORE = 7


def notify_recipients(concern: Concern, recipients, *, actor, at=None) -> list:
    """One task per recipient. The title is neutral and nothing in the task names the reporter.

    `at` gives the tasks' change-log events the coarse time of an anonymous report."""
    return [
        task_create(
            organisation=concern.organisation,
            actor=actor,
            title=_("Handle a reported concern (%(reference)s)") % {"reference": concern.reference},
            description=_("A concern about the organisation's AI was reported. Open it to review and respond."),
            owner=recipient,
            subject=concern,
            subject_url=concern.get_absolute_url(),
            at=at,
        )
        for recipient in recipients
    ]


@jobs.register("communication-reminders")
def communication_reminders(today: datetime.date | None = None) -> str:
    """One open task per communication due within 7 days (or overdue), for the person who communicates."""
    from styring.tasks.selectors import open_tasks_about

    today = today or timezone.localdate()
    due = CommunicationItem.objects.filter(
        next_due_on__isnull=False, next_due_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    ).select_related("organisation", "communicator__user")
    by_organisation: dict = {}
    for item in due:
        by_organisation.setdefault(item.organisation, []).append(item)
    created = 0
    for organisation, items in by_organisation.items():
        existing = open_tasks_about(organisation, "governance.communicationitem", [item.public_id for item in items])
        with transaction.atomic():
            for item in items:
                if str(item.public_id) in existing:
                    continue
                task_create(
                    organisation=organisation,
                    actor=None,
                    title=_("Communicate: %(what)s") % {"what": item.what},
                    description=_("Audience: %(audience)s") % {"audience": item.audience},
                    owner=item.communicator,
                    due_date=item.next_due_on,
                    subject=item,
                    subject_url=item.get_absolute_url(),
                )
                created += 1
    return f"{created} communication reminder tasks created"
