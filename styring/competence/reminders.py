"""Reminders to renew competences before they lapse."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styring.tasks import jobs

from .models import PersonCompetence

REMIND_DAYS_BEFORE = 30


@jobs.register("competence-expiry-reminders")
def expiry_reminders(today=None) -> str:
    """One open task per person's competence that expires within 30 days, for the member (nobody for a person
    outside Styring). Running it again creates nothing new while the task is open."""
    from styring.tasks.selectors import open_tasks_about
    from styring.tasks.services import task_create

    today = today or timezone.localdate()
    due = PersonCompetence.objects.filter(
        expires_on__gte=today, expires_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
    ).select_related("organisation", "member__user", "competence")
    by_organisation: dict = {}
    for record in due:
        by_organisation.setdefault(record.organisation, []).append(record)
    created = 0
    for organisation, records in by_organisation.items():
        existing = open_tasks_about(
            organisation, "competence.personcompetence", [record.public_id for record in records]
        )
        with transaction.atomic():
            for record in records:
                if str(record.public_id) in existing:
                    continue
                task_create(
                    organisation=organisation,
                    actor=None,
                    title=_("Renew competence: %(competence)s (%(person)s)")
                    % {"competence": record.competence, "person": record.holder_name},
                    owner=record.member,
                    due_date=record.expires_on,
                    subject=record,
                    subject_url=record.get_absolute_url(),
                )
                created += 1
    return f"{created} competence renewal tasks created"
